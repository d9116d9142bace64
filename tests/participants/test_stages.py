"""The five EUSE stages: the participant_set_stage and checklist_tick services, the stages
page with its checklists (plain and HTMX), the stage form's bad input, scope, the access log,
the workflow card's summary, the administrators' checklist list, and query budgets."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from placetrain.lib.dates import today
from placetrain.participants import services
from placetrain.participants.models import (
    ChecklistItem,
    ChecklistTick,
    Participant,
    Stage,
    StageChange,
    VocationalProfile,
)
from placetrain.participants.selectors import workflow_summary
from tests.factories import ParticipantFactory, UserFactory
from tests.html import parse

# Pages in English, so assertions read the msgids (the bokmål catalogue has its own test).
pytestmark = pytest.mark.usefixtures("english_pages")

HTMX = {"HTTP_HX_REQUEST": "true"}
PAYLOAD = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"

# The most queries the stages page may make, whatever the number of ticks and stage changes:
# session read, user, participant, access-log row (with a cold ContentType cache), stage
# history, checklist items, ticks, the session save (three statements with its savepoint), and
# what the record proves: a consent, the profile, placements, meetings, the hire, follow-up.
STAGES_BUDGET = 17


# --- helpers ---------------------------------------------------------------------------------


def stages_url(participant) -> str:
    return reverse("participants:stage-list", args=[participant.pk])


def change_url(participant) -> str:
    return reverse("participants:participant-set-stage", args=[participant.pk])


def toggle_url(participant, item) -> str:
    return reverse("participants:checklist-tick", args=[participant.pk, item.pk])


def item_of(stage: int, n: int = 0) -> ChecklistItem:
    """The seeded checklist's ``n``th active item of ``stage``."""
    return ChecklistItem.objects.filter(stage=stage, active=True).order_by("order", "pk")[n]


def stage_data(**overrides) -> dict:
    data = {"stage": str(Stage.PROFILE), "on": today().isoformat(), "note": "Klar for kartlegging"}
    data.update(overrides)
    return data


def access_rows(participant, section: str):
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Participant),
        object_pk=str(participant.pk),
        action=LogEntry.Action.ACCESS,
        additional_data__section=section,
    )


# --- the services ---------------------------------------------------------------------------


class TestStageService:
    def test_it_moves_the_participant_and_keeps_a_dated_history(self, world):
        participant = world.participant_a
        on = today() - dt.timedelta(days=3)

        change = services.participant_set_stage(
            user=world.specialist_a, participant=participant, stage=Stage.PROFILE, on=on, note="OK"
        )

        participant.refresh_from_db()
        assert participant.stage == Stage.PROFILE
        assert (change.stage, change.changed_on, change.changed_by, change.note) == (
            Stage.PROFILE,
            on,
            world.specialist_a,
            "OK",
        )

    def test_a_participant_can_move_back_a_stage(self, world):
        participant = world.participant_a
        for stage in (Stage.JOB_FINDING, Stage.ENGAGEMENT):
            services.participant_set_stage(
                user=world.specialist_a, participant=participant, stage=stage, on=today()
            )

        participant.refresh_from_db()
        assert participant.stage == Stage.ENGAGEMENT
        assert list(participant.stage_changes.order_by("pk").values_list("stage", flat=True)) == [
            Stage.JOB_FINDING,
            Stage.ENGAGEMENT,
        ]

    def test_nothing_is_required_to_reach_the_last_stage(self, world):
        # Zero exclusion: no checklist, profile or "job readiness" gates a stage.
        participant = world.participant_a
        assert not participant.checklist_ticks.exists()
        assert not participant.profiles.exists()

        services.participant_set_stage(
            user=world.specialist_a, participant=participant, stage=Stage.SUPPORT, on=today()
        )

        participant.refresh_from_db()
        assert participant.stage == Stage.SUPPORT

    def test_ticking_records_who_and_when_and_a_second_toggle_unticks(self, world):
        item = item_of(Stage.ENGAGEMENT)
        before = timezone.now()

        assert services.checklist_tick(
            user=world.specialist_a, participant=world.participant_a, item=item, ticked=True
        )
        tick = ChecklistTick.objects.get(participant=world.participant_a, item=item)
        assert tick.ticked_by == world.specialist_a
        assert tick.ticked_at >= before

        assert not services.checklist_tick(
            user=world.leader_a, participant=world.participant_a, item=item, ticked=False
        )
        assert not ChecklistTick.objects.filter(participant=world.participant_a).exists()

    def test_a_tick_belongs_to_one_participant(self, world):
        item = item_of(Stage.ENGAGEMENT)
        services.checklist_tick(
            user=world.specialist_a, participant=world.participant_a, item=item, ticked=True
        )

        assert not ChecklistTick.objects.filter(participant=world.participant_b).exists()


