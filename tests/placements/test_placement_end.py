"""Ending a placement: the placement_end service and the end form (placements:placement-end).

The outcome, reason and evaluation are recorded; a hire creates the employment, proposes the
follow-up plan from settings.FOLLOW_UP_SCHEDULE and moves the participant to "employed"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from placetrain.employment.models import Employment, FollowUpCheckin
from placetrain.lib.dates import today
from placetrain.participants.models import Status, StatusChange
from placetrain.placements import services
from placetrain.placements.models import Outcome, Placement, PlacementType
from tests.html import parse

DEFAULT_OFFSETS = [
    ("1w", dt.timedelta(weeks=1)),
    ("2w", dt.timedelta(weeks=2)),
    ("4w", dt.timedelta(weeks=4)),
    ("2m", 2),
    ("3m", 3),
    ("6m", 6),
    ("9m", 9),
    ("12m", 12),
]
NON_HIRES = [
    Outcome.NEW_PLACEMENT,
    Outcome.EDUCATION,
    Outcome.ENDED_BY_PARTICIPANT,
    Outcome.ENDED_BY_EMPLOYER,
    Outcome.OTHER,
]


# --- helpers -------------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """Independent of the service: the same day of a later month, clamped to its last day."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def expected_dates(start: dt.date, offsets) -> list[tuple[str, dt.date]]:
    return [
        (label, start + offset if isinstance(offset, dt.timedelta) else add_months(start, offset))
        for label, offset in offsets
    ]


def make_started(participant, employer, *, started_days_ago: int = 60, **extra) -> Placement:
    start = today() - dt.timedelta(days=started_days_ago)
    data = {
        "kind": PlacementType.WORK_PRACTICE,
        "state": Placement.State.STARTED,
        "planned_start": start,
        "started_on": start,
        "planned_end": today() + dt.timedelta(days=30),
        "percent_of_full_time": 60,
        "goal": "Fast jobb i butikk",
    }
    data.update(extra)
    placement = Placement.objects.create(participant=participant, employer=employer, **data)
    participant.status = Status.IN_PLACEMENT
    participant.save(update_fields=["status"])
    return placement


def end_url(placement) -> str:
    return reverse("placements:placement-end", args=[placement.pk])


def end_data(**overrides) -> dict:
    data = {
        "ended_on": today().isoformat(),
        "outcome": Outcome.HIRED_PERMANENT,
        "reason": "Arbeidsgiver vil ansette",
        "evaluation": "Mestret kassen og varemottak; godt samarbeid med fadder.",
        "kind": "",
        "started_on": "",
        "percent_of_full_time": "80",
        "hourly_wage": "",
    }
    data.update(overrides)
    return data


def nb(msgid: str) -> str:
    """The message as a bokmål user sees it (the msgid until the catalogue translates it)."""
    with translation.override("nb"):
        return gettext(msgid)


def assert_refused_at(response, field: str, msgid: str) -> None:
    """Re-rendered (not saved) with the message shown in the error element next to ``field``."""
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors.get(field) == [nb(msgid)], errors
    page = parse(response)
    assert f"id_{field}_error" in page.ids
    assert nb(msgid) in page.one(f"#felt-{field}").text


# --- the service ---------------------------------------------------------------------------


