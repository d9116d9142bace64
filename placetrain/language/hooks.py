"""What this app shows on other apps' pages: the participant's language plans (language
teachers see this card too), and its part of the export."""

from __future__ import annotations

from typing import Any

from django.utils.translation import pgettext_lazy

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
from .selectors import language_plans_with_progress

SECTION = "language"  # the participant page's part for language plans (the teacher's too)


def _language_panel(*, page: ParticipantPage) -> dict[str, Any]:
    plans = language_plans_with_progress().filter(participant=page.participant)
    return {"language_plans": list(plans.order_by("-created_at"))}


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
