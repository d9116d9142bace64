"""Writes for placements and the 'train' around them: keyword-only, through ``@service``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from placetrain.accounts.models import User
from placetrain.activities.models import NextStep
from placetrain.employers.models import EmployerContact
from placetrain.employers.services import contact_person_create
from placetrain.employment.models import Employment
from placetrain.employment.services import employment_create
from placetrain.lib.concurrency import apply_fields, claim_version, lock_current
from placetrain.lib.services import WorkflowError, service
from placetrain.participants.models import Participant, Stage, StageChange, Status
from placetrain.participants.services import participant_advance_stage, participant_set_status

from .models import HIRE_OUTCOMES, Meeting, Outcome, Placement, PlacementExtension, TrainingTask

PHONE_LENGTH = EmployerContact._meta.get_field("phone").max_length or 30

# The 6H questions (DOMAIN §3.2) as checks: the form field that answers it, whether this
# placement answers it, and what to say when it does not.
SIX_H: list[tuple[str, Callable[[Placement], bool], Any]] = [
    (
        "who",
        lambda p: p.participant.profiles.exists(),
        gettext_lazy("Who? The participant has no vocational profile yet."),
    ),
    (
        "purpose",
        lambda p: bool(p.purpose),
        gettext_lazy("Why? Choose the purpose of the placement."),
    ),
    ("goal", lambda p: bool(p.goal.strip()), gettext_lazy("Why? Write the goal of the placement.")),
    (
        "why_here",
        lambda p: bool(p.why_here.strip()),
        gettext_lazy("Where? Write why this employer fits the participant."),
    ),
    (
        "follow_up_by",
        lambda p: bool(p.follow_up_by_id),
        gettext_lazy("How? Choose who follows up."),
    ),
    (
        "follow_up_every_days",
        lambda p: bool(p.follow_up_every_days),
        gettext_lazy("How? Say how often the workplace is visited."),
    ),
    (
        "mentor_name",
        lambda p: bool(p.mentor_id or p.mentor_name.strip()),
        gettext_lazy("How? Name the mentor (fadder) at the workplace."),
    ),
    (
        "training_plan",
        lambda p: p.tasks.exists(),
        gettext_lazy("How? Add at least one task to the training plan."),
    ),
    (
        "language_plan",
        lambda p: not p.language_plan_needed or p.language_plans.exists(),
        gettext_lazy("How? The participant needs a language plan; make one."),
    ),
    (
        "planned_end",
        lambda p: bool(p.planned_end),
        gettext_lazy("How long? Set the planned end date."),
    ),
    (
        "next_step_after",
        lambda p: bool(p.next_step_after.strip()),
        gettext_lazy("What after? Write the planned next step."),
    ),
]


def missing_6h(placement: Placement) -> dict[str, str]:
    """The 6H questions this placement does not answer yet, keyed by the form field to fill.

    Who: a vocational profile exists. Why: purpose and goal. Where: why this employer. How: who
    follows up, how often, a mentor, a training plan, a language plan if needed. How long: a
    planned end. What after: the planned next step.
    """
    return {key: str(message) for key, answered, message in SIX_H if not answered(placement)}


@service
def placement_plan(
    *, user: User, participant: Participant, data: dict[str, Any], mentor_as_contact: bool = False
) -> Placement:
    """Plan a placement. It may be incomplete; starting it needs the 6H answers. A new mentor
    typed in may become one of the employer's contact persons (``mentor_as_contact``)."""
    if mentor_as_contact:
        _mentor_to_contact_person(user, data)
    return Placement.objects.create(participant=participant, created_by=user, **data)


def _mentor_to_contact_person(user: User, data: dict[str, Any]) -> None:
    """Save the typed mentor as a contact person of the placement's employer, and point the
    placement at them instead of keeping the typed copy."""
    contact = data.get("mentor_contact", "").strip()
    channel: dict[str, str] = {}
    if contact:
        try:
            validate_email(contact)
            channel = {"email": contact}
        except ValidationError:
            if "@" not in contact and len(contact) <= PHONE_LENGTH:
                channel = {"phone": contact}
    person = contact_person_create(
        user=user,
        employer=data["employer"],
        data={
            "name": data["mentor_name"],
            "role": data.get("mentor_role", ""),
            "is_mentor": True,
            **channel,
        },
    )
    data.update(mentor=person, mentor_name="", mentor_role="")
    if channel:
        data["mentor_contact"] = ""


