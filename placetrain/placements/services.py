"""Writes for the place-train workflow: keyword-only, atomic, with history."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from placetrain.activities.models import NextStep
from placetrain.lib.concurrency import EditConflict, apply_fields, claim_version
from placetrain.lib.forms import fields_changed_since
from placetrain.participants.models import Participant, Status
from placetrain.participants.services import participant_set_status

from .models import (
    HIRE_OUTCOMES,
    Employment,
    FollowUpCheckin,
    LanguageGoal,
    LanguageNote,
    LanguageObservation,
    LanguagePlan,
    Meeting,
    Outcome,
    Placement,
    PlacementExtension,
    TrainingTask,
    follow_up_schedule,
)


class WorkflowError(Exception):
    """A rule of the method refused the action; ``problems`` says what is missing, per field."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(problems))  # field names only: this may reach a log
        self.problems = problems


def missing_6h(placement: Placement) -> dict[str, str]:
    """The 6H questions this placement does not answer yet, keyed by the form field to fill.

    Who: a vocational profile exists. Why: purpose and goal. Where: why this employer. How: who
    follows up, how often, a mentor, a training plan, a language plan if needed. How long: a
    planned end. What after: the planned next step.
    """
    missing: dict[str, str] = {}
    if not placement.participant.profiles.exists():
        missing["who"] = _("Who? The participant has no vocational profile yet.")
    if not placement.purpose:
        missing["purpose"] = _("Why? Choose the purpose of the placement.")
    if not placement.goal.strip():
        missing["goal"] = _("Why? Write the goal of the placement.")
    if not placement.why_here.strip():
        missing["why_here"] = _("Where? Write why this employer fits the participant.")
    if not placement.follow_up_by_id:
        missing["follow_up_by"] = _("How? Choose who follows up.")
    if not placement.follow_up_every_days:
        missing["follow_up_every_days"] = _("How? Say how often the workplace is visited.")
    if not (placement.mentor_id or placement.mentor_name.strip()):
        missing["mentor_name"] = _("How? Name the mentor (fadder) at the workplace.")
    if not placement.tasks.exists():
        missing["training_plan"] = _("How? Add at least one task to the training plan.")
    if placement.language_plan_needed and not placement.language_plans.exists():
        missing["language_plan"] = _("How? The participant needs a language plan; make one.")
    if not placement.planned_end:
        missing["planned_end"] = _("How long? Set the planned end date.")
    if not placement.next_step_after.strip():
        missing["next_step_after"] = _("What after? Write the planned next step.")
    return missing


def _lock_current(instance, *fields: str) -> None:
    """Re-read ``fields`` of ``instance``'s row under a write lock, onto ``instance``.

    A state change must not trust the copy the request loaded: a double submit, or a colleague
    on a stale page, may have changed the row since. Call inside ``transaction.atomic``; the
    second of two concurrent calls waits here for the first to commit (a row lock on
    PostgreSQL, the immediate write transaction on SQLite) and then sees its result."""
    model = type(instance)
    current = model._default_manager.select_for_update().values(*fields).get(pk=instance.pk)
    for name, value in current.items():
        setattr(instance, name, value)


@transaction.atomic
def placement_plan(*, user, participant: Participant, data: dict[str, Any]) -> Placement:
    """Plan a placement. It may be incomplete; starting it needs the 6H answers."""
    return Placement.objects.create(participant=participant, created_by=user, **data)


@transaction.atomic
def placement_update(
    *, user, placement: Placement, data: dict[str, Any], expected_version: int
) -> Placement:
    """Save the plan. On a started placement the planned end moves only by placement_extend, and
    the 6H answers may change but not be emptied."""
    try:
        claim_version(placement, expected_version)
    except EditConflict as exc:
        exc.changed_fields = fields_changed_since(exc.current, expected_version)
        raise
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


@transaction.atomic
def placement_start(*, user, placement: Placement, started_on: dt.date) -> Placement:
    """Start the placement if it answers all six questions; the participant is then in placement."""
    _lock_current(placement, "state")
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
    return placement


