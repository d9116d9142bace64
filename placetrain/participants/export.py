"""The participant's whole record as plain data, for an access request (GDPR art. 15).

Each app adds its own records (``pages.record_sections``); one query per kind of record,
whatever the amount; values only, never other people's data beyond the names of the staff
involved."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet

from .models import Participant, SensitiveInfo, VocationalProfile
from .pages import record_sections

# Internal bookkeeping that says nothing about the person.
SKIP = {"id", "version", "search_name", "search_text", "participant", "organisation"}


def record_values(qs: QuerySet, *exclude: str) -> list[dict[str, Any]]:
    """The rows of ``qs`` as dicts of their own fields (related rows by id), bookkeeping and
    ``exclude`` left out."""
    model: type[Model] = qs.model
    names = [
        f.attname if f.is_relation else f.name
        for f in model._meta.concrete_fields
        if f.name not in SKIP and f.name not in exclude
    ]
    return list(qs.values(*names))


def participant_section(participant: Participant) -> dict[str, Any]:
    """The participant's own details and the records this app keeps."""
    p = participant
    record: dict[str, Any] = {
        f.name: getattr(p, f.name)
        for f in p._meta.concrete_fields
        if f.name not in SKIP and not f.is_relation
    }
    record.update(
        team=p.team.name,
        specialist=p.specialist.get_full_name(),
        programme=p.programme.name if p.programme else None,
        status_history=record_values(p.status_changes.all(), "changed_by", "created_at"),
        stage_history=record_values(p.stage_changes.all(), "changed_by", "created_at"),
        checklist=list(p.checklist_ticks.values("item__stage", "item__text", "ticked_at")),
        consents=record_values(p.consents.all(), "recorded_by", "created_at"),
        work_history=record_values(p.work_history.all()),
        vocational_profiles=record_values(
            VocationalProfile.objects.filter(participant=p), "created_by"
        ),
    )
    return record


def participant_record(participant: Participant, *, include_sensitive: bool) -> dict[str, Any]:
    """Every app's records of the participant; the sensitive section only if asked."""
    record: dict[str, Any] = {}
    for section in record_sections:
        record.update(section(participant))
    if include_sensitive:
        record["sensitive"] = (
            SensitiveInfo.objects.filter(participant=participant)
            .values("health", "substance_use", "social_situation", "housing")
            .first()
        )
    return record
