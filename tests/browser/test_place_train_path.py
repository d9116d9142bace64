"""The whole place-train path in Chromium on a phone, through the real pages and forms: fill
the vocational profile, plan a placement with its 6H answers, try to start it (refused: no
training plan yet), add a training task and start it, plan a status meeting and mark it held
(refused without notes, then with them), end the placement with a part-time hire, record the
first follow-up check-in, and download the individual plan as PDF.

Elements are found by id, name and href, never by visible words: the interface is in
Norwegian bokmål and its catalogue is still being filled in. Where the test checks what a page
says, it compares with the message translated the way the server translates it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from pypdf import PdfReader

from placetrain.activities.models import NextStep
from placetrain.employment.models import Employment, FollowUpCheckin
from placetrain.participants.models import Status
from placetrain.placements.models import Meeting, Outcome, Placement, TrainingTask
from tests.browser.conftest import PHONE
from tests.factories import (
    EmployerContactFactory,
    EmployerFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProgrammeFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-for-tests-1"
SPECIALIST_PHONE = "41 23 45 67"

JOB_WISHES = "Jobbe i bakeri eller kantine, helst med tidlige vakter"
WORKPLACES = [
    "Fjordbakst AS",
    "Kantina på rådhuset",
    "Elvestad sykehjem, kjøkkenet",
    "Rema 1000 Sentrum",
    "Hotell Nordlys",
]

GOAL = "Fast deltidsjobb som baker innen sommeren"
SUB_GOALS = ["Lære hygienerutinene", "Bake brød alene på morgenskiftet"]
WHY_HERE = "Ønsker bakeri og tidlige vakter; bedriften trenger folk på morgenen"
FOLLOW_UP_PLAN = "Besøk hver tirsdag, telefon til fadderen ved behov"
NEXT_STEP_AFTER = "Samtale om ansettelse i deltidsstilling"
TASK = "Veie og blande deig etter oppskrift"

MEETING_PLACE = "Bakeriet, pauserommet"
MEETING_ATTENDEES = "Deltaker, fadder, daglig leder, jobbspesialist"
MEETING_AGENDA = "Hvordan går opplæringen? Hva er neste oppgave?"
ACTION = "Avtale ny arbeidsplan med daglig leder"
NOTES = "Opplæringen går godt. Deltakeren baker brød alene fra neste uke."

EVALUATION = "Deltakeren mestret morgenskiftet; bedriften vil ansette i 60 % stilling."
END_REASON = "Ansatt i bedriften"
HOW_PARTICIPANT = "Trives og møter presis hver dag"
HOW_EMPLOYER = "Fornøyd, vil øke stillingen etter hvert"


def nb(message: str) -> str:
    """``message`` as the server shows it: the bokmål catalogue if it translates it."""
    with translation.override("nb"):
        return str(gettext(message))


def assert_no_horizontal_scroll(page, width: int = PHONE["width"]) -> None:
    # Only meaningful with the stylesheets applied: app.css caps the main column's width.
    assert page.evaluate("getComputedStyle(document.querySelector('.pt-main')).maxWidth") != "none"
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} scrolls sideways: {scroll_width}px > {width}px"


def submit(page, form_selector: str) -> None:
    """Press the form's own submit button and wait for the page the server answers with."""
    with page.expect_navigation():
        page.locator(f"{form_selector} button[type=submit]").click()


def success_message(page) -> str:
    return page.locator(".pt-messages .ds-alert[data-color=success]").inner_text().strip()


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_text(path: str | Path) -> str:
    reader = PdfReader(path)
    return flat(" ".join(page.extract_text() or "" for page in reader.pages))


def open_section(page, key: str) -> None:
    """Tap a section in the participant page's menu: HTMX swaps it in and pushes its address."""
    page.locator(f"#del-{key}").click()
    page.locator(f'#deltaker-del[data-section="{key}"]').wait_for()
    assert page.url.endswith(f"?section={key}")


