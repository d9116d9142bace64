"""Every write goes through @service: atomic, and the acting user is the author of the change
history it writes — also outside a request (a management command, the API, a cron job).

Each service has a recipe below: it sets the scene with factories (whose history has no
author), then calls the service as ``user``, with no request anywhere. A service added without
a recipe fails ``test_every_service_has_a_recipe``."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from collections.abc import Callable
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.db import transaction
from django.utils import timezone

import placetrain
from placetrain.accounts import services as accounts
from placetrain.activities import services as activities
from placetrain.activities.models import Contact
from placetrain.employers import services as employers
from placetrain.employment import services as employment
from placetrain.language import services as language
from placetrain.lib.services import SERVICES, WorkflowError, acting_as, service
from placetrain.matching import services as matching
from placetrain.matching.models import Candidate
from placetrain.participants import services as participants
from placetrain.participants.models import (
    ChecklistItem,
    Consent,
    Participant,
    Stage,
    StageChange,
    Status,
)
from placetrain.placements import services as placements
from placetrain.placements.models import Meeting, PlacementType
from tests.factories import (
    AgreementFactory,
    ConsentFactory,
    ContactFactory,
    EmployerContactFactory,
    EmploymentFactory,
    FollowUpCheckinFactory,
    JobAnalysisFactory,
    LanguagePlanFactory,
    MeetingFactory,
    NextStepFactory,
    ParticipantFactory,
    PlacementFactory,
    TrainingTaskFactory,
    VocationalProfileFactory,
)

# Plain functions in services modules that write nothing: the answers a service checks.
NOT_WRITES = {
    "placetrain.placements.services.missing_6h",
    "placetrain.employment.services.follow_up_dates",
}

Call = Callable[[Any], object]  # the service called as the given user
Recipe = Callable[[Any], Call]  # world -> (user -> result)


def _contact_data() -> dict[str, Any]:
    return {
        "channel": Contact.Channel.WORKPLACE,
        "note": "Besøk",
        "counterpart": Contact.Counterpart.PARTICIPANT,
        "occurred_at": timezone.now(),
        "duration_minutes": 30,
    }


def _started(world):
    return PlacementFactory(started=True, participant=world.participant_a, employer=world.employer)


def _planned(world):
    return PlacementFactory(answered=True, participant=world.participant_a, employer=world.employer)


def _job(world):
    return EmploymentFactory(participant=world.participant_a, employer=world.employer)


def _step_of_a_handed_over_participant(world):
    """specialist_a's open step about participant_a, who now has specialist_a2."""
    step = NextStepFactory(participant=world.participant_a, owner=world.specialist_a)
    Participant.objects.filter(pk=world.participant_a.pk).update(specialist=world.specialist_a2)
    step.participant.refresh_from_db()
    return step


def _candidate(world) -> Candidate:
    analysis = JobAnalysisFactory(employer=world.employer)
    return Candidate.objects.create(job_analysis=analysis, participant=world.participant_a)


def _today() -> dt.date:
    return timezone.localdate()


