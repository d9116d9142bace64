"""Meetings on a placement (issue 3, point 8): planning one; marking it held, which needs notes;
the "gjort – lært – lurt" reflection of an evaluation meeting; agreed actions that become next
steps on their owners' Min dag; scope (meetings belong to placements); bad input; the include
for the placement page; and the query budgets of the meeting's pages."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from placetrain.accounts.models import User
from placetrain.activities.models import NextStep
from placetrain.lib.dates import today
from placetrain.lib.services import WorkflowError
from placetrain.participants.models import Participant
from placetrain.placements import services
from placetrain.placements.models import Meeting, Placement, PlacementType
from tests.factories import (
    EmployerFactory,
    MeetingFactory,
    OrganisationFactory,
    PlacementFactory,
    TeamFactory,
    UserFactory,
)
from tests.html import parse

# Pages in English, so assertions read the msgids (the bokmål catalogue has its own test).
pytestmark = pytest.mark.usefixtures("english_pages")


NOTES_REQUIRED = "Write the notes from the meeting before marking it held."


# --- helpers and fixtures ------------------------------------------------------------------


def assert_refused_at(response, name: str, message: str, typed: dict[str, str] = ()) -> None:
    """Re-rendered (200) with ``message`` next to field ``name`` (its html name), and what the
    user typed still in the inputs."""
    assert response.status_code == 200
    page = parse(response)
    error = page.by_id(f"id_{name}_error")
    assert error is not None, f"no error at {name}: {sorted(i for i in page.ids if 'error' in i)}"
    assert message in error.text
    assert page.field(name).get("aria-invalid") == "true"
    for field, value in dict(typed).items():
        assert page.value(field) == value, field


def url(name: str, *args) -> str:
    return reverse(name if ":" in name else f"placements:{name}", args=args)


@pytest.fixture
def placement(world) -> Placement:
    return Placement.objects.create(
        participant=world.participant_a,
        employer=world.employer,
        kind=PlacementType.WORK_PRACTICE,
        planned_start=today() - dt.timedelta(days=14),
        state=Placement.State.STARTED,
        started_on=today() - dt.timedelta(days=14),
    )


def planned(world, placement, kind=Meeting.Kind.STATUS, **extra) -> Meeting:
    return services.meeting_plan(
        user=world.specialist_a,
        placement=placement,
        data={
            "kind": kind,
            "planned_at": timezone.now() - dt.timedelta(hours=2),
            "place": "Rema Elvestad, pauserommet",
            "attendees": "Deltaker, fadder, butikksjef",
            "agenda": "Hvordan går det?",
            **extra,
        },
    )


@pytest.fixture
def meeting(world, placement) -> Meeting:
    return planned(world, placement)


def hold_data(actions: list[dict] = (), **fields) -> dict:
    data = {
        "held_on": today().isoformat(),
        "notes": "Går fint. Trenger mer opplæring i kassen.",
        "tiltak-TOTAL_FORMS": "5",
        "tiltak-INITIAL_FORMS": "0",
        "tiltak-MIN_NUM_FORMS": "0",
        "tiltak-MAX_NUM_FORMS": "5",
    }
    data.update(fields)
    for i, action in enumerate(actions):
        for key, value in action.items():
            data[f"tiltak-{i}-{key}"] = value
    return data


def local_input(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def meeting_reads(user, participant) -> int:
    return LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS,
        actor=user,
        content_type=ContentType.objects.get_for_model(Participant),
        object_pk=str(participant.pk),
        additional_data__section="meeting",
    ).count()


# --- services ------------------------------------------------------------------------------


class TestServices:
    def test_a_meeting_cannot_be_marked_held_without_notes(self, world, meeting):
        for notes in ["", "   \n "]:
            with pytest.raises(WorkflowError) as exc:
                services.meeting_hold(
                    user=world.specialist_a,
                    meeting=meeting,
                    held_on=today(),
                    notes=notes,
                    actions=[("Ring fadder", world.specialist_a, today())],
                )
            assert list(exc.value.problems) == ["notes"]
        meeting.refresh_from_db()
        assert meeting.held_on is None
        assert not NextStep.objects.exists()

    def test_the_database_also_refuses_a_held_meeting_without_notes(self, world, meeting):
        with pytest.raises(IntegrityError), transaction.atomic():
            Meeting.objects.filter(pk=meeting.pk).update(held_on=today(), notes="")

    def test_agreed_actions_become_next_steps_for_their_owners(self, world, meeting):
        due = today() + dt.timedelta(days=3)
        services.meeting_hold(
            user=world.specialist_a,
            meeting=meeting,
            held_on=today(),
            notes="Referat",
            actions=[("Ring fadder", world.leader_a, due)],
        )

        step = NextStep.objects.get()
        assert (step.owner, step.participant, step.description, step.due_on, step.done_at) == (
            world.leader_a,
            world.participant_a,
            "Ring fadder",
            due,
            None,
        )
        assert step.organisation_id == world.org.pk

    def test_a_planned_meeting_can_be_changed_but_a_held_one_cannot(self, world, meeting):
        services.meeting_update(
            user=world.specialist_a, meeting=meeting, data={"place": "Kafé"}, expected_version=1
        )
        meeting.refresh_from_db()
        assert meeting.place == "Kafé"
        services.meeting_hold(user=world.specialist_a, meeting=meeting, held_on=today(), notes="x")

        with pytest.raises(WorkflowError):
            services.meeting_update(
                user=world.specialist_a,
                meeting=meeting,
                data={"place": "Et annet sted"},
                expected_version=3,
            )
        meeting.refresh_from_db()
        assert meeting.place == "Kafé"


# --- planning ------------------------------------------------------------------------------


class TestPlanning:
    def test_the_specialist_plans_a_meeting_on_the_placement(self, world, placement, client_for):
        client = client_for(world.specialist_a)
        when = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(days=7)

        form_page = client.get(url("placements:meeting-plan", placement.pk) + "?kind=startup")
        assert form_page.context["form"]["kind"].value() == "startup"
        response = client.post(
            url("placements:meeting-plan", placement.pk),
            {
                "kind": "startup",
                "planned_at": local_input(when),
                "place": "NAV Elvestad",
                "attendees": "Deltaker, leder, fadder, språklærer",
                "agenda": "6H-svarene",
            },
        )

        meeting = Meeting.objects.get()
        assert response.status_code == 302
        assert response["Location"] == url("meeting-detail", meeting.pk)
        assert (meeting.placement, meeting.kind, meeting.planned_at, meeting.created_by) == (
            placement,
            Meeting.Kind.STARTUP,
            when,
            world.specialist_a,
        )
        assert (meeting.place, meeting.attendees, meeting.agenda) == (
            "NAV Elvestad",
            "Deltaker, leder, fadder, språklærer",
            "6H-svarene",
        )
        assert meeting.held_on is None

    def test_a_meeting_without_kind_and_time_is_refused_keeping_what_was_typed(
        self, world, placement, client_for
    ):
        response = client_for(world.specialist_a).post(
            url("placements:meeting-plan", placement.pk),
            {"kind": "", "planned_at": "", "place": "Kantina", "agenda": "<b>Status</b>"},
        )

        assert_refused_at(
            response,
            "kind",
            "Choose the kind of meeting.",
            {"place": "Kantina", "agenda": "<b>Status</b>"},
        )
        assert_refused_at(response, "planned_at", "Give the date and time.")
        assert not Meeting.objects.exists()

    @pytest.mark.parametrize(
        ("typed", "message"),
        [("1999-12-31T10:00", "before the year 2000"), ("2026-02-30T10:00", "Enter a valid")],
    )
    def test_an_impossible_time_is_refused_at_the_field(
        self, world, placement, client_for, typed, message
    ):
        response = client_for(world.specialist_a).post(
            url("placements:meeting-plan", placement.pk), {"kind": "status", "planned_at": typed}
        )
        assert_refused_at(response, "planned_at", message, {"planned_at": typed})
        assert not Meeting.objects.exists()

    def test_a_planned_meeting_is_changed(self, world, meeting, client_for):
        client = client_for(world.specialist_a)
        when = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(days=2)

        response = client.post(
            url("meeting-update", meeting.pk),
            {"kind": "evaluation", "planned_at": local_input(when), "place": "Kontoret"},
        )

        assert response.status_code == 302
        meeting.refresh_from_db()
        assert (meeting.kind, meeting.planned_at, meeting.place) == ("evaluation", when, "Kontoret")

    def test_a_held_meeting_is_not_changed(self, world, meeting, client_for):
        services.meeting_hold(
            user=world.specialist_a, meeting=meeting, held_on=today(), notes="Referat"
        )
        response = client_for(world.specialist_a).post(
            url("meeting-update", meeting.pk),
            {"kind": "status", "planned_at": local_input(timezone.now()), "place": "Annet"},
        )
        assert response.status_code == 302
        meeting.refresh_from_db()
        assert meeting.place == "Rema Elvestad, pauserommet"


# --- marking held --------------------------------------------------------------------------


class TestHolding:
    def test_notes_are_required_shown_at_the_notes_field_keeping_everything_typed(
        self, world, meeting, client_for
    ):
        due = (today() + dt.timedelta(days=5)).isoformat()
        yesterday = (today() - dt.timedelta(days=1)).isoformat()
        response = client_for(world.specialist_a).post(
            url("meeting-hold", meeting.pk),
            hold_data(
                notes="  ",
                held_on=yesterday,
                actions=[
                    {
                        "description": "Ring fadder",
                        "owner": str(world.teacher.pk),
                        "due_on": due,
                    }
                ],
            ),
        )

        assert_refused_at(
            response,
            "notes",
            NOTES_REQUIRED,
            {
                "held_on": yesterday,
                "tiltak-0-description": "Ring fadder",
                "tiltak-0-owner": str(world.teacher.pk),
                "tiltak-0-due_on": due,
            },
        )
        meeting.refresh_from_db()
        assert (meeting.held_on, meeting.notes) == (None, "")
        assert not NextStep.objects.exists()

    def test_the_meeting_is_marked_held_with_its_notes(self, world, meeting, client_for):
        client = client_for(world.specialist_a)

        response = client.post(url("meeting-hold", meeting.pk), hold_data())

        assert response.status_code == 302
        meeting.refresh_from_db()
        assert (meeting.held_on, meeting.notes) == (
            today(),
            "Går fint. Trenger mer opplæring i kassen.",
        )
        html = client.get(url("meeting-detail", meeting.pk)).content.decode()
        assert "Trenger mer opplæring i kassen." in html
        assert f"Held {today().strftime('%d.%m.%Y')}" in html
        assert url("meeting-hold", meeting.pk) not in html

    def test_agreed_actions_appear_on_the_owners_min_dag(self, world, meeting, client_for):
        soon = today() + dt.timedelta(days=3)
        response = client_for(world.specialist_a).post(
            url("meeting-hold", meeting.pk),
            hold_data(
                actions=[
                    {
                        "description": "Ring fadderen om kassen",
                        "owner": str(world.teacher.pk),
                        "due_on": soon.isoformat(),
                    },
                    {
                        "description": "Bestille arbeidsklær",
                        "owner": str(world.leader_a.pk),
                        "due_on": today().isoformat(),
                    },
                ]
            ),
        )
        assert response.status_code == 302

        owner_day = client_for(world.teacher).get(reverse("activities:my-day"))
        upcoming = owner_day.context["upcoming_steps"]
        assert [s.description for s in upcoming] == ["Ring fadderen om kassen"]
        assert "Ring fadderen om kassen" in owner_day.content.decode()
        leader_day = client_for(world.leader_a).get(reverse("activities:my-day"))
        assert [s.description for s in leader_day.context["due_steps"]] == ["Bestille arbeidsklær"]
        own_day = client_for(world.specialist_a).get(reverse("activities:my-day"))
        assert "Ring fadderen om kassen" not in own_day.content.decode()

    def test_up_to_five_actions_are_taken_and_empty_rows_are_skipped(
        self, world, meeting, client_for
    ):
        due = (today() + dt.timedelta(days=1)).isoformat()
        actions = [
            {"description": f"Tiltak {i}", "owner": str(world.specialist_a.pk), "due_on": due}
            if i % 2 == 0
            else {"description": "", "owner": "", "due_on": ""}
            for i in range(5)
        ]
        client_for(world.specialist_a).post(url("meeting-hold", meeting.pk), hold_data(actions))

        assert sorted(NextStep.objects.values_list("description", flat=True)) == [
            "Tiltak 0",
            "Tiltak 2",
            "Tiltak 4",
        ]

    def test_more_than_five_action_rows_are_refused(self, world, meeting, client_for):
        due = (today() + dt.timedelta(days=1)).isoformat()
        actions = [
            {"description": f"Tiltak {i}", "owner": str(world.specialist_a.pk), "due_on": due}
            for i in range(6)
        ]
        data = hold_data(actions, **{"tiltak-TOTAL_FORMS": "6"})

        response = client_for(world.specialist_a).post(url("meeting-hold", meeting.pk), data)

        assert response.status_code == 200
        assert response.context["actions"].non_form_errors()
        assert not NextStep.objects.exists()
        meeting.refresh_from_db()
        assert meeting.held_on is None

    @pytest.mark.parametrize(
        ("row", "field", "message"),
        [
            ({"description": "Ring NAV", "owner": "", "due_on": "+2"}, "owner", "Choose who owns"),
            (
                {"description": "Ring NAV", "owner": "me", "due_on": ""},
                "due_on",
                "Choose the due date",
            ),
            ({"description": "", "owner": "me", "due_on": "+2"}, "description", "Write what is"),
            (
                {"description": "Ring NAV", "owner": "me", "due_on": "-1"},
                "due_on",
                "cannot be due before the meeting",
            ),
            (
                {"description": "Ring NAV", "owner": "me", "due_on": "2026-13-01"},
                "due_on",
                "Enter a valid date",
            ),
            (
                {"description": "Ring NAV", "owner": "stranger", "due_on": "+2"},
                "owner",
                "Select a valid choice",
            ),
        ],
    )
    def test_an_unfinished_action_is_refused_at_its_field_keeping_everything_typed(
        self, world, meeting, client_for, row, field, message
    ):
        stranger = UserFactory(is_job_specialist=True)  # another organisation
        owners = {"me": str(world.specialist_a.pk), "stranger": str(stranger.pk), "": ""}
        due = row["due_on"]
        if due.startswith(("+", "-")):
            due = (today() + dt.timedelta(days=int(due))).isoformat()
        typed = {"description": row["description"], "owner": owners[row["owner"]], "due_on": due}
        second = {
            "description": "Send vaktplan",
            "owner": str(world.leader_a.pk),
            "due_on": (today() + dt.timedelta(days=4)).isoformat(),
        }

        response = client_for(world.specialist_a).post(
            url("meeting-hold", meeting.pk),
            hold_data([second, typed], notes="Referat <i>med</i> tegn"),
        )

        assert_refused_at(
            response,
            f"tiltak-1-{field}",
            message,
            {
                "notes": "Referat <i>med</i> tegn",
                "tiltak-0-description": "Send vaktplan",
                "tiltak-0-owner": str(world.leader_a.pk),
                "tiltak-1-description": typed["description"],
                "tiltak-1-due_on": typed["due_on"],
            },
        )
        assert "Action 2" in response.content.decode()  # the summary says which row
        assert not NextStep.objects.exists()
        meeting.refresh_from_db()
        assert meeting.held_on is None

    def test_a_meeting_cannot_be_held_in_the_future(self, world, meeting, client_for):
        tomorrow = (today() + dt.timedelta(days=1)).isoformat()
        response = client_for(world.specialist_a).post(
            url("meeting-hold", meeting.pk), hold_data(held_on=tomorrow)
        )
        assert_refused_at(
            response,
            "held_on",
            "cannot be in the future",
            {"held_on": tomorrow, "notes": "Går fint. Trenger mer opplæring i kassen."},
        )

    def test_an_action_owner_is_someone_who_may_open_the_case(self, world, meeting, client_for):
        # An action on someone's Min dag names the participant: only the case workers and the
        # participant's language teachers may own one.
        response = client_for(world.specialist_a).get(url("meeting-hold", meeting.pk))

        owners = {
            value for value, _ in response.context["actions"].forms[0].fields["owner"].choices
        }
        assert owners == {""} | {u.pk for u in (world.specialist_a, world.leader_a, world.teacher)}
        assert world.specialist_b.pk not in owners  # another team
        assert world.specialist_a2.pk not in owners  # the team does not share its caseload
        assert world.admin.pk not in owners  # administrators have no case role

    def test_a_teammate_may_own_an_action_when_the_team_shares_its_caseload(
        self, world, meeting, client_for
    ):
        world.team_a.shared_caseload = True
        world.team_a.save()
        response = client_for(world.specialist_a).get(url("meeting-hold", meeting.pk))
        owners = {
            value for value, _ in response.context["actions"].forms[0].fields["owner"].choices
        }
        assert world.specialist_a2.pk in owners

    def test_a_held_meeting_is_not_held_twice(self, world, meeting, client_for):
        client = client_for(world.specialist_a)
        action = {
            "description": "Ring fadder",
            "owner": str(world.specialist_a.pk),
            "due_on": today().isoformat(),
        }
        client.post(url("meeting-hold", meeting.pk), hold_data([action]))

        again = client.post(url("meeting-hold", meeting.pk), hold_data([action], notes="Nytt"))

        assert again.status_code == 302
        assert NextStep.objects.count() == 1
        meeting.refresh_from_db()
        assert meeting.notes == "Går fint. Trenger mer opplæring i kassen."


class TestEvaluationMeeting:
    def test_an_evaluation_meeting_offers_the_gjort_laert_lurt_form(
        self, world, placement, client_for
    ):
        evaluation = planned(world, placement, kind=Meeting.Kind.EVALUATION)
        client = client_for(world.specialist_a)

        form_page = client.get(url("meeting-hold", evaluation.pk))
        assert {"reflection_done", "reflection_learned", "reflection_next"} <= set(
            form_page.context["form"].fields
        )
        client.post(
            url("meeting-hold", evaluation.pk),
            hold_data(
                reflection_done="Prøvde kassen",
                reflection_learned="Trygg med kunder",
                reflection_next="Mer tid på lageret",
            ),
        )

        evaluation.refresh_from_db()
        assert (
            evaluation.reflection_done,
            evaluation.reflection_learned,
            evaluation.reflection_next,
        ) == ("Prøvde kassen", "Trygg med kunder", "Mer tid på lageret")
        html = client.get(url("meeting-detail", evaluation.pk)).content.decode()
        for text in ["Prøvde kassen", "Trygg med kunder", "Mer tid på lageret"]:
            assert text in html

    def test_other_meetings_do_not_ask_for_it(self, world, meeting, client_for):
        client = client_for(world.specialist_a)

        form_page = client.get(url("meeting-hold", meeting.pk))
        assert "reflection_done" not in form_page.context["form"].fields
        client.post(url("meeting-hold", meeting.pk), hold_data(reflection_done="Smuglet inn"))

        meeting.refresh_from_db()
        assert meeting.held_on == today()
        assert meeting.reflection_done == ""


# --- scope ---------------------------------------------------------------------------------


class TestScope:
    @pytest.mark.parametrize("persona", ["specialist_a", "leader_a"])
    def test_case_workers_open_the_meeting_and_the_read_is_logged(
        self, world, meeting, client_for, persona
    ):
        user = world.user(persona)
        before = meeting_reads(user, world.participant_a)

        response = client_for(user).get(url("meeting-detail", meeting.pk))

        assert response.status_code == 200
        assert "Hvordan går det?" in response.content.decode()
        assert meeting_reads(user, world.participant_a) == before + 1

    @pytest.mark.parametrize("persona", ["teacher", "specialist_b", "specialist_a2", "admin"])
    def test_everyone_else_gets_404_for_every_meeting_page(
        self, world, meeting, placement, client_for, persona
    ):
        client = client_for(world.user(persona))

        for path in [
            url("meeting-detail", meeting.pk),
            url("meeting-update", meeting.pk),
            url("meeting-hold", meeting.pk),
            url("placements:meeting-plan", placement.pk),
        ]:
            assert client.get(path).status_code == 404, path
            assert client.post(path, hold_data()).status_code == 404, path
        meeting.refresh_from_db()
        assert meeting.held_on is None
        assert Meeting.objects.count() == 1

    def test_a_teammate_reaches_meetings_with_a_shared_caseload(self, world, meeting, client_for):
        world.team_a.shared_caseload = True
        world.team_a.save()
        assert (
            client_for(world.specialist_a2).get(url("meeting-detail", meeting.pk)).status_code
            == 200
        )

    def test_anonymous_is_sent_to_log_in(self, world, meeting, client_for):
        assert client_for(None).get(url("meeting-detail", meeting.pk)).status_code == 302


# --- the include for the placement page ----------------------------------------------------


def test_the_placement_include_lists_meetings_and_offers_a_new_one(world, placement):
    held = planned(world, placement, kind=Meeting.Kind.STARTUP)
    services.meeting_hold(user=world.specialist_a, meeting=held, held_on=today(), notes="Ok")
    coming = planned(world, placement, planned_at=timezone.now() + dt.timedelta(days=3))

    html = render_to_string(
        "placements/meetings/_list.html",
        {"meetings": placement.meetings.all(), "placement": placement},
    )

    assert url("meeting-detail", held.pk) in html
    assert url("meeting-detail", coming.pk) in html
    assert "Start-up meeting" in html and "Status meeting" in html
    assert f"Held {today().strftime('%d.%m.%Y')}" in html
    assert "Not held yet" in html
    assert url("placements:meeting-plan", placement.pk) in html


# --- query budgets -------------------------------------------------------------------------

SIZES = [10, 200]
# Session read and save, user, the meeting with its placement and participant, the access-log
# row (with a cold ContentType cache); on the hold page, the owners once for all five rows.
BUDGETS = {"meeting-detail": 8, "meeting-hold": 9}


def build_meetings(size: int):
    """An organisation of ``size`` case workers; a placement with ``size`` meetings; returns
    the specialist and one held evaluation meeting and one planned meeting."""
    org = OrganisationFactory()
    # A shared caseload makes every specialist of the team a possible owner of an action.
    team = TeamFactory(organisation=org, shared_caseload=True)
    specialist = UserFactory(team=team, is_job_specialist=True)
    User.objects.bulk_create(
        User(
            username=f"kollega{size}-{i}",
            organisation=org,
            team=team,
            first_name=f"Kollega{i}",
            is_job_specialist=i % 2 == 0,
            is_team_leader=i % 2 == 1,
        )
        for i in range(size)
    )
    participant = Participant.objects.create(
        organisation=org,
        team=team,
        specialist=specialist,
        first_name="Deltaker",
        last_name="Målt",
        birth_date=dt.date(1990, 1, 1),
    )
    placement = Placement.objects.create(
        participant=participant,
        employer=EmployerFactory(organisation=org),
        kind=PlacementType.WORK_PRACTICE,
        planned_start=today(),
    )
    now = timezone.now()
    meetings = Meeting.objects.bulk_create(
        Meeting(
            placement=placement,
            kind=Meeting.Kind.EVALUATION if i == 0 else Meeting.Kind.STATUS,
            planned_at=now - dt.timedelta(days=i),
            held_on=today() if i % 2 == 0 else None,
            notes="Referat " * size if i % 2 == 0 else "",
            reflection_done="Gjort" if i == 0 else "",
        )
        for i in range(size)
    )
    return specialist, meetings[0], meetings[1]


@pytest.mark.parametrize("size", SIZES)
def test_the_meeting_page_stays_within_its_budget(db, client, size, django_assert_max_num_queries):
    specialist, held, _ = build_meetings(size)
    client.force_login(specialist)
    ContentType.objects.clear_cache()

    with django_assert_max_num_queries(BUDGETS["meeting-detail"]):
        response = client.get(url("meeting-detail", held.pk))

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("Referat") == size
    assert "Gjort" in html


@pytest.mark.parametrize("size", SIZES)
def test_the_hold_form_stays_within_its_budget(db, client, size, django_assert_max_num_queries):
    specialist, _, open_meeting = build_meetings(size)
    client.force_login(specialist)
    ContentType.objects.clear_cache()

    with django_assert_max_num_queries(BUDGETS["meeting-hold"]):
        response = client.get(url("meeting-hold", open_meeting.pk))

    assert response.status_code == 200
    assert len(response.context["actions"].forms) == 5
    assert response.content.decode().count("Kollega") == 5 * (size)


class TestWhatIsKnownIsOffered:
    def test_held_on_starts_at_the_planned_day(self, world, client_for):
        placement = PlacementFactory(
            started=True, participant=world.participant_a, employer=world.employer
        )
        planned_day = today() - dt.timedelta(days=3)
        meeting = MeetingFactory(
            placement=placement,
            planned_at=timezone.make_aware(dt.datetime.combine(planned_day, dt.time(10))),
        )

        page = parse(client_for(world.specialist_a).get(url("meeting-hold", meeting.pk)))

        assert page.value("held_on") == planned_day.isoformat()

    def test_a_meeting_planned_ahead_starts_at_today_not_in_the_future(self, world, client_for):
        meeting = MeetingFactory(
            placement=PlacementFactory(
                started=True, participant=world.participant_a, employer=world.employer
            ),
            planned_at=timezone.now() + dt.timedelta(days=5),
        )

        page = parse(client_for(world.specialist_a).get(url("meeting-hold", meeting.pk)))

        assert page.value("held_on") == today().isoformat()
