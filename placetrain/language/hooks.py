"""What this app shows on other apps' pages: the participant's language plans (language
teachers see this card too), a language teacher's participants on Min dag, and its part of the
export."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import pgettext_lazy

from placetrain.accounts.models import User
from placetrain.activities.pages import my_day_panels
from placetrain.lib.audit import Section
from placetrain.lib.registry import Panel
from placetrain.participants.export import record_values
from placetrain.participants.models import Participant
from placetrain.participants.pages import (
    PageSection,
    ParticipantPage,
    participant_panels,
    participant_sections,
    record_sections,
)

from .models import LanguageGoal, LanguageNote, LanguageObservation, LanguagePlan
from .selectors import language_plans_with_progress, participants_taught_by

SECTION = "language"  # the participant page's part for language plans (the teacher's too)


def _language_panel(*, page: ParticipantPage) -> dict[str, Any]:
    plans = language_plans_with_progress().filter(participant=page.participant)
    return {"language_plans": list(plans.order_by("-created_at"))}


def _taught_panel(*, user: User, today: dt.date, horizon: dt.date) -> dict[str, Any] | None:
    """A language teacher's way in from Min dag: the participants they teach, with their plans."""
    if not user.is_language_teacher:
        return None
    return {"taught": participants_taught_by(user)}


def language_section(participant: Participant) -> dict[str, Any]:
    return {
        "language_plans": record_values(LanguagePlan.objects.filter(participant=participant)),
        "language_goals": record_values(LanguageGoal.objects.filter(plan__participant=participant)),
        "language_observations": record_values(
            LanguageObservation.objects.filter(plan__participant=participant), "observed_by"
        ),
        "language_notes": record_values(
            LanguageNote.objects.filter(plan__participant=participant), "written_by"
        ),
    }


participant_sections.register(
    SECTION,
    PageSection(
        pgettext_lazy("participant page section", "Language"),
        Section.LANGUAGE_PLAN,
        case_only=False,
    ),
    order=50,
)
participant_panels.register(
    "language-plans",
    Panel("language/_participant_plans.html", _language_panel, place=SECTION),
    order=50,
)
record_sections.register("language", language_section, order=40)
my_day_panels.register(
    "taught-participants", Panel("language/_my_day_taught.html", _taught_panel), order=10
)
