"""Placements that answer the 6H questions, and the 'train' around them: extensions, training
plans, language plans, meetings, employment and follow-up after hiring."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from placetrain.employers.models import Employer, EmployerContact
from placetrain.lib.audit import register_masked
from placetrain.participants.models import NorwegianLevel, Participant


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
    WORK_PRACTICE = "arbeidspraksis", _("Work practice")
    WAGE = "lonnstilskudd", _("Wage subsidy")
    MENTOR = "mentortilskudd", _("Mentor subsidy")
    ACCOMMODATION = "tilretteleggingstilskudd", _("Accommodation subsidy")


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


class Placement(models.Model):
    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        STARTED = "started", _("Started")
        ENDED = "ended", _("Ended")

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="placements"
    )
    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="placements", verbose_name=_("employer")
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

    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

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

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="extensions")
    previous_end = models.DateField(_("previous end"), null=True)
    new_end = models.DateField(_("new end"))
    reason = models.TextField(_("reason"), max_length=2000)
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"extension #{self.pk}"


class TrainingTask(models.Model):
    """One step of the stepwise training plan (simple first, more as tasks are mastered)."""

    class TaskStatus(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_TRAINING = "in_training", _("In training")
        MASTERED = "mastered", _("Mastered")

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    description = models.CharField(_("task"), max_length=300)
    status = models.CharField(
        _("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    started_on = models.DateField(_("training started"), null=True, blank=True)
    mastered_on = models.DateField(_("mastered on"), null=True, blank=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"training task #{self.pk}"


class LanguagePlan(models.Model):
    """Work-oriented Norwegian training at the workplace (Snart Ansatt appendix 3)."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="language_plans"
    )
    placement = models.ForeignKey(
        Placement,
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
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"language plan #{self.pk}"

    def get_additional_data(self) -> dict:
        return {"version": self.version}


class LanguageGoal(models.Model):
    plan = models.ForeignKey(LanguagePlan, on_delete=models.CASCADE, related_name="goals")
    description = models.CharField(_("sub-goal"), max_length=300)
    due_on = models.DateField(_("by"), null=True, blank=True)
    reached_on = models.DateField(_("reached on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"language goal #{self.pk}"


class LanguageObservation(models.Model):
    """The four questions from observing the participant at work."""

    plan = models.ForeignKey(LanguagePlan, on_delete=models.CASCADE, related_name="observations")
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
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-observed_on", "-pk"]

    def __str__(self) -> str:
        return f"language observation #{self.pk}"


class LanguageNote(models.Model):
    plan = models.ForeignKey(LanguagePlan, on_delete=models.CASCADE, related_name="notes")
    written_on = models.DateField(_("date"))
    text = models.TextField(_("progress note"), max_length=2000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-written_on", "-pk"]

    def __str__(self) -> str:
        return f"language note #{self.pk}"


class Meeting(models.Model):
    class Kind(models.TextChoices):
        STARTUP = "startup", _("Start-up meeting")
        STATUS = "status", _("Status meeting")
        EVALUATION = "evaluation", _("Evaluation meeting")
        ENDING = "ending", _("Ending / transfer meeting")

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="meetings")
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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-planned_at", "-pk"]
        constraints = [
            # Snart Ansatt: notes are always written after meetings.
            models.CheckConstraint(
                condition=Q(held_on__isnull=True) | ~Q(notes=""), name="meeting_held_has_notes"
            )
        ]

    def __str__(self) -> str:
        return f"meeting #{self.pk}"


class Employment(models.Model):
    """A job the participant got, with its follow-up after hiring (etteroppfølging)."""

    class Kind(models.TextChoices):
        PERMANENT = "permanent", _("Permanent")
        TEMPORARY = "temporary", _("Temporary")
        PART_TIME = "part_time", _("Part-time")
        ON_CALL = "on_call", _("On call")

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="employments"
    )
    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="employments", verbose_name=_("employer")
    )
    placement = models.OneToOneField(
        Placement, on_delete=models.SET_NULL, null=True, blank=True, related_name="employment"
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    started_on = models.DateField(_("start"))
    percent_of_full_time = models.PositiveSmallIntegerField(_("% of full time"))
    hourly_wage = models.DecimalField(
        _("hourly wage (NOK)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.TextField(_("why it ended"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
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

    employment = models.ForeignKey(Employment, on_delete=models.CASCADE, related_name="checkins")
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
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"follow-up check-in #{self.pk}"

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


for _model in (
    Placement,
    PlacementExtension,
    TrainingTask,
    LanguagePlan,
    LanguageGoal,
    LanguageObservation,
    LanguageNote,
    Meeting,
    Employment,
    FollowUpCheckin,
):
    register_masked(_model, exclude=("version",) if hasattr(_model, "version") else ())
