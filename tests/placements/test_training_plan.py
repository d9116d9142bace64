"""The training plan (opplæringsplan): ordered tasks from simple to complex, each not started /
in training / mastered with dates; added, set and moved with or without JavaScript."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from placetrain.lib.dates import today
from placetrain.placements import services
from placetrain.placements.models import Placement, PlacementType, TrainingTask
from tests.html import parse

# Pages in English, so assertions read the msgids (the bokmål catalogue has its own test).
pytestmark = pytest.mark.usefixtures("english_pages")


Status = TrainingTask.TaskStatus
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def placement(world) -> Placement:
    return services.placement_plan(
        user=world.specialist_a,
        participant=world.participant_a,
        data={
            "employer": world.employer,
            "kind": PlacementType.WORK_PRACTICE,
            "planned_start": today(),
        },
    )


def add(world, placement, *descriptions: str) -> list[TrainingTask]:
    return [
        services.training_task_add(user=world.specialist_a, placement=placement, description=d)
        for d in descriptions
    ]


def order_of(placement) -> list[str]:
    return list(placement.tasks.order_by("order", "pk").values_list("description", flat=True))


def add_url(placement) -> str:
    return reverse("placements:training-task-add", kwargs={"pk": placement.pk})


def status_url(task) -> str:
    return reverse(
        "placements:training-task-set-status", kwargs={"pk": task.placement_id, "task_pk": task.pk}
    )


def move_url(task) -> str:
    return reverse(
        "placements:training-task-move", kwargs={"pk": task.placement_id, "task_pk": task.pk}
    )


def status_data(task, status: str, on: dt.date | str) -> dict:
    on = on.isoformat() if isinstance(on, dt.date) else on
    return {f"oppgave-{task.pk}-status": status, f"oppgave-{task.pk}-on": on}


# --- the services ------------------------------------------------------------------------------


class TestTrainingServices:
    def test_new_tasks_go_to_the_end_of_the_plan(self, world, placement):
        add(world, placement, "Fylle hyller", "Ta imot varer", "Stå i kassen")

        assert order_of(placement) == ["Fylle hyller", "Ta imot varer", "Stå i kassen"]
        assert set(placement.tasks.values_list("status", flat=True)) == {Status.NOT_STARTED}

    def test_training_and_mastering_are_dated(self, world, placement):
        (task,) = add(world, placement, "Fylle hyller")
        monday, friday = dt.date(2026, 3, 2), dt.date(2026, 3, 6)

        services.training_task_set_status(
            user=world.specialist_a, task=task, status=Status.IN_TRAINING, on=monday
        )
        services.training_task_set_status(
            user=world.specialist_a, task=task, status=Status.MASTERED, on=friday
        )

        task.refresh_from_db()
        assert (task.status, task.started_on, task.mastered_on) == (Status.MASTERED, monday, friday)

    def test_a_task_mastered_at_once_was_in_training_that_day(self, world, placement):
        (task,) = add(world, placement, "Rydde")

        services.training_task_set_status(
            user=world.specialist_a, task=task, status=Status.MASTERED, on=dt.date(2026, 3, 2)
        )

        task.refresh_from_db()
        assert task.started_on == task.mastered_on == dt.date(2026, 3, 2)

    def test_back_to_training_clears_the_mastered_date_and_not_started_clears_both(
        self, world, placement
    ):
        (task,) = add(world, placement, "Kasse")
        services.training_task_set_status(
            user=world.specialist_a, task=task, status=Status.MASTERED, on=dt.date(2026, 3, 6)
        )

        services.training_task_set_status(
            user=world.specialist_a, task=task, status=Status.IN_TRAINING, on=dt.date(2026, 3, 9)
        )
        task.refresh_from_db()
        assert (task.started_on, task.mastered_on) == (dt.date(2026, 3, 6), None)

        services.training_task_set_status(
            user=world.specialist_a, task=task, status=Status.NOT_STARTED, on=dt.date(2026, 3, 9)
        )
        task.refresh_from_db()
        assert (task.started_on, task.mastered_on) == (None, None)

    def test_moving_swaps_a_task_with_its_neighbour_and_stops_at_the_ends(self, world, placement):
        first, second, third = add(world, placement, "A", "B", "C")

        services.training_task_move(user=world.specialist_a, task=third, up=True)
        assert order_of(placement) == ["A", "C", "B"]
        services.training_task_move(user=world.specialist_a, task=first, up=False)
        assert order_of(placement) == ["C", "A", "B"]
        services.training_task_move(user=world.specialist_a, task=third, up=True)
        services.training_task_move(user=world.specialist_a, task=second, up=False)
        assert order_of(placement) == ["C", "A", "B"]


# --- the page, without JavaScript -------------------------------------------------------------


class TestWithoutJavaScript:
    def test_adding_a_task_returns_to_the_training_plan(self, world, placement, as_specialist):
        response = as_specialist.post(
            add_url(placement), {"ny-oppgave-description": "Fylle hyller"}
        )

        detail = reverse("placements:placement-detail", kwargs={"pk": placement.pk})
        assert response.status_code == 302
        assert response["Location"] == f"{detail}#opplaering"
        assert order_of(placement) == ["Fylle hyller"]
        html = as_specialist.get(detail).content.decode()
        assert "1. Fylle hyller" in html

    @pytest.mark.parametrize("typed, message", [("   ", "Describe the task."), ("x" * 301, "")])
    def test_a_bad_task_is_refused_on_the_whole_page_keeping_what_was_typed(
        self, world, placement, as_specialist, typed, message
    ):
        response = as_specialist.post(add_url(placement), {"ny-oppgave-description": typed})

        assert response.status_code == 200
        assert "placements/plan/detail.html" in [t.name for t in response.templates]
        form = response.context["task_form"]
        assert "description" in form.errors
        assert message in " ".join(form.errors["description"])
        html = response.content.decode()
        assert 'id="id_ny-oppgave-description_error"' in html
        if typed.strip():
            assert f'value="{typed}"' in html
        assert not placement.tasks.exists()

    def test_setting_a_status_dates_it_and_shows_the_dates(self, world, placement, as_specialist):
        (task,) = add(world, placement, "Kasse")
        day = today() - dt.timedelta(days=2)

        response = as_specialist.post(status_url(task), status_data(task, Status.MASTERED, day))

        assert response.status_code == 302
        task.refresh_from_db()
        assert (task.status, task.mastered_on) == (Status.MASTERED, day)
        html = as_specialist.get(
            reverse("placements:placement-detail", kwargs={"pk": placement.pk})
        ).content.decode()
        assert f"mastered {day.strftime('%d.%m.%Y')}" in html

    @pytest.mark.parametrize(
        "status, on, field",
        [
            (Status.MASTERED, (today() + dt.timedelta(days=1)).isoformat(), "on"),
            (Status.MASTERED, "31.02.2026", "on"),
            ("forgotten", today().isoformat(), "status"),
        ],
    )
    def test_a_bad_status_or_date_is_refused_at_that_task(
        self, world, placement, as_specialist, status, on, field
    ):
        other, task = add(world, placement, "Rydde", "Kasse")

        response = as_specialist.post(status_url(task), status_data(task, status, on))

        assert response.status_code == 200
        html = response.content.decode()
        assert f'id="id_oppgave-{task.pk}-{field}_error"' in html
        assert f'id="id_oppgave-{other.pk}-{field}_error"' not in html
        task.refresh_from_db()
        assert (task.status, task.mastered_on) == (Status.NOT_STARTED, None)

    def test_one_tap_starts_the_training_today_and_the_next_marks_it_mastered(
        self, world, placement, as_specialist
    ):
        (task,) = add(world, placement, "Kasse")
        detail = reverse("placements:placement-detail", kwargs={"pk": placement.pk})

        for expected in (Status.IN_TRAINING, Status.MASTERED):
            page = parse(as_specialist.get(detail))
            sent = page.one(f"form.pt-inline[action={status_url(task)}]").data  # the one tap
            assert sent[f"oppgave-{task.pk}-status"] == [expected]
            assert as_specialist.post(status_url(task), sent).status_code == 302
            task.refresh_from_db()
            assert task.status == expected
        assert task.started_on == task.mastered_on == today()
        page = parse(as_specialist.get(detail))
        assert not page.select(f"input[type=hidden][name=oppgave-{task.pk}-status]")  # no more

    def test_moving_a_task_up_and_down(self, world, placement, as_specialist):
        first, second = add(world, placement, "Enkel", "Vanskelig")

        response = as_specialist.post(move_url(second), {"direction": "up"})
        assert response.status_code == 302
        assert order_of(placement) == ["Vanskelig", "Enkel"]

        as_specialist.post(move_url(second), {"direction": "down"})
        assert order_of(placement) == ["Enkel", "Vanskelig"]

    def test_an_unknown_direction_moves_nothing(self, world, placement, as_specialist):
        first, second = add(world, placement, "Enkel", "Vanskelig")

        as_specialist.post(move_url(second), {"direction": "sideways"})

        assert order_of(placement) == ["Enkel", "Vanskelig"]

    def test_the_first_task_cannot_move_up_nor_the_last_down(self, world, placement, as_specialist):
        add(world, placement, "Enkel", "Vanskelig")

        html = as_specialist.get(
            reverse("placements:placement-detail", kwargs={"pk": placement.pk})
        ).content.decode()

        assert (
            html.count(
                'value="up" class="ds-button" data-variant="tertiary" data-size="sm" disabled'
            )
            == 1
        )
        assert (
            html.count(
                'value="down" class="ds-button" data-variant="tertiary" data-size="sm" disabled'
            )
            == 1
        )

    def test_reads_of_the_training_actions_are_post_only(self, world, placement, as_specialist):
        (task,) = add(world, placement, "Kasse")

        for target in (add_url(placement), status_url(task), move_url(task)):
            assert as_specialist.get(target).status_code == 405


# --- the page with HTMX ------------------------------------------------------------------------


class TestWithHtmx:
    def test_adding_a_task_answers_with_the_refreshed_plan_only(
        self, world, placement, as_specialist
    ):
        add(world, placement, "Enkel")

        response = as_specialist.post(
            add_url(placement), {"ny-oppgave-description": "Vanskelig"}, **HTMX
        )

        assert response.status_code == 200
        html = response.content.decode()
        assert html.lstrip().startswith('<div id="opplaering-innhold">')
        assert "<html" not in html
        assert "1. Enkel" in html and "2. Vanskelig" in html
        assert 'name="ny-oppgave-description"' in html
        assert 'value="Vanskelig"' not in html  # a fresh form for the next task

    def test_the_first_task_also_refreshes_the_missing_answers_of_a_planned_placement(
        self, world, placement, as_specialist
    ):
        before = as_specialist.get(
            reverse("placements:placement-detail", kwargs={"pk": placement.pk})
        )
        assert "training_plan" in [item["key"] for item in before.context["missing"]]

        response = as_specialist.post(
            add_url(placement), {"ny-oppgave-description": "Enkel"}, **HTMX
        )

        oob = parse(response).one("div#mangler[hx-swap-oob=true]").text
        assert "Add at least one task to the training plan." not in oob
        assert "Write the planned next step." in oob  # still missing, still listed

    def test_an_empty_task_answers_with_the_plan_and_the_error(
        self, world, placement, as_specialist
    ):
        response = as_specialist.post(add_url(placement), {"ny-oppgave-description": ""}, **HTMX)

        assert response.status_code == 200
        html = response.content.decode()
        assert "<html" not in html
        assert "Describe the task." in html
        assert 'id="id_ny-oppgave-description_error"' in html
        assert not placement.tasks.exists()

    def test_setting_a_status_answers_with_the_task_marked(self, world, placement, as_specialist):
        (task,) = add(world, placement, "Kasse")

        response = as_specialist.post(
            status_url(task), status_data(task, Status.IN_TRAINING, today()), **HTMX
        )

        html = response.content.decode()
        assert "<html" not in html
        assert 'data-status="in_training"' in html
        assert f"in training from {today().strftime('%d.%m.%Y')}" in html

    def test_a_future_date_answers_with_the_error_at_that_task(
        self, world, placement, as_specialist
    ):
        (task,) = add(world, placement, "Kasse")
        typed = (today() + dt.timedelta(days=3)).isoformat()

        response = as_specialist.post(
            status_url(task), status_data(task, Status.MASTERED, typed), **HTMX
        )

        html = response.content.decode()
        assert "The date cannot be in the future." in html
        assert f'value="{typed}"' in html
        assert TrainingTask.objects.get(pk=task.pk).status == Status.NOT_STARTED

    def test_moving_answers_with_the_new_order(self, world, placement, as_specialist):
        first, second = add(world, placement, "Enkel", "Vanskelig")

        response = as_specialist.post(move_url(second), {"direction": "up"}, **HTMX)

        html = response.content.decode()
        assert html.index("1. Vanskelig") < html.index("2. Enkel")

    def test_every_form_posts_with_and_without_javascript(self, world, placement, as_specialist):
        (task,) = add(world, placement, "Kasse")

        html = as_specialist.post(move_url(task), {"direction": "up"}, **HTMX).content.decode()

        for target in (add_url(placement), status_url(task), move_url(task)):
            assert f'action="{target}"' in html
            assert f'hx-post="{target}"' in html


# --- scope -------------------------------------------------------------------------------------


class TestScope:
    @pytest.mark.parametrize("persona", ["specialist_b", "teacher", "specialist_a2", "admin"])
    def test_outside_the_case_the_plan_cannot_be_touched(
        self, world, placement, client_for, persona
    ):
        (task,) = add(world, placement, "Kasse")
        client = client_for(world.user(persona))

        responses = [
            client.post(add_url(placement), {"ny-oppgave-description": "Inntrenging"}),
            client.post(status_url(task), status_data(task, Status.MASTERED, today())),
            client.post(move_url(task), {"direction": "down"}),
        ]

        assert [r.status_code for r in responses] == [404, 404, 404]
        assert order_of(placement) == ["Kasse"]
        assert TrainingTask.objects.get(pk=task.pk).status == Status.NOT_STARTED

    def test_a_task_of_another_placement_is_not_found_through_this_one(
        self, world, placement, as_specialist
    ):
        other = services.placement_plan(
            user=world.specialist_a,
            participant=world.participant_a,
            data={
                "employer": world.employer,
                "kind": PlacementType.JOB_TASTING,
                "planned_start": today(),
            },
        )
        (foreign,) = add(world, other, "Annen")
        wrong = reverse(
            "placements:training-task-set-status",
            kwargs={"pk": placement.pk, "task_pk": foreign.pk},
        )

        response = as_specialist.post(wrong, status_data(foreign, Status.MASTERED, today()))

        assert response.status_code == 404
        assert TrainingTask.objects.get(pk=foreign.pk).status == Status.NOT_STARTED

    def test_the_team_leader_can_keep_the_plan(self, world, placement, client_for):
        response = client_for(world.leader_a).post(
            add_url(placement), {"ny-oppgave-description": "Lederens oppgave"}
        )

        assert response.status_code == 302
        assert order_of(placement) == ["Lederens oppgave"]
