"""Generated demo data: a Norwegian municipality with two teams, every role, participants,
employers and a year of work with them. Never real people: names are generated (Faker and short
lists, see ``people.py``), and the chains and employers are invented.

The demo tells the truth about its own record: who the participants are follows the
programmes' population (``people.py``); each case is planned as a course of dated events
(``courses.py``), so a status is one the record supports; contacts and meetings happen on
weekdays in working hours; language plans aim above the level assessed; and one case follows
the seeds' long story through the services (``story.py``)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.text import slugify
from faker import Faker

from placetrain.accounts.models import Organisation, Team, User
from placetrain.activities.models import Contact, NextStep
from placetrain.classifications.models import Occupation
from placetrain.employers.models import (
    Agreement,
    Employer,
    EmployerContact,
    JobAnalysis,
    PartnershipStageChange,
    RegisterUnit,
)
from placetrain.employers.models import Stage as PartnerStage
from placetrain.employment.models import Employment, FollowUpCheckin
from placetrain.employment.services import follow_up_dates
from placetrain.language.models import LanguageGoal, LanguageNote, LanguagePlan
from placetrain.lib.dates import add_months
from placetrain.lib.validators import org_number_check_digit
from placetrain.matching.models import Candidate
from placetrain.matching.precompute import refresh_all
from placetrain.matching.selectors import suggest_participants
from placetrain.matching.services import candidate_add, candidate_set_status
from placetrain.participants.models import (
    DEFAULT_PROGRAMMES,
    Consent,
    Participant,
    Programme,
    SensitiveInfo,
    Stage,
    StageChange,
    Status,
    StatusChange,
    VocationalProfile,
    WorkHistoryEntry,
)
from placetrain.placements.models import (
    HIRE_OUTCOMES,
    UNPAID_TYPES,
    Meeting,
    Outcome,
    Placement,
    PlacementExtension,
    PlacementType,
    Purpose,
    SubsidyKind,
    TrainingTask,
)

from . import texts
from .courses import Course, Planner, Stint
from .people import NORWEGIAN, People, Person
from .register_file import STREETS
from .story import long_story
from .workdays import at_work, random_weekday, weekday_on_or_after, weekday_on_or_before

DEMO_PASSWORD = "demo-passord-2026"
TEACHING_PLACE = "Elvestad voksenopplæring"
EMPLOYMENT_KIND = {
    Outcome.HIRED_PERMANENT: Employment.Kind.PERMANENT,
    Outcome.HIRED_TEMPORARY: Employment.Kind.TEMPORARY,
    Outcome.HIRED_PART_TIME: Employment.Kind.PART_TIME,
}
# The kinds of placement, with the subsidy that goes with each (2015 rates, DOMAIN §3.7) and
# the purposes it serves.
KINDS = {
    PlacementType.WORK_PRACTICE: (
        SubsidyKind.WORK_PRACTICE,
        1545,
        [Purpose.PAID_JOB, Purpose.SKILLS, Purpose.WORKING_LIFE],
    ),
    PlacementType.LANGUAGE_PRACTICE: (SubsidyKind.WORK_PRACTICE, 1545, [Purpose.LANGUAGE]),
    PlacementType.WAGE_SUBSIDY: (SubsidyKind.WAGE, None, [Purpose.PAID_JOB]),
}
# When participants can work: around school hours (a parent of young children), a normal
# day, or any time, with the profile's own words for it.
ALL_WEEKDAYS = 31
AVAILABILITY = [
    (dt.time(8, 30), dt.time(14), "Hverdager 08.30–14, mens barna er i barnehagen"),
    (dt.time(7), dt.time(17), "Hverdager på dagtid"),
    (dt.time(7), dt.time(17), "Hverdager på dagtid"),
    (None, None, "Kan jobbe når som helst, også kveld"),
]
# Unpaid placements ended without a hire at the employer that earns the free-labour warning.
FREE_LABOUR_ENDINGS = 3
NEXT_LEVEL = {"A1": "B1", "A2": "B1", "B1": "B2"}
LANGUAGE_GOALS = {
    "B1": "Bestå Norskprøven muntlig på B1-nivå",
    "B2": "Skrive avviksmeldinger og rapporter på B2-nivå",
}
LANGUAGE_SUB_GOALS = [
    "Kjenne ordene for utstyr og oppgaver på arbeidsplassen",
    "Delta i småprat i lunsjen",
    "Forstå beskjeder ved vaktskifte",
    "Lese arbeidsplanen og skrive korte meldinger til leder",
]


def valid_org_number(rng: random.Random) -> str:
    while True:
        body = str(rng.choice([8, 9])) + "".join(str(rng.randint(0, 9)) for _ in range(7))
        check = org_number_check_digit(body)
        if check is not None:
            return f"{body}{check}"


@dataclass
class DemoResult:
    users: list[User]
    participants: int
    employers: int
    contacts: int


@dataclass
class Case:
    """A participant with the course their case has taken."""

    participant: Participant
    person: Person
    course: Course
    wishes: list[str]
    placement: Placement | None = None
    employment: Employment | None = None


class _Demo:
    """One generated municipality. Each method adds one kind of record, drawing from the same
    random sources in a fixed order, so a seed always gives the same data (on a given day:
    the cases are planned back from today)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("no_NO")
        self.fake.seed_instance(seed)
        self.people = People(self.rng, seed)
        self.today = timezone.localdate()
        self.planner = Planner(self.rng, self.today)

    def staff(self) -> None:
        """The organisation, its two teams and programmes, and a user for every role."""
        fake = self.fake
        org = Organisation.objects.create(
            name="NAV Elvestad og Elvestad kommune, flyktningtjenesten"
        )
        team_a = Team.objects.create(organisation=org, name="Team Nord", shared_caseload=True)
        team_b = Team.objects.create(organisation=org, name="Team Sør", shared_caseload=False)
        programmes = [
            Programme.objects.create(organisation=org, name=n) for n in DEFAULT_PROGRAMMES
        ]

        def user(username: str, team: Team | None, **roles: bool) -> User:
            u = User(
                username=username,
                first_name=fake.first_name(),
                last_name=fake.last_name(),
                organisation=org,
                team=team,
                email=f"{username}@example.org",
                **roles,
            )
            u.set_password(DEMO_PASSWORD)
            u.save()
            return u

        specialists = [
            user("spesialist1", team_a, is_job_specialist=True),
            user("spesialist2", team_a, is_job_specialist=True),
            user("spesialist3", team_b, is_job_specialist=True),
            user("spesialist4", team_b, is_job_specialist=True),
        ]
        leaders = [
            user("leder.nord", team_a, is_team_leader=True),
            user("leder.sor", team_b, is_team_leader=True),
        ]
        teacher = user("laerer", team_a, is_language_teacher=True)
        admin = user("admin", None, is_administrator=True, is_staff=True)

        self.org, self.teacher, self.programmes = org, teacher, programmes
        self.specialists, self.users = specialists, [*specialists, *leaders, teacher, admin]

    # Employers.

    def _employer_name(self, industry: str, taken: set[str]) -> str:
        fake, rng = self.fake, self.rng
        template = texts.EMPLOYER_NAMES[industry]
        for _ in range(10):
            name = template.format(
                surname=fake.last_name(), first=fake.first_name(), place=rng.choice(texts.PLACES)
            )
            if name not in taken:
                return name
        return f"{name} {len(taken)}"

    def employer_register(self, employers: int) -> None:
        """Employers with valid organisation numbers, each with contact persons: shops of two
        chains first (the long story needs two shops of one chain), then the other industries
        in turn."""
        rng, org = self.rng, self.org
        named = [(f"{chain} {place}", texts.GROCERY) for chain, place in texts.CHAIN_SHOPS]
        others = [i for i in texts.INDUSTRIES if i != texts.GROCERY]
        taken = {name for name, _ in named}
        for i in range(max(employers - len(named), 0)):
            industry = others[i % len(others)]
            name = self._employer_name(industry, taken)
            taken.add(name)
            named.append((name, industry))
        used_numbers: set[str] = set()
        employer_objs = []
        for name, industry in named:
            number = valid_org_number(rng)
            while number in used_numbers:
                number = valid_org_number(rng)
            used_numbers.add(number)
            employer_objs.append(
                Employer(
                    organisation=org,
                    org_number=number,
                    name=name,
                    industry=industry,
                    address=self.fake.street_address(),
                    postal_code=self.fake.postcode(),
                    municipality="Elvestad",
                    search_text=Employer.make_search_text(name, industry),
                )
            )
        Employer.objects.bulk_create(employer_objs)
        self.employers = employer_objs
        self._employer_people()
        self._register_units()
        self._job_analyses()

    def _register_units(self) -> None:
        """Enhetsregisteret as if imported: every employer a unit, each chain's shops
        workplaces (sub-units) under the chain's main unit, and units that are not employers
        yet (a new shop of a chain, a bankrupt firm) for the employer form to fill in from."""
        # An RNG of its own: the draws of the demo's story after this stay as they were.
        rng, now = random.Random(len(self.employers)), timezone.now()
        numbers = {e.org_number for e in self.employers}

        def fresh() -> str:
            number = valid_org_number(rng)
            while number in numbers:
                number = valid_org_number(rng)
            numbers.add(number)
            return number

        def unit(number: str, name: str, industry: str, **fields: object) -> RegisterUnit:
            values: dict[str, object] = {
                "kind": RegisterUnit.Kind.MAIN,
                "organisation_form": "AS",
                "address": f"{rng.choice(STREETS)} {rng.randint(1, 90)}",
                "postal_code": f"{rng.randint(2300, 2399)}",
                "postal_place": "ELVESTAD",
                "municipality": "ELVESTAD",
                "municipality_number": "3999",
                "industry_code": texts.INDUSTRY_CODES[industry],
                "employees": rng.randint(3, 120),
                "imported_at": now,
            }
            values.update(fields)
            return RegisterUnit(org_number=number, name=name.upper(), **values)

        chains = {chain: fresh() for chain, _place in texts.CHAIN_SHOPS}
        units = [
            unit(n, f"{chain} Norge AS", texts.GROCERY, employees=2400)
            for chain, n in chains.items()
        ]
        sub = {"kind": RegisterUnit.Kind.SUB, "organisation_form": "BEDR"}
        for employer in self.employers:
            chain = employer.name.split()[0]
            fields = {**sub, "parent_org_number": chains[chain]} if chain in chains else {}
            where = {"address": employer.address, "postal_code": employer.postal_code}
            row = unit(employer.org_number, employer.name, employer.industry, **where, **fields)
            units.append(row)
            employer.industry_code_id = row.industry_code
            employer.employees = row.employees
        first_chain = texts.CHAIN_SHOPS[0][0]
        units.append(
            unit(
                fresh(),
                f"{first_chain} Elvestad Øst",
                texts.GROCERY,
                **sub,
                parent_org_number=chains[first_chain],
            )
        )
        units.append(unit(fresh(), "Elvestad Renhold AS", "Rengjøring", bankrupt=True))
        RegisterUnit.objects.bulk_create(units)
        Employer.objects.bulk_update(self.employers, ["industry_code", "employees"])

    def _job_analyses(self) -> None:
        """Job analyses at about two employers in three: vacancies and developed jobs (tasks
        taken from existing roles), most of them after a visit, with schedules from a school
        day to a night shift and Norwegian requirements from none to B2."""
        rng = random.Random(len(self.employers) * 7)  # its own: later draws stay as they were
        job_of = {
            industry: job for job, industries in texts.JOBS.items() for industry in industries
        }
        specialists = list(
            User.objects.filter(organisation=self.org, is_job_specialist=True).order_by("pk")[:20]
        ) or [None]
        schedules = [  # shift, start, end, days (bits), hours
            (JobAnalysis.Shift.DAY, dt.time(8), dt.time(14), 31, Decimal("25")),
            (JobAnalysis.Shift.DAY, dt.time(7), dt.time(15), 31, Decimal("37.5")),
            (JobAnalysis.Shift.EVENING, dt.time(15), dt.time(22), 31 + 32, Decimal("20")),
            (JobAnalysis.Shift.NIGHT, dt.time(22), dt.time(6), 31, Decimal("30")),
            (JobAnalysis.Shift.ROTATING, dt.time(7), dt.time(15), 127, Decimal("28")),
        ]
        analyses = []
        for employer in self.employers:
            job = job_of.get(employer.industry)
            if job is None or rng.random() < 0.35:
                continue
            for n in range(rng.choice([1, 1, 2])):
                developed = employer.industry in texts.DEVELOPED_FROM and rng.random() < 0.4
                tasks = texts.TASKS.get(employer.industry, texts.DEFAULT_TASKS)
                shift, starts, ends, days, hours = rng.choice(schedules)
                visited = rng.random() < 0.8
                analyses.append(
                    JobAnalysis(
                        employer=employer,
                        title=f"{job} ({shift.label.lower()})" if n else job,
                        kind=JobAnalysis.Kind.DEVELOPED if developed else JobAnalysis.Kind.VACANCY,
                        state=JobAnalysis.State.OPEN
                        if rng.random() < 0.85
                        else JobAnalysis.State.CLOSED,
                        occupation_id=texts.JOB_OCCUPATIONS[job],
                        tasks="\n".join(rng.sample(tasks, min(3, len(tasks)))),
                        developed_from=texts.DEVELOPED_FROM[employer.industry] if developed else "",
                        open_positions=rng.choice([1, 1, 2, 3]),
                        norwegian_level=rng.choice(["", "A2", "A2", "B1", "B1", "B2"]),
                        level_reachable_on_job=rng.random() < 0.6,
                        physical_demands=rng.choice(["Mye gåing og løft", "Stående arbeid", ""]),
                        pace=rng.choice(JobAnalysis.Level.values),
                        noise=rng.choice(JobAnalysis.Level.values),
                        company=rng.choice(JobAnalysis.Company.values),
                        customer_contact=rng.choice(JobAnalysis.Level.values),
                        training="Fast fadder første uke, sjekkliste for oppgavene",
                        trainer="Skiftleder",
                        days=days,
                        shift=shift,
                        starts_at=starts,
                        ends_at=ends,
                        hours_per_week=hours,
                        adaptations=rng.sample(JobAnalysis.Adaptation.values, rng.randint(1, 3)),
                        measures=rng.sample(JobAnalysis.Measure.values, rng.randint(1, 3)),
                        address=employer.address,
                        postal_code=employer.postal_code,
                        municipality=employer.municipality,
                        visited_on=self.today - dt.timedelta(days=rng.randint(5, 300))
                        if visited
                        else None,
                        visited_by=rng.choice(specialists) if visited else None,
                        created_by=rng.choice(specialists),
                    )
                )
        titles = dict(Occupation.objects.values_list("code", "title"))
        for analysis in analyses:
            analysis.prepare_for_matching(titles[analysis.occupation_id])
        JobAnalysis.objects.bulk_create(analyses)

    def shortlists(self) -> None:
        """Shortlists on a few open, visited job analyses: the best suggestions of a specialist's
        caseload, moved on as a specialist would (contacted, presented, one not relevant)."""
        specialist = next(u for u in self.users if u.is_job_specialist)
        analyses = JobAnalysis.objects.filter(
            employer__organisation=self.org, state=JobAnalysis.State.OPEN, visited_on__isnull=False
        ).order_by("pk")[:3]
        steps = [
            Candidate.Status.CONTACTED,
            Candidate.Status.PRESENTED,
            Candidate.Status.NOT_RELEVANT,
        ]
        for analysis in analyses:
            found = suggest_participants(specialist, analysis, limit=3)
            for suggestion, status in zip(found, steps, strict=False):
                candidate = candidate_add(
                    user=specialist,
                    analysis=analysis,
                    participant=suggestion.target,
                    suggestion=suggestion,
                )
                reason = "Har takket ja til annen praksis" if status == steps[2] else ""
                candidate_set_status(
                    user=specialist,
                    candidate=candidate,
                    status=status,
                    reason=reason,
                    on=self.today,
                    expected_version=candidate.version,
                )

    def _employer_people(self) -> None:
        """One to three contact persons each; the last of three is the workplace's mentor
        (fadder), and every shop has one."""
        rng, fake = self.rng, self.fake
        people = []
        for employer in self.employers:
            roles = texts.ROLES.get(employer.industry, texts.DEFAULT_ROLES)
            count = 3 if employer.industry == texts.GROCERY else rng.randint(1, 3)
            for role in roles[:count]:
                name = fake.name()
                people.append(
                    EmployerContact(
                        employer=employer,
                        name=name,
                        role=role,
                        phone=fake.phone_number(),
                        email=f"{slugify(name).replace('-', '.')}@example.net",
                        is_mentor="fadder" in role,
                    )
                )
        EmployerContact.objects.bulk_create(people)
        self.mentors = {p.employer_id: p for p in people if p.is_mentor}
        self.by_industry: dict[str, list[Employer]] = {}
        for employer in self.employers:
            self.by_industry.setdefault(employer.industry, []).append(employer)

    # Participants.

    def _participant(self, i: int, person: Person, course: Course) -> Participant:
        rng, fake, today = self.rng, self.fake, self.today
        specialist = self.specialists[i % len(self.specialists)]
        origin = person.origin
        weights = origin.programme_weights
        arrived = today.year - person.years_in_norway
        story = (
            "Lang tid på sosialhjelp."
            if origin.country == "Norge"
            else f"Kom til Norge i {arrived}."
        )
        native = person.mother_tongue == NORWEGIAN
        return Participant(
            organisation=self.org,
            team_id=specialist.team_id,
            specialist=specialist,
            first_name=person.first_name,
            last_name=person.last_name,
            birth_date=today - dt.timedelta(days=rng.randint(19 * 365 + 30, 60 * 365)),
            phone=fake.phone_number(),
            email=f"{slugify(person.first_name)}.{slugify(person.last_name)}{i}@example.net",
            address=fake.street_address(),
            postal_code=fake.postcode(),
            municipality="Elvestad",
            mother_tongue=person.mother_tongue,
            other_languages=person.other_languages,
            norwegian_level=person.norwegian_level,
            # The level is assessed early, when needed: not for native speakers.
            norwegian_level_date=None if native else weekday_on_or_after(course.referral),
            norwegian_level_assessed_by="" if native else f"Norsklærer, {TEACHING_PLACE}",
            education=person.education,
            programme=rng.choices(self.programmes, weights)[0] if any(weights) else None,
            referral_date=course.referral,
            referred_by=rng.choice(["NAV-veileder", "Flyktningtjenesten", "DPS", "Fastlege"]),
            referral_order=f"Ønsker bistand til å komme i ordinært arbeid. {story}",
            status=course.status,
            stage=course.stage,
            search_name=Participant.make_search_name(person.first_name, person.last_name),
        )

    def caseload(self, participants: int) -> None:
        """Participants spread over the specialists, each with the course their case took."""
        cases = []
        for i in range(participants):
            person = self.people.person()
            course = self.planner.course()
            wishes = self.rng.sample(list(texts.JOBS), 2)
            cases.append(Case(self._participant(i, person, course), person, course, wishes))
        Participant.objects.bulk_create([c.participant for c in cases])
        self.cases = cases

    def case_records(self) -> None:
        """Status and stage history as it happened, consents, work history, sensitive
        sections."""
        cases = self.cases
        StatusChange.objects.bulk_create(
            StatusChange(
                participant=c.participant,
                status=status,
                changed_on=on,
                changed_by=c.participant.specialist,
                note=note,
            )
            for c in cases
            for status, on, note in c.course.statuses
        )
        StageChange.objects.bulk_create(
            StageChange(
                participant=c.participant,
                stage=stage,
                changed_on=on,
                changed_by=c.participant.specialist,
                # In the demo's courses stage 5 comes with the start of the placement, and the
                # system moves it (placement_start) as it would have.
                cause=StageChange.Cause.PLACEMENT_STARTED if stage == Stage.SUPPORT else "",
            )
            for c in cases
            for stage, on in c.course.stages
        )
        Consent.objects.bulk_create(self._consents())
        WorkHistoryEntry.objects.bulk_create(self._work_history())
        rng = self.rng
        SensitiveInfo.objects.bulk_create(
            SensitiveInfo(
                participant=c.participant,
                health=rng.choice(["Ryggplager, tåler ikke tunge løft.", "Angst i perioder."]),
                housing=rng.choice(["Kommunal bolig.", "Bor hos familie."]),
            )
            for c in cases[::4]
        )

    def _consents(self) -> list[Consent]:
        consents = []
        for i, case in enumerate(self.cases):
            p = case.participant
            consents.append(
                Consent(
                    participant=p,
                    kind=Consent.Kind.EMPLOYER_DISCLOSURE,
                    scope="Norsknivå, arbeidserfaring og behov for tilrettelegging",
                    topics=[Consent.Topic.LANGUAGE, Consent.Topic.WORK_HISTORY],
                    given_on=case.course.referral,
                    method=Consent.Method.WRITTEN,
                    recorded_by=p.specialist,
                )
            )
            if i % 3 == 0:
                consents.append(
                    Consent(
                        participant=p,
                        kind=Consent.Kind.SERVICE_CONTACT,
                        scope="Fastlege og NAV",
                        given_on=case.course.referral,
                        method=Consent.Method.ORAL,
                        recorded_by=p.specialist,
                    )
                )
        return consents

    def _work_history(self) -> list[WorkHistoryEntry]:
        """Work in the country they came from for most, and a job in Norway for some who have
        been here for years."""
        rng, year = self.rng, self.today.year
        entries = []
        for case in self.cases:
            person, p = case.person, case.participant
            arrived = year - person.years_in_norway
            if person.origin.jobs_at_home and rng.random() < 0.7:
                start = arrived - rng.randint(3, 12)
                entries.append(
                    WorkHistoryEntry(
                        participant=p,
                        workplace=rng.choice(["Familiebedrift", "Eget firma", "Marked", "Fabrikk"]),
                        role=rng.choice(person.origin.jobs_at_home),
                        country=person.origin.country,
                        start_year=start,
                        end_year=min(arrived, start + rng.randint(1, 8)),
                    )
                )
            if person.years_in_norway >= 6 and rng.random() < 0.4:
                start = rng.randint(arrived + 1, year - 2)
                entries.append(
                    WorkHistoryEntry(
                        participant=p,
                        workplace=f"{self.fake.last_name()} Renhold AS",
                        role="Renholder, tilkalling",
                        country="Norge",
                        start_year=start,
                        end_year=start + 1,
                    )
                )
        return entries

    # The placements and the train around them.

    def _employer_for(self, job: str) -> Employer:
        choices = [e for i in texts.JOBS[job] for e in self.by_industry.get(i, [])]
        return self.rng.choice(choices or self.employers)

    def profiles(self) -> None:
        """The first version of the vocational profile, on the day of the agreement."""
        rng, profiles = self.rng, []
        for case in self.cases:
            if case.course.active_on is None:
                continue
            p, wishes = case.participant, case.wishes
            hours = AVAILABILITY[case.participant.pk % len(AVAILABILITY)]
            wished = [self._employer_for(w).name for w in wishes] + [
                e.name for e in rng.sample(self.employers, 3)
            ]
            profiles.append(
                VocationalProfile(
                    participant=p,
                    number=1,
                    created_by=p.specialist,
                    job_wishes=", ".join(wishes),
                    work_environment="Små team, faste rutiner",
                    desired_workplaces="\n".join(dict.fromkeys(wished)),
                    interests=rng.choice(
                        ["Matlaging, fotball", "Strikking, turer", "Bilder, musikk"]
                    ),
                    strengths="Punktlig, blid",
                    energy="Å jobbe med andre",
                    formal_skills=rng.choice(["Førerkort klasse B", "", "Truckførerbevis"]),
                    informal_skills="Tatt seg av søsken",
                    support_language=""
                    if case.person.mother_tongue == NORWEGIAN
                    else "Trenger norsk i jobb",
                    hours_capacity=rng.choice([50, 60, 80, 100]),
                    wished_occupations=[texts.JOB_OCCUPATIONS[w] for w in wishes],
                    available_days=ALL_WEEKDAYS,
                    available_from=hours[0],
                    available_until=hours[1],
                    availability=hours[2],
                )
            )
        VocationalProfile.objects.bulk_create(profiles)
        # Dated on the day it was made, not the day the demo was generated.
        dated = {c.participant.pk: c.course.active_on for c in self.cases}
        for profile in profiles:
            profile.created_at = at_work(rng, dated[profile.participant.pk])
        VocationalProfile.objects.bulk_update(profiles, ["created_at"])

    def _placement(self, case: Case, stint: Stint) -> Placement:
        rng, p = self.rng, case.participant
        job = case.wishes[0]
        employer = self._employer_for(job)
        mentor = self.mentors.get(employer.pk)
        ended = stint.state == Placement.State.ENDED
        kind = rng.choice(list(KINDS))
        subsidy, amount, purposes = KINDS[kind]
        return Placement(
            participant=p,
            employer=employer,
            kind=kind,
            state=stint.state,
            planned_start=stint.planned_start,
            planned_end=stint.end,
            started_on=stint.started_on,
            ended_on=stint.ended_on,
            percent_of_full_time=rng.choice([50, 60, 80, 100]),
            subsidy_kind=subsidy,
            subsidy_monthly_amount=amount,
            mentor=mentor,
            mentor_name="" if mentor else self.fake.name(),
            intention_agreement=rng.random() < 0.5,
            purpose=rng.choice(purposes),
            goal=f"Fast jobb som {job.lower()}",
            sub_goals="Mestre de første oppgavene i opplæringsplanen\nDelta i lunsjpraten",
            why_here=f"Matcher ønsket om å jobbe som {job.lower()}, i et lite team",
            follow_up_by=p.specialist,
            follow_up_every_days=14,
            follow_up_plan="Besøk annenhver uke, statusmøte hver måned",
            next_step_after="Ansettelse i deltidsstilling, ellers ny praksis",
            outcome=stint.outcome,
            end_reason=stint.end_reason,
            evaluation="Godt samarbeid med fadder og leder." if ended else "",
            created_by=p.specialist,
        )

    def placements(self) -> None:
        """Placements with their 6H answers, and every extension with its reason."""
        cases = [c for c in self.cases if c.course.stint]
        for case in cases:
            case.placement = self._placement(case, case.course.stint)
        self._free_labour_history([c.placement for c in cases if c.placement])
        Placement.objects.bulk_create([c.placement for c in cases])
        extensions = []
        for case in cases:
            stint, placement = case.course.stint, case.placement
            previous = stint.planned_end
            for decided, new_end, reason in stint.extensions:
                extension = PlacementExtension(
                    placement=placement,
                    previous_end=previous,
                    new_end=new_end,
                    reason=reason,
                    extended_by=placement.created_by,
                )
                extension.decided = decided
                extensions.append(extension)
                previous = new_end
        PlacementExtension.objects.bulk_create(extensions)
        for extension in extensions:
            extension.created_at = at_work(self.rng, extension.decided)
        PlacementExtension.objects.bulk_update(extensions, ["created_at"])
        self.placed = cases

    def _free_labour_history(self, placements: list[Placement]) -> None:
        """One employer earns the free-labour warning (DOMAIN §1, "place and pray"): the unpaid
        placements that ended without a hire this last year are gathered there, at an employer
        that has hired no one. No random draw: the demo's other records stay as they were."""
        since = add_months(self.today, -12)
        story_shops = {f"{chain} {place}" for chain, place in texts.CHAIN_SHOPS}
        hiring = {p.employer.pk for p in placements if p.outcome in HIRE_OUTCOMES}
        taker = next(
            (e for e in self.employers if e.pk not in hiring and e.name not in story_shops), None
        )
        unpaid_endings = [
            p
            for p in placements
            if p.kind in UNPAID_TYPES
            and p.outcome
            and p.outcome not in HIRE_OUTCOMES
            and p.ended_on
            and p.ended_on >= since
            and p.employer.name not in story_shops
        ]
        if taker is None:
            return
        for placement in unpaid_endings[:FREE_LABOUR_ENDINGS]:
            placement.employer = taker
            placement.mentor = self.mentors.get(taker.pk)
            placement.mentor_name = "" if placement.mentor else placement.mentor_name or "Fadder"

    def _tasks(self, placement: Placement, last_day: dt.date) -> list[TrainingTask]:
        """Simple tasks first; a task is mastered about two weeks after its training started,
        never after the placement's last day or today."""
        steps = texts.TASKS.get(placement.employer.industry, texts.DEFAULT_TASKS)
        tasks = []
        begun = placement.started_on
        for order, text in enumerate(steps[:3], start=1):
            task = TrainingTask(placement=placement, order=order, description=text)
            if begun and begun <= last_day:
                task.status, task.started_on = TrainingTask.TaskStatus.IN_TRAINING, begun
                mastered = begun + dt.timedelta(days=14)
                if mastered <= last_day:
                    task.status, task.mastered_on = TrainingTask.TaskStatus.MASTERED, mastered
                    begun = mastered
                else:
                    begun = None
            tasks.append(task)
        return tasks

    def _meetings(self, placement: Placement, stint: Stint) -> list[Meeting]:
        """The start-up meeting, an evaluation within the first month, a status meeting a
        month after that and, for an ended placement, the ending meeting; each held (with
        notes) if its day has come, else planned."""
        rng, today = self.rng, self.today
        start, last = stint.planned_start, stint.last_day
        days = [
            (Meeting.Kind.STARTUP, start, "Gikk gjennom mål, oppgaver og fadderens rolle."),
            (
                Meeting.Kind.EVALUATION,
                start + dt.timedelta(days=rng.randint(18, 27)),
                "Første evaluering: oppgavene passer, mer tid med fadder i kassen/på lageret.",
            ),
            (
                Meeting.Kind.STATUS,
                start + dt.timedelta(days=rng.randint(50, 60)),
                "Status: mestrer de første oppgavene, neste steg avtalt.",
            ),
        ]
        if stint.ended_on:
            days.append((Meeting.Kind.ENDING, stint.ended_on, f"Avslutning: {stint.end_reason}"))
        meetings = []
        for kind, day, notes in days:
            day = (
                weekday_on_or_before(day)
                if kind == Meeting.Kind.ENDING
                else weekday_on_or_after(day)
            )
            if kind != Meeting.Kind.ENDING and day >= last:
                continue
            held = day < today and stint.state != Placement.State.PLANNED
            meetings.append(
                Meeting(
                    placement=placement,
                    kind=kind,
                    planned_at=at_work(rng, day, 60, latest=15 * 60),
                    place=placement.employer.name,
                    attendees="Deltaker, fadder, leder, jobbspesialist",
                    held_on=day if held else None,
                    notes=notes if held else "",
                    created_by=placement.created_by,
                )
            )
            if not held:
                break  # the next meeting is planned when this one is held
        return meetings

    def train(self) -> None:
        """The training plan and meetings of every placement, and the jobs some led to."""
        tasks, meetings, employments = [], [], []
        for case in self.placed:
            stint, placement = case.course.stint, case.placement
            tasks += self._tasks(placement, min(stint.last_day, self.today))
            meetings += self._meetings(placement, stint)
            if placement.outcome in HIRE_OUTCOMES:
                case.employment = Employment(
                    participant=case.participant,
                    employer=placement.employer,
                    placement=placement,
                    kind=EMPLOYMENT_KIND[placement.outcome],
                    started_on=case.course.hire_on,
                    percent_of_full_time=placement.percent_of_full_time,
                    hourly_wage=Decimal(self.rng.randrange(19000, 23000, 50)) / 100,
                )
                employments.append(case.employment)
        TrainingTask.objects.bulk_create(tasks)
        Meeting.objects.bulk_create(meetings)
        Employment.objects.bulk_create(employments)

    def follow_up(self) -> None:
        """The follow-up plan after every hire, with the check-ins whose day has come done."""
        rng, today = self.rng, self.today
        checkins = []
        for case in self.placed:
            employment = case.employment
            if employment is None:
                continue
            for label, due in follow_up_dates(employment.started_on):
                done = weekday_on_or_before(due) if due < today - dt.timedelta(days=2) else None
                done = max(done, employment.started_on) if done else None
                checkins.append(
                    FollowUpCheckin(
                        employment=employment,
                        due_on=due,
                        label=label,
                        done_on=done,
                        still_employed=True if done else None,
                        # Hours of a 37.5-hour week, to the tenth.
                        hours_per_week=Decimal(employment.percent_of_full_time * 375 // 100) / 10
                        if done
                        else None,
                        how_participant=rng.choice(
                            ["Trives godt", "Liker kollegene, sliten av tidligvakter"]
                        )
                        if done
                        else "",
                        how_employer="Fornøyd" if done else "",
                        recorded_by=case.participant.specialist if done else None,
                    )
                )
        FollowUpCheckin.objects.bulk_create(checkins)

    def language_plans(self) -> None:
        """A plan with the language teacher for about a third of those who need Norwegian at
        work: from the level assessed to the one the job needs, with sub-goals."""
        rng, today, teacher = self.rng, self.today, self.teacher
        needing = [
            c
            for c in self.cases
            if c.participant.norwegian_level in NEXT_LEVEL
            and c.course.active_on
            and c.participant.status != Status.ENDED
        ]
        chosen = needing[::3]
        plans, goals, notes = [], [], []
        for case in chosen:
            p = case.participant
            current = p.norwegian_level
            required = NEXT_LEVEL[current]
            placement = (
                case.placement
                if case.placement and case.placement.state != Placement.State.ENDED
                else None
            )
            started = weekday_on_or_after(case.course.active_on + dt.timedelta(days=7))
            plan = LanguagePlan(
                participant=p,
                placement=placement,
                teacher=teacher,
                current_level=current,
                required_level=required,
                final_goal=LANGUAGE_GOALS[required],
                final_goal_by=today + dt.timedelta(days=300 if current == "A1" else 180),
                hours_per_week=rng.choice([2, 4]),
            )
            plan.started = started
            plans.append(plan)
            for n, text in enumerate(rng.sample(LANGUAGE_SUB_GOALS, 2), start=1):
                due = started + dt.timedelta(weeks=8 * n)
                # Most sub-goals whose day has come are reached, some a little late.
                reached = due + dt.timedelta(days=rng.randint(-10, 20))
                reached = reached if reached < today and rng.random() < 0.7 else None
                goals.append(
                    LanguageGoal(plan=plan, description=text, due_on=due, reached_on=reached)
                )
            if started < today:
                notes.append(
                    LanguageNote(
                        plan=plan,
                        written_on=random_weekday(rng, started, today - dt.timedelta(days=1)),
                        text="Øvde på ord og faste fraser fra arbeidsplassen.",
                        written_by=teacher,
                    )
                )
        LanguagePlan.objects.bulk_create(plans)
        for plan in plans:
            plan.created_at = at_work(rng, plan.started)
        LanguagePlan.objects.bulk_update(plans, ["created_at"])
        LanguageGoal.objects.bulk_create(goals)
        LanguageNote.objects.bulk_create(notes)
        Placement.objects.filter(language_plans__in=plans).update(language_plan_needed=True)
        through = Participant.language_teachers.through
        through.objects.bulk_create(
            through(participant_id=c.participant.pk, user_id=teacher.pk) for c in chosen
        )

    # The contact log.

    def _phase(self, case: Case, day: dt.date) -> str:
        course, stint = case.course, case.course.stint
        if course.hire_on and day >= course.hire_on:
            return "employed"
        if stint and stint.started_on and stint.started_on <= day <= stint.last_day:
            return "placement"
        if course.active_on and day >= course.active_on:
            return "search"
        return "intake"

    def _contact(self, case: Case, day: dt.date) -> Contact:
        rng, p = self.rng, case.participant
        phase = self._phase(case, day)
        at_workplace = phase in ("placement", "employed")
        employer = case.placement.employer if at_workplace else None
        counterpart = Contact.Counterpart.PARTICIPANT
        channel = rng.choice(
            [Contact.Channel.OFFICE, Contact.Channel.PHONE, Contact.Channel.MESSAGE]
        )
        person = None
        if at_workplace:
            counterpart = rng.choice(list(Contact.Counterpart)[:3])
            channel = rng.choice([Contact.Channel.WORKPLACE, Contact.Channel.PHONE])
            if counterpart == Contact.Counterpart.MENTOR:
                person = case.placement.mentor
        elif phase == "search" and rng.random() < 0.2:
            channel = Contact.Channel.HOME
        notes = {
            "intake": texts.INTAKE_NOTES,
            "search": texts.SEARCH_NOTES,
            "placement": texts.PLACEMENT_NOTES,
            "employed": texts.EMPLOYED_NOTES,
        }[phase]
        minutes = rng.choice([10, 15, 30, 45, 60, 90])
        return Contact(
            organisation=self.org,
            participant=p,
            employer=employer,
            employer_contact=person,
            counterpart=counterpart,
            channel=channel,
            occurred_at=at_work(rng, day, minutes),
            duration_minutes=minutes,
            note=rng.choice(notes),
            author=p.specialist,
        )

    def contact_log(self) -> None:
        """A year of contacts: each participant's since their referral (and until their
        programme ended), with employers, and the next steps due."""
        rng, today = self.rng, self.today
        year_ago = today - dt.timedelta(days=360)
        contacts = []
        for case in self.cases:
            first = max(case.course.referral, year_ago)
            last = min(case.course.until, today - dt.timedelta(days=1))
            count = min(9, 2 + (last - first).days // 40)
            for _ in range(rng.randint(2, max(2, count))):
                contacts.append(self._contact(case, random_weekday(rng, first, last)))
        for employer in self.employers[:25]:
            day = random_weekday(rng, today - dt.timedelta(days=300), today - dt.timedelta(days=1))
            contacts.append(
                Contact(
                    organisation=self.org,
                    employer=employer,
                    counterpart=Contact.Counterpart.EMPLOYER,
                    channel=Contact.Channel.PHONE,
                    occurred_at=at_work(rng, day, 20),
                    duration_minutes=20,
                    note=rng.choice(texts.PARTNERSHIP_NOTES),
                    author=rng.choice(self.specialists),
                )
            )
        Contact.objects.bulk_create(contacts)
        self.contacts = contacts
        self._next_steps()

    def _next_steps(self) -> None:
        rng, today = self.rng, self.today
        steps = []
        for case in self.cases:
            if case.participant.status == Status.ENDED:
                continue
            due = weekday_on_or_before(today + dt.timedelta(days=rng.randint(-10, 21)))
            steps.append(
                NextStep(
                    organisation=self.org,
                    participant=case.participant,
                    owner=case.participant.specialist,
                    description=rng.choice(texts.NEXT_STEPS[self._phase(case, today)]),
                    due_on=due,
                )
            )
        NextStep.objects.bulk_create(steps)

    def story(self) -> None:
        """The seeds' long story, through the services (see ``story.py``)."""
        shops = {e.name: e for e in self.employers}
        contacts = long_story(
            rng=self.rng,
            people=self.people,
            today=self.today,
            specialist=self.specialists[0],
            teacher=self.teacher,
            programme=self.programmes[1],
            first_shop=shops["Nærmat Storgata"],
            second_shop=shops["Nærmat Sentrum"],
            mentor=self.mentors[shops["Nærmat Sentrum"].pk],
        )
        self.contacts += contacts

    def partnerships(self) -> None:
        """The network: every employer's last contact as the contact log's services keep it,
        then stages with their dated history (the employers of placements are partners), owners,
        needs in the employer's words, next actions and agreements — and, always, at least one
        partner not contacted for over 60 days, for the list to highlight."""
        # An RNG of its own: the draws of the demo's story before this stay as they were.
        rng, today, org = random.Random(len(self.employers) * 7), self.today, self.org
        latest = (
            Contact.objects.filter(employer_id=OuterRef("pk"))
            .order_by("-occurred_at")
            .values("occurred_at")[:1]
        )
        Employer.objects.filter(organisation=org).update(
            last_contact_on=TruncDate(Subquery(latest))
        )
        employers = list(Employer.objects.filter(organisation=org).order_by("pk"))
        placed = set(
            Placement.objects.filter(participant__organisation=org).values_list(
                "employer_id", flat=True
            )
        )
        long_ago = today - dt.timedelta(days=61)
        quiet = min(
            (e for e in employers if e.last_contact_on and e.last_contact_on < long_ago),
            key=lambda e: e.last_contact_on,
            default=employers[-1],
        )
        others = [
            PartnerStage.NEW,
            PartnerStage.ASSESSING,
            PartnerStage.TO_CONTACT,
            PartnerStage.MAPPING_NEEDS,
        ]
        changes, agreements = [], []
        for i, employer in enumerate(employers):
            if employer.pk in placed or employer is quiet:
                stage = PartnerStage.PARTNER
            elif i % 9 == 4:
                stage = PartnerStage.PAUSED
            elif i % 11 == 6:
                stage = PartnerStage.NOT_RELEVANT
            else:
                stage = others[i % len(others)]
            employer.stage = stage
            employer.owner = (
                rng.choice([*self.specialists, None]) if stage != PartnerStage.NEW else None
            )
            if stage in (PartnerStage.MAPPING_NEEDS, PartnerStage.PARTNER):
                employer.needs = rng.choice(texts.PARTNER_NEEDS)
            if (
                stage in (PartnerStage.TO_CONTACT, PartnerStage.MAPPING_NEEDS, PartnerStage.PARTNER)
                and i % 2
            ):
                employer.next_action = rng.choice(texts.PARTNER_NEXT_ACTIONS)
                employer.next_action_on = weekday_on_or_after(
                    today + dt.timedelta(days=rng.randint(3, 30))
                )
            changes += self._stage_history(rng, employer, i)
            if stage == PartnerStage.PARTNER and i % 3 != 2:
                agreements.append(self._agreement(rng, employer, i))
        Employer.objects.bulk_update(
            employers,
            ["stage", "stage_reason", "owner", "needs", "next_action", "next_action_on"],
        )
        PartnershipStageChange.objects.bulk_create(changes)
        Agreement.objects.bulk_create(agreements)

    def _stage_history(
        self, rng: random.Random, employer: Employer, i: int
    ) -> list[PartnershipStageChange]:
        """The way to the employer's stage, step by step, a few weeks apart, ending by today."""
        way = {
            PartnerStage.NEW: [],
            PartnerStage.ASSESSING: [PartnerStage.ASSESSING],
            PartnerStage.TO_CONTACT: [PartnerStage.ASSESSING, PartnerStage.TO_CONTACT],
            PartnerStage.MAPPING_NEEDS: [PartnerStage.TO_CONTACT, PartnerStage.MAPPING_NEEDS],
            PartnerStage.PARTNER: [
                PartnerStage.TO_CONTACT,
                PartnerStage.MAPPING_NEEDS,
                PartnerStage.PARTNER,
            ],
            PartnerStage.PAUSED: [PartnerStage.TO_CONTACT, PartnerStage.PAUSED],
            PartnerStage.NOT_RELEVANT: [PartnerStage.ASSESSING, PartnerStage.NOT_RELEVANT],
        }[PartnerStage(employer.stage)]
        reasons = {
            PartnerStage.PAUSED: texts.PAUSE_REASONS,
            PartnerStage.NOT_RELEVANT: texts.NOT_RELEVANT_REASONS,
        }
        day = self.today - dt.timedelta(days=400 - 8 * (i % 20))
        changes = []
        for stage in way:
            day = weekday_on_or_before(
                min(day + dt.timedelta(days=rng.randint(14, 60)), self.today)
            )
            reason = rng.choice(reasons[stage]) if stage in reasons else ""
            changes.append(
                PartnershipStageChange(
                    employer=employer,
                    stage=stage,
                    reason=reason,
                    changed_on=day,
                    changed_by=employer.owner or self.specialists[0],
                )
            )
        employer.stage_reason = changes[-1].reason if changes else ""
        return changes

    def _agreement(self, rng: random.Random, employer: Employer, i: int) -> Agreement:
        """A framework agreement to provide placements, an IA agreement now and then; one in
        five ended."""
        kind = Agreement.Kind.IA if i % 4 == 1 else Agreement.Kind.FRAMEWORK
        start = self.today - dt.timedelta(days=rng.randint(60, 700))
        end = start + dt.timedelta(days=365) if i % 5 == 0 else None
        return Agreement(
            employer=employer,
            kind=kind,
            valid_from=start,
            valid_to=end,
            notes="Inntil tre praksisplasser om gangen."
            if kind == Agreement.Kind.FRAMEWORK
            else "",
        )


@transaction.atomic
def seed_demo(*, seed: int = 2026, participants: int = 60, employers: int = 40) -> DemoResult:
    """Generate the demo municipality (never real people). ``participants`` counts the one
    whose case follows the seeds' long story; the two shops of its chain are always there."""
    demo = _Demo(seed)
    demo.staff()
    demo.employer_register(employers)
    demo.caseload(max(participants - 1, 0))
    demo.case_records()
    demo.profiles()
    demo.placements()
    demo.train()
    demo.follow_up()
    demo.language_plans()
    demo.contact_log()
    demo.story()
    demo.partnerships()
    # The profiles matching reads (the records above were written in bulk, without saves).
    refresh_all(demo.org.pk)
    demo.shortlists()
    return DemoResult(
        users=demo.users,
        participants=Participant.objects.filter(organisation=demo.org).count(),
        employers=len(demo.employers),
        contacts=len(demo.contacts),
    )
