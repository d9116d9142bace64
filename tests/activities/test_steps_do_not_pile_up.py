"""Issue 7, point 3: next steps do not pile up, and a contact is stored once. A new next step
replaces the open follow-up agreed in an earlier contact (by default; "comes in addition" keeps
both); open steps are ticked off in the same form; the form sent twice — a double tap, two
requests at once, a reload — stores one contact and one next step; after saving, the form is
empty with a new token and the confirmation comes first."""

from __future__ import annotations

import datetime as dt
import threading
import uuid

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from placetrain.activities import services
from placetrain.activities.models import Contact, NextStep
from placetrain.lib.dates import today
from tests.factories import ContactFactory, NextStepFactory, ParticipantFactory
from tests.html import parse

pytestmark = pytest.mark.usefixtures("english_pages")

PREFIX = "kontakt"


def url(participant) -> str:
    return reverse("activities:contact-log", args=[participant.pk])


def sent(**fields) -> dict:
    data = {
        "channel": Contact.Channel.PHONE,
        "note": "Ringte om vaktplanen",
        "counterpart": Contact.Counterpart.PARTICIPANT,
        "occurred_at": timezone.localtime(timezone.now() - dt.timedelta(hours=1)).strftime(
            "%Y-%m-%dT%H:%M"
        ),
        "duration_minutes": "30",
        "next_step_when": "14",
        "submission": str(uuid.uuid4()),
    }
    data.update(fields)
    return {f"{PREFIX}-{name}": value for name, value in data.items() if value is not None}


def follow_up_from_a_contact(world, **fields) -> NextStep:
    """An open next step agreed in an earlier contact (the kind a new one replaces)."""
    earlier = ContactFactory(participant=world.participant_a, organisation=world.org)
    fields = {"description": "Oppfølging", "due_on": today() + dt.timedelta(days=3), **fields}
    return NextStepFactory(participant=world.participant_a, contact=earlier, **fields)


def form_page(client, participant):
    return parse(client.get(url(participant)))


class TestANewNextStepReplacesTheOpenFollowUp:
    def test_by_default_the_open_follow_up_moves_instead_of_a_second_one(
        self, world, as_specialist
    ):
        step = follow_up_from_a_contact(world)
        page = form_page(as_specialist, world.participant_a)
        assert page.value(f"{PREFIX}-replaces") == str(step.pk)  # offered, chosen already

        as_specialist.post(url(world.participant_a), sent(replaces=str(step.pk)))

        open_steps = list(NextStep.objects.open().filter(participant=world.participant_a))
        assert open_steps == [step]
        step.refresh_from_db()
        assert step.due_on == today() + dt.timedelta(days=14)
        assert step.contact == Contact.objects.latest("pk")
        change = LogEntry.objects.get_for_object(step).get(action=LogEntry.Action.UPDATE)
        assert change.actor == world.specialist_a
        assert set(change.changes) == {"due_on", "contact", "description"}

    def test_comes_in_addition_keeps_both(self, world, as_specialist):
        step = follow_up_from_a_contact(world)

        as_specialist.post(url(world.participant_a), sent(replaces=""))

        assert NextStep.objects.open().filter(participant=world.participant_a).count() == 2
        step.refresh_from_db()
        assert step.due_on == today() + dt.timedelta(days=3)

    def test_the_choice_is_shown_with_the_step_and_its_date(self, world, as_specialist):
        follow_up_from_a_contact(world, description="Ring butikksjefen")

        page = form_page(as_specialist, world.participant_a)

        text = page.one(f"#id_{PREFIX}-replaces").text
        assert "Replaces “Ring butikksjefen, due" in text
        assert "Comes in addition" in text

    def test_a_meeting_action_is_not_replaced_by_a_follow_up(self, world, as_specialist):
        action = NextStepFactory(participant=world.participant_a, description="Skaffe arbeidstøy")

        page = form_page(as_specialist, world.participant_a)

        assert f"{PREFIX}-replaces" not in {c.get("name") for c in page.controls}
        as_specialist.post(url(world.participant_a), sent())
        assert NextStep.objects.open().filter(participant=world.participant_a).count() == 2
        action.refresh_from_db()
        assert action.description == "Skaffe arbeidstøy"

    def test_without_a_new_next_step_nothing_is_replaced(self, world, as_specialist):
        step = follow_up_from_a_contact(world)

        as_specialist.post(url(world.participant_a), sent(next_step_when="", replaces=str(step.pk)))

        step.refresh_from_db()
        assert step.due_on == today() + dt.timedelta(days=3) and step.done_at is None

    def test_a_step_done_meanwhile_is_not_reopened(self, world):
        step = follow_up_from_a_contact(world)
        NextStep.objects.filter(pk=step.pk).update(done_at=timezone.now())

        services.contact_log(
            user=world.specialist_a,
            participant=world.participant_a,
            data={"note": "Ringte", "occurred_at": timezone.now()},
            next_step=("Oppfølging", today() + dt.timedelta(days=14)),
            steps=services.StepsTended(replaces=step),
        )

        step.refresh_from_db()
        assert step.due_on == today() + dt.timedelta(days=3)
        assert NextStep.objects.open().filter(participant=world.participant_a).count() == 1


