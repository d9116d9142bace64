"""Working hours and Norwegian levels as numbers, for comparing a job with a person in Python
and in SQL alike: a shift as minutes from midnight (a night shift ends after 1440), a CEFR
level as its rank (A1 = 1 … C2 = 6; 0 = none or not assessed)."""

from __future__ import annotations

import datetime as dt

LEVEL_RANK = {"A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6}
DAY_MINUTES = 24 * 60
# When a job states its shift but not its times: the usual hours of that shift.
SHIFT_HOURS = {
    "day": (dt.time(8), dt.time(16)),
    "evening": (dt.time(15), dt.time(23)),
    "night": (dt.time(22), dt.time(6)),
    "rotating": (dt.time(7), dt.time(23)),
}


def level_rank(level: str) -> int:
    return LEVEL_RANK.get(level, 0)


def minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def job_hours(
    starts_at: dt.time | None, ends_at: dt.time | None, shift: str
) -> tuple[dt.time, dt.time] | None:
    """The job's working hours: as given, or the usual hours of its shift, or None."""
    if starts_at and ends_at:
        return starts_at, ends_at
    return SHIFT_HOURS.get(shift)


def shift_minutes(hours: tuple[dt.time, dt.time] | None) -> tuple[int | None, int | None]:
    """Start and end in minutes from midnight; an end at or before the start is the next day."""
    if hours is None:
        return None, None
    start, end = minutes(hours[0]), minutes(hours[1])
    return start, end + DAY_MINUTES if end <= start else end
