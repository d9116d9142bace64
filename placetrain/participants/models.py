from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from placetrain.accounts.models import Organisation, Team
from placetrain.lib.audit import register_masked
from placetrain.lib.validators import validate_no_direction_controls


class Programme(models.Model):
    """A programme the participant is in (an editable list per organisation)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="programmes",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=120)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="programme_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


DEFAULT_PROGRAMMES = [
    "Introduksjonsprogrammet",
    "Kvalifiseringsprogrammet (KVP)",
    "Jobbsjansen",
    "IPS – Individuell jobbstøtte",
    "Annet",
]


class NorwegianLevel(models.TextChoices):
    UNKNOWN = "", _("Unknown")
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"


class Status(models.TextChoices):
    REFERRED = "referred", _("Referred")
    ACTIVE = "active", _("Active")
    IN_PLACEMENT = "in_placement", _("In placement")
    EMPLOYED = "employed", _("Employed")
    FOLLOW_UP = "follow_up", _("Follow-up after hiring")
    ENDED = "ended", _("Ended")


class Stage(models.IntegerChoices):
    """The EUSE five-stage process (femtrinnsprosessen): a guide, never a gate."""

    ENGAGEMENT = 1, _("1 – Engagement and agreement")
    PROFILE = 2, _("2 – Vocational profile and career planning")
    JOB_FINDING = 3, _("3 – Finding a suitable job")
    EMPLOYER = 4, _("4 – Cooperation with the employer")
    SUPPORT = 5, _("5 – Training and support on and off the job")


class ParticipantQuerySet(models.QuerySet):
    def active(self) -> ParticipantQuerySet:
        return self.exclude(status=Status.ENDED)

    def likely_duplicates(
        self, *, organisation_id: int, first_name: str, last_name: str, birth_date: dt.date | None
    ) -> ParticipantQuerySet:
        # Names are compared in Python: SQLite's iexact folds only ASCII, so "ØYVIND" would
        # not match "Øyvind". Same organisation and birth date leaves a handful of rows.
        wanted = (first_name.strip().casefold(), last_name.strip().casefold())
        candidates = self.filter(organisation_id=organisation_id, birth_date=birth_date)
        pks = [
            pk
            for pk, first, last in candidates.values_list("pk", "first_name", "last_name")
            if (first.strip().casefold(), last.strip().casefold()) == wanted
        ]
        return self.filter(pk__in=pks)


class Participant(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="participants",
        verbose_name=_("organisation"),
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="participants", verbose_name=_("team")
    )
    specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="caseload",
        verbose_name=_("responsible job specialist"),
    )
    language_teachers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="language_participants",
        verbose_name=_("language teachers"),
    )

    first_name = models.CharField(
        _("first name"), max_length=100, validators=[validate_no_direction_controls]
    )
    last_name = models.CharField(
        _("last name"), max_length=100, validators=[validate_no_direction_controls]
    )
    birth_date = models.DateField(_("birth date"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    mother_tongue = models.CharField(_("mother tongue"), max_length=100, blank=True)
    other_languages = models.CharField(_("other languages"), max_length=200, blank=True)
    norwegian_level = models.CharField(
        _("Norwegian level (CEFR)"),
        max_length=2,
        choices=NorwegianLevel.choices,
        blank=True,
        default=NorwegianLevel.UNKNOWN,
    )
    norwegian_level_date = models.DateField(_("level assessed on"), null=True, blank=True)
    norwegian_level_assessed_by = models.CharField(
        _("level assessed by"), max_length=200, blank=True
    )
    education = models.TextField(_("education"), max_length=2000, blank=True)

    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("programme"),
    )
    referral_date = models.DateField(_("referral date"), null=True, blank=True)
    referred_by = models.CharField(_("referred by (person or service)"), max_length=200, blank=True)
    referral_order = models.TextField(
        _("the order (bestilling), in the referrer's words"), max_length=4000, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REFERRED
    )
    stage = models.PositiveSmallIntegerField(
        _("stage"), choices=Stage.choices, default=Stage.ENGAGEMENT
    )

    # Case-folded "first last": SQLite's LIKE folds only ASCII, so "ørsta" would miss "Ørsta".
    search_name = models.CharField(
        max_length=201, editable=False, default="", db_index=True, verbose_name=_("search name")
    )
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated"))

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["last_name", "first_name", "pk"]
        indexes = [
            models.Index(fields=["organisation", "last_name", "first_name"]),
            models.Index(fields=["specialist", "status"]),
            models.Index(fields=["team", "status"]),
        ]

    def __str__(self) -> str:
        # Never a name: __str__ ends up in logs, admin messages and error reports.
        return f"{self._meta.verbose_name} #{self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_name = self.make_search_name(self.first_name, self.last_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"first_name", "last_name"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)

    @staticmethod
    def make_search_name(first_name: str, last_name: str) -> str:
        return f"{first_name.strip()} {last_name.strip()}".casefold()

    def get_additional_data(self) -> dict:
        # Read by auditlog on every change row: lets a conflict say what changed since a version.
        return {"version": self.version}

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class StatusChange(models.Model):
    """Dated history of a participant's status."""

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("participant"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    changed_on = models.DateField(_("date"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-changed_on", "-pk"]

    def __str__(self) -> str:
        return f"status change #{self.pk}"


class StageChange(models.Model):
    """Dated history of the participant's EUSE stage (forward or back, by a person, or forward
    by the system when the record shows a placement start or a hire: ``cause``)."""

    class Cause(models.TextChoices):
        PERSON = "", _("Changed by hand")
        PLACEMENT_STARTED = "placement_started", _("A placement started")
        HIRED = "hired", _("Hired")

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="stage_changes",
        verbose_name=_("participant"),
    )
    stage = models.PositiveSmallIntegerField(_("stage"), choices=Stage.choices)
    changed_on = models.DateField(_("date"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    cause = models.CharField(
        _("why"), max_length=30, choices=Cause.choices, blank=True, default=Cause.PERSON
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["-changed_on", "-pk"]

    def __str__(self) -> str:
        return f"stage change #{self.pk}"


class Evidence(models.TextChoices):
    """What in the record proves a checklist item done, so the system ticks it "from the record"
    and nobody ticks it again. The apps that own the records say what proves each one
    (``pages.checklist_evidence``)."""

    REFERRAL = "referral", _("A referral with its order")
    CONSENT = "consent", _("A consent given and not withdrawn")
    NORWEGIAN_LEVEL = "norwegian_level", _("An assessed Norwegian level")
    PROFILE = "profile", _("A vocational profile")
    FIVE_WORKPLACES = "five_workplaces", _("Five wished workplaces in the vocational profile")
    EARLY_PLACEMENT = "early_placement", _("A placement planned within 2 weeks of the referral")
    AGREEMENT = "agreement", _("A started placement (its plan answers the six questions)")
    MENTOR = "mentor", _("A mentor named for a placement")
    INTENTION_AGREEMENT = "intention_agreement", _("An intention agreement on a placement")
    STARTUP_MEETING = "startup_meeting", _("A start-up meeting held")
    EARLY_EVALUATION = (
        "early_evaluation",
        _("An evaluation meeting held within a month of the start"),
    )
    TRAINING_PLAN = "training_plan", _("A training plan on a started placement")
    HIRE_OR_EVALUATED_END = (
        "hire_or_evaluated_end",
        _("A hire, or a placement ended with an evaluation"),
    )
    FOLLOW_UP_PLAN = "follow_up_plan", _("Follow-up check-ins planned for a year after hiring")


class ChecklistItem(models.Model):
    """One activity of a stage (from the EUSE process and the Tromsøpakken criteria); the list
    is kept by administrators. An item with ``evidence`` is ticked by what the record shows."""

    stage = models.PositiveSmallIntegerField(_("stage"), choices=Stage.choices)
    text = models.CharField(_("activity"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)
    evidence = models.CharField(
        _("ticked from the record by"),
        max_length=40,
        choices=Evidence.choices,
        blank=True,
        help_text=_("Leave empty for an item only the job specialist can tick."),
    )

    class Meta:
        ordering = ["stage", "order", "pk"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self) -> str:
        return self.text


class ChecklistTick(models.Model):
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="checklist_ticks",
        verbose_name=_("participant"),
    )
    item = models.ForeignKey(
        ChecklistItem,
        on_delete=models.CASCADE,
        related_name="ticks",
        verbose_name=_("checklist item"),
    )
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ticked by"),
    )
    ticked_at = models.DateTimeField(auto_now_add=True, verbose_name=_("ticked"))

    class Meta:
        verbose_name = _("checklist tick")
        verbose_name_plural = _("checklist ticks")
        constraints = [
            models.UniqueConstraint(fields=["participant", "item"], name="checklist_tick_once")
        ]

    def __str__(self) -> str:
        return f"checklist tick #{self.pk}"


class VocationalProfile(models.Model):
    """One saved version of the participant's vocational profile (yrkesprofil). Every save adds
    a version; the newest is the current profile, and the page shows what changed between."""

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="profiles",
        verbose_name=_("participant"),
    )
    number = models.PositiveIntegerField(_("version"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    job_wishes = models.TextField(_("job wishes: kinds of work"), max_length=2000, blank=True)
    work_environment = models.TextField(_("wished work environment"), max_length=2000, blank=True)
    desired_workplaces = models.TextField(
        _("workplaces the participant would like to work at (up to five, one per line)"),
        max_length=1000,
        blank=True,
    )
    interests = models.TextField(_("interests"), max_length=2000, blank=True)
    strengths = models.TextField(_("strengths"), max_length=2000, blank=True)
    energy = models.TextField(_("what gives energy"), max_length=2000, blank=True)
    formal_skills = models.TextField(_("formal skills"), max_length=2000, blank=True)
    informal_skills = models.TextField(_("informal skills"), max_length=2000, blank=True)
    support_physical = models.TextField(_("support needs: physical"), max_length=2000, blank=True)
    support_psychological = models.TextField(
        _("support needs: psychological"), max_length=2000, blank=True
    )
    support_social = models.TextField(_("support needs: social"), max_length=2000, blank=True)
    support_language = models.TextField(_("support needs: language"), max_length=2000, blank=True)
    support_practical = models.TextField(
        _("support needs: practical (childcare, transport)"), max_length=2000, blank=True
    )
    barriers = models.TextField(_("barriers"), max_length=2000, blank=True)
    hours_capacity = models.PositiveSmallIntegerField(
        _("hours capacity (% of full time)"), null=True, blank=True
    )
    availability = models.CharField(_("availability (days and times)"), max_length=300, blank=True)
    # The structured part of the wishes and the availability, which matching reads.
    wished_occupations = models.JSONField(
        _("wished occupations (STYRK-08)"), default=list, blank=True
    )
    available_days = models.PositiveSmallIntegerField(_("available days"), default=0)
    available_from = models.TimeField(_("available from"), null=True, blank=True)
    available_until = models.TimeField(_("available until"), null=True, blank=True)
    reflection_done = models.TextField(_("done (gjort)"), max_length=2000, blank=True)
    reflection_learned = models.TextField(_("learned (lært)"), max_length=2000, blank=True)
    reflection_next = models.TextField(_("smart next time (lurt)"), max_length=2000, blank=True)

    CONTENT_FIELDS = (
        "job_wishes",
        "wished_occupations",
        "work_environment",
        "desired_workplaces",
        "interests",
        "strengths",
        "energy",
        "formal_skills",
        "informal_skills",
        "support_physical",
        "support_psychological",
        "support_social",
        "support_language",
        "support_practical",
        "barriers",
        "hours_capacity",
        "available_days",
        "available_from",
        "available_until",
        "availability",
        "reflection_done",
        "reflection_learned",
        "reflection_next",
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = _("vocational profile")
        verbose_name_plural = _("vocational profiles")
        constraints = [
            models.UniqueConstraint(fields=["participant", "number"], name="profile_version_once"),
            models.CheckConstraint(
                condition=Q(hours_capacity__isnull=True) | Q(hours_capacity__lte=100),
                name="profile_hours_capacity_max_100",
            ),
        ]

    # Set by selectors.profile_history: the fields this version changed from the one before.
    changed: list[str]

    def __str__(self) -> str:
        return f"vocational profile #{self.pk}"

    @property
    def workplaces(self) -> list[str]:
        return [line.strip() for line in self.desired_workplaces.splitlines() if line.strip()]

    def is_empty(self, name: str) -> bool:
        """Whether content field ``name`` is not filled in (no days is 0; no wishes, [])."""
        value = getattr(self, name)
        return value in ("", None, []) or (name == "available_days" and value == 0)

    def changed_fields(self, previous: VocationalProfile | None) -> list[str]:
        """Names of the content fields that differ from ``previous`` (all filled ones if None)."""
        if previous is None:
            return [f for f in self.CONTENT_FIELDS if not self.is_empty(f)]
        return [f for f in self.CONTENT_FIELDS if getattr(self, f) != getattr(previous, f)]


class WorkHistoryEntry(models.Model):
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="work_history",
        verbose_name=_("participant"),
    )
    workplace = models.CharField(_("workplace"), max_length=200)
    role = models.CharField(_("job or role"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    start_year = models.PositiveSmallIntegerField(_("from year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-start_year", "-pk"]
        verbose_name = _("work history entry")
        verbose_name_plural = _("work history")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="work_history_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"work history #{self.pk}"


class Consent(models.Model):
    """What the participant has agreed may be shared, and with whom (samtykke)."""

    class Topic(models.TextChoices):
        GOALS = "goals", _("Goals and job wishes")
        LANGUAGE = "language", _("Norwegian level and language plan")
        WORK_HISTORY = "work_history", _("Work history and skills")
        SUPPORT_NEEDS = "support_needs", _("Support needs and accommodation")
        EDUCATION = "education", _("Education")
        # Other employers the participant names: not the placement's employer's to know by
        # default, even when goals and job wishes are shared.
        WORKPLACES = "workplaces", _("Workplaces the participant would like to work at")

    class Kind(models.TextChoices):
        EMPLOYER_DISCLOSURE = "employer", _("What may be told to employers")
        SERVICE_CONTACT = "service", _("Services that may be contacted")

    class Method(models.TextChoices):
        WRITTEN = "written", _("Written, signed")
        DIGITAL = "digital", _("Digital")
        ORAL = "oral", _("Oral, noted by the specialist")

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="consents",
        verbose_name=_("participant"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    scope = models.CharField(
        _("what or whom it covers"),
        max_length=500,
        help_text=_("E.g. 'language level and work history' or 'the GP and the housing office'."),
    )
    topics = models.JSONField(
        _("topics the employer may be told"),
        default=list,
        blank=True,
        help_text=_(
            "Only for consents about employers: what printed plans for employers may show."
        ),
    )
    given_on = models.DateField(_("given on"))
    method = models.CharField(_("how it was given"), max_length=20, choices=Method.choices)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"consent #{self.pk}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None

    @property
    def topic_labels(self) -> list[str]:
        """The topics as the user reads them (a value no longer in the list shows as stored)."""
        labels = dict(self.Topic.choices)
        return [str(labels.get(topic, topic)) for topic in self.topics or []]


class SensitiveInfo(models.Model):
    """Health, drugs, social situation, housing: seen only by the responsible specialist and
    the team leader, and every read is logged separately as section "sensitive"."""

    participant = models.OneToOneField(
        Participant,
        on_delete=models.CASCADE,
        related_name="sensitive",
        verbose_name=_("participant"),
    )
    health = models.TextField(_("health"), max_length=4000, blank=True)
    substance_use = models.TextField(_("drugs and alcohol"), max_length=4000, blank=True)
    social_situation = models.TextField(_("social situation"), max_length=4000, blank=True)
    housing = models.TextField(_("housing"), max_length=4000, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated"))

    class Meta:
        verbose_name = _("sensitive information")
        verbose_name_plural = _("sensitive information")

    def __str__(self) -> str:
        return f"sensitive #{self.pk}"

    def get_additional_data(self) -> dict:
        return {"version": self.version}


register_masked(Participant, exclude=("version", "updated_at", "created_at", "search_name"))
register_masked(StatusChange)
register_masked(WorkHistoryEntry)
register_masked(StageChange)
register_masked(ChecklistTick)
register_masked(VocationalProfile)
register_masked(Consent)
register_masked(SensitiveInfo, exclude=("version", "updated_at"))
