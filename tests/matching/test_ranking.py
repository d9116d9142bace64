"""Ranking cases a job specialist would agree with (issue 9, point 5): each builds the record a
specialist would have, asks for suggestions as the specialist does, and checks the order and
the reasons given. The points always add up to the score shown."""

from __future__ import annotations

import datetime as dt

import pytest

from placetrain.accounts.models import OrganisationSetting
from placetrain.employers.models import JobAnalysis, Stage
from placetrain.lib.dates import today
from placetrain.matching import selectors, tunables
from placetrain.matching.scoring import Suggestion
from placetrain.placements.models import Outcome, Placement, PlacementType
from tests.factories import (
    EmployerFactory,
    JobAnalysisFactory,
    LanguagePlanFactory,
    ParticipantFactory,
    PlacementFactory,
    VocationalProfileFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]
SCHOOL_HOURS = (dt.time(8, 30), dt.time(14))


def person(world, *, wishes=("5223",), level="B1", plan=False, workplaces=(), **profile):
    """A participant of specialist_a with a vocational profile (the matching profile follows
    from the save, as in the app)."""
    p = ParticipantFactory(
        specialist=world.specialist_a,
        norwegian_level=level,
        municipality=profile.pop("municipality", "Tromsø"),
        postal_code=profile.pop("postal_code", "9008"),
    )
    profile.setdefault("available_days", 31)
    VocationalProfileFactory(
        participant=p,
        number=1,
        wished_occupations=list(wishes),
        desired_workplaces="\n".join(workplaces),
        job_wishes=profile.pop("job_wishes", ""),
        **profile,
    )
    if plan:
        LanguagePlanFactory(participant=p)
    return p


def job(world, *, employer=None, **fields):
    fields.setdefault("municipality", "Tromsø")
    fields.setdefault("visited_on", today() - dt.timedelta(days=10))
    fields.setdefault("starts_at", dt.time(9))
    fields.setdefault("ends_at", dt.time(13))
    return JobAnalysisFactory(employer=employer or world.employer, **fields)


def employer(world, name: str, **fields):
    return EmployerFactory(organisation=world.org, name=name, **fields)


def jobs_for(world, participant) -> list[Suggestion]:
    found = selectors.suggest_jobs(world.specialist_a, participant)
    for s in found:
        assert s.score == sum(r.points for r in s.reasons)  # the points add up, always
        assert all(r.text for r in s.reasons)
    return found


def order(found: list[Suggestion]) -> list:
    return [s.target for s in found]


def reasons(found: list[Suggestion], target) -> dict[str, int]:
    suggestion = next(s for s in found if s.target == target)
    return {r.code: r.points for r in suggestion.reasons}


def test_a_language_plan_lifts_a_participant_a_level_short(world):
    """A2 for a B1 job: with a language plan the gap closes during the placement."""
    work = job(world, norwegian_level="B1", level_reachable_on_job=False)
    with_plan = person(world, level="A2", plan=True)
    without = person(world, level="A2")

    found = selectors.suggest_participants(world.specialist_a, work)

    ranked = order(found)
    assert ranked.index(with_plan) < ranked.index(without)
    assert reasons(found, with_plan)["language-planned"] == -4
    assert reasons(found, without)["language-gap"] == -12


def test_a_night_shift_ranks_low_and_says_why_for_someone_free_only_in_school_hours(world):
    day = job(world, title="Butikk dag", starts_at=dt.time(9), ends_at=dt.time(13))
    night = job(
        world,
        title="Butikk natt",
        shift=JobAnalysis.Shift.NIGHT,
        starts_at=dt.time(22),
        ends_at=dt.time(6),
    )
    p = person(world, available_from=SCHOOL_HOURS[0], available_until=SCHOOL_HOURS[1])

    found = jobs_for(world, p)

    assert order(found) == [day, night]  # shown, not hidden: the specialist may know more
    hard = next(s for s in found if s.target == night)
    assert hard.hard
    assert any(r.hard and "22:00–06:00" in r.text and "08:30–14:00" in r.text for r in hard.reasons)
    assert hard.score < 0 < found[0].score


def test_the_free_labour_warning_puts_an_employer_below_an_equal_one(world):
    warned = employer(world, "Gratis Lager AS")
    fair = employer(world, "Rettferdig Lager AS")
    for _ in range(2):
        end = today() - dt.timedelta(days=40)
        PlacementFactory(
            participant=world.participant_b,
            employer=warned,
            kind=PlacementType.WORK_PRACTICE,
            state=Placement.State.ENDED,
            planned_start=end - dt.timedelta(days=60),
            started_on=end - dt.timedelta(days=60),
            ended_on=end,
            outcome=Outcome.ENDED_BY_EMPLOYER,
        )
    at_warned, at_fair = job(world, employer=warned), job(world, employer=fair)
    p = person(world)

    found = jobs_for(world, p)

    assert order(found) == [at_fair, at_warned]
    assert reasons(found, at_warned)["free-labour"] == -15
    assert "free-labour" not in reasons(found, at_fair)


def test_a_named_workplace_with_an_open_job_ranks_first(world):
    kiwi = employer(world, "Kiwi Sentrum AS")
    rema = employer(world, "Rema Storgata AS")
    named = job(world, employer=kiwi, occupation_id="4321")  # not even a wished occupation
    wished = job(world, employer=rema)
    p = person(world, workplaces=["Kiwi Sentrum", "Bunnpris"])

    found = jobs_for(world, p)

    assert order(found)[0] == named
    assert reasons(found, named)["named-workplace"] == 40
    assert wished in order(found)