@service
def placement_update(
    *,
    user: User,
    placement: Placement,
    data: dict[str, Any],
    expected_version: int,
    mentor_as_contact: bool = False,
) -> Placement:
    """Save the plan. On a started placement the planned end moves only by placement_extend, and
    the 6H answers may change but not be emptied."""
    claim_version(placement, expected_version)
    if mentor_as_contact:
        _mentor_to_contact_person(user, data)
    if placement.state != Placement.State.PLANNED and "planned_end" in data:
        if data["planned_end"] != placement.planned_end:
            raise WorkflowError(
                {"planned_end": _("A started placement is extended with a reason, not edited.")}
            )
    apply_fields(placement, data)
    if placement.state != Placement.State.PLANNED:
        # The 6H gate is passed once; after the start its answers may change but not go.
        edited = set(data) | ({"mentor_name"} if "mentor" in data else set())
        emptied = {k: v for k, v in missing_6h(placement).items() if k in edited}
        if emptied:
            raise WorkflowError(emptied)
    placement.save()
    return placement


@service
def placement_start(*, user: User, placement: Placement, started_on: dt.date) -> Placement:
    """Start the placement if it answers all six questions; the participant is then in placement."""
    lock_current(placement, "state")
    if placement.state != Placement.State.PLANNED:
        raise WorkflowError({"state": _("Only a planned placement can be started.")})
    missing = missing_6h(placement)
    if missing:
        raise WorkflowError(missing)
    if placement.planned_end and started_on > placement.planned_end:
        raise WorkflowError({"started_on": _("The start cannot be after the planned end.")})
    placement.state = Placement.State.STARTED
    placement.started_on = started_on
    placement.save(update_fields=["state", "started_on", "updated_at"])
    if placement.participant.status != Status.IN_PLACEMENT:
        participant_set_status(
            user=user, participant=placement.participant, status=Status.IN_PLACEMENT, on=started_on
        )
    # EUSE stage 5, training and support on the job, begins with the placement.
    participant_advance_stage(
        user=user,
        participant=placement.participant,
        stage=Stage.SUPPORT,
        on=started_on,
        cause=StageChange.Cause.PLACEMENT_STARTED,
        note=placement.employer.name,
    )
    return placement


@service
def placement_extend(
    *, user: User, placement: Placement, new_end: dt.date, reason: str
) -> PlacementExtension:
    """Move a started placement's planned end; the reason is required and kept."""
    lock_current(placement, "state", "planned_end", "version")
    problems = {}
    if placement.state != Placement.State.STARTED:
        problems["new_end"] = _("Only a started placement can be extended.")
    if not reason.strip():
        problems["reason"] = _("Every extension needs a reason.")
    start = placement.started_on or placement.planned_start
    if new_end < start:
        problems["new_end"] = _("The new end cannot be before the start.")
    elif placement.planned_end and new_end == placement.planned_end:
        problems["new_end"] = _("The new end is the same as the current one.")
    if problems:
        raise WorkflowError(problems)
    extension = PlacementExtension.objects.create(
        placement=placement,
        previous_end=placement.planned_end,
        new_end=new_end,
        reason=reason.strip(),
        extended_by=user,
    )
    # The end is part of the plan a colleague may have open: their save must see the change.
    placement.planned_end = new_end
    placement.version += 1
    placement.save(update_fields=["planned_end", "version", "updated_at"])
    return extension


def _end_problems(
    placement: Placement,
    *,
    ended_on: dt.date,
    outcome: str,
    evaluation: str,
    employment: dict[str, Any] | None,
) -> dict[str, str]:
    problems = {}
    if placement.state != Placement.State.STARTED:
        problems["outcome"] = _("Only a started placement can be ended.")
    if placement.started_on and ended_on < placement.started_on:
        problems["ended_on"] = _("The end cannot be before the start.")
    if not evaluation.strip():
        problems["evaluation"] = _("Write the evaluation: what worked and what did not.")
    if outcome not in Outcome.values:
        problems["outcome"] = _("Choose the outcome.")
    if outcome in HIRE_OUTCOMES and not employment:
        problems["employment"] = _("A hire needs the employment details.")
    return problems


