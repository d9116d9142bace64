"""Problems found in a review of the place-train code, each pinned by a test.

1. The employer's copy of the individual plan printed the participant's job at *another*
   employer (and its follow-up dates): nothing the participant consented to share.
2. A started placement's 6H answers could be emptied in the plan form: the gate held at the
   start only.
3. Starting, extending and ending a placement, holding a meeting and ending a job trusted the
   state of the object the request loaded: a double submit (or a colleague on a stale page)
   did it twice — two extensions for one, a second ending over the first evaluation, a server
   error on a double hire, duplicated agreed actions.
4. Deleting an employer's contact person silently took the mentor (a 6H answer) off a
   placement under way.
5. A refused check-in came back looking recorded: the page said "Change the check-in" and hid
   the form to move it.
"""

from __future__ import annotations

import datetime as dt
import io
import threading

import pypdf
import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from placetrain.activities.models import NextStep
from placetrain.employers.models import EmployerContact
from placetrain.employment import services as employment_services
from placetrain.employment.models import Employment
from placetrain.lib.dates import today
from placetrain.lib.services import WorkflowError
from placetrain.participants.models import StatusChange, VocationalProfile
from placetrain.placements import services
from placetrain.placements.models import (
    Meeting,
    Placement,
    PlacementExtension,
    PlacementType,
    Purpose,
)
from tests.factories import EmployerContactFactory, EmployerFactory

# Pages in English, so assertions read the msgids (the bokmål catalogue has its own test).
pytestmark = pytest.mark.usefixtures("english_pages")


START = today() - dt.timedelta(days=10)
END = today() + dt.timedelta(days=60)
GOAL = "Fast deltidsjobb i butikk"


def planned(world, *, employer=None, **overrides) -> Placement:
    """A placement for participant_a that answers all six questions."""
    VocationalProfile.objects.get_or_create(
        participant=world.participant_a, number=1, defaults={"job_wishes": "Butikk"}
    )
    data = {
        "employer": employer or world.employer,
        "kind": PlacementType.WORK_PRACTICE,
        "planned_start": START,
        "planned_end": END,
        "purpose": Purpose.PAID_JOB,
        "goal": GOAL,
        "why_here": "Nær hjemmet, rolig tempo",
        "follow_up_by": world.specialist_a,
        "follow_up_every_days": 14,
        "mentor_name": "Kari Fadder",
        "next_step_after": "Ansettelse",
        **overrides,
    }
    placement = services.placement_plan(
        user=world.specialist_a, participant=world.participant_a, data=data
    )
    services.training_task_add(user=world.specialist_a, placement=placement, description="Hyller")
    return placement


def started(world, **kwargs) -> Placement:
    placement = planned(world, **kwargs)
    services.placement_start(user=world.specialist_a, placement=placement, started_on=START)
    return Placement.objects.get(pk=placement.pk)


def fresh(placement: Placement) -> Placement:
    """The placement as a second request (a double submit, a colleague) loaded it."""
    return Placement.objects.select_related("participant", "employer").get(pk=placement.pk)


def pdf_text(response) -> str:
    assert response.status_code == 200
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


# --- 1. the employer's copy of the individual plan --------------------------------------------


class TestEmployerCopyOfTheIndividualPlan:
    def employer_copy(self, client, participant) -> str:
        url = reverse("placements:individual-plan-employer", args=[participant.pk])
        return pdf_text(client.get(url))

    def test_the_employer_copy_leaves_out_a_job_at_another_employer(self, world, as_specialist):
        other = EmployerFactory(organisation=world.org, name="Kveldsbutikken Nordby AS")
        job = employment_services.employment_create(
            user=world.specialist_a,
            participant=world.participant_a,
            data={
                "employer": other,
                "kind": Employment.Kind.PART_TIME,
                "started_on": today() - dt.timedelta(days=30),
                "percent_of_full_time": 20,
            },
        )
        started(world)  # a placement at world.employer: the copy is for that employer
        next_checkin = job.checkins.filter(done_on__isnull=True).order_by("due_on").first()

        text = self.employer_copy(as_specialist, world.participant_a)

        assert world.employer.name in text
        assert other.name not in text
        assert next_checkin.due_on.strftime("%d.%m.%Y") not in text
        # The participant's own copy still shows the job.
        own = pdf_text(
            as_specialist.get(reverse("placements:individual-plan", args=[world.participant_a.pk]))
        )
        assert other.name in own

    def test_the_employer_copy_shows_the_job_at_the_placements_own_employer(
        self, world, as_specialist
    ):
        placement = started(world)
        services.placement_end(
            user=world.specialist_a,
            placement=placement,
            ended_on=today(),
            outcome="hired_part_time",
            reason="Fast deltid",
            evaluation="Godt samarbeid",
            employment={"kind": "part_time", "started_on": today(), "percent_of_full_time": 60},
        )
        first_checkin = (today() + dt.timedelta(weeks=1)).strftime("%d.%m.%Y")

        text = self.employer_copy(as_specialist, world.participant_a)

        assert first_checkin in text


# --- 2. the 6H answers of a started placement --------------------------------------------------


def plan_form(world, placement: Placement, **overrides) -> dict:
    data = {
        "version": str(placement.version),
        "employer": str(placement.employer_id),
        "kind": placement.kind,
        "purpose": placement.purpose,
        "goal": placement.goal,
        "sub_goals": "",
        "why_here": placement.why_here,
        "follow_up_by": str(placement.follow_up_by_id),
        "follow_up_every_days": str(placement.follow_up_every_days),
        "follow_up_plan": "",
        "mentor": "",
        "mentor_name": placement.mentor_name,
        "mentor_role": "",
        "mentor_contact": "",
        "planned_start": placement.planned_start.isoformat(),
        "next_step_after": placement.next_step_after,
        "subsidy_kind": "",
    }
    if placement.state == Placement.State.PLANNED:
        data["planned_end"] = placement.planned_end.isoformat()
    data.update(overrides)
    return data


