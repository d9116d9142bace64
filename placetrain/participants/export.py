"""The participant's whole record as plain data, for an access request (GDPR art. 15).

One query per kind of record, whatever the amount; values only, never other people's data
beyond the names of the staff involved."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet

from .models import Participant, SensitiveInfo, VocationalProfile

# Internal bookkeeping that says nothing about the person.
SKIP = {"id", "version", "search_name", "search_text", "participant", "organisation"}


def _values(qs: QuerySet, *exclude: str) -> list[dict[str, Any]]:
    model: type[Model] = qs.model
    names = [
        f.attname if f.is_relation else f.name
        for f in model._meta.concrete_fields
        if f.name not in SKIP and f.name not in exclude
    ]
    return list(qs.values(*names))


def participant_record(participant: Participant, *, include_sensitive: bool) -> dict[str, Any]:
    from placetrain.activities.models import Contact, NextStep
    from placetrain.placements.models import (
        Employment,
        FollowUpCheckin,
        LanguageGoal,
        LanguageNote,
        LanguageObservation,
        LanguagePlan,
        Meeting,
        Placement,
        PlacementExtension,
        TrainingTask,
    )

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
        status_history=_values(p.status_changes.all(), "changed_by", "created_at"),
        stage_history=_values(p.stage_changes.all(), "changed_by", "created_at"),
        checklist=list(p.checklist_ticks.values("item__stage", "item__text", "ticked_at")),
        consents=_values(p.consents.all(), "recorded_by", "created_at"),
        work_history=_values(p.work_history.all()),
        vocational_profiles=_values(VocationalProfile.objects.filter(participant=p), "created_by"),
        contacts=_values(
            Contact.objects.filter(participant=p), "author", "employer_contact", "created_at"
        ),
        next_steps=_values(NextStep.objects.filter(participant=p), "owner", "contact"),
        placements=_values(Placement.objects.filter(participant=p), "created_by", "mentor"),
        placement_extensions=_values(
            PlacementExtension.objects.filter(placement__participant=p), "extended_by"
        ),
        training_tasks=_values(TrainingTask.objects.filter(placement__participant=p)),
        meetings=_values(Meeting.objects.filter(placement__participant=p), "created_by"),
        language_plans=_values(LanguagePlan.objects.filter(participant=p)),
        language_goals=_values(LanguageGoal.objects.filter(plan__participant=p)),
        language_observations=_values(
            LanguageObservation.objects.filter(plan__participant=p), "observed_by"
        ),
        language_notes=_values(LanguageNote.objects.filter(plan__participant=p), "written_by"),
        employments=_values(Employment.objects.filter(participant=p)),
        follow_up_checkins=_values(
            FollowUpCheckin.objects.filter(employment__participant=p), "recorded_by"
        ),
    )
    if include_sensitive:
        record["sensitive"] = (
            SensitiveInfo.objects.filter(participant=p)
            .values("health", "substance_use", "social_situation", "housing")
            .first()
        )
    return record
