"""Reads for the contact log, timelines and Min dag — a fixed number of queries each."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Q
from django.shortcuts import get_object_or_404

from placetrain.accounts.models import User
from placetrain.employers.models import Employer
from placetrain.lib.audit import Section, access_log
from placetrain.lib.dates import days_since, today
from placetrain.lib.registry import TimelineItem, day_start, shown_panels
from placetrain.participants.models import Participant, Status
from placetrain.participants.selectors import scope

from .models import NextStep
from .pages import my_day_panels

TIMELINE_LIMIT = 100
# Min dag looks two weeks ahead: the usual follow-up rhythm ("next visit in two weeks").
UPCOMING_DAYS = 14
NO_CONTACT = 10**6  # sorts participants never contacted first


def next_step_for_user(
    user: User,
    pk: int,
    *,
    perm: str = "activities.change_nextstep",
    section: Section | None = None,
) -> NextStep:
    """An open next step: they belong to their owner, so anyone else's (and one already done)
    answers 404; 403 without ``perm``; with ``section`` the read is logged on the participant."""
    step = get_object_or_404(
        NextStep.objects.open().filter(owner_id=user.pk).select_related("participant"), pk=pk
    )
    if not rules.has_perm(perm, user, step):
        raise PermissionDenied
    if section and step.participant:
        access_log(user=user, instance=step.participant, section=section)
    return step


def contact_entries(participant: Participant) -> list[TimelineItem]:
    """The participant's contacts and next steps, for the timeline."""
    contacts = participant.contacts.select_related("author", "employer", "employer_contact")
    items = [
        TimelineItem("contact", c.occurred_at, c, "activities/timeline/_contact.html")
        for c in contacts[:TIMELINE_LIMIT]
    ]
    items += [
        TimelineItem("next_step", day_start(n.due_on), n, "activities/timeline/_next_step.html")
        for n in participant.next_steps.select_related("owner")[:TIMELINE_LIMIT]
    ]
    return items


def employer_contact_entries(employer: Employer, user: User) -> list[TimelineItem]:
    """The employer's contacts (those about a participant only where the user may see them) and
    next steps, for the employer's timeline."""
    contacts = employer.contacts.filter(
        Q(participant__isnull=True) | scope(user, include_teaching=False, path="participant__")
    ).select_related("author", "employer_contact", "participant")[:TIMELINE_LIMIT]
    items = [
        TimelineItem("contact", c.occurred_at, c, "activities/timeline/_employer_contact.html")
        for c in contacts
    ]
    steps = employer.next_steps.select_related("owner")[:TIMELINE_LIMIT]
    items += [
        TimelineItem("next_step", day_start(n.due_on), n, "activities/timeline/_next_step.html")
        for n in steps
    ]
    return items


def my_day(user: User) -> dict[str, Any]:
    """Min dag: my active participants by days since last contact, my due and overdue steps,
    those coming up in the next two weeks, and what other apps put on it (the follow-up
    check-ins after hiring)."""
    participants = list(
        Participant.objects.filter(specialist_id=user.pk, organisation_id=user.org_id)
        .exclude(status=Status.ENDED)
        .select_related("programme")
        .annotate(last_contact_at=Max("contacts__occurred_at"))
        .order_by("last_contact_at", "last_name", "pk")
    )
    stale_after = settings.CONTACT_STALE_DAYS
    for p in participants:
        p.days_since_contact = days_since(p.last_contact_at)
        p.is_stale = p.days_since_contact is None or p.days_since_contact > stale_after
    # Null last contact sorts first on PostgreSQL and last on SQLite: make it the same everywhere.
    participants.sort(
        key=lambda p: -(p.days_since_contact if p.days_since_contact is not None else NO_CONTACT)
    )
    # One query for both lists of steps (due and coming up), split here.
    local_day = today()
    horizon = local_day + timedelta(days=UPCOMING_DAYS)
    # Only steps about participants the user may open now (a participant handed to another
    # team takes its name off this list) or about an employer alone.
    seen = Q(participant__isnull=True) | scope(user, path="participant__")
    open_steps = list(
        NextStep.objects.open()
        .filter(seen, owner_id=user.pk, due_on__lte=horizon)
        .select_related("participant", "employer")
        .order_by("due_on", "pk")
    )
    return {
        "participants": participants,
        # A caseload is a job specialist's: anyone else (a language teacher, a team leader)
        # gets no empty box about it.
        "show_caseload": bool(participants) or user.is_job_specialist,
        "due_steps": [step for step in open_steps if step.due_on <= local_day],
        "upcoming_steps": [step for step in open_steps if step.due_on > local_day],
        "panels": shown_panels(my_day_panels, user=user, today=local_day, horizon=horizon),
        "stale_after": stale_after,
        "today": local_day,
    }
