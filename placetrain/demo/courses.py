"""How a participant's case has gone so far, as dates: referral, agreement, stages, the
placement (with its extensions), the hire. Planned backwards from today, so that the status a
participant has is the one the record supports: a started placement is within its period (or
extended, with a reason), a hire has its job, and the history is dated in the order it
happened. Pure Python: the records are written from these plans by ``demo.py``."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from placetrain.lib.dates import add_months
from placetrain.participants.models import Stage, Status
from placetrain.placements.models import Outcome, Placement

from .texts import EXTENSION_REASONS, NO_HIRE_ENDINGS, PROGRAMME_ENDINGS
from .workdays import (
    monday_on_or_before,
    random_weekday,
    weekday_on_or_after,
    weekday_on_or_before,
)

HIRES = [Outcome.HIRED_PERMANENT, Outcome.HIRED_PART_TIME, Outcome.HIRED_TEMPORARY]


@dataclass
class Stint:
    """A placement as it happened (or is planned)."""

    state: str
    planned_start: dt.date
    planned_end: dt.date  # as first agreed
    # (the day it was decided, the new end, the reason): every extension has its reason.
    extensions: list[tuple[dt.date, dt.date, str]] = field(default_factory=list)
    ended_on: dt.date | None = None
    outcome: str = ""
    end_reason: str = ""

    @property
    def started_on(self) -> dt.date | None:
        return None if self.state == Placement.State.PLANNED else self.planned_start

    @property
    def end(self) -> dt.date:
        """The planned end after every extension."""
        return self.extensions[-1][1] if self.extensions else self.planned_end

    @property
    def last_day(self) -> dt.date:
        return self.ended_on or self.end


@dataclass
class Course:
    path: str
    referral: dt.date
    statuses: list[tuple[str, dt.date, str]]
    stages: list[tuple[int, dt.date]]
    active_on: dt.date | None = None
    stint: Stint | None = None
    hire_on: dt.date | None = None
    # The last day anything happens in the case (today, or when the programme ended).
    until: dt.date | None = None

    @property
    def status(self) -> str:
        return self.statuses[-1][0]

    @property
    def stage(self) -> int:
        return self.stages[-1][0]


# Paths and their weights: about as often as the old demo's statuses, with "active" split into
# those still mapping, those with a placement agreed, and those back from one without a hire.
PATHS = {
    "referred": 10,
    "profile": 11,
    "planned": 7,
    "after": 7,
    "placement": 25,
    "employed": 15,
    "follow_up": 15,
    "ended": 10,
}


class Planner:
    def __init__(self, rng: random.Random, today: dt.date) -> None:
        self.rng, self.today = rng, today

    def course(self) -> Course:
        path = self.rng.choices(list(PATHS), list(PATHS.values()))[0]
        course = getattr(self, f"_{path}")()
        course.path = path
        course.until = course.until or self.today
        return course

    def _days_ago(self, low: int, high: int) -> dt.date:
        return self.today - dt.timedelta(days=self.rng.randint(low, high))

    def _lead_up(self, start: dt.date) -> tuple[dt.date, dt.date, list[tuple[int, dt.date]]]:
        """Referral, agreement and stages 1–4 in the weeks before a placement starts."""
        referral = weekday_on_or_before(start - dt.timedelta(days=self.rng.randint(30, 80)))
        gap = (start - referral).days
        active = weekday_on_or_after(referral + dt.timedelta(days=gap // 5))
        job_finding = weekday_on_or_after(referral + dt.timedelta(days=2 * gap // 5))
        employer = weekday_on_or_before(referral + dt.timedelta(days=4 * gap // 5))
        stages = [
            (Stage.ENGAGEMENT, referral),
            (Stage.PROFILE, active),
            (Stage.JOB_FINDING, job_finding),
            (Stage.EMPLOYER, employer),
        ]
        return referral, active, stages

    def _placed(
        self, start: dt.date, weeks: int, state: str, *, agreed: dt.date | None = None
    ) -> tuple[Course, Stint]:
        """A placement from ``start``, agreed with the employer in the weeks before (or on
        ``agreed``'s eve, for one that starts in the future)."""
        referral, active, stages = self._lead_up(agreed or start)
        stint = Stint(
            state=state, planned_start=start, planned_end=start + dt.timedelta(weeks * 7 - 3)
        )
        statuses = [(Status.REFERRED, referral, ""), (Status.ACTIVE, active, "")]
        if state != Placement.State.PLANNED:
            statuses.append((Status.IN_PLACEMENT, start, ""))
            stages.append((Stage.SUPPORT, start))
        course = Course("", referral, statuses, stages, active_on=active, stint=stint)
        return course, stint

    def _extend_until(self, stint: Stint, day: dt.date) -> None:
        """Extend the placement, a month or two at a time and each time with a reason, until
        its planned end is on or after ``day``."""
        while stint.end < day:
            decided = weekday_on_or_before(stint.end - dt.timedelta(days=self.rng.randint(3, 9)))
            new_end = stint.end + dt.timedelta(weeks=self.rng.choice([4, 8]))
            stint.extensions.append((decided, new_end, self.rng.choice(EXTENSION_REASONS)))

    # The paths.

    def _referred(self) -> Course:
        referral = random_weekday(self.rng, self._days_ago(35, 35), self._days_ago(3, 3))
        return Course(
            "", referral, [(Status.REFERRED, referral, "")], [(Stage.ENGAGEMENT, referral)]
        )

    def _profile(self) -> Course:
        referral = random_weekday(self.rng, self._days_ago(200, 200), self._days_ago(30, 30))
        active = weekday_on_or_after(referral + dt.timedelta(days=self.rng.randint(5, 14)))
        stages = [(Stage.ENGAGEMENT, referral), (Stage.PROFILE, active)]
        job_finding = weekday_on_or_after(active + dt.timedelta(days=self.rng.randint(10, 30)))
        if job_finding < self.today:
            stages.append((Stage.JOB_FINDING, job_finding))
        statuses = [(Status.REFERRED, referral, ""), (Status.ACTIVE, active, "")]
        return Course("", referral, statuses, stages, active_on=active)

    def _planned(self) -> Course:
        start = monday_on_or_before(self.today + dt.timedelta(days=self.rng.randint(7, 35)))
        weeks = self.rng.choice([8, 12])
        course, _stint = self._placed(start, weeks, Placement.State.PLANNED, agreed=self.today)
        return course

    def _placement(self) -> Course:
        start = monday_on_or_before(self._days_ago(7, 120))
        course, stint = self._placed(start, self.rng.choice([8, 12]), Placement.State.STARTED)
        self._extend_until(stint, self.today + dt.timedelta(days=3))
        return course

    def _hired(self, low: int, high: int) -> Course:
        hire = monday_on_or_before(self._days_ago(low, high))
        ended = hire - dt.timedelta(days=3)  # the Friday before
        weeks, extra = self.rng.choice([8, 12]), self.rng.choice([0, 0, 0, 4])
        start = ended + dt.timedelta(days=3) - dt.timedelta(weeks=weeks + extra)
        course, stint = self._placed(start, weeks, Placement.State.ENDED)
        self._extend_until(stint, ended)
        stint.extensions[-1:] = [(d, ended, r) for d, _, r in stint.extensions[-1:]]
        stint.ended_on, stint.outcome = ended, self.rng.choice(HIRES)
        stint.end_reason = "Ansatt etter praksisperioden."
        course.hire_on = hire
        course.statuses.append((Status.EMPLOYED, hire, ""))
        return course

    def _employed(self) -> Course:
        return self._hired(7, 85)

    def _follow_up(self) -> Course:
        course = self._hired(100, 330)
        assert course.hire_on is not None
        done = weekday_on_or_after(add_months(course.hire_on, 3))
        course.statuses.append((Status.FOLLOW_UP, done, "Programmet er fullført; i jobb."))
        return course

    def _ended_without_hire(self, ended: dt.date, endings: dict[str, str]) -> Course:
        weeks = self.rng.choice([8, 12])
        start = monday_on_or_before(ended - dt.timedelta(days=self.rng.randint(20, weeks * 7 - 3)))
        course, stint = self._placed(start, weeks, Placement.State.ENDED)
        stint.planned_end = max(stint.planned_end, ended)
        stint.ended_on = ended
        stint.outcome = self.rng.choice(list(endings))
        stint.end_reason = endings[stint.outcome]
        course.statuses.append((Status.ACTIVE, ended, ""))
        return course

    def _after(self) -> Course:
        ended = weekday_on_or_before(self._days_ago(14, 150))
        course = self._ended_without_hire(ended, NO_HIRE_ENDINGS)
        course.stages.append((Stage.JOB_FINDING, ended))  # back to finding a job
        return course

    def _ended(self) -> Course:
        ended = weekday_on_or_before(self._days_ago(20, 200))
        course = self._ended_without_hire(ended, PROGRAMME_ENDINGS)
        closed = weekday_on_or_after(ended + dt.timedelta(days=self.rng.randint(3, 14)))
        assert course.stint is not None
        course.statuses.append((Status.ENDED, closed, course.stint.end_reason))
        course.until = closed
        return course
