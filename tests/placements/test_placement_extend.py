"""Extensions are never silent: moving a started placement's end needs a reason, and the
placement shows how many times it was extended and its total length."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from placetrain.lib.dates import today
from placetrain.lib.services import WorkflowError
from placetrain.participants.models import VocationalProfile
from placetrain.placements import services
from placetrain.placements.models import Placement, PlacementExtension, PlacementType, Purpose

# Pages in English, so assertions read the msgids (the bokmål catalogue has its own test).
pytestmark = pytest.mark.usefixtures("english_pages")


START = today() - dt.timedelta(days=30)
END = today() + dt.timedelta(days=30)


def planned(world) -> Placement:
    placement = services.placement_plan(
        user=world.specialist_a,
        participant=world.participant_a,
        data={
            "employer": world.employer,
            "kind": PlacementType.WORK_TRAINING,
            "planned_start": START,
            "planned_end": END,
            "purpose": Purpose.SKILLS,
            "goal": "Lære lager",
            "why_here": "Ønsker lager",
            "follow_up_by": world.specialist_a,
            "follow_up_every_days": 7,
            "mentor_name": "Ola",
            "next_step_after": "Fast jobb",
        },
    )
    VocationalProfile.objects.create(participant=world.participant_a, number=1)
    services.training_task_add(user=world.specialist_a, placement=placement, description="Plukk")
    return placement


def started(world) -> Placement:
    placement = planned(world)
    return services.placement_start(user=world.specialist_a, placement=placement, started_on=START)


def extend_url(placement) -> str:
    return reverse("placements:placement-extend", kwargs={"pk": placement.pk})


def days(start: dt.date, end: dt.date) -> int:
    return (end - start).days + 1


# --- the service -------------------------------------------------------------------------------


class TestExtendService:
    @pytest.mark.parametrize("reason", ["", "   \n "])
    def test_it_refuses_an_extension_without_a_reason(self, world, reason):
        placement = started(world)

        with pytest.raises(WorkflowError) as caught:
            services.placement_extend(
                user=world.specialist_a,
                placement=placement,
                new_end=END + dt.timedelta(days=14),
                reason=reason,
            )

        assert list(caught.value.problems) == ["reason"]
        assert caught.value.problems["reason"] == "Every extension needs a reason."
        placement.refresh_from_db()
        assert placement.planned_end == END
        assert not PlacementExtension.objects.exists()

    def test_it_keeps_the_reason_the_old_and_new_end_and_who(self, world):
        placement = started(world)
        version = Placement.objects.get(pk=placement.pk).version
        new_end = END + dt.timedelta(days=14)

        extension = services.placement_extend(
            user=world.specialist_a, placement=placement, new_end=new_end, reason="  Mer tid  "
        )

        assert (extension.previous_end, extension.new_end) == (END, new_end)
        assert extension.reason == "Mer tid"
        assert extension.extended_by == world.specialist_a
        placement.refresh_from_db()
        assert placement.planned_end == new_end
        assert placement.version == version + 1  # an open edit form now sees a conflict

    def test_it_counts_the_extensions_and_the_total_length(self, world):
        placement = started(world)
        first, second = END + dt.timedelta(days=14), END + dt.timedelta(days=45)

        services.placement_extend(
            user=world.specialist_a, placement=placement, new_end=first, reason="Én"
        )
        services.placement_extend(
            user=world.specialist_a, placement=placement, new_end=second, reason="To"
        )

        placement.refresh_from_db()
        assert placement.extensions.count() == 2
        assert placement.total_days == days(START, second)
        assert [e.previous_end for e in placement.extensions.all()] == [END, first]

    def test_a_planned_placement_is_not_extended_but_replanned(self, world):
        placement = planned(world)

        with pytest.raises(WorkflowError) as caught:
            services.placement_extend(
                user=world.specialist_a,
                placement=placement,
                new_end=END + dt.timedelta(days=14),
                reason="Mer tid",
            )

        assert "new_end" in caught.value.problems
        assert not PlacementExtension.objects.exists()

    @pytest.mark.parametrize("offset", [None, -1])
    def test_it_refuses_the_same_end_or_one_before_the_start(self, world, offset):
        placement = started(world)
        new_end = END if offset is None else START + dt.timedelta(days=offset)

        with pytest.raises(WorkflowError) as caught:
            services.placement_extend(
                user=world.specialist_a, placement=placement, new_end=new_end, reason="Grunn"
            )

        assert list(caught.value.problems) == ["new_end"]
        assert not PlacementExtension.objects.exists()


# --- the extend page ---------------------------------------------------------------------------


class TestExtendPage:
    def test_it_extends_with_a_reason_and_the_placement_shows_count_and_length(
        self, world, as_specialist
    ):
        placement = started(world)
        new_end = END + dt.timedelta(days=21)

        response = as_specialist.post(
            extend_url(placement),
            {"new_end": new_end.isoformat(), "reason": "Evaluert med deltakeren: trenger tid"},
        )

        detail = reverse("placements:placement-detail", kwargs={"pk": placement.pk})
        assert response.status_code == 302
        assert response["Location"] == f"{detail}#forlengelser"
        html = as_specialist.get(detail).content.decode()
        assert "Evaluert med deltakeren: trenger tid" in html
        assert "<dd>1 time</dd>" in html
        assert f"{days(START, new_end)} days" in html
        assert new_end.strftime("%d.%m.%Y") in html

    def test_without_a_reason_it_is_refused_at_the_reason_keeping_the_date(
        self, world, as_specialist
    ):
        placement = started(world)
        typed = (END + dt.timedelta(days=10)).isoformat()

        response = as_specialist.post(extend_url(placement), {"new_end": typed, "reason": "  "})

        assert response.status_code == 200
        errors = response.context["form"].errors
        assert list(errors) == ["reason"]
        assert errors["reason"] == ["Every extension needs a reason."]
        html = response.content.decode()
        assert 'id="id_reason_error"' in html
        assert f'value="{typed}"' in html
        assert not PlacementExtension.objects.exists()

    def test_a_new_end_before_the_start_is_refused_at_the_date_keeping_the_reason(
        self, world, as_specialist
    ):
        placement = started(world)
        typed = (START - dt.timedelta(days=1)).isoformat()

        response = as_specialist.post(
            extend_url(placement), {"new_end": typed, "reason": "Skrevet grunn"}
        )

        errors = response.context["form"].errors
        assert list(errors) == ["new_end"]
        html = response.content.decode()
        assert 'id="id_new_end_error"' in html
        assert "Skrevet grunn" in html
        assert Placement.objects.get(pk=placement.pk).planned_end == END

    def test_an_overlong_reason_is_refused_and_kept(self, world, as_specialist):
        placement = started(world)
        reason = "x" * 2001

        response = as_specialist.post(
            extend_url(placement),
            {"new_end": (END + dt.timedelta(days=5)).isoformat(), "reason": reason},
        )

        assert "reason" in response.context["form"].errors
        assert reason in response.content.decode()
        assert not PlacementExtension.objects.exists()

    def test_the_page_shows_the_history_count_and_length(self, world, as_specialist):
        placement = started(world)
        services.placement_extend(
            user=world.specialist_a,
            placement=placement,
            new_end=END + dt.timedelta(days=7),
            reason="Første grunn",
        )

        response = as_specialist.get(extend_url(placement))

        html = response.content.decode()
        assert response.status_code == 200
        assert "Første grunn" in html
        assert "<dd>1 time</dd>" in html
        assert END.strftime("%d.%m.%Y") in html  # the originally planned end
        assert 'name="reason"' in html

    def test_a_planned_placement_gets_no_extend_form_but_a_way_to_the_plan(
        self, world, as_specialist
    ):
        placement = planned(world)

        html = as_specialist.get(extend_url(placement)).content.decode()

        assert 'name="reason"' not in html
        update = reverse("placements:placement-update", kwargs={"pk": placement.pk})
        assert f'href="{update}#id_planned_end"' in html

    def test_the_placement_page_offers_to_extend_only_a_started_placement(
        self, world, as_specialist
    ):
        placement = planned(world)
        detail = reverse("placements:placement-detail", kwargs={"pk": placement.pk})
        assert extend_url(placement) not in as_specialist.get(detail).content.decode()

        services.placement_start(user=world.specialist_a, placement=placement, started_on=START)

        assert extend_url(placement) in as_specialist.get(detail).content.decode()

    @pytest.mark.parametrize("persona", ["specialist_b", "teacher", "specialist_a2"])
    def test_outside_the_case_nothing_is_extended(self, world, client_for, persona):
        placement = started(world)

        response = client_for(world.user(persona)).post(
            extend_url(placement),
            {"new_end": (END + dt.timedelta(days=5)).isoformat(), "reason": "Forsøk"},
        )

        assert response.status_code == 404
        assert not PlacementExtension.objects.exists()