RECIPES: dict[Any, Recipe] = {
    accounts.preferences_update: lambda w: (
        lambda u: accounts.preferences_update(user=u, language="en")
    ),
    activities.contact_log: lambda w: (
        lambda u: activities.contact_log(
            user=u,
            participant=w.participant_a,
            data=_contact_data(),
            next_step=("Ring", _today()),
        )
    ),
    activities.employer_contact_log: lambda w: (
        lambda u: activities.employer_contact_log(user=u, employer=w.employer, data=_contact_data())
    ),
    activities.contact_delete: lambda w: (
        lambda contact: lambda u: activities.contact_delete(user=u, contact=contact)
    )(ContactFactory(employer=w.employer, participant=w.participant_a)),
    activities.next_steps_hand_over: lambda w: (
        lambda step: (
            lambda u: activities.next_steps_hand_over(
                user=u, participant=step.participant, previous=w.specialist_a
            )
        )
    )(_step_of_a_handed_over_participant(w)),
    activities.next_step_complete: lambda w: (
        lambda step: lambda u: activities.next_step_complete(user=u, step=step)
    )(NextStepFactory(participant=w.participant_a)),
    employers.employer_create: lambda w: (
        lambda u: employers.employer_create(
            user=u, data={"name": "Ny Bedrift AS", "org_number": "974760673"}
        )
    ),
    employers.employer_update: lambda w: (
        lambda u: employers.employer_update(
            user=u, employer=w.employer, data={"industry": "Lager"}, expected_version=1
        )
    ),
    employers.employer_stage_change: lambda w: (
        lambda u: employers.employer_stage_change(
            user=u, employer=w.employer, stage="assessing", on=_today(), expected_version=1
        )
    ),
    employers.agreement_create: lambda w: (
        lambda u: employers.agreement_create(
            user=u, employer=w.employer, data={"kind": "ia", "valid_from": _today()}
        )
    ),
    employers.agreement_update: lambda w: (
        lambda agreement: (
            lambda u: employers.agreement_update(
                user=u, agreement=agreement, data={"notes": "Forlenget"}, expected_version=1
            )
        )
    )(AgreementFactory(employer=w.employer)),
    employers.agreement_delete: lambda w: (
        lambda agreement: lambda u: employers.agreement_delete(user=u, agreement=agreement)
    )(AgreementFactory(employer=w.employer)),
    employers.contact_person_create: lambda w: (
        lambda u: employers.contact_person_create(
            user=u, employer=w.employer, data={"name": "Kari Fadder"}
        )
    ),
    employers.contact_person_update: lambda w: (
        lambda person: (
            lambda u: employers.contact_person_update(
                user=u, contact=person, data={"role": "Skiftleder"}, expected_version=1
            )
        )
    )(EmployerContactFactory(employer=w.employer)),
    employers.contact_person_delete: lambda w: (
        lambda person: lambda u: employers.contact_person_delete(user=u, contact=person)
    )(EmployerContactFactory(employer=w.employer)),
    employers.job_analysis_create: lambda w: (
        lambda u: employers.job_analysis_create(
            user=u,
            employer=w.employer,
            data={"title": "Kasse", "occupation_id": "5223", "visited_on": _today()},
        )
    ),
    employers.job_analysis_update: lambda w: (
        lambda analysis: (
            lambda u: employers.job_analysis_update(
                user=u, analysis=analysis, data={"title": "Lager"}, expected_version=1
            )
        )
    )(JobAnalysisFactory(employer=w.employer)),
    employers.job_analysis_record_visit: lambda w: (
        lambda analysis: (
            lambda u: employers.job_analysis_record_visit(user=u, analysis=analysis, on=_today())
        )
    )(JobAnalysisFactory(employer=w.employer)),
    matching.candidate_add: lambda w: (
        lambda analysis: (
            lambda u: matching.candidate_add(
                user=u, analysis=analysis, participant=w.participant_a, suggestion=None
            )
        )
    )(JobAnalysisFactory(employer=w.employer)),
    matching.candidate_set_status: lambda w: (
        lambda c: (
            lambda u: matching.candidate_set_status(
                user=u, candidate=c, status="contacted", reason="", on=_today(), expected_version=1
            )
        )
    )(
        Candidate.objects.create(
            job_analysis=JobAnalysisFactory(employer=w.employer), participant=w.participant_a
        )
    ),
    matching.candidate_record_answer: lambda w: (
        lambda c: (
            lambda u: matching.candidate_record_answer(
                user=u, candidate=c, answer="yes", note="", on=_today(), expected_version=1
            )
        )
    )(
        Candidate.objects.create(
            job_analysis=JobAnalysisFactory(employer=w.employer), participant=w.participant_a
        )
    ),
    employment.employment_create: lambda w: (
        lambda u: employment.employment_create(
            user=u,
            participant=w.participant_a,
            data={
                "employer": w.employer,
                "kind": "part_time",
                "started_on": _today(),
                "percent_of_full_time": 50,
            },
        )
    ),
    employment.employment_end: lambda w: (
        lambda job: (
            lambda u: employment.employment_end(
                user=u, employment=job, ended_on=_today(), reason="Sa opp"
            )
        )
    )(_job(w)),
    employment.checkin_record: lambda w: (
        lambda c: (
            lambda u: employment.checkin_record(
                user=u,
                checkin=c,
                data={"done_on": _today(), "still_employed": True},
                expected_version=1,
            )
        )
    )(FollowUpCheckinFactory(employment=_job(w))),
    employment.checkin_move: lambda w: (
        lambda c: (
            lambda u: employment.checkin_move(
                user=u, checkin=c, due_on=c.due_on + dt.timedelta(days=3)
            )
        )
    )(FollowUpCheckinFactory(employment=_job(w))),
    language.language_plan_create: lambda w: (
        lambda u: language.language_plan_create(
            user=u, participant=w.participant_a, data={"final_goal": "B1"}
        )
    ),
    language.language_plan_update: lambda w: (
        lambda plan: (
            lambda u: language.language_plan_update(
                user=u, plan=plan, data={"final_goal": "B2"}, expected_version=1
            )
        )
    )(LanguagePlanFactory(participant=w.participant_a)),
    language.language_goal_add: lambda w: (
        lambda plan: (
            lambda u: language.language_goal_add(
                user=u, plan=plan, description="Småprat", due_on=None
            )
        )
    )(LanguagePlanFactory(participant=w.participant_a)),
    language.language_goal_set_reached: lambda w: (
        lambda goal: (
            lambda u: language.language_goal_set_reached(user=u, goal=goal, reached_on=_today())
        )
    )(LanguagePlanFactory(participant=w.participant_a).goals.create(description="Småprat")),
    language.language_observation_add: lambda w: (
        lambda plan: (
            lambda u: language.language_observation_add(
                user=u, plan=plan, observed_on=_today(), answers={"small_talk": "Ja"}
            )
        )
    )(LanguagePlanFactory(participant=w.participant_a)),
    language.language_note_add: lambda w: (
        lambda plan: (
            lambda u: language.language_note_add(
                user=u, plan=plan, written_on=_today(), text="Fin fremgang"
            )
        )
    )(LanguagePlanFactory(participant=w.participant_a)),
    participants.participant_create: lambda w: (
        lambda u: participants.participant_create(
            user=u,
            data={
                "first_name": "Ny",
                "last_name": "Deltaker",
                "birth_date": dt.date(1990, 1, 1),
                "specialist": w.specialist_a,
            },
        )
    ),
    participants.participant_update: lambda w: (
        lambda u: participants.participant_update(
            user=u, participant=w.participant_a, data={"phone": "91234567"}, expected_version=1
        )
    ),
    participants.participant_set_status: lambda w: (
        lambda u: participants.participant_set_status(
            user=u, participant=w.participant_a, status=Status.ACTIVE, on=_today()
        )
    ),
    participants.participant_delete: lambda w: (
        lambda p: lambda u: participants.participant_delete(user=u, participant=p)
    )(ParticipantFactory(specialist=w.specialist_a)),
    participants.consent_create: lambda w: (
        lambda u: participants.consent_create(
            user=u,
            participant=w.participant_a,
            data={
                "kind": Consent.Kind.SERVICE_CONTACT,
                "scope": "Fastlegen",
                "given_on": _today(),
                "method": Consent.Method.ORAL,
            },
        )
    ),
    participants.consent_withdraw: lambda w: (
        lambda c: lambda u: participants.consent_withdraw(user=u, consent=c, on=_today())
    )(ConsentFactory(participant=w.participant_a)),
    participants.work_history_create: lambda w: (
        lambda u: participants.work_history_create(
            user=u, participant=w.participant_a, data={"workplace": "Kiwi"}
        )
    ),
    participants.work_history_delete: lambda w: (
        lambda entry: lambda u: participants.work_history_delete(user=u, entry=entry)
    )(w.participant_a.work_history.create(workplace="Rema")),
    participants.sensitive_update: lambda w: (
        lambda u: participants.sensitive_update(
            user=u,
            participant=w.participant_a,
            data={"housing": "Egen leilighet"},
            expected_version=1,
        )
    ),
    participants.participant_set_stage: lambda w: (
        lambda u: participants.participant_set_stage(
            user=u, participant=w.participant_a, stage=Stage.PROFILE, on=_today()
        )
    ),
    participants.participant_advance_stage: lambda w: (
        lambda u: participants.participant_advance_stage(
            user=u,
            participant=w.participant_a,
            stage=Stage.SUPPORT,
            on=_today(),
            cause=StageChange.Cause.HIRED,
        )
    ),
    participants.checklist_tick: lambda w: (
        lambda u: participants.checklist_tick(
            user=u,
            participant=w.participant_a,
            item=ChecklistItem.objects.filter(active=True).first(),
            ticked=True,
        )
    ),
    participants.profile_update: lambda w: (
        lambda u: participants.profile_update(
            user=u, participant=w.participant_a, data={"job_wishes": "Lager"}, based_on=None
        )
    ),
    placements.placement_plan: lambda w: (
        lambda u: placements.placement_plan(
            user=u,
            participant=w.participant_a,
            data={
                "employer": w.employer,
                "kind": PlacementType.JOB_TASTING,
                "planned_start": _today(),
            },
        )
    ),
    placements.placement_update: lambda w: (
        lambda p: (
            lambda u: placements.placement_update(
                user=u, placement=p, data={"goal": "Fast jobb"}, expected_version=1
            )
        )
    )(_planned(w)),
    placements.placement_start: lambda w: (
        lambda p: (
            lambda u: placements.placement_start(user=u, placement=p, started_on=p.planned_start)
        )
    )(_planned(w)),
    placements.placement_extend: lambda w: (
        lambda p: (
            lambda u: placements.placement_extend(
                user=u, placement=p, new_end=p.planned_end + dt.timedelta(days=14), reason="Mer tid"
            )
        )
    )(_started(w)),
    placements.placement_end: lambda w: (
        lambda p: (
            lambda u: placements.placement_end(
                user=u,
                placement=p,
                ended_on=p.started_on,
                outcome="hired_part_time",
                reason="Ansatt",
                evaluation="Gikk fint",
                employment={
                    "kind": "part_time",
                    "started_on": p.started_on,
                    "percent_of_full_time": 50,
                },
            )
        )
    )(_started(w)),
    placements.training_task_add: lambda w: (
        lambda p: lambda u: placements.training_task_add(user=u, placement=p, description="Kasse")
    )(_started(w)),
    placements.training_task_set_status: lambda w: (
        lambda t: (
            lambda u: placements.training_task_set_status(
                user=u, task=t, status="mastered", on=_today()
            )
        )
    )(TrainingTaskFactory(placement=_started(w))),
    placements.training_task_move: lambda w: (
        lambda t: lambda u: placements.training_task_move(user=u, task=t, up=True)
    )((lambda p: [TrainingTaskFactory(placement=p, order=n) for n in (1, 2)][-1])(_started(w))),
    placements.meeting_plan: lambda w: (
        lambda p: (
            lambda u: placements.meeting_plan(
                user=u,
                placement=p,
                data={"kind": Meeting.Kind.STATUS, "planned_at": timezone.now()},
            )
        )
    )(_started(w)),
    placements.meeting_update: lambda w: (
        lambda m: (
            lambda u: placements.meeting_update(
                user=u, meeting=m, data={"place": "Kafé"}, expected_version=1
            )
        )
    )(MeetingFactory(placement=_started(w))),
    placements.meeting_hold: lambda w: (
        lambda m: (
            lambda u: placements.meeting_hold(
                user=u,
                meeting=m,
                held_on=_today(),
                notes="Gikk fint",
                actions=[("Ring fadder", u, _today())],
            )
        )
    )(MeetingFactory(placement=_started(w))),
}


