"""The participant list: filters in the URL, name searches never (they are POSTed)."""

from django.urls import reverse

from tests.factories import ParticipantFactory

LIST = reverse("participants:participant-list")


def names(response) -> list[str]:
    return [p.last_name for p in response.context["page"].object_list]


def test_a_name_search_is_posted_and_finds_the_participant(world, as_specialist):
    ParticipantFactory(specialist=world.specialist_a, last_name="Ødeqåx")
    response = as_specialist.post(LIST, {"q": "ødeqÅX"})
    assert response.status_code == 200
    assert names(response) == ["Ødeqåx"]


def test_the_search_form_posts_and_does_not_push_the_words_into_the_url(as_specialist):
    body = as_specialist.get(LIST).content.decode()
    form = body[body.index('id="deltakersok"') - 200 : body.index('id="deltakersok"') + 400]
    assert 'method="post"' in form
    assert "hx-push-url" not in form
    assert 'hx-post="/deltakere/"' in form


def test_a_name_in_the_url_is_ignored(world, as_specialist):
    ParticipantFactory(specialist=world.specialist_a, last_name="Ødeqåx")
    response = as_specialist.get(LIST, {"q": "Ødeqåx"})
    assert len(names(response)) == 2  # participant_a and Ødeqåx: no name filter applied


def test_status_filters_still_travel_in_the_url(world, as_specialist):
    ParticipantFactory(specialist=world.specialist_a, status="active")
    response = as_specialist.get(LIST, {"status": "active"})
    assert [p.status for p in response.context["page"].object_list] == ["active"]


def test_a_posted_search_pages_by_resubmitting_the_form(world, as_specialist):
    ParticipantFactory.create_batch(55, specialist=world.specialist_a, last_name="Zyxberg")
    first = as_specialist.post(LIST, {"q": "zyxberg"})
    body = first.content.decode()
    assert 'form="deltakersok" name="page" value="2"' in body
    assert "?q=" not in body and "q=zyxberg" not in body
    second = as_specialist.post(LIST, {"q": "zyxberg", "page": "2"})
    assert second.context["page"].number == 2
    assert len(names(second)) == 5


def test_the_specialist_filter_offers_those_responsible_for_someone_the_user_sees(
    world, client_for
):
    """The team's specialists, not the organisation's: another team's would find nobody (and
    an organisation of hundreds of specialists would render hundreds of options)."""
    ParticipantFactory(specialist=world.specialist_a2, team=world.team_a)

    leader = client_for(world.leader_a).get(LIST)
    specialist = client_for(world.specialist_b).get(LIST)

    offered = leader.context["filter_form"].fields["specialist"].queryset
    assert set(offered) == {world.specialist_a, world.specialist_a2}
    assert set(specialist.context["filter_form"].fields["specialist"].queryset) == {
        world.specialist_b
    }
    # Filtering by one of them still works.
    chosen = client_for(world.leader_a).get(LIST, {"specialist": world.specialist_a2.pk})
    assert [p.specialist_id for p in chosen.context["page"].object_list] == [world.specialist_a2.pk]