class TestPlacementEndService:
    def test_a_hire_creates_the_employment_and_the_default_follow_up_plan(self, world):
        placement = make_started(world.participant_a, world.employer)
        start = today() - dt.timedelta(days=3)

        employment = services.placement_end(
            user=world.specialist_a,
            placement=placement,
            ended_on=today() - dt.timedelta(days=4),
            outcome=Outcome.HIRED_PERMANENT,
            reason="Ansatt",
            evaluation="Gikk bra",
            employment={
                "kind": Employment.Kind.PERMANENT,
                "started_on": start,
                "percent_of_full_time": 80,
                "hourly_wage": Decimal("215.50"),
            },
        )

        employment.refresh_from_db()
        assert employment.placement == placement
        assert employment.participant == world.participant_a
        assert employment.employer == world.employer
        assert (employment.kind, employment.started_on) == (Employment.Kind.PERMANENT, start)
        assert (employment.percent_of_full_time, employment.hourly_wage) == (80, Decimal("215.50"))
        plan = list(employment.checkins.values_list("label", "due_on"))
        assert plan == expected_dates(start, DEFAULT_OFFSETS)
        assert not employment.checkins.exclude(done_on=None).exists()
        world.participant_a.refresh_from_db()
        assert world.participant_a.status == Status.EMPLOYED
        change = StatusChange.objects.filter(participant=world.participant_a).first()
        assert (change.status, change.changed_on) == (Status.EMPLOYED, start)
        placement.refresh_from_db()
        assert placement.state == Placement.State.ENDED
        assert (placement.outcome, placement.evaluation) == (Outcome.HIRED_PERMANENT, "Gikk bra")

    def test_the_follow_up_plan_follows_a_custom_schedule(self, world, settings):
        settings.FOLLOW_UP_SCHEDULE = ["3d", "6w", "1m", "18m"]
        start = dt.date(2024, 1, 31)  # month ends: 1 month later is 29 February (leap year)
        first = dt.date(2023, 11, 1)
        placement = make_started(
            world.participant_a, world.employer, planned_start=first, started_on=first
        )

        employment = services.placement_end(
            user=world.specialist_a,
            placement=placement,
            ended_on=start,
            outcome=Outcome.HIRED_TEMPORARY,
            reason="",
            evaluation="Bra",
            employment={
                "kind": Employment.Kind.TEMPORARY,
                "started_on": start,
                "percent_of_full_time": 50,
                "hourly_wage": None,
            },
        )

        assert list(employment.checkins.values_list("label", "due_on")) == [
            ("3d", dt.date(2024, 2, 3)),
            ("1m", dt.date(2024, 2, 29)),
            ("6w", dt.date(2024, 3, 13)),
            ("18m", dt.date(2025, 7, 31)),
        ]

    @pytest.mark.parametrize("outcome", NON_HIRES)
    def test_an_ending_without_a_hire_creates_no_employment(self, world, outcome):
        placement = make_started(world.participant_a, world.employer)

        result = services.placement_end(
            user=world.specialist_a,
            placement=placement,
            ended_on=today(),
            outcome=outcome,
            reason="Flyttet",
            evaluation="Lærte mye",
            employment=None,
        )

        assert result is None
        assert not Employment.objects.exists()
        placement.refresh_from_db()
        assert (placement.state, placement.outcome) == (Placement.State.ENDED, outcome)
        world.participant_a.refresh_from_db()
        assert world.participant_a.status == Status.ACTIVE

    def test_it_refuses_an_ending_without_an_evaluation(self, world):
        placement = make_started(world.participant_a, world.employer)

        with pytest.raises(services.WorkflowError) as caught:
            services.placement_end(
                user=world.specialist_a,
                placement=placement,
                ended_on=today(),
                outcome=Outcome.OTHER,
                reason="",
                evaluation="   ",
            )

        assert set(caught.value.problems) == {"evaluation"}
        placement.refresh_from_db()
        assert placement.state == Placement.State.STARTED

    def test_it_refuses_a_hire_without_the_employment_details(self, world):
        placement = make_started(world.participant_a, world.employer)

        with pytest.raises(services.WorkflowError) as caught:
            services.placement_end(
                user=world.specialist_a,
                placement=placement,
                ended_on=today(),
                outcome=Outcome.HIRED_PART_TIME,
                reason="",
                evaluation="Bra",
                employment=None,
            )

        assert "employment" in caught.value.problems
        assert not Employment.objects.exists()

    def test_it_refuses_an_end_before_the_start(self, world):
        placement = make_started(world.participant_a, world.employer, started_days_ago=10)

        with pytest.raises(services.WorkflowError) as caught:
            services.placement_end(
                user=world.specialist_a,
                placement=placement,
                ended_on=today() - dt.timedelta(days=11),
                outcome=Outcome.OTHER,
                reason="",
                evaluation="Bra",
            )

        assert set(caught.value.problems) == {"ended_on"}

    def test_only_a_started_placement_can_be_ended(self, world):
        placement = make_started(world.participant_a, world.employer)
        Placement.objects.filter(pk=placement.pk).update(state=Placement.State.PLANNED)
        placement.refresh_from_db()

        with pytest.raises(services.WorkflowError):
            services.placement_end(
                user=world.specialist_a,
                placement=placement,
                ended_on=today(),
                outcome=Outcome.OTHER,
                reason="",
                evaluation="Bra",
            )


# --- the form ------------------------------------------------------------------------------