@transaction.atomic
def placement_extend(
    *, user, placement: Placement, new_end: dt.date, reason: str
) -> PlacementExtension:
    """Move a started placement's planned end; the reason is required and kept."""
    _lock_current(placement, "state", "planned_end", "version")
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
    placement.planned_end = new_end
    placement.version += 1
    placement.save(update_fields=["planned_end", "version", "updated_at"])
    return extension


def _add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def follow_up_dates(start: dt.date) -> list[tuple[str, dt.date]]:
    """The proposed check-in dates after a hire on ``start`` (configurable schedule)."""
    dates = []
    for label, offset in follow_up_schedule():
        due = start + offset if isinstance(offset, dt.timedelta) else _add_months(start, offset)
        dates.append((label, due))
    return dates


@transaction.atomic
def employment_create(
    *, user, participant: Participant, data: dict[str, Any], placement: Placement | None = None
) -> Employment:
    """Record a hire: the employment, the 12-month follow-up plan, and status 'employed'."""
    if not data.get("employer"):
        raise WorkflowError({"employer": _("A hire needs an employer.")})
    employment = Employment.objects.create(participant=participant, placement=placement, **data)
    FollowUpCheckin.objects.bulk_create(
        [
            FollowUpCheckin(employment=employment, due_on=due, label=label)
            for label, due in follow_up_dates(employment.started_on)
        ]
    )
    participant_set_status(
        user=user, participant=participant, status=Status.EMPLOYED, on=employment.started_on
    )
    return employment


@transaction.atomic
def placement_end(
    *,
    user,
    placement: Placement,
    ended_on: dt.date,
    outcome: str,
    reason: str,
    evaluation: str,
    employment: dict[str, Any] | None = None,
) -> Employment | None:
    """End the placement with its outcome, reason and evaluation (Tromsøpakken: when a job ends,
    an evaluation of why). A hire creates the employment and proposes the follow-up plan."""
    _lock_current(placement, "state")
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


@transaction.atomic
def employment_end(*, user, employment: Employment, ended_on: dt.date, reason: str) -> Employment:
    """Record that the job ended, when and why; a job ends once."""
    _lock_current(employment, "ended_on")
    if employment.ended_on:
        raise WorkflowError({"ended_on": _("This job is already recorded as ended.")})
    problems = {}
    if ended_on < employment.started_on:
        problems["ended_on"] = _("The end cannot be before the start of the job.")
    if not reason.strip():
        problems["reason"] = _("Write why the job ended.")
    if problems:
        raise WorkflowError(problems)
    employment.ended_on = ended_on
    employment.end_reason = reason.strip()
    employment.save(update_fields=["ended_on", "end_reason"])
    return employment


@transaction.atomic
def checkin_record(*, user, checkin: FollowUpCheckin, data: dict[str, Any]) -> FollowUpCheckin:
    """Record a follow-up check-in after hiring."""
    done_on = data.get("done_on")
    if not done_on:
        raise WorkflowError({"done_on": _("Write the date of the check-in.")})
    if done_on < checkin.employment.started_on:
        raise WorkflowError({"done_on": _("A check-in cannot be before the hire date.")})
    apply_fields(checkin, data)
    checkin.recorded_by = user
    checkin.save()
    return checkin


@transaction.atomic
def checkin_move(*, user, checkin: FollowUpCheckin, due_on: dt.date) -> FollowUpCheckin:
    """Move an open check-in's due date (the plan is a proposal; the specialist adjusts it)."""
    if checkin.done_on:
        raise WorkflowError({"due_on": _("This check-in is already recorded.")})
    if due_on < checkin.employment.started_on:
        raise WorkflowError({"due_on": _("A check-in cannot be before the hire date.")})
    checkin.due_on = due_on
    checkin.save(update_fields=["due_on"])
    return checkin


@transaction.atomic
def training_task_add(*, user, placement: Placement, description: str) -> TrainingTask:
    last = placement.tasks.order_by("-order").values_list("order", flat=True).first() or 0
    return TrainingTask.objects.create(
        placement=placement, description=description.strip(), order=last + 1
    )


@transaction.atomic
def training_task_set_status(*, user, task: TrainingTask, status: str, on: dt.date) -> TrainingTask:
    """Move a task along not started → in training → mastered, dating each step."""
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


