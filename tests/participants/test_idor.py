"""IDOR: guessing an id never opens or changes someone else's case.

Out of scope is 404, never 403 (a 403 would confirm that the record exists), and a refused
POST changes nothing. Every write below is sent with data that *does* work for someone in scope
(``test_the_same_request_works_for_someone_in_scope``), so a refusal here is the scope check
and not a form error.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from placetrain.activities.models import Contact, NextStep
from placetrain.employers.models import (
    Agreement,
    Employer,
    EmployerContact,
    JobAnalysis,
    PartnershipStageChange,
)
from placetrain.employment import services as employment_services
from placetrain.employment.models import Employment, FollowUpCheckin
from placetrain.language import services as language_services
from placetrain.language.models import LanguageGoal, LanguageNote, LanguageObservation, LanguagePlan
from placetrain.lib.dates import today
from placetrain.matching.models import Candidate
from placetrain.participants import services as participant_services
from placetrain.participants.models import (
    ChecklistItem,
    ChecklistTick,
    Consent,
    Participant,
    SensitiveInfo,
    Stage,
    StageChange,
    StatusChange,
    VocationalProfile,
    WorkHistoryEntry,
)
from placetrain.placements import services as placement_services
from placetrain.placements.models import (
    Meeting,
    Outcome,
    Placement,
    PlacementExtension,
    PlacementType,
    Purpose,
    TrainingTask,
)
from tests.factories import (
    AgreementFactory,
    ConsentFactory,
    EmployerContactFactory,
    EmployerFactory,
    JobAnalysisFactory,
    NextStepFactory,
    TeamFactory,
    UserFactory,
)

HTMX = {"HX-Request": "true"}


@pytest.fixture
def case(world):
    """participant_a's case with one of everything, and the employer with a contact person."""
    # Names that cannot turn up on a page by chance (the factories draw common surnames).
    Participant.objects.filter(pk=world.participant_a.pk).update(
        first_name="Idortest", last_name="Skjermetsen", search_name="idortest skjermetsen"
    )
    Participant.objects.filter(pk=world.participant_b.pk).update(
        first_name="Kontroll", last_name="Synligsen", search_name="kontroll synligsen"
    )
    world.participant_a.refresh_from_db()
    world.participant_b.refresh_from_db()
    return _case(
        world.participant_a,
        by=world.specialist_a,
        teacher=world.teacher,
        employer=world.employer,
        contact_person=EmployerContactFactory(employer=world.employer, name="Kari Nordmann"),
        consent=ConsentFactory(
            participant=world.participant_a, given_on=today() - dt.timedelta(days=30)
        ),
    )


@pytest.fixture
def other_case(world, other_org):
    """The same case in the other organisation: other_participant's, worked by
    other_specialist, at the other organisation's employer (which has the same organisation
    number as ours) — every request below works there for its owner."""
    return _case(
        world.other_participant,
        by=world.other_specialist,
        teacher=world.other_teacher,
        employer=world.other_employer,
        contact_person=world.other_contact_person,
        consent=world.other_consent,
    )


def _case(participant, *, by, teacher, employer, contact_person, consent) -> SimpleNamespace:
    """A case with one of everything: ``by`` is the responsible specialist."""
    return SimpleNamespace(
        participant=participant,
        specialist=by,
        programme=participant.programme,
        employer=employer,
        consent=consent,
        work_entry=WorkHistoryEntry.objects.create(participant=participant, workplace="Kiwi"),
        next_step=NextStepFactory(
            participant=participant, owner=by, description=f"Ringe {participant.last_name}"
        ),
        contact_person=contact_person,
        job_analysis=JobAnalysisFactory(employer=employer, title="Lagerjobb"),
        candidate=Candidate.objects.create(
            job_analysis=JobAnalysisFactory(employer=employer, title="Kassejobb"),
            participant=participant,
        ),
        agreement=AgreementFactory(employer=employer, notes="Rammeavtale"),
        teacher=teacher,
        **_workflow(participant, by=by, employer=employer, teacher=teacher),
    )


def _complete_placement(participant, *, by, employer, start: dt.date) -> Placement:
    """A planned placement that answers all six questions (it can be started), planned by
    ``by`` who also follows it up."""
    placement = placement_services.placement_plan(
        user=by,
        participant=participant,
        data={
            "employer": employer,
            "kind": PlacementType.WORK_TRAINING,
            "planned_start": start,
            "planned_end": start + dt.timedelta(days=60),
            "purpose": Purpose.PAID_JOB,
            "goal": "Fast jobb i butikk",
            "why_here": "Liker kundekontakt",
            "follow_up_by": by,
            "follow_up_every_days": 7,
            "mentor_name": "Per Fadder",
            "next_step_after": "Søke fast stilling",
        },
    )
    placement_services.training_task_add(user=by, placement=placement, description="Fylle varer")
    placement_services.training_task_add(user=by, placement=placement, description="Kasse")
    return placement


def _workflow(participant, *, by, employer, teacher) -> dict:
    """The place-train workflow of the participant, all of it done by ``by``: a profile, a
    checklist item, a planned placement (complete, with two training tasks and a planned
    meeting), a started placement, a language plan with a sub-goal, and a job with its
    follow-up check-ins."""
    user = by
    latest = participant.profiles.order_by("-number").values_list("number", flat=True).first()
    profile = participant_services.profile_update(
        user=user, participant=participant, data={"job_wishes": "Butikk"}, based_on=latest
    )
    at = {"by": by, "employer": employer}
    placement = _complete_placement(participant, **at, start=today() + dt.timedelta(days=7))
    running = _complete_placement(participant, **at, start=today() - dt.timedelta(days=30))
    placement_services.placement_start(
        user=user, placement=running, started_on=today() - dt.timedelta(days=30)
    )
    language_plan = language_services.language_plan_create(
        user=user,
        participant=participant,
        data={"placement": placement, "teacher": teacher, "final_goal": "B1 muntlig"},
    )
    employment = employment_services.employment_create(
        user=user,
        participant=participant,
        data={
            "employer": employer,
            "kind": Employment.Kind.PART_TIME,
            "started_on": today() - dt.timedelta(days=10),
            "percent_of_full_time": 60,
        },
    )
    return {
        "profile": profile,
        "checklist_item": ChecklistItem.objects.create(
            stage=Stage.ENGAGEMENT, text="Avklar samtykker", order=99
        ),
        "placement": placement,
        "task": placement.tasks.order_by("order").first(),
        "running": running,
        "meeting": placement_services.meeting_plan(
            user=user,
            placement=placement,
            data={
                "kind": Meeting.Kind.STARTUP,
                "planned_at": timezone.now() + dt.timedelta(days=3),
            },
        ),
        "language_plan": language_plan,
        "language_goal": language_services.language_goal_add(
            user=user, plan=language_plan, description="Småprat i lunsjen", due_on=None
        ),
        "employment": employment,
        "checkin": employment.checkins.order_by("due_on", "pk").first(),
    }


