"""Named personas for every role, and the world they work in.

Team A (shared caseload off) and team B in one organisation; a second organisation exists so
that nothing leaks across organisations either: ask for the ``other_org`` fixture and
``world.other_*`` holds its team (caseload shared), job specialist, team leader, language
teacher, a participant with a sensitive section, a consent and a vocational profile, and an
employer with a contact person.

The second organisation is built only for the tests that ask for it: ``world`` runs for
nearly every test, and many of them count what exists (``assert not Consent.objects.exists()``).
Asked for as a fixture, it exists before the test's first request — a list checked for leaks
has had something to leak.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

import pytest
from django.utils import timezone

from tests.factories import (
    ConsentFactory,
    EmployerContactFactory,
    EmployerFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProgrammeFactory,
    SensitiveInfoFactory,
    TeamFactory,
    UserFactory,
    VocationalProfileFactory,
)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PERSONAS = [
    "anonymous",
    "specialist_a",
    "specialist_a2",
    "specialist_b",
    "leader_a",
    "teacher",
    "admin",
]


@pytest.fixture(autouse=True)
def _classifications(request):
    """STYRK-08 and SN2007 as the migration loads them, in every test that uses the database.
    A transactional test (the browser tests) ends by emptying every table, migration data
    included, so a later test in the same worker finds them gone: load them again then (one
    query when they are there)."""
    names = set(request.fixturenames)
    if "transactional_db" in names or "live_server" in names:
        request.getfixturevalue("transactional_db")
    elif "db" in names:
        request.getfixturevalue("db")
    elif request.node.get_closest_marker("django_db") is None:
        return
    from placetrain.classifications.loading import load
    from placetrain.classifications.models import Industry, Occupation

    if not Industry.objects.exists():
        load(Occupation)
        load(Industry)


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # The production hasher costs ~0.3 s per user; tests need no brute-force resistance.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    org: object
    team_a: object
    team_b: object
    specialist_a: object
    specialist_a2: object
    specialist_b: object
    leader_a: object
    teacher: object
    admin: object
    participant_a: object  # specialist_a's, taught by teacher
    participant_b: object  # specialist_b's
    employer: object
    programme: object
    # The second organisation: None until the test asks for the ``other_org`` fixture.
    other_org: object = None
    other_team: object = None  # shared caseload on
    other_specialist: object = None
    other_leader: object = None
    other_teacher: object = None
    other_programme: object = None
    other_participant: object = None  # other_specialist's, taught by other_teacher
    other_sensitive: object = None
    other_consent: object = None
    other_profile: object = None
    other_employer: object = None  # the same organisation number as ``employer``
    other_contact_person: object = None

    def user(self, persona: str):
        return None if persona == "anonymous" else getattr(self, persona)


@pytest.fixture
def world(db) -> World:
    org = OrganisationFactory(name="Elvestad kommune")
    team_a = TeamFactory(organisation=org, name="Team A")
    team_b = TeamFactory(organisation=org, name="Team B")
    specialist_a = UserFactory(username="spes_a", team=team_a, is_job_specialist=True)
    specialist_a2 = UserFactory(username="spes_a2", team=team_a, is_job_specialist=True)
    specialist_b = UserFactory(username="spes_b", team=team_b, is_job_specialist=True)
    leader_a = UserFactory(username="leder_a", team=team_a, is_team_leader=True)
    teacher = UserFactory(username="laerer", team=team_a, is_language_teacher=True)
    admin = UserFactory(
        username="admin", team=None, organisation=org, is_administrator=True, is_staff=True
    )
    programme = ProgrammeFactory(organisation=org, name="Jobbsjansen")
    participant_a = ParticipantFactory(specialist=specialist_a, programme=programme)
    participant_a.language_teachers.add(teacher)
    SensitiveInfoFactory(participant=participant_a, health="Astma")
    participant_b = ParticipantFactory(specialist=specialist_b, programme=programme)
    employer = EmployerFactory(organisation=org, org_number="923609016", name="Rema Elvestad AS")
    return World(
        org,
        team_a,
        team_b,
        specialist_a,
        specialist_a2,
        specialist_b,
        leader_a,
        teacher,
        admin,
        participant_a,
        participant_b,
        employer,
        programme,
    )


@pytest.fixture
def other_org(world):
    """The second organisation, built into ``world.other_*``: a neighbouring municipality that
    registers the same employer (same organisation number) under its own name."""
    return _build_other_organisation(world)


def _build_other_organisation(world: World):
    # Names that cannot turn up on a page of the first organisation by chance.
    org = OrganisationFactory(name="Nabokommunen")
    team = TeamFactory(organisation=org, name="Team Nabo", shared_caseload=True)
    people = {"team": team, "first_name": "Nabo"}
    specialist = UserFactory(
        username="spes_nabo", last_name="Spesialistnabo", is_job_specialist=True, **people
    )
    leader = UserFactory(
        username="leder_nabo", last_name="Ledernabo", is_team_leader=True, **people
    )
    teacher = UserFactory(
        username="laerer_nabo", last_name="Laerernabo", is_language_teacher=True, **people
    )
    programme = ProgrammeFactory(organisation=org, name="Nabosjansen")
    participant = ParticipantFactory(
        specialist=specialist, programme=programme, first_name="Nabotest", last_name="Grensesen"
    )
    participant.language_teachers.add(teacher)
    employer = EmployerFactory(
        organisation=org, org_number=world.employer.org_number, name="Nabobakeriet AS"
    )
    world.other_org = org
    world.other_team = team
    world.other_specialist = specialist
    world.other_leader = leader
    world.other_teacher = teacher
    world.other_programme = programme
    world.other_participant = participant
    world.other_sensitive = SensitiveInfoFactory(participant=participant, health="Diabetes")
    world.other_consent = ConsentFactory(
        participant=participant,
        scope="Arbeidserfaring",
        given_on=timezone.localdate() - dt.timedelta(days=30),
    )
    world.other_profile = VocationalProfileFactory(
        participant=participant, number=1, job_wishes="Bakeri"
    )
    world.other_employer = employer
    world.other_contact_person = EmployerContactFactory(employer=employer, name="Nils Nabo")
    return org


@pytest.fixture
def client_for(client):
    """``client_for(user)``: the test client logged in as ``user`` (or anonymous for None)."""

    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return login


@pytest.fixture
def as_specialist(world, client_for):
    """The client logged in as specialist_a, responsible for participant_a."""
    return client_for(world.specialist_a)


@pytest.fixture
def english_pages(request):
    """Pages and messages in English for modules whose assertions read the English msgids:
    every user of the test speaks English, and so does the test's own translation context."""
    from django.utils import translation

    if "world" in request.fixturenames:
        request.getfixturevalue("world")
        from placetrain.accounts.models import User

        User.objects.update(language="en")
    with translation.override("en"):
        yield
