"""Ending a placement with its outcome, reason and evaluation; a hire also records the job."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from placetrain.accounts.http import AuthenticatedRequest
from placetrain.lib.audit import Section
from placetrain.lib.forms import submit

from .. import services
from ..forms.ending import PlacementEndForm
from ..models import Placement
from ..selectors import placement_for_user


@login_required
@require_http_methods(["GET", "POST"])
def placement_end(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """End a started placement with its outcome, reason and evaluation; a hire also records
    the employment and proposes the follow-up plan."""
    placement = placement_for_user(
        request.user, pk, perm="placements.change_placement", section=Section.PLACEMENT
    )
    can_end = placement.state == Placement.State.STARTED
    form = PlacementEndForm(request.POST or None, placement=placement)
    if request.method == "POST" and can_end and form.is_valid():
        save = partial(
            services.placement_end,
            user=request.user,
            placement=placement,
            ended_on=form.cleaned_data["ended_on"],
            outcome=form.cleaned_data["outcome"],
            reason=form.cleaned_data["reason"],
            evaluation=form.cleaned_data["evaluation"],
            employment=form.employment(),
        )
        # "employment" means the hire's details are missing: the % is the one always asked.
        done = submit(form, save, aliases={"employment": "percent_of_full_time"})
        if done.saved and done.result is not None:
            messages.success(
                request,
                _("The placement is ended and the hire recorded. Check the follow-up plan."),
            )
            return redirect("employment:employment-detail", pk=done.result.pk)
        if done.saved:
            messages.success(request, _("The placement is ended."))
            return redirect("participants:participant-detail", pk=placement.participant_id)
    return render(
        request,
        "placements/plan/end_form.html",
        {
            "placement": placement,
            "participant": placement.participant,
            "form": form,
            "can_end": can_end,
        },
    )
