"""What this app shows on other apps' pages: the participant's placements and individual plan,
placements, extensions and meetings on the timeline, its part of the export, the track record
on the employer's and the chain's pages, and the rule that a placement's mentor stays in the
employer's register while the placement runs."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from placetrain.employers.models import EmployerContact
from placetrain.employers.pages import (
    ChainPage,
    EmployerPage,
    chain_panels,
    contact_person_in_use,
    employer_panels,
)
from placetrain.lib.audit import Section
from placetrain.lib.dates import today
from placetrain.lib.registry import Panel, TimelineItem, day_start
from placetrain.participants.export import record_values
from placetrain.participants.models import Participant
from placetrain.participants.pages import (
    PageSection,
    ParticipantPage,
    participant_panels,
    participant_sections,
    record_sections,
    timeline_sources,
)

from .models import Meeting, Placement, PlacementExtension, TrainingTask
from .selectors import participant_placements
from .track_record import track_record_combined, track_records

TIMELINE_LIMIT = 100
SECTION = "placements"  # the participant page's part for placements and the individual plan


def _placements_panel(*, page: ParticipantPage) -> dict[str, Any] | None:
    if not page.can_case:
        return None
    return {"placements": participant_placements(page.participant)}


def _individual_plan_panel(*, page: ParticipantPage) -> dict[str, Any] | None:
    return {} if page.can_case else None


def _track_record_panel(*, page: EmployerPage) -> dict[str, Any]:
    """Counts only, over every participant placed there: the viewer's scope limits names, and
    the panel names no one."""
    employer = page.employer
    records = track_records([employer.pk], organisation_id=employer.organisation_id, today=today())
    return {
        "record": records[employer.pk],
        "record_id": "historikk",
        "record_title": _("Track record"),
    }


def _chain_track_record_panel(*, page: ChainPage) -> dict[str, Any]:
    """The chain's workplaces among the organisation's employers, as one track record."""
    record = track_record_combined(
        page.employers, organisation_id=page.employer.organisation_id, today=today()
    )
    return {
        "record": record,
        "record_id": "kjedehistorikk",
        "record_title": _("The chain's track record"),
    }


def placement_entries(participant: Participant) -> list[TimelineItem]:
    """Placements planned, started and ended, their extensions, and meetings."""
    template = "placements/timeline/_placement.html"
    items: list[TimelineItem] = []
    for p in Placement.objects.filter(participant=participant).select_related("employer")[
        :TIMELINE_LIMIT
    ]:
        if p.started_on:
            items.append(TimelineItem("placement_started", day_start(p.started_on), p, template))
        else:
            items.append(TimelineItem("placement_planned", day_start(p.planned_start), p, template))
        if p.ended_on:
            items.append(TimelineItem("placement_ended", day_start(p.ended_on), p, template))
    items += [
        TimelineItem("extension", e.created_at, e, "placements/timeline/_extension.html")
        for e in PlacementExtension.objects.filter(
            placement__participant=participant
        ).select_related("placement__employer", "extended_by")[:TIMELINE_LIMIT]
    ]
    items += [
        TimelineItem(
            "meeting",
            day_start(m.held_on) if m.held_on else m.planned_at,
            m,
            "placements/timeline/_meeting.html",
        )
        for m in Meeting.objects.filter(placement__participant=participant).select_related(
            "placement__employer"
        )[:TIMELINE_LIMIT]
    ]
    return items


def placement_section(participant: Participant) -> dict[str, Any]:
    return {
        "placements": record_values(
            Placement.objects.filter(participant=participant), "created_by", "mentor"
        ),
        "placement_extensions": record_values(
            PlacementExtension.objects.filter(placement__participant=participant), "extended_by"
        ),
        "training_tasks": record_values(
            TrainingTask.objects.filter(placement__participant=participant)
        ),
        "meetings": record_values(
            Meeting.objects.filter(placement__participant=participant), "created_by"
        ),
    }


def mentors_a_running_placement(contact: EmployerContact) -> str | None:
    """Deleting the mentor of a placement under way would silently take an answer to the 6H
    question "How?" off it."""
    if contact.mentored_placements.filter(state=Placement.State.STARTED).exists():
        return _(
            "This person is the mentor of a placement under way. Choose another mentor for "
            "that placement first."
        )
    return None


participant_sections.register(
    SECTION,
    PageSection(pgettext_lazy("participant page section", "Placements"), Section.PLACEMENT),
    order=30,
)
participant_panels.register(
    "placements",
    Panel("placements/plan/_participant_placements.html", _placements_panel, place=SECTION),
    order=30,
)
participant_panels.register(
    "individual-plan",
    Panel(
        "placements/documents/_participant_individual_plan.html",
        _individual_plan_panel,
        place=SECTION,
    ),
    order=45,
)
timeline_sources.register("placements", placement_entries, order=30)
record_sections.register("placements", placement_section, order=30)
contact_person_in_use.register("mentor", mentors_a_running_placement)
employer_panels.register(
    "track-record",
    Panel("placements/track_record/_record.html", _track_record_panel),
    order=20,
)
chain_panels.register(
    "track-record", Panel("placements/track_record/_record.html", _chain_track_record_panel)
)
