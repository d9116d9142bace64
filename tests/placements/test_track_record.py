"""An employer's track record and the free-labour warning (issue 9, point 4): each figure on
hand-made data, the warning at its thresholds and with an organisation's own, what is counted
and what is named, and the same number of queries for many employers as for one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from placetrain.accounts.models import OrganisationSetting
from placetrain.employers.models import RegisterUnit
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


# --- on the pages --------------------------------------------------------------------------


def _recent_endings(participant, employer, n=2):
    today = timezone.localdate()
    for i in range(n):
        ended(participant, employer, on=today - dt.timedelta(days=20 + i))


def test_the_employer_page_counts_every_placement_but_names_no_one_outside_scope(world, client_for):
    _recent_endings(world.participant_b, world.employer)  # team B's participant

    response = client_for(world.specialist_a).get(
        reverse("employers:employer-detail", args=[world.employer.pk])
    )

    html = response.content.decode()
    record = next(s.context["record"] for s in response.context["panels"] if "record" in s.context)
    assert record.ended == 2 and record.free_labour
    assert world.participant_b.first_name not in html
    assert world.participant_b.last_name not in html
    assert 'id="historikk-tittel"' in html


def test_the_warning_is_plain_norwegian_with_its_figures_and_a_heading(world, client_for):
    _recent_endings(world.participant_a, world.employer)

    html = (
        client_for(world.specialist_a)
        .get(reverse("employers:employer-detail", args=[world.employer.pk]))
        .content.decode()
    )

    assert 'role="note" aria-labelledby="historikk-gratisarbeid"' in html
    assert "Advarsel: mulig gratisarbeid" in html
    assert (
        "2 ubetalte praksisplasser er avsluttet uten ansettelse de siste 12 månedene, "
        "og ingen er ansatt der i samme periode."
    ) in html


def test_an_employer_without_the_warning_shows_none(world, client_for):
    _recent_endings(world.participant_a, world.employer, n=1)

    html = (
        client_for(world.specialist_a)
        .get(reverse("employers:employer-detail", args=[world.employer.pk]))
        .content.decode()
    )

    assert "gratisarbeid" not in html
    assert 'id="historikk-tittel"' in html


def test_choosing_an_employer_in_the_plan_brings_its_track_record_along(world, client_for):
    _recent_endings(world.participant_b, world.employer)

    response = client_for(world.specialist_a).get(
        reverse("placements:mentor-choices"), {"employer": world.employer.pk}
    )

    html = response.content.decode()
    assert 'id="arbeidsgiverhistorikk" aria-live="polite" hx-swap-oob="true"' in html
    assert "ubetalte praksisplasser er avsluttet uten ansettelse" in html
    assert world.participant_b.last_name not in html


def test_an_employer_of_another_organisation_brings_no_track_record(world, other_org, client_for):
    _recent_endings(world.other_participant, world.other_employer)

    response = client_for(world.specialist_a).get(
        reverse("placements:mentor-choices"), {"employer": world.other_employer.pk}
    )

    assert response.context["track_record"] is None
    assert "gratisarbeid" not in response.content.decode()


def test_the_warning_informs_but_never_blocks_planning(world, client_for):
    _recent_endings(world.participant_b, world.employer)
    client = client_for(world.specialist_a)
    url = reverse("placements:placement-plan", args=[world.participant_a.pk])

    refused = client.post(url, {"employer": world.employer.pk, "kind": T.WORK_PRACTICE})
    assert "ubetalte praksisplasser er avsluttet" in refused.content.decode()  # no start date
    planned = client.post(
        url,
        {
            "employer": world.employer.pk,
            "kind": T.WORK_PRACTICE,
            "planned_start": timezone.localdate().strftime("%d.%m.%Y"),
        },
    )

    assert planned.status_code == 302
    placement = Placement.objects.get(participant=world.participant_a, state="planned")
    detail = client.get(reverse("placements:placement-detail", args=[placement.pk]))
    assert "ubetalte praksisplasser er avsluttet" in detail.content.decode()
    start = client.get(reverse("placements:placement-start", args=[placement.pk]))
    assert "ubetalte praksisplasser er avsluttet" in start.content.decode()
    edit = client.get(reverse("placements:placement-update", args=[placement.pk]))
    assert "ubetalte praksisplasser er avsluttet" in edit.content.decode()


def test_the_chain_page_shows_the_chains_combined_record(world, client_for):
    now = timezone.now()
    head = RegisterUnit.objects.create(
        org_number=world.employer.org_number,
        kind=RegisterUnit.Kind.MAIN,
        name="Rema Elvestad AS",
        imported_at=now,
    )
    shop = EmployerFactory(organisation=world.org, org_number="974760673")
    RegisterUnit.objects.create(
        org_number=shop.org_number,
        kind=RegisterUnit.Kind.SUB,
        name="Rema Sentrum",
        parent_org_number=head.org_number,
        imported_at=now,
    )
    _recent_endings(world.participant_a, world.employer, n=1)
    _recent_endings(world.participant_b, shop, n=1)

    response = client_for(world.specialist_a).get(
        reverse("employers:employer-chain", args=[shop.pk])
    )

    html = response.content.decode()
    (shown,) = response.context["panels"]
    assert shown.context["record"].ended == 2
    assert 'id="kjedehistorikk-tittel"' in html
    assert "2 ubetalte praksisplasser er avsluttet" in html
    assert world.participant_b.last_name not in html
