"""The demo tells the truth (issue 7, point 15): its people are the programmes' people, its
statuses are the ones its record supports, its plans make sense, its work happens in working
hours, and one case follows the seeds' long story. Each test reads the generated data the way
a team leader would, not the generator's code."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from faker.providers.person.no_NO import Provider as NorwegianNames

from placetrain.activities.models import Contact
from placetrain.employers.models import Employer
from placetrain.employment.models import Employment, FollowUpCheckin
from placetrain.language.models import LanguagePlan
from placetrain.participants.models import (
    Participant,
    Stage,
    StageChange,
    Status,
    StatusChange,
    WorkHistoryEntry,
)
from placetrain.placements.models import HIRE_OUTCOMES, Meeting, Placement, PlacementExtension
from placetrain.placements.track_record import track_records

pytestmark = pytest.mark.django_db

LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"]
# The language a job abroad was most likely done in, by country (as written in Norwegian).
COUNTRY_TONGUES = {
    "Eritrea": {"tigrinja"},
    "Somalia": {"somali"},
    "Syria": {"arabisk", "kurmanji"},
    "Afghanistan": {"dari", "pashto"},
    "Ukraina": {"ukrainsk", "russisk"},
    "Polen": {"polsk"},
    "Irak": {"arabisk", "sorani", "kurmanji"},
    "DR Kongo": {"swahili", "lingala", "fransk"},
}
WORKING_DAY = (dt.time(8), dt.time(16))


@pytest.fixture(scope="module")
def _seeded(django_db_setup, django_db_blocker):
    """One demo for the module's tests, which only read it; rolled back after the last."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", "--seed", "7", stdout=StringIO())
        yield timezone.localdate()
        transaction.set_rollback(True)


@pytest.fixture
def today(_seeded, db):
    return _seeded


def local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment)


def non_native():
    return Participant.objects.exclude(mother_tongue="norsk")


# Who the participants are.


def test_most_participants_have_names_from_where_they_come_from(today):
    norwegian = set(NorwegianNames.first_names_male) | set(NorwegianNames.first_names_female)
    names = list(Participant.objects.values_list("first_name", flat=True))

    share = sum(name in norwegian for name in names) / len(names)

    assert share <= 0.3


def test_mother_tongues_are_those_of_the_programmes_population(today):
    tongues = Counter(Participant.objects.values_list("mother_tongue", flat=True))
    total = sum(tongues.values())

    assert {"tigrinja", "somali", "arabisk", "dari", "ukrainsk", "polsk"} <= set(tongues)
    assert 0.7 <= 1 - tongues["norsk"] / total <= 0.95
    assert max(tongues.values()) / total <= 0.35


def test_the_country_worked_in_is_one_where_the_mother_tongue_is_spoken(today):
    abroad = WorkHistoryEntry.objects.exclude(country="Norge").select_related("participant")

    odd = [
        (e.country, e.participant.mother_tongue)
        for e in abroad
        if e.participant.mother_tongue not in COUNTRY_TONGUES.get(e.country, set())
    ]

    assert abroad.count() >= 15
    assert odd == []


def test_the_norwegian_level_is_assessed_for_those_who_need_it_and_only_them(today):
    assessed = non_native()

    assert all(p.norwegian_level in LEVELS and p.norwegian_level_date for p in assessed)
    assert all(p.norwegian_level_date >= p.referral_date for p in assessed)
    natives = Participant.objects.filter(mother_tongue="norsk")
    assert natives.exists()
    assert not natives.exclude(norwegian_level="").exists()


def test_most_are_beginners_in_norwegian(today):
    levels = Counter(non_native().values_list("norwegian_level", flat=True))

    beginners = levels["A1"] + levels["A2"] + levels["B1"]

    assert beginners / sum(levels.values()) >= 0.8
    assert levels["C2"] == 0


def test_norwegian_born_participants_are_in_programmes_open_to_them(today):
    natives = Participant.objects.filter(mother_tongue="norsk")

    programmes = set(natives.values_list("programme__name", flat=True))

    assert programmes.isdisjoint({"Introduksjonsprogrammet", "Jobbsjansen"})


# Statuses and stages agree with the record.


def test_no_started_placement_is_past_its_planned_end(today):
    started = Placement.objects.filter(state=Placement.State.STARTED)

    assert started.exists()
    assert not started.filter(planned_end__lt=today).exists()
    assert not started.filter(started_on__gt=today).exists()


