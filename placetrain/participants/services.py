"""Every write to participant data: keyword-only, through ``@service`` (atomic, with the acting
user as the author of the change history)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from placetrain.accounts.models import User
from placetrain.lib.concurrency import EditConflict, apply_fields, claim_version, lock_current
from placetrain.lib.dates import today
from placetrain.lib.services import WorkflowError, service

from .models import (
    ChecklistItem,
    ChecklistTick,
    Consent,
    Participant,
    SensitiveInfo,
    StageChange,
    StatusChange,
    VocationalProfile,
    WorkHistoryEntry,
)
from .pages import reassignment_handlers


@service
def participant_create(
    *,
    user: User,
    data: dict[str, Any],
    language_teachers: Iterable[User] = (),
    status_on: dt.date | None = None,
) -> Participant:
    """Create a participant in the user's organisation, in the responsible specialist's team."""
    specialist = data["specialist"]
    team_id = specialist.team_id or user.team_id
    if team_id is None:
        raise WorkflowError({"specialist": _("Choose a job specialist who belongs to a team.")})
    participant = Participant(organisation_id=user.org_id, team_id=team_id, **data)
    participant.save()
    participant.language_teachers.set(language_teachers)
    StatusChange.objects.create(
        participant=participant,
        status=participant.status,
        changed_on=status_on or participant.referral_date or today(),
        changed_by=user,
    )
    return participant


@service
def participant_update(
    *,
    user: User,
    participant: Participant,
    data: dict[str, Any],
    expected_version: int,
    language_teachers: Iterable[User] | None = None,
) -> Participant:
    """Save the user's edit, or raise EditConflict if someone saved since ``expected_version``."""
    claim_version(participant, expected_version)
    # As saved, not as the form left it on the instance.
    previous_id = Participant.objects.values_list("specialist_id", flat=True).get(pk=participant.pk)
    if "specialist" in data and data["specialist"].team_id:
        data = {**data, "team_id": data["specialist"].team_id}
    apply_fields(participant, data)
    participant.save()
    if language_teachers is not None:
        participant.language_teachers.set(language_teachers)
    if participant.specialist_id != previous_id:
        previous = User.objects.get(pk=previous_id)
        for handover in reassignment_handlers:
            handover(user=user, participant=participant, previous=previous)
    return participant


@service
def participant_set_status(
    *, user: User, participant: Participant, status: str, on: dt.date, note: str = ""
) -> StatusChange:
    """Move the participant to ``status`` from date ``on``, keeping the dated history."""
    lock_current(participant, "status")
    participant.status = status
    participant.save(update_fields=["status", "updated_at"])
    return StatusChange.objects.create(
        participant=participant, status=status, changed_on=on, changed_by=user, note=note
    )


@service
def participant_delete(*, user: User, participant: Participant) -> None:
    participant.delete()


@service
def consent_create(*, user: User, participant: Participant, data: dict[str, Any]) -> Consent:
    return Consent.objects.create(participant=participant, recorded_by=user, **data)


@service
def consent_withdraw(*, user: User, consent: Consent, on: dt.date) -> Consent:
    """Mark the consent withdrawn from ``on``; a consent is withdrawn once."""
    lock_current(consent, "withdrawn_on")
    if consent.withdrawn_on:
        raise WorkflowError({"on": _("This consent is already withdrawn.")})
    if on < consent.given_on:
        raise WorkflowError({"on": _("A consent cannot be withdrawn before it was given.")})
    consent.withdrawn_on = on
    consent.save(update_fields=["withdrawn_on"])
    return consent


@service
def work_history_create(
    *, user: User, participant: Participant, data: dict[str, Any]
) -> WorkHistoryEntry:
    return WorkHistoryEntry.objects.create(participant=participant, **data)


@service
def work_history_delete(*, user: User, entry: WorkHistoryEntry) -> None:
    entry.delete()


@service
def sensitive_update(
    *, user: User, participant: Participant, data: dict[str, Any], expected_version: int
) -> SensitiveInfo:
    info, _created = SensitiveInfo.objects.get_or_create(participant=participant)
    claim_version(info, expected_version)
    apply_fields(info, data)
    info.save()
    return info


@service
def participant_set_stage(
    *, user: User, participant: Participant, stage: int, on: dt.date, note: str = ""
) -> StageChange:
    """Move the participant to an EUSE stage, forward or back. Stages guide; they never gate."""
    lock_current(participant, "stage")
    if participant.stage == stage:
        raise WorkflowError(
            {"stage": _("The participant is already in this stage. Choose another stage.")}
        )
    participant.stage = stage
    participant.save(update_fields=["stage", "updated_at"])
    return StageChange.objects.create(
        participant=participant, stage=stage, changed_on=on, changed_by=user, note=note
    )


@service
def participant_advance_stage(
    *,
    user: User,
    participant: Participant,
    stage: int,
    on: dt.date,
    cause: str,
    note: str = "",
) -> StageChange | None:
    """What the record shows moves the stage forward (a placement started, a hire), with a
    dated entry saying why; never backwards, and not at all if the participant is there or
    beyond already (None)."""
    lock_current(participant, "stage")
    if participant.stage >= stage:
        return None
    participant.stage = stage
    participant.save(update_fields=["stage", "updated_at"])
    return StageChange.objects.create(
        participant=participant,
        stage=stage,
        changed_on=on,
        changed_by=user,
        cause=cause,
        note=note[: StageChange._meta.get_field("note").max_length],
    )


@service
def checklist_tick(
    *, user: User, participant: Participant, item: ChecklistItem, ticked: bool
) -> ChecklistTick | None:
    """Tick the item (recording who and when) or untick it. The caller says the state wanted,
    so a double submit or a stale second tab leaves the item as the user last saw it."""
    lock_current(participant)  # two taps at once must not both create the tick
    tick = ChecklistTick.objects.filter(participant=participant, item=item).first()
    if ticked and tick is None:
        return ChecklistTick.objects.create(participant=participant, item=item, ticked_by=user)
    if not ticked and tick is not None:
        tick.delete()
        return None
    return tick


@service
def profile_update(
    *, user: User, participant: Participant, data: dict[str, Any], based_on: int | None
) -> VocationalProfile:
    """Save a new version of the vocational profile; earlier versions are kept as they were.

    ``based_on`` is the version number the user started from (None for the first): if someone
    saved a newer version meanwhile, EditConflict says which fields they changed."""
    lock_current(participant)  # two saves must not both take the same version number
    current = participant.profiles.order_by("-number").first()
    current_number = current.number if current else None
    # With no saved version there is nothing anyone could have changed meanwhile.
    if current is not None and current_number != based_on:
        previous = participant.profiles.filter(number=based_on).first() if based_on else None
        raise EditConflict(current=current, changed_fields=current.changed_fields(previous))
    return VocationalProfile.objects.create(
        participant=participant,
        number=(current_number or 0) + 1,
        created_by=user,
        created_at=timezone.now(),
        **data,
    )
