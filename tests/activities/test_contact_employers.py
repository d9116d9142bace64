"""Issue 8: the contact form offers the employers of the participant's case, not the whole
register (5 000 names in every participant page), and finds any other by a search that is
POSTed (a sole proprietorship carries a person's name). Without JavaScript, what is typed in
the search is offered back to choose from."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from placetrain.activities.models import Contact
from tests.factories import (
    ContactFactory,
    EmployerFactory,
    EmploymentFactory,
    OrganisationFactory,
    PlacementFactory,
)
from tests.html import parse

pytestmark = pytest.mark.usefixtures("english_pages")

FIELD = "kontakt-employer"


def offered(client, participant) -> list[str]:
    url = reverse("activities:contact-log", args=[participant.pk])
    return parse(client.get(url)).options(FIELD)


def sent(**fields) -> dict:
    data = {
        "channel": Contact.Channel.PHONE,
        "note": "Ringte",
        "counterpart": Contact.Counterpart.EMPLOYER,
        "occurred_at": timezone.localtime(timezone.now() - dt.timedelta(hours=1)).strftime(
            "%Y-%m-%dT%H:%M"
        ),
        "duration_minutes": "15",
        **fields,
    }
    return {f"kontakt-{k}": v for k, v in data.items()}


class TestTheEmployersOffered:
    def test_the_employers_of_the_case_and_nobody_else(self, world, as_specialist):
        participant = world.participant_a
        placed = PlacementFactory(participant=participant, employer=world.employer).employer
        hired = EmploymentFactory(participant=participant).employer
        called = ContactFactory(
            participant=participant, employer=EmployerFactory(organisation=world.org)
        ).employer
        others = [EmployerFactory(organisation=world.org) for _ in range(5)]

        shown = offered(as_specialist, participant)

        assert set(shown) == {"", str(placed.pk), str(hired.pk), str(called.pk)}
        assert not {str(e.pk) for e in others} & set(shown)

    def test_a_large_register_is_not_rendered_into_the_page(self, world, as_specialist):
        EmployerFactory.create_batch(60, organisation=world.org)

        page = as_specialist.get(
            reverse("participants:participant-detail", args=[world.participant_a.pk])
        )

        assert parse(page).options(FIELD) == [""]

    def test_an_employer_outside_the_list_but_in_the_register_can_be_saved(
        self, world, as_specialist
    ):
        found = EmployerFactory(organisation=world.org, name="Sykehjemmet i Elvestad")

        response = as_specialist.post(
            reverse("activities:contact-log", args=[world.participant_a.pk]),
            sent(employer=str(found.pk)),
        )

        assert response.status_code == 302
        assert Contact.objects.get(participant=world.participant_a).employer == found

    def test_an_employer_of_another_organisation_is_refused(self, world, as_specialist):
        elsewhere = EmployerFactory(organisation=OrganisationFactory())

        response = as_specialist.post(
            reverse("activities:contact-log", args=[world.participant_a.pk]),
            sent(employer=str(elsewhere.pk)),
        )

        assert "employer" in response.context["form"].errors
        assert not Contact.objects.exists()


class TestFindingAnotherEmployer:
    def test_the_search_answers_with_the_matching_employers_as_options(self, world, as_specialist):
        home = EmployerFactory(organisation=world.org, name="Sykehjemmet i Elvestad")
        EmployerFactory(organisation=world.org, name="Kiwi Sentrum")
        EmployerFactory(organisation=OrganisationFactory(), name="Sykehjemmet i Nabobyen")

        response = as_specialist.post(
            reverse("employers:employer-options"), {"kontakt-employer_search": "sykehjem"}
        )

        page = parse(f"<select name='x'>{response.content.decode()}</select>")
        assert page.options("x") == ["", str(home.pk)]

    def test_nothing_matching_says_so(self, world, as_specialist):
        response = as_specialist.post(
            reverse("employers:employer-options"), {"kontakt-employer_search": "finnes ikke"}
        )

        assert "No employer matches" in response.content.decode()

    def test_the_search_is_wired_to_the_list(self, world, as_specialist):
        url = reverse("activities:contact-log", args=[world.participant_a.pk])
        search = parse(as_specialist.get(url)).field("kontakt-employer_search")

        assert search["hx-post"] == reverse("employers:employer-options")
        assert search["hx-target"] == f"#id_{FIELD}"

    def test_without_javascript_the_typed_search_is_offered_back(self, world, as_specialist):
        home = EmployerFactory(organisation=world.org, name="Sykehjemmet i Elvestad")

        response = as_specialist.post(
            reverse("activities:contact-log", args=[world.participant_a.pk]),
            sent(employer="", employer_search="sykehjem"),
        )

        assert "employer" in response.context["form"].errors
        page = parse(response)
        assert str(home.pk) in page.options(FIELD)
        assert page.value("kontakt-employer_search") == "sykehjem"
        assert not Contact.objects.exists()