def test_an_unvisited_workplace_is_marked(world):
    visited = job(world, title="Besøkt")
    unvisited = job(world, title="Ikke besøkt", visited_on=None)

    found = jobs_for(world, person(world))

    marks = {s.target: s.unvisited for s in found}
    assert marks == {visited: False, unvisited: True}


def test_styrk_hierarchy_unit_above_minor_above_sub_major_above_none(world):
    unit = job(world, occupation_id="5223")  # shop sales assistants: the wish
    minor = job(world, occupation_id="5222")  # shop supervisors: same minor group 522
    submajor = job(world, occupation_id="5230")  # cashiers: same sub-major group 52
    other = job(world, occupation_id="9112")  # cleaners
    p = person(world, wishes=["5223"])

    found = jobs_for(world, p)

    assert order(found) == [unit, minor, submajor, other]
    assert reasons(found, other)["wish-outside"] == -5


def test_the_participants_wish_outweighs_a_nearer_job_they_did_not_ask_for(world):
    away = job(world, occupation_id="5223", municipality="Senja", postal_code="9300")
    near = job(world, occupation_id="9112", municipality="Tromsø")
    p = person(world, wishes=["5223"], postal_code="9008")

    found = jobs_for(world, p)

    assert order(found) == [away, near]


def test_an_organisation_may_weigh_distance_heavier(world):
    away = job(world, occupation_id="5223", municipality="Senja", postal_code="9300")
    near = job(world, occupation_id="9112", municipality="Tromsø")
    p = person(world, wishes=["5223"], postal_code="9008")
    OrganisationSetting.objects.create(
        organisation=world.org, key=tunables.OTHER_MUNICIPALITY.key, value=100
    )

    found = jobs_for(world, p)

    assert order(found) == [near, away]
    assert reasons(found, away)["place-other"] == -100


def test_hours_over_the_capacity_rank_below_hours_that_fit(world):
    fits = job(world, hours_per_week=18)
    too_many = job(world, hours_per_week=37.5)
    p = person(world, hours_capacity=50)  # about 19 hours

    found = jobs_for(world, p)

    assert order(found) == [fits, too_many]
    assert reasons(found, too_many)["hours-over"] == -10


def test_a_workplace_that_adapts_to_a_physical_need_ranks_above_one_that_does_not(world):
    adapts = job(world, physical_demands="Løft av varer", adaptations=["physical"])
    does_not = job(world, physical_demands="Løft av varer")
    p = person(world, support_physical="Vondt i ryggen, tåler ikke tunge løft")

    found = jobs_for(world, p)

    assert order(found) == [adapts, does_not]
    assert reasons(found, adapts)["support-physical"] == 4
    assert reasons(found, does_not)["support-physical"] == -8


def test_the_wishes_own_words_count_when_they_are_in_the_tasks(world):
    bakery = job(world, occupation_id="9112", title="Renhold", tasks="Vaske bakeriet\nRydde")
    other = job(world, occupation_id="9112", title="Renhold", tasks="Vaske kontorer")
    p = person(world, wishes=[], job_wishes="Vil jobbe i et bakeri")

    found = jobs_for(world, p)

    assert order(found) == [bakery, other]
    assert reasons(found, bakery)["words"] == 4
    assert reasons(found, other)["wish-none"] == 0  # said, with no points


def test_closed_jobs_and_employers_set_aside_are_not_suggested(world):
    open_job = job(world)
    job(world, state=JobAnalysis.State.CLOSED)
    job(world, employer=employer(world, "Lagt bort AS", stage=Stage.NOT_RELEVANT))

    assert order(jobs_for(world, person(world))) == [open_job]


def test_suggested_participants_are_only_those_in_the_users_scope(world):
    work = job(world)
    mine = person(world)
    VocationalProfileFactory(participant=world.participant_b, number=1, wished_occupations=["5223"])

    found = selectors.suggest_participants(world.specialist_a, work)
    theirs = selectors.suggest_participants(world.specialist_b, work)

    assert mine in order(found)
    assert world.participant_b not in order(found)
    assert order(theirs) == [world.participant_b]


def test_network_employers_named_by_the_participant_are_suggested_when_they_have_no_job(world):
    named = employer(world, "Bunnpris Sentrum AS", stage=Stage.PARTNER)
    with_job = employer(world, "Kiwi Havna AS")
    job(world, employer=with_job)
    p = person(world, workplaces=["Bunnpris Sentrum", "Kiwi Havna"])

    found = selectors.suggest_employers(world.specialist_a, p)

    assert order(found)[0] == named
    assert with_job not in order(found)  # its job is suggested as a job instead
    assert {"named-workplace", "partner"} <= set(reasons(found, named))


def test_ended_participants_are_not_suggested_and_a_new_profile_counts_at_once(world):
    work = job(world, occupation_id="4321")
    p = person(world, wishes=["9112"])
    assert "wish-outside" in reasons(selectors.suggest_participants(world.specialist_a, work), p)

    VocationalProfileFactory(participant=p, number=2, wished_occupations=["4321"])
    assert reasons(selectors.suggest_participants(world.specialist_a, work), p)["wish-unit"] == 30

    p.status = "ended"
    p.save()
    assert p not in order(selectors.suggest_participants(world.specialist_a, work))
