"""The one concurrency mechanism: a state change (start, extend, end, hold, end a job) decides
on the row as saved now, never on the copy a stale page or a double submit loaded."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from placetrain.activities.models import NextStep
from placetrain.employers import services as employers_services
from placetrain.employers.models import Employer, EmployerContact
from placetrain.employment import services as employment_services
from placetrain.employment.models import Employment, FollowUpCheckin
from placetrain.lib.concurrency import EditConflict, claim_version, lock_current
from placetrain.lib.dates import today
from placetrain.lib.services import WorkflowError
from placetrain.participants.models import StatusChange
from placetrain.placements import services
from placetrain.placements.models import Meeting, Placement, PlacementExtension
from tests.factories import (
    EmployerContactFactory,
    EmploymentFactory,
    FollowUpCheckinFactory,
    MeetingFactory,
    answered_placement,
    started_placement,
)
from tests.html import parse

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


# --- the mechanism -----------------------------------------------------------------------------


def test_claim_version_names_the_fields_changed_since_the_version_the_user_started_from(world):
    employer = world.employer
    employers_services.employer_update(
        user=world.specialist_a, employer=employer, data={"industry": "Lager"}, expected_version=1
    )
    employers_services.employer_update(
        user=world.leader_a, employer=employer, data={"municipality": "Nordby"}, expected_version=2
    )

    with pytest.raises(EditConflict) as caught:
        employers_services.employer_update(
            user=world.specialist_b,
            employer=Employer.objects.get(pk=employer.pk),
            data={"notes": "Ny"},
            expected_version=1,
        )

    assert set(caught.value.changed_fields) == {"industry", "municipality"}
    assert caught.value.current.version == 3
    assert Employer.objects.get(pk=employer.pk).notes == ""
    assert "Nordby" not in str(caught.value)  # never a value: this may reach a log


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("mechanism", ["claim_version", "lock_current"])
def test_the_mechanism_refuses_to_run_outside_a_transaction(world, mechanism):
    """Outside a transaction the lock would be released at once: a programming error."""
    with pytest.raises(RuntimeError, match="transaction.atomic"):
        if mechanism == "claim_version":
            claim_version(world.employer, 1)
        else:
            lock_current(world.employer, "version")
    assert Employer.objects.get(pk=world.employer.pk).version == 1


def test_lock_current_reads_what_is_saved_now(world):
    stale = Employer.objects.get(pk=world.employer.pk)
    Employer.objects.filter(pk=stale.pk).update(name="Endret AS", version=5)

    with transaction.atomic():
        lock_current(stale, "name", "version")

    assert (stale.name, stale.version) == ("Endret AS", 5)


# --- versions on meetings, check-ins and contact persons ---------------------------------------


def _form_values(response) -> dict[str, list[str]]:
    """What the page's edit form would post (the form that carries the version)."""
    return parse(response).form(containing="version").data


class TestVersionedEdits:
    """Two people open the same form; the second save is stopped, shown what changed, and keeps
    what they typed; saving again is a deliberate overwrite."""

    def edit_twice(self, client_for, world, url, first_change, second_change):
        """Alice and Bob open the form; Alice saves ``first_change``, then Bob, from the page he
        opened before her save, ``second_change``. Bob's client and response come back."""
        alice_form = _form_values(client_for(world.specialist_a).get(url))
        bob_form = _form_values(client_for(world.leader_a).get(url))
        assert alice_form["version"] == bob_form["version"] == ["1"]
        saved = client_for(world.specialist_a).post(url, {**alice_form, **first_change})
        assert saved.status_code == 302
        bob = client_for(world.leader_a)
        return bob, bob.post(url, {**bob_form, **second_change})

    def test_a_meeting_edited_meanwhile_is_not_overwritten(self, world, client_for):
        meeting = MeetingFactory(
            placement=started(world), place="Kantina", attendees="Deltaker, fadder"
        )
        url = reverse("placements:meeting-update", args=[meeting.pk])

        bob, response = self.edit_twice(
            client_for, world, url, {"place": "Møterom 2"}, {"attendees": "Deltaker, leder"}
        )

        assert response.status_code == 200
        assert "Møterom 2" in response.content.decode()  # the conflict table's saved value
        assert _form_values(response)["attendees"] == ["Deltaker, leder"]  # kept as typed
        saved = Meeting.objects.get(pk=meeting.pk)
        assert (saved.place, saved.attendees, saved.version) == ("Møterom 2", "Deltaker, fadder", 2)
        again = bob.post(url, _form_values(response))
        assert again.status_code == 302
        assert Meeting.objects.get(pk=meeting.pk).attendees == "Deltaker, leder"

    def test_a_checkin_recorded_meanwhile_is_not_overwritten(self, world, client_for):
        job = EmploymentFactory(participant=world.participant_a, employer=world.employer)
        checkin = FollowUpCheckinFactory(employment=job, due_on=today())
        url = reverse("employment:checkin-record", args=[checkin.pk])
        first = {"done_on": today().isoformat(), "still_employed": "yes", "how_participant": "Bra"}
        second = {
            "done_on": today().isoformat(),
            "still_employed": "yes",
            "how_employer": "Fornøyd",
        }

        bob, response = self.edit_twice(client_for, world, url, first, second)

        assert response.status_code == 200
        assert "Bra" in response.content.decode()
        assert _form_values(response)["how_employer"] == ["Fornøyd"]
        saved = FollowUpCheckin.objects.get(pk=checkin.pk)
        assert (saved.how_participant, saved.how_employer) == ("Bra", "")
        assert saved.recorded_by == world.specialist_a

    def test_a_contact_person_edited_meanwhile_is_not_overwritten(self, world, client_for):
        person = EmployerContactFactory(employer=world.employer, name="Turid", role="Butikksjef")
        url = reverse("employers:contact-person-update", args=[world.employer.pk, person.pk])

        _bob, response = self.edit_twice(
            client_for, world, url, {"role": "Daglig leder"}, {"phone": "99887766"}
        )

        assert response.status_code == 200
        assert "Daglig leder" in response.content.decode()
        assert _form_values(response)["phone"] == ["99887766"]
        saved = EmployerContact.objects.get(pk=person.pk)
        assert (saved.role, saved.phone, saved.version) == ("Daglig leder", "", 2)