@service
def placement_end(
    *,
    user: User,
    placement: Placement,
    ended_on: dt.date,
    outcome: str,
    reason: str,
    evaluation: str,
    employment: dict[str, Any] | None = None,
) -> Employment | None:
    """End the placement with its outcome, reason and evaluation (Tromsøpakken: when a job ends,
    an evaluation of why). A hire creates the employment and proposes the follow-up plan."""
    lock_current(placement, "state")
    problems = _end_problems(
        placement, ended_on=ended_on, outcome=outcome, evaluation=evaluation, employment=employment
    )
    if problems:
        raise WorkflowError(problems)
    placement.state = Placement.State.ENDED
    placement.ended_on = ended_on
    placement.outcome = outcome
    placement.end_reason = reason.strip()
    placement.evaluation = evaluation.strip()
    placement.save(
        update_fields=["state", "ended_on", "outcome", "end_reason", "evaluation", "updated_at"]
    )
    if outcome in HIRE_OUTCOMES:
        data = {"employer": placement.employer, **(employment or {})}
        return employment_create(
            user=user, participant=placement.participant, data=data, placement=placement
        )
    if placement.participant.status == Status.IN_PLACEMENT:
        participant_set_status(
            user=user, participant=placement.participant, status=Status.ACTIVE, on=ended_on
        )
    return None


@service
def training_task_add(*, user: User, placement: Placement, description: str) -> TrainingTask:
    lock_current(placement)  # two tasks added at once must not take the same place
    last = placement.tasks.order_by("-order").values_list("order", flat=True).first() or 0
    return TrainingTask.objects.create(
        placement=placement, description=description.strip(), order=last + 1
    )


@service
def training_task_set_status(
    *, user: User, task: TrainingTask, status: str, on: dt.date
) -> TrainingTask:
    """Move a task along not started → in training → mastered, dating each step."""
    lock_current(task, "status", "started_on", "mastered_on")
    task.status = status
    if status == TrainingTask.TaskStatus.NOT_STARTED:
        task.started_on = task.mastered_on = None
    elif status == TrainingTask.TaskStatus.IN_TRAINING:
        task.started_on = task.started_on or on
        task.mastered_on = None
    else:
        task.started_on = task.started_on or on
        task.mastered_on = on
    task.save(update_fields=["status", "started_on", "mastered_on"])
    return task


@service
def training_task_move(*, user: User, task: TrainingTask, up: bool) -> None:
    """Swap the task with its neighbour (the plan is ordered from simple to complex)."""
    lock_current(task.placement)  # reorder from the order saved now, one move at a time
    siblings = list(task.placement.tasks.order_by("order", "pk"))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == task.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, item in enumerate(siblings, start=1):
        if item.order != position:
            item.order = position
            item.save(update_fields=["order"])


@service
def meeting_plan(*, user: User, placement: Placement, data: dict[str, Any]) -> Meeting:
    return Meeting.objects.create(placement=placement, created_by=user, **data)


@service
def meeting_update(
    *, user: User, meeting: Meeting, data: dict[str, Any], expected_version: int
) -> Meeting:
    """Change a planned meeting (time, place, attendees, agenda), or raise EditConflict if
    someone saved it since ``expected_version``. A held meeting stays as held."""
    claim_version(meeting, expected_version)
    lock_current(meeting, "held_on")
    if meeting.held_on:
        raise WorkflowError({"planned_at": _("A meeting that is held cannot be changed.")})
    apply_fields(meeting, data)
    meeting.save()
    return meeting


@service
def meeting_hold(
    *,
    user: User,
    meeting: Meeting,
    held_on: dt.date,
    notes: str,
    reflection: dict[str, str] | None = None,
    actions: list[tuple[str, User, dt.date]] | tuple[()] = (),
) -> Meeting:
    """Mark the meeting held. Notes are required (Snart Ansatt: notes always written after
    meetings). Agreed actions become next steps for their owners, so they show on Min dag."""
    lock_current(meeting, "held_on", "version")
    if meeting.held_on:
        raise WorkflowError({"held_on": _("The meeting is already marked held.")})
    if not notes.strip():
        raise WorkflowError(
            {"notes": _("Write the notes from the meeting before marking it held.")}
        )
    meeting.held_on = held_on
    meeting.notes = notes.strip()
    for key, value in (reflection or {}).items():
        setattr(meeting, key, value)
    meeting.version += 1  # an open edit form of the planned meeting must not save over this
    meeting.save()
    participant = meeting.placement.participant
    # One by one, not bulk_create: each next step gets its row in the change history.
    for description, owner, due in actions:
        NextStep.objects.create(
            organisation_id=participant.organisation_id,
            participant=participant,
            owner=owner,
            description=description,
            due_on=due,
        )
    return meeting
