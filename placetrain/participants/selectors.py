"""Reads of participant data, always scoped to the user."""

from __future__ import annotations

from typing import Any

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import FilteredRelation, Max, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from placetrain.accounts.models import Team, User
from placetrain.lib.audit import Section, access_log
from placetrain.lib.registry import TimelineItem, merged_timeline

from .models import ChecklistItem, Participant, Stage, VocationalProfile
from .pages import (
    Attention,
    PageSection,
    ParticipantPage,
    participant_alerts,
    participant_sections,
    proofs,
    timeline_sources,
)

VIEW = "participants.view_participant"


def scope(user: User | Any, *, include_teaching: bool = True, path: str = "") -> Q:
    """The condition "the participant at ``path`` is one ``user`` may open" (own caseload, the
    team's for leaders or in a team with a shared caseload, a language teacher's assigned
    participants), as a filter on the rows that lead to the participant: a placement filters
    with ``path="participant__"`` and so checks the one participant it joins, instead of
    testing its participant against everyone the user may see."""
    nobody = Q(pk__in=[])
    if not user.is_authenticated or not user.has_case_role or not user.organisation_id:
        return nobody
    scope = Q(**{f"{path}pk__in": []})
    if user.is_job_specialist:
        scope |= Q(**{f"{path}specialist_id": user.pk})
        if user.team_id:
            # As "team = (the user's team, if it shares its caseload)", not a join on the
            # team: each term of the OR then has an index of its own. An equality, not "in":
            # SQLite guesses an IN-subquery holds many teams and takes the organisation's
            # index instead (25 000 rows for a caseload of 200).
            sharing = Team.objects.filter(pk=user.team_id, shared_caseload=True).values("pk")
            scope |= Q(**{f"{path}team_id": Subquery(sharing)})
    if user.is_team_leader and user.team_id:
        scope |= Q(**{f"{path}team_id": user.team_id})
    if user.is_language_teacher and include_teaching:
        through = Participant.language_teachers.through
        taught = through.objects.filter(user_id=user.pk).values("participant_id")
        scope |= Q(**{f"{path}pk__in": taught})
    return scope & Q(**{f"{path}organisation_id": user.organisation_id})


def participants_visible_to(
    user: User | Any, *, include_teaching: bool = True
) -> QuerySet[Participant]:
    """Every participant ``user`` may open (``scope``). ``include_teaching=False`` leaves out
    the teacher's participants: the scope of the full case."""
    return Participant.objects.filter(scope(user, include_teaching=include_teaching))


def participant_for_user(
    user: User, pk: int, *, perm: str = VIEW, section: Section | None = None
) -> Participant:
    """The one way to fetch a participant: 404 outside the user's scope (existence does not
    leak), 403 where the user can see the participant but ``perm`` is not theirs. With
    ``section`` the read is written to the access log."""
    participant = get_object_or_404(
        participants_visible_to(user).select_related("team", "specialist", "programme"), pk=pk
    )
    if not rules.has_perm(perm, user, participant):
        raise PermissionDenied
    if section:
        access_log(user=user, instance=participant, section=section)
    return participant


def participant_page_sections(page: ParticipantPage) -> list[tuple[str, PageSection]]:
    """The sections of the participant page this user may open, in the page's order: all of
    them with the case, only those that are not the case's otherwise (a language teacher)."""
    return [
        (key, section)
        for key, section in participant_sections.items()
        if page.can_case or not section.case_only
    ]


def participant_attention(page: ParticipantPage) -> list[Attention]:
    """What needs doing about the participant now, from every app that knows: every rule's
    measure in one query, then each rule says what its value means."""
    rules = list(participant_alerts)
    if not rules:
        return []
    measures = {f"rule_{i}": rule.measure() for i, rule in enumerate(rules)}
    values = Participant.objects.filter(pk=page.participant.pk).values(**measures).get()
    return [
        alert for i, rule in enumerate(rules) for alert in rule.describe(page, values[f"rule_{i}"])
    ]


def participant_list(user: User, *, filters: dict[str, Any] | None = None) -> QuerySet[Participant]:
    filters = filters or {}
    qs = participants_visible_to(user).select_related("programme", "specialist")
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("programme"):
        qs = qs.filter(programme_id=filters["programme"])
    if filters.get("specialist"):
        qs = qs.filter(specialist_id=filters["specialist"])
    query = (filters.get("q") or "").strip()
    for word in query.split()[:5]:
        qs = qs.filter(search_name__contains=word.casefold())
    return qs.order_by("last_name", "first_name", "pk")


