from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from placetrain.accounts.models import Organisation, User
from placetrain.classifications.models import Industry, Occupation
from placetrain.lib.audit import register_masked
from placetrain.lib.dates import today
from placetrain.lib.validators import validate_no_direction_controls, validate_org_number
from placetrain.lib.weekdays import Weekday, days_of
from placetrain.lib.words import stem_text
from placetrain.lib.worktime import job_hours, level_rank, shift_minutes


class Stage(models.TextChoices):
    """Where the team's relationship with an employer stands (DOMAIN §3.1 stage 4: a long
    partnership, not a sale). Leaving for ``PAUSED`` or ``NOT_RELEVANT`` needs a reason."""

    NEW = "new", _("New")
    ASSESSING = "assessing", _("Assessing")
    TO_CONTACT = "to_contact", _("To contact")
    MAPPING_NEEDS = "mapping_needs", _("Mapping needs")
    PARTNER = "partner", _("Partner")
    PAUSED = "paused", _("Paused")
    NOT_RELEVANT = "not_relevant", _("Not relevant")


def possible_owners(organisation_id: int) -> models.QuerySet[User]:
    """Who may be responsible for an employer relationship: the organisation's active job
    specialists and team leaders (those who keep the register)."""
    return User.objects.filter(
        Q(is_job_specialist=True) | Q(is_team_leader=True),
        organisation_id=organisation_id,
        is_active=True,
    ).order_by("first_name", "last_name", "pk")


# The stages a reason must come with: the next colleague should know why before calling again.
STAGES_WITH_REASON = frozenset({Stage.PAUSED, Stage.NOT_RELEVANT})


