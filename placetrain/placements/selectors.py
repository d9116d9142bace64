"""Reads for placements, always through the participant's scope (404 outside it)."""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.shortcuts import get_object_or_404

from placetrain.accounts.models import User
from placetrain.language.models import LanguagePlan
from placetrain.lib.audit import Section, access_log
from placetrain.participants.models import Participant
from placetrain.participants.selectors import scope

from .models import Meeting, Placement, PlacementExtension, TrainingTask

VIEW = "placements.view_placement"


def placements_visible_to(user: User) -> QuerySet[Placement]:
    """Placements of participants whose case the user works (not a teacher's participants)."""
    return Placement.objects.filter(scope(user, include_teaching=False, path="participant__"))


def placement_for_user(
    user: User, pk: int, *, perm: str = VIEW, section: Section | None = None
) -> Placement:
    """The one way to fetch a placement: 404 outside the user's case scope, 403 without
    ``perm``; with ``section`` the read is access-logged on the participant."""
    placement = get_object_or_404(
        placements_visible_to(user).select_related(
            "participant__team",
            "participant__specialist",
            "employer",
            "mentor",
            "follow_up_by",
            "job_analysis",
        ),
        pk=pk,
    )
    if not rules.has_perm(perm, user, placement):
        raise PermissionDenied
    if section:
        access_log(user=user, instance=placement.participant, section=section)
    return placement


def training_task_for_user(
    user: User,
    pk: int,
    *,
    placement_pk: int,
    perm: str = VIEW,
    section: Section | None = None,
) -> TrainingTask:
    """A task of placement ``placement_pk``'s training plan, scoped and checked like it."""
    task = get_object_or_404(
        TrainingTask.objects.filter(placement__in=placements_visible_to(user)).select_related(
            "placement__participant__team",
            "placement__participant__specialist",
            "placement__employer",
            "placement__mentor",
            "placement__follow_up_by",
        ),
        pk=pk,
        placement_id=placement_pk,
    )
    if not rules.has_perm(perm, user, task.placement):
        raise PermissionDenied
    if section:
        access_log(user=user, instance=task.placement.participant, section=section)
    return task


def meeting_for_user(
    user: User, pk: int, *, perm: str = VIEW, section: Section | None = None
) -> Meeting:
    """Meetings belong to placements: the placement's scope, and ``perm`` on the placement;
    with ``section`` the read is access-logged on the participant."""
    meeting = get_object_or_404(
        Meeting.objects.filter(placement__in=placements_visible_to(user)).select_related(
            "placement__participant__team", "placement__employer"
        ),
        pk=pk,
    )
    if not rules.has_perm(perm, user, meeting.placement):
        raise PermissionDenied
    if section:
        access_log(user=user, instance=meeting.placement.participant, section=section)
    return meeting


def participant_placements(participant: Participant) -> list[Placement]:
    """The participant's placements with their employer, for the participant page."""
    return list(participant.placements.select_related("employer"))


def placement_with_plan(placement: Placement) -> Placement:
    """Prefetch what the placement page and the 6H page show, in a fixed number of queries."""
    prefetch_related_objects(
        [placement],
        "tasks",
        Prefetch("extensions", queryset=PlacementExtension.objects.select_related("extended_by")),
        Prefetch("language_plans", queryset=LanguagePlan.objects.select_related("teacher")),
    )
    return placement
