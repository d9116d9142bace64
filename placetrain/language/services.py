"""Writes for language plans, their sub-goals, observations and progress notes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from placetrain.accounts.models import User
from placetrain.lib.concurrency import apply_fields, claim_version, lock_current
from placetrain.lib.services import WorkflowError, service
from placetrain.participants.models import Participant

from .models import LanguageGoal, LanguageNote, LanguageObservation, LanguagePlan

OBSERVATION_QUESTIONS = ("small_talk", "listened_to", "social_standing", "support")


@service
def language_plan_create(
    *, user: User, participant: Participant, data: dict[str, Any]
) -> LanguagePlan:
    return LanguagePlan.objects.create(participant=participant, **data)


@service
def language_plan_update(
    *, user: User, plan: LanguagePlan, data: dict[str, Any], expected_version: int
) -> LanguagePlan:
    """Save the plan, or raise EditConflict if someone saved since ``expected_version``."""
    claim_version(plan, expected_version)
    apply_fields(plan, data)
    plan.save()
    return plan


@service
def language_goal_add(
    *, user: User, plan: LanguagePlan, description: str, due_on: dt.date | None
) -> LanguageGoal:
    """Add a dated sub-goal on the way to the plan's final goal."""
    if not description.strip():
        raise WorkflowError({"description": _("Describe the sub-goal.")})
    return LanguageGoal.objects.create(plan=plan, description=description.strip(), due_on=due_on)


@service
def language_goal_set_reached(
    *, user: User, goal: LanguageGoal, reached_on: dt.date | None
) -> LanguageGoal:
    """Mark a sub-goal reached on ``reached_on`` (``None`` takes the mark back)."""
    lock_current(goal, "reached_on")
    goal.reached_on = reached_on
    goal.save(update_fields=["reached_on"])
    return goal


@service
def language_observation_add(
    *, user: User, plan: LanguagePlan, observed_on: dt.date, answers: dict[str, str]
) -> LanguageObservation:
    """Record an observation at the workplace: the four questions of Snart Ansatt appendix 3
    (small talk, listened to, social standing, support). At least one must be answered."""
    cleaned = {key: (answers.get(key) or "").strip() for key in OBSERVATION_QUESTIONS}
    if not any(cleaned.values()):
        raise WorkflowError({"small_talk": _("Answer at least one of the four questions.")})
    return LanguageObservation.objects.create(
        plan=plan, observed_on=observed_on, observed_by=user, **cleaned
    )


@service
def language_note_add(
    *, user: User, plan: LanguagePlan, written_on: dt.date, text: str
) -> LanguageNote:
    """Add a progress note to the language plan."""
    if not text.strip():
        raise WorkflowError({"text": _("Write the progress note.")})
    return LanguageNote.objects.create(
        plan=plan, written_on=written_on, text=text.strip(), written_by=user
    )