# --- the stages page -------------------------------------------------------------------------


class TestStagesPage:
    def test_it_shows_the_current_stage_and_every_stages_active_checklist_in_order(
        self, world, as_specialist
    ):
        retired = item_of(Stage.ENGAGEMENT, 1)
        retired.active = False
        retired.save()
        last = ChecklistItem.objects.create(stage=Stage.ENGAGEMENT, text="Sist i lista", order=99)
        first = ChecklistItem.objects.create(stage=Stage.ENGAGEMENT, text="Først i lista", order=0)

        response = as_specialist.get(stages_url(world.participant_a))

        assert response.status_code == 200
        stages = response.context["stages"]
        assert [s["value"] for s in stages] == list(Stage.values)
        assert [s["current"] for s in stages] == [True, False, False, False, False]
        engagement = [row["item"] for row in stages[0]["rows"]]
        assert engagement[0] == first and engagement[-1] == last
        assert retired not in engagement
        expected = list(
            ChecklistItem.objects.filter(stage=Stage.ENGAGEMENT, active=True).order_by(
                "order", "pk"
            )
        )
        assert engagement == expected
        html = response.content.decode()
        assert retired.text not in html
        assert html.index("Først i lista") < html.index("Sist i lista")
        # The current stage's checklist is open, the others folded.
        page = parse(response)
        assert "open" in page.one("details.pt-card#trinn-1")
        assert "open" not in page.one("details.pt-card#trinn-2")

    def test_it_shows_who_ticked_an_item_and_when_and_the_progress(self, world, as_specialist):
        item = item_of(Stage.ENGAGEMENT)
        services.checklist_tick(
            user=world.leader_a, participant=world.participant_a, item=item, ticked=True
        )
        tick = ChecklistTick.objects.get(item=item)

        response = as_specialist.get(stages_url(world.participant_a))

        html = response.content.decode()
        when = timezone.localtime(tick.ticked_at).strftime("%d.%m.%Y %H:%M")
        assert f"Ticked by {world.leader_a.get_full_name()}, {when}" in html
        total = ChecklistItem.objects.filter(stage=Stage.ENGAGEMENT, active=True).count()
        assert f"1 of {total} done" in html
        assert "checked" in parse(response).one(f"#sjekk-boks-{item.pk}")

    def test_it_shows_the_dated_stage_history_with_who_and_the_note(self, world, as_specialist):
        earlier = today() - dt.timedelta(days=20)
        services.participant_set_stage(
            user=world.specialist_a,
            participant=world.participant_a,
            stage=Stage.PROFILE,
            on=earlier,
            note=PAYLOAD,
        )

        response = as_specialist.get(stages_url(world.participant_a))

        html = response.content.decode()
        assert earlier.strftime("%d.%m.%Y") in html
        assert f"Since {earlier.strftime('%d.%m.%Y')}" in html
        assert world.specialist_a.get_full_name() in html
        assert ESCAPED in html and PAYLOAD not in html

    def test_reading_it_is_access_logged_as_stages(self, world, as_specialist):
        as_specialist.get(stages_url(world.participant_a))

        row = access_rows(world.participant_a, "stages").get()
        assert row.actor == world.specialist_a

    def test_the_team_leader_may_read_and_change_it(self, world, client_for):
        client = client_for(world.leader_a)
        assert client.get(stages_url(world.participant_a)).status_code == 200
        response = client.post(change_url(world.participant_a), stage_data())
        assert response.status_code == 302
        world.participant_a.refresh_from_db()
        assert world.participant_a.stage == Stage.PROFILE


# --- changing stage --------------------------------------------------------------------------


