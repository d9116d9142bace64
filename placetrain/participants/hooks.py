"""What this app shows on the participant page: the stage card and the timeline (with the
status history and consents on it), and its part of the export."""

from __future__ import annotations

from typing import Any

from placetrain.lib.registry import Panel, TimelineItem, day_start

from .export import participant_section
from .models import Participant
from .pages import ParticipantPage, participant_panels, record_sections, timeline_sources
from .selectors import participant_timeline, workflow_summary

TIMELINE_LIMIT = 100


def _workflow_panel(*, page: ParticipantPage) -> dict[str, Any] | None:
    if not page.can_case:
        return None
    return {"workflow": workflow_summary(page.participant)}


def _timeline_panel(*, page: ParticipantPage) -> dict[str, Any] | None:
    if not page.can_case:
        return None
    return {"timeline": participant_timeline(page.participant)}


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


participant_panels.register(
    "workflow", Panel("participants/workflow/_card.html", _workflow_panel), order=20
)
participant_panels.register(
    "timeline", Panel("participants/_timeline_panel.html", _timeline_panel), order=90
)
timeline_sources.register("status-and-consents", status_and_consent_entries, order=10)
record_sections.register("participant", participant_section, order=10)
