"""What matching keeps: each participant's precomputed profile for matching (from the
vocational profile and the record, refreshed on every save), and the shortlists of candidates
kept for a job analysis."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from placetrain.employers.models import JobAnalysis
from placetrain.lib.audit import register_masked
from placetrain.participants.models import NorwegianLevel, Participant
from placetrain.placements.models import Placement


class MatchProfile(models.Model):
    """What the scoring reads of a participant, computed when their record is saved (see
    ``precompute.py``): the wishes as STYRK-08 groups at three levels, the stems of the wishes
    and interests, availability, capacity, which support needs are stated, the Norwegian level,
    whether a language plan runs, and where they live. Codes are stored space-delimited
    (" 5223 4321 ") so that SQL can test a code with LIKE."""

    participant = models.OneToOneField(
        Participant,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="match_profile",
        verbose_name=_("participant"),
    )
    active = models.BooleanField(_("active"), default=True)
    wish_units = models.CharField(
        _("wished occupations (unit groups)"), max_length=80, blank=True, default=""
    )
    wish_minors = models.CharField(
        _("wished occupations (minor groups)"), max_length=80, blank=True, default=""
    )
    wish_submajors = models.CharField(
        _("wished occupations (sub-major groups)"), max_length=80, blank=True, default=""
    )
    words = models.TextField(_("words of the wishes"), blank=True, default="")
    available_days = models.PositiveSmallIntegerField(_("available days"), default=0)
    available_from = models.TimeField(_("available from"), null=True, blank=True)
    available_until = models.TimeField(_("available until"), null=True, blank=True)
    hours_capacity = models.PositiveSmallIntegerField(
        _("hours capacity (% of full time)"), null=True, blank=True
    )
    needs_physical = models.BooleanField(_("physical support needs stated"), default=False)
    needs_psychological = models.BooleanField(
        _("psychological support needs stated"), default=False
    )
    needs_language = models.BooleanField(_("language support needs stated"), default=False)
    norwegian_level = models.CharField(
        _("Norwegian level"), max_length=2, choices=NorwegianLevel.choices, blank=True, default=""
    )
    level_rank = models.PositiveSmallIntegerField(_("Norwegian level (rank)"), default=0)
    from_minute = models.PositiveSmallIntegerField(_("available from (minutes)"), null=True)
    until_minute = models.PositiveSmallIntegerField(_("available until (minutes)"), null=True)
    language_plan = models.BooleanField(_("a language plan runs"), default=False)
    place_key = models.CharField(
        _("municipality (for matching)"), max_length=100, blank=True, default=""
    )
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True, default="")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("profile for matching")
        verbose_name_plural = _("profiles for matching")

    def __str__(self) -> str:
        return f"match profile #{self.pk}"


class WishedWorkplace(models.Model):
    """One of the (up to five) workplaces the participant named, case-folded for comparing with
    employers' names."""

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="wished_workplaces",
        verbose_name=_("participant"),
    )
    name_key = models.CharField(_("name (for matching)"), max_length=200)
    name = models.CharField(_("name as written"), max_length=200, default="")

    class Meta:
        verbose_name = _("named workplace")
        verbose_name_plural = _("named workplaces")

    def __str__(self) -> str:
        return f"named workplace #{self.pk}"


class Candidate(models.Model):
    """A participant on a job analysis's shortlist, with where the specialist has got to, the
    employer's answer, and the match's reasons as they stood when the participant was added."""

    class Status(models.TextChoices):
        CONSIDERED = "considered", _("Considered")
        CONTACTED = "contacted", _("Contacted")
        INTERESTED = "interested", _("Interested")
        PRESENTED = "presented", _("Presented to the employer")
        NOT_RELEVANT = "not_relevant", pgettext_lazy("candidate", "Not relevant")

    class Answer(models.TextChoices):
        NONE = "", _("No answer yet")
        YES = "yes", _("Yes: wants to meet or take them on")
        LATER = "later", _("Later")
        NO = "no", _("No")

    job_analysis = models.ForeignKey(
        JobAnalysis,
        on_delete=models.CASCADE,
        related_name="candidates",
        verbose_name=_("job analysis"),
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="candidacies",
        verbose_name=_("participant"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONSIDERED
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    employer_answer = models.CharField(
        _("the employer's answer"), max_length=10, choices=Answer.choices, blank=True
    )
    employer_answer_note = models.CharField(_("what the employer said"), max_length=500, blank=True)
    employer_answered_on = models.DateField(_("answered on"), null=True, blank=True)
    score = models.IntegerField(_("score when added"), default=0)
    reasons = models.JSONField(_("reasons when added"), default=list, blank=True)
    placement = models.ForeignKey(
        Placement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("planned placement"),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated"))

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["job_analysis", "participant"], name="candidate_once_per_job"
            )
        ]

    def __str__(self) -> str:
        return f"candidate #{self.pk}"

    def get_additional_data(self) -> dict:
        return {"version": self.version}


class CandidateChange(models.Model):
    """One dated step of a candidate's history on the shortlist: a status or an answer."""

    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="changes", verbose_name=_("candidate")
    )
    status = models.CharField(_("status"), max_length=20, choices=Candidate.Status.choices)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    employer_answer = models.CharField(
        _("the employer's answer"), max_length=10, choices=Candidate.Answer.choices, blank=True
    )
    changed_on = models.DateField(_("date"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        verbose_name = _("change of a candidate")
        verbose_name_plural = _("changes of candidates")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"candidate change #{self.pk}"


register_masked(Candidate, exclude=("version", "created_at", "updated_at", "score", "reasons"))
register_masked(CandidateChange, exclude=("created_at",))
