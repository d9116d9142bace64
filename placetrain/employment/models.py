"""Jobs after hiring and their follow-up (etteroppfølging). A job may come from a placement or
from anywhere else; reports, alerts and the API read these most."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from placetrain.employers.models import Employer
from placetrain.lib.audit import register_masked
from placetrain.participants.models import Participant


class Employment(models.Model):
    """A job the participant got, with its follow-up after hiring (etteroppfølging)."""

    class Kind(models.TextChoices):
        PERMANENT = "permanent", _("Permanent")
        TEMPORARY = "temporary", _("Temporary")
        PART_TIME = "part_time", _("Part-time")
        ON_CALL = "on_call", _("On call")

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="employments",
        verbose_name=_("participant"),
    )
    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="employments", verbose_name=_("employer")
    )
    # By name: placements sit above this app (ending a placement with a hire records the job).
    placement = models.OneToOneField(
        "placements.Placement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employment",
        verbose_name=_("placement"),
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    started_on = models.DateField(_("start"))
    percent_of_full_time = models.PositiveSmallIntegerField(_("% of full time"))
    hourly_wage = models.DecimalField(
        _("hourly wage (NOK)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.TextField(_("why it ended"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent_of_full_time__gte=1) & Q(percent_of_full_time__lte=100),
                name="employment_percent_1_100",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="employment_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"employment #{self.pk}"


class FollowUpCheckin(models.Model):
    """One planned check-in after hiring; recorded when it has been done."""

    employment = models.ForeignKey(
        Employment, on_delete=models.CASCADE, related_name="checkins", verbose_name=_("job")
    )
    due_on = models.DateField(_("due"))
    label = models.CharField(_("when"), max_length=40)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    still_employed = models.BooleanField(_("still employed?"), null=True)
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    how_participant = models.TextField(
        _("how it goes for the participant"), max_length=2000, blank=True
    )
    how_employer = models.TextField(_("how it goes for the employer"), max_length=2000, blank=True)
    action = models.TextField(_("action"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    class Meta:
        verbose_name = _("follow-up check-in")
        verbose_name_plural = _("follow-up check-ins")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"follow-up check-in #{self.pk}"

    def get_additional_data(self) -> dict:
        return {"version": self.version}

    @property
    def label_display(self) -> str:
        """The schedule label in words: "1w" -> "after 1 week", "2m" -> "after 2 months"."""
        try:
            number, unit = int(self.label[:-1]), self.label[-1]
        except (ValueError, IndexError):
            return self.label
        if unit == "d":
            text = ngettext("after %(n)d day", "after %(n)d days", number)
        elif unit == "w":
            text = ngettext("after %(n)d week", "after %(n)d weeks", number)
        elif unit == "m":
            text = ngettext("after %(n)d month", "after %(n)d months", number)
        else:
            return self.label
        return text % {"n": number}


def follow_up_schedule() -> list[tuple[str, dt.timedelta | int]]:
    """The configured check-ins after hiring: ``[("1w", 7 days), ("2m", 2 months), ...]``.

    Months are kept as a month count so 'in 2 months' lands on the same day of the month.
    """
    result: list[tuple[str, dt.timedelta | int]] = []
    for token in settings.FOLLOW_UP_SCHEDULE:
        token = token.strip()
        number, unit = int(token[:-1]), token[-1]
        if unit == "w":
            result.append((token, dt.timedelta(weeks=number)))
        elif unit == "d":
            result.append((token, dt.timedelta(days=number)))
        elif unit == "m":
            result.append((token, number))
        else:
            raise ValueError(f"unknown unit in FOLLOW_UP_SCHEDULE: {token}")
    return result


register_masked(Employment)
register_masked(FollowUpCheckin, exclude=("version",))
