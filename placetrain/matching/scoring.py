"""The scoring of one participant against one job: plain rules, each giving a reason in plain
Norwegian with its sign and its points, and a score that is exactly the sum of the points shown.
No model, no hidden signal: the weights are the organisation's (``tunables.py``), the facts are
what the record says (``Person``, ``Job``, ``Record``), and every rule is written out here.

A *hard* mismatch (working hours the participant cannot work) is shown as such and costs enough
to sink the suggestion, but it is never hidden: the specialist may know something the record
does not."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext, gettext_noop

from placetrain.lib.weekdays import ALL_DAYS, day_names
from placetrain.lib.words import shared
from placetrain.lib.worktime import DAY_MINUTES, LEVEL_RANK, minutes
from placetrain.lib.worktime import job_hours as hours_of

from . import tunables as T

LEVELS = LEVEL_RANK
FULL_TIME_HOURS = 37.5
MOST_WORDS = 3  # shared words that count


@dataclass(frozen=True)
class Person:
    """What matching knows of a participant (from ``MatchProfile``)."""

    wish_units: frozenset[str] = frozenset()
    wish_minors: frozenset[str] = frozenset()
    wish_submajors: frozenset[str] = frozenset()
    words: tuple[str, ...] = ()
    workplaces: tuple[str, ...] = ()  # as compared (precompute.name_key)
    workplace_names: tuple[str, ...] = ()  # as the participant wrote them, in the same order
    available_days: int = 0
    available_from: dt.time | None = None
    available_until: dt.time | None = None
    hours_capacity: int | None = None
    needs_physical: bool = False
    needs_psychological: bool = False
    needs_language: bool = False
    norwegian_level: str = ""
    language_plan: bool = False
    place_key: str = ""
    postal_code: str = ""


@dataclass(frozen=True)
class Job:
    """What matching knows of a job: a job analysis, or an employer without one (``occupation``
    then holds the occupations of its earlier analyses, if any)."""

    occupations: tuple[tuple[str, str], ...] = ()  # (code, title)
    words: tuple[str, ...] = ()
    employer_key: str = ""
    norwegian_level: str = ""
    level_reachable_on_job: bool = False
    days: int = 0
    shift: str = ""
    starts_at: dt.time | None = None
    ends_at: dt.time | None = None
    hours_per_week: float | None = None
    adaptations: frozenset[str] = frozenset()
    pace: str = ""
    noise: str = ""
    customer_contact: str = ""
    physical_demands: bool = False
    place_key: str = ""
    place_name: str = ""
    postal_code: str = ""
    partner: bool = False
    visited: bool = True


@dataclass(frozen=True)
class Record:
    """The employer's track record, as far as matching weighs it."""

    ended: int = 0
    hired: int = 0
    free_labour: bool = False
    unpaid_endings: int = 0
    months: int = 12


class Msg:
    """A reason's text, translated when it is shown, not when it is scored: scoring runs for
    hundreds of candidates and shows twenty, and a translation costs more than the rule. Written
    as ``_("...") % {...}`` like gettext (and found by makemessages the same way)."""

    __slots__ = ("msgid", "params")

    def __init__(self, msgid: str, params: Mapping[str, object] | None = None) -> None:
        self.msgid, self.params = msgid, params

    def __mod__(self, params: Mapping[str, object]) -> Msg:
        return Msg(self.msgid, params)

    def __str__(self) -> str:
        text = gettext(self.msgid)
        if not self.params:
            return text
        return text % {k: str(v) if isinstance(v, Msg) else v for k, v in self.params.items()}


_ = Msg


@dataclass(frozen=True)
class Reason:
    code: str
    message: Msg | str
    points: int
    hard: bool = False

    @property
    def text(self) -> str:
        return str(self.message)

    @property
    def sign(self) -> str:
        return "+" if self.points > 0 else "−" if self.points < 0 else "±"


@dataclass
class Suggestion:
    """A ranked suggestion: what it is (a job analysis, an employer, a participant), the
    reasons, and marks that are facts rather than points (an unvisited workplace)."""

    target: object
    reasons: list[Reason] = field(default_factory=list)
    unvisited: bool = False

    @property
    def score(self) -> int:
        return sum(r.points for r in self.reasons)

    @property
    def hard(self) -> bool:
        return any(r.hard for r in self.reasons)

    def as_text(self) -> str:
        """The reasons as lines, for the 6H "why this employer" answer."""
        return "\n".join(f"{r.sign} {r.text} ({r.points:+d})" for r in self.reasons)

    def as_data(self) -> list[dict[str, object]]:
        return [{"text": r.text, "points": r.points, "hard": r.hard} for r in self.reasons]


