"""Printed documents: the individual plan as PDF, for the participant or for an employer."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from placetrain.accounts.http import AuthenticatedRequest
from placetrain.lib.audit import Section
from placetrain.participants.selectors import participant_for_user

from ..documents import individual_plan_filename, individual_plan_pdf


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Personal data: no copies in shared caches or the browser's back-forward cache.
    response["Cache-Control"] = "no-store, private"
    return response


def _individual_plan(request: AuthenticatedRequest, pk: int, *, for_employer: bool) -> HttpResponse:
    participant = participant_for_user(
        request.user, pk, perm="participants.view_case", section=Section.INDIVIDUAL_PLAN
    )
    content = individual_plan_pdf(participant, for_employer=for_employer)
    return _pdf_response(content, individual_plan_filename(participant, for_employer=for_employer))


@login_required
@require_GET
def individual_plan(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The participant's individual plan; ``?for=employer`` gives the employer's copy."""
    return _individual_plan(request, pk, for_employer=request.GET.get("for") == "employer")


@login_required
@require_GET
def individual_plan_employer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The employer's copy: practical placement facts, and only the consented topics."""
    return _individual_plan(request, pk, for_employer=True)
