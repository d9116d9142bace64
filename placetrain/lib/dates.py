"""Date helpers in Norwegian local time."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def today() -> dt.date:
    """Today's date in Europe/Oslo (not UTC: at 00:30 in Oslo it is already tomorrow)."""
    return timezone.localdate()


def days_since(moment: dt.datetime | None, *, now: dt.datetime | None = None) -> int | None:
    """Whole local days between ``moment`` and now, or None if there is no moment."""
    if moment is None:
        return None
    now = now or timezone.now()
    return (timezone.localtime(now).date() - timezone.localtime(moment).date()).days
