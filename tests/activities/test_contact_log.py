"""The contact log: the contact_log service, the participant's quick form (plain and HTMX), the
employer's form, the timelines it feeds, and Min dag (next steps and days since last contact)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from auditlog.models import LogEntry
from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from placetrain.activities import services
from placetrain.activities.models import Contact, NextStep
from placetrain.lib.dates import today
from placetrain.participants.models import Status
from tests.factories import (
    ContactFactory,
    EmployerContactFactory,
    EmployerFactory,
    NextStepFactory,
    OrganisationFactory,
    ParticipantFactory,
)
from tests.html import parse

PREFIX = "kontakt"


# --- helpers -------------------------------------------------------------------------------


def local_input(moment: dt.datetime) -> str:
    """A moment as the datetime-local input sends it, in Oslo time."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def noon_days_ago(days: int) -> dt.datetime:
    day = today() - dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


def contact_data(**overrides) -> dict:
    data = {
        "channel": Contact.Channel.PHONE,
        "note": "Ringte om vaktplanen",
        "counterpart": Contact.Counterpart.PARTICIPANT,
        "service_name": "",
        "employer": "",
        "occurred_at": local_input(timezone.now() - dt.timedelta(hours=1)),
        "duration_minutes": "30",
        "next_step_when": "",
        "next_step_text": "",
        "next_step_due": "",
    }
    data.update(overrides)
    return {f"{PREFIX}-{name}": value for name, value in data.items()}


def contact_url(participant) -> str:
    return reverse("activities:contact-log", args=[participant.pk])


def employer_contact_url(employer) -> str:
    return reverse("activities:employer-contact-log", args=[employer.pk])


def assert_refused_next_to(response, name: str, typed: str | None = None) -> None:
    """Re-rendered with the error next to ``name`` (prefixed id) and the input marked invalid."""
    assert response.status_code == 200
    assert name in response.context["form"].errors, response.context["form"].errors
    page = parse(response)
    assert f"id_{PREFIX}-{name}_error" in page.ids
    if typed is not None:
        assert page.field(f"{PREFIX}-{name}").get("aria-invalid") == "true"
        assert page.value(f"{PREFIX}-{name}") == typed


def django_norwegian(field: forms.Field, value) -> str:
    with translation.override("nb"):
        try:
            field.clean(value)
        except ValidationError as exc:
            return str(exc.messages[0])
    raise AssertionError("the value was accepted")


# --- the service ---------------------------------------------------------------------------------


class TestContactLogService:
    def base(self) -> dict:
        return {
            "channel": Contact.Channel.OFFICE,
            "note": "Samtale",
            "counterpart": Contact.Counterpart.PARTICIPANT,
            "occurred_at": timezone.now() - dt.timedelta(hours=2),
            "duration_minutes": 45,
        }

    def test_the_database_refuses_a_contact_about_nobody(self, world):
        with pytest.raises(IntegrityError), transaction.atomic():
            Contact.objects.create(organisation=world.org, author=world.specialist_a, **self.base())
        assert not Contact.objects.exists()

    def test_it_logs_a_contact_about_a_participant_and_an_employer(self, world):
        contact = services.contact_log(
            user=world.specialist_a,
            participant=world.participant_a,
            data={**self.base(), "employer": world.employer},
        )
        contact.refresh_from_db()
        assert contact.participant == world.participant_a
        assert contact.employer == world.employer
        assert contact.author == world.specialist_a
        assert contact.organisation == world.org
        assert contact.duration_minutes == 45

    def test_it_takes_the_employer_from_the_contact_person(self, world):
        person = EmployerContactFactory(employer=world.employer)
        contact = services.contact_log(
            user=world.specialist_a,
            participant=world.participant_a,
            data={**self.base(), "employer_contact": person},
        )
        assert contact.employer == world.employer

    def test_it_gives_the_next_step_to_the_user_on_the_participant(self, world):
        due = today() + dt.timedelta(days=7)
        contact = services.contact_log(
            user=world.specialist_a,
            participant=world.participant_a,
            data={**self.base(), "employer": world.employer},
            next_step=("Ring arbeidsgiver", due),
        )
        step = NextStep.objects.get(contact=contact)
        assert (step.owner, step.participant, step.employer) == (
            world.specialist_a,
            world.participant_a,
            None,
        )
        assert (step.description, step.due_on, step.done_at) == ("Ring arbeidsgiver", due, None)

    def test_it_ties_the_next_step_of_an_employer_contact_to_the_employer(self, world):
        contact = services.employer_contact_log(
            user=world.leader_a,
            employer=world.employer,
            data={**self.base(), "counterpart": Contact.Counterpart.EMPLOYER},
            next_step=("Send CV", today()),
        )
        step = NextStep.objects.get(contact=contact)
        assert (step.owner, step.participant, step.employer) == (
            world.leader_a,
            None,
            world.employer,
        )

    def test_the_database_refuses_a_contact_longer_than_a_day(self, world):
        with pytest.raises(IntegrityError), transaction.atomic():
            services.contact_log(
                user=world.specialist_a,
                participant=world.participant_a,
                data={**self.base(), "duration_minutes": 24 * 60 + 1},
            )
        assert not Contact.objects.exists()


