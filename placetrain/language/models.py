"""Work-oriented Norwegian training at the workplace (Snart Ansatt appendix 3): the language
teacher's plans, sub-goals, observations at work and progress notes. A plan may belong to a
placement, but need not."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from placetrain.lib.audit import register_masked
from placetrain.participants.models import NorwegianLevel, Participant


class LanguagePlan(models.Model):
    """Work-oriented Norwegian training at the workplace (Snart Ansatt appendix 3)."""

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="language_plans",
        verbose_name=_("participant"),
    )
    # By name: placements sit above this app (a placement's 6H answer "how?" reads its plans).
    placement = models.ForeignKey(
        "placements.Placement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="language_plans",
        verbose_name=_("placement"),
    )
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="language_plans",
        verbose_name=_("teacher"),
    )
    current_level = models.CharField(
        _("current level"), max_length=2, choices=NorwegianLevel.choices, blank=True
    )
    required_level = models.CharField(
        _("level the job needs (stated by the employer)"),
        max_length=2,
        choices=NorwegianLevel.choices,
        blank=True,
    )
    final_goal = models.CharField(_("final goal"), max_length=300, blank=True)
    final_goal_by = models.DateField(_("final goal by"), null=True, blank=True)
    hours_per_week = models.DecimalField(
        _("agreed hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        verbose_name = _("language plan")
        verbose_name_plural = _("language plans")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"language plan #{self.pk}"

    def get_additional_data(self) -> dict:
        return {"version": self.version}


class LanguageGoal(models.Model):
    plan = models.ForeignKey(
        LanguagePlan,
        on_delete=models.CASCADE,
        related_name="goals",
        verbose_name=_("language plan"),
    )
    description = models.CharField(_("sub-goal"), max_length=300)
    due_on = models.DateField(_("by"), null=True, blank=True)
    reached_on = models.DateField(_("reached on"), null=True, blank=True)

    class Meta:
        verbose_name = _("language sub-goal")
        verbose_name_plural = _("language sub-goals")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"language goal #{self.pk}"


class LanguageObservation(models.Model):
    """The four questions from observing the participant at work."""

    plan = models.ForeignKey(
        LanguagePlan,
        on_delete=models.CASCADE,
        related_name="observations",
        verbose_name=_("language plan"),
    )
    observed_on = models.DateField(_("observed on"))
    small_talk = models.TextField(_("takes part in small talk?"), max_length=1000, blank=True)
    listened_to = models.TextField(_("is listened to?"), max_length=1000, blank=True)
    social_standing = models.TextField(
        _("social standing among colleagues?"), max_length=1000, blank=True
    )
    support = models.TextField(
        _("support from leader, mentor, colleagues?"), max_length=1000, blank=True
    )
    observed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("observed by"),
    )

    class Meta:
        verbose_name = _("language observation")
        verbose_name_plural = _("language observations")
        ordering = ["-observed_on", "-pk"]

    def __str__(self) -> str:
        return f"language observation #{self.pk}"


class LanguageNote(models.Model):
    plan = models.ForeignKey(
        LanguagePlan,
        on_delete=models.CASCADE,
        related_name="notes",
        verbose_name=_("language plan"),
    )
    written_on = models.DateField(_("date"))
    text = models.TextField(_("progress note"), max_length=2000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("written by"),
    )

    class Meta:
        verbose_name = _("language note")
        verbose_name_plural = _("language notes")
        ordering = ["-written_on", "-pk"]

    def __str__(self) -> str:
        return f"language note #{self.pk}"


register_masked(LanguagePlan, exclude=("version",))
register_masked(LanguageGoal)
register_masked(LanguageObservation)
register_masked(LanguageNote)
