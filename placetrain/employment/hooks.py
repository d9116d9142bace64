"""What this app shows on other apps' pages: the participant's jobs and follow-up (a part of
the participant page, and overdue check-ins in its header), hires and check-ins on the timeline,
the check-ins due on Min dag, and its part of the export."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import OuterRef
from django.urls import reverse
from django.utils.translation import ngettext, pgettext_lazy

from placetrain.accounts.models import User
from placetrain.activities.pages import my_day_panels
from placetrain.lib.audit import Section
from placetrain.lib.dates import today
from placetrain.lib.queries import counted
from placetrain.lib.registry import Panel, TimelineItem, day_start
from placetrain.participants.export import record_values
from placetrain.participants.models import Participant
from placetrain.participants.pages import (
    Attention,
    AttentionRule,
    PageSection,
    ParticipantPage,
    participant_alerts,
    participant_panels,
    participant_sections,
    record_sections,
    timeline_sources,
)

from .models import Employment, FollowUpCheckin
from .selectors import checkins_due_for, participant_employments

TIMELINE_LIMIT = 100
SECTION = "jobs"  # the participant page's part for jobs and follow-up after hiring


def _employments_panel(*, page: ParticipantPage) -> dict[str, Any] | None:
    if not page.can_case:
        return None
    return {"employments": list(participant_employments(page.participant))}


def _overdue_checkins() -> Any:
    """Follow-up check-ins of the participant's current jobs that are past their due date."""
    return counted(
        FollowUpCheckin.objects.filter(
            employment__participant=OuterRef("pk"),
            employment__ended_on__isnull=True,
            done_on__isnull=True,
            due_on__lt=today(),
        ),
        "employment__participant",
    )


def _checkins_overdue(page: ParticipantPage, overdue: int) -> list[Attention]:
    if not overdue:
        return []
    text = ngettext(
        "%(n)d follow-up check-in is overdue", "%(n)d follow-up check-ins are overdue", overdue
    ) % {"n": overdue}
    url = reverse("participants:participant-detail", args=[page.participant.pk])
    return [Attention(text, f"{url}?section={SECTION}")]


def _due_checkins_panel(*, user: User, today: dt.date, horizon: dt.date) -> dict[str, Any] | None:
    due = checkins_due_for(user, until=horizon)
    # Check-ins are the responsible specialist's: nobody else gets an empty card about them.
    if not due and not user.is_job_specialist:
        return None
    return {"due_checkins": due}


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


participant_sections.register(
    SECTION,
    PageSection(pgettext_lazy("participant page section", "Jobs"), Section.EMPLOYMENT),
    order=40,
)
participant_panels.register(
    "employments",
    Panel("employment/_participant_employments.html", _employments_panel, place=SECTION),
    order=40,
)
participant_alerts.register(
    "overdue-checkins", AttentionRule(_overdue_checkins, _checkins_overdue), order=20
)
timeline_sources.register("employment", employment_entries, order=50)
record_sections.register("employment", employment_section, order=50)
my_day_panels.register(
    "due-checkins", Panel("employment/_my_day_checkins.html", _due_checkins_panel), order=20
)