# --- the participant's quick form ----------------------------------------------------------------


class TestParticipantContactForm:
    def test_it_logs_a_contact_and_returns_to_the_participant(self, world, as_specialist):
        response = as_specialist.post(contact_url(world.participant_a), contact_data())
        assert response.status_code == 302
        assert response.url == reverse(
            "participants:participant-detail", args=[world.participant_a.pk]
        )
        contact = Contact.objects.get(participant=world.participant_a)
        assert contact.note == "Ringte om vaktplanen"
        assert contact.author == world.specialist_a
        assert contact.employer is None
        assert not NextStep.objects.exists()

    def test_it_refuses_a_contact_in_the_future(self, world, as_specialist):
        typed = local_input(timezone.now() + dt.timedelta(hours=2))
        response = as_specialist.post(
            contact_url(world.participant_a), contact_data(occurred_at=typed)
        )
        assert_refused_next_to(response, "occurred_at", typed)
        assert parse(response).value(f"{PREFIX}-note") == "Ringte om vaktplanen"
        assert not Contact.objects.exists()

    def test_it_allows_a_clock_a_couple_of_minutes_fast(self, world, as_specialist):
        typed = local_input(timezone.now() + dt.timedelta(minutes=2))
        response = as_specialist.post(
            contact_url(world.participant_a), contact_data(occurred_at=typed)
        )
        assert response.status_code == 302

    @pytest.mark.parametrize(
        "typed",
        [
            "1999-12-31T10:00",
            "2026-02-30T10:00",
            "2026-03-29T02:30",  # skipped when summer time starts: never happened in Oslo
            "i går",
        ],
    )
    def test_it_refuses_impossible_contact_times(self, world, as_specialist, typed):
        response = as_specialist.post(
            contact_url(world.participant_a), contact_data(occurred_at=typed)
        )
        assert_refused_next_to(response, "occurred_at", typed)
        assert not Contact.objects.exists()

    @pytest.mark.parametrize("typed", ["0", "601", "-5", "1440", "en halvtime"])
    def test_it_refuses_a_duration_outside_1_to_600_minutes(self, world, as_specialist, typed):
        response = as_specialist.post(
            contact_url(world.participant_a), contact_data(duration_minutes=typed)
        )
        assert_refused_next_to(response, "duration_minutes", typed)
        assert not Contact.objects.exists()

    @pytest.mark.parametrize("minutes", [1, 600])
    def test_it_accepts_the_duration_bounds(self, world, as_specialist, minutes):
        response = as_specialist.post(
            contact_url(world.participant_a), contact_data(duration_minutes=str(minutes))
        )
        assert response.status_code == 302
        assert Contact.objects.get().duration_minutes == minutes

    def test_it_refuses_an_overlong_note_with_djangos_norwegian_message(self, world, as_specialist):
        note = "n" * 2001
        response = as_specialist.post(contact_url(world.participant_a), contact_data(note=note))
        assert_refused_next_to(response, "note", note)
        assert response.context["form"].errors["note"] == [
            django_norwegian(forms.CharField(max_length=2000), note)
        ]
        assert not Contact.objects.exists()

    def test_it_refuses_other_service_without_the_service_name(self, world, as_specialist):
        response = as_specialist.post(
            contact_url(world.participant_a),
            contact_data(counterpart=Contact.Counterpart.SERVICE, service_name=""),
        )
        assert_refused_next_to(response, "service_name", "")
        assert list(response.context["form"].errors) == ["service_name"]
        assert not Contact.objects.exists()

    def test_it_logs_other_service_with_its_name_on_the_timeline(self, world, as_specialist):
        response = as_specialist.post(
            contact_url(world.participant_a),
            contact_data(counterpart=Contact.Counterpart.SERVICE, service_name="Fastlegen"),
        )
        assert response.status_code == 302
        assert Contact.objects.get().service_name == "Fastlegen"
        detail = as_specialist.get(
            reverse("participants:participant-timeline", args=[world.participant_a.pk])
        )
        assert "(Fastlegen)" in detail.content.decode()

    def test_it_refuses_an_employer_of_another_organisation(self, world, as_specialist):
        theirs = EmployerFactory(organisation=OrganisationFactory())
        response = as_specialist.post(
            contact_url(world.participant_a), contact_data(employer=str(theirs.pk))
        )
        assert_refused_next_to(response, "employer")
        assert not Contact.objects.exists()

    def test_it_does_not_log_a_contact_for_someone_elses_participant(self, world, client_for):
        response = client_for(world.specialist_b).post(
            contact_url(world.participant_a), contact_data()
        )
        assert response.status_code == 404
        assert not Contact.objects.exists()


