"""What this app shows on other apps' pages: the participant's jobs and follow-up, hires and
check-ins on the timeline, the check-ins due on Min dag, and its part of the export."""

from __future__ import annotations

import datetime as dt
from typing import Any

from placetrain.accounts.models import User
from placetrain.activities.pages import my_day_panels
from placetrain.lib.registry import Panel, TimelineItem, day_start
from placetrain.participants.export import record_values
from placetrain.participants.models import Participant
from placetrain.participants.pages import (
    ParticipantPage,
    participant_panels,
    record_sections,
    timeline_sources,
)

from .models import Employment, FollowUpCheckin
from .selectors import checkins_due_for, participant_employments

TIMELINE_LIMIT = 100


def _employments_panel(*, page: ParticipantPage) -> dict[str, Any] | None:
    if not page.can_case:
        return None
    return {"employments": list(participant_employments(page.participant))}


def _due_checkins_panel(*, user: User, today: dt.date, horizon: dt.date) -> dict[str, Any]:
    return {"due_checkins": checkins_due_for(user, until=horizon)}


def employment_entries(participant: Participant) -> list[TimelineItem]:
    """Hires, jobs ended, and the follow-up check-ins recorded after hiring."""
    template = "employment/timeline/_employment.html"
    items: list[TimelineItem] = []
    for e in Employment.objects.filter(participant=participant).select_related("employer")[
        :TIMELINE_LIMIT
    ]:
        items.append(TimelineItem("hired", day_start(e.started_on), e, template))
        if e.ended_on:
            items.append(TimelineItem("job_ended", day_start(e.ended_on), e, template))
    items += [
        TimelineItem("checkin", day_start(c.done_on), c, "employment/timeline/_checkin.html")
        for c in FollowUpCheckin.objects.filter(
            employment__participant=participant, done_on__isnull=False
        ).select_related("employment__employer")[:TIMELINE_LIMIT]
    ]
    return items


def employment_section(participant: Participant) -> dict[str, Any]:
    return {
        "employments": record_values(Employment.objects.filter(participant=participant)),
        "follow_up_checkins": record_values(
            FollowUpCheckin.objects.filter(employment__participant=participant), "recorded_by"
        ),
    }


participant_panels.register(
    "employments", Panel("employment/_participant_employments.html", _employments_panel), order=40
)
timeline_sources.register("employment", employment_entries, order=50)
record_sections.register("employment", employment_section, order=50)
my_day_panels.register(
    "due-checkins", Panel("employment/_my_day_checkins.html", _due_checkins_panel), order=20
)
