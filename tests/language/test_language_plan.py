"""Language plans (issue 3, point 7): the plan, its sub-goals, observations at the workplace and
progress notes; who reaches them (case workers, and the participant's assigned language teacher
— who reaches nothing else of the case); the teacher's own list; the includes for the placement
and participant pages; bad input; and the query budgets of the list and the plan's page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse

from placetrain.language import services as language_services
from placetrain.language.models import LanguageGoal, LanguageNote, LanguageObservation, LanguagePlan
from placetrain.language.selectors import language_plans_with_progress
from placetrain.lib.dates import today
from placetrain.lib.services import WorkflowError
from placetrain.participants.models import Participant
from placetrain.placements.models import Placement, PlacementType
from tests.factories import (
    EmployerFactory,
    OrganisationFactory,
    ParticipantFactory,
    TeamFactory,
    UserFactory,
)
from tests.html import parse

# Pages in English, so assertions read the msgids (the bokmål catalogue has its own test).
pytestmark = pytest.mark.usefixtures("english_pages")

# --- helpers and fixtures ------------------------------------------------------------------


def assert_refused_at(response, name: str, message: str, typed: dict[str, str] = ()) -> None:
    """Re-rendered (200) with ``message`` shown next to field ``name`` (its html name), and the
    values the user typed still in their inputs."""
    assert response.status_code == 200
    page = parse(response)
    error = page.by_id(f"id_{name}_error")
    assert error is not None, f"no error at {name}: {sorted(page.ids)}"
    assert message in error.text
    assert page.field(name).get("aria-invalid") == "true"
    for field, value in dict(typed).items():
        assert page.value(field) == value, field


def access_reads(user, participant, section: str) -> int:
    return LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS,
        actor=user,
        content_type=ContentType.objects.get_for_model(Participant),
        object_pk=str(participant.pk),
        additional_data__section=section,
    ).count()


@pytest.fixture
def placement(world) -> Placement:
    return Placement.objects.create(
        participant=world.participant_a,
        employer=world.employer,
        kind=PlacementType.LANGUAGE_PRACTICE,
        planned_start=today(),
        language_plan_needed=True,
    )


@pytest.fixture
def plan(world, placement) -> LanguagePlan:
    return language_services.language_plan_create(
        user=world.specialist_a,
        participant=world.participant_a,
        data={
            "placement": placement,
            "teacher": world.teacher,
            "current_level": "A2",
            "required_level": "B1",
            "final_goal": "Forstå vaktplanen og HMS-rutinene",
            "final_goal_by": today() + dt.timedelta(days=120),
            "hours_per_week": Decimal("4.0"),
        },
    )


@pytest.fixture
def plan_b(world) -> LanguagePlan:
    return language_services.language_plan_create(
        user=world.specialist_b,
        participant=world.participant_b,
        data={"current_level": "A1", "final_goal": "Småprat i lunsjen"},
    )


@pytest.fixture
def other_teacher(world):
    """A language teacher in team A who is not assigned to participant_a."""
    return UserFactory(username="laerer2", team=world.team_a, is_language_teacher=True)


def plan_form(world, **overrides) -> dict:
    data = {
        "teacher": str(world.teacher.pk),
        "placement": "",
        "current_level": "A2",
        "required_level": "B1",
        "final_goal": "Bestå Norskprøve 3",
        "final_goal_by": (today() + dt.timedelta(days=200)).isoformat(),
        "hours_per_week": "6",
    }
    data.update(overrides)
    return data


def url(name: str, *args) -> str:
    return reverse(name if ":" in name else f"placements:{name}", args=args)


# --- services ------------------------------------------------------------------------------


class TestServices:
    def test_a_plan_is_created_and_saved_again_with_a_new_version(self, world, plan):
        assert (plan.participant, plan.teacher, plan.version) == (
            world.participant_a,
            world.teacher,
            1,
        )
        language_services.language_plan_update(
            user=world.teacher, plan=plan, data={"current_level": "B1"}, expected_version=1
        )
        plan.refresh_from_db()
        assert (plan.current_level, plan.version) == ("B1", 2)

    def test_a_sub_goal_needs_a_description(self, world, plan):
        with pytest.raises(WorkflowError) as exc:
            language_services.language_goal_add(
                user=world.teacher, plan=plan, description=" ", due_on=None
            )
        assert "description" in exc.value.problems
        assert not LanguageGoal.objects.exists()

    def test_a_sub_goal_is_marked_reached_with_its_date_and_can_be_taken_back(self, world, plan):
        goal = language_services.language_goal_add(
            user=world.teacher, plan=plan, description=" Bestille varer ", due_on=today()
        )
        assert goal.description == "Bestille varer"
        language_services.language_goal_set_reached(
            user=world.teacher, goal=goal, reached_on=today()
        )
        goal.refresh_from_db()
        assert goal.reached_on == today()
        language_services.language_goal_set_reached(user=world.teacher, goal=goal, reached_on=None)
        goal.refresh_from_db()
        assert goal.reached_on is None

    def test_an_observation_needs_at_least_one_of_the_four_answers(self, world, plan):
        with pytest.raises(WorkflowError) as exc:
            language_services.language_observation_add(
                user=world.teacher,
                plan=plan,
                observed_on=today(),
                answers={"small_talk": "  ", "support": ""},
            )
        assert "small_talk" in exc.value.problems
        observation = language_services.language_observation_add(
            user=world.teacher,
            plan=plan,
            observed_on=today(),
            answers={"support": "Fadder hjelper"},
        )
        assert (observation.support, observation.small_talk, observation.observed_by) == (
            "Fadder hjelper",
            "",
            world.teacher,
        )

    def test_a_progress_note_needs_text(self, world, plan):
        with pytest.raises(WorkflowError) as exc:
            language_services.language_note_add(
                user=world.teacher, plan=plan, written_on=today(), text=""
            )
        assert "text" in exc.value.problems
        note = language_services.language_note_add(
            user=world.teacher, plan=plan, written_on=today(), text="Bruker fagord"
        )
        assert (note.text, note.written_by) == ("Bruker fagord", world.teacher)


# --- creating and editing ------------------------------------------------------------------


class TestCreatingAPlan:
    def test_the_specialist_makes_a_plan_tied_to_a_placement(self, world, placement, client_for):
        client = client_for(world.specialist_a)

        form_page = client.get(
            url("language:language-plan-create", world.participant_a.pk)
            + f"?placement={placement.pk}"
        )
        assert form_page.status_code == 200
        assert form_page.context["form"]["placement"].value() == placement.pk
        response = client.post(
            url("language:language-plan-create", world.participant_a.pk),
            plan_form(world, placement=str(placement.pk)),
        )

        plan = LanguagePlan.objects.get()
        assert response.status_code == 302
        assert response["Location"] == url("language:language-plan-detail", plan.pk)
        assert (plan.participant, plan.placement, plan.teacher) == (
            world.participant_a,
            placement,
            world.teacher,
        )
        assert (plan.current_level, plan.required_level, plan.hours_per_week) == (
            "A2",
            "B1",
            Decimal("6"),
        )
        assert plan.final_goal == "Bestå Norskprøve 3"

    def test_the_assigned_teacher_makes_a_plan_without_seeing_the_placements(
        self, world, placement, client_for
    ):
        client = client_for(world.teacher)

        form_page = client.get(url("language:language-plan-create", world.participant_a.pk))
        assert form_page.status_code == 200
        assert "placement" not in form_page.context["form"].fields
        assert form_page.context["form"]["teacher"].value() == world.teacher.pk
        assert world.employer.name not in form_page.content.decode()
        response = client.post(
            url("language:language-plan-create", world.participant_a.pk),
            plan_form(world, placement=str(placement.pk)),  # smuggled in: ignored
        )

        plan = LanguagePlan.objects.get()
        assert response.status_code == 302
        assert (plan.teacher, plan.placement) == (world.teacher, None)

    def test_only_teachers_assigned_to_the_participant_can_be_chosen(
        self, world, other_teacher, client_for
    ):
        response = client_for(world.specialist_a).post(
            url("language:language-plan-create", world.participant_a.pk),
            plan_form(world, teacher=str(other_teacher.pk), final_goal="Skrive avvik"),
        )

        assert_refused_at(
            response, "teacher", "Select a valid choice", typed={"final_goal": "Skrive avvik"}
        )
        assert not LanguagePlan.objects.exists()

    def test_a_placement_of_another_participant_cannot_be_chosen(self, world, client_for):
        other = Placement.objects.create(
            participant=world.participant_b,
            employer=world.employer,
            kind=PlacementType.WORK_PRACTICE,
            planned_start=today(),
        )
        response = client_for(world.specialist_a).post(
            url("language:language-plan-create", world.participant_a.pk),
            plan_form(world, placement=other.pk),
        )

        assert_refused_at(response, "placement", "Select a valid choice")
        assert not LanguagePlan.objects.exists()

    @pytest.mark.parametrize(
        ("hours", "message"),
        [
            ("41", "from 0 to 40"),
            ("-1", "from 0 to 40"),
            ("mange", "Enter a number"),
        ],
    )
    def test_hours_outside_0_to_40_are_refused_at_the_field_keeping_the_input(
        self, world, client_for, hours, message
    ):
        response = client_for(world.specialist_a).post(
            url("language:language-plan-create", world.participant_a.pk),
            plan_form(world, hours_per_week=hours, final_goal="Forstå <b>HMS</b>"),
        )

        assert_refused_at(
            response,
            "hours_per_week",
            message,
            typed={"hours_per_week": hours, "final_goal": "Forstå <b>HMS</b>"},
        )
        assert not LanguagePlan.objects.exists()

    def test_forty_hours_is_accepted(self, world, client_for):
        client_for(world.specialist_a).post(
            url("language:language-plan-create", world.participant_a.pk),
            plan_form(world, hours_per_week="40"),
        )
        assert LanguagePlan.objects.get().hours_per_week == Decimal("40")

    def test_an_impossible_date_is_refused_at_the_field(self, world, client_for):
        response = client_for(world.specialist_a).post(
            url("language:language-plan-create", world.participant_a.pk),
            plan_form(world, final_goal_by="2026-02-30", final_goal="Lese oppskrifter"),
        )

        assert_refused_at(
            response,
            "final_goal_by",
            "Enter a valid date",
            typed={"final_goal_by": "2026-02-30", "final_goal": "Lese oppskrifter"},
        )

    def test_a_goal_date_needs_a_goal(self, world, client_for):
        response = client_for(world.specialist_a).post(
            url("language:language-plan-create", world.participant_a.pk),
            plan_form(world, final_goal=""),
        )
        assert_refused_at(response, "final_goal", "Write the final goal the date is for.")

    def test_an_overlong_goal_is_refused(self, world, client_for):
        response = client_for(world.specialist_a).post(
            url("language:language-plan-create", world.participant_a.pk),
            plan_form(world, final_goal="x" * 301),
        )
        assert_refused_at(response, "final_goal", "at most 300 characters")


class TestEditingAPlan:
    def test_the_assigned_teacher_edits_the_plan(self, world, plan, client_for):
        client = client_for(world.teacher)

        form_page = client.get(url("language:language-plan-update", plan.pk))
        assert form_page.status_code == 200
        assert "placement" not in form_page.context["form"].fields
        response = client.post(
            url("language:language-plan-update", plan.pk),
            plan_form(world, current_level="B1", version="1"),
        )

        assert response.status_code == 302
        plan.refresh_from_db()
        assert (plan.current_level, plan.version) == ("B1", 2)
        assert plan.placement is not None  # the teacher's save keeps the placement

    def test_a_second_save_from_the_same_version_shows_the_conflict_keeping_the_input(
        self, world, plan, client_for
    ):
        client_for(world.specialist_a).post(
            url("language:language-plan-update", plan.pk),
            plan_form(world, placement=plan.placement_id, required_level="B2", version="1"),
        )

        response = client_for(world.teacher).post(
            url("language:language-plan-update", plan.pk),
            plan_form(world, final_goal="Teacher's goal", version="1"),
        )

        assert response.status_code == 200
        assert response.context["conflict"] is not None
        labels = [row["label"] for row in response.context["conflict"]]
        assert any("level the job needs" in str(label).lower() for label in labels), labels
        page = parse(response)
        assert page.value("final_goal") == "Teacher's goal"
        assert page.value("version") == "2"
        plan.refresh_from_db()
        assert (plan.required_level, plan.final_goal) == ("B2", "Bestå Norskprøve 3")


# --- who reaches what ----------------------------------------------------------------------


class TestScope:
    @pytest.mark.parametrize("persona", ["specialist_a", "leader_a", "teacher"])
    def test_case_workers_and_the_assigned_teacher_open_and_edit_the_plan(
        self, world, plan, client_for, persona
    ):
        client = client_for(world.user(persona))

        assert client.get(url("language:language-plan-detail", plan.pk)).status_code == 200
        response = client.post(
            url("language:language-note-add", plan.pk),
            {"notat-written_on": today().isoformat(), "notat-text": f"Notat fra {persona}"},
        )

        assert response.status_code == 302
        assert LanguageNote.objects.get().text == f"Notat fra {persona}"

    def test_a_teammate_reaches_the_plan_only_with_a_shared_caseload(self, world, plan, client_for):
        client = client_for(world.specialist_a2)
        assert client.get(url("language:language-plan-detail", plan.pk)).status_code == 404

        world.team_a.shared_caseload = True
        world.team_a.save()

        assert client.get(url("language:language-plan-detail", plan.pk)).status_code == 200

    @pytest.mark.parametrize("persona", ["specialist_b", "specialist_a2", "other_teacher", "admin"])
    def test_everyone_else_gets_404_for_every_page_of_the_plan(
        self, world, plan, client_for, persona, other_teacher
    ):
        user = other_teacher if persona == "other_teacher" else world.user(persona)
        client = client_for(user)
        goal = language_services.language_goal_add(
            user=world.teacher, plan=plan, description="Les oppslag", due_on=None
        )

        for name, args in [
            ("language:language-plan-detail", (plan.pk,)),
            ("language:language-plan-update", (plan.pk,)),
            ("language:language-goal-add", (plan.pk,)),
            ("language:language-goal-set-reached", (plan.pk, goal.pk)),
            ("language:language-observation-add", (plan.pk,)),
            ("language:language-note-add", (plan.pk,)),
            ("language:language-plan-create", (world.participant_a.pk,)),
        ]:
            assert client.get(url(name, *args)).status_code == 404, name
            assert client.post(url(name, *args), {}).status_code == 404, name
        assert not LanguageNote.objects.exists()

    def test_the_teacher_gets_404_for_a_participant_not_assigned_to_them(
        self, world, plan_b, client_for
    ):
        client = client_for(world.teacher)

        assert client.get(url("language:language-plan-detail", plan_b.pk)).status_code == 404
        assert (
            client.get(url("language:language-plan-create", world.participant_b.pk)).status_code
            == 404
        )

    def test_the_teacher_cannot_open_the_placement_or_the_case(
        self, world, plan, placement, client_for
    ):
        client = client_for(world.teacher)
        p = world.participant_a.pk

        assert client.get(url("placements:meeting-plan", placement.pk)).status_code == 404
        try:
            placement_page = url("placements:placement-detail", placement.pk)
        except NoReverseMatch:  # the placement page is another part of the issue
            placement_page = None
        if placement_page:
            assert client.get(placement_page).status_code == 404
        for name in [
            "participants:participant-timeline",
            "participants:participant-export",
            "participants:sensitive-detail",
        ]:
            assert client.get(reverse(name, args=[p])).status_code == 403, name
        assert client.get(reverse("participants:participant-update", args=[p])).status_code == 403

    def test_the_teachers_plan_page_links_to_nothing_of_the_case(self, world, plan, client_for):
        html = (
            client_for(world.teacher)
            .get(url("language:language-plan-detail", plan.pk))
            .content.decode()
        )

        assert world.employer.name in html  # where the participant is observed
        assert reverse("participants:participant-detail", args=[world.participant_a.pk]) not in html
        assert f'href="/praksis/{plan.placement_id}/' not in html
        assert url("language:taught-participant-list") in html

    def test_every_read_is_access_logged_as_language_plan(self, world, plan, client_for):
        client = client_for(world.teacher)
        before = access_reads(world.teacher, world.participant_a, "language-plan")

        client.get(url("language:language-plan-detail", plan.pk))
        client.get(url("language:language-plan-update", plan.pk))
        client.get(url("language:language-plan-create", world.participant_a.pk))

        assert access_reads(world.teacher, world.participant_a, "language-plan") == before + 3

    def test_anonymous_is_sent_to_log_in(self, world, plan, client_for):
        response = client_for(None).get(url("language:language-plan-detail", plan.pk))
        assert response.status_code == 302
        assert "/konto/" in response["Location"] or "login" in response["Location"]


# --- sub-goals, observations, notes --------------------------------------------------------


class TestPlanPage:
    def test_the_page_shows_the_plan_and_its_parts(self, world, plan, client_for):
        goal = language_services.language_goal_add(
            user=world.teacher, plan=plan, description="Svare i telefonen", due_on=today()
        )
        language_services.language_observation_add(
            user=world.teacher,
            plan=plan,
            observed_on=today(),
            answers={"small_talk": "Deltar i lunsjpraten", "listened_to": "Ja"},
        )
        language_services.language_note_add(
            user=world.teacher, plan=plan, written_on=today(), text="Øver på <fagord>"
        )

        html = (
            client_for(world.specialist_a)
            .get(url("language:language-plan-detail", plan.pk))
            .content.decode()
        )

        for text in [
            "Forstå vaktplanen og HMS-rutinene",
            "A2",
            "B1",
            world.teacher.get_full_name(),
            "Svare i telefonen",
            today().strftime("%d.%m.%Y"),
            "Deltar i lunsjpraten",
            "Øver på &lt;fagord&gt;",
        ]:
            assert text in html, text
        assert "<fagord>" not in html
        assert url("language:language-goal-set-reached", plan.pk, goal.pk) in html

    def test_a_sub_goal_is_added_and_marked_reached(self, world, plan, client_for):
        client = client_for(world.teacher)
        due = today() + dt.timedelta(days=30)

        client.post(
            url("language:language-goal-add", plan.pk),
            {"delmal-description": "Forstå ukeplanen", "delmal-due_on": due.isoformat()},
        )
        goal = LanguageGoal.objects.get()
        reached = today() - dt.timedelta(days=1)
        response = client.post(
            url("language:language-goal-set-reached", plan.pk, goal.pk),
            {f"nadd-{goal.pk}-reached_on": reached.isoformat()},
        )

        assert response.status_code == 302
        goal.refresh_from_db()
        assert (goal.plan, goal.description, goal.due_on, goal.reached_on) == (
            plan,
            "Forstå ukeplanen",
            due,
            reached,
        )
        html = client.get(url("language:language-plan-detail", plan.pk)).content.decode()
        assert f"Reached {reached.strftime('%d.%m.%Y')}" in html

    def test_a_sub_goal_without_a_description_is_refused_keeping_the_date(
        self, world, plan, client_for
    ):
        response = client_for(world.teacher).post(
            url("language:language-goal-add", plan.pk),
            {"delmal-description": "", "delmal-due_on": "2031-01-31"},
        )

        assert_refused_at(
            response,
            "delmal-description",
            "Describe the sub-goal.",
            {"delmal-due_on": "2031-01-31"},
        )
        assert not LanguageGoal.objects.exists()

    def test_a_sub_goal_cannot_be_reached_in_the_future(self, world, plan, client_for):
        goal = language_services.language_goal_add(
            user=world.teacher, plan=plan, description="Lese skilt", due_on=None
        )
        tomorrow = (today() + dt.timedelta(days=1)).isoformat()

        response = client_for(world.teacher).post(
            url("language:language-goal-set-reached", plan.pk, goal.pk),
            {f"nadd-{goal.pk}-reached_on": tomorrow},
        )

        assert_refused_at(
            response,
            f"nadd-{goal.pk}-reached_on",
            "cannot be in the future",
            {f"nadd-{goal.pk}-reached_on": tomorrow},
        )
        goal.refresh_from_db()
        assert goal.reached_on is None

    def test_a_goal_of_another_plan_is_not_found(self, world, plan, client_for):
        other_plan = language_services.language_plan_create(
            user=world.specialist_a, participant=world.participant_a, data={}
        )
        goal = language_services.language_goal_add(
            user=world.teacher, plan=other_plan, description="Annen plan", due_on=None
        )
        response = client_for(world.teacher).post(
            url("language:language-goal-set-reached", plan.pk, goal.pk),
            {f"nadd-{goal.pk}-reached_on": today().isoformat()},
        )
        assert response.status_code == 404

    def test_an_observation_answers_the_four_questions(self, world, plan, client_for):
        response = client_for(world.teacher).post(
            url("language:language-observation-add", plan.pk),
            {
                "observasjon-observed_on": today().isoformat(),
                "observasjon-small_talk": "Litt",
                "observasjon-listened_to": "Ja, på morgenmøtet",
                "observasjon-social_standing": "God",
                "observasjon-support": "Fadder forklarer",
            },
        )

        assert response.status_code == 302
        observation = LanguageObservation.objects.get()
        assert (
            observation.small_talk,
            observation.listened_to,
            observation.social_standing,
            observation.support,
            observation.observed_by,
        ) == ("Litt", "Ja, på morgenmøtet", "God", "Fadder forklarer", world.teacher)

    def test_an_observation_without_answers_is_refused_at_the_first_question(
        self, world, plan, client_for
    ):
        day = (today() - dt.timedelta(days=2)).isoformat()
        response = client_for(world.teacher).post(
            url("language:language-observation-add", plan.pk),
            {"observasjon-observed_on": day, "observasjon-small_talk": "   "},
        )

        assert_refused_at(
            response,
            "observasjon-small_talk",
            "Answer at least one of the four questions.",
            {"observasjon-observed_on": day},
        )
        assert not LanguageObservation.objects.exists()

    def test_an_empty_progress_note_is_refused_keeping_the_date(self, world, plan, client_for):
        day = (today() - dt.timedelta(days=1)).isoformat()
        response = client_for(world.teacher).post(
            url("language:language-note-add", plan.pk), {"notat-written_on": day, "notat-text": ""}
        )

        assert_refused_at(
            response, "notat-text", "Write the progress note.", {"notat-written_on": day}
        )
        assert not LanguageNote.objects.exists()


# --- the teacher's list and the includes ---------------------------------------------------


class TestMyLanguageParticipants:
    def test_the_teacher_sees_the_assigned_participants_with_their_plans(
        self, world, plan, plan_b, client_for
    ):
        language_services.language_goal_add(
            user=world.teacher, plan=plan, description="Les oppslag", due_on=today()
        )
        unplanned = ParticipantFactory(specialist=world.specialist_a)
        unplanned.language_teachers.add(world.teacher)

        response = client_for(world.teacher).get(url("language:taught-participant-list"))

        assert response.status_code == 200
        assert [p.pk for p in response.context["participants"]] == sorted(
            [world.participant_a.pk, unplanned.pk],
            key=lambda pk: (Participant.objects.get(pk=pk).last_name, pk),
        )
        html = response.content.decode()
        assert world.participant_a.full_name in html
        assert unplanned.full_name in html
        assert world.participant_b.full_name not in html
        assert url("language:language-plan-detail", plan.pk) in html
        assert url("language:language-plan-detail", plan_b.pk) not in html
        assert url("language:language-plan-create", unplanned.pk) in html
        assert "1 open sub-goal" in html
        assert world.employer.name in html

    @pytest.mark.parametrize("persona", ["specialist_a", "leader_a", "admin"])
    def test_the_list_is_for_language_teachers_only(self, world, client_for, persona):
        assert (
            client_for(world.user(persona)).get(url("language:taught-participant-list")).status_code
            == 403
        )

    def test_the_placement_include_lists_its_plans_and_offers_a_new_one(
        self, world, plan, placement
    ):
        html = render_to_string(
            "language/_list.html",
            {
                "language_plans": language_plans_with_progress().filter(placement=placement),
                "placement": placement,
            },
        )

        assert url("language:language-plan-detail", plan.pk) in html
        assert "Forstå vaktplanen og HMS-rutinene" in html
        create = (
            url("language:language-plan-create", world.participant_a.pk)
            + f"?placement={placement.pk}"
        )
        assert create in html

    def test_the_placement_include_says_when_a_needed_plan_is_missing(self, world, placement):
        html = render_to_string(
            "language/_list.html", {"language_plans": [], "placement": placement}
        )
        assert "needs a language plan" in html

    def test_the_participant_include_lists_the_plans(self, world, plan):
        html = render_to_string(
            "language/_participant_plans.html",
            {
                "language_plans": language_plans_with_progress().filter(
                    participant=world.participant_a
                ),
                "participant": world.participant_a,
            },
        )

        assert url("language:language-plan-detail", plan.pk) in html
        assert world.employer.name in html
        assert url("language:language-plan-create", world.participant_a.pk) in html


# --- query budgets -------------------------------------------------------------------------

SIZES = [10, 200]
# Session, user, the page's own reads, and on the plan's page the access-log row (with a cold
# ContentType cache). The same at both sizes.
BUDGETS = {"language-mine": 7, "language-detail": 12}


def build_teaching(size: int):
    """A teacher assigned to ``size`` participants, each with a plan with goals; the first plan
    has ``size`` goals, observations and notes."""
    org = OrganisationFactory()
    team = TeamFactory(organisation=org)
    specialist = UserFactory(team=team, is_job_specialist=True)
    teacher = UserFactory(team=team, is_language_teacher=True)
    employer = EmployerFactory(organisation=org)
    participants = Participant.objects.bulk_create(
        Participant(
            organisation=org,
            team=team,
            specialist=specialist,
            first_name=f"Fornavn{i}",
            last_name=f"Etternavn{i:04d}",
            birth_date=dt.date(1985, 1, 1),
        )
        for i in range(size)
    )
    Participant.language_teachers.through.objects.bulk_create(
        Participant.language_teachers.through(participant_id=p.pk, user_id=teacher.pk)
        for p in participants
    )
    placements = Placement.objects.bulk_create(
        Placement(
            participant=p,
            employer=employer,
            kind=PlacementType.LANGUAGE_PRACTICE,
            planned_start=today(),
        )
        for p in participants
    )
    plans = LanguagePlan.objects.bulk_create(
        LanguagePlan(
            participant=p, placement=pl, teacher=teacher, current_level="A2", final_goal=f"Mål {i}"
        )
        for i, (p, pl) in enumerate(zip(participants, placements, strict=True))
    )
    goals, observations, notes = [], [], []
    for i, plan in enumerate(plans):
        extra = size if i == 0 else 0
        for j in range(2 + extra):
            goals.append(
                LanguageGoal(
                    plan=plan,
                    description=f"Delmål {j}",
                    due_on=today() + dt.timedelta(days=j),
                    reached_on=today() if j % 3 == 0 else None,
                )
            )
        for j in range(extra):
            observations.append(
                LanguageObservation(
                    plan=plan, observed_on=today(), small_talk=f"Obs {j}", observed_by=teacher
                )
            )
            notes.append(
                LanguageNote(
                    plan=plan, written_on=today(), text=f"Notat {j}", written_by=specialist
                )
            )
    LanguageGoal.objects.bulk_create(goals)
    LanguageObservation.objects.bulk_create(observations)
    LanguageNote.objects.bulk_create(notes)
    return teacher, plans[0]


@pytest.mark.parametrize("size", SIZES)
def test_the_teachers_list_stays_within_its_budget(db, client, size, django_assert_max_num_queries):
    teacher, _ = build_teaching(size)
    client.force_login(teacher)
    ContentType.objects.clear_cache()

    with django_assert_max_num_queries(BUDGETS["language-mine"]):
        response = client.get(url("language:taught-participant-list"))

    assert response.status_code == 200
    assert len(response.context["participants"]) == size
    assert response.content.decode().count('class="pt-language-plan"') == size


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("viewer", ["teacher", "specialist"])
def test_the_plan_page_stays_within_its_budget(
    db, client, size, viewer, django_assert_max_num_queries
):

    teacher, plan = build_teaching(size)
    client.force_login(teacher if viewer == "teacher" else plan.participant.specialist)
    ContentType.objects.clear_cache()

    with django_assert_max_num_queries(BUDGETS["language-detail"]):
        response = client.get(url("language:language-plan-detail", plan.pk))

    assert response.status_code == 200
    assert len(response.context["goals"]) == size + 2
    assert len(response.context["observations"]) == size
    html = response.content.decode()
    assert html.count("Obs ") == size
    assert f"Notat {size - 1}" in html


def test_a_new_plan_starts_from_the_assessed_level(world, client_for):
    Participant.objects.filter(pk=world.participant_a.pk).update(norwegian_level="A2")

    page = parse(
        client_for(world.teacher).get(
            reverse("language:language-plan-create", args=[world.participant_a.pk])
        )
    )

    assert page.value("current_level") == "A2"