class TestStageChange:
    def test_it_moves_the_participant_forward_and_back_to_the_stages_page(
        self, world, as_specialist
    ):
        response = as_specialist.post(
            change_url(world.participant_a), stage_data(stage=str(Stage.EMPLOYER))
        )
        assert response.status_code == 302
        assert response["Location"] == stages_url(world.participant_a)

        response = as_specialist.post(
            change_url(world.participant_a), stage_data(stage=str(Stage.ENGAGEMENT), note="")
        )
        assert response.status_code == 302
        world.participant_a.refresh_from_db()
        assert world.participant_a.stage == Stage.ENGAGEMENT
        assert StageChange.objects.filter(participant=world.participant_a).count() == 2

    def test_it_refuses_a_date_in_the_future_and_keeps_what_was_typed(self, world, as_specialist):
        tomorrow = (today() + dt.timedelta(days=1)).isoformat()

        response = as_specialist.post(
            change_url(world.participant_a), stage_data(on=tomorrow, note="Viktig notat")
        )

        assert response.status_code == 200
        form = response.context["form"]
        assert list(form.errors) == ["on"]
        html = response.content.decode()
        assert 'id="id_on_error"' in html
        assert f'value="{tomorrow}"' in html
        assert 'value="Viktig notat"' in html
        world.participant_a.refresh_from_db()
        assert world.participant_a.stage == Stage.ENGAGEMENT
        assert not StageChange.objects.exists()

    def test_it_refuses_the_stage_the_participant_is_already_in(self, world, as_specialist):
        response = as_specialist.post(
            change_url(world.participant_a), stage_data(stage=str(Stage.ENGAGEMENT))
        )

        assert response.status_code == 200
        assert response.context["form"].errors["stage"] == [
            "The participant is already in this stage. Choose another stage."
        ]
        assert 'id="id_stage_error"' in response.content.decode()
        assert not StageChange.objects.exists()

    @pytest.mark.parametrize("bad", ["6", "0", "to", ""])
    def test_it_refuses_a_stage_that_does_not_exist(self, world, as_specialist, bad):
        response = as_specialist.post(change_url(world.participant_a), stage_data(stage=bad))

        assert response.status_code == 200
        assert "stage" in response.context["form"].errors
        assert not StageChange.objects.exists()

    def test_it_refuses_an_overlong_note_and_an_impossible_date(self, world, as_specialist):
        response = as_specialist.post(
            change_url(world.participant_a), stage_data(note="x" * 501, on="2026-02-30")
        )

        assert response.status_code == 200
        assert set(response.context["form"].errors) == {"note", "on"}
        assert 'value="2026-02-30"' in response.content.decode()

    def test_a_refused_change_shows_the_page_again_and_logs_the_read(self, world, as_specialist):
        response = as_specialist.post(change_url(world.participant_a), stage_data(stage="9"))

        assert response.status_code == 200
        assert len(response.context["stages"]) == 5
        assert access_rows(world.participant_a, "stages").count() == 1

    def test_it_answers_only_to_post(self, world, as_specialist):
        assert as_specialist.get(change_url(world.participant_a)).status_code == 405


# --- the checklist ---------------------------------------------------------------------------


class TestChecklistToggle:
    def test_ticking_through_htmx_answers_with_the_item_and_the_stage_progress(
        self, world, as_specialist
    ):
        item = item_of(Stage.PROFILE)

        response = as_specialist.post(
            toggle_url(world.participant_a, item), {"ticked": "1"}, **HTMX
        )

        assert response.status_code == 200
        tick = ChecklistTick.objects.get(participant=world.participant_a, item=item)
        assert tick.ticked_by == world.specialist_a
        html = response.content.decode()
        assert html.lstrip().startswith(f'<li id="sjekk-{item.pk}">')
        assert f"Ticked by {world.specialist_a.get_full_name()}" in html
        total = ChecklistItem.objects.filter(stage=Stage.PROFILE, active=True).count()
        progress = parse(response).one(f"span#fremdrift-{Stage.PROFILE}")
        assert progress.get("hx-swap-oob") == "true"
        assert progress.text == f"1 of {total} done"

    def test_unticking_removes_the_tick(self, world, as_specialist):
        item = item_of(Stage.PROFILE)
        services.checklist_tick(
            user=world.specialist_a, participant=world.participant_a, item=item, ticked=True
        )

        response = as_specialist.post(toggle_url(world.participant_a, item), {}, **HTMX)

        assert response.status_code == 200
        assert not ChecklistTick.objects.filter(participant=world.participant_a).exists()
        assert "Ticked by" not in response.content.decode()

    def test_a_repeated_tick_leaves_the_item_ticked_by_the_first(self, world, client_for):
        item = item_of(Stage.PROFILE)
        client_for(world.specialist_a).post(toggle_url(world.participant_a, item), {"ticked": "1"})

        # A second tab, or a double click, sends "ticked" again: it must not flip it off.
        response = client_for(world.leader_a).post(
            toggle_url(world.participant_a, item), {"ticked": "1"}
        )

        assert response.status_code == 302
        tick = ChecklistTick.objects.get(participant=world.participant_a, item=item)
        assert tick.ticked_by == world.specialist_a

    def test_without_htmx_it_goes_back_to_the_stage_on_the_page(self, world, as_specialist):
        item = item_of(Stage.EMPLOYER)

        response = as_specialist.post(toggle_url(world.participant_a, item), {"ticked": "1"})

        assert response.status_code == 302
        assert response["Location"] == f"{stages_url(world.participant_a)}#trinn-{Stage.EMPLOYER}"
        assert ChecklistTick.objects.filter(participant=world.participant_a, item=item).exists()

    def test_a_retired_or_unknown_item_cannot_be_ticked(self, world, as_specialist):
        item = item_of(Stage.PROFILE)
        item.active = False
        item.save()

        retired = as_specialist.post(toggle_url(world.participant_a, item), {"ticked": "1"})
        unknown = as_specialist.post(
            reverse("participants:checklist-tick", args=[world.participant_a.pk, 999999]),
            {"ticked": "1"},
        )

        assert retired.status_code == 404
        assert unknown.status_code == 404
        assert not ChecklistTick.objects.exists()

    def test_it_answers_only_to_post(self, world, as_specialist):
        response = as_specialist.get(toggle_url(world.participant_a, item_of(Stage.PROFILE)))
        assert response.status_code == 405