def download_individual_plan(page, participant) -> str:
    """Tap the participant page's link to the individual plan and read the PDF's text."""
    link = page.locator(
        "#individuell-plan "
        f'a[href="{reverse("placements:individual-plan", args=[participant.pk])}"]'
    )
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == f"individuell-plan-{participant.pk}.pdf"
    path = download.path()
    assert Path(path).read_bytes().startswith(b"%PDF")
    return pdf_text(path)


@pytest.fixture
def caseload():
    org = OrganisationFactory(name="Elvestad kommune")
    team = TeamFactory(organisation=org, name="Team Sør")
    specialist = UserFactory(
        username="spes_sti",
        team=team,
        is_job_specialist=True,
        first_name="Kari",
        last_name="Nordmann",
        phone=SPECIALIST_PHONE,
        email="kari@example.org",
    )
    programme = ProgrammeFactory(organisation=org, name="Jobbsjansen")
    participant = ParticipantFactory(
        specialist=specialist, programme=programme, first_name="Amina", last_name="Haddad"
    )
    employer = EmployerFactory(organisation=org, name="Fjordbakst AS")
    mentor = EmployerContactFactory(
        employer=employer, name="Ola Bakke", role="Bakermester", phone="92 00 11 22", is_mentor=True
    )
    # Another employer and person in the register, so the test has to choose the right ones.
    other = EmployerFactory(organisation=org, name="Kantina AS")
    EmployerContactFactory(employer=other, name="Per Kokk", is_mentor=True)
    return specialist, participant, employer, mentor


