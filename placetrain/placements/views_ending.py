"""Ending a placement, recording a hire, the job's page and follow-up after hiring
(etteroppfølging): each check-in of the proposed plan is recorded here."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from placetrain.lib.dates import today
from placetrain.lib.forms import show_problems
from placetrain.participants.selectors import participant_for_user

from . import services
from .forms_ending import (
    CheckinForm,
    CheckinMoveForm,
    EmploymentCreateForm,
    EmploymentEndForm,
    PlacementEndForm,
)
from .models import FollowUpCheckin, Placement
from .selectors import (
    checkin_for_user,
    employment_checkins,
    employment_for_user,
    placement_for_user,
)

CHANGE_PLACEMENT = "placements.change_placement"
CHANGE_CASE = "participants.change_participant"
# Min dag links to a check-in with ?fra=min-dag so that saving returns there.
FROM_MY_DAY = "min-dag"


@login_required
@require_http_methods(["GET", "POST"])
def placement_end(request: HttpRequest, pk: int) -> HttpResponse:
    """End a started placement with its outcome, reason and evaluation; a hire also records
    the employment and proposes the follow-up plan."""
    placement = placement_for_user(request.user, pk, perm=CHANGE_PLACEMENT, section="placement")
    can_end = placement.state == Placement.State.STARTED
    form = PlacementEndForm(request.POST or None, placement=placement)
    if request.method == "POST" and can_end and form.is_valid():
        try:
            employment = services.placement_end(
                user=request.user,
                placement=placement,
                ended_on=form.cleaned_data["ended_on"],
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
                evaluation=form.cleaned_data["evaluation"],
                employment=form.employment(),
            )
        except services.WorkflowError as exc:
            # "employment" means the hire's details are missing: the % is the one always asked.
            show_problems(form, exc.problems, {"employment": "percent_of_full_time"})
        else:
            if employment is not None:
                messages.success(
                    request,
                    _("The placement is ended and the hire recorded. Check the follow-up plan."),
                )
                return redirect("placements:employment", pk=employment.pk)
            messages.success(request, _("The placement is ended."))
            return redirect("participants:detail", pk=placement.participant_id)
    return render(
        request,
        "placements/ending/end_form.html",
        {
            "placement": placement,
            "participant": placement.participant,
            "form": form,
            "can_end": can_end,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def employment_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a hire that did not come from a placement (the employer from the register)."""
    participant = participant_for_user(request.user, pk, perm=CHANGE_CASE, section="employment")
    form = EmploymentCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            employment = services.employment_create(
                user=request.user, participant=participant, data=form.employment()
            )
        except services.WorkflowError as exc:
            show_problems(form, exc.problems)
        else:
            messages.success(request, _("The hire is recorded. Check the follow-up plan."))
            return redirect("placements:employment", pk=employment.pk)
    return render(
        request,
        "placements/ending/employment_form.html",
        {"participant": participant, "form": form},
    )


@login_required
def employment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The job, its follow-up plan with every check-in, and ending the job."""
    employment = employment_for_user(request.user, pk, section="employment")
    checkins = employment_checkins(employment)
    context = {
        "employment": employment,
        "participant": employment.participant,
        "checkins": checkins,
        "done_count": sum(1 for c in checkins if c.done_on),
        "today": today(),
        "end_form": None if employment.ended_on else EmploymentEndForm(),
    }
    return render(request, "placements/ending/employment_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def employment_end(request: HttpRequest, pk: int) -> HttpResponse:
    """End the job with a date and why (Tromsøpakken: when a job ends, an evaluation of why)."""
    employment = employment_for_user(request.user, pk, perm=CHANGE_CASE, section="employment")
    if employment.ended_on:
        messages.info(request, _("This job is already recorded as ended."))
        return redirect("placements:employment", pk=employment.pk)
    form = EmploymentEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.employment_end(
                user=request.user,
                employment=employment,
                ended_on=form.cleaned_data["ended_on"],
                reason=form.cleaned_data["reason"],
            )
        except services.WorkflowError as exc:
            show_problems(form, exc.problems)
        else:
            messages.success(request, _("The end of the job is recorded."))
            return redirect("placements:employment", pk=employment.pk)
    return render(
        request,
        "placements/ending/employment_end_form.html",
        {"employment": employment, "participant": employment.participant, "form": form},
    )


def _checkin_page(
    request: HttpRequest, checkin: FollowUpCheckin, form: CheckinForm, move_form: CheckinMoveForm
) -> HttpResponse:
    employment = checkin.employment
    return render(
        request,
        "placements/ending/checkin_form.html",
        {
            "checkin": checkin,
            "employment": employment,
            "participant": employment.participant,
            "form": form,
            "move_form": move_form,
            "from_my_day": request.GET.get("fra") == FROM_MY_DAY
            or request.POST.get("fra") == FROM_MY_DAY,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def checkin_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a follow-up check-in: still employed, hours, how it goes for both, any action."""
    checkin = checkin_for_user(request.user, pk, section="employment")
    form = CheckinForm(request.POST or None, instance=checkin)
    if request.method == "POST" and form.is_valid():
        try:
            services.checkin_record(user=request.user, checkin=checkin, data=form.checkin_data())
        except services.WorkflowError as exc:
            show_problems(form, exc.problems)
        else:
            messages.success(request, _("The check-in is recorded."))
            if checkin.still_employed is False and not checkin.employment.ended_on:
                messages.warning(
                    request,
                    _("The participant no longer has the job: record when and why it ended."),
                )
                return redirect("placements:employment-end", pk=checkin.employment_id)
            if request.POST.get("fra") == FROM_MY_DAY:
                return redirect("activities:my-day")
            return redirect("placements:employment", pk=checkin.employment_id)
    if form.is_bound:
        # Validation wrote the typed values onto the check-in: show it as it is saved.
        checkin.refresh_from_db(fields=CheckinForm.Meta.fields)
    return _checkin_page(request, checkin, form, CheckinMoveForm(checkin=checkin))


@login_required
@require_POST
def checkin_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move an open check-in's due date; errors show on the check-in page."""
    checkin = checkin_for_user(request.user, pk, section="employment")
    move_form = CheckinMoveForm(request.POST, checkin=checkin)
    if move_form.is_valid():
        try:
            services.checkin_move(
                user=request.user, checkin=checkin, due_on=move_form.cleaned_data["due_on"]
            )
        except services.WorkflowError as exc:
            show_problems(move_form, exc.problems)
        else:
            messages.success(request, _("The check-in is moved."))
            return redirect("placements:employment", pk=checkin.employment_id)
    return _checkin_page(request, checkin, CheckinForm(instance=checkin), move_form)


urlpatterns = [
    path("<int:pk>/avslutt/", placement_end, name="end"),
    path("deltaker/<int:pk>/ansettelse/ny/", employment_create, name="employment-create"),
    path("ansettelse/<int:pk>/", employment_detail, name="employment"),
    path("ansettelse/<int:pk>/avslutt/", employment_end, name="employment-end"),
    path("oppfolging/<int:pk>/", checkin_record, name="checkin"),
    path("oppfolging/<int:pk>/flytt/", checkin_move, name="checkin-move"),
]