# --- scope -----------------------------------------------------------------------------------


def every_stage_request(participant):
    item = item_of(Stage.ENGAGEMENT)
    return [
        ("get", stages_url(participant), {}),
        ("post", change_url(participant), stage_data()),
        ("post", toggle_url(participant, item), {"ticked": "1"}),
    ]


class TestScope:
    @pytest.mark.parametrize("persona", ["specialist_b", "specialist_a2", "admin"])
    def test_outside_the_caseload_every_stage_url_is_not_found(self, world, client_for, persona):
        client = client_for(world.user(persona))
        for method, url, data in every_stage_request(world.participant_a):
            assert getattr(client, method)(url, data).status_code == 404, url
        world.participant_a.refresh_from_db()
        assert world.participant_a.stage == Stage.ENGAGEMENT
        assert not ChecklistTick.objects.exists()

    def test_the_language_teacher_is_forbidden_the_stages(self, world, client_for):
        client = client_for(world.teacher)
        for method, url, data in every_stage_request(world.participant_a):
            assert getattr(client, method)(url, data).status_code == 403, url
        assert not ChecklistTick.objects.exists()
        assert not access_rows(world.participant_a, "stages").exists()

    def test_anonymous_users_are_sent_to_log_in(self, world, client_for):
        client = client_for(None)
        for method, url, data in every_stage_request(world.participant_a):
            response = getattr(client, method)(url, data)
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("accounts:login"))


# --- the workflow card -----------------------------------------------------------------------


class TestWorkflowSummary:
    def test_it_summarises_stage_checklist_and_a_missing_profile(self, world):
        participant = world.participant_a
        services.participant_set_stage(
            user=world.specialist_a,
            participant=participant,
            stage=Stage.PROFILE,
            on=dt.date(2026, 1, 10),
        )
        for n in range(2):
            services.checklist_tick(
                user=world.specialist_a,
                participant=participant,
                item=item_of(Stage.PROFILE, n),
                ticked=True,
            )
        # A tick in another stage and a tick on a retired item do not count.
        services.checklist_tick(
            user=world.specialist_a,
            participant=participant,
            item=item_of(Stage.ENGAGEMENT),
            ticked=True,
        )
        retired = item_of(Stage.PROFILE, 2)
        services.checklist_tick(
            user=world.specialist_a, participant=participant, item=retired, ticked=True
        )
        retired.active = False
        retired.save()

        summary = workflow_summary(participant)

        assert summary["stage"] == Stage.PROFILE
        assert summary["stage_since"] == dt.date(2026, 1, 10)
        assert summary["checklist_done"] == 2
        assert (
            summary["checklist_total"]
            == ChecklistItem.objects.filter(stage=Stage.PROFILE, active=True).count()
        )
        assert summary["profile"] is None

    def test_the_card_links_the_stage_and_asks_for_a_profile(self, world):
        summary = workflow_summary(world.participant_a)

        html = render_to_string("participants/workflow/_card.html", {"workflow": summary})

        total = summary["checklist_total"]
        assert f"0 of {total} done" in html
        assert f'href="{stages_url(world.participant_a)}"' in html
        assert "No profile yet" in html
        assert reverse("participants:profile-update", args=[world.participant_a.pk]) in html

    def test_the_card_shows_when_the_profile_was_last_saved(self, world):
        services.profile_update(
            user=world.specialist_a,
            participant=world.participant_a,
            data={"job_wishes": "Butikk"},
            based_on=None,
        )
        services.profile_update(
            user=world.specialist_a,
            participant=world.participant_a,
            data={"job_wishes": "Lager"},
            based_on=1,
        )
        saved = timezone.localtime(VocationalProfile.objects.get(number=2).created_at)

        html = render_to_string(
            "participants/workflow/_card.html", {"workflow": workflow_summary(world.participant_a)}
        )

        assert f"Saved {saved.strftime('%d.%m.%Y')} (version 2)" in html
        assert (
            f'href="{reverse("participants:profile-detail", args=[world.participant_a.pk])}"'
            in html
        )
        assert "No profile yet" not in html

    @pytest.mark.parametrize("size", [10, 200])
    def test_it_costs_four_queries_whatever_the_history(self, world, size):
        participant = world.participant_a
        fill_history(participant, world.specialist_a, size)
        for number in range(1, size + 1):
            VocationalProfile.objects.create(
                participant=participant, number=number, created_by=world.specialist_a
            )

        with CaptureQueriesContext(connection) as queries:
            summary = workflow_summary(participant)
            render_to_string("participants/workflow/_card.html", {"workflow": summary})

        # The stage's last change, its items with the participant's ticks, and what proves stage
        # 1's items (a consent in force; the referral and the level are on the participant's
        # row) and the profile.
        assert len(queries) == 4, [q["sql"] for q in queries.captured_queries]
        assert summary["checklist_done"] == size
        assert summary["profile"].number == size


