"""The scoring rules on their own (no database): each rule's reason and points, the edges of
the schedule (a shift past midnight, partly inside the availability), and the score as the sum
of the points — for any facts (a property test)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from placetrain.matching.scoring import Job, Person, Record, Suggestion, score
from placetrain.matching.tunables import defaults

pytestmark = pytest.mark.usefixtures("english_pages")
W = defaults()
T = dt.time


def codes(found) -> dict[str, int]:
    return {r.code: r.points for r in found}


def test_a_night_shift_is_judged_over_midnight():
    person = Person(available_from=T(21), available_until=T(23, 59))
    night = Job(starts_at=T(22), ends_at=T(6))

    found = codes(score(person, night, None, W))

    assert found == {"schedule-impossible": -40}  # 2 of 8 hours inside: does not fit


def test_an_evening_window_fits_an_evening_shift_and_half_is_partly():
    evening = Person(available_from=T(15), available_until=T(23))
    assert codes(score(evening, Job(shift="evening"), None, W)) == {"schedule-fits": 8}
    late = Person(available_from=T(18), available_until=T(23))
    assert codes(score(late, Job(starts_at=T(14), ends_at=T(22)), None, W)) == {
        "schedule-partly": -10
    }


def test_working_days_outside_the_availability_cost_and_are_named():
    person = Person(available_days=31)  # Monday to Friday
    weekend = Job(days=31 + 32 + 64)

    reasons = score(person, weekend, None, W)

    assert codes(reasons) == {"days-outside": -10}
    assert "saturday, sunday" in reasons[0].text


def test_more_hours_than_the_capacity_cost_half_where_hours_can_be_adapted():
    person = Person(hours_capacity=50)
    assert codes(score(person, Job(hours_per_week=37.5), None, W)) == {"hours-over": -10}
    adapted = Job(hours_per_week=37.5, adaptations=frozenset({"hours"}))
    assert codes(score(person, adapted, None, W)) == {"hours-adapted": -5}


@pytest.mark.parametrize(
    ("level", "plan", "reachable", "expected"),
    [
        ("B1", False, False, {"language-meets": 10}),
        ("A2", True, False, {"language-planned": -4}),
        ("A2", False, True, {"language-on-job": -8}),
        ("A2", False, False, {"language-gap": -12}),
        ("A1", True, True, {"language-gap": -24}),  # two levels: no plan closes it in a placement
        ("", False, False, {"language-unknown": 0}),
    ],
)
def test_the_norwegian_level_against_the_requirement(level, plan, reachable, expected):
    person = Person(norwegian_level=level, language_plan=plan)
    job = Job(norwegian_level="B1", level_reachable_on_job=reachable)

    assert codes(score(person, job, None, W)) == expected


def test_the_track_record_warning_outweighs_and_replaces_the_hire_rate():
    job = Job()
    warned = Record(ended=4, hired=2, free_labour=True, unpaid_endings=2, months=12)
    hires = Record(ended=4, hired=2)

    assert codes(score(Person(), job, warned, W)) == {"free-labour": -15}
    assert codes(score(Person(), job, hires, W)) == {"employer-hires": 6}
    assert codes(score(Person(), job, Record(ended=4, hired=1), W)) == {}


def test_a_named_workplace_matches_part_of_a_name_either_way():
    person = Person(workplaces=("kiwi", "rema 1000 storgata"))

    assert "named-workplace" in codes(score(person, Job(employer_key="kiwi sentrum"), None, W))
    assert "named-workplace" in codes(score(person, Job(employer_key="rema 1000"), None, W))
    assert "named-workplace" not in codes(score(person, Job(employer_key="coop"), None, W))


times = st.one_of(st.none(), st.times().map(lambda t: t.replace(second=0, microsecond=0)))


@given(
    wishes=st.sets(st.sampled_from(["5223", "5222", "4321", "9112"]), max_size=3),
    occupation=st.sampled_from(["5223", "5230", "4321", "9112"]),
    level=st.sampled_from(["", "A1", "A2", "B1", "B2"]),
    required=st.sampled_from(["", "A2", "B1", "B2"]),
    plan=st.booleans(),
    start=times,
    end=times,
    window=st.tuples(times, times),
    capacity=st.one_of(st.none(), st.integers(0, 100)),
    hours=st.one_of(st.none(), st.floats(0.5, 168)),
    free_labour=st.booleans(),
)
def test_the_score_is_the_sum_of_the_points_shown(
    wishes, occupation, level, required, plan, start, end, window, capacity, hours, free_labour
):
    person = Person(
        wish_units=frozenset(wishes),
        wish_minors=frozenset(w[:3] for w in wishes),
        wish_submajors=frozenset(w[:2] for w in wishes),
        norwegian_level=level,
        language_plan=plan,
        available_from=window[0],
        available_until=window[1],
        hours_capacity=capacity,
    )
    job = Job(
        occupations=((occupation, "Yrke"),),
        norwegian_level=required,
        starts_at=start,
        ends_at=end,
        hours_per_week=hours,
    )
    reasons = score(person, job, Record(free_labour=free_labour, unpaid_endings=2), W)
    suggestion = Suggestion(target=None, reasons=reasons)

    assert suggestion.score == sum(r.points for r in reasons)
    assert all(r.text and r.sign in "+−±" for r in reasons)
    assert suggestion.hard == any(r.code == "schedule-impossible" for r in reasons)
    lines = suggestion.as_text().splitlines()
    assert len(lines) == len(reasons)
