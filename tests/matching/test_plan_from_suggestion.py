"""A suggestion becomes a planned placement in one action (issue 9, point 6): the plan form
opens with the employer, the job and the match's reasons as the 6H "why this employer"; and
planning at a workplace nobody visited says so, with the visit to record on the spot (point 3)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from placetrain.lib.dates import today
from placetrain.placements.models import Placement
from tests.factories import EmployerFactory, JobAnalysisFactory, VocationalProfileFactory
from tests.html import parse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]


def plan_url(participant, query: str = "") -> str:
    return reverse("placements:placement-plan", args=[participant.pk]) + query


@pytest.fixture
def wished(world):
    VocationalProfileFactory(
        participant=world.participant_a,
        wished_occupations=["5223"],
        desired_workplaces="Rema Elvestad",
    )
    return world.participant_a


def test_the_plan_opens_with_the_employer_the_job_and_the_reasons(world, as_specialist, wished):
    analysis = JobAnalysisFactory(employer=world.employer, visited_on=today())

    form = parse(as_specialist.get(plan_url(wished, f"?job_analysis={analysis.pk}")))

    assert form.value("employer") == str(world.employer.pk)
    assert form.value("job_analysis") == str(analysis.pk)
    why = form.value("why_here")
    assert why.startswith(f"Suggested match for {analysis.title}:")
    assert "+ A wished occupation: 5223 Butikkmedarbeidere (+30)" in why
    assert "The participant named this workplace themselves (“Rema Elvestad”) (+40)" in why
    assert form.by_id("arbeidsplass-besok") is None  # visited: nothing to warn about


def test_the_planned_placement_keeps_the_reasons_and_the_job(world, as_specialist, wished):
    analysis = JobAnalysisFactory(employer=world.employer, visited_on=today())
    form = parse(as_specialist.get(plan_url(wished, f"?job_analysis={analysis.pk}")))
    data = {
        **{k: v[0] for k, v in form.data.items() if v},
        "kind": "work_practice",
        "planned_start": (today() + dt.timedelta(days=7)).isoformat(),
    }

    response = as_specialist.post(plan_url(wished), data)

    placement = Placement.objects.get(participant=wished)
    assert response["Location"] == reverse("placements:placement-detail", args=[placement.pk])
    assert placement.job_analysis == analysis
    assert "A wished occupation: 5223" in placement.why_here
    page = parse(as_specialist.get(response["Location"])).text
    assert analysis.title in page


def test_another_organisations_job_prefills_nothing(world, other_org, as_specialist, wished):
    theirs = JobAnalysisFactory(employer=world.other_employer)

    form = parse(as_specialist.get(plan_url(wished, f"?job_analysis={theirs.pk}")))

    assert form.value("employer") == ""
    assert form.value("why_here") == ""
    assert theirs.title not in form.text


def test_a_job_of_another_employer_than_the_one_chosen_is_refused(world, as_specialist, wished):
    elsewhere = JobAnalysisFactory(employer=EmployerFactory(organisation=world.org))

    response = as_specialist.post(
        plan_url(wished),
        {
            "employer": world.employer.pk,
            "job_analysis": elsewhere.pk,
            "kind": "work_practice",
            "planned_start": today().isoformat(),
        },
    )

    assert response.status_code == 200
    assert parse(response).errors("employer") == [
        "The job analysis is of another employer: choose the job again."
    ]
    assert not Placement.objects.filter(participant=wished).exists()


def test_a_network_employer_prefills_the_employer_and_the_reasons(world, as_specialist, wished):
    form = parse(as_specialist.get(plan_url(wished, f"?employer={world.employer.pk}")))

    assert form.value("employer") == str(world.employer.pk)
    assert "named this workplace themselves" in form.value("why_here")


def test_planning_at_an_unvisited_workplace_says_so_and_the_visit_is_recorded_there(
    world, as_specialist, wished
):
    analysis = JobAnalysisFactory(employer=world.employer, visited_on=None)
    url = plan_url(wished, f"?job_analysis={analysis.pk}")

    page = parse(as_specialist.get(url))

    warning = page.by_id("arbeidsplass-besok")
    assert "The workplace is not visited yet" in warning.text
    visit = next(f for f in warning.select("form"))
    assert visit["action"] == reverse("employers:job-analysis-visit", args=[analysis.pk])
    assert page.value("next") == url

    back = as_specialist.post(visit["action"], {"visited_on": today().isoformat(), "next": url})

    assert back["Location"] == url
    analysis.refresh_from_db()
    assert analysis.visited_on == today()
    assert parse(as_specialist.get(url)).by_id("arbeidsplass-besok") is None


def test_an_employer_without_any_job_analysis_is_unvisited_too(world, as_specialist, wished):
    page = parse(as_specialist.get(plan_url(wished, f"?employer={world.employer.pk}")))

    warning = page.by_id("arbeidsplass-besok")
    assert "Analyse the workplace and record the visit" in warning.text
    assert reverse("employers:job-analysis-create", args=[world.employer.pk]) in warning.links


def test_a_planned_placement_at_an_unvisited_job_says_so_on_its_page(world, as_specialist, wished):
    analysis = JobAnalysisFactory(employer=world.employer, visited_on=None)
    placement = Placement.objects.create(
        participant=wished,
        employer=world.employer,
        job_analysis=analysis,
        kind="work_practice",
        planned_start=today(),
    )

    page = parse(as_specialist.get(reverse("placements:placement-detail", args=[placement.pk])))

    assert "The workplace is not visited yet" in page.by_id("arbeidsplass-besok").text


def test_the_participants_suggestions_show_each_job_with_its_reasons_and_actions(
    world, as_specialist, wished
):
    analysis = JobAnalysisFactory(employer=world.employer, title="Kasse og hyller")
    network = EmployerFactory(organisation=world.org, name="Rema Elvestad Havna AS")

    page = parse(
        as_specialist.get(
            reverse("participants:participant-detail", args=[wished.pk]) + "?section=suggestions"
        )
    )

    jobs = page.by_id("forslag")
    first = jobs.select("li")[0]
    assert "Kasse og hyller" in first.text
    assert "A wished occupation: 5223 Butikkmedarbeidere" in first.text
    assert "Not visited" in first.text  # the factory's analysis has no visit
    assert plan_url(wished, f"?job_analysis={analysis.pk}") in first.links
    assert [f["action"] for f in first.select("form")] == [
        reverse("matching:candidate-add", args=[analysis.pk])
    ]
    # The named workplace without an open job: a network employer to develop a job with.
    assert network.name in page.text
    assert plan_url(wished, f"?employer={network.pk}") in page.links
