"""Writes to the employer register."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from placetrain.accounts.models import User
from placetrain.lib.concurrency import apply_fields, claim_version
from placetrain.lib.dates import today
from placetrain.lib.services import WorkflowError, service

from .models import (
    STAGES_WITH_REASON,
    Agreement,
    Employer,
    EmployerContact,
    JobAnalysis,
    PartnershipStageChange,
    Stage,
    possible_owners,
)
from .pages import contact_person_in_use

DUPLICATE = gettext_lazy("An employer with this organisation number is already registered.")
FUTURE_VISIT = gettext_lazy("A visit cannot be recorded for a date that has not come yet.")
# Written by the contact log's services alone (activities), with a query of its own: an edit
# saved from a page loaded before a contact was logged must not put the older date back.
NOT_EDITED = {"id", "last_contact_on"}


def _save(employer: Employer) -> None:
    if employer.pk is None:
        employer.save()
        return
    names = [f.name for f in Employer._meta.concrete_fields if f.name not in NOT_EDITED]
    employer.save(update_fields=names)


def _check_owner(user: User, data: dict[str, Any]) -> None:
    owner = data.get("owner")
    if owner is not None and not possible_owners(user.org_id).filter(pk=owner.pk).exists():
        raise WorkflowError(
            {"owner": _("Choose a job specialist or team leader of your organisation.")}
        )


@contextmanager
def _unique_org_number() -> Iterator[None]:
    """Two people registering the same organisation number at once: the form's check passed for
    both, the database's unique constraint stops the second — as a message, never a 500."""
    try:
        with transaction.atomic():  # a savepoint: the service's transaction stays usable
            yield
    except IntegrityError as exc:
        if "org_number" not in str(exc) and "employer_unique_org_number" not in str(exc):
            raise
        raise WorkflowError({"org_number": str(DUPLICATE)}) from None


@service
def employer_create(*, user: User, data: dict[str, Any]) -> Employer:
    _check_owner(user, data)
    with _unique_org_number():
        return Employer.objects.create(organisation_id=user.org_id, **data)


@service
def employer_update(
    *, user: User, employer: Employer, data: dict[str, Any], expected_version: int
) -> Employer:
    """Save the edit, or raise EditConflict if someone saved since ``expected_version``."""
    _check_owner(user, data)
    claim_version(employer, expected_version)
    apply_fields(employer, data)
    with _unique_org_number():
        _save(employer)
    return employer


@service
def employer_stage_change(
    *,
    user: User,
    employer: Employer,
    stage: str,
    reason: str = "",
    on: dt.date,
    expected_version: int,
) -> PartnershipStageChange:
    """Move the partnership to ``stage`` on day ``on``, written into its dated history. Pausing
    or setting aside an employer needs a reason (the next colleague should know why before they
    call); the day is neither in the future nor before the latest change. Raises EditConflict if
    someone saved the employer since ``expected_version``, WorkflowError with what is wrong."""
    reason = reason.strip()
    problems = {}
    if stage not in Stage.values:
        problems["stage"] = _("Choose a stage.")
    elif stage == employer.stage:
        problems["stage"] = _("The employer is already at this stage.")
    if stage in STAGES_WITH_REASON and not reason:
        problems["reason"] = _("Say why: the next colleague should know before they call.")
    if on > today():
        problems["on"] = _("The date cannot be in the future.")
    latest = employer.stage_changes.order_by("-changed_on", "-pk").first()
    if latest is not None and on < latest.changed_on:
        problems["on"] = _("The stage was last changed on %(date)s; choose that day or later.") % {
            "date": latest.changed_on.strftime("%d.%m.%Y")
        }
    if problems:
        raise WorkflowError(problems)
    claim_version(employer, expected_version)
    employer.stage, employer.stage_reason = stage, reason
    employer.save(update_fields=["stage", "stage_reason", "version", "updated_at"])
    return PartnershipStageChange.objects.create(
        employer=employer, stage=stage, reason=reason, changed_on=on, changed_by=user
    )


ENDS_BEFORE_START = gettext_lazy("The end date cannot be before the start date.")


def _check_period(data: dict[str, Any]) -> None:
    start, end = data.get("valid_from"), data.get("valid_to")
    if start and end and end < start:
        raise WorkflowError({"valid_to": str(ENDS_BEFORE_START)})


@service
def agreement_create(*, user: User, employer: Employer, data: dict[str, Any]) -> Agreement:
    _check_period(data)
    return Agreement.objects.create(employer=employer, **data)


@service
def agreement_update(
    *, user: User, agreement: Agreement, data: dict[str, Any], expected_version: int
) -> Agreement:
    """Save the edit, or raise EditConflict if someone saved since ``expected_version``."""
    _check_period(data)
    claim_version(agreement, expected_version)
    apply_fields(agreement, data)
    agreement.save()
    return agreement


@service
def agreement_delete(*, user: User, agreement: Agreement) -> None:
    agreement.delete()


@service
def contact_person_create(
    *, user: User, employer: Employer, data: dict[str, Any]
) -> EmployerContact:
    return EmployerContact.objects.create(employer=employer, **data)


@service
def contact_person_update(
    *, user: User, contact: EmployerContact, data: dict[str, Any], expected_version: int
) -> EmployerContact:
    """Save the edit, or raise EditConflict if someone saved since ``expected_version``."""
    claim_version(contact, expected_version)
    apply_fields(contact, data)
    contact.save()
    return contact


@service
def contact_person_delete(*, user: User, contact: EmployerContact) -> None:
    """Delete a contact person, unless another part of the record still needs them (e.g. the
    mentor of a placement under way: deleting them would silently take an answer to the 6H
    questions off that placement). WorkflowError says why."""
    for in_use in contact_person_in_use:
        reason = in_use(contact)
        if reason:
            raise WorkflowError({"contact": reason})
    contact.delete()


@service
def job_analysis_create(*, user: User, employer: Employer, data: dict[str, Any]) -> JobAnalysis:
    """A job analysis of the employer's workplace; with a visit date, the visit is the
    user's."""
    analysis = JobAnalysis(employer=employer, created_by=user, **data)
    if analysis.visited_on:
        analysis.visited_by = user
    analysis.save()
    return analysis


@service
def job_analysis_update(
    *, user: User, analysis: JobAnalysis, data: dict[str, Any], expected_version: int
) -> JobAnalysis:
    """Save the edit, or raise EditConflict if someone saved since ``expected_version``; a
    visit date set now or changed is the user's visit."""
    claim_version(analysis, expected_version)
    visited_before = analysis.visited_on
    apply_fields(analysis, data)
    if analysis.visited_on != visited_before:
        analysis.visited_by = user if analysis.visited_on else None
    analysis.save()
    return analysis


@service
def job_analysis_record_visit(*, user: User, analysis: JobAnalysis, on: dt.date) -> JobAnalysis:
    """The workplace was visited on ``on`` (recorded on the spot, e.g. while planning a
    placement there): the workplace now counts as ready. A later visit replaces an earlier."""
    if on > today():
        raise WorkflowError({"visited_on": str(FUTURE_VISIT)})
    if analysis.visited_on and analysis.visited_on >= on:
        return analysis
    analysis.visited_on = on
    analysis.visited_by = user
    analysis.version += 1
    analysis.save(update_fields=["visited_on", "visited_by", "version", "updated_at"])
    return analysis
