"""Writes for the contact log and next steps."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from placetrain.accounts.models import User
from placetrain.employers.models import Employer
from placetrain.lib.concurrency import lock_current
from placetrain.lib.services import WorkflowError, service
from placetrain.participants.models import Participant

from .models import Contact, NextStep

NextStepAgreed = tuple[str, dt.date]


@dataclass(frozen=True)
class StepsTended:
    """What a contact does to the participant's open next steps: ticks some off, and lets the
    new next step take the place of an open one instead of piling up beside it."""

    done: Sequence[NextStep] = ()
    replaces: NextStep | None = None


def _log(
    *,
    user: User,
    participant: Participant | None,
    employer: Employer | None,
    data: dict[str, Any],
    next_step: NextStepAgreed | None,
    submission: uuid.UUID | None = None,
    steps: StepsTended = StepsTended(),
) -> Contact:
    """Store the contact once: a form sent again with the same ``submission`` token (a double
    tap, two requests at once, a reload) gets the contact stored the first time."""
    if submission is not None:
        earlier = Contact.objects.filter(author=user, submission=submission).first()
        if earlier is not None:
            return earlier
    try:
        with transaction.atomic():  # a savepoint: a twin request that won leaves us a clean state
            contact = Contact.objects.create(
                organisation_id=user.org_id,
                participant=participant,
                employer=employer,
                author=user,
                submission=submission,
                **data,
            )
    except IntegrityError:
        if submission is None:
            raise
        return Contact.objects.get(author=user, submission=submission)
    _refresh_last_contact(contact.employer_id)
    for step in steps.done:
        next_step_complete(user=user, step=step)
    if next_step:
        text, due = next_step
        replaced = steps.replaces if steps.replaces not in steps.done else None
        if replaced is not None and _reschedule(replaced, contact, user, text=text, due=due):
            return contact
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


def _refresh_last_contact(employer_id: int | None) -> None:
    """Keep the employer's ``last_contact_on`` the local date of its latest contact (one UPDATE
    with a subquery on the contact's (employer, occurred_at) index), after any contact with it
    is stored or removed.

    Every contact with the employer counts, also one about a participant outside the viewer's
    scope: the date says only that the team was in touch with the workplace, never about whom,
    and is the team's shared knowledge of its network (the list's contact count and the
    timeline still show only what the viewer may open)."""
    if employer_id is None:
        return
    latest = (
        Contact.objects.filter(employer_id=OuterRef("pk"))
        .order_by("-occurred_at")
        .values("occurred_at")[:1]
    )
    Employer.objects.filter(pk=employer_id).update(last_contact_on=TruncDate(Subquery(latest)))


def _reschedule(step: NextStep, contact: Contact, user: User, *, text: str, due: dt.date) -> bool:
    """The new next step in the place of ``step``, if it is still open (False if not)."""
    lock_current(step, "done_at")
    if step.done_at is not None:
        return False
    step.description, step.due_on, step.contact, step.owner = text, due, contact, user
    step.save(update_fields=["description", "due_on", "contact", "owner"])
    return True


@service
def contact_log(
    *,
    user: User,
    participant: Participant,
    data: dict[str, Any],
    next_step: NextStepAgreed | None = None,
    submission: uuid.UUID | None = None,
    steps: StepsTended = StepsTended(),
) -> Contact:
    """Log one contact with or about a participant (and, if given, the next step agreed in it,
    owned by the user). The employer, if any, comes from the data or the employer contact.
    ``steps`` ticks off the participant's open next steps done now and names the one the new
    next step replaces; ``submission`` makes a form sent twice one contact."""
    data = dict(data)
    employer = data.pop("employer", None)
    person = data.get("employer_contact")
    if person is not None and employer is None:
        employer = person.employer
    for step in (*steps.done, steps.replaces):
        if step is not None and step.participant_id != participant.pk:
            raise WorkflowError({"steps": _("A next step of another participant.")})
    return _log(
        user=user,
        participant=participant,
        employer=employer,
        data=data,
        next_step=next_step,
        submission=submission,
        steps=steps,
    )


@service
def employer_contact_log(
    *,
    user: User,
    employer: Employer,
    data: dict[str, Any],
    next_step: NextStepAgreed | None = None,
    submission: uuid.UUID | None = None,
) -> Contact:
    """Log one contact with an employer, not about a particular participant."""
    data = {k: v for k, v in data.items() if k != "employer"}
    return _log(
        user=user,
        participant=None,
        employer=employer,
        data=data,
        next_step=next_step,
        submission=submission,
    )


@service
def contact_delete(*, user: User, contact: Contact) -> None:
    """Remove a contact logged by mistake; the employer's last contact is recomputed from
    those left."""
    employer_id = contact.employer_id
    contact.delete()
    _refresh_last_contact(employer_id)


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
