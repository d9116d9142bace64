"""Page latency and query counts at two data sizes.

    .venv/bin/python bench/pages.py [--small 60] [--large 600] [--repeat 30]

Builds a throw-away SQLite database per size with the demo generator, logs in as a job
specialist and a team leader, and prints p50/p95 milliseconds and queries per page. The ratio
column compares the large run with the small one measured in the same run: queries should stay
at 1.00; time grows only with what the page shows.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def measure(size: int, repeat: int) -> dict[str, tuple[float, float, int]]:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from placetrain.accounts.models import User
    from placetrain.demo.demo import seed_demo
    from placetrain.employers.models import Employer
    from placetrain.participants.models import Participant

    call_command("migrate", verbosity=0)
    seed_demo(seed=1, participants=size, employers=max(40, size // 2))
    specialist = User.objects.get(username="spesialist1")
    leader = User.objects.get(username="leder.nord")
    participant = Participant.objects.filter(specialist=specialist).first()
    employer = Employer.objects.first()
    from placetrain.employment.models import Employment
    from placetrain.placements.models import Placement

    placement = Placement.objects.filter(participant__specialist=specialist).first()
    employment = Employment.objects.filter(participant__specialist=specialist).first()
    pages = {
        "my-day": (specialist, reverse("activities:my-day")),
        "participant-list": (leader, reverse("participants:participant-list")),
        "participant-detail": (
            specialist,
            reverse("participants:participant-detail", args=[participant.pk]),
        ),
        "employer-list": (specialist, reverse("employers:employer-list")),
        "employer-detail": (specialist, reverse("employers:employer-detail", args=[employer.pk])),
        "placement-detail": (
            specialist,
            reverse("placements:placement-detail", args=[placement.pk]),
        ),
        "employment": (specialist, reverse("employment:employment-detail", args=[employment.pk])),
        "stages": (specialist, reverse("participants:stage-list", args=[participant.pk])),
    }
    results = {}
    for name, (user, url) in pages.items():
        client = Client()
        client.force_login(user)
        client.get(url)  # warm up
        times = []
        queries = 0
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (name, response.status_code)
            queries = len(ctx.captured_queries)
        times.sort()
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        results[name] = (statistics.median(times), p95, queries)
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=60)
    parser.add_argument("--large", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.one:
        # One size per process: a fresh database and a fresh Django.
        import django

        django.setup()
        print(json.dumps(measure(args.one, args.repeat)))
        return

    runs = {}
    for size in (args.small, args.large):
        tmp = tempfile.mkdtemp(prefix="placetrain-bench-")
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
            "DJANGO_SETTINGS_MODULE": "placetrain.settings",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "PLACETRAIN_ENV": "development",
        }
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--repeat", str(args.repeat)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        runs[size] = json.loads(out.strip().splitlines()[-1])

    small, large = runs[args.small], runs[args.large]
    print(f"{'page':<20} {'participants':>12} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for name in small:
        for size, data in ((args.small, small), (args.large, large)):
            p50, p95, q = data[name]
            print(f"{name:<20} {size:>12} {p50:>8.1f} {p95:>8.1f} {q:>8}")
        ratio_t = large[name][0] / small[name][0]
        ratio_q = large[name][2] / small[name][2]
        print(f"{'':<20} {'ratio':>12} {ratio_t:>8.2f} {'':>8} {ratio_q:>8.2f}")


if __name__ == "__main__":
    main()
