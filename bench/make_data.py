"""A large, realistic database for the benchmarks (issue 8): eight years of a region's work.

    .venv/bin/python bench/make_data.py --participants 100000 [--database-url URL] [--seed 8]

Writes into the database at ``--database-url`` (default: ``DATABASE_URL``; a PostgreSQL
database that does not exist yet is created), which must hold no participants yet. Everything
is generated (the demo's Faker locales and word lists, with a fixed seed); nothing is real.

What it writes, at 100 000 participants: four organisations of teams of about eight job
specialists, each specialist with 15–40 active participants (the benchmark's ``spesialist1``
has 27) and the cases they closed over eight years; ~5 000 employers with contact persons,
the busiest with tens of thousands of contacts; ~1 000 000 contacts, next steps, placements
(planned, started, ended) with extensions, training tasks and meetings, jobs with their
follow-up check-ins, language plans, status and stage history, consents, work history,
sensitive sections; and ~1.2 million rows of access log and change history as the app writes
them (``lib.audit``: ACCESS with the section read, CREATE/UPDATE with every value masked).

Each case is planned as the demo plans one (``placetrain/demo/courses.py``), dated back from
the day it was current: an active case from today, a closed one from a day in the last eight
years. Rows go in with ``bulk_create`` in batches, a few thousand cases at a time, so memory
stays flat; the denormalised columns are filled as the models' ``save()`` fills them. It prints
the rows and seconds per table and the usernames the benchmark logs in as (password: the
demo's).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SPECIALIST = "spesialist1"  # a typical job specialist: 27 active participants
LEADER = "leder.nord"  # the team leader of spesialist1's team
NAMED_CASELOAD = 27
TEAM_SIZE = 8  # job specialists per team
ORG_SIZE = 25_000  # participants per organisation
ACTIVE_SHARE = 0.15  # of all participants, the rest closed over eight years
YEARS = 8
CHUNK = 2_000  # cases generated and written at a time
BATCH = 2_000  # rows per INSERT
BUSIEST_SHARE = 0.15  # of an organisation's placements that go to its busiest employer
MUNICIPALITIES = ["Elvestad", "Fjordvik", "Bergmo", "Nordsund", "Åsbakken", "Strandvik"]
SECTIONS_READ = [  # (section, weight): what specialists open most
    ("overview", 40),
    ("timeline", 10),
    ("details", 12),
    ("placement", 12),
    ("employment", 6),
    ("contact-log", 8),
    ("stages", 5),
    ("profile", 4),
    ("sensitive", 2),
    ("export", 1),
]


def prepare_database(url: str | None) -> None:
    """Point Django at ``url``; create a PostgreSQL database that does not exist yet."""
    if url:
        os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "placetrain.settings")
    os.environ.setdefault("PLACETRAIN_ENV", "development")
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        parts = urlparse(url)
        name = parts.path.lstrip("/")
        admin = parts._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as conn:
            found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not found:
                conn.execute(f'CREATE DATABASE "{name}"')


def generate(*, participants: int, seed: int = 8, out: Any = print) -> dict[str, str]:
    """Fill the (migrated, empty) default database; returns the benchmark's usernames."""
    from bench._bigdata import BigData  # needs Django set up

    started = time.perf_counter()
    data = BigData(seed=seed, participants=participants)
    data.run()
    out(data.report())
    out(f"total {time.perf_counter() - started:.1f} s for {participants} participants")
    return {"specialist": SPECIALIST, "team_leader": LEADER}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--database-url", help="default: $DATABASE_URL")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    prepare_database(args.database_url)

    import django

    django.setup()
    from django.core.management import call_command

    from placetrain.participants.models import Participant

    t = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate {time.perf_counter() - t:.1f} s")
    if Participant.objects.exists():
        sys.exit("the database already holds participants: give an empty one")
    users = generate(participants=args.participants, seed=args.seed)
    print(
        f"log in as {users['specialist']} (job specialist) and {users['team_leader']} "
        "(team leader), password demo-passord-2026"
    )


if __name__ == "__main__":
    main()
