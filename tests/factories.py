"""factory_boy factories for the domain. Names are generated, never real."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from placetrain.accounts.models import Organisation, Team, User
from placetrain.activities.models import Contact, NextStep
from placetrain.employers.models import Agreement, Employer, EmployerContact, JobAnalysis
from placetrain.employment.models import Employment, FollowUpCheckin
from placetrain.language.models import LanguagePlan
from placetrain.participants.models import (
    Consent,
    Participant,
    Programme,
    SensitiveInfo,
    VocationalProfile,
)
from placetrain.placements.models import (
    Meeting,
    Placement,
    PlacementType,
    Purpose,
    TrainingTask,
)
from placetrain.placements.services import placement_start

VALID_ORG_NUMBERS = ["923609016", "974760673", "971526920", "985399077", "889640782"]


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Kommune {n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="no_NO")
    last_name = factory.Faker("last_name", locale="no_NO")
    organisation = factory.LazyAttribute(lambda o: o.team.organisation if o.team else None)
    team = factory.SubFactory(TeamFactory)
    password = factory.django.Password("pw-for-tests-1")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Program {n}")


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    specialist = factory.SubFactory(UserFactory, is_job_specialist=True)
    organisation = factory.LazyAttribute(lambda o: o.specialist.organisation)
    team = factory.LazyAttribute(lambda o: o.specialist.team)
    first_name = factory.Faker("first_name", locale="no_NO")
    last_name = factory.Faker("last_name", locale="no_NO")
    birth_date = dt.date(1990, 5, 17)
    phone = "90000000"


class SensitiveInfoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SensitiveInfo

    participant = factory.SubFactory(ParticipantFactory)
    health = "Ryggplager"


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    participant = factory.SubFactory(ParticipantFactory)
    kind = Consent.Kind.EMPLOYER_DISCLOSURE
    scope = "Norsknivå"
    given_on = dt.date(2026, 1, 5)
    method = Consent.Method.WRITTEN


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    organisation = factory.SubFactory(OrganisationFactory)
    org_number = factory.Sequence(lambda n: f"{800000000 + n * 11:09d}")
    name = factory.Sequence(lambda n: f"Bedrift {n} AS")


class EmployerContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmployerContact

    employer = factory.SubFactory(EmployerFactory)
    name = factory.Faker("name", locale="no_NO")


class JobAnalysisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobAnalysis

    employer = factory.SubFactory(EmployerFactory)
    title = factory.Sequence(lambda n: f"Butikkmedarbeider {n}")
    occupation_id = "5223"  # shop sales assistants
    days = 31  # Monday to Friday
    shift = JobAnalysis.Shift.DAY
    hours_per_week = 30


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    employer = factory.SubFactory(EmployerFactory)
    kind = Agreement.Kind.FRAMEWORK
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    participant = factory.SubFactory(ParticipantFactory)
    organisation = factory.LazyAttribute(lambda o: o.participant.organisation)
    author = factory.LazyAttribute(lambda o: o.participant.specialist)
    occurred_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=3))
    note = "Besøk"


class NextStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NextStep

    participant = factory.SubFactory(ParticipantFactory)
    organisation = factory.LazyAttribute(lambda o: o.participant.organisation)
    owner = factory.LazyAttribute(lambda o: o.participant.specialist)
    description = "Besøk"
    due_on = factory.LazyFunction(timezone.localdate)


# --- the place-train workflow ----------------------------------------------------------------
# Factories write rows directly: use them to set the scene. To test a rule of the method, go
# through the service (placement_start, placement_end, employment_create …) instead.

START = dt.date(2026, 11, 2)


class VocationalProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VocationalProfile

    participant = factory.SubFactory(ParticipantFactory)
    number = factory.Sequence(lambda n: n + 1)
    created_by = factory.LazyAttribute(lambda o: o.participant.specialist)
    job_wishes = "Butikk, lager"
    strengths = "Punktlig"


class PlacementFactory(factory.django.DjangoModelFactory):
    """A planned placement with only what planning needs. ``answered=True`` answers the 6H
    questions too (with a profile and a first training task); ``started=True`` also starts it."""

    class Meta:
        model = Placement
        skip_postgeneration_save = True

    class Params:
        answered = factory.Trait(
            purpose=Purpose.PAID_JOB,
            goal="Fast deltidsjobb i butikk",
            why_here="Nær hjemmet, rolig tempo",
            follow_up_by=factory.LazyAttribute(lambda o: o.participant.specialist),
            follow_up_every_days=14,
            mentor_name="Kari Fadder",
            next_step_after="Ansettelse",
        )
        started = factory.Trait(
            answered=True,
            state=Placement.State.STARTED,
            started_on=factory.SelfAttribute("planned_start"),
        )

    participant = factory.SubFactory(ParticipantFactory)
    employer = factory.LazyAttribute(
        lambda o: EmployerFactory(organisation=o.participant.organisation)
    )
    kind = PlacementType.WORK_PRACTICE
    planned_start = START
    planned_end = factory.LazyAttribute(lambda o: o.planned_start + dt.timedelta(days=60))
    created_by = factory.LazyAttribute(lambda o: o.participant.specialist)

    @factory.post_generation
    def six_h_records(self, create: bool, extracted, **kwargs) -> None:
        """An answered placement has the records the 6H gate looks for: a vocational profile
        of the participant and a first task in the training plan."""
        if not create or not self.purpose:
            return
        if not self.participant.profiles.exists():
            VocationalProfileFactory(participant=self.participant, number=1)
        if not self.tasks.exists():
            TrainingTaskFactory(placement=self, description="Fylle på hyller")


class TrainingTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingTask

    placement = factory.SubFactory(PlacementFactory)
    order = factory.Sequence(lambda n: n + 1)
    description = factory.Sequence(lambda n: f"Oppgave {n}")


class MeetingFactory(factory.django.DjangoModelFactory):
    """A planned meeting three days ahead; held ones need ``held_on`` and ``notes``."""

    class Meta:
        model = Meeting

    placement = factory.SubFactory(PlacementFactory, started=True)
    kind = Meeting.Kind.STATUS
    planned_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=3))
    place = "På arbeidsplassen"
    created_by = factory.LazyAttribute(lambda o: o.placement.participant.specialist)


class EmploymentFactory(factory.django.DjangoModelFactory):
    """A job, without its follow-up plan: ``employment_create`` proposes that."""

    class Meta:
        model = Employment

    participant = factory.SubFactory(ParticipantFactory)
    employer = factory.LazyAttribute(
        lambda o: EmployerFactory(organisation=o.participant.organisation)
    )
    kind = Employment.Kind.PART_TIME
    started_on = START
    percent_of_full_time = 60


class FollowUpCheckinFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpCheckin

    employment = factory.SubFactory(EmploymentFactory)
    due_on = factory.LazyAttribute(lambda o: o.employment.started_on + dt.timedelta(weeks=1))
    label = "1w"


class LanguagePlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LanguagePlan

    participant = factory.SubFactory(ParticipantFactory)
    current_level = "A2"
    required_level = "B1"
    final_goal = "Norskprøve B1 muntlig"


def answered_placement(participant, *, employer, **overrides) -> Placement:
    """A planned placement of ``participant`` at ``employer`` that answers all six questions,
    from ten days ago to sixty days ahead."""
    start = timezone.localdate() - dt.timedelta(days=10)
    defaults = {"planned_start": start, "planned_end": start + dt.timedelta(days=70)}
    return PlacementFactory(
        answered=True, participant=participant, employer=employer, **{**defaults, **overrides}
    )


def started_placement(participant, *, employer, user=None, **overrides) -> Placement:
    """``answered_placement``, started through the service (so the participant is in
    placement, with the status change that goes with it)."""
    placement = answered_placement(participant, employer=employer, **overrides)
    placement_start(
        user=user or participant.specialist, placement=placement, started_on=placement.planned_start
    )
    return Placement.objects.get(pk=placement.pk)