class TestNextStep:
    @pytest.mark.parametrize("days", [7, 14, 28])
    def test_it_sets_the_due_date_from_a_preset(self, world, as_specialist, days):
        response = as_specialist.post(
            contact_url(world.participant_a),
            contact_data(next_step_when=str(days), next_step_text="Besøk på jobben"),
        )
        assert response.status_code == 302
        step = NextStep.objects.get()
        assert step.due_on == today() + dt.timedelta(days=days)
        assert step.description == "Besøk på jobben"
        assert step.owner == world.specialist_a
        assert step.contact == Contact.objects.get()

    def test_it_names_a_next_step_without_text_a_follow_up(self, world, as_specialist):
        as_specialist.post(contact_url(world.participant_a), contact_data(next_step_when="14"))
        with translation.override("nb"):
            follow_up = translation.gettext("Follow-up")
        assert NextStep.objects.get().description == follow_up

    def test_it_sets_a_chosen_date(self, world, as_specialist):
        due = today() + dt.timedelta(days=3)
        response = as_specialist.post(
            contact_url(world.participant_a),
            contact_data(next_step_when="date", next_step_due=due.isoformat()),
        )
        assert response.status_code == 302
        assert NextStep.objects.get().due_on == due

    def test_it_refuses_choose_a_date_without_a_date(self, world, as_specialist):
        response = as_specialist.post(
            contact_url(world.participant_a),
            contact_data(next_step_when="date", next_step_text="Ring NAV"),
        )
        assert_refused_next_to(response, "next_step_due", "")
        assert parse(response).value(f"{PREFIX}-next_step_text") == "Ring NAV"
        assert not Contact.objects.exists()
        assert not NextStep.objects.exists()

    def test_it_refuses_a_next_step_due_in_the_past(self, world, as_specialist):
        yesterday = (today() - dt.timedelta(days=1)).isoformat()
        response = as_specialist.post(
            contact_url(world.participant_a),
            contact_data(next_step_when="date", next_step_due=yesterday),
        )
        assert_refused_next_to(response, "next_step_due", yesterday)
        assert not Contact.objects.exists()

    def test_it_refuses_a_next_step_text_without_when(self, world, as_specialist):
        response = as_specialist.post(
            contact_url(world.participant_a), contact_data(next_step_text="Ring arbeidsgiver")
        )
        assert_refused_next_to(response, "next_step_when")
        assert list(response.context["form"].errors) == ["next_step_when"]
        assert parse(response).value(f"{PREFIX}-next_step_text") == "Ring arbeidsgiver"
        assert not Contact.objects.exists()

    def test_it_refuses_an_unknown_preset(self, world, as_specialist):
        response = as_specialist.post(
            contact_url(world.participant_a), contact_data(next_step_when="3")
        )
        assert_refused_next_to(response, "next_step_when")
        assert not NextStep.objects.exists()