class TestStartedPlacementKeepsItsAnswers:
    def test_the_service_refuses_to_empty_an_answer_of_a_started_placement(self, world):
        placement = started(world)

        with pytest.raises(WorkflowError) as caught:
            services.placement_update(
                user=world.specialist_a,
                placement=placement,
                data={"goal": "  ", "next_step_after": ""},
                expected_version=placement.version,
            )

        assert set(caught.value.problems) == {"goal", "next_step_after"}
        assert Placement.objects.get(pk=placement.pk).goal == GOAL

    def test_the_plan_form_refuses_to_empty_the_goal_of_a_started_placement(
        self, world, as_specialist
    ):
        placement = started(world)
        url = reverse("placements:placement-update", args=[placement.pk])

        response = as_specialist.post(url, plan_form(world, placement, goal=""))

        assert response.status_code == 200
        assert response.context["form"].errors["goal"] == ["Why? Write the goal of the placement."]
        assert Placement.objects.get(pk=placement.pk).goal == GOAL

    def test_removing_the_mentor_of_a_started_placement_needs_another_mentor(self, world):
        placement = started(world)

        with pytest.raises(WorkflowError) as caught:
            services.placement_update(
                user=world.specialist_a,
                placement=placement,
                data={"mentor": None, "mentor_name": ""},
                expected_version=placement.version,
            )

        assert set(caught.value.problems) == {"mentor_name"}

    def test_other_edits_of_a_started_placement_still_save(self, world, as_specialist):
        placement = started(world)
        url = reverse("placements:placement-update", args=[placement.pk])

        response = as_specialist.post(url, plan_form(world, placement, goal="Fast heltidsjobb"))

        assert response.status_code == 302
        assert Placement.objects.get(pk=placement.pk).goal == "Fast heltidsjobb"

    def test_a_planned_placement_may_still_be_left_incomplete(self, world):
        placement = planned(world)

        services.placement_update(
            user=world.specialist_a,
            placement=placement,
            data={"goal": ""},
            expected_version=placement.version,
        )

        assert Placement.objects.get(pk=placement.pk).goal == ""


# --- 3. state changes from a stale copy (double submit, two colleagues) ------------------------


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


# --- 4. deleting the mentor of a placement under way ---------------------------------------


class TestDeletingAMentor:
    def delete_url(self, person) -> str:
        return reverse("employers:contact-person-delete", args=[person.employer_id, person.pk])

    def test_deleting_the_mentor_of_a_started_placement_is_refused(self, world, as_specialist):
        mentor = EmployerContactFactory(employer=world.employer, name="Turid Fadderstad")
        placement = started(world, mentor=mentor, mentor_name="")

        response = as_specialist.post(self.delete_url(mentor), follow=True)

        assert EmployerContact.objects.filter(pk=mentor.pk).exists()
        assert Placement.objects.get(pk=placement.pk).mentor_id == mentor.pk
        shown = [str(m) for m in response.context["messages"]]
        assert shown == [
            "This person is the mentor of a placement under way. Choose another mentor for "
            "that placement first."
        ]

    def test_a_contact_person_who_mentors_no_placement_under_way_can_be_deleted(
        self, world, as_specialist
    ):
        mentor = EmployerContactFactory(employer=world.employer)
        planned(world, mentor=mentor, mentor_name="")  # not started: its gate asks again

        response = as_specialist.post(self.delete_url(mentor))

        assert response.status_code == 302
        assert not EmployerContact.objects.filter(pk=mentor.pk).exists()


# --- 5. a refused check-in -----------------------------------------------------------------


def test_a_refused_checkin_still_shows_as_not_recorded(world, as_specialist):
    job = employment_services.employment_create(
        user=world.specialist_a,
        participant=world.participant_a,
        data={
            "employer": world.employer,
            "kind": Employment.Kind.PERMANENT,
            "started_on": today() - dt.timedelta(days=10),
            "percent_of_full_time": 100,
        },
    )
    checkin = job.checkins.order_by("due_on").first()
    before_hire = (job.started_on - dt.timedelta(days=1)).isoformat()

    response = as_specialist.post(
        reverse("employment:checkin-record", args=[checkin.pk]),
        {"done_on": before_hire, "still_employed": "yes", "hours_per_week": "30"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["done_on"] == [
        "A check-in cannot be before the hire date."
    ]
    html = response.content.decode()
    assert "Record the check-in" in html
    assert "Change the check-in" not in html
    assert 'name="flytt-due_on"' in html  # the check-in can still be moved
    assert response.context["form"]["done_on"].value() == before_hire  # what was typed is kept


def test_a_checkin_refused_by_the_form_still_shows_as_not_recorded(world, as_specialist):
    job = employment_services.employment_create(
        user=world.specialist_a,
        participant=world.participant_a,
        data={
            "employer": world.employer,
            "kind": Employment.Kind.PERMANENT,
            "started_on": today() - dt.timedelta(days=10),
            "percent_of_full_time": 100,
        },
    )
    checkin = job.checkins.order_by("due_on").first()

    response = as_specialist.post(
        reverse("employment:checkin-record", args=[checkin.pk]),
        {"done_on": today().isoformat(), "still_employed": "yes", "hours_per_week": "mange"},
    )

    assert list(response.context["form"].errors) == ["hours_per_week"]
    html = response.content.decode()
    assert "Record the check-in" in html
    assert 'name="flytt-due_on"' in html
