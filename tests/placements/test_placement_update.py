"""Editing a started placement: its 6H answers may change, never go (the gate is passed once),
while a planned placement may still be left incomplete."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from placetrain.lib.dates import today
from placetrain.lib.services import WorkflowError
from placetrain.placements import services
from placetrain.placements.models import Placement
from tests.factories import answered_placement, started_placement

# Pages in English, so assertions read the msgids (the bokmål catalogue has its own test).
pytestmark = pytest.mark.usefixtures("english_pages")

START = today() - dt.timedelta(days=10)
END = START + dt.timedelta(days=70)
GOAL = "Fast deltidsjobb i butikk"  # the goal PlacementFactory(answered=True) writes


def planned(world, *, employer=None, **overrides) -> Placement:
    """A placement for participant_a that answers all six questions."""
    return answered_placement(world.participant_a, employer=employer or world.employer, **overrides)


def started(world, **kwargs) -> Placement:
    employer = kwargs.pop("employer", None) or world.employer
    return started_placement(world.participant_a, employer=employer, **kwargs)


def plan_form(world, placement: Placement, **overrides) -> dict:
    data = {
        "version": str(placement.version),
        "employer": str(placement.employer_id),
        "kind": placement.kind,
        "purpose": placement.purpose,
        "goal": placement.goal,
        "sub_goals": "",
        "why_here": placement.why_here,
        "follow_up_by": str(placement.follow_up_by_id),
        "follow_up_every_days": str(placement.follow_up_every_days),
        "follow_up_plan": "",
        "mentor": "",
        "mentor_name": placement.mentor_name,
        "mentor_role": "",
        "mentor_contact": "",
        "planned_start": placement.planned_start.isoformat(),
        "next_step_after": placement.next_step_after,
        "subsidy_kind": "",
    }
    if placement.state == Placement.State.PLANNED:
        data["planned_end"] = placement.planned_end.isoformat()
    data.update(overrides)
    return data


class TestStartedPlacementKeepsItsAnswers:
    def test_the_service_refuses_to_empty_an_answer_of_a_started_placement(self, world):
        placement = started(world)

        with pytest.raises(WorkflowError) as caught:
            services.placement_update(
                user=world.specialist_a,
                placement=placement,
                data={"goal": "  ", "next_step_after": ""},
                expected_version=placement.version,
            )

        assert set(caught.value.problems) == {"goal", "next_step_after"}
        assert Placement.objects.get(pk=placement.pk).goal == GOAL

    def test_the_plan_form_refuses_to_empty_the_goal_of_a_started_placement(
        self, world, as_specialist
    ):
        placement = started(world)
        url = reverse("placements:placement-update", args=[placement.pk])

        response = as_specialist.post(url, plan_form(world, placement, goal=""))

        assert response.status_code == 200
        assert response.context["form"].errors["goal"] == ["Why? Write the goal of the placement."]
        assert Placement.objects.get(pk=placement.pk).goal == GOAL

    def test_removing_the_mentor_of_a_started_placement_needs_another_mentor(self, world):
        placement = started(world)

        with pytest.raises(WorkflowError) as caught:
            services.placement_update(
                user=world.specialist_a,
                placement=placement,
                data={"mentor": None, "mentor_name": ""},
                expected_version=placement.version,
            )

        assert set(caught.value.problems) == {"mentor_name"}

    def test_other_edits_of_a_started_placement_still_save(self, world, as_specialist):
        placement = started(world)
        url = reverse("placements:placement-update", args=[placement.pk])

        response = as_specialist.post(url, plan_form(world, placement, goal="Fast heltidsjobb"))

        assert response.status_code == 302
        assert Placement.objects.get(pk=placement.pk).goal == "Fast heltidsjobb"

    def test_a_planned_placement_may_still_be_left_incomplete(self, world):
        placement = planned(world)

        services.placement_update(
            user=world.specialist_a,
            placement=placement,
            data={"goal": ""},
            expected_version=placement.version,
        )

        assert Placement.objects.get(pk=placement.pk).goal == ""
