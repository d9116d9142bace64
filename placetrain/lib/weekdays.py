"""Days of the week as bits, so that a set of days (a job's working days, the days a
participant is available) is one small integer that SQL and Python compare alike."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Weekday(models.IntegerChoices):
    """Bits of a set of days: the set is their sum (Monday to Friday is 31)."""

    MONDAY = 1, _("Monday")
    TUESDAY = 2, _("Tuesday")
    WEDNESDAY = 4, _("Wednesday")
    THURSDAY = 8, _("Thursday")
    FRIDAY = 16, _("Friday")
    SATURDAY = 32, _("Saturday")
    SUNDAY = 64, _("Sunday")


ALL_DAYS = 127


def days_of(mask: int) -> list[Weekday]:
    return [day for day in Weekday if mask & day.value]


def day_names(mask: int) -> str:
    return ", ".join(str(day.label) for day in days_of(mask))