class Employer(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="employers",
        verbose_name=_("organisation"),
    )
    org_number = models.CharField(
        _("organisation number"), max_length=9, validators=[validate_org_number]
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_no_direction_controls])
    industry = models.CharField(_("industry"), max_length=200, blank=True)
    industry_code = models.ForeignKey(
        Industry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("industry code (SN2007)"),
    )
    employees = models.PositiveIntegerField(_("number of employees"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), max_length=4000, blank=True)
    # The partnership: stage (changed only through employer_stage_change, with its history),
    # who in the team keeps the relationship, what the employer needs and what is next.
    stage = models.CharField(
        _("stage of the partnership"), max_length=20, choices=Stage.choices, default=Stage.NEW
    )
    stage_reason = models.CharField(_("reason for the stage"), max_length=500, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employers_owned",
        verbose_name=_("responsible"),
    )
    needs = models.TextField(_("needs (in the employer's own words)"), max_length=4000, blank=True)
    next_action = models.CharField(_("next action"), max_length=300, blank=True)
    next_action_on = models.DateField(_("next action by"), null=True, blank=True)
    # The local date of the latest contact logged with the employer, kept by the contact log's
    # services (activities): the list sorts and filters by days since contact in SQL.
    last_contact_on = models.DateField(_("last contact"), null=True, blank=True, editable=False)
    # Case-folded name and industry, for search that handles æøå on SQLite too.
    search_text = models.CharField(
        max_length=401, editable=False, default="", db_index=True, verbose_name=_("search text")
    )
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated"))

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "org_number"], name="employer_unique_org_number"
            )
        ]
        indexes = [
            # The network list sorted and filtered by days since contact, per organisation.
            models.Index(fields=["organisation", "last_contact_on"], name="employer_last_contact"),
            # The list's municipality filter offers the municipalities present: from the index.
            models.Index(fields=["organisation", "municipality"], name="employer_municipality"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = self.make_search_text(self.name, self.industry)
        super().save(*args, **kwargs)

    @staticmethod
    def make_search_text(name: str, industry: str) -> str:
        return f"{name} {industry}".casefold()

    def get_additional_data(self) -> dict:
        return {"version": self.version}


class EmployerContact(models.Model):
    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="people", verbose_name=_("employer")
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_no_direction_controls])
    role = models.CharField(_("role"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_mentor = models.BooleanField(_("mentor (fadder)"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"

    def get_additional_data(self) -> dict:
        return {"version": self.version}


class PartnershipStageChange(models.Model):
    """One dated step of the partnership's history: the stage the employer moved to, why, on
    which day and by whom."""

    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="stage_changes", verbose_name=_("employer")
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    changed_on = models.DateField(_("date"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("changed by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        verbose_name = _("change of partnership stage")
        verbose_name_plural = _("changes of partnership stage")
        ordering = ["-changed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"


class Agreement(models.Model):
    """A written agreement with the employer (e.g. to provide placements), from a date, until
    a date or open-ended."""

    class Kind(models.TextChoices):
        FRAMEWORK = "framework", _("Framework agreement to provide placements")
        IA = "ia", _("IA agreement (inclusive working life)")
        COOPERATION = "cooperation", _("Cooperation agreement")
        OTHER = "other", _("Other agreement")

    class Status(models.TextChoices):
        UPCOMING = "upcoming", _("Not yet in force")
        ACTIVE = "active", _("Active")
        ENDED = "ended", pgettext_lazy("agreement", "Ended")

    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="agreements", verbose_name=_("employer")
    )
    kind = models.CharField(_("kind of agreement"), max_length=20, choices=Kind.choices)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-valid_from", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="agreement_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} #{self.pk}"

    def get_additional_data(self) -> dict:
        return {"version": self.version}

    def status_on(self, day: dt.date) -> Agreement.Status:
        if day < self.valid_from:
            return self.Status.UPCOMING
        if self.valid_to is not None and day > self.valid_to:
            return self.Status.ENDED
        return self.Status.ACTIVE

    @property
    def status(self) -> Agreement.Status:
        return self.status_on(today())


class CefrLevel(models.TextChoices):
    """A required Norwegian level (the participant's own levels use the same codes)."""

    NONE = "", _("No requirement")
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"


class JobAnalysis(models.Model):
    """A job analysis (jobbanalyse) of a workplace or a job: what the work is, what it asks of
    the person and what the workplace offers, from a visit. An advertised vacancy, or a
    *developed job* (jobbutvikling): tasks put together from existing roles where none was
    advertised. A workplace counts as ready for a placement only after the visit."""

    class Kind(models.TextChoices):
        VACANCY = "vacancy", _("Advertised vacancy")
        DEVELOPED = "developed", _("Developed job (job carving)")

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class Level(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    class Company(models.TextChoices):
        ALONE = "alone", _("Mostly alone")
        TEAM = "team", _("In a team")
        BOTH = "both", _("Both")

    class Shift(models.TextChoices):
        DAY = "day", _("Day")
        EVENING = "evening", _("Evening")
        NIGHT = "night", _("Night")
        ROTATING = "rotating", _("Rotating shifts")

    class Adaptation(models.TextChoices):
        HOURS = "hours", _("Working hours")
        ENVIRONMENT = "environment", _("Work environment")
        PHYSICAL = "physical", _("Physical adaptations")
        BASIC_SKILLS = "basic_skills", _("Basic skills (reading, numbers, language)")

    class Measure(models.TextChoices):
        WAGE_SUBSIDY = "wage_subsidy", _("Wage subsidy")
        MENTOR_SUBSIDY = "mentor_subsidy", _("Mentor subsidy")
        APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
        WORK_PRACTICE = "work_practice", _("Work practice")

    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="job_analyses", verbose_name=_("employer")
    )
    title = models.CharField(
        _("job title"), max_length=200, validators=[validate_no_direction_controls]
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.VACANCY)
    state = models.CharField(_("status"), max_length=8, choices=State.choices, default=State.OPEN)
    occupation = models.ForeignKey(
        Occupation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("occupation (STYRK-08)"),
    )
    tasks = models.TextField(_("tasks (one per line)"), max_length=4000, blank=True)
    developed_from = models.TextField(
        _("developed from which existing roles"), max_length=2000, blank=True
    )
    open_positions = models.PositiveSmallIntegerField(_("open positions"), default=1)
    norwegian_level = models.CharField(
        _("required Norwegian level"), max_length=2, choices=CefrLevel.choices, blank=True
    )
    level_reachable_on_job = models.BooleanField(
        _("the level can be reached on the job (with a language plan)"), default=False
    )
    physical_demands = models.TextField(_("physical demands"), max_length=2000, blank=True)
    pace = models.CharField(_("pace"), max_length=8, choices=Level.choices, blank=True)
    noise = models.CharField(_("noise"), max_length=8, choices=Level.choices, blank=True)
    company = models.CharField(
        _("alone or in a team"), max_length=8, choices=Company.choices, blank=True
    )
    customer_contact = models.CharField(
        _("customer contact"), max_length=8, choices=Level.choices, blank=True
    )
    training = models.TextField(_("training routines"), max_length=2000, blank=True)
    trainer = models.CharField(_("who trains"), max_length=200, blank=True)
    days = models.PositiveSmallIntegerField(_("working days"), default=0)
    shift = models.CharField(_("shift"), max_length=10, choices=Shift.choices, blank=True)
    starts_at = models.TimeField(_("starts at"), null=True, blank=True)
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)
    hours_per_week = models.DecimalField(
        _("hours per week available"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    adaptations = models.JSONField(
        _("adaptations the workplace can offer"), default=list, blank=True
    )
    measures = models.JSONField(_("measures the workplace accepts"), default=list, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    visited_on = models.DateField(_("workplace visited on"), null=True, blank=True)
    visited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("visited by"),
    )
    # Precomputed on save for matching: the stems of the title, the tasks and the occupation's
    # name (lib/words.py), and the municipality case-folded.
    match_text = models.TextField(editable=False, default="", verbose_name=_("match text"))
    place_key = models.CharField(
        max_length=100, editable=False, default="", verbose_name=_("municipality (for matching)")
    )
    level_rank = models.PositiveSmallIntegerField(
        editable=False, default=0, verbose_name=_("required level (rank, for matching)")
    )
    start_minute = models.PositiveSmallIntegerField(
        editable=False, null=True, verbose_name=_("starts (minutes, for matching)")
    )
    end_minute = models.PositiveSmallIntegerField(
        editable=False, null=True, verbose_name=_("ends (minutes, for matching)")
    )
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
        verbose_name = _("job analysis")
        verbose_name_plural = _("job analyses")
        ordering = ["-state", "title", "pk"]
        indexes = [
            models.Index(fields=["state", "occupation"], name="job_analysis_open_occupation")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_per_week__isnull=True)
                | Q(hours_per_week__gt=0, hours_per_week__lte=168),
                name="job_analysis_hours_within_week",
            ),
            models.CheckConstraint(
                condition=Q(days__lte=127), name="job_analysis_days_are_weekdays"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.prepare_for_matching()
        super().save(*args, **kwargs)

    def prepare_for_matching(self, occupation_title: str | None = None) -> None:
        """Set the precomputed fields (``bulk_create`` does not call ``save``: call this)."""
        if occupation_title is None:
            occupation_title = self.occupation.title if self.occupation_id else ""
        self.match_text = stem_text(f"{self.title}\n{self.tasks}\n{occupation_title}")
        self.place_key = self.municipality.strip().casefold()
        self.level_rank = level_rank(self.norwegian_level)
        hours = job_hours(self.starts_at, self.ends_at, self.shift)
        self.start_minute, self.end_minute = shift_minutes(hours)

    @property
    def task_list(self) -> list[str]:
        return [line.strip() for line in self.tasks.splitlines() if line.strip()]

    @property
    def weekdays(self) -> list[Weekday]:
        return days_of(self.days)

    def adaptation_labels(self) -> list[str]:
        return [str(self.Adaptation(a).label) for a in self.adaptations if a in self.Adaptation]

    def measure_labels(self) -> list[str]:
        return [str(self.Measure(m).label) for m in self.measures if m in self.Measure]

    def get_additional_data(self) -> dict:
        return {"version": self.version}


register_masked(
    Employer,
    exclude=("version", "updated_at", "created_at", "search_text", "last_contact_on"),
)
register_masked(EmployerContact, exclude=("version",))
register_masked(PartnershipStageChange, exclude=("created_at",))
register_masked(Agreement, exclude=("version", "created_at"))


class RegisterUnit(models.Model):
    """A unit of Enhetsregisteret (the Brønnøysund Register Centre's open data) as last imported
    with ``manage.py import_enhetsregisteret``: public, national, the same for every
    organisation. A sub-unit (underenhet) is a workplace; ``parent_org_number`` is the main unit
    (hovedenhet) it belongs to, e.g. the chain of a shop."""

    class Kind(models.TextChoices):
        MAIN = "main", _("main unit")
        SUB = "sub", _("sub-unit (workplace)")

    org_number = models.CharField(_("organisation number"), max_length=9, primary_key=True)
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=300)
    organisation_form = models.CharField(_("organisation form"), max_length=10, blank=True)
    parent_org_number = models.CharField(_("main unit"), max_length=9, blank=True, db_index=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    postal_place = models.CharField(_("postal place"), max_length=100, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    municipality_number = models.CharField(_("municipality number"), max_length=4, blank=True)
    # As the register has it: a code of a newer SN version is kept, not refused.
    industry_code = models.CharField(_("industry code"), max_length=6, blank=True)
    employees = models.PositiveIntegerField(_("number of employees"), null=True, blank=True)
    bankrupt = models.BooleanField(_("bankrupt"), default=False)
    winding_up = models.BooleanField(_("being wound up"), default=False)
    deleted_on = models.DateField(_("deleted from the register"), null=True, blank=True)
    imported_at = models.DateTimeField(_("imported"))

    class Meta:
        verbose_name = _("register unit")
        verbose_name_plural = _("register units")
        ordering = ["org_number"]

    def __str__(self) -> str:
        return f"{self.org_number} {self.name}"


register_masked(
    JobAnalysis,
    exclude=(
        "version",
        "updated_at",
        "created_at",
        "match_text",
        "place_key",
        "level_rank",
        "start_minute",
        "end_minute",
    ),
)