def score(person: Person, job: Job, record: Record | None, weights: dict[str, int]) -> list[Reason]:
    """Every reason for (and against) ``person`` in ``job``, the participant's wishes first."""
    w = weights
    reasons: list[Reason] = []
    reasons += _wishes(person, job, w)
    reasons += _named_workplace(person, job, w)
    reasons += _words(person, job, w)
    reasons += _language(person, job, w)
    reasons += _schedule(person, job, w)
    reasons += _hours(person, job, w)
    reasons += _place(person, job, w)
    reasons += _support(person, job, w)
    reasons += _employer(job, record, w)
    return reasons


def _wishes(p: Person, j: Job, w: dict[str, int]) -> list[Reason]:
    if not j.occupations:
        return []
    if not p.wish_units:
        return [Reason("wish-none", _("No wished occupations recorded in the profile"), 0)]
    best: tuple[int, Reason] | None = None
    for code, title in j.occupations:
        found = None
        if code in p.wish_units:
            found = Reason(
                "wish-unit",
                _("A wished occupation: %(occupation)s") % {"occupation": f"{code} {title}"},
                w[T.WISH_UNIT.key],
            )
        elif code[:3] in p.wish_minors:
            found = Reason(
                "wish-minor",
                _("Close to a wished occupation (same minor group %(group)s): %(occupation)s")
                % {"group": code[:3], "occupation": f"{code} {title}"},
                w[T.WISH_MINOR.key],
            )
        elif code[:2] in p.wish_submajors:
            found = Reason(
                "wish-submajor",
                _("Related to a wished occupation (same sub-major group %(group)s): %(occupation)s")
                % {"group": code[:2], "occupation": f"{code} {title}"},
                w[T.WISH_SUBMAJOR.key],
            )
        if found and (best is None or found.points > best[0]):
            best = (found.points, found)
    if best:
        return [best[1]]
    code, title = j.occupations[0]
    return [
        Reason(
            "wish-outside",
            _("Not among the wished occupations: %(occupation)s")
            % {"occupation": f"{code} {title}"},
            -w[T.OUTSIDE_WISHES.key],
        )
    ]


def names_match(wished: str, employer_key: str) -> bool:
    """Whether a workplace the participant named is this employer ("Kiwi" names every Kiwi
    shop; "Kiwi Sentrum" the one)."""
    wished = wished.strip()
    return bool(wished) and (
        wished in employer_key or (len(employer_key) >= 3 and employer_key in wished)
    )


def _named_workplace(p: Person, j: Job, w: dict[str, int]) -> list[Reason]:
    for n, wished in enumerate(p.workplaces):
        if j.employer_key and names_match(wished, j.employer_key):
            shown = p.workplace_names[n] if n < len(p.workplace_names) else wished
            return [
                Reason(
                    "named-workplace",
                    _("The participant named this workplace themselves (“%(name)s”)")
                    % {"name": shown},
                    w[T.NAMED_WORKPLACE.key],
                )
            ]
    return []


def _words(p: Person, j: Job, w: dict[str, int]) -> list[Reason]:
    found = shared(p.words, j.words)[:MOST_WORDS]
    if not found:
        return []
    return [
        Reason(
            "words",
            _("The wishes and interests mention what the job holds: %(words)s")
            % {"words": ", ".join(found)},
            w[T.WORD.key] * len(found),
        )
    ]


