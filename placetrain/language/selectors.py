"""Reads of language plans: case workers reach every plan in their case scope, a language
teacher the plans of the participants assigned to them."""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from placetrain.accounts.models import User
from placetrain.lib.audit import Section, access_log
from placetrain.participants.models import Participant
from placetrain.participants.selectors import scope

from .models import LanguageGoal, LanguagePlan


def language_plan_for_user(
    user: User,
    pk: int,
    *,
    perm: str = "language.view_languageplan",
    section: Section | None = None,
) -> LanguagePlan:
    """The one way to fetch a language plan: 404 outside the user's scope (including the
    teacher's participants), 403 without ``perm``; with ``section`` the read is logged."""
    plan = get_object_or_404(
        LanguagePlan.objects.filter(scope(user, path="participant__")).select_related(
            "participant__team", "teacher", "placement__employer"
        ),
        pk=pk,
    )
    if not rules.has_perm(perm, user, plan):
        raise PermissionDenied
    if section:
        access_log(user=user, instance=plan.participant, section=section)
    return plan


def language_goal_for_user(
    user: User,
    pk: int,
    *,
    plan_pk: int,
    perm: str = "language.change_languageplan",
    section: Section | None = None,
) -> LanguageGoal:
    """A sub-goal of plan ``plan_pk``, scoped and checked like its plan."""
    goal = get_object_or_404(
        LanguageGoal.objects.filter(scope(user, path="plan__participant__")).select_related(
            "plan__participant__team", "plan__teacher", "plan__placement__employer"
        ),
        pk=pk,
        plan_id=plan_pk,
    )
    if not rules.has_perm(perm, user, goal.plan):
        raise PermissionDenied
    if section:
        access_log(user=user, instance=goal.plan.participant, section=section)
    return goal


def language_plans_with_progress() -> QuerySet[LanguagePlan]:
    """Language plans with their teacher, placement employer, ``open_goals`` (sub-goals not yet
    reached) and ``next_goal_due``: for lists, one query whatever the number of plans."""
    open_goal = Q(goals__reached_on__isnull=True)
    return LanguagePlan.objects.select_related("teacher", "placement__employer").annotate(
        open_goals=Count("goals", filter=open_goal),
        next_goal_due=Min("goals__due_on", filter=open_goal),
    )


def participants_taught_by(user: User) -> list[Participant]:
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


def current_language_plan(participant: Participant) -> LanguagePlan | None:
    """The newest language plan, with its teacher and sub-goals (for the individual plan)."""
    return participant.language_plans.select_related("teacher").prefetch_related("goals").first()