@transaction.atomic
def training_task_move(*, user, task: TrainingTask, up: bool) -> None:
    """Swap the task with its neighbour (the plan is ordered from simple to complex)."""
    siblings = list(task.placement.tasks.order_by("order", "pk"))
    index = siblings.index(task)
    other = index - 1 if up else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, item in enumerate(siblings, start=1):
        if item.order != position:
            item.order = position
            item.save(update_fields=["order"])


@transaction.atomic
def meeting_plan(*, user, placement: Placement, data: dict[str, Any]) -> Meeting:
    return Meeting.objects.create(placement=placement, created_by=user, **data)


@transaction.atomic
def meeting_hold(
    *,
    user,
    meeting: Meeting,
    held_on: dt.date,
    notes: str,
    reflection: dict[str, str] | None = None,
    actions: list[tuple[str, Any, dt.date]] = (),
) -> Meeting:
    """Mark the meeting held. Notes are required (Snart Ansatt: notes always written after
    meetings). Agreed actions become next steps for their owners, so they show on Min dag."""
    _lock_current(meeting, "held_on")
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
    meeting.save()
    participant = meeting.placement.participant
    NextStep.objects.bulk_create(
        [
            NextStep(
                organisation_id=participant.organisation_id,
                participant=participant,
                owner=owner,
                description=description,
                due_on=due,
            )
            for description, owner, due in actions
        ]
    )
    return meeting


@transaction.atomic
def language_plan_save(
    *,
    user,
    participant: Participant,
    data: dict[str, Any],
    plan: LanguagePlan | None = None,
    expected_version: int | None = None,
) -> LanguagePlan:
    if plan is None:
        return LanguagePlan.objects.create(participant=participant, **data)
    try:
        claim_version(plan, expected_version if expected_version is not None else plan.version)
    except EditConflict as exc:
        exc.changed_fields = fields_changed_since(exc.current, expected_version or 0)
        raise
    apply_fields(plan, data)
    plan.save()
    return plan


@transaction.atomic
def language_goal_add(
    *, user, plan: LanguagePlan, description: str, due_on: dt.date | None
) -> LanguageGoal:
    """Add a dated sub-goal on the way to the plan's final goal."""
    if not description.strip():
        raise WorkflowError({"description": _("Describe the sub-goal.")})
    return LanguageGoal.objects.create(plan=plan, description=description.strip(), due_on=due_on)


@transaction.atomic
def language_goal_set_reached(
    *, user, goal: LanguageGoal, reached_on: dt.date | None
) -> LanguageGoal:
    """Mark a sub-goal reached on ``reached_on`` (``None`` takes the mark back)."""
    goal.reached_on = reached_on
    goal.save(update_fields=["reached_on"])
    return goal


OBSERVATION_QUESTIONS = ("small_talk", "listened_to", "social_standing", "support")


@transaction.atomic
def language_observation_add(
    *, user, plan: LanguagePlan, observed_on: dt.date, answers: dict[str, str]
) -> LanguageObservation:
    """Record an observation at the workplace: the four questions of Snart Ansatt appendix 3
    (small talk, listened to, social standing, support). At least one must be answered."""
    cleaned = {key: (answers.get(key) or "").strip() for key in OBSERVATION_QUESTIONS}
    if not any(cleaned.values()):
        raise WorkflowError({"small_talk": _("Answer at least one of the four questions.")})
    return LanguageObservation.objects.create(
        plan=plan, observed_on=observed_on, observed_by=user, **cleaned
    )


@transaction.atomic
def language_note_add(*, user, plan: LanguagePlan, written_on: dt.date, text: str) -> LanguageNote:
    """Add a progress note to the language plan."""
    if not text.strip():
        raise WorkflowError({"text": _("Write the progress note.")})
    return LanguageNote.objects.create(
        plan=plan, written_on=written_on, text=text.strip(), written_by=user
    )


@transaction.atomic
def meeting_update(*, user, meeting: Meeting, data: dict[str, Any]) -> Meeting:
    """Change a planned meeting (time, place, attendees, agenda). A held meeting stays as held."""
    if meeting.held_on:
        raise WorkflowError({"planned_at": _("A meeting that is held cannot be changed.")})
    apply_fields(meeting, data)
    meeting.save()
    return meeting