def test_a_specialist_walks_the_place_train_path_on_a_phone(live_server, page, caseload):
    specialist, participant, employer, mentor = caseload
    base = live_server.url
    today = timezone.localdate()
    planned_end = today + dt.timedelta(weeks=8)
    my_day_path = reverse("activities:my-day")
    detail_path = reverse("participants:participant-detail", args=[participant.pk])

    # --- Log in through the form, open the participant from Min dag ---------------------------
    page.goto(base + my_day_path)
    assert page.url.startswith(base + reverse("accounts:login"))
    page.fill("#id_username", specialist.username)
    page.fill("#id_password", PASSWORD)
    submit(page, "form:has(#id_username)")
    assert page.url == base + my_day_path
    page.locator(f'#my-participants a[href="{detail_path}"]').click()
    page.wait_for_url(base + detail_path)
    assert_no_horizontal_scroll(page)

    # --- Who? The vocational profile ---------------------------------------------------------
    profile_edit_path = reverse("participants:profile-update", args=[participant.pk])
    page.locator(f'a[href="{profile_edit_path}"]').click()
    page.wait_for_url(base + profile_edit_path)
    page.fill("#id_job_wishes", JOB_WISHES)
    page.fill("#id_desired_workplaces", "\n".join(WORKPLACES))
    submit(page, "form:has(#id_job_wishes)")
    assert page.url == base + reverse("participants:profile-detail", args=[participant.pk])
    profile = participant.profiles.get()
    assert profile.number == 1
    assert profile.job_wishes == JOB_WISHES
    assert profile.workplaces == WORKPLACES
    assert profile.created_by_id == specialist.pk

    # --- Plan the placement with its 6H answers ------------------------------------------------
    page.locator(f'a[href="{detail_path}"]').first.click()
    page.wait_for_url(base + detail_path)
    open_section(page, "placements")
    plan_path = reverse("placements:placement-plan", args=[participant.pk])
    page.locator(f'a[href="{plan_path}"]').click()
    page.wait_for_url(base + plan_path)
    # The employer is not in this case yet: found by typing part of its name.
    page.locator("#id_employer_search").fill(employer.name[:5])
    page.locator(f"#id_employer option[value='{employer.pk}']").wait_for(state="attached")
    page.select_option("#id_employer", str(employer.pk))
    page.select_option("#id_kind", "work_practice")
    page.fill("#id_hours_per_week", "20")
    page.fill("#id_percent_of_full_time", "55")
    page.select_option("#id_purpose", "paid_job")  # Why?
    page.fill("#id_goal", GOAL)
    page.fill("#id_sub_goals", "\n".join(SUB_GOALS))
    page.fill("#id_why_here", WHY_HERE)  # Where?
    page.select_option("#id_follow_up_by", str(specialist.pk))  # How?
    page.fill("#id_follow_up_every_days", "7")
    page.fill("#id_follow_up_plan", FOLLOW_UP_PLAN)
    page.select_option("#id_mentor", str(mentor.pk))
    page.fill("#id_planned_start", today.isoformat())  # How long?
    page.fill("#id_planned_end", planned_end.isoformat())
    page.fill("#id_next_step_after", NEXT_STEP_AFTER)  # What after?
    submit(page, "form:has(#id_goal)")

    placement = Placement.objects.get(participant=participant)
    placement_path = reverse("placements:placement-detail", args=[placement.pk])
    assert page.url == base + placement_path
    assert placement.state == Placement.State.PLANNED
    assert (placement.employer_id, placement.mentor_id) == (employer.pk, mentor.pk)
    assert (placement.goal, placement.why_here, placement.next_step_after) == (
        GOAL,
        WHY_HERE,
        NEXT_STEP_AFTER,
    )
    assert placement.sub_goal_list == SUB_GOALS
    assert (placement.follow_up_by_id, placement.follow_up_every_days) == (specialist.pk, 7)
    assert (placement.planned_start, placement.planned_end) == (today, planned_end)
    assert_no_horizontal_scroll(page)

    # --- Try to start: the training plan is the one 6H answer still missing --------------------
    start_path = reverse("placements:placement-start", args=[placement.pk])
    training_href = f"{placement_path}#opplaering"
    assert page.locator(f'#mangler a[href="{training_href}"]').count() == 1
    assert page.locator("#mangler li").count() == 1
    page.locator(f'.pt-page-head a[href="{start_path}"]').click()
    page.wait_for_url(base + start_path)
    submit(page, "form:has(#id_started_on)")
    assert page.url == base + start_path
    assert page.locator(".ds-error-summary").is_visible()
    assert page.locator(f'.pt-missing a[href="{training_href}"]').count() == 1
    placement.refresh_from_db()
    assert placement.state == Placement.State.PLANNED

    # The missing answer links to where it is given: the training plan on the placement page.
    page.locator(f'.pt-missing a[href="{training_href}"]').click()
    page.wait_for_url(base + training_href)
    page.fill("#id_ny-oppgave-description", TASK)
    page.locator("#opplaering form:has(#id_ny-oppgave-description) button[type=submit]").click()
    page.locator("#opplaering li.pt-task").wait_for()  # swapped in by HTMX
    assert page.locator("#mangler li").count() == 0  # ...and the missing list with it
    assert list(placement.tasks.values_list("description", "status")) == [
        (TASK, TrainingTask.TaskStatus.NOT_STARTED)
    ]

    # --- Start it ------------------------------------------------------------------------------
    page.locator(f'.pt-page-head a[href="{start_path}"]').click()
    page.wait_for_url(base + start_path)
    assert page.locator(".pt-missing").count() == 0
    assert page.locator("#id_started_on").input_value() == today.isoformat()
    submit(page, "form:has(#id_started_on)")
    assert page.url == base + placement_path
    assert success_message(page) == nb(
        "The placement has started. The participant is now in placement."
    )
    assert page.locator(".pt-page-head .ds-tag").inner_text().strip() == nb("Started")
    assert page.locator(f'a[href="{start_path}"]').count() == 0
    placement.refresh_from_db()
    participant.refresh_from_db()
    assert (placement.state, placement.started_on) == (Placement.State.STARTED, today)
    assert participant.status == Status.IN_PLACEMENT
    assert_no_horizontal_scroll(page)

    # The individual plan now carries the started placement: its goal, and who to call.
    page.locator(f'.pt-page-head a[href="{detail_path}"]').click()
    page.wait_for_url(base + detail_path)
    open_section(page, "placements")
    assert page.locator(f'a[href="{placement_path}"]').count() >= 1
    assert_no_horizontal_scroll(page)
    text = download_individual_plan(page, participant)
    assert flat(GOAL) in text
    assert flat(TASK) in text
    assert SPECIALIST_PHONE in text
    page.locator(f'a[href="{placement_path}"]').first.click()
    page.wait_for_url(base + placement_path)

    # --- A status meeting: plan it, then mark it held -------------------------------------------
    meeting_create_path = reverse("placements:meeting-plan", args=[placement.pk])
    page.locator(f'#moter a[href="{meeting_create_path}"]').click()
    page.wait_for_url(base + meeting_create_path)
    page.select_option("#id_kind", Meeting.Kind.STATUS)
    page.fill("#id_planned_at", f"{today.isoformat()}T09:00")
    page.fill("#id_place", MEETING_PLACE)
    page.fill("#id_attendees", MEETING_ATTENDEES)
    page.fill("#id_agenda", MEETING_AGENDA)
    submit(page, "form:has(#id_agenda)")
    meeting = Meeting.objects.get(placement=placement)
    assert page.url == base + reverse("placements:meeting-detail", args=[meeting.pk])
    assert (meeting.kind, meeting.attendees, meeting.agenda) == (
        Meeting.Kind.STATUS,
        MEETING_ATTENDEES,
        MEETING_AGENDA,
    )
    assert timezone.localtime(meeting.planned_at).date() == today
    assert meeting.held_on is None

    hold_path = reverse("placements:meeting-hold", args=[meeting.pk])
    page.locator(f'.pt-page-head a[href="{hold_path}"]').click()
    page.wait_for_url(base + hold_path)
    assert page.locator("#id_held_on").input_value() == today.isoformat()
    # An agreed action, typed before the notes are forgotten: it must survive the refusal.
    due = today + dt.timedelta(days=7)
    page.fill("#id_tiltak-0-description", ACTION)
    page.select_option("#id_tiltak-0-owner", str(specialist.pk))
    page.fill("#id_tiltak-0-due_on", due.isoformat())
    submit(page, "form:has(#id_notes)")
    assert page.url == base + hold_path
    notes_error = page.locator("#felt-notes #id_notes_error")
    assert notes_error.is_visible()
    assert notes_error.inner_text().strip() == nb(
        "Write the notes from the meeting before marking it held."
    )
    assert page.locator("#id_notes").get_attribute("aria-invalid") == "true"
    assert page.locator('.ds-error-summary a[href="#id_notes"]').count() == 1
    assert page.locator("#id_tiltak-0-description").input_value() == ACTION
    assert page.locator("#id_tiltak-0-owner").input_value() == str(specialist.pk)
    assert page.locator("#id_tiltak-0-due_on").input_value() == due.isoformat()
    meeting.refresh_from_db()
    assert meeting.held_on is None and meeting.notes == ""
    assert (meeting.attendees, meeting.agenda) == (MEETING_ATTENDEES, MEETING_AGENDA)
    assert not NextStep.objects.filter(participant=participant).exists()

    page.fill("#id_notes", NOTES)
    submit(page, "form:has(#id_notes)")
    assert page.url == base + reverse("placements:meeting-detail", args=[meeting.pk])
    assert flat(page.locator("#meeting-notes").inner_text()) == flat(NOTES)
    meeting.refresh_from_db()
    assert (meeting.held_on, meeting.notes) == (today, NOTES)
    assert (meeting.attendees, meeting.agenda) == (MEETING_ATTENDEES, MEETING_AGENDA)
    step = NextStep.objects.get(participant=participant)
    assert (step.description, step.owner_id, step.due_on) == (ACTION, specialist.pk, due)

    # --- End the placement with a part-time hire -------------------------------------------------
    page.locator(f'a[href="{placement_path}"]').first.click()
    page.wait_for_url(base + placement_path)
    meeting_path = reverse("placements:meeting-detail", args=[meeting.pk])
    assert page.locator(f'#meeting-list a[href="{meeting_path}"]').count() == 1
    end_path = reverse("placements:placement-end", args=[placement.pk])
    end_link = page.locator(f'a[href="{end_path}"]')
    assert end_link.count() == 1, "the placement page links to ending the placement"
    end_link.click()
    page.wait_for_url(base + end_path)
    assert_no_horizontal_scroll(page)
    assert page.locator("#id_ended_on").input_value() == today.isoformat()
    assert page.locator("#id_percent_of_full_time").input_value() == "55"  # the placement's
    page.select_option("#id_outcome", Outcome.HIRED_PART_TIME)
    page.fill("#id_reason", END_REASON)
    page.fill("#id_evaluation", EVALUATION)
    page.fill("#id_percent_of_full_time", "60")
    page.fill("#id_hourly_wage", "215,50")
    assert_no_horizontal_scroll(page)
    submit(page, "form:has(#id_evaluation)")

    employment = Employment.objects.get(participant=participant)
    employment_path = reverse("employment:employment-detail", args=[employment.pk])
    assert page.url == base + employment_path
    placement.refresh_from_db()
    participant.refresh_from_db()
    assert (placement.state, placement.ended_on, placement.outcome) == (
        Placement.State.ENDED,
        today,
        Outcome.HIRED_PART_TIME,
    )
    assert (placement.end_reason, placement.evaluation) == (END_REASON, EVALUATION)
    assert employment.placement_id == placement.pk
    assert employment.employer_id == employer.pk
    assert employment.kind == Employment.Kind.PART_TIME  # suggested by the outcome
    assert (employment.started_on, employment.percent_of_full_time) == (today, 60)
    assert employment.hourly_wage == Decimal("215.50")
    assert participant.status == Status.EMPLOYED
    checkins = list(employment.checkins.order_by("due_on", "pk"))
    assert len(checkins) == len(settings.FOLLOW_UP_SCHEDULE)
    assert all(c.done_on is None for c in checkins)
    first = checkins[0]
    assert first.due_on > today

    # --- The first follow-up check-in ------------------------------------------------------------
    checkin_path = reverse("employment:checkin-record", args=[first.pk])
    assert page.locator("#checkins tbody tr").count() == len(checkins)
    page.locator(f'#checkin-{first.pk} a[href="{checkin_path}"]').click()
    page.wait_for_url(base + checkin_path)
    assert page.locator("#id_done_on").input_value() == today.isoformat()
    page.locator("input[name=still_employed][value=yes]").check()
    page.fill("#id_hours_per_week", "22,5")
    page.fill("#id_how_participant", HOW_PARTICIPANT)
    page.fill("#id_how_employer", HOW_EMPLOYER)
    submit(page, "form:has(#id_how_participant)")
    assert page.url == base + employment_path
    assert page.locator(f"#checkin-{first.pk}").get_attribute("data-done") == "yes"
    first = FollowUpCheckin.objects.get(pk=first.pk)
    assert (first.done_on, first.still_employed) == (today, True)
    assert first.hours_per_week == Decimal("22.5")
    assert (first.how_participant, first.how_employer) == (HOW_PARTICIPANT, HOW_EMPLOYER)
    assert first.recorded_by_id == specialist.pk
    assert employment.checkins.filter(done_on__isnull=True).count() == len(checkins) - 1

    # --- Back on the participant page: the job, and the individual plan as PDF --------------------
    page.locator(f'a[href="{detail_path}"]').first.click()
    page.wait_for_url(base + detail_path)
    open_section(page, "jobs")
    assert page.locator(f'#employments a[href="{employment_path}"]').count() == 1
    assert_no_horizontal_scroll(page)
    open_section(page, "placements")
    text = download_individual_plan(page, participant)
    assert flat(participant.full_name) in text
    assert flat(JOB_WISHES) in text
    assert WORKPLACES[2] in text
    assert SPECIALIST_PHONE in text
    assert flat(ACTION) in text  # the open next step from the status meeting
