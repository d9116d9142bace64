"""Writes for the contact log and next steps."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from .models import Contact, NextStep


@transaction.atomic
def contact_log(
    *,
    user,
    data: dict[str, Any],
    participant=None,
    employer=None,
    next_step: tuple[str, dt.date] | None = None,
) -> Contact:
    """Log one contact (and, if given, the next step agreed in it, owned by the user)."""
    if participant is None and employer is None:
        raise ValueError("a contact needs a participant or an employer")
    data = dict(data)
    if employer is None:
        employer = data.pop("employer", None)
    else:
        data.pop("employer", None)
    contact_employer_person = data.get("employer_contact")
    if contact_employer_person is not None and employer is None:
        employer = contact_employer_person.employer
    contact = Contact.objects.create(
        organisation_id=user.organisation_id,
        participant=participant,
        employer=employer,
        author=user,
        **data,
    )
    if next_step:
        text, due = next_step
        NextStep.objects.create(
            organisation_id=user.organisation_id,
            participant=participant,
            employer=employer if participant is None else None,
            contact=contact,
            owner=user,
            description=text,
            due_on=due,
        )
    return contact


@transaction.atomic
def next_step_complete(*, user, step: NextStep) -> NextStep:
    step.done_at = timezone.now()
    step.save(update_fields=["done_at"])
    return step
