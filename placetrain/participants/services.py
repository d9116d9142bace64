"""Every write to participant data: keyword-only, atomic, with history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from placetrain.lib.concurrency import EditConflict, apply_fields, claim_version
from placetrain.lib.dates import today
from placetrain.lib.forms import fields_changed_since

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


def _conflict(instance, expected_version: int) -> EditConflict:
    current = type(instance)._default_manager.get(pk=instance.pk)
    return EditConflict(
        current=current, changed_fields=fields_changed_since(current, expected_version)
    )


@transaction.atomic
def participant_create(
    *, user, data: dict[str, Any], language_teachers=(), status_on: dt.date | None = None
) -> Participant:
    """Create a participant in the user's organisation, in the responsible specialist's team."""
    specialist = data["specialist"]
    participant = Participant(
        organisation_id=user.organisation_id,
        team_id=specialist.team_id or user.team_id,
        **data,
    )
    participant.save()
    participant.language_teachers.set(language_teachers)
    StatusChange.objects.create(
        participant=participant,
        status=participant.status,
        changed_on=status_on or participant.referral_date or today(),
        changed_by=user,
    )
    return participant


@transaction.atomic
def participant_update(
    *,
    user,
    participant: Participant,
    data: dict[str, Any],
    expected_version: int,
    language_teachers=None,
) -> Participant:
    """Save the user's edit, or raise EditConflict if someone saved since ``expected_version``."""
    try:
        claim_version(participant, expected_version)
    except EditConflict:
        raise _conflict(participant, expected_version) from None
    if "specialist" in data and data["specialist"].team_id:
        data = {**data, "team_id": data["specialist"].team_id}
    apply_fields(participant, data)
    participant.save()
    if language_teachers is not None:
        participant.language_teachers.set(language_teachers)
    return participant


@transaction.atomic
def participant_set_status(
    *, user, participant: Participant, status: str, on: dt.date, note: str = ""
) -> StatusChange:
    """Move the participant to ``status`` from date ``on``, keeping the dated history."""
    participant.status = status
    participant.save(update_fields=["status", "updated_at"])
    change = StatusChange.objects.create(
        participant=participant, status=status, changed_on=on, changed_by=user, note=note
    )
    return change


@transaction.atomic
def participant_delete(*, user, participant: Participant) -> None:
    participant.delete()


@transaction.atomic
def consent_record(*, user, participant: Participant, data: dict[str, Any]) -> Consent:
    return Consent.objects.create(participant=participant, recorded_by=user, **data)


@transaction.atomic
def consent_withdraw(*, user, consent: Consent, on: dt.date) -> Consent:
    consent.withdrawn_on = on
    consent.save(update_fields=["withdrawn_on"])
    return consent


@transaction.atomic
def work_history_add(*, user, participant: Participant, data: dict[str, Any]) -> WorkHistoryEntry:
    return WorkHistoryEntry.objects.create(participant=participant, **data)


@transaction.atomic
def work_history_remove(*, user, entry: WorkHistoryEntry) -> None:
    entry.delete()


@transaction.atomic
def sensitive_update(
    *, user, participant: Participant, data: dict[str, Any], expected_version: int
) -> SensitiveInfo:
    info, _created = SensitiveInfo.objects.get_or_create(participant=participant)
    try:
        claim_version(info, expected_version)
    except EditConflict:
        raise _conflict(info, expected_version) from None
    apply_fields(info, data)
    info.save()
    return info


@transaction.atomic
def participant_set_stage(
    *, user, participant: Participant, stage: int, on: dt.date, note: str = ""
) -> StageChange:
    """Move the participant to an EUSE stage, forward or back. Stages guide; they never gate."""
    participant.stage = stage
    participant.save(update_fields=["stage", "updated_at"])
    return StageChange.objects.create(
        participant=participant, stage=stage, changed_on=on, changed_by=user, note=note
    )


@transaction.atomic
def checklist_toggle(*, user, participant: Participant, item: ChecklistItem) -> bool:
    """Tick the item (recording who and when) or untick it; returns whether it is now ticked."""
    deleted, _rows = ChecklistTick.objects.filter(participant=participant, item=item).delete()
    if deleted:
        return False
    ChecklistTick.objects.create(participant=participant, item=item, ticked_by=user)
    return True


@transaction.atomic
def profile_save(
    *, user, participant: Participant, data: dict[str, Any], based_on: int | None
) -> VocationalProfile:
    """Save a new version of the vocational profile; earlier versions are kept as they were.

    ``based_on`` is the version number the user started from (None for the first): if someone
    saved a newer version meanwhile, EditConflict says which fields they changed."""
    # Lock the participant row so two saves cannot both take the same version number.
    Participant.objects.select_for_update().filter(pk=participant.pk).first()
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
