"""Working days and hours for generated records: job specialists work Monday to Friday,
08:00–16:00 Norwegian time, so contacts and meetings in the demo happen then too."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

DAY_STARTS = 8 * 60  # minutes after midnight, Europe/Oslo
DAY_ENDS = 16 * 60


def weekday_on_or_before(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def weekday_on_or_after(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def monday_on_or_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def friday_on_or_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=(day.weekday() - 4) % 7)


def random_weekday(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    """A weekday between ``first`` and ``last`` (both included, a span of a week or more)."""
    day = weekday_on_or_before(
        first + dt.timedelta(days=rng.randint(0, max((last - first).days, 0)))
    )
    return day if day >= first else weekday_on_or_after(first)


def at_work(
    rng: random.Random,
    day: dt.date,
    minutes: int = 30,
    *,
    earliest: int = DAY_STARTS,
    latest: int = DAY_ENDS,
) -> dt.datetime:
    """A moment on ``day`` in working hours (quarter past, half past …) so that something
    lasting ``minutes`` is over by the end of the working day."""
    last_start = max(earliest, latest - minutes)
    start = rng.randrange(earliest, last_start + 1, 15)
    naive = dt.datetime.combine(day, dt.time(start // 60, start % 60))
    return timezone.make_aware(naive, timezone.get_default_timezone())
