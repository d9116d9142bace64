"""Every write to participant data: keyword-only, atomic, with history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from placetrain.lib.concurrency import EditConflict, apply_fields, claim_version
from placetrain.lib.dates import today
from placetrain.lib.forms import fields_changed_since

from .models import Consent, Participant, SensitiveInfo, StatusChange, WorkHistoryEntry


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
