from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from placetrain.accounts.models import Organisation
from placetrain.employers.models import Employer, EmployerContact
from placetrain.lib.audit import register_masked
from placetrain.participants.models import Participant


class Contact(models.Model):
    """One logged contact (kontaktlogg): with whom, how, when, how long, and a short note."""

    class Counterpart(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        EMPLOYER = "employer", _("Employer contact")
        MENTOR = "mentor", _("Mentor")
        SERVICE = "service", _("Other service")

    class Channel(models.TextChoices):
        WORKPLACE = "workplace", _("At the workplace")
        OFFICE = "office", _("At the office")
        PHONE = "phone", _("Phone")
        VIDEO = "video", _("Video")
        MESSAGE = "message", _("SMS / e-mail")
        HOME = "home", _("Home visit")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("participant"),
    )
    employer = models.ForeignKey(
        Employer,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("employer"),
    )
    employer_contact = models.ForeignKey(
        EmployerContact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact person"),
    )
    counterpart = models.CharField(
        _("with whom"), max_length=20, choices=Counterpart.choices, default=Counterpart.PARTICIPANT
    )
    service_name = models.CharField(_("which service"), max_length=200, blank=True)
    channel = models.CharField(
        _("how"), max_length=20, choices=Channel.choices, default=Channel.WORKPLACE
    )
    occurred_at = models.DateTimeField(_("when"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=30)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="contacts_logged",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    # The form's one-time token: the same form sent twice (a double tap, a reload) is one contact.
    submission = models.UUIDField(
        null=True, blank=True, editable=False, verbose_name=_("form token")
    )

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        indexes = [
            models.Index(fields=["participant", "-occurred_at"]),
            # The employer's timeline newest first, and (with the participant in it) the
            # employer list's visible-contact figures from the index alone: the busiest
            # employer has tens of thousands of contacts.
            models.Index(
                fields=["employer", "-occurred_at", "participant"], name="contact_employer_recent"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(participant__isnull=False) | Q(employer__isnull=False),
                name="contact_has_subject",
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__lte=24 * 60), name="contact_duration_within_day"
            ),
            models.UniqueConstraint(fields=["author", "submission"], name="contact_submitted_once"),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"


class NextStepQuerySet(models.QuerySet):
    def open(self) -> NextStepQuerySet:
        return self.filter(done_at__isnull=True)


class NextStep(models.Model):
    """Something to do by a date, usually agreed during a contact."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="next_steps",
        verbose_name=_("participant"),
    )
    employer = models.ForeignKey(
        Employer,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="next_steps",
        verbose_name=_("employer"),
    )
    contact = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_steps",
        verbose_name=_("contact"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="next_steps",
        verbose_name=_("owner"),
    )
    description = models.CharField(_("next step"), max_length=300)
    due_on = models.DateField(_("due"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    objects = NextStepQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("next step")
        verbose_name_plural = _("next steps")
        indexes = [
            models.Index(fields=["owner", "done_at", "due_on"]),
            # The employer page's steps in due order. Partial: most steps are about a
            # participant, and with the NULLs in it a plain employer index looks so unselective
            # that SQLite's statistics made it walk every step in due order instead.
            models.Index(
                fields=["employer", "due_on", "id"],
                name="nextstep_employer_due",
                condition=Q(employer__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"


register_masked(Contact, exclude=("submission",))
register_masked(NextStep)
