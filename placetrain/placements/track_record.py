"""An employer's track record: what placements there have led to, and the free-labour warning
(gratisarbeid, DOMAIN §1 "place and pray") where unpaid placements end without anyone hired.

Figures are counts over every participant of the organisation placed there, also those the
viewer may not see: they say how the workplace treats placements and name no one. Every figure
for any number of employers costs the same four queries (placements and their extensions by
employer and type, the lengths of ended placements, the hires with their check-ins, and the
organisation's thresholds), so a ranking can read the track record of many employers at once.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Collection, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import Count, Max, Min, Q, QuerySet

from placetrain.accounts.settings import values_for
from placetrain.employment.models import Employment
from placetrain.lib.dates import add_months

from .models import HIRE_OUTCOMES, UNPAID_TYPES, Placement, PlacementType
from .tunables import FREE_LABOUR_MONTHS, FREE_LABOUR_UNPAID_ENDINGS

K = TypeVar("K", bound=Hashable)

# A check-in "after 6 months" done a little before the day still tells that the person was
# employed at six months: the specialist visits when it suits the workplace.
CHECKIN_GRACE = dt.timedelta(days=14)
MILESTONES = (6, 12)


@dataclass(frozen=True)
class Retention:
    """Hires at least ``months`` old: still employed then, known not to be, or not known (no
    end recorded and no check-in from that time). Unknown is never counted as employed."""

    months: int
    employed: int = 0
    not_employed: int = 0
    unknown: int = 0

    @property
    def hires(self) -> int:
        return self.employed + self.not_employed + self.unknown


@dataclass(frozen=True)
class FreeLabour:
    """The figures behind the free-labour warning: in the last ``months`` months,
    ``unpaid_endings`` unpaid placements ended without a hire and ``hires`` people were hired;
    the warning holds from ``threshold`` endings with no hire."""

    months: int
    threshold: int
    since: dt.date
    unpaid_endings: int = 0
    hires: int = 0

    @property
    def warned(self) -> bool:
        return self.unpaid_endings >= self.threshold and self.hires == 0


@dataclass(frozen=True)
class TrackRecord:
    """What placements at an employer (or a chain's employers together) have led to."""

    by_type: dict[str, int]  # placements started there, by PlacementType value
    planned: int  # planned, not started yet
    open: int  # under way
    ended: int
    hired_from_placements: int  # ended placements whose outcome was a hire
    hires: int  # every job there, from a placement or not
    extensions: int
    median_days: float | None  # of ended placements, first to last day
    six_months: Retention
    twelve_months: Retention
    free_labour_basis: FreeLabour

    @property
    def placements(self) -> int:
        return sum(self.by_type.values())

    @property
    def hire_rate(self) -> float | None:
        """The share of ended placements that ended in a hire; None before any ended."""
        return self.hired_from_placements / self.ended if self.ended else None

    @property
    def hire_percent(self) -> int | None:
        rate = self.hire_rate
        return None if rate is None else round(rate * 100)

    @property
    def retentions(self) -> tuple[Retention, Retention]:
        return self.six_months, self.twelve_months

    @property
    def free_labour(self) -> bool:
        return self.free_labour_basis.warned

    @property
    def types(self) -> list[tuple[str, int]]:
        """``by_type`` as (label, count), in the order of the choices, the types used only."""
        return [(str(label), self.by_type[v]) for v, label in PlacementType.choices if v in self]

    def __contains__(self, kind: object) -> bool:
        return bool(self.by_type.get(str(kind)))

    @property
    def is_empty(self) -> bool:
        return not (self.placements or self.planned or self.hires)


@dataclass
class _Tally:
    """One record being added up from the queries' rows."""

    by_type: dict[str, int] = field(default_factory=dict)
    planned: int = 0
    open: int = 0
    ended: int = 0
    hired: int = 0
    unpaid_endings: int = 0
    extensions: int = 0
    days: list[int] = field(default_factory=list)
    hires: int = 0
    recent_hires: int = 0
    retention: dict[int, list[int]] = field(
        default_factory=lambda: {m: [0, 0, 0] for m in MILESTONES}
    )

    def record(self, basis: FreeLabour) -> TrackRecord:
        six, twelve = (Retention(m, *self.retention[m]) for m in MILESTONES)
        return TrackRecord(
            by_type=dict(self.by_type),
            planned=self.planned,
            open=self.open,
            ended=self.ended,
            hired_from_placements=self.hired,
            hires=self.hires,
            extensions=self.extensions,
            median_days=statistics.median(self.days) if self.days else None,
            six_months=six,
            twelve_months=twelve,
            free_labour_basis=FreeLabour(
                basis.months,
                basis.threshold,
                basis.since,
                unpaid_endings=self.unpaid_endings,
                hires=self.recent_hires,
            ),
        )


def track_records(
    employer_ids: Collection[int], *, organisation_id: int, today: dt.date, lengths: bool = True
) -> dict[int, TrackRecord]:
    """The track record of each of ``employer_ids`` (of organisation ``organisation_id``; the
    ids of other organisations' employers get an empty record), keyed by employer id, with the
    organisation's free-labour thresholds. Four queries, however many employers; three without
    the placements' ``lengths`` (no median: for ranking, which does not weigh it)."""
    ids = list(employer_ids)
    if not ids:
        return {}
    wanted = set(ids)
    return _records(
        Q(employer_id__in=ids),
        organisation_id=organisation_id,
        today=today,
        keys=ids,
        key_of=lambda employer_id: employer_id if employer_id in wanted else None,
        lengths=lengths,
    )


def track_record_combined(
    employers: Collection[int] | QuerySet[Any], *, organisation_id: int, today: dt.date
) -> TrackRecord:
    """One track record for several employers together (a chain's workplaces), with the
    free-labour warning judged on their sums. ``employers`` may be ids or a query of
    employers, read as a subquery. Four queries."""
    if isinstance(employers, QuerySet):
        employers = employers.values("pk")
    return _records(
        Q(employer_id__in=employers),
        organisation_id=organisation_id,
        today=today,
        keys=[0],
        key_of=lambda _employer_id: 0,
    )[0]


def _records(
    of_employers: Q,
    *,
    organisation_id: int,
    today: dt.date,
    keys: list[K],
    key_of: Callable[[int], K | None],
    lengths: bool = True,
) -> dict[K, TrackRecord]:
    settings = values_for(organisation_id, FREE_LABOUR_UNPAID_ENDINGS, FREE_LABOUR_MONTHS)
    months = settings[FREE_LABOUR_MONTHS.key]
    since = add_months(today, -months)
    basis = FreeLabour(months, settings[FREE_LABOUR_UNPAID_ENDINGS.key], since)
    # Only this organisation's employers, whatever ids were asked for.
    scoped = of_employers & Q(employer__organisation_id=organisation_id)
    tallies = {key: _Tally() for key in keys}

    def tally(employer_id: int) -> _Tally | None:
        key = key_of(employer_id)
        return None if key is None else tallies.get(key)

    _add_placements(tally, scoped, since=since, today=today, lengths=lengths)
    _add_hires(tally, scoped, since=since, today=today)
    return {key: t.record(basis) for key, t in tallies.items()}


def _add_placements(
    tally: Callable[[int], _Tally | None],
    scoped: Q,
    *,
    since: dt.date,
    today: dt.date,
    lengths: bool = True,
) -> None:
    state = Placement.State
    ended = Q(state=state.ENDED)
    hired = ended & Q(outcome__in=HIRE_OUTCOMES)
    unpaid_ending = (
        ended
        & Q(kind__in=UNPAID_TYPES, ended_on__gte=since, ended_on__lte=today)
        & ~Q(outcome__in=HIRE_OUTCOMES)
    )
    placements = Placement.objects.filter(scoped).order_by()
    # Distinct: the join to the extensions repeats a placement once per extension.
    rows = placements.values("employer_id", "kind").annotate(
        started=Count("pk", filter=~Q(state=state.PLANNED), distinct=True),
        planned=Count("pk", filter=Q(state=state.PLANNED), distinct=True),
        open=Count("pk", filter=Q(state=state.STARTED), distinct=True),
        ended=Count("pk", filter=ended, distinct=True),
        hired=Count("pk", filter=hired, distinct=True),
        unpaid_endings=Count("pk", filter=unpaid_ending, distinct=True),
        extension_count=Count("extensions", distinct=True),
    )
    for row in rows:
        if (t := tally(row["employer_id"])) is None:
            continue
        if row["started"]:
            t.by_type[row["kind"]] = t.by_type.get(row["kind"], 0) + row["started"]
        t.planned += row["planned"]
        t.open += row["open"]
        t.ended += row["ended"]
        t.hired += row["hired"]
        t.unpaid_endings += row["unpaid_endings"]
        t.extensions += row["extension_count"]
    if not lengths:
        return
    durations = placements.filter(
        ended, started_on__isnull=False, ended_on__isnull=False
    ).values_list("employer_id", "started_on", "ended_on")
    for employer_id, started_on, ended_on in durations:
        if (t := tally(employer_id)) is not None and started_on and ended_on:
            t.days.append((ended_on - started_on).days + 1)


def _add_hires(
    tally: Callable[[int], _Tally | None], scoped: Q, *, since: dt.date, today: dt.date
) -> None:
    """Every job at the employer, one row each with the last check-in that found the person
    still employed and the first that found them not."""
    jobs = (
        Employment.objects.filter(scoped)
        .order_by()
        .values("pk", "employer_id", "started_on", "ended_on")
        .annotate(
            last_yes=Max("checkins__done_on", filter=Q(checkins__still_employed=True)),
            first_no=Min("checkins__done_on", filter=Q(checkins__still_employed=False)),
        )
    )
    for job in jobs:
        if (t := tally(job["employer_id"])) is None:
            continue
        t.hires += 1
        if job["started_on"] >= since:
            t.recent_hires += 1
        for months in MILESTONES:
            day = add_months(job["started_on"], months)
            if day <= today:  # a hire of last month is not yet a hire "at six months"
                answer = employed_on(job, day)
                t.retention[months][{True: 0, False: 1, None: 2}[answer]] += 1


def employed_on(job: dict[str, Any], day: dt.date) -> bool | None:
    """Was the person of ``job`` (``ended_on``, ``last_yes``, ``first_no``: the last check-in
    that found them employed, the first that found them not) still employed on ``day``? None
    when nothing recorded tells."""
    ended_on, last_yes, first_no = job["ended_on"], job["last_yes"], job["first_no"]
    if (ended_on and ended_on < day) or (first_no and first_no <= day):
        return False
    if (ended_on and ended_on >= day) or (last_yes and last_yes >= day - CHECKIN_GRACE):
        return True
    return None
