"""What this app shows on the participant page: the overview and details sections, the stage
card and the timeline (with the status history and consents on it) in the overview, the
person's details, the order, consents and work history in the details, and its part of the
export."""

from __future__ import annotations

from typing import Any

import rules
from django.urls import reverse
from django.utils.translation import pgettext_lazy

from placetrain.lib.audit import Section
from placetrain.lib.registry import Panel, TimelineItem, day_start

from .export import participant_section
from .forms.case import StatusForm
from .models import Participant
from .pages import (
    DETAILS,
    OVERVIEW,
    PageSection,
    ParticipantPage,
    participant_panels,
    participant_sections,
    record_sections,
    timeline_sources,
)
from .selectors import workflow_summary

TIMELINE_LIMIT = 100


def _workflow_panel(*, page: ParticipantPage) -> dict[str, Any] | None:
    if not page.can_case:
        return None
    return {"workflow": workflow_summary(page.participant)}


def _timeline_panel(*, page: ParticipantPage) -> dict[str, Any] | None:
    """The timeline's place on the overview: its entries come from its own address when it
    scrolls into view (nine queries the first view does not pay for)."""
    if not page.can_case:
        return None
    url = reverse("participants:participant-timeline", args=[page.participant.pk])
    return {"timeline_url": url}


def _details_panel(*, page: ParticipantPage) -> dict[str, Any]:
    """The person's details for everyone who may open the page; the referral, the order,
    consents and work history only with the case."""
    participant, user = page.participant, page.user
    context: dict[str, Any] = {
        "teachers": list(participant.language_teachers.all()),
        "can_sensitive": rules.has_perm("participants.view_sensitive", user, participant),
        "can_access_log": rules.has_perm("participants.view_access_log", user, participant),
        "can_delete": rules.has_perm("participants.delete_participant", user, participant),
    }
    if page.can_case:
        context.update(
            consents=list(participant.consents.all()),
            work_history=list(participant.work_history.all()),
            status_form=StatusForm(initial={"status": participant.status}),
        )
    return context


def status_and_consent_entries(participant: Participant) -> list[TimelineItem]:
    items = [
        TimelineItem("status", day_start(s.changed_on), s, "participants/timeline/_status.html")
        for s in participant.status_changes.select_related("changed_by")[:TIMELINE_LIMIT]
    ]
    for consent in participant.consents.all()[:TIMELINE_LIMIT]:
        items.append(
            TimelineItem(
                "consent",
                day_start(consent.given_on),
                consent,
                "participants/timeline/_consent.html",
            )
        )
        if consent.withdrawn_on:
            items.append(
                TimelineItem(
                    "consent_withdrawn",
                    day_start(consent.withdrawn_on),
                    consent,
                    "participants/timeline/_consent.html",
                )
            )
    return items


participant_sections.register(
    OVERVIEW,
    PageSection(pgettext_lazy("participant page section", "Overview"), Section.OVERVIEW),
    order=10,
)
participant_sections.register(
    DETAILS,
    PageSection(
        pgettext_lazy("participant page section", "Details"), Section.DETAILS, case_only=False
    ),
    order=80,
)
participant_panels.register(
    "details", Panel("participants/_details.html", _details_panel, place=DETAILS), order=10
)
participant_panels.register(
    "workflow", Panel("participants/workflow/_card.html", _workflow_panel), order=20
)
participant_panels.register(
    "timeline", Panel("includes/timeline_panel.html", _timeline_panel), order=90
)
timeline_sources.register("status-and-consents", status_and_consent_entries, order=10)
record_sections.register("participant", participant_section, order=10)
