"""Page latency and query counts at two data sizes, against generated databases (issue 8).

    .venv/bin/python bench/pages.py [--small 100] [--large 100000] [--repeat 30]
        [--database-url postgres://postgres@127.0.0.1:5432/bench] [--fresh]
        [--small-db URL] [--large-db URL] [--only PATTERN]

Each size runs in a process of its own (a fresh Django) against a database ``make_data.py``
generated: SQLite files ``/tmp/placetrain-bench/<size>.sqlite3`` by default, or with
``--database-url`` the PostgreSQL databases ``<name>_<size>`` on that server (``bench_100``,
``bench_100000``). A database that already holds the generated data is reused (generating
100 000 participants takes minutes); ``--fresh`` deletes and regenerates it, and
``--small-db``/``--large-db`` name a database of your own (a file path or a URL).

It logs in with Django's test ``Client`` as the job specialist and the team leader that
``make_data.py`` creates and requests every page: Min dag, the participant list (plain, by
status, a name search: a POST), the participant page and each of its sections, the sensitive
section, the access log, the employer list and its search, the busiest employer and its
timeline, a placement, a meeting, a job, stages, profile, both individual-plan PDFs and the
export. It runs with
``DJANGO_DEBUG=false`` unless you set it, as production does. It prints p50 and p95
milliseconds and queries per page at both sizes, the growth (p95 large / p95 small), and flags
what misses the targets: an HTML page at most 50 ms p95 at the large size, a PDF at most
300 ms, growth at most 1.5, at most 15 queries. The slowest statements of each flagged page at
the large size follow the table.

The old usage (``--small 60 --large 600 --repeat 30``) still works: those sizes are generated
by ``make_data.py`` too, no longer by the demo's ``seed_demo``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGE_MS, PDF_MS, GROWTH, QUERIES = 50.0, 300.0, 1.5, 15
PDFS = {"individual-plan", "individual-plan-employer"}
SQL_CHARS = 600


def database_for(size: int, args: argparse.Namespace) -> str:
    own = args.small_db if size == args.small else args.large_db
    if own:
        return own if "://" in own else f"sqlite:///{Path(own).resolve()}"
    if args.database_url:
        parts = urlparse(args.database_url)
        name = parts.path.lstrip("/") or "bench"
        return parts._replace(path=f"/{name}_{size}").geturl()
    folder = Path("/tmp/placetrain-bench")
    folder.mkdir(exist_ok=True)
    return f"sqlite:///{folder}/{size}.sqlite3"


def drop(url: str) -> None:
    """Delete a generated database (``--fresh``)."""
    if url.startswith("sqlite:///"):
        path = url.removeprefix("sqlite:///")
        for suffix in ("", "-wal", "-shm"):
            Path(path + suffix).unlink(missing_ok=True)
        return
    import psycopg

    parts = urlparse(url)
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}"')


def prepare(size: int) -> None:
    """Migrate, and generate the data unless the database holds it already."""
    from django.core.management import call_command

    from bench.make_data import generate
    from placetrain.participants.models import Participant

    call_command("migrate", verbosity=0)
    if not Participant.objects.exists():
        generate(participants=size, out=lambda text: print(text, file=sys.stderr))


def pages() -> list[tuple[str, str, str, dict | None]]:
    """(name, role, url, POST data or None) for every page, as each of the two users."""
    from django.db.models import Count
    from django.urls import reverse

    from bench.make_data import SPECIALIST
    from placetrain.accounts.models import User
    from placetrain.activities.models import Contact
    from placetrain.employers.models import Employer
    from placetrain.employment.models import Employment
    from placetrain.participants.models import Participant, Status
    from placetrain.participants.pages import participant_sections
    from placetrain.placements.models import Meeting, Placement

    specialist = User.objects.get(username=SPECIALIST)
    mine = Participant.objects.filter(specialist=specialist)
    # The richest kind of case: in a started placement, with meetings held.
    placement = (
        Placement.objects.filter(participant__in=mine, state=Placement.State.STARTED)
        .order_by("pk")
        .first()
    ) or Placement.objects.filter(participant__in=mine).order_by("pk").first()
    participant = placement.participant
    meeting = Meeting.objects.filter(placement=placement).order_by("pk").first()
    employment = Employment.objects.filter(participant__in=mine).order_by("pk").first()
    busiest = Employer.objects.get(
        pk=Contact.objects.filter(organisation=specialist.organisation_id)
        .values("employer")
        .exclude(employer=None)
        .annotate(n=Count("pk"))
        .order_by("-n")[0]["employer"]
    )
    p = [participant.pk]
    detail = reverse("participants:participant-detail", args=p)
    plist = reverse("participants:participant-list")
    elist = reverse("employers:employer-list")
    urls: list[tuple[str, str, dict | None]] = [
        ("my-day", reverse("activities:my-day"), None),
        ("participant-list", plist, None),
        ("participant-list?status", f"{plist}?status={Status.ACTIVE}", None),
        ("participant-list search", plist, {"q": participant.last_name[:4]}),
        ("participant-detail", detail, None),
        *[
            (f"section={key}", f"{detail}?section={key}", None)
            for key in participant_sections.keys()
        ],
        ("timeline", reverse("participants:participant-timeline", args=p), None),
        ("sensitive", reverse("participants:sensitive-detail", args=p), None),
        ("access-log", reverse("participants:access-log-list", args=p), None),
        ("employer-list", elist, None),
        ("employer-list search", elist, {"q": busiest.name.split()[0][:5]}),
        ("employer busiest", reverse("employers:employer-detail", args=[busiest.pk]), None),
        (
            "employer busiest timeline",
            reverse("employers:employer-timeline", args=[busiest.pk]),
            None,
        ),
        ("placement", reverse("placements:placement-detail", args=[placement.pk]), None),
        ("meeting", reverse("placements:meeting-detail", args=[meeting.pk]), None),
        ("employment", reverse("employment:employment-detail", args=[employment.pk]), None),
        ("stages", reverse("participants:stage-list", args=p), None),
        ("profile", reverse("participants:profile-detail", args=p), None),
        ("individual-plan", reverse("placements:individual-plan", args=p), None),
        ("individual-plan-employer", reverse("placements:individual-plan-employer", args=p), None),
        ("export", reverse("participants:participant-export", args=p), None),
    ]
    return [
        (name, role, url, data) for role in ("specialist", "leader") for name, url, data in urls
    ]


class Statements:
    """Every statement a request runs, with its own time (``execute_wrapper``: finer than the
    debug cursor's milliseconds)."""

    def __init__(self) -> None:
        self.runs: list[tuple[float, str]] = []

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.runs.append(((time.perf_counter() - start) * 1000, sql))


def measure(size: int, repeat: int, only: str) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client

    from bench.make_data import LEADER, SPECIALIST
    from placetrain.accounts.models import User

    prepare(size)
    users = {
        "specialist": User.objects.get(username=SPECIALIST),
        "leader": User.objects.get(username=LEADER),
    }
    clients = {}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    results: dict[str, Any] = {}
    for name, role, url, data in pages():
        if only and only not in name:
            continue
        client = clients[role]

        def get(client: Client = client, url: str = url, data: dict | None = data) -> Any:
            return client.post(url, data) if data is not None else client.get(url)

        get()  # warm up
        times: list[float] = []
        statements = Statements()
        for _ in range(repeat if name not in PDFS else max(5, repeat // 3)):
            statements = Statements()
            with connection.execute_wrapper(statements):
                start = time.perf_counter()
                response = get()
                times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (name, role, response.status_code)
        times.sort()
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        results[f"{name} [{role}]"] = {
            "p50": statistics.median(times),
            "p95": p95,
            "queries": len(statements.runs),
            "sql_ms": sum(ms for ms, _ in statements.runs),
            "slowest": sorted(statements.runs, key=lambda r: -r[0])[:3],
        }
    return results


def flags(name: str, small: dict, large: dict) -> list[str]:
    out = []
    limit = PDF_MS if name.split(" [")[0] in PDFS else PAGE_MS
    if large["p95"] > limit:
        out.append(f">{limit:.0f}ms")
    growth = large["p95"] / small["p95"] if small["p95"] else 0
    if growth > GROWTH:
        out.append(f"growth>{GROWTH}")
    if max(small["queries"], large["queries"]) > QUERIES:
        out.append(f"queries>{QUERIES}")
    return out


def report(args: argparse.Namespace, small: dict, large: dict) -> None:
    s, big = args.small, args.large
    head = (
        f"{'page [as]':<42} {f'p50@{s}':>9} {f'p95@{s}':>9} {f'p50@{big}':>10} {f'p95@{big}':>10} "
        f"{'growth':>6} {'queries':>8}  flags"
    )
    print(head)
    flagged = []
    for name, lg in large.items():
        sm = small[name]
        why = flags(name, sm, lg)
        if why:
            flagged.append(name)
        growth = lg["p95"] / sm["p95"] if sm["p95"] else 0
        print(
            f"{name:<42} {sm['p50']:>9.1f} {sm['p95']:>9.1f} {lg['p50']:>10.1f} {lg['p95']:>10.1f}"
            f" {growth:>6.2f} {sm['queries']:>3}/{lg['queries']:<4}  {' '.join(why)}"
        )
    print(
        f"\n{len(flagged)} of {len(large)} over a target (p95 page {PAGE_MS:.0f} ms, PDF "
        f"{PDF_MS:.0f} ms at {big}; growth {GROWTH}; {QUERIES} queries)"
    )
    for name in flagged:
        print(f"\n{name}: {large[name]['sql_ms']:.1f} ms in SQL; slowest statements at {big}")
        for ms, sql in large[name]["slowest"]:
            if ms >= 1:
                short = re.sub(r"^SELECT .*? FROM ", "SELECT … FROM ", sql, count=1)
                print(f"  {ms:8.1f} ms  {short[:SQL_CHARS]}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--database-url", help="a PostgreSQL server and name prefix")
    parser.add_argument("--small-db", help="the small size's database (path or URL)")
    parser.add_argument("--large-db", help="the large size's database (path or URL)")
    parser.add_argument("--fresh", action="store_true", help="regenerate the databases")
    parser.add_argument("--only", default="", help="only pages whose name contains this")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.one:
        # One size per process: a fresh Django on that size's database.
        import warnings

        import django

        # whitenoise looks for collected files; the benchmark serves none.
        warnings.filterwarnings("ignore", "No directory at")
        django.setup()
        print(json.dumps(measure(args.one, args.repeat, args.only)))
        return

    from bench.make_data import prepare_database

    runs = {}
    for size in (args.small, args.large):
        url = database_for(size, args)
        if args.fresh:
            drop(url)
        prepare_database(url)
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "placetrain.settings",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "PLACETRAIN_ENV": "development",
            # Measured as production runs: no SQL kept per statement, no template debugging.
            "DJANGO_DEBUG": os.environ.get("DJANGO_DEBUG", "false"),
        }
        command = [sys.executable, __file__, "--one", str(size), "--repeat", str(args.repeat)]
        print(f"size {size}: {url}", file=sys.stderr)
        out = subprocess.run(
            [*command, "--only", args.only], env=env, stdout=subprocess.PIPE, text=True, check=True
        ).stdout
        runs[size] = json.loads(out.strip().splitlines()[-1])
    if args.json:
        Path(args.json).write_text(json.dumps(runs, indent=1))
    report(args, runs[args.small], runs[args.large])


if __name__ == "__main__":
    main()
