"""Matching at the size of a region (issue 9): suggestions for a participant among 10 000 job
analyses and for a job analysis among 5 000 participants, against a naive per-row version.

    .venv/bin/python bench/matching.py [--jobs 10000] [--participants 5000] [--repeat 50]
        [--seed 9] [--database-url URL]

Generates, in one organisation, ~1 000 employers (varied partnership stages, some paused or not
relevant, municipalities, chains and single workplaces), ``--jobs`` job analyses (mostly open;
60 % from 30 common STYRK-08 unit groups, the rest from all of them; shifts, times, days, hours,
Norwegian levels, adaptations, demands, visited or not), ended unpaid placements that earn some
employers the free-labour warning (and hires that earn others a good record), and
``--participants`` participants with a vocational profile, all in one job specialist's caseload
(so that ``suggest_participants`` sees every one of them); then ``refresh_all``. The default
database is a fresh SQLite file in a temporary folder; ``--database-url`` names another
(a PostgreSQL database named ``bench_matching*`` is dropped and created afresh, any other must
hold no participants).

Then it times, ``--repeat`` times each after a warm-up, with ``time.perf_counter``:
``suggest_jobs`` for a rotating set of participants, ``suggest_participants`` for a rotating set
of open job analyses, and the naive versions on the same targets in the same run (every open job
analysis or every active profile in scope loaded and scored in Python, sorted, the first 20).
It prints p50/p95 ms, the ratio naive/optimised, how often the optimised top 20 (SQL's
pre-filter of ``CANDIDATES`` rows, then scoring) equals the naive one (the whole set scored),
the queries per optimised call, and whether each p95 meets the target (<= 50 ms).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_MS = 50.0
SHOWN = 20
ORGANISATION = "Matchingbenk kommune"
SPECIALIST = "matching.spesialist"
EMPLOYERS_PER_10000_JOBS = 1000
COMMON_GROUPS = 30  # unit groups most jobs and wishes come from
COMMON_SHARE = 0.6
OPEN_SHARE = 0.9
# (municipality, postal code prefix, weight): a northern region, and a few from elsewhere.
PLACES = [
    ("Tromsø", "90", 30),
    ("Bodø", "80", 14),
    ("Harstad", "94", 10),
    ("Narvik", "85", 8),
    ("Alta", "95", 8),
    ("Rana", "86", 6),
    ("Balsfjord", "93", 4),
    ("Lenvik", "93", 4),
    ("Sortland", "84", 4),
    ("Vadsø", "98", 3),
    ("Hammerfest", "96", 3),
    ("Lyngen", "90", 2),
    ("Oslo", "01", 2),
    ("Bergen", "50", 1),
    ("Trondheim", "70", 1),
]
CHAINS = [
    "Kiwi",
    "Rema 1000",
    "Coop Extra",
    "Bunnpris",
    "Meny",
    "Joker",
    "Europris",
    "Clas Ohlson",
    "XXL",
    "Circle K",
    "Peppes Pizza",
    "Burger King",
    "Posten",
    "Bring",
    "Elkjøp",
]
INDUSTRIES = [
    "Dagligvare",
    "Lager og logistikk",
    "Barnehager",
    "Sykehjem og omsorg",
    "Kantine og catering",
    "Bygg og anlegg",
    "Renhold",
    "Transport",
    "Kontor og administrasjon",
    "Verksted",
    "Hotell og restaurant",
]
INTERESTS = [
    "Fotball og friluftsliv",
    "Matlaging og baking",
    "Dyr og natur",
    "Biler og motorer",
    "Musikk",
    "Data og spill",
    "Trening",
    "Håndarbeid",
    "Barn og ungdom",
    "Eldre mennesker",
]
WISH_LINES = [
    "Vil jobbe med mennesker",
    "Liker å jobbe med hendene",
    "Vil ha faste oppgaver",
    "Kundekontakt",
    "Vil jobbe ute",
    "Rydding og orden",
    "Vil lære et fag",
]
LEVELS = ["", "A1", "A2", "A2", "B1", "B1", "B1", "B2", "B2", "C1"]
# (available_days, from, until, weight): the week and the hours a participant can work.
AVAILABILITY = [
    (31, dt.time(8, 30), dt.time(14), 25),  # school hours
    (31, dt.time(8), dt.time(16), 30),
    (31, dt.time(7), dt.time(23), 10),
    (127, dt.time(7), dt.time(23), 10),
    (7, dt.time(9), dt.time(15), 5),  # Monday to Wednesday
    (127, None, None, 10),
    (0, None, None, 10),  # not recorded
]
# (shift, starts, ends, weight)
SHIFTS = [
    ("day", dt.time(8), dt.time(16), 30),
    ("day", dt.time(9), dt.time(13), 15),
    ("day", dt.time(7), dt.time(15), 10),
    ("evening", dt.time(15), dt.time(23), 10),
    ("evening", None, None, 5),
    ("night", dt.time(22), dt.time(6), 6),
    ("rotating", None, None, 8),
    ("", None, None, 16),
]


def weighted(rng: random.Random, rows: list[tuple]) -> tuple:
    return rng.choices(rows, weights=[r[-1] for r in rows])[0]


# --- the database ------------------------------------------------------------------------------


def prepare_database(url: str | None) -> str:
    """Point Django at the benchmark's database: a fresh SQLite file unless told; a
    ``bench_matching*`` PostgreSQL database is dropped and created afresh."""
    if not url:
        url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='placetrain-matching-')) / 'm.sqlite3'}"
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        parts = urlparse(url)
        name = parts.path.lstrip("/")
        admin = parts._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as conn:
            if name.startswith("bench_matching"):
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not found:
                conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "placetrain.settings")
    os.environ.setdefault("PLACETRAIN_ENV", "development")
    # Timed as production runs: no SQL kept per statement.
    os.environ.setdefault("DJANGO_DEBUG", "false")
    return url


# --- the data ----------------------------------------------------------------------------------


class Generator:
    """Writes the benchmark's organisation with ``bulk_create``."""

    def __init__(self, *, jobs: int, participants: int, seed: int) -> None:
        from faker import Faker

        self.jobs, self.participants = jobs, participants
        self.rng = random.Random(seed)
        self.fake = Faker("no_NO")
        self.fake.seed_instance(seed)
        self.today = dt.date.today()

    def run(self) -> dict[str, float]:
        from placetrain.matching.precompute import refresh_all

        seconds: dict[str, float] = {}
        for name, step in (
            ("users", self.users),
            ("employers", self.employers),
            ("job analyses", self.job_analyses),
            ("participants", self.people),
            ("placements", self.placements),
        ):
            start = time.perf_counter()
            step()
            seconds[name] = time.perf_counter() - start
        start = time.perf_counter()
        refresh_all(self.org.pk)
        seconds["refresh_all"] = time.perf_counter() - start
        from django.db import connection

        with connection.cursor() as cursor:  # statistics for the planner, as make_data does
            cursor.execute("ANALYZE")
        return seconds

    def users(self) -> None:
        from placetrain.accounts.models import Organisation, Team, User

        self.org = Organisation.objects.create(name=ORGANISATION)
        self.team = Team.objects.create(organisation=self.org, name="Team Nord")
        self.user = User.objects.create(
            username=SPECIALIST,
            first_name="Mona",
            last_name="Matching",
            organisation=self.org,
            team=self.team,
            is_job_specialist=True,
        )
        self.user.set_unusable_password()
        self.user.save(update_fields=["password"])

    def occupations(self) -> None:
        from placetrain.classifications.models import Occupation
        from placetrain.demo.texts import JOB_OCCUPATIONS

        self.titles = dict(
            Occupation.objects.filter(level=Occupation.UNIT_GROUP).values_list("code", "title")
        )
        codes = sorted(self.titles)
        common = list(dict.fromkeys(c for c in JOB_OCCUPATIONS.values() if c in self.titles))
        others = [c for c in codes if c not in common]
        common += self.rng.sample(others, COMMON_GROUPS - len(common))
        self.common, self.all_codes = common, codes

    def code(self) -> str:
        if self.rng.random() < COMMON_SHARE:
            # The common groups are not equally common either.
            return self.common[min(int(self.rng.expovariate(1 / 8)), len(self.common) - 1)]
        return self.rng.choice(self.all_codes)

    def employers(self) -> None:
        from placetrain.employers.models import Employer, Stage

        self.occupations()
        stages = [
            (Stage.NEW, 20),
            (Stage.ASSESSING, 10),
            (Stage.TO_CONTACT, 15),
            (Stage.MAPPING_NEEDS, 10),
            (Stage.PARTNER, 30),
            (Stage.PAUSED, 8),
            (Stage.NOT_RELEVANT, 7),
        ]
        count = max(10, self.jobs * EMPLOYERS_PER_10000_JOBS // 10000)
        rows = []
        for i in range(count):
            place, postal, _w = weighted(self.rng, PLACES)
            if self.rng.random() < 0.3:
                name = f"{self.rng.choice(CHAINS)} {self.fake.street_name()} AS"
            else:
                name = self.fake.company()
            industry = self.rng.choice(INDUSTRIES)
            stage = weighted(self.rng, stages)[0]
            contact = (
                self.today - dt.timedelta(days=self.rng.randint(0, 400))
                if self.rng.random() < 0.7
                else None
            )
            rows.append(
                Employer(
                    organisation=self.org,
                    org_number=f"{800000000 + i * 11:09d}",
                    name=name,
                    industry=industry,
                    municipality=place,
                    postal_code=f"{postal}{self.rng.randint(0, 99):02d}",
                    address=self.fake.street_address(),
                    stage=stage,
                    stage_reason="Ingen kapasitet nå" if stage in (Stage.PAUSED,) else "",
                    last_contact_on=contact,
                    search_text=Employer.make_search_text(name, industry),
                )
            )
        self.employer_rows = Employer.objects.bulk_create(rows, batch_size=500)

    def job_analyses(self) -> None:
        from placetrain.demo.texts import TASKS
        from placetrain.employers.models import JobAnalysis

        tasks = [t for group in TASKS.values() for t in group]
        adaptations = [a.value for a in JobAnalysis.Adaptation]
        measures = [m.value for m in JobAnalysis.Measure]
        levels = ["", "", "", "A2", "B1", "B1", "B2"]
        rows = []
        for _ in range(self.jobs):
            employer = self.rng.choice(self.employer_rows)
            code = self.code()
            title = self.titles[code][:200]
            shift, starts, ends, _w = weighted(self.rng, SHIFTS)
            days = self.rng.choices([31, 127, 96, 15, 0], weights=[60, 15, 8, 7, 10])[0]
            hours = self.rng.choice([None, 10, 15, 20, 22.5, 30, 37.5])
            job = JobAnalysis(
                employer=employer,
                title=title,
                kind=self.rng.choices(["vacancy", "developed"], weights=[75, 25])[0],
                state="open" if self.rng.random() < OPEN_SHARE else "closed",
                occupation_id=code,
                tasks="\n".join(self.rng.sample(tasks, self.rng.randint(1, 4))),
                norwegian_level=self.rng.choice(levels),
                level_reachable_on_job=self.rng.random() < 0.4,
                physical_demands="Tunge løft, står mye" if self.rng.random() < 0.3 else "",
                pace=self.rng.choice(["", "low", "medium", "high"]),
                noise=self.rng.choice(["", "low", "medium", "high"]),
                customer_contact=self.rng.choice(["", "low", "medium", "high"]),
                days=days,
                shift=shift,
                starts_at=starts,
                ends_at=ends,
                hours_per_week=hours,
                adaptations=self.rng.sample(adaptations, self.rng.randint(0, 3)),
                measures=self.rng.sample(measures, self.rng.randint(0, 3)),
                # Most analyses name their place; some leave it to the employer's.
                municipality=employer.municipality if self.rng.random() < 0.85 else "",
                postal_code=employer.postal_code,
                visited_on=(
                    self.today - dt.timedelta(days=self.rng.randint(1, 700))
                    if self.rng.random() < 0.7
                    else None
                ),
                created_by=self.user,
            )
            job.prepare_for_matching(self.titles[code])
            rows.append(job)
        JobAnalysis.objects.bulk_create(rows, batch_size=500)

    def people(self) -> None:
        from placetrain.demo.texts import TASKS
        from placetrain.language.models import LanguagePlan
        from placetrain.participants.models import Participant, Status, VocationalProfile

        tasks = [t for group in TASKS.values() for t in group]
        named = [e.name.removesuffix(" AS") for e in self.employer_rows]
        statuses = [
            (Status.REFERRED, 10),
            (Status.ACTIVE, 60),
            (Status.IN_PLACEMENT, 20),
            (Status.FOLLOW_UP, 10),
        ]
        people, profiles, plans = [], [], []
        for _ in range(self.participants):
            place, postal, _w = weighted(self.rng, PLACES)
            first, last = self.fake.first_name(), self.fake.last_name()
            level = self.rng.choice(LEVELS)
            people.append(
                Participant(
                    organisation=self.org,
                    team=self.team,
                    specialist=self.user,
                    first_name=first,
                    last_name=last,
                    search_name=Participant.make_search_name(first, last),
                    birth_date=dt.date(self.rng.randint(1965, 2006), self.rng.randint(1, 12), 15),
                    municipality=place if self.rng.random() < 0.9 else "",
                    postal_code=f"{postal}{self.rng.randint(0, 99):02d}",
                    norwegian_level=level,
                    status=weighted(self.rng, statuses)[0],
                    referral_date=self.today - dt.timedelta(days=self.rng.randint(10, 900)),
                )
            )
        people = Participant.objects.bulk_create(people, batch_size=500)
        self.people_rows = people
        for p in people:
            wishes = [self.code() for _ in range(self.rng.choice([0, 1, 1, 2, 2, 3]))]
            days, starts, until, _w = weighted(self.rng, AVAILABILITY)
            places = []
            if self.rng.random() < 0.4:
                for _ in range(self.rng.randint(1, 3)):
                    roll = self.rng.random()
                    places.append(
                        self.rng.choice(CHAINS)
                        if roll < 0.5
                        else self.rng.choice(named)
                        if roll < 0.8
                        else self.fake.company()
                    )
            wish_text = ", ".join(
                [self.titles[c] for c in wishes[:1]]
                + self.rng.sample(tasks, self.rng.randint(0, 2))
                + self.rng.sample(WISH_LINES, self.rng.randint(0, 2))
            )
            profiles.append(
                VocationalProfile(
                    participant=p,
                    number=1,
                    created_by=self.user,
                    wished_occupations=wishes,
                    job_wishes=wish_text,
                    interests=", ".join(self.rng.sample(INTERESTS, self.rng.randint(0, 3))),
                    desired_workplaces="\n".join(places),
                    hours_capacity=self.rng.choice([None, 20, 40, 50, 60, 80, 100]),
                    available_days=days,
                    available_from=starts,
                    available_until=until,
                    support_physical="Vondt i ryggen" if self.rng.random() < 0.2 else "",
                    support_psychological=(
                        "Trenger rolige omgivelser" if self.rng.random() < 0.15 else ""
                    ),
                    support_language="Trenger enkle beskjeder" if self.rng.random() < 0.1 else "",
                )
            )
            if level in ("A2", "B1") and self.rng.random() < 0.3:
                plans.append(
                    LanguagePlan(
                        participant=p,
                        current_level=level,
                        required_level="B1" if level == "A2" else "B2",
                        final_goal_by=self.today + dt.timedelta(days=180),
                    )
                )
        VocationalProfile.objects.bulk_create(profiles, batch_size=500)
        LanguagePlan.objects.bulk_create(plans, batch_size=500)

    def placements(self) -> None:
        """Ended placements: unpaid ones without a hire at ~8 % of the employers (two or three
        in the last year: the free-labour warning), hires at ~10 % (a good record)."""
        from placetrain.placements.models import Outcome, Placement, PlacementType

        rows = []
        shuffled = self.rng.sample(self.employer_rows, len(self.employer_rows))
        cut = max(1, len(shuffled) * 8 // 100)
        warned, hiring = shuffled[:cut], shuffled[cut : cut + len(shuffled) // 10]

        def ended(employer: Any, kind: str, outcome: str, days_ago: int) -> Placement:
            end = self.today - dt.timedelta(days=days_ago)
            start = end - dt.timedelta(days=self.rng.randint(20, 90))
            return Placement(
                participant=self.rng.choice(self.people_rows),
                employer=employer,
                kind=kind,
                state=Placement.State.ENDED,
                planned_start=start,
                planned_end=end,
                started_on=start,
                ended_on=end,
                outcome=outcome,
                created_by=self.user,
            )

        for employer in warned:
            for _ in range(self.rng.randint(2, 3)):
                rows.append(
                    ended(
                        employer,
                        self.rng.choice([PlacementType.WORK_PRACTICE, PlacementType.WORK_TRAINING]),
                        Outcome.ENDED_BY_EMPLOYER,
                        self.rng.randint(20, 300),
                    )
                )
        for employer in hiring:
            for i in range(self.rng.randint(2, 4)):
                rows.append(
                    ended(
                        employer,
                        PlacementType.WAGE_SUBSIDY if i else PlacementType.WORK_PRACTICE,
                        Outcome.HIRED_PERMANENT if i else Outcome.NEW_PLACEMENT,
                        self.rng.randint(20, 700),
                    )
                )
        Placement.objects.bulk_create(rows, batch_size=500)


# --- the naive versions ------------------------------------------------------------------------


def naive_jobs(user: Any, participant: Any, limit: int = SHOWN) -> list[Any]:
    """Every open job analysis of the organisation (employer and occupation loaded), the track
    records of all their employers, each scored in Python, sorted, the first ``limit``."""
    from placetrain.lib.dates import today
    from placetrain.matching import selectors as s
    from placetrain.matching.scoring import Suggestion, score

    profile, workplaces = s.profile_for(participant)
    person = s.person_of(profile, workplaces)
    w = s.weights_for(user)
    jobs = list(s.open_jobs(user).select_related("employer", "occupation"))
    records = s._records({j.employer_id for j in jobs}, user.organisation_id, today())
    found = []
    for analysis in jobs:
        job = s.job_of(analysis)
        reasons = score(person, job, records.get(analysis.employer_id), w)
        found.append(Suggestion(target=analysis, reasons=reasons, unvisited=not job.visited))
    return s._ranked(found, lambda x: x.target.pk, limit)  # the optimised version's order


def naive_participants(user: Any, analysis: Any, limit: int = SHOWN) -> list[Any]:
    """Every active matching profile in the user's scope and every named workplace, each
    scored in Python, sorted, the first ``limit``."""
    from placetrain.lib.dates import today
    from placetrain.matching import selectors as s
    from placetrain.matching.models import MatchProfile, WishedWorkplace
    from placetrain.matching.scoring import Suggestion, score
    from placetrain.participants.selectors import scope

    job = s.job_of(analysis)
    w = s.weights_for(user)
    profiles = list(
        MatchProfile.objects.filter(scope(user, include_teaching=False, path="participant__"))
        .filter(active=True)
        .select_related("participant")
    )
    places: dict[int, list[tuple[str, str]]] = {}
    for participant_id, key, name in WishedWorkplace.objects.order_by("pk").values_list(
        "participant_id", "name_key", "name"
    ):
        places.setdefault(participant_id, []).append((key, name))
    record = s._records({analysis.employer_id}, user.organisation_id, today()).get(
        analysis.employer_id
    )
    found = [
        Suggestion(
            target=p.participant,
            reasons=score(s.person_of(p, places.get(p.participant_id, [])), job, record, w),
            unvisited=not job.visited,
        )
        for p in profiles
    ]
    return s._ranked(found, lambda x: x.target.pk, limit)  # the optimised version's order


# --- measuring ---------------------------------------------------------------------------------


def percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def timed(call: Callable[[Any], list[Any]], targets: list[Any], repeat: int) -> dict[str, Any]:
    """One warm-up call, then ``repeat`` timed calls over the rotating ``targets``."""
    call(targets[0])
    times, results = [], []
    for i in range(repeat):
        target = targets[i % len(targets)]
        start = time.perf_counter()
        found = call(target)
        times.append((time.perf_counter() - start) * 1000)
        results.append([(s.target.pk, s.score) for s in found])
    return {
        "p50": statistics.median(times),
        "p95": percentile(times, 0.95),
        "results": results,
    }


def agreement(ours: list[list[tuple[int, int]]], naive: list[list[tuple[int, int]]]) -> str:
    """How the optimised top 20s compare with the naive ones, call by call."""
    same = sum(a == b for a, b in zip(ours, naive, strict=True))
    overlaps = [
        len({pk for pk, _ in a} & {pk for pk, _ in b}) for a, b in zip(ours, naive, strict=True)
    ]
    # Ties: a different target with the same score at the same rank is no worse a suggestion.
    same_scores = sum(
        [sc for _, sc in a] == [sc for _, sc in b] for a, b in zip(ours, naive, strict=True)
    )
    lost = [
        max((sb - sa for (_, sa), (_, sb) in zip(a, b, strict=False)), default=0)
        for a, b in zip(ours, naive, strict=True)
    ]
    return (
        f"identical top {SHOWN} (same targets, same order) in {same} of {len(ours)} calls; "
        f"overlap mean {statistics.mean(overlaps):.1f}/{SHOWN}, min {min(overlaps)}/{SHOWN}; "
        f"same scores rank by rank in {same_scores} of {len(ours)}; "
        f"largest score lost at a rank {max(lost)} points"
    )


def queries(call: Callable[[Any], Any], target: Any) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call(target)
    return len(captured.captured_queries)


def measure(args: argparse.Namespace) -> None:
    from placetrain.accounts.models import User
    from placetrain.employers.models import JobAnalysis
    from placetrain.matching import selectors
    from placetrain.participants.models import Participant

    user = User.objects.get(username=SPECIALIST)
    rng = random.Random(args.seed + 1)
    people = list(Participant.objects.filter(specialist=user).order_by("pk"))
    participants = rng.sample(people, min(len(people), args.repeat))
    open_ids = list(
        selectors.open_jobs(user).order_by("pk").values_list("pk", flat=True)  # not set aside
    )
    chosen = rng.sample(open_ids, min(len(open_ids), args.repeat))
    # As the job analysis page has it: with its employer and occupation.
    analyses = list(
        JobAnalysis.objects.filter(pk__in=chosen).select_related("employer", "occupation")
    )
    rng.shuffle(analyses)

    def jobs(p: Any) -> list[Any]:
        return selectors.suggest_jobs(user, p, limit=SHOWN)

    def people_for(a: Any) -> list[Any]:
        return selectors.suggest_participants(user, a, limit=SHOWN)

    rows = []
    for label, fast, slow, targets in (
        (f"top {SHOWN} jobs for a participant", jobs, naive_jobs, participants),
        (
            f"top {SHOWN} participants for a job",
            people_for,
            naive_participants,
            analyses,
        ),
    ):
        ours = timed(fast, targets, args.repeat)
        naive = timed(functools.partial(slow, user), targets, args.repeat)
        rows.append(
            (
                label,
                ours,
                naive,
                queries(fast, targets[0]),
                agreement(ours["results"], naive["results"]),
            )
        )

    print(
        f"\n{'measure':<36} {'p50 ms':>8} {'p95 ms':>8} {'naive p50':>10} {'naive p95':>10} "
        f"{'ratio p50':>10} {'ratio p95':>10} {'queries':>8}"
    )
    for label, ours, naive, count, _agree in rows:
        print(
            f"{label:<36} {ours['p50']:>8.1f} {ours['p95']:>8.1f} {naive['p50']:>10.1f} "
            f"{naive['p95']:>10.1f} {naive['p50'] / ours['p50']:>9.1f}x "
            f"{naive['p95'] / ours['p95']:>9.1f}x {count:>8}"
        )
    print()
    for label, _ours, _naive, _count, agree in rows:
        print(f"overlap, {label}: {agree}")
    print()
    for label, ours, _naive, _count, _agree in rows:
        verdict = "MET" if ours["p95"] <= TARGET_MS else "MISSED"
        print(f"p95 {label}: {ours['p95']:.1f} ms (target <= {TARGET_MS:.0f} ms): {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--database-url", help="default: a fresh SQLite file in a temp folder")
    parser.add_argument("--jobs", type=int, default=10_000)
    parser.add_argument("--participants", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=50, help="timed calls per measure")
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()
    url = prepare_database(args.database_url)

    import warnings

    import django

    warnings.filterwarnings("ignore", "No directory at")  # whitenoise: nothing collected
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from placetrain.participants.models import Participant

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(
        f"database: {url.split('@')[-1]} ({connection.vendor}); migrated in "
        f"{time.perf_counter() - start:.1f} s"
    )
    if Participant.objects.exists():
        sys.exit("the database already holds participants: give an empty one")
    start = time.perf_counter()
    steps = Generator(jobs=args.jobs, participants=args.participants, seed=args.seed).run()
    print(
        f"generated {args.jobs} job analyses, {args.participants} participants in "
        f"{time.perf_counter() - start:.1f} s ("
        + ", ".join(f"{k} {v:.1f} s" for k, v in steps.items())
        + ")"
    )
    from placetrain.employers.models import Employer, JobAnalysis
    from placetrain.placements.models import Placement

    print(
        f"rows: {Employer.objects.count()} employers, "
        f"{JobAnalysis.objects.filter(state='open').count()} open job analyses of "
        f"{JobAnalysis.objects.count()}, {Participant.objects.count()} participants, "
        f"{Placement.objects.count()} ended placements; repeat {args.repeat}"
    )
    from placetrain.accounts.models import Organisation
    from placetrain.lib.dates import today
    from placetrain.placements.track_record import track_records

    org = Organisation.objects.get(name=ORGANISATION).pk
    ids = list(Employer.objects.values_list("pk", flat=True))
    records = track_records(ids, organisation_id=org, today=today())
    print(
        f"track records: {sum(r.free_labour for r in records.values())} employers with the "
        f"free-labour warning, {sum(bool(r.hired_from_placements) for r in records.values())} "
        "with hires from placements"
    )
    measure(args)


if __name__ == "__main__":
    main()