def _language(p: Person, j: Job, w: dict[str, int]) -> list[Reason]:
    required = LEVELS.get(j.norwegian_level)
    if not required:
        return []
    level = LEVELS.get(p.norwegian_level)
    names = {"level": p.norwegian_level, "required": j.norwegian_level}
    if level is None:
        return [
            Reason(
                "language-unknown",
                _("The job asks for Norwegian at %(required)s; the level is not assessed") % names,
                0,
            )
        ]
    gap = required - level
    if gap <= 0:
        return [
            Reason(
                "language-meets",
                _("Norwegian at %(level)s meets the job's %(required)s") % names,
                w[T.LANGUAGE_MEETS.key],
            )
        ]
    if gap == 1 and p.language_plan:
        return [
            Reason(
                "language-planned",
                _(
                    "Norwegian at %(level)s, the job asks %(required)s: a language plan runs to "
                    "close the gap during the placement"
                )
                % names,
                -w[T.LANGUAGE_PLANNED.key],
            )
        ]
    if gap == 1 and j.level_reachable_on_job:
        return [
            Reason(
                "language-on-job",
                _(
                    "Norwegian at %(level)s, the job asks %(required)s: the workplace says it "
                    "can be reached on the job (no language plan yet)"
                )
                % names,
                -w[T.LANGUAGE_ON_JOB.key],
            )
        ]
    return [
        Reason(
            "language-gap",
            _(
                "Norwegian at %(level)s, the job asks %(required)s: a gap of %(gap)d levels with "
                "no plan to close it"
            )
            % {**names, "gap": gap}
            if gap > 1
            else _(
                "Norwegian at %(level)s, the job asks %(required)s, with no plan to close the gap"
            )
            % names,
            -w[T.LANGUAGE_GAP.key] * gap,
        )
    ]


def _hhmm(t: dt.time) -> str:
    return t.strftime("%H:%M")


def job_hours(j: Job) -> tuple[dt.time, dt.time] | None:
    return hours_of(j.starts_at, j.ends_at, j.shift)


def _overlap(start: int, end: int, window: tuple[int, int]) -> int:
    """Minutes of [start, end) inside the window, on the day and (for a shift past midnight) on
    the next."""
    total = 0
    for shift in (0, DAY_MINUTES):
        low, high = window[0] + shift, window[1] + shift
        total += max(0, min(end, high) - max(start, low))
    return total


def _schedule(p: Person, j: Job, w: dict[str, int]) -> list[Reason]:
    reasons: list[Reason] = []
    hours = job_hours(j)
    if hours and p.available_from and p.available_until:
        start, end = minutes(hours[0]), minutes(hours[1])
        if end <= start:
            end += DAY_MINUTES  # a night shift ends the next morning
        inside = _overlap(start, end, (minutes(p.available_from), minutes(p.available_until)))
        names = {
            "shift": (j.shift and _shift_name(j.shift)) or _("Working hours"),
            "hours": f"{_hhmm(hours[0])}–{_hhmm(hours[1])}",
            "window": f"{_hhmm(p.available_from)}–{_hhmm(p.available_until)}",
        }
        if inside >= end - start:
            reasons.append(
                Reason(
                    "schedule-fits",
                    _("%(shift)s %(hours)s is within the availability (%(window)s)") % names,
                    w[T.SCHEDULE_FITS.key],
                )
            )
        elif inside * 2 >= end - start:
            reasons.append(
                Reason(
                    "schedule-partly",
                    _("%(shift)s %(hours)s is only partly within the availability (%(window)s)")
                    % names,
                    -w[T.SCHEDULE_PARTLY.key],
                )
            )
        else:
            reasons.append(
                Reason(
                    "schedule-impossible",
                    _(
                        "Does not fit: %(shift)s %(hours)s, but the participant can work only "
                        "%(window)s"
                    )
                    % names,
                    -w[T.SCHEDULE_IMPOSSIBLE.key],
                    hard=True,
                )
            )
    if j.days and p.available_days:
        outside = j.days & ~p.available_days & ALL_DAYS
        if outside:
            reasons.append(
                Reason(
                    "days-outside",
                    _("Works %(days)s, when the participant is not available")
                    % {"days": day_names(outside).lower()},
                    -w[T.DAYS_OUTSIDE.key],
                )
            )
    return reasons


# Translated when a reason is written, only the one shift named (scoring runs for hundreds of
# candidates per suggestion list: a translation costs more than the rule around it).
SHIFT_NAMES = {
    "day": gettext_noop("Day shift"),
    "evening": gettext_noop("Evening shift"),
    "night": gettext_noop("Night shift"),
    "rotating": gettext_noop("Rotating shifts"),
}


def _shift_name(shift: str) -> Msg | str:
    name = SHIFT_NAMES.get(shift)
    return _(name) if name else ""


