"""Writes of the shortlist: adding a suggested participant to a job analysis's candidates,
moving them on (considered → contacted → interested → presented, or not relevant with a
reason), recording the employer's answer, and linking the placement planned from it."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from placetrain.accounts.models import User
from placetrain.employers.models import JobAnalysis
from placetrain.lib.concurrency import claim_version
from placetrain.lib.dates import today
from placetrain.lib.services import WorkflowError, service
from placetrain.participants.models import Participant

from .models import Candidate, CandidateChange
from .scoring import Suggestion

ALREADY = _("The participant is already on this job's shortlist.")
REASON_NEEDED = _("Say why the candidate is not relevant: the next colleague should know.")


@service
def candidate_add(
    *, user: User, analysis: JobAnalysis, participant: Participant, suggestion: Suggestion | None
) -> Candidate:
    """Put the participant on the job analysis's shortlist (as considered), keeping the match's
    score and reasons as they stand now."""
    try:
        with transaction.atomic():
            candidate = Candidate.objects.create(
                job_analysis=analysis,
                participant=participant,
                score=suggestion.score if suggestion else 0,
                reasons=suggestion.as_data() if suggestion else [],
                added_by=user,
            )
    except IntegrityError:
        raise WorkflowError({"participant": str(ALREADY)}) from None
    CandidateChange.objects.create(
        candidate=candidate,
        status=candidate.status,
        changed_on=today(),
        changed_by=user,
    )
    return candidate


@service
def candidate_set_status(
    *,
    user: User,
    candidate: Candidate,
    status: str,
    reason: str,
    on: dt.date,
    expected_version: int,
) -> Candidate:
    """Move the candidate on; "not relevant" needs a reason. A stale page gets EditConflict."""
    if status == Candidate.Status.NOT_RELEVANT and not reason.strip():
        raise WorkflowError({"reason": str(REASON_NEEDED)})
    claim_version(candidate, expected_version)
    candidate.status = status
    candidate.reason = reason.strip()
    candidate.save(update_fields=["status", "reason", "version", "updated_at"])
    CandidateChange.objects.create(
        candidate=candidate, status=status, reason=candidate.reason, changed_on=on, changed_by=user
    )
    return candidate


@service
def candidate_record_answer(
    *,
    user: User,
    candidate: Candidate,
    answer: str,
    note: str,
    on: dt.date,
    expected_version: int,
) -> Candidate:
    """The employer's answer about the candidate, with what they said."""
    claim_version(candidate, expected_version)
    candidate.employer_answer = answer
    candidate.employer_answer_note = note.strip()
    candidate.employer_answered_on = on
    candidate.save(
        update_fields=[
            "employer_answer",
            "employer_answer_note",
            "employer_answered_on",
            "version",
            "updated_at",
        ]
    )
    CandidateChange.objects.create(
        candidate=candidate,
        status=candidate.status,
        employer_answer=answer,
        reason=candidate.employer_answer_note,
        changed_on=on,
        changed_by=user,
    )
    return candidate