# --- HTMX and the timelines ---------------------------------------------------------------------


class TestTimelines:
    def test_the_form_includes_the_timeline_and_the_loaded_timeline_says_it_is_shown(
        self, world, as_specialist
    ):
        page = parse(
            as_specialist.get(
                reverse("participants:participant-detail", args=[world.participant_a.pk])
            )
        )
        assert page.one("#kontaktskjema")["hx-include"] == "#tidslinje"
        assert not page.one("#tidslinje").select("input")  # the placeholder: not shown yet

        loaded = parse(
            as_specialist.get(
                reverse("participants:participant-timeline", args=[world.participant_a.pk]),
                HTTP_HX_REQUEST="true",
            )
        )
        assert loaded.one("#tidslinje input[name=timeline_shown]")["value"] == "1"

    def test_an_htmx_post_from_a_page_showing_the_timeline_refreshes_it(self, world, as_specialist):
        response = as_specialist.post(
            contact_url(world.participant_a),
            {**contact_data(note="Første dag på lageret"), "timeline_shown": "1"},
            HTTP_HX_REQUEST="true",
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert "<html" not in html
        timeline = parse(response).one("ol.pt-timeline#tidslinje")
        assert timeline.get("hx-swap-oob") == "true"
        assert "Første dag på lageret" in timeline.text
        # A fresh form to log the next contact: the note just saved is not left in it.
        assert parse(response).value(f"{PREFIX}-note") == ""
        assert Contact.objects.get().note == "Første dag på lageret"

    def test_an_htmx_post_before_the_timeline_has_loaded_leaves_it_to_load(
        self, world, as_specialist
    ):
        """The timeline is not rendered into the answer (it loads, with the contact, when the
        user scrolls to it): a contact logged from the top of the overview costs less."""
        with CaptureQueriesContext(connection) as queries:
            response = as_specialist.post(
                contact_url(world.participant_a),
                contact_data(note="Første dag på lageret"),
                HTTP_HX_REQUEST="true",
            )
        assert response.status_code == 200
        assert not parse(response).select("#tidslinje")
        assert parse(response).value(f"{PREFIX}-note") == ""
        assert Contact.objects.get().note == "Første dag på lageret"
        assert not [q for q in queries.captured_queries if "participants_statuschange" in q["sql"]]

    def test_an_htmx_post_with_an_error_returns_the_form_fragment_with_the_input(
        self, world, as_specialist
    ):
        response = as_specialist.post(
            contact_url(world.participant_a),
            contact_data(duration_minutes="0", note="Kort prat"),
            HTTP_HX_REQUEST="true",
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert "<html" not in html
        assert 'id="kontaktskjema"' in html
        assert f"id_{PREFIX}-duration_minutes_error" in parse(response).ids
        assert parse(response).value(f"{PREFIX}-note") == "Kort prat"
        assert not Contact.objects.exists()

    def test_the_contact_shows_on_the_participants_timeline(self, world, as_specialist):
        as_specialist.post(contact_url(world.participant_a), contact_data(note="Jobbintervju"))
        response = as_specialist.get(
            reverse("participants:participant-timeline", args=[world.participant_a.pk])
        )
        assert "Jobbintervju" in response.content.decode()

    def test_a_contact_with_an_employer_shows_on_the_employers_timeline(self, world, as_specialist):
        as_specialist.post(
            contact_url(world.participant_a),
            contact_data(note="Møte med butikksjefen", employer=str(world.employer.pk)),
        )
        assert Contact.objects.get().employer == world.employer
        detail = as_specialist.get(reverse("employers:employer-timeline", args=[world.employer.pk]))
        html = detail.content.decode()
        assert "Møte med butikksjefen" in html
        assert reverse("participants:participant-detail", args=[world.participant_a.pk]) in html

    def test_a_contact_without_an_employer_stays_off_the_employers_timeline(
        self, world, as_specialist
    ):
        as_specialist.post(contact_url(world.participant_a), contact_data(note="Samtale om CV-en"))
        detail = as_specialist.get(reverse("employers:employer-timeline", args=[world.employer.pk]))
        assert "Samtale om CV-en" not in detail.content.decode()

    def test_the_employers_timeline_hides_contacts_about_participants_the_user_cannot_see(
        self, world, as_specialist, client_for
    ):
        as_specialist.post(
            contact_url(world.participant_a),
            contact_data(note="Om deltakerens helse", employer=str(world.employer.pk)),
        )
        services.employer_contact_log(
            user=world.specialist_a,
            employer=world.employer,
            data={
                "counterpart": Contact.Counterpart.EMPLOYER,
                "channel": Contact.Channel.WORKPLACE,
                "note": "Generelt om ledige stillinger",
                "occurred_at": timezone.now() - dt.timedelta(hours=3),
                "duration_minutes": 20,
            },
        )
        other = client_for(world.specialist_b)
        for url, timeline in (
            (reverse("employers:employer-detail", args=[world.employer.pk]), False),
            (reverse("employers:employer-timeline", args=[world.employer.pk]), True),
        ):
            response = other.get(url)
            html = response.content.decode()
            assert response.status_code == 200
            # About no participant: shown on the timeline (the page itself loads it lazily).
            assert ("Generelt om ledige stillinger" in html) is timeline
            assert "Om deltakerens helse" not in html
            assert world.participant_a.full_name not in html
            assert (
                reverse("participants:participant-detail", args=[world.participant_a.pk])
                not in html
            )

    def test_a_language_teacher_does_not_see_case_contacts_on_the_employers_timeline(
        self, world, as_specialist, client_for
    ):
        # The teacher may open participant_a, but not the case (contacts) behind it.
        as_specialist.post(
            contact_url(world.participant_a),
            contact_data(note="Om deltakerens helse", employer=str(world.employer.pk)),
        )
        response = client_for(world.teacher).get(
            reverse("employers:employer-timeline", args=[world.employer.pk])
        )
        assert response.status_code == 200
        assert "Om deltakerens helse" not in response.content.decode()


# --- the employer's contact form -------------------------------------------------------------


class TestEmployerContactForm:
    def data(self, **overrides) -> dict:
        base = {
            "employer_contact": "",
            "counterpart": Contact.Counterpart.EMPLOYER,
            "service_name": "",
            "channel": Contact.Channel.WORKPLACE,
            "note": "Besøk i butikken",
            "occurred_at": local_input(timezone.now() - dt.timedelta(hours=1)),
            "duration_minutes": "30",
            "next_step_when": "",
            "next_step_text": "",
            "next_step_due": "",
        }
        base.update(overrides)
        return {f"{PREFIX}-{name}": value for name, value in base.items()}

    def test_it_logs_a_contact_with_a_contact_person(self, world, as_specialist):
        person = EmployerContactFactory(employer=world.employer)
        response = as_specialist.post(
            employer_contact_url(world.employer),
            self.data(employer_contact=str(person.pk), next_step_when="7"),
        )
        assert response.status_code == 302
        contact = Contact.objects.get()
        assert (contact.employer, contact.employer_contact, contact.participant) == (
            world.employer,
            person,
            None,
        )
        step = NextStep.objects.get()
        assert (step.employer, step.due_on) == (world.employer, today() + dt.timedelta(days=7))

    def test_it_refuses_a_contact_person_of_another_employer(self, world, as_specialist):
        other = EmployerFactory(organisation=world.org, org_number="974760673")
        theirs = EmployerContactFactory(employer=other)
        response = as_specialist.post(
            employer_contact_url(world.employer), self.data(employer_contact=str(theirs.pk))
        )
        assert_refused_next_to(response, "employer_contact")
        assert not Contact.objects.exists()

    def test_it_refuses_participant_as_counterpart_on_an_employer(self, world, as_specialist):
        response = as_specialist.post(
            employer_contact_url(world.employer),
            self.data(counterpart=Contact.Counterpart.PARTICIPANT),
        )
        assert_refused_next_to(response, "counterpart")
        assert not Contact.objects.exists()

    def test_it_refuses_a_future_contact_on_an_employer(self, world, as_specialist):
        typed = local_input(timezone.now() + dt.timedelta(days=1))
        response = as_specialist.post(
            employer_contact_url(world.employer), self.data(occurred_at=typed)
        )
        assert_refused_next_to(response, "occurred_at", typed)
        assert parse(response).value(f"{PREFIX}-note") == "Besøk i butikken"
        assert not Contact.objects.exists()


# --- Min dag --------------------------------------------------------------------------------


class TestMyDay:
    url = staticmethod(lambda: reverse("activities:my-day"))

    def test_a_next_step_due_today_appears_and_disappears_once_done(self, world, as_specialist):
        as_specialist.post(
            contact_url(world.participant_a),
            contact_data(
                next_step_when="date",
                next_step_due=today().isoformat(),
                next_step_text="Ring butikksjefen",
            ),
        )
        step = NextStep.objects.get()
        page = as_specialist.get(self.url())
        assert [s.pk for s in page.context["due_steps"]] == [step.pk]
        assert "Ring butikksjefen" in parse(page).one("ul.pt-list-plain#due-steps").text

        done = as_specialist.post(reverse("activities:next-step-complete", args=[step.pk]))
        assert done.status_code == 302
        step.refresh_from_db()
        assert step.done_at is not None
        page = as_specialist.get(self.url())
        assert page.context["due_steps"] == []
        assert "Ring butikksjefen" not in page.content.decode()

    def test_an_overdue_step_is_listed_and_steps_within_two_weeks_are_upcoming(
        self, world, as_specialist
    ):
        overdue = NextStepFactory(
            participant=world.participant_a, due_on=today() - dt.timedelta(days=2)
        )
        soon = NextStepFactory(
            participant=world.participant_a, due_on=today() + dt.timedelta(days=7)
        )
        later = NextStepFactory(
            participant=world.participant_a, due_on=today() + dt.timedelta(days=15)
        )
        page = as_specialist.get(self.url())
        assert [s.pk for s in page.context["due_steps"]] == [overdue.pk]
        assert [s.pk for s in page.context["upcoming_steps"]] == [soon.pk]
        assert later.pk not in [s.pk for s in page.context["upcoming_steps"]]

    def test_an_htmx_done_removes_the_row(self, world, as_specialist):
        step = NextStepFactory(participant=world.participant_a)
        response = as_specialist.post(
            reverse("activities:next-step-complete", args=[step.pk]), HTTP_HX_REQUEST="true"
        )
        assert response.status_code == 200
        assert response.content == b""
        step.refresh_from_db()
        assert step.done_at is not None

    def test_nobody_else_can_mark_my_step_done(self, world, client_for):
        step = NextStepFactory(participant=world.participant_a)
        for persona in (world.specialist_b, world.leader_a):
            response = client_for(persona).post(
                reverse("activities:next-step-complete", args=[step.pk])
            )
            assert response.status_code == 404
        step.refresh_from_db()
        assert step.done_at is None

    def test_it_shows_days_since_last_contact_and_highlights_over_14(self, world, as_specialist):
        fresh = world.participant_a
        edge = ParticipantFactory(specialist=world.specialist_a)
        stale = ParticipantFactory(specialist=world.specialist_a)
        never = ParticipantFactory(specialist=world.specialist_a)
        ended = ParticipantFactory(specialist=world.specialist_a, status=Status.ENDED)
        ContactFactory(participant=fresh, occurred_at=noon_days_ago(30))
        ContactFactory(participant=fresh, occurred_at=noon_days_ago(3))  # the last one counts
        ContactFactory(participant=edge, occurred_at=noon_days_ago(14))
        ContactFactory(participant=stale, occurred_at=noon_days_ago(15))

        page = as_specialist.get(self.url())
        rows = {p.pk: p for p in page.context["participants"]}
        assert ended.pk not in rows
        assert world.participant_b.pk not in rows
        assert rows[fresh.pk].days_since_contact == 3
        assert rows[edge.pk].days_since_contact == 14
        assert rows[stale.pk].days_since_contact == 15
        assert rows[never.pk].days_since_contact is None
        assert [p.pk for p in page.context["participants"]] == [
            never.pk,
            stale.pk,
            edge.pk,
            fresh.pk,
        ]

        shown = {}
        for row in parse(page).select("li.pt-myday-row"):
            [detail] = [href for href in row.links if re.fullmatch(r"/deltakere/\d+/", href)]
            days = row.one("span[data-days]")
            shown[int(detail.split("/")[2])] = (days["class"], days["data-days"])
        assert shown == {
            never.pk: ("pt-stale", ""),
            stale.pk: ("pt-stale", "15"),
            edge.pk: ("pt-muted", "14"),
            fresh.pk: ("pt-muted", "3"),
        }

    def test_logging_a_contact_clears_the_highlight(self, world, as_specialist):
        ContactFactory(participant=world.participant_a, occurred_at=noon_days_ago(20))
        before = as_specialist.get(self.url()).context["participants"]
        assert [p.is_stale for p in before] == [True]
        as_specialist.post(contact_url(world.participant_a), contact_data())
        [after] = as_specialist.get(self.url()).context["participants"]
        assert after.is_stale is False
        assert after.days_since_contact in (0, 1)  # logged an hour ago: 1 just after midnight


class TestReassignment:
    """A participant handed to a specialist in another team: their name leaves the previous
    specialist's Min dag, and the open next steps go with them to the new specialist."""

    def reassign(self, world, client_for):
        participant = world.participant_a
        page = parse(
            client_for(world.leader_a).get(
                reverse("participants:participant-update", args=[participant.pk])
            )
        )
        data = {**page.form(containing="first_name").data, "specialist": [world.specialist_b.pk]}
        response = client_for(world.leader_a).post(
            reverse("participants:participant-update", args=[participant.pk]), data
        )
        assert response.status_code == 302

    def test_the_previous_specialists_min_dag_no_longer_names_the_participant(
        self, world, client_for
    ):
        NextStepFactory(participant=world.participant_a, owner=world.leader_a)  # stays leader's
        own = NextStepFactory(participant=world.participant_a, owner=world.specialist_a)

        self.reassign(world, client_for)

        for user in (world.specialist_a, world.leader_a):  # neither sees the participant now
            html = client_for(user).get(reverse("activities:my-day")).content.decode()
            assert world.participant_a.last_name not in html, user
        own.refresh_from_db()
        assert own.owner == world.specialist_b
        new_day = client_for(world.specialist_b).get(reverse("activities:my-day"))
        assert own in new_day.context["due_steps"]

    def test_the_handover_is_in_the_history_with_who_made_it(self, world, client_for):
        step = NextStepFactory(participant=world.participant_a, owner=world.specialist_a)

        self.reassign(world, client_for)

        row = LogEntry.objects.get_for_object(step).get(action=LogEntry.Action.UPDATE)
        assert list(row.changes) == ["owner"]
        assert row.actor == world.leader_a


def test_the_employer_contact_form_names_the_people_with_their_roles(world, as_specialist):
    EmployerContactFactory(employer=world.employer, name="Turid Butikksjefsen", role="Butikksjef")

    page = parse(as_specialist.get(reverse("employers:employer-detail", args=[world.employer.pk])))

    shown = [option.text for option in page.field("kontakt-employer_contact").select("option")]
    assert "Turid Butikksjefsen, Butikksjef" in shown
    assert not any("#" in text for text in shown)
