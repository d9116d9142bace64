"""Meetings on a placement: start-up, status, evaluation and ending/transfer. Notes are required
to mark one held (Snart Ansatt), and the actions agreed become next steps on their owners'
Min dag."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from placetrain.accounts.http import AuthenticatedRequest
from placetrain.lib.audit import Section
from placetrain.lib.forms import Submitted, submit

from .. import services
from ..forms.meetings import MeetingForm, MeetingHoldForm, action_formset, check_action_dates
from ..models import Meeting
from ..selectors import meeting_for_user, placement_for_user

SECTION = Section.MEETING
CHANGE = "placements.change_placement"


@login_required
@require_http_methods(["GET", "POST"])
def meeting_plan(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Plan a meeting on placement ``pk``; ``?kind=<kind>`` preselects the kind."""
    placement = placement_for_user(request.user, pk, perm=CHANGE, section=SECTION)
    kind = request.GET.get("kind", "")
    initial = {"kind": kind} if kind in Meeting.Kind.values else {}
    form = MeetingForm(request.POST or None, instance=Meeting(placement=placement), initial=initial)
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_plan(
            user=request.user, placement=placement, data=_meeting_data(form)
        )
        messages.success(request, _("The meeting is planned."))
        return redirect("placements:meeting-detail", pk=meeting.pk)
    return render(
        request,
        "placements/meetings/form.html",
        {"form": form, "placement": placement, "creating": True},
    )


def _meeting_data(form: MeetingForm) -> dict[str, object]:
    return {name: form.cleaned_data[name] for name in MeetingForm.Meta.fields}


@login_required
def meeting_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_user(request.user, pk, section=SECTION)
    return render(
        request,
        "placements/meetings/detail.html",
        {"meeting": meeting, "placement": meeting.placement},
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_update(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_user(request.user, pk, perm=CHANGE, section=SECTION)
    if meeting.held_on:
        messages.info(request, _("The meeting is held: its record is kept as it was."))
        return redirect("placements:meeting-detail", pk=meeting.pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    done = Submitted(saved=False)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.meeting_update,
            user=request.user,
            meeting=meeting,
            data=_meeting_data(form),
            expected_version=form.expected_version(),
        )
        done = submit(form, save, current_form=lambda current: MeetingForm(instance=current))
        if done.saved:
            messages.success(request, _("The meeting is changed."))
            return redirect("placements:meeting-detail", pk=meeting.pk)
    return render(
        request,
        "placements/meetings/form.html",
        {
            "form": form,
            "placement": meeting.placement,
            "meeting": meeting,
            "conflict": done.conflict,
        },
    )


def _held_message(agreed: int) -> str:
    text = _("The meeting is marked held.")
    if agreed:
        text += " " + ngettext(
            "%(n)d agreed action is on its owner's Min dag.",
            "%(n)d agreed actions are on their owners' Min dag.",
            agreed,
        ) % {"n": agreed}
    return text


@login_required
@require_http_methods(["GET", "POST"])
def meeting_hold(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Mark the meeting held: notes (required), the reflection on an evaluation meeting, and up
    to five agreed actions, each with an owner and a due date."""
    meeting = meeting_for_user(request.user, pk, perm=CHANGE, section=SECTION)
    if meeting.held_on:
        messages.info(request, _("The meeting is already marked held."))
        return redirect("placements:meeting-detail", pk=meeting.pk)
    data = request.POST if request.method == "POST" else None
    form = MeetingHoldForm(data, meeting=meeting)
    actions = action_formset(data, participant=meeting.placement.participant)
    # Both are validated, so that every problem shows at once.
    valid = data is not None and all([form.is_valid(), actions.is_valid()])
    if valid:
        if check_action_dates(actions, form.cleaned_data["held_on"]):
            agreed = [a for a in (f.action() for f in actions.forms) if a]
            save = partial(
                services.meeting_hold,
                user=request.user,
                meeting=meeting,
                held_on=form.cleaned_data["held_on"],
                notes=form.cleaned_data["notes"],
                reflection=form.reflection(),
                actions=agreed,
            )
            if submit(form, save).saved:
                messages.success(request, _held_message(len(agreed)))
                return redirect("placements:meeting-detail", pk=meeting.pk)
    return render(
        request,
        "placements/meetings/hold.html",
        {"meeting": meeting, "placement": meeting.placement, "form": form, "actions": actions},
    )
