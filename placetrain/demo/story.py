"""The seeds' long story (AFI 2016, Snart Ansatt: «Mohammed»), as one demo case written
through the services, so its history, statuses and 6H gate are the application's own.

Twenty years in Norway, many measures behind him, on social assistance, weak Norwegian. A
three-month work practice in a shop, extended twice, nine months in all, without a hire: the
manager found him too slow at the till (where he had had little training) and his Norwegian
too weak. Then a new placement in another shop of the same chain, with a mentor, a language
plan at the workplace — and after three months a permanent job, followed up since."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace
from decimal import Decimal

from placetrain.accounts.models import User
from placetrain.activities.models import Contact
from placetrain.activities.services import contact_log
from placetrain.employers.models import Employer, EmployerContact
from placetrain.employment.models import Employment
from placetrain.employment.services import checkin_record
from placetrain.language.models import LanguagePlan
from placetrain.language.services import (
    language_goal_add,
    language_goal_set_reached,
    language_note_add,
    language_observation_add,
    language_plan_create,
)
from placetrain.participants.models import Participant, Programme, Stage, Status, VocationalProfile
from placetrain.participants.services import (
    consent_create,
    participant_create,
    participant_set_stage,
    participant_set_status,
    profile_update,
)
from placetrain.placements.models import (
    Meeting,
    Outcome,
    Placement,
    PlacementExtension,
    PlacementType,
    Purpose,
    SubsidyKind,
    TrainingTask,
)
from placetrain.placements.services import (
    meeting_hold,
    meeting_plan,
    placement_end,
    placement_extend,
    placement_plan,
    placement_start,
    training_task_add,
    training_task_set_status,
)

from .people import People
from .workdays import at_work, monday_on_or_before, weekday_on_or_before

WEEK = dt.timedelta(weeks=1)
DAY = dt.timedelta(days=1)


class _Story:
    def __init__(self, *, rng: random.Random, today: dt.date, user: User) -> None:
        self.rng, self.today, self.user = rng, today, user
        # Backwards from the hire, about four months ago: three months at the second shop,
        # two weeks between, nine months at the first, five weeks from referral to start.
        self.hired = monday_on_or_before(today - dt.timedelta(days=125))
        self.second_start = self.hired - 13 * WEEK
        self.first_end = self.second_start - 17 * DAY  # a Friday
        self.first_start = self.first_end + 3 * DAY - 39 * WEEK
        self.referral = self.first_start - 5 * WEEK
        self.contacts: list[Contact] = []

    def meeting(
        self, placement: Placement, kind: str, day: dt.date, notes: str, **reflection: str
    ) -> Meeting:
        meeting = meeting_plan(
            user=self.user,
            placement=placement,
            data={
                "kind": kind,
                "planned_at": at_work(self.rng, day, 60, latest=15 * 60),
                "place": placement.employer.name,
                "attendees": "Deltaker, butikksjef, fadder, jobbspesialist",
            },
        )
        return meeting_hold(
            user=self.user, meeting=meeting, held_on=day, notes=notes, reflection=reflection
        )

    def contact(self, participant: Participant, day: dt.date, note: str, **data: object) -> None:
        minutes = 30
        data = {
            "counterpart": Contact.Counterpart.PARTICIPANT,
            "channel": Contact.Channel.WORKPLACE,
            "occurred_at": at_work(self.rng, day, minutes),
            "duration_minutes": minutes,
            "note": note,
            **data,
        }
        self.contacts.append(contact_log(user=self.user, participant=participant, data=data))

    def tasks(self, placement: Placement, steps: list[tuple[str, dt.date | None]]) -> None:
        """Training tasks, each mastered on its day (or still in training if None)."""
        for description, mastered in steps:
            task = training_task_add(user=self.user, placement=placement, description=description)
            training_task_set_status(
                user=self.user,
                task=task,
                status=TrainingTask.TaskStatus.IN_TRAINING,
                on=placement.started_on or placement.planned_start,
            )
            if mastered:
                training_task_set_status(
                    user=self.user, task=task, status=TrainingTask.TaskStatus.MASTERED, on=mastered
                )

    def placement(self, participant: Participant, employer: Employer, **data: object) -> Placement:
        base = {
            "employer": employer,
            "kind": PlacementType.WORK_PRACTICE,
            "percent_of_full_time": 80,
            "subsidy_kind": SubsidyKind.WORK_PRACTICE,
            "subsidy_monthly_amount": 1545,
            "purpose": Purpose.PAID_JOB,
            "goal": "Fast jobb som butikkmedarbeider",
            "follow_up_by": self.user,
            "follow_up_every_days": 14,
            "follow_up_plan": "Besøk annenhver uke, statusmøte hver måned, evaluering før "
            "hver forlengelse",
        }
        return placement_plan(user=self.user, participant=participant, data={**base, **data})


def _intake(story: _Story, people: People, teacher: User, programme: Programme) -> Participant:
    """Referral, agreement, level assessment, consent and the vocational profile."""
    user, referral = story.user, story.referral
    person = replace(
        people.person(people.origin("Somalia")), norwegian_level="A2", years_in_norway=21
    )
    participant = participant_create(
        user=user,
        data={
            "specialist": user,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "birth_date": story.today - dt.timedelta(days=47 * 365 + story.rng.randint(0, 300)),
            "phone": "",
            "email": "",
            "municipality": "Elvestad",
            "mother_tongue": person.mother_tongue,
            "other_languages": person.other_languages,
            "norwegian_level": "A2",
            "norwegian_level_date": referral + WEEK,
            "norwegian_level_assessed_by": "Norsklærer, Elvestad voksenopplæring",
            "education": person.education,
            "programme": programme,
            "referral_date": referral,
            "referred_by": "NAV-veileder",
            "referral_order": "Kom til Norge for over tjue år siden. Flere tiltak og korte "
            "jobber som renholder bak seg, lenge på sosialhjelp. Ønsker fast jobb i butikk.",
        },
        language_teachers=[teacher],
        status_on=referral,
    )
    agreed = referral + WEEK
    participant_set_status(user=user, participant=participant, status=Status.ACTIVE, on=agreed)
    participant_set_stage(user=user, participant=participant, stage=Stage.PROFILE, on=agreed)
    consent_create(
        user=user,
        participant=participant,
        data={
            "kind": "employer",
            "scope": "Norsknivå, arbeidserfaring og jobbønsker",
            "topics": ["language", "work_history", "goals"],
            "given_on": agreed,
            "method": "written",
        },
    )
    profile = profile_update(
        user=user,
        participant=participant,
        based_on=None,
        data={
            "job_wishes": "Butikkmedarbeider, Lagermedarbeider",
            "work_environment": "Travelt, med kunder",
            "desired_workplaces": "Nærmat Storgata\nNærmat Sentrum\nMatbua Torget",
            "strengths": "Pålitelig, god med kunder",
            "support_language": "Uttale; ord og faste fraser i butikken",
            "hours_capacity": 80,
            "availability": "Mandag–lørdag, dagtid",
        },
    )
    VocationalProfile.objects.filter(pk=profile.pk).update(created_at=at_work(story.rng, agreed))
    participant_set_stage(
        user=user, participant=participant, stage=Stage.JOB_FINDING, on=referral + 2 * WEEK
    )
    participant_set_stage(
        user=user, participant=participant, stage=Stage.EMPLOYER, on=referral + 3 * WEEK
    )
    return participant


def _first_shop(story: _Story, participant: Participant, shop: Employer) -> None:
    """Three months, extended twice after an evaluation each time; no hire after nine."""
    user, start, rng = story.user, story.first_start, story.rng
    manager = shop.people.order_by("pk").first()
    placement = story.placement(
        participant,
        shop,
        planned_start=start,
        planned_end=start + 13 * WEEK - 3 * DAY,
        mentor_name=manager.name if manager else "Butikksjefen",
        mentor_role="Butikksjef",
        why_here="Ønsker butikk; butikken har jevnlig behov for folk",
        next_step_after="Ansettelse i butikken, ellers ny praksis i samme kjede",
        sub_goals="Mestre varemottak og påfylling\nKasse med veileder",
    )
    story.tasks(
        placement,
        [
            ("Varemottak og opptelling", start + 3 * WEEK),
            ("Fylle på hyller og datomerking", start + 6 * WEEK),
            ("Kasse med veileder", None),  # little training at the till, as in the seeds
        ],
    )
    placement_start(user=user, placement=placement, started_on=start)  # and so stage 5
    story.meeting(placement, Meeting.Kind.STARTUP, start, "Mål, oppgaver og arbeidstider.")
    story.meeting(
        placement,
        Meeting.Kind.EVALUATION,
        start + 3 * WEEK,
        "Arbeidsvillig. Butikksjefen savner tempo.",
    )
    reasons = [
        "Evaluert med deltaker: trenger mer opplæring i kassen og mer norsk før ansettelse kan "
        "vurderes. Deltaker vil fortsette, selv om han sa tre måneder og ikke en dag mer.",
        "Evaluert med deltaker og butikksjef: fortsatt for lite kasseopplæring. Siste "
        "forlengelse; butikksjefen skal vurdere ansettelse innen slutten.",
    ]
    for reason in reasons:
        decided = weekday_on_or_before(placement.planned_end - WEEK)
        story.meeting(placement, Meeting.Kind.EVALUATION, decided, reason)
        extension = placement_extend(
            user=user, placement=placement, new_end=placement.planned_end + 13 * WEEK, reason=reason
        )
        PlacementExtension.objects.filter(pk=extension.pk).update(created_at=at_work(rng, decided))
    end = story.first_end
    story.contact(
        participant,
        end - 2 * WEEK,
        "Butikksjefen vil ikke ansette: tempoet og kassearbeidet er ikke godt nok, og norsken "
        "for svak. Han har fått lite opplæring i kassen.",
        counterpart=Contact.Counterpart.EMPLOYER,
        channel=Contact.Channel.PHONE,
        employer=shop,
    )
    evaluation = (
        "Gjort: mestret varemottak og påfylling på ni måneder. Lært: lite opplæring i kassen og "
        "ingen egen fadder; sjefen ga ikke ros. Lurt: fadder og opplæringsplan for kassen fra "
        "start, og språkopplæring på arbeidsplassen."
    )
    story.meeting(placement, Meeting.Kind.ENDING, end, evaluation)
    placement_end(
        user=user,
        placement=placement,
        ended_on=end,
        outcome=Outcome.NEW_PLACEMENT,
        reason="Ikke ansatt etter ni måneder i praksis. Ny praksis i en annen butikk i samme "
        "kjede.",
        evaluation=evaluation,
    )
    participant_set_stage(user=user, participant=participant, stage=Stage.EMPLOYER, on=end)


def _language_plan(
    story: _Story, participant: Participant, placement: Placement, teacher: User
) -> None:
    start = story.second_start
    plan = language_plan_create(
        user=teacher,
        participant=participant,
        data={
            "placement": placement,
            "teacher": teacher,
            "current_level": participant.norwegian_level,
            "required_level": "B1",
            "final_goal": "Snakke tydelig med kunder og kolleger; Norskprøven muntlig B1",
            "final_goal_by": start + 26 * WEEK,
            "hours_per_week": Decimal("2"),
        },
    )
    LanguagePlan.objects.filter(pk=plan.pk).update(created_at=at_work(story.rng, start - WEEK))
    for text, due, reached in [
        ("Navnet på all frukt og grønt i butikken", start + 4 * WEEK, start + 4 * WEEK),
        (
            "Faste fraser: «Kan jeg hjelpe deg?», «Vil du ha pose?»",
            start + 6 * WEEK,
            start + 5 * WEEK,
        ),
        ("Uttale tydelig i kassen, også «kvittering»", start + 10 * WEEK, start + 11 * WEEK),
        ("Norskprøven muntlig, B1", start + 26 * WEEK, None),
    ]:
        goal = language_goal_add(user=teacher, plan=plan, description=text, due_on=due)
        if reached:
            language_goal_set_reached(user=teacher, goal=goal, reached_on=reached)
    language_note_add(
        user=teacher,
        plan=plan,
        written_on=start + 2 * WEEK,
        text="Øvde på vanskelige lyder og ord; leste om å være butikkmedarbeider.",
    )
    language_observation_add(
        user=teacher,
        plan=plan,
        observed_on=start + 5 * WEEK,
        answers={
            "small_talk": "Ja, i lunsjen, mest med fadderen.",
            "listened_to": "Ja; butikksjefen synes ikke norsknivået er noe problem.",
            "support": "God støtte fra fadder og leder.",
        },
    )


def _second_shop(
    story: _Story,
    participant: Participant,
    shop: Employer,
    mentor: EmployerContact,
    teacher: User,
) -> Employment:
    """Another shop of the chain: a mentor, a language plan, an intention agreement; hired."""
    user, start = story.user, story.second_start
    placement = story.placement(
        participant,
        shop,
        planned_start=start,
        planned_end=start + 13 * WEEK - 3 * DAY,
        mentor=mentor,
        intention_agreement=True,
        intention_agreement_on=start - WEEK,
        language_plan_needed=True,
        why_here="Samme kjede, ny butikksjef som ser innsatsen; fadder og norsk på jobben",
        next_step_after="Fast ansettelse etter tre måneder (intensjonsavtale)",
        sub_goals="Kasse alene\nFaste fraser med kunder",
    )
    _language_plan(story, participant, placement, teacher)
    story.tasks(
        placement,
        [
            ("Frukt og grønt", start + 2 * WEEK),
            ("Kasse med fadder", start + 5 * WEEK),
            ("Kasse alene", start + 9 * WEEK),
        ],
    )
    placement_start(user=user, placement=placement, started_on=start)  # and so stage 5
    story.meeting(
        placement,
        Meeting.Kind.STARTUP,
        start,
        "Oppstart med butikksjef, fadder og norsklærer: mål, opplæringsplan og språkplan.",
    )
    story.contact(
        participant,
        start + DAY,
        "Ringte etter første dag: fadderen tok godt imot.",
        channel=Contact.Channel.PHONE,
    )
    story.meeting(
        placement,
        Meeting.Kind.EVALUATION,
        start + 3 * WEEK,
        "Butikksjefen er fornøyd med innsatsen; norsknivået er ikke noe problem.",
    )
    story.contact(
        participant,
        start + 6 * WEEK,
        "Fadderen: står alene i kassen på formiddagen nå.",
        counterpart=Contact.Counterpart.MENTOR,
        employer_contact=mentor,
    )
    end = story.hired - 3 * DAY
    evaluation = (
        "Gjort: kasse alene, frukt og grønt, faste fraser med kunder. Lært: fadder og norsk på "
        "arbeidsplassen gjorde forskjellen. Lurt: følge opp i jobben det første året."
    )
    story.meeting(
        placement,
        Meeting.Kind.EVALUATION,
        end,
        "Evalueringsmøte: fast jobb fra mandag, 80 %.",
        reflection_done="Tre måneder med fadder og norsklærer.",
        reflection_learned="En annen sjef vurderer innsatsen annerledes.",
        reflection_next="Følge opp etter ansettelsen.",
    )
    employment = placement_end(
        user=user,
        placement=placement,
        ended_on=end,
        outcome=Outcome.HIRED_PERMANENT,
        reason="Fast ansatt etter tre måneder, som avtalt i intensjonsavtalen.",
        evaluation=evaluation,
        employment={
            "kind": Employment.Kind.PERMANENT,
            "started_on": story.hired,
            "percent_of_full_time": 80,
            "hourly_wage": Decimal("198.50"),
        },
    )
    assert employment is not None
    return employment


def _follow_up(story: _Story, participant: Participant, employment: Employment) -> None:
    """The check-ins whose day has come, recorded; the rest stay planned."""
    for checkin in employment.checkins.order_by("due_on"):
        if checkin.due_on >= story.today - 2 * DAY:
            break
        checkin_record(
            user=story.user,
            checkin=checkin,
            expected_version=checkin.version,
            data={
                "done_on": max(weekday_on_or_before(checkin.due_on), employment.started_on),
                "still_employed": True,
                "hours_per_week": Decimal("30.0"),
                "how_participant": "Strålende fornøyd; noe har skjedd med hele ham.",
                "how_employer": "Fornøyd med tempo og kundekontakt.",
            },
        )
    story.contact(
        participant,
        weekday_on_or_before(employment.started_on + 6 * WEEK),
        "Besøk på jobben: trives, har fått fast turnus.",
        employer=employment.employer,
    )


def long_story(
    *,
    rng: random.Random,
    people: People,
    today: dt.date,
    specialist: User,
    teacher: User,
    programme: Programme,
    first_shop: Employer,
    second_shop: Employer,
    mentor: EmployerContact,
) -> list[Contact]:
    """Write the case through the services; returns the contacts logged in it."""
    story = _Story(rng=rng, today=today, user=specialist)
    participant = _intake(story, people, teacher, programme)
    _first_shop(story, participant, first_shop)
    story.contact(
        participant,
        story.first_end + 3 * DAY,
        "Ringte butikksjefen i Nærmat Sentrum, samme kjede: vil gjerne møte ham.",
        counterpart=Contact.Counterpart.EMPLOYER,
        channel=Contact.Channel.PHONE,
        employer=second_shop,
    )
    employment = _second_shop(story, participant, second_shop, mentor, teacher)
    _follow_up(story, participant, employment)
    return story.contacts