def test_every_extension_has_a_reason_and_they_lead_to_the_planned_end(today):
    extended = Placement.objects.filter(extensions__isnull=False).distinct()

    assert extended.count() >= 3
    for placement in extended:
        chain = list(placement.extensions.order_by("new_end"))
        assert all(e.reason.strip() for e in chain)
        assert all(a.new_end == b.previous_end for a, b in zip(chain, chain[1:], strict=False))
        assert all(e.previous_end < e.new_end for e in chain)
        assert chain[-1].new_end == placement.planned_end
        assert all(local(e.created_at).date() <= e.previous_end for e in chain)


def test_an_ended_placement_has_its_outcome_reason_and_evaluation_and_ended_in_its_period(today):
    ended = Placement.objects.filter(state=Placement.State.ENDED)

    assert ended.count() >= 10
    for p in ended:
        assert p.outcome and p.end_reason and p.evaluation
        assert p.started_on <= p.ended_on <= min(p.planned_end, today)


def test_the_status_agrees_with_the_placements_and_jobs(today):
    for p in Participant.objects.prefetch_related("placements", "employments"):
        started = [x for x in p.placements.all() if x.state == Placement.State.STARTED]
        open_jobs = [e for e in p.employments.all() if e.ended_on is None]
        assert (p.status == Status.IN_PLACEMENT) == bool(started), p.pk
        assert (p.status in (Status.EMPLOYED, Status.FOLLOW_UP)) == bool(open_jobs), p.pk
        if p.status == Status.REFERRED:
            assert not p.placements.all()


def test_one_employer_earns_the_free_labour_warning_and_most_do_not(today):
    """Unpaid placements ending without anyone hired are the demo's "place and pray" (issue 9):
    at least one employer shows it, with three such endings and no hire in the last year."""
    employers = list(Employer.objects.all())
    org = employers[0].organisation_id
    records = track_records([e.pk for e in employers], organisation_id=org, today=today)

    warned = [pk for pk, record in records.items() if record.free_labour]
    assert 1 <= len(warned) < len(employers) // 4
    assert max(records[pk].free_labour_basis.unpaid_endings for pk in warned) >= 3
    assert all(records[pk].free_labour_basis.hires == 0 for pk in warned)


def test_every_hire_has_its_job_from_the_end_of_the_placement(today):
    hires = Placement.objects.filter(outcome__in=HIRE_OUTCOMES)

    assert hires.count() >= 10
    for placement in hires:
        job = placement.employment
        assert job.participant_id == placement.participant_id
        assert job.employer_id == placement.employer_id
        assert placement.ended_on <= job.started_on <= today
    assert not Employment.objects.exclude(placement__outcome__in=HIRE_OUTCOMES).exists()


def test_the_status_history_ends_in_the_status_on_the_day_it_happened(today):
    for p in Participant.objects.all():
        history = list(StatusChange.objects.filter(participant=p).order_by("changed_on", "pk"))
        assert history[-1].status == p.status
        assert [h.changed_on for h in history] == sorted(h.changed_on for h in history)
        assert history[0].changed_on == p.referral_date
        assert history[-1].changed_on <= today
        if p.status == Status.IN_PLACEMENT:
            started = p.placements.get(state=Placement.State.STARTED)
            assert history[-1].changed_on == started.started_on
        if p.status == Status.EMPLOYED:
            assert history[-1].changed_on == p.employments.get(ended_on=None).started_on


def test_the_stage_agrees_with_what_happened(today):
    for p in Participant.objects.all():
        history = list(StageChange.objects.filter(participant=p).order_by("changed_on", "pk"))
        assert (history[-1].stage if history else Stage.ENGAGEMENT) == p.stage
        assert all(h.changed_on <= today for h in history)
        latest_start = p.placements.exclude(started_on=None).order_by("started_on").last()
        if p.status in (Status.IN_PLACEMENT, Status.EMPLOYED, Status.FOLLOW_UP):
            assert p.stage == Stage.SUPPORT
            assert history[-1].changed_on == latest_start.started_on
        if p.status == Status.REFERRED:
            assert p.stage == Stage.ENGAGEMENT
        if p.placements.filter(state=Placement.State.PLANNED).exists():
            assert p.stage == Stage.EMPLOYER


