"""Date helpers in Norwegian local time, and the date checks every form shares."""

from __future__ import annotations

import calendar
import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def today() -> dt.date:
    """Today's date in Europe/Oslo (not UTC: at 00:30 in Oslo it is already tomorrow)."""
    return timezone.localdate()


def days_since(moment: dt.datetime | None, *, now: dt.datetime | None = None) -> int | None:
    """Whole local days between ``moment`` and now, or None if there is no moment."""
    if moment is None:
        return None
    now = now or timezone.now()
    return (timezone.localtime(now).date() - timezone.localtime(moment).date()).days


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def not_in_future(value: dt.date | None) -> None:
    """Validator: a date that has happened (held, given, withdrawn, started) is not tomorrow."""
    if value and value > today():
        raise ValidationError(_("The date cannot be in the future."), code="future_date")


def not_before_2000(value: dt.date | dt.datetime | None) -> None:
    """Validator against typos such as 0226 for 2026 in a date field."""
    if value and value.year < 2000:
        raise ValidationError(_("Check the date: it is before the year 2000."), code="before_2000")
