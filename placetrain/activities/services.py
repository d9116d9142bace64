"""Writes for the contact log and next steps."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from placetrain.accounts.models import User
from placetrain.employers.models import Employer
from placetrain.lib.concurrency import lock_current
from placetrain.lib.services import service
from placetrain.participants.models import Participant

from .models import Contact, NextStep

NextStepAgreed = tuple[str, dt.date]


def _log(
    *,
    user: User,
    participant: Participant | None,
    employer: Employer | None,
    data: dict[str, Any],
    next_step: NextStepAgreed | None,
) -> Contact:
    contact = Contact.objects.create(
        organisation_id=user.org_id,
        participant=participant,
        employer=employer,
        author=user,
        **data,
    )
    if next_step:
        text, due = next_step
        NextStep.objects.create(
            organisation_id=user.org_id,
            participant=participant,
            employer=employer if participant is None else None,
            contact=contact,
            owner=user,
            description=text,
            due_on=due,
        )
    return contact


@service
def contact_log(
    *,
    user: User,
    participant: Participant,
    data: dict[str, Any],
    next_step: NextStepAgreed | None = None,
) -> Contact:
    """Log one contact with or about a participant (and, if given, the next step agreed in it,
    owned by the user). The employer, if any, comes from the data or the employer contact."""
    data = dict(data)
    employer = data.pop("employer", None)
    person = data.get("employer_contact")
    if person is not None and employer is None:
        employer = person.employer
    return _log(
        user=user, participant=participant, employer=employer, data=data, next_step=next_step
    )


@service
def employer_contact_log(
    *,
    user: User,
    employer: Employer,
    data: dict[str, Any],
    next_step: NextStepAgreed | None = None,
) -> Contact:
    """Log one contact with an employer, not about a particular participant."""
    data = {k: v for k, v in data.items() if k != "employer"}
    return _log(user=user, participant=None, employer=employer, data=data, next_step=next_step)


@service
def next_step_complete(*, user: User, step: NextStep) -> NextStep:
    """Tick off a next step; ticking it off twice keeps the first time."""
    lock_current(step, "done_at")
    if step.done_at is None:
        step.done_at = timezone.now()
        step.save(update_fields=["done_at"])
    return step


@service
def next_steps_hand_over(*, user: User, participant: Participant, previous: User) -> None:
    """A participant with another responsible specialist: the previous one's open next steps
    about them go to the new one (each change in the history, with who made it)."""
    steps = NextStep.objects.open().filter(participant=participant, owner=previous)
    for step in steps.select_for_update():
        step.owner_id = participant.specialist_id
        step.save(update_fields=["owner"])
