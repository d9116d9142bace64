"""Placements that answer the 6H questions, and the 'train' around them: extensions, the
stepwise training plan and the meetings at the workplace."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from placetrain.employers.models import Employer, EmployerContact, JobAnalysis
from placetrain.lib.audit import register_masked
from placetrain.participants.models import Participant


class PlacementType(models.TextChoices):
    JOB_TASTING = "job_tasting", _("Job tasting (jobbsmak)")
    WORK_PRACTICE = "work_practice", _("Work practice (arbeidspraksis)")
    LANGUAGE_PRACTICE = "language_practice", _("Language practice (språkpraksis)")
    WORK_TRAINING = "work_training", _("Work training (arbeidstrening)")
    WAGE_SUBSIDY = "wage_subsidy", _("Wage subsidy (lønnstilskudd)")
    ORDINARY = "ordinary", _("Ordinary employment")
    TEMPORARY = "temporary", _("Temporary employment")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
    OTHER = "other", _("Other")


class Purpose(models.TextChoices):
    """Hvorfor? 'Activation is not enough': every placement names one of these."""

    PAID_JOB = "paid_job", _("A paid job")
    ASSESSMENT = "assessment", _("Job tasting / assessment")
    LANGUAGE = "language", _("Language practice")
    SKILLS = "skills", _("Skills training")
    QUALIFICATION = "qualification", _("Vocational qualification (fagbrev)")
    WORKING_LIFE = "working_life", _("Knowledge of Norwegian working life")
    NETWORK = "network", _("Network")
    EMPLOYER_RISK = "employer_risk", _("Lowering the employer's risk")


class SubsidyKind(models.TextChoices):
    NONE = "", _("None")
    WORK_PRACTICE = "work_practice", _("Work practice")
    WAGE = "wage_subsidy", _("Wage subsidy")
    MENTOR = "mentor_subsidy", _("Mentor subsidy")
    ACCOMMODATION = "accommodation_subsidy", _("Accommodation subsidy")


class Outcome(models.TextChoices):
    HIRED_PERMANENT = "hired_permanent", _("Hired, permanent")
    HIRED_TEMPORARY = "hired_temporary", _("Hired, temporary")
    HIRED_PART_TIME = "hired_part_time", _("Hired, part-time")
    NEW_PLACEMENT = "new_placement", _("New placement")
    EDUCATION = "education", _("Education")
    ENDED_BY_PARTICIPANT = "ended_by_participant", _("Ended by the participant")
    ENDED_BY_EMPLOYER = "ended_by_employer", _("Ended by the employer")
    OTHER = "other", _("Other")


HIRE_OUTCOMES = {Outcome.HIRED_PERMANENT, Outcome.HIRED_TEMPORARY, Outcome.HIRED_PART_TIME}
# Placements the employer pays no wage for: where "free labour" (gratisarbeid) can happen.
# "Other" is not counted: a warning must rest on what is known.
UNPAID_TYPES = {
    PlacementType.JOB_TASTING,
    PlacementType.WORK_PRACTICE,
    PlacementType.LANGUAGE_PRACTICE,
    PlacementType.WORK_TRAINING,
}


class Placement(models.Model):
    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        STARTED = "started", _("Started")
        ENDED = "ended", _("Ended")

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="placements",
        verbose_name=_("participant"),
    )
    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="placements", verbose_name=_("employer")
    )
    # The job it was planned for, when there is a job analysis (e.g. from a suggestion).
    job_analysis = models.ForeignKey(
        JobAnalysis,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placements",
        verbose_name=_("job analysis"),
    )
    kind = models.CharField(_("type"), max_length=30, choices=PlacementType.choices)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PLANNED
    )
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    percent_of_full_time = models.PositiveSmallIntegerField(
        _("% of full time"), null=True, blank=True
    )
    subsidy_kind = models.CharField(
        _("subsidy"), max_length=30, choices=SubsidyKind.choices, blank=True
    )
    subsidy_monthly_amount = models.PositiveIntegerField(
        _("subsidy per month (NOK)"), null=True, blank=True
    )
    subsidy_from = models.DateField(_("subsidy from"), null=True, blank=True)
    subsidy_to = models.DateField(_("subsidy to"), null=True, blank=True)
    mentor = models.ForeignKey(
        EmployerContact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentored_placements",
        verbose_name=_("mentor (fadder)"),
    )
    mentor_name = models.CharField(_("mentor's name"), max_length=200, blank=True)
    mentor_role = models.CharField(_("mentor's role"), max_length=200, blank=True)
    mentor_contact = models.CharField(_("mentor's phone or e-mail"), max_length=200, blank=True)
    intention_agreement = models.BooleanField(_("intention agreement about hiring"), default=False)
    intention_agreement_on = models.DateField(_("intention agreement date"), null=True, blank=True)

    # The 6H answers (DOMAIN §3.2).
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices, blank=True)
    goal = models.TextField(_("goal"), max_length=2000, blank=True)
    sub_goals = models.TextField(_("sub-goals (one per line)"), max_length=2000, blank=True)
    why_here = models.TextField(_("why this employer (job match)"), max_length=2000, blank=True)
    follow_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followed_placements",
        verbose_name=_("who follows up"),
    )
    follow_up_every_days = models.PositiveSmallIntegerField(
        _("visit every (days)"), null=True, blank=True
    )
    follow_up_plan = models.TextField(_("follow-up plan"), max_length=2000, blank=True)
    language_plan_needed = models.BooleanField(
        _("the participant needs a language plan"), default=False
    )
    next_step_after = models.TextField(
        _("planned next step after the placement"), max_length=2000, blank=True
    )

    # The ending.
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices, blank=True)
    end_reason = models.TextField(_("reason"), max_length=2000, blank=True)
    evaluation = models.TextField(_("evaluation"), max_length=4000, blank=True)

    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated"))

    class Meta:
        ordering = ["-planned_start", "-pk"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True) | Q(planned_end__gte=F("planned_start")),
                name="placement_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(percent_of_full_time__isnull=True) | Q(percent_of_full_time__lte=100),
                name="placement_percent_max_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"

    def get_additional_data(self) -> dict:
        return {"version": self.version}

    @property
    def sub_goal_list(self) -> list[str]:
        return [line.strip() for line in self.sub_goals.splitlines() if line.strip()]

    @property
    def total_days(self) -> int | None:
        start = self.started_on or self.planned_start
        end = self.ended_on or self.planned_end
        return (end - start).days + 1 if start and end else None


class PlacementExtension(models.Model):
    """Every move of a started placement's planned end, with its reason: no silent extensions."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("placement")
    )
    previous_end = models.DateField(_("previous end"), null=True)
    new_end = models.DateField(_("new end"))
    reason = models.TextField(_("reason"), max_length=2000)
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("extended by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"extension #{self.pk}"


class TrainingTask(models.Model):
    """One step of the stepwise training plan (simple first, more as tasks are mastered)."""

    class TaskStatus(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_TRAINING = "in_training", _("In training")
        MASTERED = "mastered", _("Mastered")

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("placement")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    description = models.CharField(_("task"), max_length=300)
    status = models.CharField(
        _("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    started_on = models.DateField(_("training started"), null=True, blank=True)
    mastered_on = models.DateField(_("mastered on"), null=True, blank=True)

    class Meta:
        verbose_name = _("training task")
        verbose_name_plural = _("training tasks")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"training task #{self.pk}"


class Meeting(models.Model):
    class Kind(models.TextChoices):
        STARTUP = "startup", _("Start-up meeting")
        STATUS = "status", _("Status meeting")
        EVALUATION = "evaluation", _("Evaluation meeting")
        ENDING = "ending", _("Ending / transfer meeting")

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("placement")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    planned_at = models.DateTimeField(_("when"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    attendees = models.CharField(_("attendees"), max_length=500, blank=True)
    agenda = models.TextField(_("agenda"), max_length=2000, blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    notes = models.TextField(_("notes"), max_length=4000, blank=True)
    reflection_done = models.TextField(_("done (gjort)"), max_length=2000, blank=True)
    reflection_learned = models.TextField(_("learned (lært)"), max_length=2000, blank=True)
    reflection_next = models.TextField(_("smart next time (lurt)"), max_length=2000, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-planned_at", "-pk"]
        constraints = [
            # Snart Ansatt: notes are always written after meetings.
            models.CheckConstraint(
                condition=Q(held_on__isnull=True) | ~Q(notes=""), name="meeting_held_has_notes"
            )
        ]

    def __str__(self) -> str:
        return f"meeting #{self.pk}"

    def get_additional_data(self) -> dict:
        return {"version": self.version}


for _model in (Placement, PlacementExtension, TrainingTask, Meeting):
    register_masked(_model, exclude=("version",) if hasattr(_model, "version") else ())