class TestTickingOffFromTheContactForm:
    def test_one_tick_marks_an_open_step_done(self, world, as_specialist):
        step = NextStepFactory(participant=world.participant_a, description="Sende CV")

        as_specialist.post(
            url(world.participant_a), sent(next_step_when="", done_steps=str(step.pk))
        )

        step.refresh_from_db()
        assert step.done_at is not None
        assert Contact.objects.filter(participant=world.participant_a).count() == 1

    def test_ticked_off_and_a_new_follow_up_gives_a_new_step(self, world, as_specialist):
        step = follow_up_from_a_contact(world)

        as_specialist.post(
            url(world.participant_a), sent(done_steps=str(step.pk), replaces=str(step.pk))
        )

        step.refresh_from_db()
        assert step.done_at is not None
        (new,) = NextStep.objects.open().filter(participant=world.participant_a)
        assert new.due_on == today() + dt.timedelta(days=14)

    def test_the_open_steps_are_offered_with_their_dates(self, world, as_specialist):
        NextStepFactory(participant=world.participant_a, description="Sende CV")
        NextStepFactory(participant=world.participant_a, done_at=timezone.now(), description="X")

        page = form_page(as_specialist, world.participant_a)

        offered = page.one(f"#id_{PREFIX}-done_steps").text
        assert "Sende CV, due" in offered
        assert "X, due" not in offered

    def test_another_participants_step_is_refused_and_nothing_is_saved(self, world, as_specialist):
        other = ParticipantFactory(
            organisation=world.org, team=world.team_a, specialist=world.specialist_a
        )
        theirs = NextStepFactory(participant=other)

        response = as_specialist.post(
            url(world.participant_a), sent(next_step_when="", done_steps=str(theirs.pk))
        )

        assert "done_steps" in response.context["form"].errors
        theirs.refresh_from_db()
        assert theirs.done_at is None
        assert not Contact.objects.filter(participant=world.participant_a).exists()

    def test_the_service_refuses_a_step_of_another_participant(self, world):
        theirs = NextStepFactory(
            participant=ParticipantFactory(organisation=world.org, team=world.team_a)
        )

        with pytest.raises(services.WorkflowError):
            services.contact_log(
                user=world.specialist_a,
                participant=world.participant_a,
                data={"note": "Ringte", "occurred_at": timezone.now()},
                steps=services.StepsTended(done=[theirs]),
            )
        assert not Contact.objects.exists()


class TestOneContactPerForm:
    def test_the_same_form_sent_twice_stores_one_contact_and_one_step(self, world, as_specialist):
        data = sent()

        first = as_specialist.post(url(world.participant_a), data)
        again = as_specialist.post(url(world.participant_a), data)  # a double tap or a reload

        assert first.status_code == again.status_code == 302
        assert Contact.objects.filter(participant=world.participant_a).count() == 1
        assert NextStep.objects.filter(participant=world.participant_a).count() == 1

    def test_two_forms_are_two_contacts(self, world, as_specialist):
        as_specialist.post(url(world.participant_a), sent())
        as_specialist.post(url(world.participant_a), sent())

        assert Contact.objects.filter(participant=world.participant_a).count() == 2

    def test_each_empty_form_carries_a_new_token(self, world, as_specialist):
        tokens = {
            form_page(as_specialist, world.participant_a).value(f"{PREFIX}-submission")
            for _ in range(2)
        }

        assert len(tokens) == 2
        assert all(uuid.UUID(token) for token in tokens)

    def test_the_same_token_from_another_user_is_their_own_contact(self, world, client_for):
        data = sent()
        client_for(world.specialist_a).post(url(world.participant_a), data)
        client_for(world.leader_a).post(url(world.participant_a), data)

        authors = Contact.objects.filter(participant=world.participant_a).values_list(
            "author", flat=True
        )
        assert sorted(authors) == sorted([world.specialist_a.pk, world.leader_a.pk])

    def test_the_employer_form_is_stored_once_too(self, world, as_specialist):
        target = reverse("activities:employer-contact-log", args=[world.employer.pk])
        data = {
            f"{PREFIX}-{k}": v
            for k, v in {
                "counterpart": Contact.Counterpart.EMPLOYER,
                "channel": Contact.Channel.PHONE,
                "note": "Ringte",
                "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
                "duration_minutes": "15",
                "submission": str(uuid.uuid4()),
            }.items()
        }

        as_specialist.post(target, data)
        as_specialist.post(target, data)

        assert Contact.objects.filter(employer=world.employer).count() == 1


class TestAfterSaving:
    def test_the_form_comes_back_empty_with_the_confirmation_first(self, world, as_specialist):
        data = sent(note="Besøkt på jobben")

        response = as_specialist.post(
            url(world.participant_a), data, headers={"HX-Request": "true"}
        )

        page = parse(response)
        first = next(page.iter())
        assert first.get("role") == "status" and "autofocus" in first
        assert page.value(f"{PREFIX}-note") == ""
        assert page.value(f"{PREFIX}-next_step_when") == ""
        token = page.value(f"{PREFIX}-submission")
        assert token and token != data[f"{PREFIX}-submission"]

    def test_the_confirmation_is_scrolled_into_view(self, world, as_specialist):
        form = form_page(as_specialist, world.participant_a).one("#kontaktskjema")

        assert "show:#kontakt:top" in form["hx-swap"]
        assert form["hx-disabled-elt"] == "find button[type=submit]"


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_posts_of_one_form_store_one_contact(world):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: two real connections writing at once")
    barrier = threading.Barrier(2, timeout=20)
    statuses: list[int] = []
    data = sent()

    def post() -> None:
        client = Client(raise_request_exception=False)
        client.force_login(world.specialist_a)
        try:
            barrier.wait()
            statuses.append(client.post(url(world.participant_a), data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert statuses == [302, 302], statuses
    assert Contact.objects.filter(participant=world.participant_a).count() == 1
    assert NextStep.objects.filter(participant=world.participant_a).count() == 1