def _all_services() -> dict[str, Any]:
    """Every function in every app's services module (importing them registers the services)."""
    found = {}
    for module_info in pkgutil.iter_modules(placetrain.__path__):
        if module_info.name == "lib":  # the mechanism itself
            continue
        try:
            module = importlib.import_module(f"placetrain.{module_info.name}.services")
        except ModuleNotFoundError:
            continue
        for name, value in vars(module).items():
            if inspect.isfunction(value) and value.__module__ == module.__name__:
                if not name.startswith("_"):
                    found[f"{module.__name__}.{name}"] = value
    return found


def _recipe_id(service_function: Any) -> str:
    return f"{service_function.__module__.split('.')[1]}.{service_function.__name__}"


def test_every_public_function_of_a_services_module_is_a_service():
    plain = sorted(
        name
        for name, function in _all_services().items()
        if not getattr(function, "is_service", False) and name not in NOT_WRITES
    )
    assert not plain, f"writes that do not go through @service: {plain}"


def test_every_service_has_a_recipe():
    services = {name for name in _all_services() if name not in NOT_WRITES}
    assert services == {name for name in SERVICES if name.startswith("placetrain.")}
    covered = {f"{f.__module__}.{f.__name__}" for f in RECIPES}
    assert services == covered, sorted(services ^ covered)


