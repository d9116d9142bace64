"""Reads for the contact log, timelines and Min dag — a fixed number of queries each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Max, Q
from django.utils import timezone

from placetrain.lib.dates import today
from placetrain.participants.models import Participant, Status
from placetrain.participants.selectors import participants_visible_to
from placetrain.placements.selectors import checkins_due_for

from .models import NextStep

TIMELINE_LIMIT = 100
# Min dag looks two weeks ahead: the usual follow-up rhythm ("next visit in two weeks").
UPCOMING_DAYS = 14


@dataclass
class TimelineItem:
    kind: str
    at: datetime
    obj: Any


def _day_start(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def participant_timeline(participant: Participant) -> list[TimelineItem]:
    """Contacts, status changes, consents and next steps, newest first."""
    items = [
        TimelineItem("contact", c.occurred_at, c)
        for c in participant.contacts.select_related("author", "employer", "employer_contact")[
            :TIMELINE_LIMIT
        ]
    ]
    items += [
        TimelineItem("status", _day_start(s.changed_on), s)
        for s in participant.status_changes.select_related("changed_by")[:TIMELINE_LIMIT]
    ]
    for consent in participant.consents.all()[:TIMELINE_LIMIT]:
        items.append(TimelineItem("consent", _day_start(consent.given_on), consent))
        if consent.withdrawn_on:
            items.append(
                TimelineItem("consent_withdrawn", _day_start(consent.withdrawn_on), consent)
            )
    items += [
        TimelineItem("next_step", _day_start(n.due_on), n)
        for n in participant.next_steps.select_related("owner")[:TIMELINE_LIMIT]
    ]
    items += _train_items(participant)
    items.sort(key=lambda item: item.at, reverse=True)
    return items


def _train_items(participant: Participant) -> list[TimelineItem]:
    """The 'train' beside the contacts: placements started and ended, extensions, meetings,
    hires and follow-up check-ins (DOMAIN §4.3: first-class records, not afterthoughts)."""
    from placetrain.placements.models import (
        Employment,
        FollowUpCheckin,
        Meeting,
        Placement,
        PlacementExtension,
    )

    items: list[TimelineItem] = []
    for p in Placement.objects.filter(participant=participant).select_related("employer")[
        :TIMELINE_LIMIT
    ]:
        if p.started_on:
            items.append(TimelineItem("placement_started", _day_start(p.started_on), p))
        else:
            items.append(TimelineItem("placement_planned", _day_start(p.planned_start), p))
        if p.ended_on:
            items.append(TimelineItem("placement_ended", _day_start(p.ended_on), p))
    items += [
        TimelineItem("extension", e.created_at, e)
        for e in PlacementExtension.objects.filter(
            placement__participant=participant
        ).select_related("placement__employer", "extended_by")[:TIMELINE_LIMIT]
    ]
    items += [
        TimelineItem("meeting", _day_start(m.held_on) if m.held_on else m.planned_at, m)
        for m in Meeting.objects.filter(placement__participant=participant).select_related(
            "placement__employer"
        )[:TIMELINE_LIMIT]
    ]
    for e in Employment.objects.filter(participant=participant).select_related("employer")[
        :TIMELINE_LIMIT
    ]:
        items.append(TimelineItem("hired", _day_start(e.started_on), e))
        if e.ended_on:
            items.append(TimelineItem("job_ended", _day_start(e.ended_on), e))
    items += [
        TimelineItem("checkin", _day_start(c.done_on), c)
        for c in FollowUpCheckin.objects.filter(
            employment__participant=participant, done_on__isnull=False
        ).select_related("employment__employer")[:TIMELINE_LIMIT]
    ]
    return items


def employer_timeline(employer, *, user) -> list[TimelineItem]:
    """The employer's contacts; those about a participant only where the user may see them."""
    visible = participants_visible_to(user, include_teaching=False)
    contacts = employer.contacts.filter(
        Q(participant__isnull=True) | Q(participant__in=visible)
    ).select_related("author", "employer_contact", "participant")[:TIMELINE_LIMIT]
    items = [TimelineItem("contact", c.occurred_at, c) for c in contacts]
    steps = employer.next_steps.select_related("owner")[:TIMELINE_LIMIT]
    items += [TimelineItem("next_step", _day_start(n.due_on), n) for n in steps]
    items.sort(key=lambda item: item.at, reverse=True)
    return items


def my_day(user) -> dict[str, Any]:
    """Min dag: my active participants by days since last contact, my due and overdue steps,
    and the follow-up check-ins after hiring due in the next two weeks."""
    now = timezone.now()
    participants = list(
        Participant.objects.filter(specialist_id=user.pk, organisation_id=user.organisation_id)
        .exclude(status=Status.ENDED)
        .select_related("programme")
        .annotate(last_contact_at=Max("contacts__occurred_at"))
        .order_by("last_contact_at", "last_name", "pk")
    )
    stale_after = settings.CONTACT_STALE_DAYS
    local_today = timezone.localtime(now).date()
    for p in participants:
        p.days_since_contact = (
            (local_today - timezone.localtime(p.last_contact_at).date()).days
            if p.last_contact_at
            else None
        )
        p.is_stale = p.days_since_contact is None or p.days_since_contact > stale_after
    # Null last contact sorts first on PostgreSQL and last on SQLite: make it the same everywhere.
    participants.sort(
        key=lambda p: -(p.days_since_contact if p.days_since_contact is not None else 10**6)
    )
    # One query for both lists of steps (due and coming up), split here: the page's query
    # count stays the same with the follow-up check-ins added below.
    local_day = today()
    horizon = local_day + timedelta(days=UPCOMING_DAYS)
    open_steps = list(
        NextStep.objects.open()
        .filter(owner_id=user.pk, due_on__lte=horizon)
        .select_related("participant", "employer")
        .order_by("due_on", "pk")
    )
    steps = [step for step in open_steps if step.due_on <= local_day]
    upcoming = [step for step in open_steps if step.due_on > local_day]
    # Follow-up after hiring (etteroppfølging): check-ins due within the same two weeks.
    checkins = checkins_due_for(user, until=horizon)
    return {
        "participants": participants,
        "due_steps": steps,
        "upcoming_steps": upcoming,
        "due_checkins": checkins,
        "stale_after": stale_after,
        "today": local_day,
    }
