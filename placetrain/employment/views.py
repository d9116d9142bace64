"""A hire recorded without a placement, the job's page, ending the job, and follow-up after
hiring (etteroppfølging): each check-in of the proposed plan is recorded here."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from placetrain.accounts.http import AuthenticatedRequest
from placetrain.lib.audit import Section
from placetrain.lib.dates import today
from placetrain.lib.forms import Submitted, submit
from placetrain.participants.selectors import participant_for_user

from . import services
from .forms import CheckinForm, CheckinMoveForm, EmploymentCreateForm, EmploymentEndForm
from .models import FollowUpCheckin
from .selectors import checkin_for_user, employment_checkins, employment_for_user

CHANGE_CASE = "participants.change_participant"
SECTION = Section.EMPLOYMENT
# Min dag links to a check-in with ?from=my-day so that saving returns there.
FROM_MY_DAY = "my-day"


@login_required
@require_http_methods(["GET", "POST"])
def employment_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Record a hire that did not come from a placement (the employer from the register)."""
    participant = participant_for_user(request.user, pk, perm=CHANGE_CASE, section=SECTION)
    form = EmploymentCreateForm(request.POST or None, user=request.user, participant=participant)
    if request.method == "POST" and form.is_valid():
        done = submit(
            form,
            lambda: services.employment_create(
                user=request.user, participant=participant, data=form.employment()
            ),
        )
        if done.saved:
            messages.success(request, _("The hire is recorded. Check the follow-up plan."))
            return redirect("employment:employment-detail", pk=done.result.pk)
    return render(
        request, "employment/employment_form.html", {"participant": participant, "form": form}
    )


@login_required
def employment_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The job, its follow-up plan with every check-in, and ending the job."""
    employment = employment_for_user(request.user, pk, section=SECTION)
    checkins = employment_checkins(employment)
    context = {
        "employment": employment,
        "participant": employment.participant,
        "checkins": checkins,
        "done_count": sum(1 for c in checkins if c.done_on),
        "today": today(),
        "end_form": None if employment.ended_on else EmploymentEndForm(),
    }
    return render(request, "employment/employment_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def employment_end(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """End the job with a date and why (Tromsøpakken: when a job ends, an evaluation of why)."""
    employment = employment_for_user(request.user, pk, perm=CHANGE_CASE, section=SECTION)
    if employment.ended_on:
        messages.info(request, _("This job is already recorded as ended."))
        return redirect("employment:employment-detail", pk=employment.pk)
    form = EmploymentEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.employment_end,
            user=request.user,
            employment=employment,
            ended_on=form.cleaned_data["ended_on"],
            reason=form.cleaned_data["reason"],
        )
        if submit(form, save).saved:
            messages.success(request, _("The end of the job is recorded."))
            return redirect("employment:employment-detail", pk=employment.pk)
    return render(
        request,
        "employment/employment_end_form.html",
        {"employment": employment, "participant": employment.participant, "form": form},
    )


def _checkin_page(
    request: AuthenticatedRequest,
    checkin: FollowUpCheckin,
    form: CheckinForm,
    move_form: CheckinMoveForm,
    conflict: list | None = None,
) -> HttpResponse:
    employment = checkin.employment
    return render(
        request,
        "employment/checkin_form.html",
        {
            "checkin": checkin,
            "employment": employment,
            "participant": employment.participant,
            "form": form,
            "move_form": move_form,
            "conflict": conflict,
            "from_my_day": FROM_MY_DAY in (request.GET.get("from"), request.POST.get("from")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def checkin_record(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Record a follow-up check-in: still employed, hours, how it goes for both, any action."""
    checkin = checkin_for_user(request.user, pk, section=SECTION)
    form = CheckinForm(request.POST or None, instance=checkin)
    done = Submitted(saved=False)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.checkin_record,
            user=request.user,
            checkin=checkin,
            data=form.checkin_data(),
            expected_version=form.expected_version(),
        )
        done = submit(form, save, current_form=lambda current: CheckinForm(instance=current))
        if done.saved:
            return _recorded(request, checkin)
    if form.is_bound:
        # Validation wrote the typed values onto the check-in: show it as it is saved.
        checkin.refresh_from_db(fields=CheckinForm.Meta.fields)
    return _checkin_page(request, checkin, form, CheckinMoveForm(checkin=checkin), done.conflict)


def _recorded(request: AuthenticatedRequest, checkin: FollowUpCheckin) -> HttpResponse:
    messages.success(request, _("The check-in is recorded."))
    if checkin.still_employed is False and not checkin.employment.ended_on:
        messages.warning(
            request, _("The participant no longer has the job: record when and why it ended.")
        )
        return redirect("employment:employment-end", pk=checkin.employment_id)
    if request.POST.get("from") == FROM_MY_DAY:
        return redirect("activities:my-day")
    return redirect("employment:employment-detail", pk=checkin.employment_id)


@login_required
@require_POST
def checkin_move(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Move an open check-in's due date; errors show on the check-in page."""
    checkin = checkin_for_user(request.user, pk, section=SECTION)
    move_form = CheckinMoveForm(request.POST, checkin=checkin)
    if move_form.is_valid():
        save = partial(
            services.checkin_move,
            user=request.user,
            checkin=checkin,
            due_on=move_form.cleaned_data["due_on"],
        )
        if submit(move_form, save).saved:
            messages.success(request, _("The check-in is moved."))
            return redirect("employment:employment-detail", pk=checkin.employment_id)
    return _checkin_page(request, checkin, CheckinForm(instance=checkin), move_form)
