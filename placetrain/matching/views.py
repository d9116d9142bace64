"""The shortlist's actions: put a suggested participant on a job's shortlist, move a candidate
on, record the employer's answer. Each is a small POST from the job analysis's page (or the
participant's suggestions) that leads back there; with an error, the message says why and the
page shows the form again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from placetrain.accounts.http import AuthenticatedRequest, safe_next
from placetrain.employers.selectors import job_analysis_for_user
from placetrain.lib.concurrency import EditConflict
from placetrain.lib.services import WorkflowError
from placetrain.participants.selectors import participant_for_user

from . import selectors, services
from .forms import AnswerForm, CandidateStatusForm

CHANGE = "employers.change_employer"
SHORTLIST = "kandidatliste"


def _back(request: AuthenticatedRequest, analysis_pk: int) -> HttpResponse:
    fallback = reverse("employers:job-analysis-detail", args=[analysis_pk]) + f"#{SHORTLIST}"
    return redirect(safe_next(request, fallback))


def _problems(request: AuthenticatedRequest, problems: dict[str, str]) -> None:
    for message in problems.values():
        messages.error(request, message)


@login_required
@require_POST
def candidate_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Put the participant posted on job analysis ``pk``'s shortlist, with the match's score
    and reasons as they stand now."""
    analysis = job_analysis_for_user(request.user, pk, perm=CHANGE)
    chosen = request.POST.get("participant", "")
    if not chosen.isdigit():
        messages.error(request, _("Choose the participant to put on the shortlist."))
        return _back(request, analysis.pk)
    participant = participant_for_user(request.user, int(chosen), perm="placements.add_placement")
    suggestion = selectors.suggestion_for_job(request.user, participant, analysis)
    try:
        services.candidate_add(
            user=request.user, analysis=analysis, participant=participant, suggestion=suggestion
        )
    except WorkflowError as exc:
        _problems(request, exc.problems)
    else:
        messages.success(
            request,
            _("The participant is on the shortlist for %(job)s.") % {"job": analysis.title},
        )
    return _back(request, analysis.pk)


@login_required
@require_POST
def candidate_set_status(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    candidate = selectors.candidate_for_user(request.user, pk)
    job_analysis_for_user(request.user, candidate.job_analysis_id, perm=CHANGE)
    form = CandidateStatusForm(request.POST, candidate=candidate)
    if not form.is_valid():
        _problems(request, {name: " ".join(errors) for name, errors in form.errors.items()})
        return _back(request, candidate.job_analysis_id)
    data = form.cleaned_data
    try:
        services.candidate_set_status(
            user=request.user,
            candidate=candidate,
            status=data["status"],
            reason=data["reason"],
            on=data["on"],
            expected_version=data["version"],
        )
    except WorkflowError as exc:
        _problems(request, exc.problems)
    except EditConflict:
        messages.error(request, STALE)
    else:
        messages.success(request, _("The candidate's status is saved."))
    return _back(request, candidate.job_analysis_id)


@login_required
@require_POST
def candidate_record_answer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    candidate = selectors.candidate_for_user(request.user, pk)
    job_analysis_for_user(request.user, candidate.job_analysis_id, perm=CHANGE)
    form = AnswerForm(request.POST, candidate=candidate)
    if not form.is_valid():
        _problems(request, {name: " ".join(errors) for name, errors in form.errors.items()})
        return _back(request, candidate.job_analysis_id)
    data = form.cleaned_data
    try:
        services.candidate_record_answer(
            user=request.user,
            candidate=candidate,
            answer=data["answer"],
            note=data["note"],
            on=data["on"],
            expected_version=data["version"],
        )
    except EditConflict:
        messages.error(request, STALE)
    else:
        messages.success(request, _("The employer's answer is saved."))
    return _back(request, candidate.job_analysis_id)


STALE = gettext_lazy(
    "Someone changed this candidate while you had the page open: see the shortlist as it is "
    "now and try again."
)