@pytest.fixture
def outsider(world, other_org):
    """A user of the other organisation holding every case role, in a team sharing its caseload."""
    team = TeamFactory(organisation=other_org, name="Team Alt", shared_caseload=True)
    return UserFactory(
        username="utenfor",
        team=team,
        is_job_specialist=True,
        is_team_leader=True,
        is_language_teacher=True,
    )


def _recently() -> str:
    return (timezone.localtime() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")


def _participant_edit(case) -> dict:
    p = case.participant
    return {
        "first_name": "Endret",
        "last_name": p.last_name,
        "birth_date": p.birth_date.isoformat(),
        "phone": p.phone,
        "specialist": p.specialist_id,
        "programme": p.programme_id,
        "language_teachers": [case.teacher.pk],
        "version": p.version,
    }


def _sensitive_edit(case) -> dict:
    info = SensitiveInfo.objects.get(participant=case.participant)
    return {"health": "Endret", "version": info.version}


def _contact_log(case) -> dict:
    return {
        "kontakt-channel": Contact.Channel.PHONE,
        "kontakt-counterpart": Contact.Counterpart.PARTICIPANT,
        "kontakt-occurred_at": _recently(),
        "kontakt-duration_minutes": "30",
        "kontakt-note": "Ringte om praksis",
        "kontakt-next_step_when": "7",
    }


def _employer_contact_log(case) -> dict:
    return {
        "kontakt-channel": Contact.Channel.WORKPLACE,
        "kontakt-counterpart": Contact.Counterpart.EMPLOYER,
        "kontakt-employer_contact": case.contact_person.pk,
        "kontakt-occurred_at": _recently(),
        "kontakt-duration_minutes": "45",
        "kontakt-note": "Besøk",
    }


def _employer_edit(case) -> dict:
    e = case.employer
    return {"name": "Endret AS", "org_number": e.org_number, "version": e.version}


def _job_analysis_data(**values) -> dict:
    return {
        "title": "Endret jobb",
        "kind": "vacancy",
        "state": "open",
        "occupation": "5223",
        "open_positions": 1,
        **values,
    }


def _soon() -> str:
    return (timezone.localtime() + dt.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")


def _profile_edit(case) -> dict:
    return {"based_on": case.profile.number, "job_wishes": "Lager", "strengths": "Punktlig"}


def _placement_plan(case) -> dict:
    return {
        "employer": case.employer.pk,
        "kind": PlacementType.JOB_TASTING,
        "planned_start": (today() + dt.timedelta(days=14)).isoformat(),
    }


def _placement_edit(case) -> dict:
    p = case.placement
    return {
        "employer": p.employer_id,
        "kind": p.kind,
        "planned_start": p.planned_start.isoformat(),
        "planned_end": p.planned_end.isoformat(),
        "purpose": p.purpose,
        "goal": "Endret mål",
        "why_here": p.why_here,
        "follow_up_by": p.follow_up_by_id,
        "follow_up_every_days": p.follow_up_every_days,
        "mentor_name": p.mentor_name,
        "next_step_after": p.next_step_after,
        "version": p.version,
    }


def _task_status(case) -> dict:
    prefix = f"oppgave-{case.task.pk}"
    return {
        f"{prefix}-status": TrainingTask.TaskStatus.IN_TRAINING,
        f"{prefix}-on": today().isoformat(),
    }


def _meeting(case) -> dict:
    return {"kind": Meeting.Kind.STATUS, "planned_at": _soon(), "place": "Kantina"}


def _meeting_hold(case) -> dict:
    return {
        "held_on": today().isoformat(),
        "notes": "Avtalte arbeidstider",
        "tiltak-TOTAL_FORMS": "5",
        "tiltak-INITIAL_FORMS": "0",
        "tiltak-MIN_NUM_FORMS": "0",
        "tiltak-MAX_NUM_FORMS": "5",
    }


def _language_plan(case, **extra) -> dict:
    return {
        "placement": case.placement.pk,
        "teacher": case.teacher.pk,
        "current_level": "A2",
        "required_level": "B1",
        "final_goal": "Bestå Norskprøve 3",
        "final_goal_by": (today() + dt.timedelta(days=200)).isoformat(),
        "hours_per_week": "6",
        **extra,
    }


def _language_plan_edit(case) -> dict:
    return _language_plan(case, final_goal="Endret mål", version=case.language_plan.version)


def _employment(case) -> dict:
    return {
        "employer": case.employer.pk,
        "kind": Employment.Kind.PERMANENT,
        "started_on": today().isoformat(),
        "percent_of_full_time": "50",
    }


def _checkin(case) -> dict:
    return {
        "done_on": today().isoformat(),
        "still_employed": "yes",
        "hours_per_week": "30",
        "how_participant": "Trives",
        "how_employer": "Fornøyd",
        "action": "",
    }


@dataclass(frozen=True)
class Attempt:
    """One request against participant_a's case or the employer, as someone in scope sends it."""

    id: str
    url_name: str
    kwargs: dict = field(default_factory=lambda: {"pk": "participant"})
    method: str = "GET"
    data: object = None  # callable(case) -> dict, for POSTs
    htmx: bool = False
    owner: str = "specialist_a"  # who may do this (the control)
    owner_status: int | None = None  # what the owner gets; 200 for GET, 302 for POST
    query: str = ""  # a query string naming the case's objects ("?job_analysis={job_analysis}")

    def url(self, case) -> str:
        kwargs = {}
        for key, spec in self.kwargs.items():
            attr, _dot, name = spec.partition(".")
            kwargs[key] = getattr(getattr(case, attr), name or "pk")
        pks = {key: getattr(value, "pk", value) for key, value in vars(case).items()}
        return reverse(self.url_name, kwargs=kwargs) + self.query.format(**pks)

    def send(self, client, case):
        headers = HTMX if self.htmx else {}
        if self.method == "POST":
            data = self.data(case) if self.data else {}
            return client.post(self.url(case), data, headers=headers)
        return client.get(self.url(case), headers=headers)

    @property
    def expected_for_owner(self) -> int:
        if self.owner_status is not None:
            return self.owner_status
        return 302 if self.method == "POST" else 200


CONSENT = {"pk": "participant", "consent_pk": "consent"}
ENTRY = {"pk": "participant", "entry_pk": "work_entry"}
EMPLOYER = {"pk": "employer"}
PERSON = {"pk": "employer", "contact_pk": "contact_person"}
ANALYSIS = {"pk": "job_analysis"}
CANDIDATE = {"pk": "candidate"}


def _candidate_form(case, kind: str, **values) -> dict:
    prefix = f"{kind}-{case.candidate.pk}"
    data = {"version": case.candidate.version, "on": today().isoformat(), **values}
    return {f"{prefix}-{name}": value for name, value in data.items()}


AGREEMENT = {"pk": "employer", "agreement_pk": "agreement"}
STEP = {"pk": "next_step"}

PARTICIPANT_ATTEMPTS = [
    Attempt("read", "participants:participant-detail"),
    Attempt("update-form", "participants:participant-update"),
    Attempt("update", "participants:participant-update", method="POST", data=_participant_edit),
    Attempt("delete-form", "participants:participant-delete", owner="leader_a"),
    Attempt("delete", "participants:participant-delete", method="POST", owner="leader_a"),
    Attempt("export", "participants:participant-export"),
    Attempt(
        "status",
        "participants:participant-set-status",
        method="POST",
        data=lambda case: {"status": "active", "on": today().isoformat(), "note": "Startet"},
    ),
    Attempt("consent-form", "participants:consent-create"),
    Attempt(
        "consent-create",
        "participants:consent-create",
        method="POST",
        data=lambda case: {
            "kind": Consent.Kind.EMPLOYER_DISCLOSURE,
            "scope": "Norsknivå og arbeidserfaring",
            "given_on": today().isoformat(),
            "method": Consent.Method.WRITTEN,
        },
    ),
    Attempt("consent-withdraw-form", "participants:consent-withdraw", kwargs=CONSENT),
    Attempt(
        "consent-withdraw",
        "participants:consent-withdraw",
        kwargs=CONSENT,
        method="POST",
        data=lambda case: {"on": today().isoformat()},
    ),
    Attempt("work-form", "participants:work-history-create"),
    Attempt(
        "work-create",
        "participants:work-history-create",
        method="POST",
        data=lambda case: {"workplace": "Rema 1000", "role": "Butikkmedarbeider"},
    ),
    Attempt("work-delete", "participants:work-history-delete", kwargs=ENTRY, method="POST"),
    Attempt("sensitive", "participants:sensitive-detail"),
    Attempt("sensitive-fragment", "participants:sensitive-detail", htmx=True),
    Attempt("sensitive-edit", "participants:sensitive-update", method="POST", data=_sensitive_edit),
    Attempt("access-log", "participants:access-log-list"),
    Attempt("access-log-fragment", "participants:access-log-list", htmx=True),
    Attempt("timeline-fragment", "participants:participant-timeline", htmx=True),
    Attempt("contact-form", "activities:contact-log"),
    Attempt("contact-form-fragment", "activities:contact-log", htmx=True),
    Attempt(
        "contact-log",
        "activities:contact-log",
        method="POST",
        data=_contact_log,
    ),
    Attempt(
        "contact-log-fragment",
        "activities:contact-log",
        method="POST",
        data=_contact_log,
        htmx=True,
        owner_status=200,  # HTMX gets the refreshed timeline back
    ),
    Attempt("next-step-done", "activities:next-step-complete", kwargs=STEP, method="POST"),
    Attempt(
        "next-step-done-fragment",
        "activities:next-step-complete",
        kwargs=STEP,
        method="POST",
        htmx=True,
        owner_status=200,  # HTMX gets an empty fragment: the row goes
    ),
]

EMPLOYER_ATTEMPTS = [
    Attempt("employer-read", "employers:employer-detail", kwargs=EMPLOYER),
    Attempt(
        "employer-timeline-fragment", "employers:employer-timeline", kwargs=EMPLOYER, htmx=True
    ),
    Attempt("employer-chain", "employers:employer-chain", kwargs=EMPLOYER),
    Attempt("employer-update-form", "employers:employer-update", kwargs=EMPLOYER),
    Attempt(
        "employer-update",
        "employers:employer-update",
        kwargs=EMPLOYER,
        method="POST",
        data=_employer_edit,
    ),
    Attempt("stage-change-form", "employers:employer-stage-change", kwargs=EMPLOYER),
    Attempt(
        "stage-change",
        "employers:employer-stage-change",
        kwargs=EMPLOYER,
        method="POST",
        data=lambda case: {
            "fase-stage": "assessing",
            "fase-on": today().isoformat(),
            "fase-version": case.employer.version,
        },
    ),
    Attempt("agreement-create-form", "employers:agreement-create", kwargs=EMPLOYER),
    Attempt(
        "agreement-create",
        "employers:agreement-create",
        kwargs=EMPLOYER,
        method="POST",
        data=lambda case: {"kind": "ia", "valid_from": today().isoformat()},
    ),
    Attempt("agreement-update-form", "employers:agreement-update", kwargs=AGREEMENT),
    Attempt(
        "agreement-update",
        "employers:agreement-update",
        kwargs=AGREEMENT,
        method="POST",
        data=lambda case: {
            "kind": "framework",
            "valid_from": case.agreement.valid_from.isoformat(),
            "notes": "Endret",
            "version": case.agreement.version,
        },
    ),
    Attempt("agreement-delete", "employers:agreement-delete", kwargs=AGREEMENT, method="POST"),
    Attempt("person-create-form", "employers:contact-person-create", kwargs=EMPLOYER),
    Attempt(
        "person-create",
        "employers:contact-person-create",
        kwargs=EMPLOYER,
        method="POST",
        data=lambda case: {"name": "Ola Nordmann", "role": "Butikksjef"},
    ),
    Attempt("person-update-form", "employers:contact-person-update", kwargs=PERSON),
    Attempt(
        "person-update",
        "employers:contact-person-update",
        kwargs=PERSON,
        method="POST",
        data=lambda case: {"name": "Endret Navn"},
    ),
    Attempt("person-delete", "employers:contact-person-delete", kwargs=PERSON, method="POST"),
    Attempt("job-analysis-form", "employers:job-analysis-create", kwargs=EMPLOYER),
    Attempt(
        "job-analysis-create",
        "employers:job-analysis-create",
        kwargs=EMPLOYER,
        method="POST",
        data=lambda case: _job_analysis_data(title="Kasse"),
    ),
    Attempt("job-analysis", "employers:job-analysis-detail", kwargs=ANALYSIS),
    Attempt("job-analysis-update-form", "employers:job-analysis-update", kwargs=ANALYSIS),
    Attempt(
        "job-analysis-update",
        "employers:job-analysis-update",
        kwargs=ANALYSIS,
        method="POST",
        data=lambda case: _job_analysis_data(version=case.job_analysis.version),
    ),
    Attempt(
        "job-analysis-visit",
        "employers:job-analysis-visit",
        kwargs=ANALYSIS,
        method="POST",
        data=lambda case: {"visited_on": today().isoformat()},
    ),
    Attempt("employer-contact-form", "activities:employer-contact-log", kwargs=EMPLOYER),
    Attempt(
        "employer-contact-log",
        "activities:employer-contact-log",
        kwargs=EMPLOYER,
        method="POST",
        data=_employer_contact_log,
    ),
]

CHECKLIST = {"pk": "participant", "item_pk": "checklist_item"}
VERSION = {"pk": "participant", "number": "profile.number"}
PLACEMENT = {"pk": "placement"}
RUNNING = {"pk": "running"}
TASK = {"pk": "placement", "task_pk": "task"}
MEETING = {"pk": "meeting"}
PLAN = {"pk": "language_plan"}
GOAL = {"pk": "language_plan", "goal_pk": "language_goal"}
JOB = {"pk": "employment"}
CHECKIN = {"pk": "checkin"}

# The place-train workflow of participant_a: every page and every write.
WORKFLOW_ATTEMPTS = [
    # Stages and checklist
    Attempt("stages", "participants:stage-list"),
    Attempt(
        "stage-change",
        "participants:participant-set-stage",
        method="POST",
        data=lambda case: {"stage": Stage.PROFILE, "on": today().isoformat(), "note": "Videre"},
    ),
    Attempt(
        "checklist-tick",
        "participants:checklist-tick",
        kwargs=CHECKLIST,
        method="POST",
        data=lambda case: {"ticked": "1"},
    ),
    Attempt(
        "checklist-tick-fragment",
        "participants:checklist-tick",
        kwargs=CHECKLIST,
        method="POST",
        data=lambda case: {"ticked": "1"},
        htmx=True,
        owner_status=200,  # HTMX gets the item (and the stage's progress) back
    ),
    # Vocational profile
    Attempt("profile", "participants:profile-detail"),
    Attempt("profile-version", "participants:profile-version-detail", kwargs=VERSION),
    Attempt("profile-form", "participants:profile-update"),
    Attempt("profile-edit", "participants:profile-update", method="POST", data=_profile_edit),
    # Placements
    Attempt("placement-plan-form", "placements:placement-plan"),
    Attempt("placement-plan", "placements:placement-plan", method="POST", data=_placement_plan),
    Attempt("placement", "placements:placement-detail", kwargs=PLACEMENT),
    Attempt("placement-6h", "placements:placement-print-6h", kwargs=PLACEMENT),
    Attempt("placement-update-form", "placements:placement-update", kwargs=PLACEMENT),
    Attempt(
        "placement-update",
        "placements:placement-update",
        kwargs=PLACEMENT,
        method="POST",
        data=_placement_edit,
    ),
    Attempt("placement-start-form", "placements:placement-start", kwargs=PLACEMENT),
    Attempt(
        "placement-start",
        "placements:placement-start",
        kwargs=PLACEMENT,
        method="POST",
        data=lambda case: {"started_on": today().isoformat()},
    ),
    Attempt("placement-extend-form", "placements:placement-extend", kwargs=RUNNING),
    Attempt(
        "placement-extend",
        "placements:placement-extend",
        kwargs=RUNNING,
        method="POST",
        data=lambda case: {
            "new_end": (today() + dt.timedelta(days=90)).isoformat(),
            "reason": "Trenger mer opplæring",
        },
    ),
    Attempt("placement-end-form", "placements:placement-end", kwargs=RUNNING),
    Attempt(
        "placement-end",
        "placements:placement-end",
        kwargs=RUNNING,
        method="POST",
        data=lambda case: {
            "ended_on": today().isoformat(),
            "outcome": Outcome.EDUCATION,
            "reason": "Begynner på skole",
            "evaluation": "Gikk fint",
        },
    ),
    # The training plan (each with an HTMX branch)
    Attempt(
        "task-add",
        "placements:training-task-add",
        kwargs=PLACEMENT,
        method="POST",
        data=lambda case: {"ny-oppgave-description": "Bestille varer"},
    ),
    Attempt(
        "task-add-fragment",
        "placements:training-task-add",
        kwargs=PLACEMENT,
        method="POST",
        data=lambda case: {"ny-oppgave-description": "Bestille varer"},
        htmx=True,
        owner_status=200,
    ),
    Attempt(
        "task-status",
        "placements:training-task-set-status",
        kwargs=TASK,
        method="POST",
        data=_task_status,
    ),
    Attempt(
        "task-status-fragment",
        "placements:training-task-set-status",
        kwargs=TASK,
        method="POST",
        data=_task_status,
        htmx=True,
        owner_status=200,
    ),
    Attempt(
        "task-move",
        "placements:training-task-move",
        kwargs=TASK,
        method="POST",
        data=lambda case: {"direction": "down"},
    ),
    Attempt(
        "task-move-fragment",
        "placements:training-task-move",
        kwargs=TASK,
        method="POST",
        data=lambda case: {"direction": "down"},
        htmx=True,
        owner_status=200,
    ),
    # Meetings
    Attempt("meeting-form", "placements:meeting-plan", kwargs=PLACEMENT),
    Attempt(
        "meeting-create",
        "placements:meeting-plan",
        kwargs=PLACEMENT,
        method="POST",
        data=_meeting,
    ),
    Attempt("meeting", "placements:meeting-detail", kwargs=MEETING),
    Attempt("meeting-update-form", "placements:meeting-update", kwargs=MEETING),
    Attempt(
        "meeting-update", "placements:meeting-update", kwargs=MEETING, method="POST", data=_meeting
    ),
    Attempt("meeting-hold-form", "placements:meeting-hold", kwargs=MEETING),
    Attempt(
        "meeting-hold", "placements:meeting-hold", kwargs=MEETING, method="POST", data=_meeting_hold
    ),
    # Language plans
    Attempt("language-plan-form", "language:language-plan-create"),
    Attempt(
        "language-plan-create", "language:language-plan-create", method="POST", data=_language_plan
    ),
    Attempt("language-plan", "language:language-plan-detail", kwargs=PLAN),
    Attempt("language-plan-update-form", "language:language-plan-update", kwargs=PLAN),
    Attempt(
        "language-plan-update",
        "language:language-plan-update",
        kwargs=PLAN,
        method="POST",
        data=_language_plan_edit,
    ),
    Attempt("language-goal-form", "language:language-goal-add", kwargs=PLAN),
    Attempt(
        "language-goal-add",
        "language:language-goal-add",
        kwargs=PLAN,
        method="POST",
        data=lambda case: {"delmal-description": "Forstå vaktplanen", "delmal-due_on": ""},
    ),
    Attempt("language-goal-reached-form", "language:language-goal-set-reached", kwargs=GOAL),
    Attempt(
        "language-goal-reached",
        "language:language-goal-set-reached",
        kwargs=GOAL,
        method="POST",
        data=lambda case: {f"nadd-{case.language_goal.pk}-reached_on": today().isoformat()},
    ),
    Attempt("language-observation-form", "language:language-observation-add", kwargs=PLAN),
    Attempt(
        "language-observation-add",
        "language:language-observation-add",
        kwargs=PLAN,
        method="POST",
        data=lambda case: {
            "observasjon-observed_on": today().isoformat(),
            "observasjon-small_talk": "Ja, i lunsjen",
        },
    ),
    Attempt("language-note-form", "language:language-note-add", kwargs=PLAN),
    Attempt(
        "language-note-add",
        "language:language-note-add",
        kwargs=PLAN,
        method="POST",
        data=lambda case: {"notat-written_on": today().isoformat(), "notat-text": "Fremgang"},
    ),
    # Employment and follow-up after hiring
    Attempt("employment-form", "employment:employment-create"),
    Attempt("employment-create", "employment:employment-create", method="POST", data=_employment),
    Attempt("employment", "employment:employment-detail", kwargs=JOB),
    Attempt("employment-end-form", "employment:employment-end", kwargs=JOB),
    Attempt(
        "employment-end",
        "employment:employment-end",
        kwargs=JOB,
        method="POST",
        data=lambda case: {"ended_on": today().isoformat(), "reason": "Flyttet"},
    ),
    Attempt("checkin-form", "employment:checkin-record", kwargs=CHECKIN),
    Attempt("checkin", "employment:checkin-record", kwargs=CHECKIN, method="POST", data=_checkin),
    Attempt(
        "checkin-move",
        "employment:checkin-move",
        kwargs=CHECKIN,
        method="POST",
        data=lambda case: {"flytt-due_on": (today() + dt.timedelta(days=20)).isoformat()},
    ),
    # Printed documents
    Attempt("individual-plan", "placements:individual-plan"),
    Attempt("individual-plan-employer", "placements:individual-plan-employer"),
    # Suggestions and the shortlist
    Attempt("suggestions", "participants:participant-detail", query="?section=suggestions"),
    Attempt(
        "plan-from-suggestion",
        "placements:placement-plan",
        query="?job_analysis={job_analysis}",
    ),
    Attempt(
        "candidate-add",
        "matching:candidate-add",
        kwargs=ANALYSIS,
        method="POST",
        data=lambda case: {"participant": case.participant.pk},
    ),
    Attempt(
        "candidate-status",
        "matching:candidate-set-status",
        kwargs=CANDIDATE,
        method="POST",
        data=lambda case: _candidate_form(case, "status", status="contacted"),
    ),
    Attempt(
        "candidate-answer",
        "matching:candidate-record-answer",
        kwargs=CANDIDATE,
        method="POST",
        data=lambda case: _candidate_form(case, "answer", answer="yes", note="Vil møte"),
    ),
]


def _ids(attempt: Attempt) -> str:
    return attempt.id


ALL_ATTEMPTS = PARTICIPANT_ATTEMPTS + WORKFLOW_ATTEMPTS + EMPLOYER_ATTEMPTS
ORGANISATION_A = ["specialist_a", "specialist_a2", "specialist_b", "leader_a", "teacher", "admin"]
ORGANISATION_B = ["other_specialist", "other_leader", "other_teacher"]
# Who does in the other organisation what specialist_a and leader_a do in ours.
COUNTERPART = {"specialist_a": "other_specialist", "leader_a": "other_leader"}


def _snapshot(case) -> dict:
    """Everything a refused request could have touched."""
    models = (
        Participant,
        StatusChange,
        Consent,
        WorkHistoryEntry,
        SensitiveInfo,
        Contact,
        NextStep,
        Employer,
        EmployerContact,
        JobAnalysis,
        PartnershipStageChange,
        Agreement,
        StageChange,
        ChecklistTick,
        VocationalProfile,
        Placement,
        PlacementExtension,
        TrainingTask,
        Meeting,
        LanguagePlan,
        LanguageGoal,
        LanguageObservation,
        LanguageNote,
        Employment,
        FollowUpCheckin,
        LogEntry,  # not even an access-log row for a request that was refused
    )
    participant = Participant.objects.filter(pk=case.participant.pk)
    return {
        "counts": {model.__name__: model.objects.count() for model in models},
        "participant": list(
            participant.values(
                "first_name", "status", "stage", "version", "specialist_id", "team_id"
            )
        ),
        "teachers": sorted(
            Participant.language_teachers.through.objects.values_list("participant_id", "user_id")
        ),
        "sensitive": list(SensitiveInfo.objects.order_by("pk").values("health", "version")),
        "consents": list(Consent.objects.order_by("pk").values("pk", "withdrawn_on")),
        "work": list(WorkHistoryEntry.objects.order_by("pk").values("pk", "workplace")),
        "next_steps": list(NextStep.objects.order_by("pk").values("pk", "done_at")),
        "employers": list(
            Employer.objects.order_by("pk").values("pk", "name", "version", "stage", "owner_id")
        ),
        "agreements": list(Agreement.objects.order_by("pk").values("pk", "notes", "version")),
        "people": list(EmployerContact.objects.order_by("pk").values("pk", "name", "role")),
        "candidates": list(
            Candidate.objects.order_by("pk").values("pk", "status", "employer_answer", "version")
        ),
        "job_analyses": list(
            JobAnalysis.objects.order_by("pk").values("pk", "title", "version", "visited_on")
        ),
        "ticks": sorted(ChecklistTick.objects.values_list("participant_id", "item_id")),
        "profiles": list(
            VocationalProfile.objects.order_by("pk").values("pk", "number", "job_wishes")
        ),
        "placements": list(
            Placement.objects.order_by("pk").values(
                "pk", "state", "version", "goal", "planned_end", "started_on", "ended_on", "outcome"
            )
        ),
        "tasks": list(
            TrainingTask.objects.order_by("pk").values(
                "pk", "order", "status", "started_on", "description"
            )
        ),
        "meetings": list(
            Meeting.objects.order_by("pk").values("pk", "kind", "planned_at", "place", "held_on")
        ),
        "language_plans": list(
            LanguagePlan.objects.order_by("pk").values("pk", "version", "final_goal", "teacher_id")
        ),
        "language_goals": list(LanguageGoal.objects.order_by("pk").values("pk", "reached_on")),
        "employments": list(
            Employment.objects.order_by("pk").values("pk", "ended_on", "end_reason")
        ),
        "checkins": list(
            FollowUpCheckin.objects.order_by("pk").values("pk", "due_on", "done_on", "recorded_by")
        ),
    }


def _assert_refused_without_a_trace(response, before, case, *, who: str = "") -> None:
    assert response.status_code == 404, who
    assert _snapshot(case) == before, who  # nothing changed, not even an access-log row
    body = response.content.decode()
    assert case.participant.last_name not in body, who
    assert case.employer.name not in body, who


@pytest.mark.parametrize("attempt", ALL_ATTEMPTS, ids=_ids)
def test_the_same_request_works_for_someone_in_scope(attempt, world, case, client_for):
    """The control: each request below is refused for scope, not for bad data."""
    client = client_for(world.user(attempt.owner))
    before = _snapshot(case)
    response = attempt.send(client, case)
    assert response.status_code == attempt.expected_for_owner, response.content[:500]
    if attempt.method == "POST":
        assert _snapshot(case) != before


@pytest.mark.parametrize("attempt", PARTICIPANT_ATTEMPTS + WORKFLOW_ATTEMPTS, ids=_ids)
def test_a_specialist_in_another_team_gets_404_on_a_team_a_participant(
    attempt, world, case, client_for
):
    client = client_for(world.specialist_b)
    before = _snapshot(case)
    _assert_refused_without_a_trace(attempt.send(client, case), before, case)


@pytest.mark.parametrize("attempt", ALL_ATTEMPTS, ids=_ids)
def test_a_user_of_another_organisation_gets_404(attempt, world, case, outsider, client_for):
    """Each of the other organisation's people: the outsider holding every role, its job
    specialist, team leader and language teacher — the teacher once more when wrongly put on
    our participant."""
    before = _snapshot(case)  # stays the reference: a refused request changes nothing
    for persona in ["outsider", *ORGANISATION_B]:
        user = outsider if persona == "outsider" else world.user(persona)
        response = attempt.send(client_for(user), case)
        _assert_refused_without_a_trace(response, before, case, who=persona)
    case.participant.language_teachers.add(world.other_teacher)
    before = _snapshot(case)
    response = attempt.send(client_for(world.other_teacher), case)
    _assert_refused_without_a_trace(response, before, case, who="other_teacher, assigned here")


def test_a_teacher_of_another_organisation_wrongly_assigned_still_gets_404(
    world, case, outsider, client_for
):
    case.participant.language_teachers.add(outsider)
    client = client_for(outsider)
    response = client.get(
        reverse("participants:participant-detail", kwargs={"pk": case.participant.pk})
    )
    assert response.status_code == 404


def test_another_teams_participant_is_not_listed(world, case, client_for):
    client = client_for(world.specialist_b)
    response = client.get(reverse("participants:participant-list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert world.participant_b.last_name in body  # the control: one's own is listed
    assert case.participant.last_name not in body
    assert (
        reverse("participants:participant-detail", kwargs={"pk": case.participant.pk}) not in body
    )


def test_another_teams_participant_is_not_found_by_searching_for_the_name(world, case, client_for):
    detail = reverse("participants:participant-detail", kwargs={"pk": case.participant.pk})
    search = {"q": case.participant.last_name}  # echoed in the search box: look for the rest
    found = client_for(world.specialist_a).post(reverse("participants:participant-list"), search)
    assert detail in found.content.decode()  # the control: the search does find them
    response = client_for(world.specialist_b).post(reverse("participants:participant-list"), search)
    assert response.status_code == 200
    body = response.content.decode()
    assert case.participant.first_name not in body
    assert detail not in body


# --- Nested ids: the child must belong to the parent in the URL -------------------------------


def test_a_consent_of_another_participant_cannot_be_withdrawn_through_ones_own(
    world, case, client_for
):
    foreign = ConsentFactory(
        participant=world.participant_b, given_on=today() - dt.timedelta(days=30)
    )
    client = client_for(world.specialist_a)
    url = reverse(
        "participants:consent-withdraw",
        kwargs={"pk": case.participant.pk, "consent_pk": foreign.pk},
    )
    before = _snapshot(case)
    assert client.get(url).status_code == 404
    response = client.post(url, {"on": today().isoformat()})
    assert response.status_code == 404
    assert _snapshot(case) == before
    foreign.refresh_from_db()
    assert foreign.withdrawn_on is None


def test_a_work_entry_of_another_participant_cannot_be_deleted_through_ones_own(
    world, case, client_for
):
    foreign = WorkHistoryEntry.objects.create(participant=world.participant_b, workplace="Coop")
    client = client_for(world.specialist_a)
    url = reverse(
        "participants:work-history-delete",
        kwargs={"pk": case.participant.pk, "entry_pk": foreign.pk},
    )
    response = client.post(url)
    assert response.status_code == 404
    assert WorkHistoryEntry.objects.filter(pk=foreign.pk).exists()


def _without_the_log(snapshot: dict) -> dict:
    """The snapshot of the records themselves (the access log left out)."""
    return {**snapshot, "counts": {k: v for k, v in snapshot["counts"].items() if k != "LogEntry"}}


def _new_log_rows(before: int) -> list[tuple]:
    return list(
        LogEntry.objects.filter(pk__gt=before).values_list(
            "action", "content_type__model", "object_pk", "additional_data"
        )
    )


def _last_log_pk() -> int:
    return LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _assert_only_reads_of_ones_own_participant(before: int, case, section: str) -> None:
    """Nothing about the other participant reaches the log. (The views log the read of one's
    own placement or plan only after the nested id is found: see the test below.)"""
    for action, model, object_pk, data in _new_log_rows(before):
        assert (action, model, object_pk, data) == (
            LogEntry.Action.ACCESS,
            "participant",
            str(case.participant.pk),
            {"section": section},
        )


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
@pytest.mark.parametrize("action", ["status", "move"])
def test_a_training_task_of_another_placement_cannot_be_changed_through_ones_own(
    action, htmx, world, case, client_for
):
    foreign_placement = _complete_placement(
        world.participant_b,
        by=world.specialist_a,
        employer=world.employer,
        start=today() + dt.timedelta(days=7),
    )
    foreign = foreign_placement.tasks.order_by("order").first()
    client = client_for(world.specialist_a)
    kwargs = {"pk": case.placement.pk, "task_pk": foreign.pk}
    if action == "status":
        name = "placements:training-task-set-status"
        data = {
            f"oppgave-{foreign.pk}-status": TrainingTask.TaskStatus.MASTERED,
            f"oppgave-{foreign.pk}-on": today().isoformat(),
        }
    else:
        name, data = "placements:training-task-move", {"direction": "down"}
    before, log_before = _snapshot(case), _last_log_pk()
    response = client.post(reverse(name, kwargs=kwargs), data, headers=HTMX if htmx else {})
    assert response.status_code == 404
    assert _without_the_log(_snapshot(case)) == _without_the_log(before)
    foreign.refresh_from_db()
    assert (foreign.status, foreign.order) == (TrainingTask.TaskStatus.NOT_STARTED, 1)
    _assert_only_reads_of_ones_own_participant(log_before, case, "placement")


def test_a_sub_goal_of_another_plan_cannot_be_marked_reached_through_ones_own(
    world, case, client_for
):
    foreign_plan = language_services.language_plan_create(
        user=world.specialist_b, participant=world.participant_b, data={"final_goal": "Småprat"}
    )
    foreign = language_services.language_goal_add(
        user=world.specialist_b, plan=foreign_plan, description="Lese vaktlisten", due_on=None
    )
    client = client_for(world.specialist_a)
    url = reverse(
        "language:language-goal-set-reached",
        kwargs={"pk": case.language_plan.pk, "goal_pk": foreign.pk},
    )
    before, log_before = _snapshot(case), _last_log_pk()
    assert client.get(url).status_code == 404
    response = client.post(url, {f"nadd-{foreign.pk}-reached_on": today().isoformat()})
    assert response.status_code == 404
    assert _without_the_log(_snapshot(case)) == _without_the_log(before)
    foreign.refresh_from_db()
    assert foreign.reached_on is None
    _assert_only_reads_of_ones_own_participant(log_before, case, "language-plan")


@pytest.mark.parametrize(
    "name", ["placements:training-task-move", "language:language-goal-set-reached"]
)
def test_a_nested_id_answered_404_writes_no_access_row(name, world, case, client_for):
    if name == "placements:training-task-move":
        foreign_placement = _complete_placement(
            world.participant_b,
            by=world.specialist_a,
            employer=world.employer,
            start=today() + dt.timedelta(days=7),
        )
        kwargs = {"pk": case.placement.pk, "task_pk": foreign_placement.tasks.first().pk}
    else:
        foreign_plan = language_services.language_plan_create(
            user=world.specialist_b, participant=world.participant_b, data={}
        )
        foreign = language_services.language_goal_add(
            user=world.specialist_b, plan=foreign_plan, description="Lese", due_on=None
        )
        kwargs = {"pk": case.language_plan.pk, "goal_pk": foreign.pk}
    before = _last_log_pk()
    response = client_for(world.specialist_a).post(reverse(name, kwargs=kwargs), {})
    assert response.status_code == 404
    assert _new_log_rows(before) == []


# --- Next steps belong to their owner ---------------------------------------------------------


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
@pytest.mark.parametrize(
    "persona",
    ["specialist_a2", "specialist_b", "leader_a", "teacher", "other_specialist", "outsider"],
)
def test_someone_elses_next_step_cannot_be_marked_done(
    persona, htmx, world, case, outsider, client_for
):
    user = outsider if persona == "outsider" else world.user(persona)
    client = client_for(user)
    url = reverse("activities:next-step-complete", kwargs={"pk": case.next_step.pk})
    before = _snapshot(case)
    response = client.post(url, headers=HTMX if htmx else {})
    assert response.status_code == 404
    assert _snapshot(case) == before
    case.next_step.refresh_from_db()
    assert case.next_step.done_at is None


def test_the_owner_can_mark_their_next_step_done(world, case, client_for):
    client = client_for(world.specialist_a)
    url = reverse("activities:next-step-complete", kwargs={"pk": case.next_step.pk})
    assert client.post(url).status_code == 302
    case.next_step.refresh_from_db()
    assert case.next_step.done_at is not None


def test_a_next_step_on_ones_own_participant_owned_by_someone_else_is_theirs_to_close(
    world, case, client_for
):
    """Even the responsible specialist cannot close a step a colleague owns."""
    step = NextStepFactory(participant=case.participant, owner=world.leader_a)
    client = client_for(world.specialist_a)
    response = client.post(reverse("activities:next-step-complete", kwargs={"pk": step.pk}))
    assert response.status_code == 404
    step.refresh_from_db()
    assert step.done_at is None


def test_an_id_out_of_scope_answers_exactly_like_an_id_that_does_not_exist(world, case, client_for):
    """A guesser cannot tell "not yours" from "not there"."""
    client = client_for(world.specialist_b)
    missing = Participant.objects.order_by("-pk").first().pk + 1000
    responses = [
        client.get(reverse("participants:participant-detail", kwargs={"pk": pk}))
        for pk in (case.participant.pk, missing)
    ]
    assert [r.status_code for r in responses] == [404, 404]
    assert responses[0].content == responses[1].content


# --- Another organisation: nothing of theirs reaches us, nothing of ours reaches them ---------


@pytest.mark.parametrize("attempt", ALL_ATTEMPTS, ids=_ids)
def test_nobody_of_ours_reaches_the_other_organisations_records(
    attempt, world, other_case, client_for
):
    """Every role of organisation A, each team — and our teacher wrongly put on their
    participant as well: the organisation is part of every scope, not only the team. The
    control comes last: the same request works there for their own people, so the 404s are
    the organisation's boundary and not a missing record or bad data."""
    before = _snapshot(other_case)  # stays the reference: a refused request changes nothing
    for persona in ORGANISATION_A:
        response = attempt.send(client_for(world.user(persona)), other_case)
        _assert_refused_without_a_trace(response, before, other_case, who=persona)
    other_case.participant.language_teachers.add(world.teacher)
    before = _snapshot(other_case)
    response = attempt.send(client_for(world.teacher), other_case)
    _assert_refused_without_a_trace(response, before, other_case, who="teacher, assigned there")
    response = attempt.send(client_for(world.user(COUNTERPART[attempt.owner])), other_case)
    assert response.status_code == attempt.expected_for_owner, response.content[:500]
    if attempt.method == "POST":
        assert _snapshot(other_case) != before


# The ids after the first in a URL: the child records (the checklist item is everyone's, the
# profile's number no id).
CHILDREN = {"consent_pk", "entry_pk", "contact_pk", "task_pk", "goal_pk", "agreement_pk"}
NESTED_ATTEMPTS = [a for a in ALL_ATTEMPTS if CHILDREN & a.kwargs.keys()]


@pytest.mark.parametrize("attempt", NESTED_ATTEMPTS, ids=_ids)
def test_a_record_of_the_other_organisation_cannot_be_reached_through_ones_own(
    attempt, world, case, other_case, client_for
):
    """Our own participant, placement, plan or employer first in the URL, and after it the other
    organisation's consent, work entry, training task, sub-goal or contact person."""
    foreign = {
        spec: getattr(other_case, spec) for key, spec in attempt.kwargs.items() if key in CHILDREN
    }
    crossed = SimpleNamespace(**{**vars(case), **foreign})
    client = client_for(world.user(attempt.owner))
    before, log_before = _snapshot(case), _last_log_pk()
    response = attempt.send(client, crossed)
    assert response.status_code == 404
    assert _snapshot(case) == before
    assert _new_log_rows(log_before) == []
    body = response.content.decode()
    assert other_case.participant.last_name not in body
    assert other_case.employer.name not in body


def _shown_as(record) -> str:
    """How a record of a choice list is shown on the page."""
    if isinstance(record, Placement):
        return record.employer.name
    return getattr(record, "last_name", None) or record.name


@dataclass(frozen=True)
class ForeignChoice:
    """A form of ours, posted with the id of the other organisation's record in ``form_field``
    (``extra`` completes the row of a formset)."""

    attempt: str
    form_field: str
    record: str  # the attribute of the case: the same record of ours is the control
    extra: dict = field(default_factory=dict)

    def data(self, case, of) -> dict:
        attempt = ATTEMPTS_BY_ID[self.attempt]
        pk = getattr(of, self.record).pk
        value = [pk] if self.form_field == "language_teachers" else pk
        return {**attempt.data(case), **self.extra, self.form_field: value}


ATTEMPTS_BY_ID = {attempt.id: attempt for attempt in ALL_ATTEMPTS}
ACTION = {
    "tiltak-0-description": "Avklare arbeidstid",
    "tiltak-0-due_on": (today() + dt.timedelta(days=14)).isoformat(),
}
FOREIGN_CHOICES = [
    ForeignChoice("update", "specialist", "specialist"),
    ForeignChoice("update", "language_teachers", "teacher"),
    ForeignChoice("update", "programme", "programme"),
    ForeignChoice("placement-plan", "employer", "employer"),
    ForeignChoice("placement-plan", "mentor", "contact_person"),
    ForeignChoice("placement-update", "employer", "employer"),
    ForeignChoice("placement-update", "follow_up_by", "specialist"),
    ForeignChoice("placement-update", "mentor", "contact_person"),
    ForeignChoice("meeting-hold", "tiltak-0-owner", "specialist", extra=ACTION),
    ForeignChoice("language-plan-create", "teacher", "teacher"),
    ForeignChoice("language-plan-create", "placement", "placement"),
    ForeignChoice("language-plan-update", "placement", "placement"),
    ForeignChoice("employment-create", "employer", "employer"),
    ForeignChoice("employer-update", "owner", "specialist"),
    ForeignChoice("contact-log", "kontakt-employer", "employer"),
    ForeignChoice("employer-contact-log", "kontakt-employer_contact", "contact_person"),
]


@pytest.mark.parametrize(
    "choice", FOREIGN_CHOICES, ids=lambda choice: f"{choice.attempt}:{choice.form_field}"
)
def test_a_record_of_the_other_organisation_is_no_choice_in_our_forms(
    choice, world, case, other_case, client_for
):
    """The id of their specialist, teacher, programme, employer, contact person or placement
    in one of our forms: the form comes back with the choice refused and nothing saved; the
    same field with our own record (the control) saves."""
    attempt = ATTEMPTS_BY_ID[choice.attempt]
    client = client_for(world.user(attempt.owner))
    before = _snapshot(case)
    response = client.post(attempt.url(case), choice.data(case, other_case))
    assert response.status_code == 200
    assert _without_the_log(_snapshot(case)) == _without_the_log(before)
    assert _shown_as(getattr(other_case, choice.record)) not in response.content.decode()
    control = client.post(attempt.url(case), choice.data(case, case))
    assert control.status_code == attempt.expected_for_owner, control.content[:500]
    assert _without_the_log(_snapshot(case)) != _without_the_log(before)


def test_an_organisation_number_only_the_other_organisation_has_registered_is_free_for_us(
    world, other_org, client_for
):
    """Their register is not ours: registering the number neither refuses nor names theirs."""
    EmployerFactory(organisation=other_org, org_number="974760673", name="Nabosagbruket AS")
    client = client_for(world.specialist_a)
    data = {"name": "Sagbruket Elvestad AS", "org_number": "974 760 673"}
    response = client.post(reverse("employers:employer-create"), data)
    assert response.status_code == 302
    ours = Employer.objects.get(organisation=world.org, org_number="974760673")
    assert response["Location"] == reverse("employers:employer-detail", kwargs={"pk": ours.pk})
    again = client.post(reverse("employers:employer-create"), data)  # the control: ours is found
    assert again.status_code == 200
    assert Employer.objects.filter(org_number="974760673").count() == 2
    assert "Nabosagbruket" not in response.content.decode() + again.content.decode()


# --- Lists: what one sees without an id ---------------------------------------------------


def _lists(client, of) -> dict[str, object]:
    """Every list a user has, also searched and filtered for the records of case ``of``."""
    participants = reverse("participants:participant-list")
    employers = reverse("employers:employer-list")
    return {
        "participant list": client.get(participants),
        "participant list (HTMX)": client.get(participants, headers=HTMX),
        "participant search": client.post(participants, {"q": of.participant.last_name}),
        "participants of the specialist": client.get(
            participants, {"specialist": of.specialist.pk}
        ),
        "participants of the programme": client.get(
            participants, {"programme": of.participant.programme_id}
        ),
        "employer list": client.get(employers),
        "employer list (HTMX)": client.get(employers, headers=HTMX),
        "employer search": client.post(employers, {"q": of.employer.name}),
        "employer search by number": client.post(employers, {"q": of.employer.org_number}),
        "Min dag": client.get(reverse("activities:my-day")),
        "Mine språkdeltakere": client.get(reverse("language:taught-participant-list")),
    }


def _traces(response, of) -> list[str]:
    """What of case ``of`` a page shows (a searched-for name echoed in the search box aside)."""
    assert response.status_code in (200, 403), response.status_code
    body = response.content.decode()
    request = response.wsgi_request
    echoed = request.POST.get("q") or request.GET.get("q")
    participant, employer = of.participant, of.employer
    signs = {
        "participant's first name": participant.first_name,
        "participant's last name": participant.last_name,
        "participant's page": reverse(
            "participants:participant-detail", kwargs={"pk": participant.pk}
        ),
        "employer": employer.name,
        "employer's page": reverse("employers:employer-detail", kwargs={"pk": employer.pk}),
        "next step": of.next_step.description,
    }
    return [name for name, sign in signs.items() if sign in body and sign != echoed]


# The lists that show a case to its own people: the control for the tests below.
SHOWN_TO = {
    "specialist": [
        "participant list",
        "participant list (HTMX)",
        "participant search",
        "participants of the specialist",
        "participants of the programme",
        "employer list",
        "employer list (HTMX)",
        "employer search",
        "employer search by number",
        "Min dag",
    ],
    "teacher": ["Mine språkdeltakere"],
}


@pytest.mark.parametrize("side", ["ours", "theirs"])
def test_the_lists_show_a_case_to_its_own_people(side, world, case, other_case, client_for):
    own = case if side == "ours" else other_case
    for role, pages in SHOWN_TO.items():
        responses = _lists(client_for(getattr(own, role)), own)
        shown = {page: bool(_traces(responses[page], own)) for page in pages}
        assert shown == dict.fromkeys(pages, True), role


@pytest.mark.parametrize("persona", ORGANISATION_A)
def test_no_list_of_ours_shows_the_other_organisation(persona, world, case, other_case, client_for):
    responses = _lists(client_for(world.user(persona)), other_case)
    traces = {page: _traces(response, other_case) for page, response in responses.items()}
    assert traces == dict.fromkeys(responses, [])


@pytest.mark.parametrize("persona", ORGANISATION_B)
def test_no_list_of_theirs_shows_ours(persona, world, case, other_case, client_for):
    responses = _lists(client_for(world.user(persona)), case)
    traces = {page: _traces(response, case) for page, response in responses.items()}
    assert traces == dict.fromkeys(responses, [])


def test_our_teacher_wrongly_assigned_to_their_participant_is_not_given_them(
    world, case, other_case, client_for
):
    other_case.participant.language_teachers.add(world.teacher)
    responses = _lists(client_for(world.teacher), other_case)
    traces = {page: _traces(response, other_case) for page, response in responses.items()}
    assert traces == dict.fromkeys(responses, [])
    own = _lists(client_for(world.teacher), case)["Mine språkdeltakere"]
    assert _traces(own, case)  # the control: their own participant is listed
