"""Reads of jobs and their follow-up, always through the participant's case scope."""

from __future__ import annotations

import datetime as dt

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Min, Q, QuerySet
from django.shortcuts import get_object_or_404

from placetrain.accounts.models import User
from placetrain.lib.audit import Section, access_log
from placetrain.participants.models import Participant
from placetrain.participants.selectors import scope

from .models import Employment, FollowUpCheckin


def employment_for_user(
    user: User, pk: int, *, perm: str = "participants.view_case", section: Section | None = None
) -> Employment:
    """The one way to fetch an employment: 404 outside the user's case scope (a language
    teacher's participants are outside it), 403 without ``perm`` on the participant; with
    ``section`` the read is access-logged on the participant."""
    employment = get_object_or_404(
        Employment.objects.filter(
            scope(user, include_teaching=False, path="participant__")
        ).select_related("participant__team", "participant__specialist", "employer", "placement"),
        pk=pk,
    )
    if not rules.has_perm(perm, user, employment.participant):
        raise PermissionDenied
    if section:
        access_log(user=user, instance=employment.participant, section=section)
    return employment


def checkin_for_user(
    user: User,
    pk: int,
    *,
    perm: str = "participants.change_participant",
    section: Section | None = None,
) -> FollowUpCheckin:
    """A follow-up check-in, scoped like its employment (404 outside, 403 without ``perm``)."""
    checkin = get_object_or_404(
        FollowUpCheckin.objects.filter(
            scope(user, include_teaching=False, path="employment__participant__")
        ).select_related("employment__participant__team", "employment__employer", "recorded_by"),
        pk=pk,
    )
    if not rules.has_perm(perm, user, checkin.employment.participant):
        raise PermissionDenied
    if section:
        access_log(user=user, instance=checkin.employment.participant, section=section)
    return checkin


def participant_employments(participant: Participant) -> QuerySet[Employment]:
    """The participant's jobs, newest first, each with ``next_checkin_due`` (the earliest open
    check-in) and ``open_checkins``: one query for the participant page, whatever the count."""
    open_checkin = Q(checkins__done_on__isnull=True)
    return (
        participant.employments.select_related("employer")
        .annotate(
            next_checkin_due=Min("checkins__due_on", filter=open_checkin),
            open_checkins=Count("checkins", filter=open_checkin),
        )
        .order_by("-started_on", "-pk")
    )


def current_employment(
    participant: Participant,
) -> tuple[Employment | None, list[FollowUpCheckin]]:
    """The job the participant holds now and its open follow-up check-ins (two queries)."""
    employment = (
        participant.employments.filter(ended_on__isnull=True)
        .select_related("employer")
        .order_by("-started_on", "-pk")
        .first()
    )
    if employment is None:
        return None, []
    return employment, list(employment.checkins.filter(done_on__isnull=True).order_by("due_on"))


def employment_checkins(employment: Employment) -> list[FollowUpCheckin]:
    """The follow-up plan of one job, in due order, with who recorded each check-in."""
    return list(employment.checkins.select_related("recorded_by").order_by("due_on", "pk"))


def checkins_due_for(user: User, *, until: dt.date) -> list[FollowUpCheckin]:
    """Open follow-up check-ins of the user's own participants due by ``until`` (Min dag)."""
    return list(
        FollowUpCheckin.objects.filter(
            done_on__isnull=True,
            due_on__lte=until,
            employment__ended_on__isnull=True,
            employment__participant__specialist_id=user.pk,
        )
        .select_related("employment__participant", "employment__employer")
        .order_by("due_on", "pk")
    )
