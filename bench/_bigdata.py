"""The generator behind ``make_data.py`` (imported once Django is set up).

It reuses the demo's pieces (``placetrain.demo``): its population, its case planner and the
methods that turn a planned case into rows, run over a few thousand cases at a time. What it
adds: many organisations, teams and caseloads, closed cases over eight years, a busiest
employer, ten contacts a case, done next steps, and the audit rows the app would have written.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
import zlib
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models.query import QuerySet
from django.utils import timezone

from placetrain.accounts.models import Organisation, Team, User
from placetrain.activities.models import Contact, NextStep
from placetrain.demo import texts
from placetrain.demo.courses import Course, Planner
from placetrain.demo.demo import DEMO_PASSWORD, Case, _Demo
from placetrain.demo.workdays import at_work, random_weekday, weekday_on_or_after
from placetrain.employers.models import Employer
from placetrain.employment.models import Employment
from placetrain.lib.audit import MASK
from placetrain.lib.dates import add_months
from placetrain.matching.precompute import refresh_all
from placetrain.participants.models import (
    DEFAULT_PROGRAMMES,
    Consent,
    Participant,
    Programme,
    StageChange,
    Status,
    StatusChange,
)
from placetrain.placements.models import Placement

from . import make_data as cfg

# Rows and seconds spent inserting them, per table.
INSERTED: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
_bulk_create = QuerySet.bulk_create
_bulk_update = QuerySet.bulk_update

# created_at is auto_now_add: bulk_create would stamp every row with today. Dated instead from
# the day the row is about, as if it had been written then.
DATED = {
    Participant: lambda o: at_work(random.Random(zlib.crc32(o.email.encode())), o.referral_date),
    StatusChange: lambda o: at_work(random.Random(o.participant_id), o.changed_on),
    StageChange: lambda o: at_work(random.Random(o.participant_id), o.changed_on),
    Consent: lambda o: at_work(random.Random(o.participant_id), o.given_on),
    Contact: lambda o: o.occurred_at,
}


class FastInsert:
    """``bulk_create`` without the ORM's per-value compiling (most of the time at this size):
    primary keys numbered here, values converted once per column type, rows written with
    ``executemany`` on SQLite and ``COPY`` on PostgreSQL. Auto dates are filled as
    ``pre_save`` fills them; the sequences are moved past our keys at the end."""

    def __init__(self) -> None:
        self.vendor = connection.vendor
        self.next_pk: dict[type[models.Model], int] = {}
        self.plans: dict[type[models.Model], tuple[str, list[Any]]] = {}

    def _converter(self, field: models.Field) -> Any:
        sqlite = self.vendor == "sqlite"
        if isinstance(field, models.DateTimeField):
            if sqlite:
                return lambda v: (
                    None if v is None else str(v.astimezone(dt.UTC).replace(tzinfo=None))
                )
            return None
        if isinstance(field, models.DateField | models.TimeField):
            return (lambda v: None if v is None else v.isoformat()) if sqlite else None
        if isinstance(field, models.JSONField):
            return lambda v: None if v is None else json.dumps(v)
        if isinstance(field, models.UUIDField):
            return lambda v: None if v is None else (v.hex if sqlite else v)
        return None

    def _plan(self, model: type[models.Model]) -> tuple[str, list[Any]]:
        if model not in self.plans:
            fields = model._meta.concrete_fields
            table = connection.ops.quote_name(model._meta.db_table)
            columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
            if self.vendor == "postgresql":
                sql = f"COPY {table} ({columns}) FROM STDIN"
            else:
                marks = ", ".join(["%s"] * len(fields))
                sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
            self.plans[model] = (sql, [(f, self._converter(f)) for f in fields])
            with connection.cursor() as cursor:
                pk = connection.ops.quote_name(model._meta.pk.column)
                cursor.execute(f"SELECT COALESCE(MAX({pk}), 0) FROM {table}")
                self.next_pk[model] = cursor.fetchone()[0] + 1
        return self.plans[model]

    def insert(self, model: type[models.Model], objs: list[models.Model]) -> None:
        sql, plan = self._plan(model)
        auto = [
            f for f, _ in plan if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        ]
        pk = self.next_pk[model]
        relations = [f for f, _ in plan if f.is_relation]
        for obj in objs:
            obj.pk, pk = pk, pk + 1
            for field in relations:  # a parent saved after this row was built
                if getattr(obj, field.attname) is None and field.is_cached(obj):
                    parent = field.get_cached_value(obj)
                    setattr(obj, field.attname, parent.pk if parent is not None else None)
            obj._state.adding, obj._state.db = False, "default"
            for field in auto:
                if getattr(obj, field.attname) is None or getattr(field, "auto_now", False):
                    setattr(obj, field.attname, NOW)
        self.next_pk[model] = pk
        rows = [
            tuple(
                conv(getattr(obj, f.attname)) if conv else getattr(obj, f.attname)
                for f, conv in plan
            )
            for obj in objs
        ]
        self.write(sql, rows)

    def write(self, sql: str, rows: list[tuple]) -> None:
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                with cursor.cursor.copy(sql) as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                for start in range(0, len(rows), cfg.BATCH * 5):
                    cursor.executemany(sql, rows[start : start + cfg.BATCH * 5])

    def update(self, model: type[models.Model], objs: list[models.Model], names: list[str]) -> None:
        _, plan = self._plan(model)
        chosen = [(f, conv) for f, conv in plan if f.name in names]
        sets = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f, _ in chosen)
        table = connection.ops.quote_name(model._meta.db_table)
        rows = [
            (
                *(
                    conv(getattr(o, f.attname)) if conv else getattr(o, f.attname)
                    for f, conv in chosen
                ),
                o.pk,
            )
            for o in objs
        ]
        with connection.cursor() as cursor:
            cursor.executemany(f"UPDATE {table} SET {sets} WHERE id = %s", rows)

    def reset_sequences(self) -> None:
        if self.vendor != "postgresql":
            return
        from django.core.management.color import no_style

        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(self.next_pk)):
                cursor.execute(sql)


FAST: FastInsert | None = None
NOW = timezone.now()


def _timed_bulk_create(self: QuerySet, objs: Iterable[Any], *args: Any, **kwargs: Any) -> Any:
    objs = list(objs)
    dated = DATED.get(self.model)
    if dated:
        for obj in objs:
            if obj.created_at is None:
                obj.created_at = dated(obj)
    start = time.perf_counter()
    assert FAST is not None
    FAST.insert(self.model, objs)
    row = INSERTED[self.model._meta.db_table]
    row[0] += len(objs)
    row[1] += time.perf_counter() - start
    return objs


def _fast_bulk_update(self: QuerySet, objs: Iterable[Any], fields: list[str], **kwargs: Any) -> int:
    objs = list(objs)
    assert FAST is not None
    FAST.update(self.model, objs, fields)
    return len(objs)


class History(Planner):
    """Cases closed in the past: planned back from the day they were current."""

    def closed(self, today: dt.date) -> Course:
        rng = self.rng
        kind = rng.choices(["ended", "hired", "after"], [4, 4, 2])[0]
        days = YEARS_DAYS
        if kind == "hired":
            self.today = today - dt.timedelta(days=rng.randint(300, days))
            course = self._follow_up()
            assert course.hire_on is not None
            closed = weekday_on_or_after(add_months(course.hire_on, 12) + dt.timedelta(days=3))
            note = "Etteroppfølgingen er fullført; fortsatt i jobb."
        else:
            self.today = today - dt.timedelta(days=rng.randint(100, days))
            if kind == "ended":
                course = self._ended()
                course.path = kind
                return course
            course = self._after()
            assert course.stint is not None and course.stint.ended_on is not None
            closed = weekday_on_or_after(
                course.stint.ended_on + dt.timedelta(days=rng.randint(30, 90))
            )
            note = "Avsluttet etter avtale med NAV-veileder; ny vurdering om et halvt år."
        closed = min(closed, today - dt.timedelta(days=3))
        course.statuses.append((Status.ENDED, closed, note))
        course.until, course.path = closed, kind
        return course


YEARS_DAYS = cfg.YEARS * 365


class BigData(_Demo):
    def __init__(self, *, seed: int, participants: int) -> None:
        super().__init__(seed)
        self.size = participants
        self.history = History(self.rng, self.today)
        self.active = min(participants, max(60, round(participants * cfg.ACTIVE_SHARE)))
        self.n_specialists = max(2, round(self.active / 27.5))
        self.n_orgs = max(1, round(participants / cfg.ORG_SIZE))
        self.n_employers = max(40, participants // 20)
        self.password = make_password(DEMO_PASSWORD)  # once: hashing per user takes minutes
        self.steps: list[tuple[str, float]] = []
        self.serial = 0
        self.ct = {
            m: ContentType.objects.get_for_model(m).pk
            for m in (Participant, Placement, Employment, Contact)
        }
        self.masked = {m: self._masked_fields(m) for m in self.ct}

    @staticmethod
    def _masked_fields(model: type[models.Model]) -> dict[str, list[str]]:
        from auditlog.registry import auditlog

        fields = auditlog.get_model_fields(model)["include_fields"]
        return {name: [MASK, MASK] for name in fields}

    # Orchestration.

    def run(self) -> None:
        global FAST
        FAST = FastInsert()
        QuerySet.bulk_create = _timed_bulk_create  # type: ignore[method-assign]
        QuerySet.bulk_update = _fast_bulk_update  # type: ignore[method-assign]
        debug, settings.DEBUG = settings.DEBUG, False  # no SQL kept or formatted per statement
        try:
            if connection.vendor == "sqlite":
                with connection.cursor() as cursor:
                    cursor.execute("PRAGMA synchronous=OFF")
                    cursor.execute("PRAGMA cache_size=-200000")
            for field in (m._meta.get_field("created_at") for m in DATED):
                field.auto_now_add = False  # type: ignore[attr-defined]
            with self._step("staff and employers"), transaction.atomic():
                self.organisations = [self._organisation(i) for i in range(self.n_orgs)]
            for org in self.organisations:
                self._fill(org)
            FAST.reset_sequences()
            # The profiles matching reads, as saving each record would have computed them.
            with self._step("matching profiles"):
                refresh_all()
            # Statistics, as an installation has them: PostgreSQL's autovacuum would have
            # analysed tables this size long before anyone read them; on SQLite the operator
            # runs PRAGMA optimize (README), without which it may pick the organisation's index
            # for a caseload.
            with self._step("analyze"), connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        finally:
            settings.DEBUG = debug
            QuerySet.bulk_create = _bulk_create  # type: ignore[method-assign]
            QuerySet.bulk_update = _bulk_update  # type: ignore[method-assign]
            for field in (m._meta.get_field("created_at") for m in DATED):
                field.auto_now_add = True  # type: ignore[attr-defined]

    class _Step:
        def __init__(self, data: BigData, name: str) -> None:
            self.data, self.name = data, name

        def __enter__(self) -> None:
            self.start = time.perf_counter()

        def __exit__(self, *exc: object) -> None:
            self.data.steps.append((self.name, time.perf_counter() - self.start))

    def _step(self, name: str) -> BigData._Step:
        return BigData._Step(self, name)

    def report(self) -> str:
        lines = [f"{'table':<40} {'rows':>10} {'insert s':>9}"]
        for table, (rows, secs) in sorted(INSERTED.items(), key=lambda kv: -kv[1][1]):
            lines.append(f"{table:<40} {int(rows):>10} {secs:>9.1f}")
        lines.append(f"{'step':<40} {'':>10} {'total s':>9}")
        totals: dict[str, float] = defaultdict(float)
        for name, secs in self.steps:
            totals[name] += secs
        lines += [f"{name:<40} {'':>10} {secs:>9.1f}" for name, secs in totals.items()]
        return "\n".join(lines)

    # Staff.

    def _organisation(self, index: int) -> dict[str, Any]:
        place = cfg.MUNICIPALITIES[index % len(cfg.MUNICIPALITIES)]
        org = Organisation.objects.create(name=f"NAV {place} og {place} kommune")
        for name in DEFAULT_PROGRAMMES:
            Programme.objects.create(organisation=org, name=name)
        first, count = index * self.n_specialists // self.n_orgs, self.n_specialists
        count = (index + 1) * count // self.n_orgs - first
        teams = []
        for t in range((count + cfg.TEAM_SIZE - 1) // cfg.TEAM_SIZE):
            name = "Team Nord" if index == 0 and t == 0 else f"Team {place} {t + 1}"
            teams.append(
                Team.objects.create(organisation=org, name=name, shared_caseload=t % 2 == 0)
            )
        users, specialists = [], []
        for n in range(count):
            team = teams[n // cfg.TEAM_SIZE]
            username = cfg.SPECIALIST if first + n == 0 else f"js{first + n + 1:04d}"
            specialists.append(self._user(username, org, team, is_job_specialist=True))
        for t, team in enumerate(teams):
            username = cfg.LEADER if index == 0 and t == 0 else f"leder.{index + 1}.{t + 1}"
            users.append(self._user(username, org, team, is_team_leader=True))
        suffix = "" if index == 0 else str(index + 1)
        teacher = self._user(f"laerer{suffix}", org, teams[0], is_language_teacher=True)
        admin = self._user(f"admin{suffix}", org, None, is_administrator=True, is_staff=True)
        User.objects.bulk_create([*specialists, *users, teacher, admin])
        self.org = org
        self.employer_register(self.n_employers // self.n_orgs)
        return {
            "org": org,
            "specialists": specialists,
            "teacher": teacher,
            "programmes": list(Programme.objects.filter(organisation=org).order_by("pk")),
            "employers": self.employers,
            "mentors": self.mentors,
            "by_industry": self.by_industry,
            "busiest": self.employers[0],
        }

    def _user(self, username: str, org: Organisation, team: Team | None, **roles: bool) -> User:
        return User(
            username=username,
            first_name=self.fake.first_name(),
            last_name=self.fake.last_name(),
            organisation=org,
            team=team,
            email=f"{username}@example.org",
            password=self.password,
            **roles,
        )

    # Cases.

    def _slots(self, org: dict[str, Any]) -> list[tuple[User, bool]]:
        """(specialist, active?) for every case of the organisation, shuffled: each specialist
        15–40 active cases (spesialist1 exactly 27), the closed cases spread over all."""
        rng, specialists = self.rng, org["specialists"]
        org_index = self.organisations.index(org) if org in self.organisations else 0
        share = len(specialists) / self.n_specialists
        active = round(self.active * share)
        size = round(self.size * share) if org_index < self.n_orgs - 1 else self._left
        slots: list[tuple[User, bool]] = []
        for specialist in specialists:
            n = cfg.NAMED_CASELOAD if specialist.username == cfg.SPECIALIST else rng.randint(15, 40)
            slots += [(specialist, True)] * n
        slots = slots[: max(active, cfg.NAMED_CASELOAD)]
        slots += [(rng.choice(specialists), False) for _ in range(max(size - len(slots), 0))]
        rng.shuffle(slots)
        return slots[:size]

    def _fill(self, org: dict[str, Any]) -> None:
        self.org, self.teacher, self.programmes = org["org"], org["teacher"], org["programmes"]
        self.specialists, self.employers = org["specialists"], org["employers"]
        self.mentors, self.by_industry, self.busiest = (
            org["mentors"],
            org["by_industry"],
            org["busiest"],
        )
        index = self.organisations.index(org)
        self._left = self.size - sum(
            round(self.size * len(o["specialists"]) / self.n_specialists)
            for o in self.organisations[:index]
        )
        slots = self._slots(org)
        for start in range(0, len(slots), cfg.CHUNK):
            with transaction.atomic():
                self._chunk(slots[start : start + cfg.CHUNK])
        with self._step("employer contacts"), transaction.atomic():
            self._partnership()

    def _course(self, active: bool) -> Course:
        if not active:
            return self.history.closed(self.today)
        while True:
            course = self.planner.course()
            if course.status != Status.ENDED:
                return course

    def _chunk(self, slots: list[tuple[User, bool]]) -> None:
        with self._step("participants"):
            cases = []
            for specialist, active in slots:
                self.serial += 1
                person, course = self.people.person(), self._course(active)
                participant = self._participant(self.serial, person, course)
                participant.specialist, participant.team_id = specialist, specialist.team_id
                participant.version = len(course.statuses) + len(course.stages) - 1
                wishes = self.rng.sample(list(texts.JOBS), 2)
                cases.append(Case(participant, person, course, wishes))
            Participant.objects.bulk_create([c.participant for c in cases])
            self.cases = cases
        with self._step("history, consents, work history"):
            self.case_records()
        with self._step("profiles"):
            self.profiles()
        with self._step("placements, meetings, jobs"):
            self.placements()
            self.train()
            self.follow_up()
        with self._step("language plans"):
            self.language_plans()
        with self._step("contacts and next steps"):
            self.contact_log()
        with self._step("access log and history"):
            self._audit()

    def _employer_for(self, job: str) -> Employer:
        # The busiest employer (a big shop) takes a share of every organisation's placements.
        if self.rng.random() < cfg.BUSIEST_SHARE:
            return self.busiest
        return super()._employer_for(job)

    # Contacts and next steps: about ten a case, over the whole case.

    def contact_log(self) -> None:
        rng, today = self.rng, self.today
        contacts: list[Contact] = []
        for case in self.cases:
            first = case.course.referral
            last = min(case.course.until or today, today - dt.timedelta(days=1))
            for _ in range(rng.randint(5, 15)):
                contacts.append(self._contact(case, random_weekday(rng, first, last)))
        Contact.objects.bulk_create(contacts)
        self.contacts = contacts
        self._next_steps()
        done = []
        for contact in contacts[::3]:
            due = weekday_on_or_after(contact.occurred_at.date() + dt.timedelta(days=14))
            done.append(
                NextStep(
                    organisation=self.org,
                    participant_id=contact.participant_id,
                    contact=contact,
                    owner_id=contact.author_id,
                    description=rng.choice(texts.NEXT_STEPS["search"]),
                    due_on=due,
                    done_at=at_work(rng, due) if due < today else None,
                )
            )
        NextStep.objects.bulk_create([s for s in done if s.done_at])

    def _partnership(self) -> None:
        """Contacts with employers alone (partnership work): a few each over the years, and
        many with the busiest."""
        rng, today = self.rng, self.today
        start = today - dt.timedelta(days=YEARS_DAYS)
        counts = [(e, rng.randint(0, 3)) for e in self.employers]
        counts.append((self.busiest, self.size // 8 // self.n_orgs))
        contacts = []
        for employer, count in counts:
            for _ in range(count):
                day = random_weekday(rng, start, today - dt.timedelta(days=1))
                contacts.append(
                    Contact(
                        organisation=self.org,
                        employer=employer,
                        counterpart=Contact.Counterpart.EMPLOYER,
                        channel=rng.choice([Contact.Channel.PHONE, Contact.Channel.WORKPLACE]),
                        occurred_at=at_work(rng, day, 30),
                        duration_minutes=30,
                        note=rng.choice(texts.PARTNERSHIP_NOTES),
                        author=rng.choice(self.specialists),
                    )
                )
        Contact.objects.bulk_create(contacts)

    # The audit trail, as lib.audit and auditlog write it.

    def _entry(
        self,
        model: type[models.Model],
        pk: int,
        action: int,
        actor_id: int | None,
        when: dt.datetime,
        changes: dict | None,
        extra: dict | None,
    ) -> LogEntry:
        return LogEntry(
            content_type_id=self.ct[model],
            object_pk=str(pk),
            object_id=pk,
            object_repr=f"{model._meta.model_name} #{pk}",
            action=action,
            changes=changes,
            changes_text="",
            actor_id=actor_id,
            timestamp=when,
            additional_data=extra,
        )

    def _audit(self) -> None:
        rng, today = self.rng, self.today
        sections = [s for s, _ in cfg.SECTIONS_READ]
        weights = [w for _, w in cfg.SECTIONS_READ]
        status_only = {"status": [MASK, MASK]}
        stage_only = {"stage": [MASK, MASK]}
        rows: list[LogEntry] = []
        for case in self.cases:
            p, course = case.participant, case.course
            who = p.specialist_id
            rows.append(
                self._entry(
                    Participant,
                    p.pk,
                    LogEntry.Action.CREATE,
                    who,
                    at_work(rng, course.referral),
                    self.masked[Participant],
                    {"version": 1},
                )
            )
            changes = [(on, status_only) for _, on, _ in course.statuses[1:]]
            changes += [(on, stage_only) for _, on in course.stages[1:]]
            changes.sort(key=lambda c: c[0])
            for version, (on, what) in enumerate(changes, start=2):
                rows.append(
                    self._entry(
                        Participant,
                        p.pk,
                        LogEntry.Action.UPDATE,
                        who,
                        at_work(rng, on),
                        what,
                        {"version": version},
                    )
                )
            for model, obj in ((Placement, case.placement), (Employment, case.employment)):
                if obj is not None:
                    day = getattr(obj, "planned_start", None) or obj.started_on
                    rows.append(
                        self._entry(
                            model,
                            obj.pk,
                            LogEntry.Action.CREATE,
                            who,
                            at_work(rng, min(day, today)),
                            self.masked[model],
                            {"version": 1} if model is Placement else None,
                        )
                    )
            last = min(course.until or today, today)
            for _ in range(rng.randint(2, 6)):
                section = rng.choices(sections, weights)[0]
                rows.append(
                    self._entry(
                        Participant,
                        p.pk,
                        LogEntry.Action.ACCESS,
                        who,
                        at_work(rng, random_weekday(rng, course.referral, last)),
                        None,
                        {"section": section},
                    )
                )
        rows.sort(key=lambda r: r.timestamp)
        LogEntry.objects.bulk_create(rows)
