"""The participant page, phone first: a compact header (name, status, stage, phone to tap,
the responsible specialist, what is overdue) over one section at a time, each at its own
address (``?section=``) and swapped in place by HTMX. Access logging and the permission matrix
for the sections are in test_audit.py and accounts/test_permission_matrix.py."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from placetrain.lib.dates import today
from placetrain.participants.models import Consent, Stage
from tests.factories import (
    ConsentFactory,
    EmploymentFactory,
    FollowUpCheckinFactory,
    NextStepFactory,
)
from tests.html import parse

HTMX = {"HTTP_HX_REQUEST": "true"}
# Pages are in bokmål, the default language.


def detail(participant, section: str = "") -> str:
    url = reverse("participants:participant-detail", args=[participant.pk])
    return f"{url}?section={section}" if section else url


@pytest.fixture
def participant(world):
    p = world.participant_a
    p.phone = "41 23 45 67"
    p.stage = Stage.JOB_FINDING
    p.referral_order = "Avklare arbeidsevne i butikk"
    p.save()
    return p


class TestTheHeader:
    def test_it_names_status_stage_phone_to_tap_and_the_specialist(
        self, world, participant, as_specialist
    ):
        page = parse(as_specialist.get(detail(participant)))

        header = page.one("#deltaker-hode")
        assert header.one("h1").text == participant.full_name
        assert header.one("#deltaker-status").text == participant.get_status_display()
        assert header.one("#deltaker-trinn").text == "Trinn 3 – Finne en passende jobb"
        call = header.one("#deltaker-telefon a")
        assert (call["href"], call.text) == ("tel:41234567", "41 23 45 67")
        assert header.one("#deltaker-jobbspesialist").text == world.specialist_a.get_full_name()

    def test_it_links_to_the_contact_form_in_one_tap(self, participant, as_specialist):
        page = parse(as_specialist.get(detail(participant, "jobs")))

        link = page.one("#deltaker-hode #til-kontaktskjema")
        assert link["href"] == f"{detail(participant)}#kontakt-tittel"
        overview = parse(as_specialist.get(detail(participant)))
        assert overview.one("#kontakt-tittel")  # where the link lands: the overview's form

    def test_it_names_overdue_next_steps_and_follow_up_check_ins(
        self, world, participant, as_specialist
    ):
        NextStepFactory(participant=participant, due_on=today() - dt.timedelta(days=1))
        NextStepFactory(participant=participant, due_on=today() - dt.timedelta(days=9))
        NextStepFactory(participant=participant, due_on=today())  # due, not overdue
        NextStepFactory(
            participant=participant,
            due_on=today() - dt.timedelta(days=3),
            done_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        )
        job = EmploymentFactory(participant=participant, employer=world.employer)
        FollowUpCheckinFactory(employment=job, due_on=today() - dt.timedelta(days=2))
        FollowUpCheckinFactory(employment=job, due_on=today() + dt.timedelta(days=2))
        # Not the participant's: another's overdue step and check-in, a job that has ended.
        NextStepFactory(participant=world.participant_b, due_on=today() - dt.timedelta(days=4))
        others = EmploymentFactory(participant=world.participant_b, employer=world.employer)
        FollowUpCheckinFactory(employment=others, due_on=today() - dt.timedelta(days=2))
        ended = EmploymentFactory(
            participant=participant, employer=world.employer, ended_on=today() - dt.timedelta(1)
        )
        FollowUpCheckinFactory(employment=ended, due_on=today() - dt.timedelta(days=5))

        alerts = parse(as_specialist.get(detail(participant))).one("#deltaker-varsler")

        items = [(li.text, li.one("a")["href"]) for li in alerts.select("li")]
        assert items == [
            ("2 neste steg er forfalt", f"{detail(participant)}#tidslinje-tittel"),
            ("1 oppfølgingssamtale er forfalt", detail(participant, "jobs")),
        ]

    def test_it_shows_no_alerts_when_nothing_is_overdue(self, participant, as_specialist):
        NextStepFactory(participant=participant, due_on=today())

        assert not parse(as_specialist.get(detail(participant))).select("#deltaker-varsler")

    def test_the_language_teacher_sees_neither_the_stage_nor_the_case_s_alerts(
        self, world, participant, client_for
    ):
        NextStepFactory(participant=participant, due_on=today() - dt.timedelta(days=1))

        page = parse(client_for(world.teacher).get(detail(participant)))

        assert page.one("#deltaker-telefon a")["href"] == "tel:41234567"
        assert not page.select("#deltaker-trinn")
        assert not page.select("#deltaker-varsler")
        assert not page.select("#til-kontaktskjema")


class TestTheSections:
    def test_the_page_opens_on_the_overview_with_the_contact_form_and_timeline(
        self, participant, as_specialist
    ):
        page = parse(as_specialist.get(detail(participant)))

        assert page.one("#deltaker-del")["data-section"] == "overview"
        assert page.one("#kontaktskjema")
        assert page.one("#tidslinje")
        assert not page.select("#samtykker")  # the details are a section of their own

    def test_the_menu_links_every_section_with_the_current_one_marked(
        self, participant, as_specialist
    ):
        page = parse(as_specialist.get(detail(participant, "language")))

        links = [(a["href"], a.get("aria-current")) for a in page.select(".pt-sections a")]
        assert links == [
            (detail(participant), None),
            (detail(participant, "placements"), None),
            (detail(participant, "suggestions"), None),
            (detail(participant, "jobs"), None),
            (detail(participant, "language"), "page"),
            (detail(participant, "details"), None),
        ]
        for a in page.select(".pt-sections a"):
            assert a["hx-get"] == a["href"] and a["hx-push-url"] == "true"

    def test_the_details_hold_the_order_and_the_consents(self, participant, as_specialist):
        ConsentFactory(participant=participant, kind=Consent.Kind.SERVICE_CONTACT, scope="NAV")

        page = parse(as_specialist.get(detail(participant, "details")))

        assert "Avklare arbeidsevne i butikk" in page.one("#opplysninger").text
        assert "NAV" in page.one("#samtykker").text

    def test_htmx_gets_the_section_alone_and_caches_are_told_apart(
        self, participant, as_specialist
    ):
        response = as_specialist.get(detail(participant, "details"), **HTMX)

        html = response.content.decode()
        assert "<html" not in html and 'id="deltaker-hode"' not in html
        assert 'id="deltaker-del"' in html and 'id="samtykker"' in html
        assert "HX-Request" in response["Vary"]

    def test_a_history_restore_gets_the_whole_page(self, participant, as_specialist):
        response = as_specialist.get(
            detail(participant, "jobs"), **HTMX, HTTP_HX_HISTORY_RESTORE_REQUEST="true"
        )

        assert "<html" in response.content.decode()

    def test_the_language_teacher_s_page_opens_on_the_language_plans(
        self, world, participant, client_for
    ):
        page = parse(client_for(world.teacher).get(detail(participant)))

        assert page.one("#deltaker-del")["data-section"] == "language"
        assert [a["href"] for a in page.select(".pt-sections a")] == [
            detail(participant),
            detail(participant, "details"),
        ]
        assert page.one("#sprakplaner")

    def test_no_address_on_the_page_carries_personal_data(self, participant, as_specialist):
        html = as_specialist.get(detail(participant, "details")).content.decode()
        page = parse(html)

        for a in page.select("#deltaker-hode a") + page.select(".pt-sections a"):
            href = a["href"]
            if href.startswith("tel:"):
                continue
            for value in (participant.first_name, participant.last_name, "41234567"):
                assert value not in href, href


class TestChangesComeBackToTheirSection:
    def test_recording_a_consent_shows_the_details(self, participant, as_specialist):
        response = as_specialist.post(
            reverse("participants:consent-create", args=[participant.pk]),
            {
                "kind": Consent.Kind.SERVICE_CONTACT,
                "scope": "Fastlegen",
                "given_on": today().isoformat(),
                "method": Consent.Method.ORAL,
            },
        )

        assert response.status_code == 302
        assert response["Location"] == detail(participant, "details")
