"""Issue 8, point 5: the main pages find their rows through an index, not by reading whole
tables. The pages run against a database of a few thousand generated rows (analysed, so the
planner knows the sizes); every SELECT they make is explained (SQLite ``EXPLAIN QUERY PLAN``;
PostgreSQL ``EXPLAIN`` with sequential scans priced out, so a plan that still has one has no
index to use), and no plan may read one of the big tables from end to end. A structural
check: it does not time anything, so a noisy machine cannot make it flake."""

from __future__ import annotations

import datetime as dt
import json
import random
from types import SimpleNamespace

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from placetrain.activities.models import Contact, NextStep
from placetrain.employers.models import Employer
from placetrain.participants.models import Participant
from tests.factories import (
    OrganisationFactory,
    ParticipantFactory,
    PlacementFactory,
    TeamFactory,
    UserFactory,
)

# The tables that grow with the years: a page may not read any of them from end to end.
BIG = {
    "participants_participant",
    "activities_contact",
    "activities_nextstep",
    "auditlog_logentry",
    "employers_employer",
}
PARTICIPANTS, EMPLOYERS, CONTACTS_EACH = 3000, 600, 6


def _build() -> SimpleNamespace:
    rng = random.Random(8)
    org = OrganisationFactory()
    teams = [TeamFactory(organisation=org, shared_caseload=i == 0) for i in range(4)]
    specialists = [
        UserFactory(team=teams[i % 4], is_job_specialist=True, organisation=org) for i in range(40)
    ]
    leader = UserFactory(team=teams[1], is_team_leader=True, organisation=org)
    specialist = specialists[1]
    participant = ParticipantFactory(specialist=specialist)
    people = Participant.objects.bulk_create(
        Participant(
            organisation=org,
            team=s.team,
            specialist=s,
            first_name=f"Fornavn{i}",
            last_name=f"Etternavn{i}",
            search_name=f"fornavn{i} etternavn{i}",
            birth_date=dt.date(1980 + i % 30, 1 + i % 12, 1 + i % 28),
            status="ended" if i % 3 else "active",
        )
        for i, s in ((i, specialists[i % 40]) for i in range(PARTICIPANTS))
    )
    employers = Employer.objects.bulk_create(
        Employer(
            organisation=org,
            name=f"Bedrift {i} AS",
            org_number=f"{900000000 + i:09d}",
            search_text=f"bedrift {i} as",
        )
        for i in range(EMPLOYERS)
    )
    now = timezone.now()
    Contact.objects.bulk_create(
        Contact(
            organisation=org,
            participant=p,
            employer=rng.choice(employers) if n % 2 else None,
            author=p.specialist,
            occurred_at=now - dt.timedelta(days=rng.randrange(3000)),
            note="Samtale",
        )
        for p in [*people, participant]
        for n in range(CONTACTS_EACH)
    )
    NextStep.objects.bulk_create(
        NextStep(
            organisation=org,
            participant=p,
            owner=p.specialist,
            description="Følge opp",
            due_on=now.date() + dt.timedelta(days=rng.randrange(-30, 30)),
            done_at=None if n == 0 else now,
        )
        for p in people
        for n in range(2)
    )
    kind = ContentType.objects.get_for_model(Participant)
    LogEntry.objects.bulk_create(
        LogEntry(
            content_type=kind,
            object_pk=str(p.pk),
            object_id=p.pk,
            object_repr=f"deltaker #{p.pk}",
            action=LogEntry.Action.ACCESS,
            actor=p.specialist,
            additional_data={"section": "overview"},
        )
        for p in people
        for _ in range(3)
    )
    placement = PlacementFactory(started=True, participant=participant, employer=employers[0])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return SimpleNamespace(
        specialist=specialist,
        leader=leader,
        participant=participant,
        employer=employers[0],
        placement=placement,
    )


@pytest.fixture(scope="module")
def case(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build()
        transaction.set_rollback(True)


def _pages(case) -> dict[str, tuple[object, str, dict[str, str] | None]]:
    participant = case.participant.pk
    return {
        "my-day": (case.specialist, reverse("activities:my-day"), None),
        "participant list": (case.leader, reverse("participants:participant-list"), None),
        "participant list, filtered": (
            case.leader,
            reverse("participants:participant-list") + "?status=active",
            None,
        ),
        "participant search": (
            case.leader,
            reverse("participants:participant-list"),
            {"q": "etternavn12"},
        ),
        "participant page": (
            case.specialist,
            reverse("participants:participant-detail", args=[participant]),
            None,
        ),
        "participant list, a specialist": (
            case.specialist,
            reverse("participants:participant-list"),
            None,
        ),
        "timeline": (
            case.specialist,
            reverse("participants:participant-timeline", args=[participant]),
            None,
        ),
        "stages": (
            case.specialist,
            reverse("participants:stage-list", args=[participant]),
            None,
        ),
        "access log": (
            case.specialist,
            reverse("participants:access-log-list", args=[participant]),
            None,
        ),
        "employer list": (case.specialist, reverse("employers:employer-list"), None),
        "employer page": (
            case.specialist,
            reverse("employers:employer-detail", args=[case.employer.pk]),
            None,
        ),
        "placement page": (
            case.specialist,
            reverse("placements:placement-detail", args=[case.placement.pk]),
            None,
        ),
    }


def _selects(user, url: str, data: dict[str, str] | None) -> list[tuple[str, tuple]]:
    seen: list[tuple[str, tuple]] = []

    def record(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("SELECT") and not many:
            seen.append((sql, tuple(params or ())))
        return execute(sql, params, many, context)

    client = Client()
    client.force_login(user)
    with connection.execute_wrapper(record):
        response = client.post(url, data) if data else client.get(url)
    assert response.status_code == 200, url
    return seen


def _full_reads(sql: str, params: tuple) -> list[str]:
    """The big tables this statement reads from end to end, by its plan."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            details = [row[3] for row in cursor.fetchall()]
            # "SCAN t" reads every row of t; "SCAN t USING ... INDEX" every entry of an index.
            return [d for d in details if d.startswith("SCAN ") and d.split()[1] in BIG]
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        return [
            f"Seq Scan on {node['Relation Name']}"
            for node in _nodes(plan[0]["Plan"])
            if node.get("Node Type") == "Seq Scan" and node.get("Relation Name") in BIG
        ]


def _nodes(node: dict) -> list[dict]:
    return [node, *(n for child in node.get("Plans", []) for n in _nodes(child))]


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize(
    "page",
    [
        "my-day",
        "participant list",
        "participant list, filtered",
        "participant search",
        "participant page",
        "participant list, a specialist",
        "timeline",
        "stages",
        "access log",
        "employer list",
        # Not the employer search: a substring of a name reads the organisation's employers
        # (1 250 at the largest) whatever the index, and here one organisation is the table.
        "employer page",
        "placement page",
    ],
)
def test_the_page_reads_no_big_table_from_end_to_end(case, page):
    user, url, data = _pages(case)[page]

    problems = {
        sql[:160]: reads
        for sql, params in _selects(user, url, data)
        if (reads := _full_reads(sql, params))
    }

    assert problems == {}, page


@pytest.mark.django_db
def test_the_check_sees_a_table_read_from_end_to_end(case):
    """The check itself: a filter on a column without an index reads the whole table."""
    table = Contact._meta.db_table
    note = connection.ops.quote_name("note")

    with transaction.atomic():
        reads = _full_reads(f"SELECT * FROM {table} WHERE {note} = %s", ("Samtale",))

    assert reads and table in reads[0]