def with_last_contact(participants: list[Participant]) -> list[Participant]:
    """Set ``last_contact_at`` on the participants of one page of a list: one query over their
    own contacts (the participant/time index), however many contacts the whole scope holds."""
    last = dict(
        Participant.objects.filter(pk__in=[p.pk for p in participants])
        .annotate(last=Max("contacts__occurred_at"))
        .values_list("pk", "last")
    )
    for participant in participants:
        row: Any = participant  # an attribute for the template, not a field
        row.last_contact_at = last.get(participant.pk)
    return participants


# --- Stages, checklist and vocational profile ---------------------------------------------


def participant_timeline(participant: Participant) -> list[TimelineItem]:
    """Everything recorded about the participant, newest first: each app contributes its own
    entries (status and consents here; contacts, placements, meetings, jobs from above)."""
    return merged_timeline(timeline_sources, participant)


def checklist_items(participant: Participant, stage: int | None = None) -> list[dict[str, Any]]:
    """The active checklist items (of one stage, or all) in order, each with the participant's
    tick (who, when) and, for an item the record can prove, the ``proof``: one query for the
    items with the participant's ticks joined, and what the evidence sources ask."""
    items = (
        ChecklistItem.objects.filter(active=True)
        .annotate(mine=FilteredRelation("ticks", condition=Q(ticks__participant=participant)))
        # django-stubs does not know select_related follows a FilteredRelation.
        .select_related("mine", "mine__ticked_by")  # type: ignore[misc]
        .order_by("stage", "order", "pk")
    )
    if stage is not None:
        items = items.filter(stage=stage)
    items_list = list(items)
    found = proofs(participant, (item.evidence for item in items_list))
    return [
        {"item": item, "tick": getattr(item, "mine", None), "proof": found.get(item.evidence)}
        for item in items_list
    ]


def _is_done(row: dict[str, Any]) -> bool:
    return bool(row["tick"] or row["proof"])


def checklist_by_stage(participant: Participant) -> list[dict[str, Any]]:
    """The five stages, each with its rows (``checklist_items``) and how many are done —
    ticked by a person or proven by the record."""
    rows = checklist_items(participant)
    stages = []
    for value, label in Stage.choices:
        own = [row for row in rows if row["item"].stage == value]
        stages.append(
            {
                "value": value,
                "label": label,
                "current": value == participant.stage,
                "rows": own,
                **checklist_progress(own),
            }
        )
    return stages


def checklist_progress(rows: list[dict[str, Any]]) -> dict[str, int]:
    """How many of these rows (``checklist_items`` of one stage) are done."""
    return {"total": len(rows), "done": sum(1 for row in rows if _is_done(row))}


def profile_history(participant: Participant) -> list[VocationalProfile]:
    """Every saved version of the profile, newest first, each with ``changed``: the names of
    the fields that differ from the version before (one query)."""
    versions = list(participant.profiles.select_related("created_by").order_by("number"))
    previous = None
    for version in versions:
        version.changed = version.changed_fields(previous)
        previous = version
    versions.reverse()
    return versions


def workflow_summary(participant: Participant) -> dict[str, Any]:
    """What the participant page's workflow card shows: the stage and since when, checklist
    progress in that stage, and the profile's last save. Three queries."""
    last_change = (
        # The newest record set the current stage, whatever date it was given.
        participant.stage_changes.filter(stage=participant.stage)
        .order_by("-pk")
        .values_list("changed_on", flat=True)
        .first()
    )
    progress = checklist_progress(checklist_items(participant, participant.stage))
    profile = (
        participant.profiles.only("participant", "number", "created_at", "created_by")
        .order_by("-number")
        .first()
    )
    return {
        "participant_pk": participant.pk,
        "stage": participant.stage,
        "stage_label": Stage(participant.stage).label,
        "stage_since": last_change,
        "checklist_done": progress["done"],
        "checklist_total": progress["total"],
        "profile": profile,
    }


def case_workers_for(participant: Participant, *, include_teachers: bool = True) -> QuerySet[User]:
    """The active users who may work this participant's case (responsible specialist, the
    team's leaders, teammates when the team shares its caseload) and, if asked, the language
    teachers assigned to them. Who may own an agreed action or follow up a placement: anyone
    else would see the participant on Min dag without the right to open the case."""
    scope = Q(pk=participant.specialist_id) | Q(is_team_leader=True, team_id=participant.team_id)
    if participant.team.shared_caseload:
        scope |= Q(is_job_specialist=True, team_id=participant.team_id)
    if include_teachers:
        through = Participant.language_teachers.through
        scope |= Q(
            is_language_teacher=True,
            pk__in=through.objects.filter(participant_id=participant.pk).values("user_id"),
        )
    return User.objects.filter(
        scope, organisation_id=participant.organisation_id, is_active=True
    ).order_by("first_name", "last_name", "pk")