class TestEndForm:
    def test_the_form_offers_the_outcomes_and_the_employment_details(self, world, as_specialist):
        placement = make_started(world.participant_a, world.employer)

        response = as_specialist.get(end_url(placement))

        assert response.status_code == 200
        html = response.content.decode()
        for outcome in Outcome:
            assert f'value="{outcome.value}"' in html
        page = parse(response)
        assert page.value("ended_on") == today().isoformat()
        assert page.value("percent_of_full_time") == "60"  # the placement's % as a start
        assert {"id_kind", "id_started_on", "id_hourly_wage", "id_evaluation"} <= page.ids

    def test_a_hire_records_the_job_and_opens_its_follow_up_plan(self, world, as_specialist):
        placement = make_started(world.participant_a, world.employer)

        response = as_specialist.post(
            end_url(placement),
            end_data(outcome=Outcome.HIRED_PART_TIME, percent_of_full_time="60"),
        )

        employment = Employment.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("employment:employment-detail", args=[employment.pk])
        # The type follows the outcome, and the start defaults to the day the placement ended.
        assert (employment.kind, employment.started_on) == (Employment.Kind.PART_TIME, today())
        assert (employment.percent_of_full_time, employment.hourly_wage) == (60, None)
        assert employment.checkins.count() == len(DEFAULT_OFFSETS)
        world.participant_a.refresh_from_db()
        assert world.participant_a.status == Status.EMPLOYED
        placement.refresh_from_db()
        assert placement.outcome == Outcome.HIRED_PART_TIME
        assert placement.end_reason == "Arbeidsgiver vil ansette"
        assert placement.evaluation.startswith("Mestret kassen")

    def test_the_start_of_the_job_and_its_type_can_be_chosen(self, world, as_specialist):
        placement = make_started(world.participant_a, world.employer)
        start = today() + dt.timedelta(days=14)

        as_specialist.post(
            end_url(placement),
            end_data(
                outcome=Outcome.HIRED_TEMPORARY,
                kind=Employment.Kind.ON_CALL,
                started_on=start.isoformat(),
                hourly_wage="198,75",
            ),
        )

        employment = Employment.objects.get()
        assert (employment.kind, employment.started_on) == (Employment.Kind.ON_CALL, start)
        assert employment.hourly_wage == Decimal("198.75")
        assert employment.checkins.first().due_on == start + dt.timedelta(weeks=1)

    @pytest.mark.parametrize("outcome", NON_HIRES)
    def test_an_ending_without_a_hire_goes_back_to_the_participant(
        self, world, as_specialist, outcome
    ):
        placement = make_started(world.participant_a, world.employer)

        response = as_specialist.post(
            end_url(placement), end_data(outcome=outcome, percent_of_full_time="")
        )

        assert response.status_code == 302
        assert response["Location"] == reverse(
            "participants:participant-detail", args=[world.participant_a.pk]
        )
        assert not Employment.objects.exists()
        placement.refresh_from_db()
        assert (placement.state, placement.outcome) == (Placement.State.ENDED, outcome)

    def test_the_employment_details_are_ignored_without_a_hire(self, world, as_specialist):
        placement = make_started(world.participant_a, world.employer)

        response = as_specialist.post(
            end_url(placement),
            end_data(outcome=Outcome.EDUCATION, kind=Employment.Kind.PERMANENT),
        )

        assert response.status_code == 302
        assert not Employment.objects.exists()
        assert not FollowUpCheckin.objects.exists()

    def test_the_evaluation_is_required_and_the_rest_is_kept(self, world, as_specialist):
        placement = make_started(world.participant_a, world.employer)

        response = as_specialist.post(
            end_url(placement),
            end_data(
                outcome=Outcome.ENDED_BY_EMPLOYER, evaluation="  ", reason="<b>Nedbemanning</b>"
            ),
        )

        assert_refused_at(
            response, "evaluation", "Write the evaluation: what worked and what did not."
        )
        page = parse(response)
        assert page.value("reason") == "<b>Nedbemanning</b>"
        assert "&lt;b&gt;Nedbemanning&lt;/b&gt;" in response.content.decode()
        assert "<b>Nedbemanning</b>" not in response.content.decode()
        placement.refresh_from_db()
        assert placement.state == Placement.State.STARTED

    def test_a_hire_without_employment_details_is_refused_at_the_field(self, world, as_specialist):
        placement = make_started(world.participant_a, world.employer)

        response = as_specialist.post(
            end_url(placement), end_data(percent_of_full_time="", reason="Fikk jobb")
        )

        assert_refused_at(
            response,
            "percent_of_full_time",
            "Write the percentage of full time of the job (1–100).",
        )
        assert parse(response).value("reason") == "Fikk jobb"
        assert parse(response).value("evaluation").startswith("Mestret kassen")
        assert not Employment.objects.exists()
        placement.refresh_from_db()
        assert placement.state == Placement.State.STARTED

    @pytest.mark.parametrize("percent", ["101", "250", "0", "-5"])
    def test_a_percent_outside_1_to_100_is_refused(self, world, as_specialist, percent):
        placement = make_started(world.participant_a, world.employer)

        response = as_specialist.post(end_url(placement), end_data(percent_of_full_time=percent))

        assert_refused_at(
            response, "percent_of_full_time", "The percentage of full time is between 1 and 100."
        )
        assert parse(response).value("percent_of_full_time") == percent
        assert not Employment.objects.exists()

    @pytest.mark.parametrize(
        ("wage", "msgid"),
        [
            ("0", "The hourly wage must be more than 0."),
            ("-10", "The hourly wage must be more than 0."),
            ("mye", "Write the hourly wage as a number, e.g. 215,50."),
        ],
    )
    def test_an_hourly_wage_must_be_a_number_above_zero(self, world, as_specialist, wage, msgid):
        placement = make_started(world.participant_a, world.employer)

        response = as_specialist.post(end_url(placement), end_data(hourly_wage=wage))

        assert_refused_at(response, "hourly_wage", msgid)
        assert parse(response).value("hourly_wage") == wage
        assert not Employment.objects.exists()

    def test_an_end_before_the_start_is_refused_at_the_date(self, world, as_specialist):
        placement = make_started(world.participant_a, world.employer, started_days_ago=10)
        too_early = (today() - dt.timedelta(days=20)).isoformat()

        response = as_specialist.post(end_url(placement), end_data(ended_on=too_early))

        assert_refused_at(response, "ended_on", "The end cannot be before the start.")
        assert parse(response).value("ended_on") == too_early
        assert parse(response).value("percent_of_full_time") == "80"
        placement.refresh_from_db()
        assert placement.state == Placement.State.STARTED

    @pytest.mark.parametrize("value", ["2026-02-30", "i morgen"])
    def test_an_impossible_date_is_refused(self, world, as_specialist, value):
        placement = make_started(world.participant_a, world.employer)

        response = as_specialist.post(end_url(placement), end_data(ended_on=value))

        assert response.status_code == 200
        assert "ended_on" in response.context["form"].errors
        assert parse(response).value("ended_on") == value

    def test_an_end_in_the_future_is_refused(self, world, as_specialist):
        placement = make_started(world.participant_a, world.employer)
        tomorrow = (today() + dt.timedelta(days=1)).isoformat()

        response = as_specialist.post(end_url(placement), end_data(ended_on=tomorrow))

        assert_refused_at(response, "ended_on", "The date cannot be in the future.")

    def test_an_outcome_must_be_chosen(self, world, as_specialist):
        placement = make_started(world.participant_a, world.employer)

        response = as_specialist.post(end_url(placement), end_data(outcome=""))

        assert_refused_at(response, "outcome", "Choose the outcome.")

    @pytest.mark.parametrize("state", [Placement.State.PLANNED, Placement.State.ENDED])
    def test_a_placement_that_is_not_running_cannot_be_ended(self, world, as_specialist, state):
        placement = make_started(world.participant_a, world.employer)
        Placement.objects.filter(pk=placement.pk).update(state=state)

        page = as_specialist.get(end_url(placement))
        response = as_specialist.post(end_url(placement), end_data())

        assert page.status_code == 200
        assert 'name="outcome"' not in page.content.decode()
        assert response.status_code == 200
        assert not Employment.objects.exists()
        placement.refresh_from_db()
        assert placement.state == state


