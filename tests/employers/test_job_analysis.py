"""Job analyses (jobbanalyse): what a job is and asks, what the workplace offers, and the visit
that makes the workplace ready for a placement. Bad input gets its message at the field, and
what was typed stays."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from placetrain.classifications.models import Occupation
from placetrain.employers import selectors, services
from placetrain.employers.models import JobAnalysis
from placetrain.lib.concurrency import EditConflict
from placetrain.lib.dates import today
from placetrain.lib.services import WorkflowError
from placetrain.lib.weekdays import Weekday
from tests.factories import JobAnalysisFactory
from tests.html import parse

pytestmark = pytest.mark.usefixtures("english_pages")


def data(**values) -> dict:
    return {
        "title": "Lagermedarbeider",
        "kind": "vacancy",
        "state": "open",
        "occupation": "4321 Lagermedarbeidere og material-forvaltere",
        "open_positions": "2",
        "tasks": "Plukke varer\nPakke pakker",
        "norwegian_level": "A2",
        "level_reachable_on_job": "on",
        "pace": "medium",
        "company": "team",
        "days": ["1", "2", "4", "8", "16"],
        "shift": "day",
        "starts_at": "07:00",
        "ends_at": "15:00",
        "hours_per_week": "37.5",
        "adaptations": ["hours", "basic_skills"],
        "measures": ["work_practice", "mentor_subsidy"],
        "municipality": "Tromsø",
        **values,
    }


def create_url(world) -> str:
    return reverse("employers:job-analysis-create", args=[world.employer.pk])


def test_a_job_analysis_is_saved_with_its_schedule_and_offers(world, as_specialist):
    response = as_specialist.post(create_url(world), data())

    analysis = JobAnalysis.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("employers:job-analysis-detail", args=[analysis.pk])
    assert analysis.occupation_id == "4321"
    assert analysis.days == 31
    assert [d.value for d in analysis.weekdays] == [1, 2, 4, 8, 16]
    assert analysis.adaptations == ["hours", "basic_skills"]
    assert analysis.task_list == ["Plukke varer", "Pakke pakker"]
    assert analysis.created_by == world.specialist_a
    assert analysis.visited_on is None

    page = parse(as_specialist.get(response["Location"])).text
    assert "4321 Lagermedarbeidere" in page
    assert "Monday, Tuesday, Wednesday, Thursday, Friday" in page
    assert "Not visited yet." in page
    assert "Working hours, Basic skills" in page


def test_the_new_form_offers_the_employers_address(world, as_specialist):
    world.employer.address, world.employer.postal_code = "Storgata 1", "9008"
    world.employer.municipality = "Tromsø"
    world.employer.save()

    form = parse(as_specialist.get(create_url(world)))

    assert form.value("address") == "Storgata 1"
    assert form.value("postal_code") == "9008"
    assert form.value("municipality") == "Tromsø"
    choices = [o.get("value") for o in form.by_id("styrk-yrker").select("option")]
    assert "5223 Butikkmedarbeidere" in choices
    assert len(choices) == Occupation.objects.filter(level=4).count()  # the unit groups only


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"occupation": "9999"}, "occupation", "9999 is not a code in STYRK-08"),
        ({"occupation": "52"}, "occupation", "at the most detailed level (four digits)"),
        ({"occupation": ""}, "occupation", "Choose the occupation"),
        ({"norwegian_level": "B3"}, "norwegian_level", "Select a valid choice"),
        ({"hours_per_week": "169"}, "hours_per_week", "A week has 168 hours"),
        ({"starts_at": "15:00", "ends_at": "07:00"}, "ends_at", "ends before it starts"),
        ({"kind": "developed", "tasks": ""}, "tasks", "A developed job is its tasks"),
    ],
)
def test_bad_input_is_refused_at_its_field_and_what_was_typed_stays(
    world, as_specialist, values, field, message
):
    response = as_specialist.post(create_url(world), data(title="Truckfører natt", **values))

    assert response.status_code == 200
    assert not JobAnalysis.objects.exists()
    page = parse(response)
    assert any(message in error for error in page.errors(field)), page.errors(field)
    assert page.value("title") == "Truckfører natt"
    assert page.value("municipality") == "Tromsø"


def test_a_night_shift_may_end_the_next_morning(world, as_specialist):
    as_specialist.post(create_url(world), data(shift="night", starts_at="22:00", ends_at="06:00"))

    assert JobAnalysis.objects.get().shift == JobAnalysis.Shift.NIGHT


def test_a_visit_recorded_on_the_spot_makes_the_workplace_ready(world, as_specialist):
    analysis = JobAnalysisFactory(employer=world.employer)
    assert not selectors.workplace_visited(world.employer.pk)
    back = reverse("placements:placement-plan", args=[world.participant_a.pk])

    response = as_specialist.post(
        reverse("employers:job-analysis-visit", args=[analysis.pk]),
        {"visited_on": today().isoformat(), "next": back},
    )

    assert response["Location"] == back
    analysis.refresh_from_db()
    assert analysis.visited_on == today()
    assert analysis.visited_by == world.specialist_a
    assert analysis.version == 2
    assert selectors.workplace_visited(world.employer.pk)


def test_a_visit_leads_back_only_to_this_site(world, as_specialist):
    analysis = JobAnalysisFactory(employer=world.employer)

    response = as_specialist.post(
        reverse("employers:job-analysis-visit", args=[analysis.pk]),
        {"visited_on": today().isoformat(), "next": "https://evil.example/phish"},
    )

    assert response["Location"] == reverse("employers:job-analysis-detail", args=[analysis.pk])


def test_a_visit_cannot_be_in_the_future_and_a_later_one_counts(world):
    analysis = JobAnalysisFactory(employer=world.employer)
    with pytest.raises(WorkflowError):
        services.job_analysis_record_visit(
            user=world.specialist_a, analysis=analysis, on=today() + dt.timedelta(days=1)
        )
    last_week = today() - dt.timedelta(days=7)
    services.job_analysis_record_visit(user=world.specialist_a, analysis=analysis, on=last_week)
    services.job_analysis_record_visit(
        user=world.specialist_a, analysis=analysis, on=last_week - dt.timedelta(days=30)
    )
    analysis.refresh_from_db()
    assert analysis.visited_on == last_week  # the earlier date does not replace the later


def test_two_edits_of_one_analysis_do_not_overwrite_each_other(world, as_specialist):
    analysis = JobAnalysisFactory(employer=world.employer, title="Kasse")
    url = reverse("employers:job-analysis-update", args=[analysis.pk])
    services.job_analysis_update(
        user=world.specialist_a2,
        analysis=analysis,
        data={"title": "Kasse og lager"},
        expected_version=1,
    )

    response = as_specialist.post(url, data(title="Kasse kveld", version="1"))

    assert response.status_code == 200
    analysis.refresh_from_db()
    assert analysis.title == "Kasse og lager"
    assert parse(response).value("title") == "Kasse kveld"
    with pytest.raises(EditConflict):
        services.job_analysis_update(
            user=world.specialist_a, analysis=analysis, data={"title": "x"}, expected_version=1
        )


def test_the_employer_page_lists_its_analyses_and_marks_unvisited_ones(world, as_specialist):
    JobAnalysisFactory(employer=world.employer, title="Kassemedarbeider")
    JobAnalysisFactory(
        employer=world.employer,
        title="Varemottak",
        visited_on=today(),
        kind=JobAnalysis.Kind.DEVELOPED,
        tasks="Ta imot varer",
    )

    card = parse(as_specialist.get(reverse("employers:employer-detail", args=[world.employer.pk])))
    section = card.by_id("jobbanalyser")

    items = [li.text for li in section.select("li")]
    assert any("Kassemedarbeider" in t and "Not visited" in t for t in items)
    assert any("Varemottak" in t and "Developed job" in t and "Not visited" not in t for t in items)


def test_a_language_teacher_reads_but_does_not_edit(world, client_for):
    analysis = JobAnalysisFactory(employer=world.employer)
    teacher = client_for(world.teacher)

    page = parse(teacher.get(reverse("employers:job-analysis-detail", args=[analysis.pk])))

    assert not [f for f in page.forms if f.get("action", "").endswith("/besok/")]
    assert (
        teacher.post(
            reverse("employers:job-analysis-visit", args=[analysis.pk]),
            {"visited_on": today().isoformat()},
        ).status_code
        == 403
    )


def test_weekdays_are_bits():
    assert sum(Weekday.values) == 127
