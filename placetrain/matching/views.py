"""The shortlist's actions: put a suggested participant on a job's shortlist, move a candidate
on, record the employer's answer. Each is a small POST from the job analysis's page (or the
participant's suggestions) that leads back there; with an error, the message says why and the
page shows the form again."""

from __future__ import annotations

from collections.abc import Callable

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


def _change_candidate(
    request: AuthenticatedRequest,
    pk: int,
    form_class: type[CandidateStatusForm] | type[AnswerForm],
    save: Callable[..., object],
    done: str,
) -> HttpResponse:
    """One small form about a candidate: checked, saved by ``save`` with the form's values and
    the version it was shown at, or the reason it was not, as a message; back to the shortlist."""
    candidate = selectors.candidate_for_user(request.user, pk)
    job_analysis_for_user(request.user, candidate.job_analysis_id, perm=CHANGE)
    form = form_class(request.POST, candidate=candidate)
    if not form.is_valid():
        _problems(request, {name: " ".join(errors) for name, errors in form.errors.items()})
        return _back(request, candidate.job_analysis_id)
    values = {k: v for k, v in form.cleaned_data.items() if k != "version"}
    try:
        save(
            user=request.user,
            candidate=candidate,
            expected_version=form.cleaned_data["version"],
            **values,
        )
    except WorkflowError as exc:
        _problems(request, exc.problems)
    except EditConflict:
        messages.error(request, STALE)
    else:
        messages.success(request, done)
    return _back(request, candidate.job_analysis_id)


@login_required
@require_POST
def candidate_set_status(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _change_candidate(
        request,
        pk,
        CandidateStatusForm,
        services.candidate_set_status,
        _("The candidate's status is saved."),
    )


@login_required
@require_POST
def candidate_record_answer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _change_candidate(
        request,
        pk,
        AnswerForm,
        services.candidate_record_answer,
        _("The employer's answer is saved."),
    )


STALE = gettext_lazy(
    "Someone changed this candidate while you had the page open: see the shortlist as it is "
    "now and try again."
)
