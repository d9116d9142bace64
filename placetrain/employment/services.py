"""Writes for jobs after hiring and their follow-up."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from placetrain.accounts.models import User
from placetrain.lib.concurrency import apply_fields, claim_version, lock_current
from placetrain.lib.dates import add_months
from placetrain.lib.services import WorkflowError, service
from placetrain.participants.models import Participant, Stage, StageChange, Status
from placetrain.participants.services import participant_advance_stage, participant_set_status

from .models import Employment, FollowUpCheckin, follow_up_schedule


def follow_up_dates(start: dt.date) -> list[tuple[str, dt.date]]:
    """The proposed check-in dates after a hire on ``start`` (configurable schedule)."""
    dates = []
    for label, offset in follow_up_schedule():
        due = start + offset if isinstance(offset, dt.timedelta) else add_months(start, offset)
        dates.append((label, due))
    return dates


@service
def employment_create(
    *, user: User, participant: Participant, data: dict[str, Any], placement: Any = None
) -> Employment:
    """Record a hire: the employment, the 12-month follow-up plan, and status 'employed'.
    ``placement`` is the placement the job came from, if any."""
    if not data.get("employer"):
        raise WorkflowError({"employer": _("A hire needs an employer.")})
    employment = Employment.objects.create(participant=participant, placement=placement, **data)
    # One by one, not bulk_create: each check-in gets its row in the change history.
    for label, due in follow_up_dates(employment.started_on):
        FollowUpCheckin.objects.create(employment=employment, due_on=due, label=label)
    participant_set_status(
        user=user, participant=participant, status=Status.EMPLOYED, on=employment.started_on
    )
    # A hire is support on and off the job (EUSE stage 5), whatever stage was recorded.
    participant_advance_stage(
        user=user,
        participant=participant,
        stage=Stage.SUPPORT,
        on=employment.started_on,
        cause=StageChange.Cause.HIRED,
        note=employment.employer.name,
    )
    return employment


@service
def employment_end(
    *, user: User, employment: Employment, ended_on: dt.date, reason: str
) -> Employment:
    """Record that the job ended, when and why; a job ends once."""
    lock_current(employment, "ended_on")
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


@service
def checkin_record(
    *, user: User, checkin: FollowUpCheckin, data: dict[str, Any], expected_version: int
) -> FollowUpCheckin:
    """Record a follow-up check-in (or correct one recorded before), or raise EditConflict if
    someone recorded it since ``expected_version``."""
    done_on = data.get("done_on")
    if not done_on:
        raise WorkflowError({"done_on": _("Write the date of the check-in.")})
    if done_on < checkin.employment.started_on:
        raise WorkflowError({"done_on": _("A check-in cannot be before the hire date.")})
    claim_version(checkin, expected_version)
    apply_fields(checkin, data)
    checkin.recorded_by = user
    checkin.save()
    return checkin


@service
def checkin_move(*, user: User, checkin: FollowUpCheckin, due_on: dt.date) -> FollowUpCheckin:
    """Move an open check-in's due date (the plan is a proposal; the specialist adjusts it)."""
    lock_current(checkin, "done_on")
    if checkin.done_on:
        raise WorkflowError({"due_on": _("This check-in is already recorded.")})
    if due_on < checkin.employment.started_on:
        raise WorkflowError({"due_on": _("A check-in cannot be before the hire date.")})
    checkin.due_on = due_on
    checkin.save(update_fields=["due_on"])
    return checkin
