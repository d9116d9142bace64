"""Writes to the employer register."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from placetrain.lib.concurrency import EditConflict, apply_fields, claim_version
from placetrain.lib.forms import fields_changed_since
from placetrain.placements.models import Placement

from .models import Employer, EmployerContact


@transaction.atomic
def employer_create(*, user, data: dict[str, Any]) -> Employer:
    return Employer.objects.create(organisation_id=user.organisation_id, **data)


@transaction.atomic
def employer_update(
    *, user, employer: Employer, data: dict[str, Any], expected_version: int
) -> Employer:
    """Save the edit, or raise EditConflict if someone saved since ``expected_version``."""
    try:
        claim_version(employer, expected_version)
    except EditConflict as exc:
        exc.changed_fields = fields_changed_since(exc.current, expected_version)
        raise
    apply_fields(employer, data)
    employer.save()
    return employer


@transaction.atomic
def employer_contact_save(
    *, user, employer: Employer, data: dict[str, Any], contact: EmployerContact | None = None
) -> EmployerContact:
    if contact is None:
        return EmployerContact.objects.create(employer=employer, **data)
    apply_fields(contact, data)
    contact.save()
    return contact


class ContactInUse(Exception):
    """The contact person is the mentor of a placement under way: deleting them would silently
    take an answer to the 6H questions ("How? the mentor") off that placement."""


@transaction.atomic
def employer_contact_delete(*, user, contact: EmployerContact) -> None:
    """Delete a contact person, unless they mentor a started placement (ContactInUse)."""
    if contact.mentored_placements.filter(state=Placement.State.STARTED).exists():
        raise ContactInUse
    contact.delete()
