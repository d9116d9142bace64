"""The places on the participant's pages that higher apps fill in (see lib/registry.py).

* ``participant_sections``: the parts of the participant page, each with its own address
  (``?section=<key>``, loaded in place with HTMX) and the access-log section its reads are
  written under. A higher app adds the part for its records.
* ``participant_panels``: the cards of the participant page. Each panel's ``place`` is the key
  of the section it is shown in (empty: the overview); its context function takes ``page`` (a
  ``ParticipantPage``) and returns its template's context, or None when the user is not to see
  it.
* ``participant_alerts``: ``AttentionRule`` entries naming what needs attention now (overdue
  next steps, overdue follow-up check-ins), shown in the page's header: each measures the
  participant with an expression, all of them in one query. The place where the quality
  alerts will go.
* ``timeline_sources``: functions ``(participant) -> list[TimelineItem]`` for the timeline.
* ``record_sections``: functions ``(participant) -> dict`` adding their records to the export
  for an access request (GDPR art. 15).
* ``checklist_evidence``: ``EvidenceSource`` entries, one per app that owns records proving
  checklist items (``Evidence`` codes): which codes, and what proves them for a participant.
* ``reassignment_handlers``: services ``(*, user, participant, previous)`` called in the
  service's transaction when a participant gets another responsible specialist (``previous``),
  e.g. to hand over open next steps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from placetrain.accounts.models import User
from placetrain.lib.audit import Section
from placetrain.lib.registry import Panel, Registry, TimelineItem

from .models import Participant


@dataclass(frozen=True)
class ParticipantPage:
    """What a panel knows about the page it is on: who looks, at whom, and what they may do."""

    user: User
    participant: Participant
    can_case: bool  # the full case, not only what a language teacher sees
    can_change: bool


# The field the loaded timeline carries (participants/_timeline.html), so that a form on the
# page which includes #tidslinje (the contact form) knows it is shown and can refresh it.
TIMELINE_SHOWN = "timeline_shown"

# The part shown when the address names none, and the one with the person's own details.
OVERVIEW = "overview"
DETAILS = "details"


@dataclass(frozen=True)
class PageSection:
    """A part of the participant page: its label in the page's menu, the access-log section a
    read of it is written under, and whether it is the case's (not shown to a language teacher,
    who sees only the language plans and the person's details)."""

    label: str | Promise
    audit: Section
    case_only: bool = True


@dataclass(frozen=True)
class Attention:
    """Something about the participant that needs doing now, with where it is dealt with."""

    text: str
    url: str


participant_sections: Registry[PageSection] = Registry("participant page sections")
participant_panels: Registry[Panel] = Registry("participant page panels")


@dataclass(frozen=True)
class AttentionRule:
    """Something to notice about a participant: ``measure`` gives an expression over the
    participant's row (a subquery on ``OuterRef("pk")``, e.g. ``lib.queries.counted``), and
    ``describe`` turns its value into what the header shows (nothing when all is well). The
    page measures every rule in one query."""

    measure: Callable[[], Any]
    describe: Callable[[ParticipantPage, Any], list[Attention]]


participant_alerts: Registry[AttentionRule] = Registry("participant needs attention")
timeline_sources: Registry[Callable[[Participant], list[TimelineItem]]] = Registry(
    "participant timeline"
)
record_sections: Registry[Callable[[Participant], dict[str, Any]]] = Registry(
    "participant record export"
)
reassignment_handlers: Registry[Callable[..., None]] = Registry("participant reassigned")


@dataclass(frozen=True)
class Proof:
    """What in the record ticks a checklist item: a few words and the page it is on."""

    label: str
    url: str = ""


@dataclass(frozen=True)
class EvidenceSource:
    """An app's records as proof: the ``Evidence`` codes it can prove, and the function that
    says which of the wanted ones the record proves for a participant (a query or two for all
    of them together)."""

    codes: frozenset[str]
    prove: Callable[[Participant, set[str]], dict[str, Proof]]


checklist_evidence: Registry[EvidenceSource] = Registry("checklist evidence")


def proofs(participant: Participant, codes: Iterable[str]) -> dict[str, Proof]:
    """What the record proves of these evidence codes for the participant: each source is
    asked only for its own codes, and only if any is wanted."""
    wanted = set(codes) - {""}
    found: dict[str, Proof] = {}
    for source in checklist_evidence:
        mine = wanted & source.codes
        if mine:
            found.update(source.prove(participant, mine))
    return found