# --- the administrators' checklist list ------------------------------------------------------


class TestChecklistAdmin:
    def test_an_administrator_can_reorder_and_retire_items_in_the_list(self, world, client_for):
        superuser = UserFactory(
            team=None, organisation=world.org, is_staff=True, is_superuser=True, language="en"
        )
        client = client_for(superuser)
        url = reverse("admin:participants_checklistitem_changelist")
        items = list(ChecklistItem.objects.filter(stage=Stage.EMPLOYER).order_by("order", "pk"))

        listing = client.get(url, {"stage__exact": Stage.EMPLOYER})
        assert listing.status_code == 200
        assert listing.context["cl"].result_count == len(items)

        data = {
            "form-TOTAL_FORMS": str(len(items)),
            "form-INITIAL_FORMS": str(len(items)),
            "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "1000",
            "_save": "Save",
        }
        for i, item in enumerate(items):
            data[f"form-{i}-id"] = str(item.pk)
            data[f"form-{i}-order"] = str(len(items) - i)  # reverse the order
            if i != 0:
                data[f"form-{i}-active"] = "on"  # retire the first
        response = client.post(f"{url}?stage__exact={Stage.EMPLOYER}", data)

        assert response.status_code == 302
        now = list(ChecklistItem.objects.filter(stage=Stage.EMPLOYER, active=True))
        assert now == list(reversed(items[1:]))
        items[0].refresh_from_db()
        assert not items[0].active


# --- query budgets ---------------------------------------------------------------------------


def fill_history(participant, user, size: int) -> None:
    """``size`` extra items in the participant's current stage, every one ticked, and ``size``
    stage changes ending in the stage the participant is in."""
    items = ChecklistItem.objects.bulk_create(
        ChecklistItem(stage=participant.stage, text=f"Aktivitet {i}", order=100 + i)
        for i in range(size)
    )
    ChecklistTick.objects.bulk_create(
        ChecklistTick(participant=participant, item=item, ticked_by=user) for item in items
    )
    StageChange.objects.bulk_create(
        StageChange(
            participant=participant,
            stage=Stage.values[i % 5] if i < size - 1 else participant.stage,
            changed_on=today() - dt.timedelta(days=size - i),
            changed_by=user,
        )
        for i in range(size)
    )


@pytest.mark.parametrize("size", [10, 200])
def test_the_stages_page_stays_within_its_budget(
    world, as_specialist, size, django_assert_max_num_queries
):

    participant = world.participant_a
    fill_history(participant, world.specialist_a, size)
    other = ParticipantFactory(specialist=world.specialist_a)
    fill_history(other, world.specialist_a, 5)
    ContentType.objects.clear_cache()

    with django_assert_max_num_queries(STAGES_BUDGET):
        response = as_specialist.get(stages_url(participant))

    assert response.status_code == 200
    current = response.context["stages"][0]
    assert current["done"] == size
    assert len(response.context["history"]) == size
    assert response.content.decode().count("Ticked by") == size