def _hours(p: Person, j: Job, w: dict[str, int]) -> list[Reason]:
    if j.hours_per_week is None or p.hours_capacity is None:
        return []
    capacity = FULL_TIME_HOURS * p.hours_capacity / 100
    names = {
        "hours": f"{j.hours_per_week:g}",
        "capacity": p.hours_capacity,
        "about": f"{capacity:.0f}",
    }
    if j.hours_per_week <= capacity * 1.1:
        return [
            Reason(
                "hours-fit",
                _(
                    "%(hours)s hours a week fit the capacity (%(capacity)d %%, about %(about)s "
                    "hours)"
                )
                % names,
                w[T.HOURS_FIT.key],
            )
        ]
    if "hours" in j.adaptations:
        return [
            Reason(
                "hours-adapted",
                _(
                    "%(hours)s hours a week is more than the capacity (%(capacity)d %%, about "
                    "%(about)s hours), but the working hours can be adapted"
                )
                % names,
                -(w[T.HOURS_OVER.key] // 2),
            )
        ]
    return [
        Reason(
            "hours-over",
            _(
                "%(hours)s hours a week is more than the capacity (%(capacity)d %%, about "
                "%(about)s hours)"
            )
            % names,
            -w[T.HOURS_OVER.key],
        )
    ]


def _place(p: Person, j: Job, w: dict[str, int]) -> list[Reason]:
    if not p.place_key or not j.place_key:
        return []
    if p.place_key == j.place_key:
        return [
            Reason(
                "place-same",
                _("In the participant's municipality (%(place)s)") % {"place": j.place_name},
                w[T.SAME_MUNICIPALITY.key],
            )
        ]
    if p.postal_code[:2] and p.postal_code[:2] == j.postal_code[:2]:
        return [
            Reason(
                "place-near",
                _("Near the participant: the same postal area (%(area)s…)")
                % {"area": j.postal_code[:2]},
                w[T.SAME_POSTAL_AREA.key],
            )
        ]
    return [
        Reason(
            "place-other",
            _("In another municipality (%(place)s)") % {"place": j.place_name},
            -w[T.OTHER_MUNICIPALITY.key],
        )
    ]


def _support(p: Person, j: Job, w: dict[str, int]) -> list[Reason]:
    reasons = []
    checks = (
        (p.needs_physical and j.physical_demands, "physical", gettext_noop("physical demands")),
        (
            p.needs_psychological and (j.pace == "high" or j.noise == "high"),
            "environment",
            gettext_noop("a high pace or much noise"),
        ),
        (
            p.needs_language and j.customer_contact == "high",
            "basic_skills",
            gettext_noop("much customer contact"),
        ),
    )
    for applies, adaptation, untranslated in checks:
        if not applies:
            continue
        demand = _(untranslated)  # translated only for a reason given
        if adaptation in j.adaptations:
            reasons.append(
                Reason(
                    f"support-{adaptation}",
                    _("The job has %(demand)s, and the workplace can adapt it to the support need")
                    % {"demand": demand},
                    w[T.SUPPORT_ADAPTED.key],
                )
            )
        else:
            reasons.append(
                Reason(
                    f"support-{adaptation}",
                    _("The job has %(demand)s, and the profile states a support need there")
                    % {"demand": demand},
                    -w[T.SUPPORT_CONFLICT.key],
                )
            )
    return reasons


def _employer(j: Job, record: Record | None, w: dict[str, int]) -> list[Reason]:
    reasons = []
    if j.partner:
        reasons.append(Reason("partner", _("The employer is a partner"), w[T.PARTNER.key]))
    if record is None:
        return reasons
    if record.free_labour:
        reasons.append(
            Reason(
                "free-labour",
                _(
                    "Free-labour warning: %(count)d unpaid placements ended without a hire in "
                    "the last %(months)d months, and no one was hired"
                )
                % {"count": record.unpaid_endings, "months": record.months},
                -w[T.FREE_LABOUR.key],
            )
        )
    elif record.hired and record.ended >= 2 and record.hired * 2 >= record.ended:
        reasons.append(
            Reason(
                "employer-hires",
                _("%(hired)d of %(ended)d placements here ended in a job")
                % {"hired": record.hired, "ended": record.ended},
                w[T.EMPLOYER_HIRES.key],
            )
        )
    return reasons
