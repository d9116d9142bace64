"""An employer's track record and the free-labour warning (issue 9, point 4): each figure on
hand-made data, the warning at its thresholds and with an organisation's own, what is counted
and what is named, and the same number of queries for many employers as for one."""

from __future__ import annotations

import datetime as dt

import pytest

from placetrain.accounts.models import OrganisationSetting
from placetrain.lib.dates import add_months
from placetrain.placements.models import Outcome, Placement, PlacementExtension, PlacementType
from placetrain.placements.track_record import track_record_combined, track_records
from tests.factories import (
    EmployerFactory,
    EmploymentFactory,
    FollowUpCheckinFactory,
    ParticipantFactory,
    PlacementFactory,
)

TODAY = dt.date(2026, 6, 15)
ENDED = Placement.State.ENDED
T = PlacementType


def ended(participant, employer, *, kind=T.WORK_PRACTICE, on=None, days=30, outcome=None):
    """A placement at ``employer`` that ran ``days`` days and ended ``on`` (a month before TODAY
    unless told), without a hire unless ``outcome`` says so."""
    on = on or TODAY - dt.timedelta(days=30)
    start = on - dt.timedelta(days=days - 1)
    return PlacementFactory(
        participant=participant,
        employer=employer,
        kind=kind,
        state=ENDED,
        planned_start=start,
        planned_end=on,
        started_on=start,
        ended_on=on,
        outcome=outcome or Outcome.ENDED_BY_EMPLOYER,
    )


def record_of(employer, today=TODAY):
    return track_records([employer.pk], organisation_id=employer.organisation_id, today=today)[
        employer.pk
    ]


@pytest.fixture
def person(world):
    return world.participant_a


# --- the figures ---------------------------------------------------------------------------


def test_it_counts_placements_by_type_hires_rate_length_extensions_and_open(world, person):
    employer = world.employer
    hired = ended(person, employer, days=30, outcome=Outcome.HIRED_PERMANENT)
    EmploymentFactory(participant=person, employer=employer, placement=hired)
    ended(person, employer, kind=T.JOB_TASTING, days=5, outcome=Outcome.OTHER)
    ended(person, employer, kind=T.JOB_TASTING, days=10, outcome=Outcome.EDUCATION)
    running = PlacementFactory(
        participant=person,
        employer=employer,
        kind=T.WAGE_SUBSIDY,
        state=Placement.State.STARTED,
        started_on=TODAY - dt.timedelta(days=20),
        planned_start=TODAY - dt.timedelta(days=20),
    )
    for i in range(2):
        PlacementExtension.objects.create(
            placement=running, new_end=TODAY + dt.timedelta(days=60 + i), reason="Mer opplæring"
        )
    PlacementFactory(participant=person, employer=employer, kind=T.LANGUAGE_PRACTICE)
    EmploymentFactory(participant=person, employer=employer)  # hired without a placement
    ended(person, EmployerFactory(organisation=world.org))  # another employer's

    record = record_of(employer)

    assert record.by_type == {T.WORK_PRACTICE: 1, T.JOB_TASTING: 2, T.WAGE_SUBSIDY: 1}
    assert record.placements == 4
    assert record.planned == 1
    assert record.open == 1
    assert record.ended == 3
    assert record.hired_from_placements == 1
    assert record.hires == 2
    assert record.hire_rate == pytest.approx(1 / 3)
    assert record.hire_percent == 33
    assert record.median_days == 10
    assert record.extensions == 2
    assert [label for label, _n in record.types][0].startswith("Jobbsmak")


def test_an_employer_without_placements_has_an_empty_record(world):
    record = record_of(world.employer)

    assert record.is_empty
    assert record.hire_rate is None
    assert record.median_days is None
    assert not record.free_labour


def test_the_median_of_an_even_count_is_the_mean_of_the_middle_two(world, person):
    for days in (4, 10, 20, 100):
        ended(person, world.employer, days=days)

    assert record_of(world.employer).median_days == 15


def test_still_employed_at_6_and_12_months_counts_unknown_apart_never_as_employed(world, person):
    employer = world.employer
    long_ago = TODAY - dt.timedelta(days=400)

    def hire(started_on, **kwargs):
        return EmploymentFactory(
            participant=person, employer=employer, started_on=started_on, **kwargs
        )

    def checkin(job, months, still, early_days=0):
        done = add_months(job.started_on, months) - dt.timedelta(days=early_days)
        FollowUpCheckinFactory(
            employment=job, due_on=done, label=f"{months}m", done_on=done, still_employed=still
        )

    stayed = hire(long_ago)
    checkin(stayed, 6, True, early_days=5)  # a little early still tells
    checkin(stayed, 12, True)
    hire(long_ago, ended_on=long_ago + dt.timedelta(days=90))  # ended after three months
    hire(long_ago)  # nothing recorded: not known
    left = hire(long_ago)
    checkin(left, 3, False)  # found not employed at three months, no end recorded yet
    half_year = hire(add_months(TODAY, -7))
    checkin(half_year, 6, True)  # six months, not yet twelve
    hire(TODAY - dt.timedelta(days=30))  # too recent for either
    early = hire(long_ago)
    checkin(early, 6, True, early_days=60)  # two months early tells nothing of six months

    record = record_of(employer)

    six, twelve = record.six_months, record.twelve_months
    assert (six.employed, six.not_employed, six.unknown) == (2, 2, 2)
    assert (twelve.employed, twelve.not_employed, twelve.unknown) == (1, 2, 2)
    assert six.hires == 6 and twelve.hires == 5
    assert record.hires == 7


