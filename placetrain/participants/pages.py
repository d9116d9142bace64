"""The places on the participant's pages that higher apps fill in (see lib/registry.py).

* ``participant_panels``: the cards in the main column of the participant page. Each panel's
  context function takes ``page`` (a ``ParticipantPage``) and returns its template's context,
  or None when the user is not to see it.
* ``timeline_sources``: functions ``(participant) -> list[TimelineItem]`` for the timeline.
* ``record_sections``: functions ``(participant) -> dict`` adding their records to the export
  for an access request (GDPR art. 15).
* ``reassignment_handlers``: services ``(*, user, participant, previous)`` called in the
  service's transaction when a participant gets another responsible specialist (``previous``),
  e.g. to hand over open next steps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from placetrain.accounts.models import User
from placetrain.lib.registry import Panel, Registry, TimelineItem

from .models import Participant


@dataclass(frozen=True)
class ParticipantPage:
    """What a panel knows about the page it is on: who looks, at whom, and what they may do."""

    user: User
    participant: Participant
    can_case: bool  # the full case, not only what a language teacher sees
    can_change: bool


participant_panels: Registry[Panel] = Registry("participant page panels")
timeline_sources: Registry[Callable[[Participant], list[TimelineItem]]] = Registry(
    "participant timeline"
)
record_sections: Registry[Callable[[Participant], dict[str, Any]]] = Registry(
    "participant record export"
)
reassignment_handlers: Registry[Callable[..., None]] = Registry("participant reassigned")
