"""Generated demo data: a Norwegian municipality with two teams, every role, participants,
employers and a year of contacts. Never real people: names come from Faker's no_NO locale."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from faker import Faker

from placetrain.accounts.models import Organisation, Team, User
from placetrain.activities.models import Contact, NextStep
from placetrain.employers.models import Employer, EmployerContact
from placetrain.employment.models import Employment, FollowUpCheckin
from placetrain.employment.services import follow_up_dates
from placetrain.language.models import LanguagePlan
from placetrain.lib.validators import ORG_NUMBER_WEIGHTS
from placetrain.participants.models import (
    DEFAULT_PROGRAMMES,
    Consent,
    NorwegianLevel,
    Participant,
    Programme,
    SensitiveInfo,
    StageChange,
    Status,
    StatusChange,
    VocationalProfile,
    WorkHistoryEntry,
)
from placetrain.placements.models import (
    Meeting,
    Placement,
    PlacementType,
    Purpose,
    TrainingTask,
)

DEMO_PASSWORD = "demo-passord-2026"

INDUSTRIES = [
    "Butikkhandel med dagligvarer",
    "Lager og logistikk",
    "Hotell og restaurant",
    "Barnehager",
    "Sykehjem og omsorg",
    "Rengjøring",
    "Bygg og anlegg",
    "Frisør og skjønnhet",
    "Kantine og catering",
    "Bilverksted",
    "Renovasjon og gjenvinning",
    "Kontor og administrasjon",
]
EMPLOYER_SUFFIXES = ["AS", "AS", "AS", "SA", "ANS", "kommune"]
LANGUAGES = [
    "arabisk",
    "tigrinja",
    "somali",
    "dari",
    "ukrainsk",
    "polsk",
    "kurmanji",
    "norsk",
    "engelsk",
    "persisk",
    "pashto",
    "swahili",
]
NOTES = [
    "Besøk på arbeidsplassen. Alt går fint, trives med kollegene.",
    "Samtale om jobbønsker: vil jobbe med mennesker, helst barnehage.",
    "Telefon med fadder: lærer raskt, trenger mer norsk på vaktskifte.",
    "Oppstartsmøte avtalt med leder og fadder.",
    "Statusmøte: mestrer varemottak, neste steg er kassen.",
    "SMS: minnet om møtet på torsdag.",
    "Kontakt med NAV-veileder om lønnstilskudd.",
    "Deltaker syk i dag, nytt besøk neste uke.",
    "Evalueringsmøte: arbeidsgiver vurderer ansettelse.",
    "Hjemmebesøk: barnehageplass ordnet, kan starte i 80 %.",
]
ROLES = ["Daglig leder", "Butikksjef", "Avdelingsleder", "HR-rådgiver", "Skiftleder", "Styrer"]


def valid_org_number(rng: random.Random) -> str:
    while True:
        body = str(rng.choice([8, 9])) + "".join(str(rng.randint(0, 9)) for _ in range(7))
        total = sum(int(d) * w for d, w in zip(body, ORG_NUMBER_WEIGHTS, strict=True))
        check = (11 - total % 11) % 11
        if check != 10:
            return body + str(check)


@dataclass
class DemoResult:
    users: list[User]
    participants: int
    employers: int
    contacts: int


STAGE_BY_STATUS = {
    Status.REFERRED: 1,
    Status.ACTIVE: 3,
    Status.IN_PLACEMENT: 5,
    Status.EMPLOYED: 5,
    Status.FOLLOW_UP: 5,
    Status.ENDED: 5,
}
JOB_WISHES = [
    "Barnehageassistent",
    "Butikkmedarbeider",
    "Lagermedarbeider",
    "Kokk",
    "Helsefagarbeider",
    "Renholder",
    "Sjåfør",
]
TASKS = [
    "Varemottak og opptelling",
    "Fylle på hyller",
    "Kasse med veileder",
    "Kasse alene",
    "Bestilling av varer",
]


class _Demo:
    """One generated municipality. Each method adds one kind of record, drawing from the same
    random source in a fixed order, so a seed always gives the same data."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("no_NO")
        self.fake.seed_instance(seed)
        self.now = timezone.now()
        self.today = timezone.localdate()

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

    def employer_register(self, employers: int) -> None:
        """Employers with valid organisation numbers, each with contact persons."""
        rng, fake, org = self.rng, self.fake, self.org
        employer_objs = []
        used_numbers: set[str] = set()
        for _ in range(employers):
            number = valid_org_number(rng)
            while number in used_numbers:
                number = valid_org_number(rng)
            used_numbers.add(number)
            industry = rng.choice(INDUSTRIES)
            surname = fake.last_name()
            suffix = rng.choice(EMPLOYER_SUFFIXES)
            employer_objs.append(
                Employer(
                    organisation=org,
                    org_number=number,
                    name=f"{surname} {industry.split()[0]} {suffix}",
                    industry=industry,
                    address=fake.street_address(),
                    postal_code=fake.postcode(),
                    municipality="Elvestad",
                )
            )
        for employer in employer_objs:
            employer.search_text = Employer.make_search_text(employer.name, employer.industry)
        Employer.objects.bulk_create(employer_objs)
        people = []
        for employer in employer_objs:
            for i in range(rng.randint(1, 3)):
                people.append(
                    EmployerContact(
                        employer=employer,
                        name=fake.name(),
                        role=rng.choice(ROLES),
                        phone=fake.phone_number(),
                        email=fake.email(),
                        is_mentor=i == 1,
                    )
                )
        EmployerContact.objects.bulk_create(people)
        self.employers, self.people = employer_objs, people

    def caseload(self, participants: int) -> None:
        """Participants spread over the specialists, each with a referral and a status."""
        rng, fake, org, now, today = self.rng, self.fake, self.org, self.now, self.today
        specialists, programmes = self.specialists, self.programmes
        statuses = [s for s, _ in Status.choices]
        weights = [10, 25, 25, 15, 15, 10]
        participant_objs = []
        for i in range(participants):
            specialist = specialists[i % len(specialists)]
            referral = today - dt.timedelta(days=rng.randint(20, 540))
            participant_objs.append(
                Participant(
                    organisation=org,
                    team_id=specialist.team_id,
                    specialist=specialist,
                    first_name=fake.first_name(),
                    last_name=fake.last_name(),
                    birth_date=fake.date_of_birth(minimum_age=19, maximum_age=60),
                    phone=fake.phone_number(),
                    email=fake.email(),
                    address=fake.street_address(),
                    postal_code=fake.postcode(),
                    municipality="Elvestad",
                    mother_tongue=rng.choice(LANGUAGES),
                    other_languages=rng.choice(LANGUAGES),
                    norwegian_level=rng.choice([c for c, _ in NorwegianLevel.choices]),
                    education=rng.choice(
                        [
                            "Grunnskole fra hjemlandet",
                            "Videregående skole",
                            "Bachelor i økonomi",
                            "Ingen formell utdanning",
                            "Fagbrev som kokk",
                        ]
                    ),
                    programme=rng.choice(programmes),
                    referral_date=referral,
                    referred_by=rng.choice(
                        ["NAV-veileder", "Flyktningtjenesten", "DPS", "Fastlege"]
                    ),
                    referral_order="Ønsker bistand til å komme i ordinært arbeid. "
                    + rng.choice(
                        [
                            "Trenger språkpraksis.",
                            "Har erfaring fra butikk.",
                            "Ønsker jobb i barnehage.",
                        ]
                    ),
                    status=rng.choices(statuses, weights)[0],
                )
            )
        for p in participant_objs:
            p.search_name = Participant.make_search_name(p.first_name, p.last_name)
        Participant.objects.bulk_create(participant_objs)
        for p in participant_objs:
            p.created_at = now
        self.participants = participant_objs

    def case_records(self) -> None:
        """Status history, consents, work history, sensitive sections, language teachers."""
        rng, fake, participant_objs, teacher = self.rng, self.fake, self.participants, self.teacher
        StatusChange.objects.bulk_create(
            [
                StatusChange(
                    participant=p,
                    status=Status.REFERRED,
                    changed_on=p.referral_date,
                    changed_by=p.specialist,
                )
                for p in participant_objs
            ]
            + [
                StatusChange(
                    participant=p,
                    status=p.status,
                    changed_on=p.referral_date + dt.timedelta(days=rng.randint(7, 19)),
                    changed_by=p.specialist,
                )
                for p in participant_objs
                if p.status != Status.REFERRED
            ]
        )
        Consent.objects.bulk_create(
            [
                Consent(
                    participant=p,
                    kind=Consent.Kind.EMPLOYER_DISCLOSURE,
                    scope="Norsknivå, arbeidserfaring og behov for tilrettelegging",
                    given_on=p.referral_date,
                    method=Consent.Method.WRITTEN,
                    recorded_by=p.specialist,
                )
                for p in participant_objs
            ]
            + [
                Consent(
                    participant=p,
                    kind=Consent.Kind.SERVICE_CONTACT,
                    scope="Fastlege og NAV",
                    given_on=p.referral_date,
                    method=Consent.Method.ORAL,
                    recorded_by=p.specialist,
                )
                for p in participant_objs[::3]
            ]
        )
        WorkHistoryEntry.objects.bulk_create(
            [
                WorkHistoryEntry(
                    participant=p,
                    workplace=fake.company(),
                    role=rng.choice(
                        ["Butikkmedarbeider", "Sjåfør", "Lærer", "Sydame", "Kokk", "Bonde"]
                    ),
                    country=rng.choice(["Syria", "Eritrea", "Somalia", "Ukraina", "Norge"]),
                    start_year=2005 + rng.randint(0, 10),
                    end_year=2016 + rng.randint(0, 6),
                )
                for p in participant_objs[::2]
            ]
        )
        SensitiveInfo.objects.bulk_create(
            [
                SensitiveInfo(
                    participant=p,
                    health=rng.choice(["Ryggplager, tåler ikke tunge løft.", "Angst i perioder."]),
                    housing=rng.choice(["Kommunal bolig.", "Bor hos familie."]),
                )
                for p in participant_objs[::4]
            ]
        )
        teacher_through = Participant.language_teachers.through
        teacher_through.objects.bulk_create(
            [
                teacher_through(participant_id=p.pk, user_id=teacher.pk)
                for p in participant_objs[::6]
            ]
        )

    def contact_log(self) -> None:
        """A year of contacts with participants and employers, and the next steps due."""
        rng, org, now, today = self.rng, self.org, self.now, self.today
        participant_objs, employer_objs = self.participants, self.employers
        specialists = self.specialists
        contacts = []
        for p in participant_objs:
            for _ in range(rng.randint(2, 9)):
                when = now - dt.timedelta(days=rng.randint(0, 364), minutes=rng.randint(0, 600))
                employer = rng.choice(employer_objs) if rng.random() < 0.4 else None
                contacts.append(
                    Contact(
                        organisation=org,
                        participant=p,
                        employer=employer,
                        counterpart=rng.choice([c for c, _ in Contact.Counterpart.choices[:3]]),
                        channel=rng.choice([c for c, _ in Contact.Channel.choices]),
                        occurred_at=when,
                        duration_minutes=rng.choice([10, 15, 30, 45, 60, 90]),
                        note=rng.choice(NOTES),
                        author=p.specialist,
                    )
                )
        for employer in employer_objs[:25]:
            contacts.append(
                Contact(
                    organisation=org,
                    employer=employer,
                    counterpart=Contact.Counterpart.EMPLOYER,
                    channel=Contact.Channel.PHONE,
                    occurred_at=now - dt.timedelta(days=rng.randint(0, 300)),
                    duration_minutes=20,
                    note="Partnerskapsmøte: mulige praksisplasser til våren.",
                    author=rng.choice(specialists),
                )
            )
        Contact.objects.bulk_create(contacts)
        steps = []
        for p in participant_objs:
            if p.status == Status.ENDED:
                continue
            steps.append(
                NextStep(
                    organisation=org,
                    participant=p,
                    owner=p.specialist,
                    description=rng.choice(
                        [
                            "Besøk på arbeidsplassen",
                            "Statusmøte med fadder",
                            "Ring arbeidsgiver",
                            "Oppfølgingssamtale",
                        ]
                    ),
                    due_on=today + dt.timedelta(days=rng.randint(-10, 21)),
                )
            )
        NextStep.objects.bulk_create(steps)
        self.contacts = contacts

    def placements(self) -> list[Placement]:
        """Stages, vocational profiles, and placements with their 6H answers."""
        rng, fake, today = self.rng, self.fake, self.today
        participants, employers, people = self.participants, self.employers, self.people
        mentors_by_employer = {}
        for person in people:
            if person.is_mentor:
                mentors_by_employer.setdefault(person.employer_id, person)
        stage_changes, profiles, placements = [], [], []
        for p in participants:
            p.stage = STAGE_BY_STATUS[p.status]
            stage_changes.append(
                StageChange(
                    participant=p,
                    stage=p.stage,
                    changed_on=p.referral_date,
                    changed_by=p.specialist,
                )
            )
            if p.status != Status.REFERRED:
                wishes = rng.sample(JOB_WISHES, 2)
                profiles.append(
                    VocationalProfile(
                        participant=p,
                        number=1,
                        created_by=p.specialist,
                        job_wishes=", ".join(wishes),
                        work_environment="Små team, faste rutiner",
                        desired_workplaces="\n".join(e.name for e in rng.sample(employers, 5)),
                        interests="Matlaging, fotball",
                        strengths="Punktlig, blid",
                        energy="Å jobbe med andre",
                        formal_skills="Førerkort klasse B",
                        informal_skills="Tatt seg av søsken",
                        support_language="Trenger norsk i jobb",
                        hours_capacity=rng.choice([50, 60, 80, 100]),
                        availability="Mandag–fredag 08–15",
                    )
                )
            if p.status in (Status.IN_PLACEMENT, Status.EMPLOYED, Status.FOLLOW_UP, Status.ENDED):
                employer = rng.choice(employers)
                start = p.referral_date + dt.timedelta(days=rng.randint(14, 60))
                start = min(start, today - dt.timedelta(days=10))
                ended = p.status != Status.IN_PLACEMENT
                end = start + dt.timedelta(days=rng.choice([28, 56, 90]))
                # Ended placements ended some weeks ago, so their follow-up is under way.
                ended_on = max(
                    start + dt.timedelta(days=7),
                    min(end, today - dt.timedelta(days=rng.randint(5, 150))),
                )
                mentor = mentors_by_employer.get(employer.pk)
                placements.append(
                    Placement(
                        participant=p,
                        employer=employer,
                        kind=rng.choice(
                            [
                                PlacementType.WORK_PRACTICE,
                                PlacementType.LANGUAGE_PRACTICE,
                                PlacementType.WAGE_SUBSIDY,
                            ]
                        ),
                        state=Placement.State.ENDED if ended else Placement.State.STARTED,
                        planned_start=start,
                        planned_end=end,
                        started_on=start,
                        ended_on=ended_on if ended else None,
                        percent_of_full_time=rng.choice([50, 60, 80, 100]),
                        mentor=mentor,
                        mentor_name="" if mentor else fake.name(),
                        intention_agreement=rng.random() < 0.5,
                        purpose=rng.choice([Purpose.PAID_JOB, Purpose.LANGUAGE, Purpose.SKILLS]),
                        goal="Fast jobb som "
                        + JOB_WISHES[rng.randint(0, len(JOB_WISHES) - 1)].lower(),
                        sub_goals="Mestre varemottak\nDelta i lunsjpraten",
                        why_here="Matcher ønsket om faste rutiner og små team",
                        follow_up_by=p.specialist,
                        follow_up_every_days=14,
                        follow_up_plan="Besøk annenhver uke, statusmøte hver måned",
                        next_step_after="Ansettelse i deltidsstilling, ellers ny praksis",
                        outcome=(
                            "hired_part_time"
                            if p.status in (Status.EMPLOYED, Status.FOLLOW_UP)
                            else ("ended_by_participant" if ended else "")
                        ),
                        evaluation="Godt samarbeid med fadder." if ended else "",
                        created_by=p.specialist,
                    )
                )
        StageChange.objects.bulk_create(stage_changes)
        for p in participants:
            Participant.objects.filter(pk=p.pk).update(stage=p.stage)
        VocationalProfile.objects.bulk_create(profiles)
        Placement.objects.bulk_create(placements)
        return placements

    def train(self, placements: list[Placement]) -> list[Employment]:
        """The training plan and meetings of every placement, and the jobs some led to."""
        rng = self.rng
        tasks, meetings, employments = [], [], []
        for placement in placements:
            for order, text in enumerate(rng.sample(TASKS, 3), start=1):
                mastered = order == 1 or placement.state == Placement.State.ENDED
                tasks.append(
                    TrainingTask(
                        placement=placement,
                        order=order,
                        description=text,
                        status="mastered"
                        if mastered
                        else ("in_training" if order == 2 else "not_started"),
                        started_on=placement.started_on if order <= 2 else None,
                        mastered_on=placement.started_on + dt.timedelta(days=14)
                        if mastered
                        else None,
                    )
                )
            start_at = timezone.make_aware(dt.datetime.combine(placement.started_on, dt.time(9)))
            meetings.append(
                Meeting(
                    placement=placement,
                    kind=Meeting.Kind.STARTUP,
                    planned_at=start_at,
                    place=placement.employer.name,
                    attendees="Deltaker, fadder, leder",
                    held_on=placement.started_on,
                    notes="Gikk gjennom mål, oppgaver og fadderens rolle.",
                )
            )
            meetings.append(
                Meeting(
                    placement=placement,
                    kind=Meeting.Kind.STATUS,
                    planned_at=start_at + dt.timedelta(days=28),
                    place=placement.employer.name,
                    attendees="Deltaker, fadder",
                )
            )
            if placement.outcome == "hired_part_time":
                employments.append(
                    Employment(
                        participant=placement.participant,
                        employer=placement.employer,
                        placement=placement,
                        kind=Employment.Kind.PART_TIME,
                        started_on=placement.ended_on,
                        percent_of_full_time=placement.percent_of_full_time,
                    )
                )
        TrainingTask.objects.bulk_create(tasks)
        Meeting.objects.bulk_create(meetings)
        Employment.objects.bulk_create(employments)
        return employments

    def follow_up(self, employments: list[Employment]) -> None:
        """The follow-up plan after every hire, with the check-ins already done."""
        today = self.today
        checkins = []
        for employment in employments:
            for label, due in follow_up_dates(employment.started_on):
                done = due < today - dt.timedelta(days=3)
                checkins.append(
                    FollowUpCheckin(
                        employment=employment,
                        due_on=due,
                        label=label,
                        done_on=due if done else None,
                        still_employed=True if done else None,
                        how_participant="Trives godt" if done else "",
                        how_employer="Fornøyd" if done else "",
                    )
                )
        FollowUpCheckin.objects.bulk_create(checkins)

    def language_plans(self) -> None:
        participants, teacher, today = self.participants, self.teacher, self.today
        LanguagePlan.objects.bulk_create(
            [
                LanguagePlan(
                    participant=p,
                    teacher=teacher,
                    current_level=p.norwegian_level or "A2",
                    required_level="B1",
                    final_goal="Bestå Norskprøve 3 (B1)",
                    final_goal_by=today + dt.timedelta(days=180),
                    hours_per_week=4,
                )
                for p in participants[::6]
            ]
        )


@transaction.atomic
def seed_demo(*, seed: int = 2026, participants: int = 60, employers: int = 40) -> DemoResult:
    """Generate the demo municipality (never real people: names come from Faker)."""
    demo = _Demo(seed)
    demo.staff()
    demo.employer_register(employers)
    demo.caseload(participants)
    demo.case_records()
    demo.contact_log()
    demo.follow_up(demo.train(demo.placements()))
    demo.language_plans()
    return DemoResult(
        users=demo.users,
        participants=len(demo.participants),
        employers=len(demo.employers),
        contacts=len(demo.contacts),
    )
