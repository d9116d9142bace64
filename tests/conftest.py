"""Named personas for every role, and the world they work in.

Team A (shared caseload off) and team B in one organisation; a second organisation exists so
that nothing leaks across organisations either.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

from tests.factories import (
    EmployerFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProgrammeFactory,
    SensitiveInfoFactory,
    TeamFactory,
    UserFactory,
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
