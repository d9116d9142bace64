"""factory_boy factories for the domain. Names are generated, never real."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from placetrain.accounts.models import Organisation, Team, User
from placetrain.activities.models import Contact, NextStep
from placetrain.employers.models import Employer, EmployerContact
from placetrain.participants.models import Consent, Participant, Programme, SensitiveInfo

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