# --- the free-labour warning ---------------------------------------------------------------


def test_two_unpaid_endings_without_a_hire_in_twelve_months_earn_the_warning(world, person):
    ended(person, world.employer, kind=T.WORK_PRACTICE)
    ended(person, world.employer, kind=T.WORK_TRAINING, on=TODAY - dt.timedelta(days=300))

    record = record_of(world.employer)

    assert record.free_labour
    basis = record.free_labour_basis
    assert (basis.unpaid_endings, basis.hires, basis.threshold, basis.months) == (2, 0, 2, 12)
    assert basis.since == dt.date(2025, 6, 15)


def test_one_unpaid_ending_is_below_the_threshold(world, person):
    ended(person, world.employer)

    record = record_of(world.employer)

    assert not record.free_labour
    assert record.free_labour_basis.unpaid_endings == 1


def test_endings_before_the_period_do_not_count(world, person):
    ended(person, world.employer)
    ended(person, world.employer, on=TODAY - dt.timedelta(days=370))

    assert not record_of(world.employer).free_labour


def test_a_hire_in_the_period_suppresses_the_warning(world, person):
    ended(person, world.employer)
    ended(person, world.employer, kind=T.JOB_TASTING)
    EmploymentFactory(
        participant=person, employer=world.employer, started_on=TODAY - dt.timedelta(days=200)
    )

    record = record_of(world.employer)

    assert not record.free_labour
    assert record.free_labour_basis.unpaid_endings == 2
    assert record.free_labour_basis.hires == 1


def test_a_hire_before_the_period_does_not_suppress_it(world, person):
    ended(person, world.employer)
    ended(person, world.employer)
    EmploymentFactory(
        participant=person, employer=world.employer, started_on=TODAY - dt.timedelta(days=400)
    )

    assert record_of(world.employer).free_labour


def test_paid_placements_and_placements_ending_in_a_hire_do_not_count(world, person):
    for kind in (T.WAGE_SUBSIDY, T.ORDINARY, T.TEMPORARY, T.APPRENTICESHIP, T.OTHER):
        ended(person, world.employer, kind=kind)
    ended(person, world.employer, outcome=Outcome.HIRED_PART_TIME)

    record = record_of(world.employer)

    assert record.free_labour_basis.unpaid_endings == 0
    assert not record.free_labour


def test_the_organisations_own_thresholds_hold(world, person):
    ended(person, world.employer)
    ended(person, world.employer, on=TODAY - dt.timedelta(days=500))
    assert not record_of(world.employer).free_labour  # the second is 16 months ago

    OrganisationSetting.objects.create(
        organisation=world.org, key="placements.free_labour_months", value=24
    )
    assert record_of(world.employer).free_labour
    assert record_of(world.employer).free_labour_basis.months == 24

    OrganisationSetting.objects.create(
        organisation=world.org, key="placements.free_labour_unpaid_endings", value=3
    )
    assert not record_of(world.employer).free_labour


def test_another_organisations_settings_and_employers_do_not_count(world, other_org, person):
    ended(person, world.employer)
    ended(person, world.employer)
    OrganisationSetting.objects.create(
        organisation=other_org, key="placements.free_labour_unpaid_endings", value=5
    )
    ended(world.other_participant, world.other_employer)

    assert record_of(world.employer).free_labour
    # Asked with the wrong organisation, an employer's record is empty, never another's.
    records = track_records(
        [world.employer.pk, world.other_employer.pk], organisation_id=other_org.pk, today=TODAY
    )
    assert records[world.employer.pk].is_empty
    assert records[world.other_employer.pk].placements == 1


# --- many employers at once ----------------------------------------------------------------


def _employers_with_history(world, count):
    employers = []
    for i in range(count):
        employer = EmployerFactory(organisation=world.org)
        participant = ParticipantFactory(specialist=world.specialist_a)
        ended(participant, employer)
        if i % 2:
            ended(participant, employer, kind=T.JOB_TASTING)
        else:
            job = EmploymentFactory(participant=participant, employer=employer)
            FollowUpCheckinFactory(employment=job, done_on=job.started_on, still_employed=True)
        employers.append(employer)
    return employers


@pytest.mark.parametrize("count", [3, 40])
def test_the_queries_are_the_same_for_many_employers(world, count, django_assert_num_queries):
    employers = _employers_with_history(world, count)
    ids = [e.pk for e in employers]

    with django_assert_num_queries(4):
        records = track_records(ids, organisation_id=world.org.pk, today=TODAY)

    assert set(records) == set(ids)
    warned = [pk for pk, record in records.items() if record.free_labour]
    assert warned == ids[1::2]
    assert all(records[pk].hires == 1 for pk in ids[0::2])


def test_a_chains_record_adds_its_employers_up_and_judges_the_warning_on_the_sum(world, person):
    shop, other_shop = world.employer, EmployerFactory(organisation=world.org)
    ended(person, shop)
    ended(person, other_shop, kind=T.JOB_TASTING)
    assert not record_of(shop).free_labour and not record_of(other_shop).free_labour

    together = track_record_combined(
        [shop.pk, other_shop.pk], organisation_id=world.org.pk, today=TODAY
    )

    assert together.placements == 2
    assert together.free_labour


def test_no_employers_cost_no_queries(world, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert track_records([], organisation_id=world.org.pk, today=TODAY) == {}
