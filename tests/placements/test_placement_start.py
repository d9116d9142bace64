"""Starting a placement: the 6H gate in the service (each missing answer named, starts when
complete, the participant is then in placement) and the start page that says plainly what is
missing, each answer a link to where it is given."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from placetrain.language.models import LanguagePlan
from placetrain.lib.dates import today
from placetrain.lib.services import WorkflowError
from placetrain.participants.models import Status, StatusChange, VocationalProfile
from placetrain.placements import services
from placetrain.placements.models import Placement, PlacementType, Purpose
from tests.factories import EmployerContactFactory

# Pages in English, so assertions read the msgids (the bokmål catalogue has its own test).
pytestmark = pytest.mark.usefixtures("english_pages")


START = today() - dt.timedelta(days=3)
END = today() + dt.timedelta(days=60)

ALL_ANSWERS = {
    "who",
    "purpose",
    "goal",
    "why_here",
    "follow_up_by",
    "follow_up_every_days",
    "mentor_name",
    "training_plan",
    "planned_end",
    "next_step_after",
}


def planned(world) -> Placement:
    return services.placement_plan(
        user=world.specialist_a,
        participant=world.participant_a,
        data={
            "employer": world.employer,
            "kind": PlacementType.WORK_PRACTICE,
            "planned_start": START,
        },
    )


def answered(world, *, leave_out: str | None = None) -> Placement:
    """A placement with every 6H answer, except ``leave_out``."""
    placement = planned(world)
    if leave_out != "who":
        VocationalProfile.objects.create(participant=world.participant_a, number=1)
    if leave_out != "training_plan":
        services.training_task_add(
            user=world.specialist_a, placement=placement, description="Fylle hyller"
        )
    data = {
        "purpose": Purpose.LANGUAGE,
        "goal": "Bedre norsk i jobb",
        "why_here": "Mange kunder, mye prat",
        "follow_up_by": world.specialist_a,
        "follow_up_every_days": 14,
        "mentor_name": "Kari",
        "planned_end": END,
        "next_step_after": "Søke fast stilling",
    }
    data.pop(leave_out, None)
    return services.placement_update(
        user=world.specialist_a, placement=placement, data=data, expected_version=1
    )


def start_url(placement) -> str:
    return reverse("placements:placement-start", kwargs={"pk": placement.pk})


# --- the 6H gate (service) ---------------------------------------------------------------------


class TestTheGate:
    def test_a_fresh_plan_is_missing_every_answer(self, world):
        placement = planned(world)

        with pytest.raises(WorkflowError) as caught:
            services.placement_start(user=world.specialist_a, placement=placement, started_on=START)

        assert set(caught.value.problems) == ALL_ANSWERS
        placement.refresh_from_db()
        assert placement.state == Placement.State.PLANNED and placement.started_on is None

    @pytest.mark.parametrize(
        "leave_out, question",
        [
            ("who", "Who?"),
            ("purpose", "Why?"),
            ("goal", "Why?"),
            ("why_here", "Where?"),
            ("follow_up_by", "How?"),
            ("follow_up_every_days", "How?"),
            ("mentor_name", "How?"),
            ("training_plan", "How?"),
            ("planned_end", "How long?"),
            ("next_step_after", "What after?"),
        ],
    )
    def test_it_refuses_to_start_naming_the_one_missing_answer(self, world, leave_out, question):
        placement = answered(world, leave_out=leave_out)

        with pytest.raises(WorkflowError) as caught:
            services.placement_start(user=world.specialist_a, placement=placement, started_on=START)

        assert list(caught.value.problems) == [leave_out]
        assert caught.value.problems[leave_out].startswith(question)
        assert Placement.objects.get(pk=placement.pk).state == Placement.State.PLANNED
        assert world.participant_a.status_changes.count() == 0

    def test_a_goal_of_only_spaces_is_no_goal(self, world):
        placement = answered(world)
        placement.goal = "   "
        placement.save()

        with pytest.raises(WorkflowError) as caught:
            services.placement_start(user=world.specialist_a, placement=placement, started_on=START)

        assert list(caught.value.problems) == ["goal"]

    def test_a_mentor_from_the_employers_people_answers_the_mentor_question(self, world):
        placement = answered(world, leave_out="mentor_name")
        placement.mentor = EmployerContactFactory(employer=world.employer)
        placement.save()

        services.placement_start(user=world.specialist_a, placement=placement, started_on=START)

        assert placement.state == Placement.State.STARTED

    def test_a_needed_language_plan_must_exist_before_the_start(self, world):
        placement = answered(world)
        placement.language_plan_needed = True
        placement.save()

        with pytest.raises(WorkflowError) as caught:
            services.placement_start(user=world.specialist_a, placement=placement, started_on=START)
        assert list(caught.value.problems) == ["language_plan"]

        LanguagePlan.objects.create(
            participant=world.participant_a, placement=placement, teacher=world.teacher
        )
        services.placement_start(user=world.specialist_a, placement=placement, started_on=START)
        assert placement.state == Placement.State.STARTED

    def test_it_starts_when_complete_and_the_participant_is_in_placement(self, world):
        placement = answered(world)

        services.placement_start(user=world.specialist_a, placement=placement, started_on=START)

        placement.refresh_from_db()
        assert placement.state == Placement.State.STARTED
        assert placement.started_on == START
        world.participant_a.refresh_from_db()
        assert world.participant_a.status == Status.IN_PLACEMENT
        change = StatusChange.objects.get(participant=world.participant_a)
        assert (change.status, change.changed_on) == (Status.IN_PLACEMENT, START)

    def test_it_does_not_start_twice(self, world):
        placement = answered(world)
        services.placement_start(user=world.specialist_a, placement=placement, started_on=START)

        with pytest.raises(WorkflowError) as caught:
            services.placement_start(user=world.specialist_a, placement=placement, started_on=START)

        assert "state" in caught.value.problems

    def test_it_does_not_start_after_the_planned_end(self, world):
        placement = answered(world)

        with pytest.raises(WorkflowError) as caught:
            services.placement_start(
                user=world.specialist_a,
                placement=placement,
                started_on=END + dt.timedelta(days=1),
            )

        assert list(caught.value.problems) == ["started_on"]


# --- the start page ----------------------------------------------------------------------------


class TestTheStartPage:
    def test_it_names_each_missing_answer_as_a_link_to_its_field(self, world, as_specialist):
        placement = planned(world)

        response = as_specialist.get(start_url(placement))

        assert response.status_code == 200
        html = response.content.decode()
        update = reverse("placements:placement-update", kwargs={"pk": placement.pk})
        for field in ("purpose", "goal", "why_here", "follow_up_by", "planned_end"):
            assert f'href="{update}#id_{field}"' in html, field
        detail = reverse("placements:placement-detail", kwargs={"pk": placement.pk})
        assert f'href="{detail}#opplaering"' in html  # the training plan is on the page
        profile = reverse("participants:profile-detail", kwargs={"pk": world.participant_a.pk})
        assert f'href="{profile}"' in html  # who: the vocational profile
        assert "10 answers to the six questions are missing" in html
        assert "Write the planned next step." in html

    def test_a_missing_language_plan_links_to_making_one_for_this_placement(
        self, world, as_specialist
    ):
        placement = answered(world)
        placement.language_plan_needed = True
        placement.save()

        response = as_specialist.get(start_url(placement))

        (item,) = response.context["missing"]
        assert item["key"] == "language_plan"
        assert item["url"].endswith(f"?placement={placement.pk}")

    def test_the_refused_start_keeps_the_date_and_says_why(self, world, as_specialist):
        placement = answered(world, leave_out="goal")
        typed = START.isoformat()

        response = as_specialist.post(start_url(placement), {"started_on": typed})

        assert response.status_code == 200
        form = response.context["form"]
        assert "cannot start until all six questions are answered" in " ".join(
            form.non_field_errors()
        )
        assert f'value="{typed}"' in response.content.decode()
        assert [item["key"] for item in response.context["missing"]] == ["goal"]
        assert Placement.objects.get(pk=placement.pk).state == Placement.State.PLANNED

    def test_a_complete_placement_starts_and_the_participant_is_in_placement(
        self, world, as_specialist
    ):
        placement = answered(world)

        response = as_specialist.post(start_url(placement), {"started_on": START.isoformat()})

        assert response.status_code == 302
        assert response["Location"] == reverse(
            "placements:placement-detail", kwargs={"pk": placement.pk}
        )
        placement.refresh_from_db()
        assert (placement.state, placement.started_on) == (Placement.State.STARTED, START)
        world.participant_a.refresh_from_db()
        assert world.participant_a.status == Status.IN_PLACEMENT

    def test_the_page_says_all_is_answered_when_it_is(self, world, as_specialist):
        response = as_specialist.get(start_url(answered(world)))

        assert response.context["missing"] == []
        assert "All six questions are answered." in response.content.decode()

    @pytest.mark.parametrize(
        "typed, message",
        [
            ((today() + dt.timedelta(days=1)).isoformat(), "cannot be in the future"),
            ("2026-02-31", "valid date"),
            ("", "required"),
        ],
    )
    def test_a_bad_start_date_is_refused_at_the_field(self, world, as_specialist, typed, message):
        placement = answered(world)

        response = as_specialist.post(start_url(placement), {"started_on": typed})

        assert response.status_code == 200
        errors = response.context["form"].errors
        assert message in " ".join(errors["started_on"])
        assert 'id="id_started_on_error"' in response.content.decode()
        assert Placement.objects.get(pk=placement.pk).state == Placement.State.PLANNED

    def test_a_start_after_the_planned_end_is_refused_at_the_field(self, world, as_specialist):
        placement = answered(world)
        placement.planned_end = START
        placement.planned_start = START - dt.timedelta(days=5)
        placement.save()

        response = as_specialist.post(
            start_url(placement), {"started_on": (START + dt.timedelta(days=1)).isoformat()}
        )

        assert "started_on" in response.context["form"].errors
        assert Placement.objects.get(pk=placement.pk).state == Placement.State.PLANNED

    def test_a_started_placement_sends_the_user_back_to_its_page(self, world, as_specialist):
        placement = answered(world)
        services.placement_start(user=world.specialist_a, placement=placement, started_on=START)

        response = as_specialist.get(start_url(placement))

        assert response.status_code == 302
        assert response["Location"] == reverse(
            "placements:placement-detail", kwargs={"pk": placement.pk}
        )

    @pytest.mark.parametrize("persona", ["specialist_b", "teacher", "specialist_a2"])
    def test_outside_the_case_the_placement_does_not_exist(self, world, client_for, persona):
        placement = answered(world)

        response = client_for(world.user(persona)).post(
            start_url(placement), {"started_on": START.isoformat()}
        )

        assert response.status_code == 404
        assert Placement.objects.get(pk=placement.pk).state == Placement.State.PLANNED
