"""What the placements prove of the checklist: a placement found early, the agreement a started
placement stands on (its six answers), a mentor, an intention agreement, the start-up and the
early evaluation meetings, a training plan in use, and a hire or an evaluated end (registered
in ``participants.pages.checklist_evidence``; three queries at most, for all of them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from placetrain.employment.models import Employment
from placetrain.participants.models import Evidence, Participant
from placetrain.participants.pages import EvidenceSource, Proof, checklist_evidence

from .models import Meeting, Placement, TrainingTask

EARLY_DAYS = 14  # "matched to a placement within 2 weeks of intake" (Tromsøpakken)
EVALUATION_WITHIN_DAYS = 31  # "the first evaluation meeting within a month"
LOOKED_AT = 100  # a participant's placements and meetings read, the oldest first

PLACEMENT_CODES = {
    Evidence.EARLY_PLACEMENT,
    Evidence.AGREEMENT,
    Evidence.MENTOR,
    Evidence.INTENTION_AGREEMENT,
    Evidence.TRAINING_PLAN,
    Evidence.HIRE_OR_EVALUATED_END,
}
MEETING_CODES = {Evidence.STARTUP_MEETING, Evidence.EARLY_EVALUATION}


def _day(value: dt.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _url(placement: Placement) -> str:
    return reverse("placements:placement-detail", kwargs={"pk": placement.pk})


def _placement_tests(
    participant: Participant,
) -> dict[str, tuple[Callable[[Placement], bool], Callable[[Placement], str]]]:
    """For each code: what a placement must show, and how its proof reads."""
    since = participant.referral_date or participant.created_at.date()

    def names(template: str) -> Callable[[Placement], str]:
        return lambda p: template % {"employer": p.employer.name}

    return {
        Evidence.EARLY_PLACEMENT: (
            lambda p: p.created_at.date() <= since + dt.timedelta(days=EARLY_DAYS),
            lambda p: (
                _("Placement at %(employer)s, planned %(day)s")
                % {"employer": p.employer.name, "day": _day(p.created_at.date())}
            ),
        ),
        Evidence.AGREEMENT: (
            lambda p: p.started_on is not None,
            lambda p: (
                _("Placement at %(employer)s, started %(day)s with the six answers")
                % {"employer": p.employer.name, "day": _day(p.started_on)}
            ),
        ),
        Evidence.MENTOR: (
            lambda p: bool(p.mentor_id or p.mentor_name.strip()),
            names(_("Mentor named for the placement at %(employer)s")),
        ),
        Evidence.INTENTION_AGREEMENT: (
            lambda p: p.intention_agreement,
            names(_("Intention agreement on the placement at %(employer)s")),
        ),
        Evidence.TRAINING_PLAN: (
            lambda p: p.started_on is not None and p.has_tasks,
            names(_("Training plan for the placement at %(employer)s")),
        ),
        Evidence.HIRE_OR_EVALUATED_END: (
            lambda p: p.ended_on is not None and bool(p.evaluation.strip()),
            names(_("Placement at %(employer)s ended, with its evaluation")),
        ),
    }


def _from_placements(participant: Participant, wanted: set[str]) -> dict[str, Proof]:
    placements = list(
        participant.placements.select_related("employer")
        .annotate(has_tasks=Exists(TrainingTask.objects.filter(placement=OuterRef("pk"))))
        .order_by("created_at", "pk")[:LOOKED_AT]
    )
    found = {}
    for code, (shows, reads) in _placement_tests(participant).items():
        if code in wanted:
            first = next((p for p in placements if shows(p)), None)
            if first is not None:
                found[code] = Proof(reads(first), _url(first))
    return found


def _hire(participant: Participant) -> Proof | None:
    job = (
        Employment.objects.filter(participant=participant)
        .select_related("employer")
        .order_by("started_on", "pk")
        .first()
    )
    if job is None:
        return None
    return Proof(
        _("Hired at %(employer)s from %(day)s")
        % {"employer": job.employer.name, "day": _day(job.started_on)},
        reverse("employment:employment-detail", kwargs={"pk": job.pk}),
    )


def _meeting_proof(meeting: Meeting, template: str) -> Proof:
    assert meeting.held_on is not None
    return Proof(
        template % {"employer": meeting.placement.employer.name, "day": _day(meeting.held_on)},
        reverse("placements:meeting-detail", kwargs={"pk": meeting.pk}),
    )


def _from_meetings(participant: Participant, wanted: set[str]) -> dict[str, Proof]:
    held = list(
        Meeting.objects.filter(
            placement__participant=participant,
            held_on__isnull=False,
            kind__in=[Meeting.Kind.STARTUP, Meeting.Kind.EVALUATION],
        )
        .select_related("placement__employer")
        .order_by("held_on", "pk")[:LOOKED_AT]
    )
    found = {}
    startup = next((m for m in held if m.kind == Meeting.Kind.STARTUP), None)
    if Evidence.STARTUP_MEETING in wanted and startup:
        found[Evidence.STARTUP_MEETING] = _meeting_proof(
            startup, _("Start-up meeting at %(employer)s, %(day)s")
        )
    early = next((m for m in held if _within_a_month_of_start(m)), None)
    if Evidence.EARLY_EVALUATION in wanted and early:
        found[Evidence.EARLY_EVALUATION] = _meeting_proof(
            early, _("Evaluation meeting at %(employer)s, %(day)s")
        )
    return found


def _within_a_month_of_start(meeting: Meeting) -> bool:
    start = meeting.placement.started_on
    return (
        meeting.kind == Meeting.Kind.EVALUATION
        and start is not None
        and meeting.held_on is not None
        and meeting.held_on <= start + dt.timedelta(days=EVALUATION_WITHIN_DAYS)
    )


def prove(participant: Participant, wanted: set[str]) -> dict[str, Proof]:
    found = {}
    if Evidence.HIRE_OR_EVALUATED_END in wanted and (hire := _hire(participant)):
        found[Evidence.HIRE_OR_EVALUATED_END] = hire
    if (wanted & PLACEMENT_CODES) - found.keys():
        found = {**_from_placements(participant, wanted - found.keys()), **found}
    if wanted & MEETING_CODES:
        found.update(_from_meetings(participant, wanted))
    return found


checklist_evidence.register(
    "placements", EvidenceSource(frozenset(PLACEMENT_CODES | MEETING_CODES), prove), order=20
)