def test_nothing_happened_before_the_referral_or_after_today(today):
    now = timezone.now()
    for p in Participant.objects.all():
        contacts = p.contacts.values_list("occurred_at", flat=True)
        assert all(p.referral_date <= local(c).date() and c <= now for c in contacts)
        for placement in p.placements.exclude(started_on=None):
            assert p.referral_date < placement.started_on <= today
            tasks = placement.tasks.exclude(mastered_on=None)
            assert all(placement.started_on <= t.mastered_on <= today for t in tasks)
            assert all(m.held_on <= today for m in placement.meetings.exclude(held_on=None))
    done = FollowUpCheckin.objects.exclude(done_on=None)
    assert done.exists()
    assert all(c.employment.started_on <= c.done_on <= today for c in done)


# Plans make sense.


def test_language_plans_aim_above_the_level_assessed(today):
    plans = LanguagePlan.objects.select_related("participant")

    assert plans.count() >= 5
    for plan in plans:
        assert plan.current_level == plan.participant.norwegian_level
        assert LEVELS.index(plan.required_level) > LEVELS.index(plan.current_level)
        assert all(g.reached_on <= today for g in plan.goals.exclude(reached_on=None))


def test_language_plans_are_with_the_participants_teacher(today):
    for plan in LanguagePlan.objects.select_related("participant", "teacher"):
        assert plan.teacher in plan.participant.language_teachers.all()
        if plan.placement_id:
            assert plan.placement.participant_id == plan.participant_id
            assert plan.placement.language_plan_needed


# Work happens in working hours.


def in_working_hours(start: dt.datetime, minutes: int) -> bool:
    start = local(start)
    end = start + dt.timedelta(minutes=minutes)
    opens, closes = WORKING_DAY
    return (
        start.weekday() < 5
        and opens <= start.time()
        and end.time() <= closes
        and (end.date() == start.date())
    )


def test_contacts_happen_on_weekdays_in_working_hours(today):
    contacts = Contact.objects.all()

    outside = [c.pk for c in contacts if not in_working_hours(c.occurred_at, c.duration_minutes)]

    assert contacts.count() >= 200
    assert outside == []


def test_meetings_are_on_weekdays_in_working_hours(today):
    meetings = Meeting.objects.all()

    assert meetings.count() >= 50
    assert all(in_working_hours(m.planned_at, 60) for m in meetings)
    assert all(m.held_on.weekday() < 5 for m in meetings.exclude(held_on=None))
    assert all(c.done_on.weekday() < 5 for c in FollowUpCheckin.objects.exclude(done_on=None))


# The seeds' long story.


def chain(employer) -> str:
    return employer.name.split()[0]


def long_stories() -> list[tuple[Placement, Placement]]:
    """A shop placement extended twice without a hire, then another shop of the same chain
    with a mentor, a language plan and a hire, followed up."""
    found = []
    for p in Participant.objects.filter(status=Status.EMPLOYED):
        placements = list(p.placements.select_related("employer").order_by("planned_start"))
        for first, second in zip(placements, placements[1:], strict=False):
            shops = first.employer.industry == second.employer.industry
            same_chain = chain(first.employer) == chain(second.employer)
            if not (shops and same_chain and first.employer_id != second.employer_id):
                continue
            if first.extensions.count() < 2 or first.outcome in HIRE_OUTCOMES:
                continue
            job = Employment.objects.filter(placement=second, ended_on=None).first()
            if (
                second.started_on > first.ended_on
                and second.mentor is not None
                and second.mentor.employer_id == second.employer_id
                and second.language_plans.exists()
                and second.outcome in HIRE_OUTCOMES
                and job is not None
                and job.checkins.filter(still_employed=True).exclude(done_on=None).exists()
            ):
                found.append((first, second))
    return found


def test_one_case_follows_the_seeds_long_story(today):
    stories = long_stories()

    assert len(stories) >= 1
    first, second = stories[0]
    assert "Butikk" in first.employer.industry
    assert first.ended_on - first.started_on >= dt.timedelta(days=240)
    assert second.intention_agreement
    assert second.meetings.exclude(held_on=None).count() >= 3


def test_the_long_story_was_written_through_the_services(today):
    first, second = long_stories()[0]
    specialist = first.participant.specialist

    extensions = PlacementExtension.objects.filter(placement=first)
    rows = LogEntry.objects.get_for_objects(extensions)
    assert rows.count() == 2
    assert set(rows.values_list("actor", flat=True)) == {specialist.pk}
    statuses = StatusChange.objects.filter(participant=first.participant)
    assert set(statuses.values_list("changed_by", flat=True)) == {specialist.pk}
    plan = second.language_plans.get()
    assert LogEntry.objects.get_for_object(plan).get().actor == plan.teacher
