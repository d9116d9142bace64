from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from placetrain.lib.audit import register_masked


class Organisation(models.Model):
    """A NAV office or a municipal service: the outer boundary of all data."""

    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="teams", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)
    shared_caseload = models.BooleanField(
        _("shared caseload"),
        default=False,
        help_text=_("Job specialists in the team can see and work with each other's participants."),
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A staff member. Roles are flags because one person may hold several."""

    class Language(models.TextChoices):
        NB = "nb", "Norsk bokmål"
        EN = "en", "English"

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisation"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("team"),
    )
    is_job_specialist = models.BooleanField(_("job specialist"), default=False)
    is_team_leader = models.BooleanField(_("team leader"), default=False)
    is_language_teacher = models.BooleanField(_("language teacher"), default=False)
    is_administrator = models.BooleanField(
        _("administrator"),
        default=False,
        help_text=_("Manages users and teams; sees no case data without a case role."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.NB
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def org_id(self) -> int:
        """The user's organisation: case work happens inside one. Every case role has one;
        reaching here without one is a programming error, not a user's."""
        if self.organisation_id is None:
            raise PermissionError(f"user #{self.pk} belongs to no organisation")
        return self.organisation_id

    @property
    def has_case_role(self) -> bool:
        return self.is_job_specialist or self.is_team_leader or self.is_language_teacher

    @property
    def role_labels(self) -> list[str]:
        labels = []
        for flag in (
            "is_job_specialist",
            "is_team_leader",
            "is_language_teacher",
            "is_administrator",
        ):
            if getattr(self, flag):
                labels.append(str(User._meta.get_field(flag).verbose_name))  # type: ignore[union-attr]
        return labels


register_masked(Team)
register_masked(User, exclude=("password", "last_login"))


class OrganisationSetting(models.Model):
    """A threshold or weight the organisation chose instead of the declared default (see
    ``lib/tunables.py``): one row per setting changed, none for those left at the default."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="settings",
        verbose_name=_("organisation"),
    )
    key = models.CharField(_("setting"), max_length=80)
    value = models.IntegerField(_("value"))

    class Meta:
        verbose_name = _("organisation setting")
        verbose_name_plural = _("organisation settings")
        ordering = ["organisation", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "key"], name="organisation_setting_once"
            )
        ]

    def __str__(self) -> str:
        return self.key


register_masked(OrganisationSetting)
