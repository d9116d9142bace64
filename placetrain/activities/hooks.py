"""What this app shows on other apps' pages: the contact form and contacts on the participant's
and the employer's pages, overdue next steps in the participant page's header, and its part of
the participant's export."""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef
from django.urls import reverse
from django.utils.translation import ngettext

from placetrain.employers.pages import EmployerPage, employer_panels
from placetrain.employers.pages import timeline_sources as employer_timeline_sources
from placetrain.lib.dates import today
from placetrain.lib.queries import counted
from placetrain.lib.registry import Panel
from placetrain.participants.export import record_values
from placetrain.participants.models import Participant
from placetrain.participants.pages import (
    Attention,
    AttentionRule,
    ParticipantPage,
    participant_alerts,
    participant_panels,
    reassignment_handlers,
    record_sections,
)
from placetrain.participants.pages import timeline_sources as participant_timeline_sources

from .forms import EmployerContactLogForm, QuickContactForm
from .models import Contact, NextStep
from .selectors import contact_entries, employer_contact_entries
from .services import next_steps_hand_over


def _contact_panel(*, page: ParticipantPage) -> dict[str, Any] | None:
    if not page.can_change:
        return None
    return {"contact_form": QuickContactForm(participant=page.participant)}


def _employer_contact_panel(*, page: EmployerPage) -> dict[str, Any] | None:
    if not page.can_change:
        return None
    return {"contact_form": EmployerContactLogForm(employer=page.employer)}


def _overdue_next_steps() -> Any:
    """Open next steps about the participant, whoever owns them, past their due date."""
    return counted(
        NextStep.objects.open().filter(participant=OuterRef("pk"), due_on__lt=today()),
        "participant",
    )


def _next_steps_overdue(page: ParticipantPage, overdue: int) -> list[Attention]:
    """They are on the overview's timeline."""
    if not overdue:
        return []
    text = ngettext("%(n)d next step is overdue", "%(n)d next steps are overdue", overdue) % {
        "n": overdue
    }
    url = reverse("participants:participant-detail", args=[page.participant.pk])
    return [Attention(text, f"{url}#tidslinje-tittel")]


def contacts_section(participant: Participant) -> dict[str, Any]:
    return {
        "contacts": record_values(
            Contact.objects.filter(participant=participant),
            "author",
            "employer_contact",
            "created_at",
        ),
        "next_steps": record_values(
            NextStep.objects.filter(participant=participant), "owner", "contact"
        ),
    }


participant_panels.register(
    "contact-log", Panel("activities/_contact_panel.html", _contact_panel), order=10
)
participant_alerts.register(
    "overdue-next-steps", AttentionRule(_overdue_next_steps, _next_steps_overdue), order=10
)
participant_timeline_sources.register("contacts", contact_entries, order=20)
record_sections.register("contacts", contacts_section, order=20)
employer_panels.register(
    "contact-log",
    Panel("activities/_employer_contact_panel.html", _employer_contact_panel),
    order=10,
)
employer_timeline_sources.register("contacts", employer_contact_entries, order=10)
reassignment_handlers.register("next-steps", next_steps_hand_over)
