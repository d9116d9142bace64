"""The places on the employer's page that higher apps fill in (see lib/registry.py).

* ``employer_panels``: cards in the main column above the timeline; context functions take
  ``page`` (an ``EmployerPage``) and return their template's context or None.
* ``chain_panels``: cards on the chain's page (``employers:employer-chain``) above its list;
  context functions take ``page`` (a ``ChainPage``) and return their template's context or None.
* ``timeline_sources``: functions ``(employer, user) -> list[TimelineItem]``; the user decides
  which entries about participants may be shown.
* ``job_analysis_panels``: cards on a job analysis's page (suggested candidates, the shortlist);
  context functions take ``page`` (a ``JobAnalysisPage``).
* ``contact_person_in_use``: functions ``(contact) -> str | None``: a reason the contact person
  may not be deleted (e.g. they mentor a placement under way), or None.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet

from placetrain.accounts.models import User
from placetrain.lib.registry import Panel, Registry, TimelineItem

from .models import Employer, EmployerContact, JobAnalysis


@dataclass(frozen=True)
class EmployerPage:
    user: User
    employer: Employer
    can_change: bool


@dataclass(frozen=True)
class JobAnalysisPage:
    user: User
    analysis: JobAnalysis
    can_change: bool


@dataclass(frozen=True)
class ChainPage:
    """The chain's page: the employer it was opened from, and the organisation's employers in
    the chain (a query, none when the register knows no chain)."""

    user: User
    employer: Employer
    employers: QuerySet[Employer]


employer_panels: Registry[Panel] = Registry("employer page panels")
job_analysis_panels: Registry[Panel] = Registry("job analysis page panels")
chain_panels: Registry[Panel] = Registry("chain page panels")
timeline_sources: Registry[Callable[[Employer, User], list[TimelineItem]]] = Registry(
    "employer timeline"
)
contact_person_in_use: Registry[Callable[[EmployerContact], str | None]] = Registry(
    "contact person in use"
)