@pytest.mark.parametrize("service_function", list(RECIPES), ids=_recipe_id)
def test_a_service_called_outside_a_request_records_who_acted(world, service_function):
    user = world.leader_a  # not the participant's specialist: the author is who acted
    call = RECIPES[service_function](world)
    before = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    call(user)

    written = LogEntry.objects.filter(pk__gt=before)
    assert written.exists(), "the service wrote no change history"
    authors = set(written.values_list("actor_id", flat=True))
    assert authors == {user.pk}, authors


def test_the_author_inside_a_request_is_the_services_user_not_someone_else(world):
    """A service called for another user inside a block acting as someone (a request's
    middleware, a command acting for an operator) records the service's user."""
    before = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with acting_as(world.specialist_a):
        participants.participant_set_status(
            user=world.leader_a, participant=world.participant_a, status="active", on=_today()
        )
        # Back in the outer block, its author holds again.
        participants.work_history_create(
            user=world.specialist_a, participant=world.participant_a, data={"workplace": "Kiwi"}
        )
    rows = LogEntry.objects.filter(pk__gt=before).order_by("pk")
    assert [row.actor_id for row in rows] == [world.leader_a.pk] * 2 + [world.specialist_a.pk]


def test_a_service_that_fails_writes_nothing(world):
    """@service is atomic: a refusal after a first write rolls the write back."""
    placement = PlacementFactory(participant=world.participant_a, employer=world.employer)
    status_before = world.participant_a.status

    with pytest.raises(WorkflowError):
        placements.placement_start(
            user=world.specialist_a, placement=placement, started_on=_today()
        )

    world.participant_a.refresh_from_db()
    assert world.participant_a.status == status_before
    assert placement.__class__.objects.get(pk=placement.pk).state == "planned"


@pytest.mark.django_db(transaction=True)
def test_a_refused_service_rolls_back_its_own_writes(world):
    """Outside the test's own transaction too: the refusal undoes what the service wrote first."""

    @service
    def write_then_refuse(*, user, participant):
        participants.work_history_create(
            user=user, participant=participant, data={"workplace": "Kiwi"}
        )
        raise WorkflowError({"workplace": "refused"})

    with pytest.raises(WorkflowError):
        write_then_refuse(user=world.specialist_a, participant=world.participant_a)

    assert not world.participant_a.work_history.exists()
    assert transaction.get_connection().in_atomic_block is False


def test_a_service_needs_the_acting_user():
    with pytest.raises(TypeError, match="acting user"):
        participants.participant_set_status(participant=None, status="active", on=_today())


def test_a_profile_version_and_other_records_have_their_author(world):
    """Records that name their author themselves (profile versions) agree with the history."""
    VocationalProfileFactory(participant=world.participant_b, number=1)
    profile = participants.profile_update(
        user=world.specialist_b, participant=world.participant_b, data={}, based_on=1
    )
    assert profile.created_by == world.specialist_b
    row = LogEntry.objects.get_for_object(profile).get()
    assert row.actor == world.specialist_b
