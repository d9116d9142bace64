"""Reads for placements, always through the participant's scope (404 outside it)."""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from placetrain.lib.audit import access_log
from placetrain.participants.models import Participant
from placetrain.participants.selectors import participants_visible_to

from .models import Employment, FollowUpCheckin, LanguagePlan, Meeting, Placement


def placements_visible_to(user) -> QuerySet[Placement]:
    """Placements of participants whose case the user works (not a teacher's participants)."""
    return Placement.objects.filter(
        participant__in=participants_visible_to(user, include_teaching=False)
    )


def placement_for_user(
    user, pk: int, *, perm: str = "placements.view_placement", section: str | None = None
) -> Placement:
    """The one way to fetch a placement: 404 outside the user's case scope, 403 without
    ``perm``; with ``section`` the read is access-logged on the participant."""
    placement = get_object_or_404(
        placements_visible_to(user).select_related(
            "participant__team", "participant__specialist", "employer", "mentor", "follow_up_by"
        ),
        pk=pk,
    )
    if not rules.has_perm(perm, user, placement):
        raise PermissionDenied
    if section:
        access_log(user=user, instance=placement.participant, section=section)
    return placement


def meeting_for_user(user, pk: int, *, section: str | None = None) -> Meeting:
    """Meetings belong to placements: the placement's scope and permission; with ``section``
    the read is access-logged on the participant."""
    meeting = get_object_or_404(
        Meeting.objects.filter(placement__in=placements_visible_to(user)).select_related(
            "placement__participant__team", "placement__employer"
        ),
        pk=pk,
    )
    if not rules.has_perm("placements.change_placement", user, meeting.placement):
        raise PermissionDenied
    if section:
        access_log(user=user, instance=meeting.placement.participant, section=section)
    return meeting


def language_plan_for_user(user, pk: int, *, section: str | None = None) -> LanguagePlan:
    """Teachers reach the plans of their assigned participants; case workers all in scope."""
    plan = get_object_or_404(
        LanguagePlan.objects.filter(participant__in=participants_visible_to(user)).select_related(
            "participant__team", "teacher", "placement__employer"
        ),
        pk=pk,
    )
    if not rules.has_perm("placements.change_languageplan", user, plan):
        raise PermissionDenied
    if section:
        access_log(user=user, instance=plan.participant, section=section)
    return plan


def employment_for_user(
    user, pk: int, *, perm: str = "participants.view_case", section: str | None = None
) -> Employment:
    """The one way to fetch an employment: 404 outside the user's case scope (a language
    teacher's participants are outside it), 403 without ``perm`` on the participant; with
    ``section`` the read is access-logged on the participant."""
    employment = get_object_or_404(
        Employment.objects.filter(
            participant__in=participants_visible_to(user, include_teaching=False)
        ).select_related("participant__team", "participant__specialist", "employer", "placement"),
        pk=pk,
    )
    if not rules.has_perm(perm, user, employment.participant):
        raise PermissionDenied
    if section:
        access_log(user=user, instance=employment.participant, section=section)
    return employment


def checkin_for_user(
    user, pk: int, *, perm: str = "participants.change_participant", section: str | None = None
) -> FollowUpCheckin:
    """A follow-up check-in, scoped like its employment (404 outside, 403 without ``perm``)."""
    checkin = get_object_or_404(
        FollowUpCheckin.objects.filter(
            employment__participant__in=participants_visible_to(user, include_teaching=False)
        ).select_related("employment__participant__team", "employment__employer", "recorded_by"),
        pk=pk,
    )
    if not rules.has_perm(perm, user, checkin.employment.participant):
        raise PermissionDenied
    if section:
        access_log(user=user, instance=checkin.employment.participant, section=section)
    return checkin


def participant_employments(participant) -> QuerySet[Employment]:
    """The participant's jobs, newest first, each with ``next_checkin_due`` (the earliest open
    check-in) and ``open_checkins``: one query for the participant page, whatever the count."""
    open_checkin = Q(checkins__done_on__isnull=True)
    return (
        participant.employments.select_related("employer")
        .annotate(
            next_checkin_due=Min("checkins__due_on", filter=open_checkin),
            open_checkins=Count("checkins", filter=open_checkin),
        )
        .order_by("-started_on", "-pk")
    )


def employment_checkins(employment: Employment) -> list[FollowUpCheckin]:
    """The follow-up plan of one job, in due order, with who recorded each check-in."""
    return list(employment.checkins.select_related("recorded_by").order_by("due_on", "pk"))


def checkins_due_for(user, *, until) -> list[FollowUpCheckin]:
    """Open follow-up check-ins of the user's own participants due by ``until`` (Min dag)."""
    return list(
        FollowUpCheckin.objects.filter(
            done_on__isnull=True,
            due_on__lte=until,
            employment__ended_on__isnull=True,
            employment__participant__specialist_id=user.pk,
        )
        .select_related("employment__participant", "employment__employer")
        .order_by("due_on", "pk")
    )


def language_plans_with_progress() -> QuerySet[LanguagePlan]:
    """Language plans with their teacher, placement employer, ``open_goals`` (sub-goals not yet
    reached) and ``next_goal_due``: for lists, one query whatever the number of plans."""
    open_goal = Q(goals__reached_on__isnull=True)
    return LanguagePlan.objects.select_related("teacher", "placement__employer").annotate(
        open_goals=Count("goals", filter=open_goal),
        next_goal_due=Min("goals__due_on", filter=open_goal),
    )


def language_participants_of(user) -> list[Participant]:
    """A language teacher's own list: the participants assigned to them, each with its language
    plans prefetched (``participant.plans``). Two queries whatever the number of rows."""
    if not user.is_authenticated or not user.is_language_teacher or not user.organisation_id:
        return []
    return list(
        Participant.objects.filter(language_teachers=user, organisation_id=user.organisation_id)
        .prefetch_related(
            Prefetch("language_plans", queryset=language_plans_with_progress(), to_attr="plans")
        )
        .order_by("last_name", "first_name", "pk")
    )
