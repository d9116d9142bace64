"""Stages, checklist and vocational profile pages."""

from __future__ import annotations

from functools import partial
from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms.models import model_to_dict
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from placetrain.accounts.http import AuthenticatedRequest
from placetrain.classifications.fields import unit_groups
from placetrain.classifications.models import Occupation
from placetrain.lib.audit import Section, access_log
from placetrain.lib.concurrency import EditConflict
from placetrain.lib.dates import today
from placetrain.lib.forms import conflict_rows, submit
from placetrain.lib.weekdays import day_names

from .. import services
from ..forms.workflow import PROFILE_GROUPS, SHORT_LABELS, StageForm, VocationalProfileForm
from ..models import ChecklistItem, Participant, Stage, VocationalProfile
from ..selectors import (
    checklist_by_stage,
    checklist_items,
    checklist_progress,
    participant_for_user,
    profile_history,
)

VIEW_CASE = "participants.view_case"
CHANGE = "participants.change_participant"


# --- Stages and checklist ----------------------------------------------------------------


@login_required
def stage_list(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The participant's stage, its dated history, and the checklist of every stage."""
    participant = participant_for_user(request.user, pk, perm=VIEW_CASE, section=Section.STAGES)
    return _render_stages(request, participant, _stage_form(participant))


@login_required
@require_POST
def participant_set_stage(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Move the participant to another stage, forward or back: stages guide, never gate."""
    participant = participant_for_user(request.user, pk, perm=CHANGE)
    form = StageForm(request.POST, current_stage=participant.stage)
    if form.is_valid():
        save = partial(
            services.participant_set_stage,
            user=request.user,
            participant=participant,
            stage=form.cleaned_data["stage"],
            on=form.cleaned_data["on"],
            note=form.cleaned_data["note"],
        )
        if submit(form, save).saved:
            messages.success(request, _("The stage is changed."))
            return redirect("participants:stage-list", pk=participant.pk)
    # The page is shown again with the case on it: that is a read.
    access_log(user=request.user, instance=participant, section=Section.STAGES)
    return _render_stages(request, participant, form)


@login_required
@require_POST
def checklist_tick(request: AuthenticatedRequest, pk: int, item_pk: int) -> HttpResponse:
    """Tick or untick one item. The form says the state the user wants, so a double submit
    (or a stale second tab) leaves the item as the user last saw it instead of flipping it."""
    participant = participant_for_user(request.user, pk, perm=CHANGE)
    item = get_object_or_404(ChecklistItem, pk=item_pk, active=True)
    services.checklist_tick(
        user=request.user,
        participant=participant,
        item=item,
        ticked=request.POST.get("ticked") == "1",
    )
    if not request.htmx:
        url = reverse("participants:stage-list", args=[participant.pk])
        return redirect(f"{url}#trinn-{item.stage}")
    rows = checklist_items(participant, item.stage)
    return render(
        request,
        "participants/workflow/_checklist_item.html",
        {
            "participant": participant,
            "row": next(row for row in rows if row["item"].pk == item.pk),
            "can_change": True,
            "stage": {"value": item.stage, **checklist_progress(rows)},
            "oob": True,
        },
    )


def _stage_form(participant: Participant) -> StageForm:
    return StageForm(
        initial={"stage": min(participant.stage + 1, Stage.SUPPORT), "on": today()},
        current_stage=participant.stage,
    )


def _render_stages(
    request: AuthenticatedRequest, participant: Participant, form: StageForm
) -> HttpResponse:
    history = list(participant.stage_changes.select_related("changed_by"))
    setting = [c for c in history if c.stage == participant.stage]
    return render(
        request,
        "participants/workflow/stages.html",
        {
            "participant": participant,
            "stages": checklist_by_stage(participant),
            "history": history,
            "since": max(setting, key=lambda c: c.pk).changed_on if setting else None,
            "form": form,
            "can_change": rules.has_perm(CHANGE, request.user, participant),
        },
    )


# --- Vocational profile --------------------------------------------------------------------


@login_required
def profile_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The current profile, and every earlier version with who saved it and what changed."""
    participant = participant_for_user(request.user, pk, perm=VIEW_CASE, section=Section.PROFILE)
    versions = profile_history(participant)
    current = versions[0] if versions else None
    for version in versions:
        version.changed_labels = [_label(name) for name in version.changed]
    return render(
        request,
        "participants/workflow/profile.html",
        {
            "participant": participant,
            "current": current,
            "groups": _display_groups(current, current.changed) if current else [],
            "versions": versions,
            "can_change": rules.has_perm(CHANGE, request.user, participant),
        },
    )


@login_required
def profile_version_detail(request: AuthenticatedRequest, pk: int, number: int) -> HttpResponse:
    """One saved version as it was, marking what it changed from the version before."""
    participant = participant_for_user(request.user, pk, perm=VIEW_CASE, section=Section.PROFILE)
    around = {
        v.number: v
        for v in participant.profiles.select_related("created_by").filter(
            number__in=[number - 1, number, number + 1]
        )
    }
    version = around.get(number)
    if version is None:
        raise Http404
    changed = version.changed_fields(around.get(number - 1))
    return render(
        request,
        "participants/workflow/profile_version.html",
        {
            "participant": participant,
            "version": version,
            "is_current": number + 1 not in around,
            "groups": _display_groups(version, changed),
            "changed_labels": [_label(name) for name in changed],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_update(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Save the profile as a new version; the form knows the version it started from, so
    nobody's save is silently lost."""
    participant = participant_for_user(request.user, pk, perm=CHANGE, section=Section.PROFILE)
    current = participant.profiles.order_by("-number").first()
    conflict = None
    if request.method == "POST":
        form = VocationalProfileForm(request.POST)
        if form.is_valid():
            based_on = form.cleaned_data["based_on"]
            data = form.profile_data()
            if current and based_on == current.number and _same_content(current, data):
                messages.info(request, _("Nothing was changed, so no new version was saved."))
                return redirect("participants:profile-detail", pk=participant.pk)
            try:
                services.profile_update(
                    user=request.user, participant=participant, data=data, based_on=based_on
                )
            except EditConflict as exc:
                current_form = VocationalProfileForm(
                    initial=model_to_dict(exc.current, fields=VocationalProfile.CONTENT_FIELDS)
                )
                saved = exc.current
                conflict = conflict_rows(exc, current_form, shown=lambda name: _shown(saved, name))
                form.rebase_on(exc.current)
            else:
                messages.success(request, _("The vocational profile is saved as a new version."))
                return redirect("participants:profile-detail", pk=participant.pk)
    else:
        initial = (
            {**model_to_dict(current, fields=VocationalProfile.CONTENT_FIELDS)} if current else {}
        )
        initial["based_on"] = current.number if current else None
        form = VocationalProfileForm(initial=initial)
    return render(
        request,
        "participants/workflow/profile_form.html",
        {
            "participant": participant,
            "form": form,
            "conflict": conflict,
            "current": current,
            "occupations": unit_groups(),
        },
    )


def _label(name: str) -> str:
    return str(
        SHORT_LABELS.get(name) or capfirst(VocationalProfile._meta.get_field(name).verbose_name)
    )


def _shown(profile: VocationalProfile, name: str) -> str:
    value = getattr(profile, name)
    if profile.is_empty(name):
        return ""
    if name == "hours_capacity":
        return f"{value} %"
    if name == "wished_occupations":
        return ", ".join(str(o) for o in Occupation.objects.filter(code__in=value))
    if name == "available_days":
        return day_names(value)
    if name in ("available_from", "available_until"):
        return value.strftime("%H:%M")
    return str(value)


def _same_content(profile: VocationalProfile, data: dict) -> bool:
    return all(getattr(profile, name) == value for name, value in data.items())


def _display_groups(profile: VocationalProfile, changed: list[str]) -> list[dict[str, Any]]:
    """The profile by group: filled fields (and fields this version emptied) as rows, the
    other empty ones named in one line, so that a phone does not scroll past dashes."""
    groups = []
    for title, names in PROFILE_GROUPS:
        rows, empty = [], []
        for name in names:
            value = _shown(profile, name)
            if not value and name not in changed:
                empty.append(_label(name))
                continue
            rows.append(
                {
                    "name": name,
                    "label": _label(name),
                    "value": value,
                    "items": profile.workplaces if name == "desired_workplaces" else None,
                    "changed": name in changed,
                }
            )
        groups.append({"title": title, "rows": rows, "empty": empty})
    return groups
