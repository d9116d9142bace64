"""The one concurrency mechanism: a state change (start, extend, end, hold, end a job) decides
on the row as saved now, never on the copy a stale page or a double submit loaded."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from placetrain.activities.models import NextStep
from placetrain.employment import services as employment_services
from placetrain.employment.models import Employment
from placetrain.lib.dates import today
from placetrain.lib.services import WorkflowError
from placetrain.participants.models import StatusChange
from placetrain.placements import services
from placetrain.placements.models import Meeting, Placement, PlacementExtension
from tests.factories import answered_placement, started_placement

START = today() - dt.timedelta(days=10)
END = START + dt.timedelta(days=70)
GOAL = "Fast deltidsjobb i butikk"  # the goal PlacementFactory(answered=True) writes


def planned(world, *, employer=None, **overrides) -> Placement:
    """A placement for participant_a that answers all six questions."""
    return answered_placement(world.participant_a, employer=employer or world.employer, **overrides)


def started(world, **kwargs) -> Placement:
    employer = kwargs.pop("employer", None) or world.employer
    return started_placement(world.participant_a, employer=employer, **kwargs)


def fresh(placement: Placement) -> Placement:
    """The placement as a second request (a double submit, a colleague) loaded it."""
    return Placement.objects.select_related("participant", "employer").get(pk=placement.pk)


class TestStateChangesFromAStaleCopy:
    def test_a_double_submitted_start_records_one_status_change(self, world):
        placement = planned(world)
        first, second = fresh(placement), fresh(placement)
        services.placement_start(user=world.specialist_a, placement=first, started_on=START)

        with pytest.raises(WorkflowError) as caught:
            services.placement_start(user=world.specialist_a, placement=second, started_on=today())

        assert set(caught.value.problems) == {"state"}
        assert Placement.objects.get(pk=placement.pk).started_on == START
        in_placement = StatusChange.objects.filter(
            participant=world.participant_a, status="in_placement"
        )
        assert in_placement.count() == 1

    def test_a_double_submitted_extension_is_recorded_once(self, world):
        placement = started(world)
        first, second = fresh(placement), fresh(placement)
        new_end = END + dt.timedelta(days=30)
        services.placement_extend(
            user=world.specialist_a, placement=first, new_end=new_end, reason="Trenger mer tid"
        )

        with pytest.raises(WorkflowError) as caught:
            services.placement_extend(
                user=world.specialist_a, placement=second, new_end=new_end, reason="Trenger mer tid"
            )

        assert set(caught.value.problems) == {"new_end"}
        assert PlacementExtension.objects.filter(placement=placement).count() == 1

    def test_an_extension_from_a_stale_page_records_the_end_it_really_moved(self, world):
        placement = started(world)
        first, second = fresh(placement), fresh(placement)
        services.placement_extend(
            user=world.specialist_a,
            placement=first,
            new_end=END + dt.timedelta(days=30),
            reason="Trenger mer tid",
        )

        services.placement_extend(
            user=world.specialist_a,
            placement=second,
            new_end=END + dt.timedelta(days=45),
            reason="Venter på lønnstilskudd",
        )

        latest = PlacementExtension.objects.filter(placement=placement).order_by("pk").last()
        assert latest.previous_end == END + dt.timedelta(days=30)
        assert Placement.objects.get(pk=placement.pk).version == placement.version + 2

    def test_a_second_ending_from_a_stale_page_keeps_the_first_evaluation(self, world):
        placement = started(world)
        first, second = fresh(placement), fresh(placement)
        services.placement_end(
            user=world.specialist_a,
            placement=first,
            ended_on=today(),
            outcome="ended_by_participant",
            reason="Flyttet",
            evaluation="Første evaluering",
        )

        with pytest.raises(WorkflowError) as caught:
            services.placement_end(
                user=world.specialist_a2,
                placement=second,
                ended_on=today(),
                outcome="other",
                reason="",
                evaluation="Andre evaluering",
            )

        assert set(caught.value.problems) == {"outcome"}
        assert Placement.objects.get(pk=placement.pk).evaluation == "Første evaluering"

    def test_a_double_submitted_hire_is_refused_not_a_server_error(self, world):
        placement = started(world)
        first, second = fresh(placement), fresh(placement)
        hire = {
            "outcome": "hired_permanent",
            "reason": "Fast stilling",
            "evaluation": "Gikk fint",
            "employment": {"kind": "permanent", "started_on": today(), "percent_of_full_time": 100},
        }
        services.placement_end(user=world.specialist_a, placement=first, ended_on=today(), **hire)

        with pytest.raises(WorkflowError):
            services.placement_end(
                user=world.specialist_a, placement=second, ended_on=today(), **hire
            )

        assert Employment.objects.filter(participant=world.participant_a).count() == 1

    def test_a_meeting_held_twice_from_stale_pages_keeps_the_first_notes_and_actions(self, world):
        placement = started(world)
        meeting = services.meeting_plan(
            user=world.specialist_a,
            placement=placement,
            data={"kind": Meeting.Kind.STATUS, "planned_at": timezone.now()},
        )
        first, second = Meeting.objects.get(pk=meeting.pk), Meeting.objects.get(pk=meeting.pk)
        action = ("Ring fadderen", world.specialist_a, today() + dt.timedelta(days=3))
        services.meeting_hold(
            user=world.specialist_a,
            meeting=first,
            held_on=today(),
            notes="Går fint",
            actions=[action],
        )

        with pytest.raises(WorkflowError) as caught:
            services.meeting_hold(
                user=world.specialist_a,
                meeting=second,
                held_on=today(),
                notes="Går fint igjen",
                actions=[action],
            )

        assert set(caught.value.problems) == {"held_on"}
        assert Meeting.objects.get(pk=meeting.pk).notes == "Går fint"
        assert NextStep.objects.filter(participant=world.participant_a).count() == 1

    def test_a_job_ended_twice_from_stale_pages_keeps_the_first_reason(self, world):
        job = employment_services.employment_create(
            user=world.specialist_a,
            participant=world.participant_a,
            data={
                "employer": world.employer,
                "kind": Employment.Kind.PERMANENT,
                "started_on": today() - dt.timedelta(days=30),
                "percent_of_full_time": 100,
            },
        )
        first, second = Employment.objects.get(pk=job.pk), Employment.objects.get(pk=job.pk)
        employment_services.employment_end(
            user=world.specialist_a, employment=first, ended_on=today(), reason="Sa opp"
        )

        with pytest.raises(WorkflowError) as caught:
            employment_services.employment_end(
                user=world.leader_a, employment=second, ended_on=today(), reason="Annet"
            )

        assert set(caught.value.problems) == {"ended_on"}
        assert Employment.objects.get(pk=job.pk).end_reason == "Sa opp"


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_endings_let_exactly_one_through(world):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: row locks between two real connections")
    placement = started(world)
    barrier = threading.Barrier(2, timeout=20)
    outcomes: dict[str, object] = {}

    def end(name: str, user, evaluation: str) -> None:
        stale = fresh(placement)  # both requests loaded the placement while it was started
        try:
            barrier.wait()
            services.placement_end(
                user=user,
                placement=stale,
                ended_on=today(),
                outcome="ended_by_participant",
                reason="",
                evaluation=evaluation,
            )
            outcomes[name] = "ended"
        except Exception as exc:  # every outcome is checked below
            outcomes[name] = exc
        finally:
            connection.close()

    threads = [
        threading.Thread(target=end, args=("alice", world.specialist_a, "Alices evaluering")),
        threading.Thread(target=end, args=("bob", world.leader_a, "Bobs evaluering")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)

    winners = [name for name, outcome in outcomes.items() if outcome == "ended"]
    losers = [outcome for outcome in outcomes.values() if outcome != "ended"]
    assert len(winners) == 1, outcomes
    assert len(losers) == 1 and isinstance(losers[0], WorkflowError), outcomes
    evaluation = Placement.objects.get(pk=placement.pk).evaluation
    assert evaluation == {"alice": "Alices evaluering", "bob": "Bobs evaluering"}[winners[0]]
    assert (
        StatusChange.objects.filter(participant=world.participant_a, status="active").count() == 1
    )