class TestEndScope:
    @pytest.mark.parametrize("persona", ["specialist_b", "teacher", "specialist_a2"])
    def test_outside_the_case_the_placement_does_not_exist(self, world, client_for, persona):
        placement = make_started(world.participant_a, world.employer)
        client = client_for(world.user(persona))

        assert client.get(end_url(placement)).status_code == 404
        assert client.post(end_url(placement), end_data()).status_code == 404
        placement.refresh_from_db()
        assert placement.state == Placement.State.STARTED

    def test_the_team_leader_may_end_it(self, world, client_for):
        placement = make_started(world.participant_a, world.employer)

        response = client_for(world.leader_a).post(end_url(placement), end_data())

        assert response.status_code == 302
        assert Employment.objects.filter(placement=placement).exists()

    def test_anonymous_users_are_sent_to_log_in(self, world, client_for):
        placement = make_started(world.participant_a, world.employer)

        response = client_for(None).get(end_url(placement))

        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]

    def test_opening_the_form_is_access_logged(self, world, as_specialist):
        placement = make_started(world.participant_a, world.employer)

        as_specialist.get(end_url(placement))

        entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).latest("timestamp")
        assert entry.object_pk == str(world.participant_a.pk)
        assert entry.additional_data == {"section": "placement"}
        assert entry.actor == world.specialist_a
