"""Follow-up after hiring (etteroppfølging): recording a hire without a placement
(employment:employment-create), the job's page (employment:employment-detail), ending the job
(employment:employment-end), check-ins (employment:checkin-record, employment:checkin-move), the
check-ins due on Min dag, and the participant page's list of jobs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from placetrain.employment import services as employment_services
from placetrain.employment.models import Employment, FollowUpCheckin
from placetrain.employment.selectors import participant_employments
from placetrain.lib.dates import today
from placetrain.participants.models import Status
from placetrain.placements import services
from tests.factories import EmployerFactory, ParticipantFactory
from tests.html import parse

HIRED_DAYS_AGO = 10  # with the default plan: 1w overdue, 2w due in 4 days, 4w beyond Min dag


# --- helpers -------------------------------------------------------------------------------


def hire(participant, employer, *, days_ago: int = HIRED_DAYS_AGO, user=None) -> Employment:
    return employment_services.employment_create(
        user=user or participant.specialist,
        participant=participant,
        data={
            "employer": employer,
            "kind": Employment.Kind.PERMANENT,
            "started_on": today() - dt.timedelta(days=days_ago),
            "percent_of_full_time": 80,
            "hourly_wage": None,
        },
    )


def checkin(employment, label: str) -> FollowUpCheckin:
    return employment.checkins.get(label=label)


def nb(msgid: str) -> str:
    with translation.override("nb"):
        return gettext(msgid)


def assert_refused_at(response, field: str, msgid: str, *, form: str = "form") -> None:
    assert response.status_code == 200
    bound = response.context[form]
    assert bound.errors.get(field) == [nb(msgid)], bound.errors
    assert f"id_{bound.add_prefix(field)}_error" in parse(response).ids
    assert escape(nb(msgid)) in response.content.decode()


def checkin_data(**overrides) -> dict:
    data = {
        "done_on": today().isoformat(),
        "still_employed": "yes",
        "hours_per_week": "30",
        "how_participant": "Trives, vil ha flere vakter",
        "how_employer": "Fornøyd, pålitelig",
        "action": "",
    }
    data.update(overrides)
    return data


def my_day(client):
    return client.get(reverse("activities:my-day"))


# --- services ------------------------------------------------------------------------------


class TestCheckinService:
    def test_a_checkin_before_the_hire_date_is_refused(self, world):
        employment = hire(world.participant_a, world.employer)
        first = checkin(employment, "1w")

        with pytest.raises(services.WorkflowError) as caught:
            employment_services.checkin_record(
                user=world.specialist_a,
                checkin=first,
                data={"done_on": employment.started_on - dt.timedelta(days=1)},
                expected_version=first.version,
            )

        assert set(caught.value.problems) == {"done_on"}
        first.refresh_from_db()
        assert first.done_on is None

    def test_a_checkin_on_the_hire_date_is_recorded_with_who_did_it(self, world):
        employment = hire(world.participant_a, world.employer)
        first = checkin(employment, "1w")

        employment_services.checkin_record(
            user=world.specialist_a2,
            checkin=first,
            data={"done_on": employment.started_on, "still_employed": True, "action": "Ring"},
            expected_version=first.version,
        )

        first.refresh_from_db()
        assert (first.done_on, first.still_employed) == (employment.started_on, True)
        assert first.recorded_by == world.specialist_a2

    def test_a_checkin_cannot_be_moved_before_the_hire_date(self, world):
        employment = hire(world.participant_a, world.employer)
        first = checkin(employment, "1w")

        with pytest.raises(services.WorkflowError):
            employment_services.checkin_move(
                user=world.specialist_a,
                checkin=first,
                due_on=employment.started_on - dt.timedelta(days=1),
            )

    def test_a_hire_needs_an_employer(self, world):
        with pytest.raises(services.WorkflowError) as caught:
            employment_services.employment_create(
                user=world.specialist_a,
                participant=world.participant_a,
                data={"employer": None, "kind": "permanent", "started_on": today()},
            )

        assert set(caught.value.problems) == {"employer"}
        assert not Employment.objects.exists()

    def test_the_job_ends_with_a_date_and_a_reason(self, world):
        employment = hire(world.participant_a, world.employer)

        with pytest.raises(services.WorkflowError) as caught:
            employment_services.employment_end(
                user=world.specialist_a,
                employment=employment,
                ended_on=employment.started_on - dt.timedelta(days=1),
                reason=" ",
            )

        assert set(caught.value.problems) == {"ended_on", "reason"}


# --- recording a hire without a placement -----------------------------------------------------


class TestEmploymentCreate:
    def url(self, participant) -> str:
        return reverse("employment:employment-create", args=[participant.pk])

    def data(self, world, **overrides) -> dict:
        data = {
            "employer": str(world.employer.pk),
            "kind": Employment.Kind.TEMPORARY,
            "started_on": (today() - dt.timedelta(days=2)).isoformat(),
            "percent_of_full_time": "40",
            "hourly_wage": "205,50",
        }
        data.update(overrides)
        return data

    def test_it_records_the_hire_proposes_the_plan_and_sets_the_status(self, world, as_specialist):
        response = as_specialist.post(self.url(world.participant_a), self.data(world))

        employment = Employment.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("employment:employment-detail", args=[employment.pk])
        assert employment.placement is None
        assert (employment.employer, employment.kind) == (world.employer, "temporary")
        assert (employment.percent_of_full_time, employment.hourly_wage) == (40, Decimal("205.5"))
        assert employment.checkins.count() == 8
        world.participant_a.refresh_from_db()
        assert world.participant_a.status == Status.EMPLOYED

    def test_it_refuses_a_hire_without_an_employer_and_keeps_the_rest(self, world, as_specialist):
        response = as_specialist.post(self.url(world.participant_a), self.data(world, employer=""))

        assert_refused_at(response, "employer", "A hire needs an employer.")
        assert parse(response).value("hourly_wage") == "205,50"
        assert parse(response).value("percent_of_full_time") == "40"
        assert not Employment.objects.exists()

    def test_an_employer_of_another_organisation_cannot_be_chosen(self, world, as_specialist):
        elsewhere = EmployerFactory()

        response = as_specialist.post(
            self.url(world.participant_a), self.data(world, employer=str(elsewhere.pk))
        )

        assert_refused_at(response, "employer", "Choose an employer from the register.")
        assert not Employment.objects.exists()

    @pytest.mark.parametrize(
        ("typed", "msgid"),
        [
            ("101", "The percentage of full time is between 1 and 100."),
            ("", "Write the percentage of full time of the job (1–100)."),
        ],
    )
    def test_the_percentage_is_required_and_at_most_100(self, world, as_specialist, typed, msgid):
        response = as_specialist.post(
            self.url(world.participant_a), self.data(world, percent_of_full_time=typed)
        )

        assert_refused_at(response, "percent_of_full_time", msgid)
        assert parse(response).value("percent_of_full_time") == typed
        assert not Employment.objects.exists()

    def test_the_type_and_start_are_required(self, world, as_specialist):
        response = as_specialist.post(
            self.url(world.participant_a), self.data(world, kind="", started_on="")
        )

        assert set(response.context["form"].errors) == {"kind", "started_on"}
        assert not Employment.objects.exists()

    @pytest.mark.parametrize(
        ("persona", "whose", "status"),
        [
            ("specialist_b", "participant_a", 404),
            ("teacher", "participant_b", 404),
            ("teacher", "participant_a", 403),  # sees the participant, not the case
        ],
    )
    def test_outside_the_case_no_hire_can_be_recorded(
        self, world, client_for, persona, whose, status
    ):
        client = client_for(world.user(persona))
        url = self.url(getattr(world, whose))

        assert client.get(url).status_code == status
        assert client.post(url, self.data(world)).status_code == status
        assert not Employment.objects.exists()


# --- the job's page ------------------------------------------------------------------------


class TestEmploymentPage:
    def url(self, employment) -> str:
        return reverse("employment:employment-detail", args=[employment.pk])

    def test_it_shows_the_job_and_every_checkin_due_or_done(self, world, as_specialist):
        employment = hire(world.participant_a, world.employer)
        done = checkin(employment, "1w")
        employment_services.checkin_record(
            user=world.specialist_a,
            checkin=done,
            data={"done_on": today(), "still_employed": True, "hours_per_week": Decimal("30")},
            expected_version=done.version,
        )

        response = as_specialist.get(self.url(employment))

        assert response.status_code == 200
        html = response.content.decode()
        assert world.employer.name in html
        assert len(response.context["checkins"]) == 8
        assert html.count('data-done="yes"') == 1
        assert html.count('data-done="no"') == 7
        assert f'id="checkin-{done.pk}"' in html
        for item in employment.checkins.all():
            assert item.due_on.strftime("%d.%m.%Y") in html
            assert reverse("employment:checkin-record", args=[item.pk]) in parse(response).links
        assert today().strftime("%d.%m.%Y") in html  # the done date
        assert (
            'action="{}"'.format(reverse("employment:employment-end", args=[employment.pk])) in html
        )

    def test_opening_it_is_access_logged(self, world, as_specialist):
        employment = hire(world.participant_a, world.employer)

        as_specialist.get(self.url(employment))

        entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).latest("timestamp")
        assert entry.object_pk == str(world.participant_a.pk)
        assert entry.additional_data == {"section": "employment"}

    @pytest.mark.parametrize("persona", ["specialist_b", "teacher", "specialist_a2"])
    def test_outside_the_case_the_job_does_not_exist(self, world, client_for, persona):
        employment = hire(world.participant_a, world.employer)
        first = checkin(employment, "1w")
        client = client_for(world.user(persona))

        assert client.get(self.url(employment)).status_code == 404
        assert client.get(reverse("employment:checkin-record", args=[first.pk])).status_code == 404
        response = client.post(
            reverse("employment:checkin-record", args=[first.pk]), checkin_data()
        )
        assert response.status_code == 404
        response = client.post(
            reverse("employment:employment-end", args=[employment.pk]),
            {"ended_on": today().isoformat(), "reason": "Sluttet"},
        )
        assert response.status_code == 404
        first.refresh_from_db()
        employment.refresh_from_db()
        assert first.done_on is None
        assert employment.ended_on is None

    def test_the_team_leader_sees_it(self, world, client_for):
        employment = hire(world.participant_a, world.employer)

        assert client_for(world.leader_a).get(self.url(employment)).status_code == 200

    @pytest.mark.parametrize("count", [8, 200])
    def test_it_stays_within_its_query_budget(
        self, world, as_specialist, django_assert_max_num_queries, count
    ):
        employment = hire(world.participant_a, world.employer)
        start = employment.started_on
        FollowUpCheckin.objects.bulk_create(
            FollowUpCheckin(
                employment=employment,
                due_on=start + dt.timedelta(days=i + 1),
                label=f"{i + 1}d",
                done_on=start + dt.timedelta(days=i) if i % 2 else None,
                still_employed=True if i % 2 else None,
                recorded_by=world.specialist_a2 if i % 2 else None,
            )
            for i in range(count - 8)
        )
        ContentType.objects.clear_cache()

        # Session, user, the employment, the access-log row (with its ContentType) and the
        # check-ins with who recorded them, plus the session save's savepoints.
        with django_assert_max_num_queries(9):
            response = as_specialist.get(self.url(employment))

        assert len(response.context["checkins"]) == count


# --- recording a check-in ------------------------------------------------------------------


class TestCheckinForm:
    def url(self, item) -> str:
        return reverse("employment:checkin-record", args=[item.pk])

    def test_it_records_the_checkin(self, world, as_specialist):
        employment = hire(world.participant_a, world.employer)
        first = checkin(employment, "1w")

        response = as_specialist.post(
            self.url(first), checkin_data(hours_per_week="22,5", action="Møte om flere vakter")
        )

        assert response.status_code == 302
        assert response["Location"] == reverse("employment:employment-detail", args=[employment.pk])
        first.refresh_from_db()
        assert (first.done_on, first.still_employed) == (today(), True)
        assert first.hours_per_week == Decimal("22.5")
        assert first.how_participant == "Trives, vil ha flere vakter"
        assert first.how_employer == "Fornøyd, pålitelig"
        assert first.action == "Møte om flere vakter"
        assert first.recorded_by == world.specialist_a

    def test_a_checkin_before_the_hire_date_is_refused_at_the_date(self, world, as_specialist):
        employment = hire(world.participant_a, world.employer)
        first = checkin(employment, "1w")
        too_early = (employment.started_on - dt.timedelta(days=1)).isoformat()

        response = as_specialist.post(self.url(first), checkin_data(done_on=too_early))

        assert_refused_at(response, "done_on", "A check-in cannot be before the hire date.")
        shown = parse(response)
        assert shown.value("done_on") == too_early
        assert shown.value("how_participant") == "Trives, vil ha flere vakter"
        assert shown.value("still_employed") == "yes"
        first.refresh_from_db()
        assert first.done_on is None

    def test_a_checkin_in_the_future_is_refused(self, world, as_specialist):
        employment = hire(world.participant_a, world.employer)
        tomorrow = (today() + dt.timedelta(days=1)).isoformat()

        response = as_specialist.post(
            self.url(checkin(employment, "1w")), checkin_data(done_on=tomorrow)
        )

        assert_refused_at(response, "done_on", "The date cannot be in the future.")

    @pytest.mark.parametrize(
        ("typed", "msgid"),
        [
            ("120", "Hours per week are between 0 and 100."),
            ("-1", "Hours per week are between 0 and 100."),
            ("tretti", "Write the hours per week as a number, e.g. 22,5."),
        ],
    )
    def test_impossible_hours_are_refused(self, world, as_specialist, typed, msgid):
        employment = hire(world.participant_a, world.employer)

        response = as_specialist.post(
            self.url(checkin(employment, "1w")), checkin_data(hours_per_week=typed)
        )

        assert_refused_at(response, "hours_per_week", msgid)
        assert parse(response).value("hours_per_week") == typed

    def test_it_asks_whether_the_participant_still_has_the_job(self, world, as_specialist):
        employment = hire(world.participant_a, world.employer)

        response = as_specialist.post(
            self.url(checkin(employment, "1w")), checkin_data(still_employed="")
        )

        assert_refused_at(
            response, "still_employed", "Say whether the participant still has the job."
        )

    def test_a_lost_job_leads_to_recording_its_end(self, world, as_specialist):
        employment = hire(world.participant_a, world.employer)

        response = as_specialist.post(
            self.url(checkin(employment, "1w")), checkin_data(still_employed="no")
        )

        assert response.status_code == 302
        assert response["Location"] == reverse("employment:employment-end", args=[employment.pk])
        assert checkin(employment, "1w").still_employed is False

    def test_moving_a_checkin_changes_its_due_date(self, world, as_specialist):
        employment = hire(world.participant_a, world.employer)
        second = checkin(employment, "2w")
        later = today() + dt.timedelta(days=30)

        response = as_specialist.post(
            reverse("employment:checkin-move", args=[second.pk]), {"flytt-due_on": later}
        )

        assert response.status_code == 302
        second.refresh_from_db()
        assert second.due_on == later

    def test_a_checkin_cannot_be_moved_before_the_hire_date(self, world, as_specialist):
        employment = hire(world.participant_a, world.employer)
        second = checkin(employment, "2w")
        too_early = (employment.started_on - dt.timedelta(days=3)).isoformat()

        response = as_specialist.post(
            reverse("employment:checkin-move", args=[second.pk]), {"flytt-due_on": too_early}
        )

        assert_refused_at(
            response, "due_on", "A check-in cannot be before the hire date.", form="move_form"
        )
        assert parse(response).value("flytt-due_on") == too_early
        second.refresh_from_db()
        assert second.due_on == employment.started_on + dt.timedelta(weeks=2)

    def test_a_recorded_checkin_is_not_moved(self, world, as_specialist):
        employment = hire(world.participant_a, world.employer)
        first = checkin(employment, "1w")
        employment_services.checkin_record(
            user=world.specialist_a,
            checkin=first,
            data={"done_on": today()},
            expected_version=first.version,
        )
        due = first.due_on

        response = as_specialist.post(
            reverse("employment:checkin-move", args=[first.pk]),
            {"flytt-due_on": (today() + dt.timedelta(days=3)).isoformat()},
        )

        assert response.status_code == 200
        first.refresh_from_db()
        assert first.due_on == due


# --- Min dag -------------------------------------------------------------------------------


class TestMinDag:
    def test_checkins_due_in_the_next_two_weeks_appear_with_a_link(self, world, as_specialist):
        employment = hire(world.participant_a, world.employer)

        response = my_day(as_specialist)

        due = response.context["due_checkins"]
        assert [c.label for c in due] == ["1w", "2w"]  # 4w is 18 days away
        section = parse(response).one("section#due-checkins")
        for item in due:
            record = reverse("employment:checkin-record", args=[item.pk])
            assert f"{record}?from=my-day" in section.links
        assert world.employer.name in section.text
        assert world.participant_a.full_name in section.text
        assert "overdue" in section.text or nb("overdue") in section.text
        assert checkin(employment, "4w").due_on.strftime("%d.%m.%Y") not in section.text

    def test_recording_a_checkin_removes_it_from_min_dag(self, world, as_specialist):
        employment = hire(world.participant_a, world.employer)
        first = checkin(employment, "1w")
        link = reverse("employment:checkin-record", args=[first.pk]) + "?from=my-day"
        form = as_specialist.get(link)
        assert parse(form).value("from") == "my-day"

        response = as_specialist.post(link, checkin_data(**{"from": "my-day"}))

        assert response.status_code == 302
        assert response["Location"] == reverse("activities:my-day")
        remaining = my_day(as_specialist).context["due_checkins"]
        assert [c.label for c in remaining] == ["2w"]

    def test_moving_a_checkin_later_takes_it_off_min_dag(self, world, as_specialist):
        employment = hire(world.participant_a, world.employer)
        employment_services.checkin_move(
            user=world.specialist_a,
            checkin=checkin(employment, "2w"),
            due_on=today() + dt.timedelta(days=20),
        )

        assert [c.label for c in my_day(as_specialist).context["due_checkins"]] == ["1w"]

    def test_an_ended_job_has_no_checkins_due(self, world, as_specialist):
        employment = hire(world.participant_a, world.employer)

        response = as_specialist.post(
            reverse("employment:employment-end", args=[employment.pk]),
            {"ended_on": today().isoformat(), "reason": "Kontrakten gikk ut"},
        )

        assert response.status_code == 302
        employment.refresh_from_db()
        assert (employment.ended_on, employment.end_reason) == (today(), "Kontrakten gikk ut")
        assert my_day(as_specialist).context["due_checkins"] == []

    def test_only_the_responsible_specialist_sees_the_checkins(self, world, client_for):
        hire(world.participant_a, world.employer)

        response = my_day(client_for(world.specialist_a2))

        assert response.context["due_checkins"] == []
        assert 'id="due-checkins"' in response.content.decode()

    @pytest.mark.parametrize("people", [1, 40])
    def test_min_dag_keeps_its_query_budget_with_checkins(
        self, world, as_specialist, django_assert_max_num_queries, people
    ):
        for _ in range(people):
            hire(ParticipantFactory(specialist=world.specialist_a), world.employer)
        ContentType.objects.clear_cache()

        with django_assert_max_num_queries(8):  # tests/test_query_budgets.py: activities:my-day
            response = my_day(as_specialist)

        assert len(response.context["due_checkins"]) == 2 * people


# --- ending the job ------------------------------------------------------------------------


class TestEmploymentEnd:
    def url(self, employment) -> str:
        return reverse("employment:employment-end", args=[employment.pk])

    def test_an_end_before_the_start_is_refused_and_the_reason_kept(self, world, as_specialist):
        employment = hire(world.participant_a, world.employer)
        too_early = (employment.started_on - dt.timedelta(days=1)).isoformat()

        response = as_specialist.post(
            self.url(employment), {"ended_on": too_early, "reason": "Sa opp selv"}
        )

        assert_refused_at(response, "ended_on", "The end cannot be before the start of the job.")
        shown = parse(response).data  # every field on the page, the log-out form's token too
        assert shown.keys() == {"csrfmiddlewaretoken", "ended_on", "reason"}
        assert shown["ended_on"] == [too_early]
        assert shown["reason"] == ["Sa opp selv"]
        employment.refresh_from_db()
        assert employment.ended_on is None

    def test_the_reason_is_required(self, world, as_specialist):
        employment = hire(world.participant_a, world.employer)

        response = as_specialist.post(
            self.url(employment), {"ended_on": today().isoformat(), "reason": ""}
        )

        assert_refused_at(response, "reason", "Write why the job ended.")

    def test_an_ended_job_is_not_ended_again(self, world, as_specialist):
        employment = hire(world.participant_a, world.employer)
        employment_services.employment_end(
            user=world.specialist_a, employment=employment, ended_on=today(), reason="Flyttet"
        )

        response = as_specialist.post(
            self.url(employment),
            {"ended_on": (today() - dt.timedelta(days=1)).isoformat(), "reason": "Annet"},
        )

        assert response.status_code == 302
        employment.refresh_from_db()
        assert (employment.ended_on, employment.end_reason) == (today(), "Flyttet")
        page_html = as_specialist.get(
            reverse("employment:employment-detail", args=[employment.pk])
        ).content.decode()
        assert "Flyttet" in page_html
        assert self.url(employment) not in page_html  # no end form any more


# --- the participant page's list of jobs ----------------------------------------------------


class TestParticipantEmployments:
    def test_it_lists_the_jobs_with_their_next_checkin_and_links(self, world, rf):
        current = hire(world.participant_a, world.employer)
        other = EmployerFactory(organisation=world.org, name="Kiwi Sentrum")
        ended = hire(world.participant_a, other, days_ago=400)
        employment_services.employment_end(
            user=world.specialist_a,
            employment=ended,
            ended_on=today() - dt.timedelta(days=100),
            reason="Midlertidig",
        )
        employment_services.checkin_record(
            user=world.specialist_a,
            checkin=checkin(current, "1w"),
            data={"done_on": today()},
            expected_version=1,
        )

        html = render_to_string(
            "employment/_participant_employments.html",
            {
                "participant": world.participant_a,
                "employments": participant_employments(world.participant_a),
            },
        )

        assert reverse("employment:employment-detail", args=[current.pk]) in html
        assert reverse("employment:employment-detail", args=[ended.pk]) in html
        assert "Kiwi Sentrum" in html and world.employer.name in html
        assert checkin(current, "2w").due_on.strftime("%d.%m.%Y") in html  # next open one
        assert reverse("employment:employment-create", args=[world.participant_a.pk]) in html

    def test_the_participant_page_has_the_jobs_and_the_individual_plan_one_tap_away(
        self, world, as_specialist
    ):
        hire(world.participant_a, world.employer)
        detail = reverse("participants:participant-detail", args=[world.participant_a.pk])

        overview = as_specialist.get(detail).content.decode()
        jobs = as_specialist.get(f"{detail}?section=jobs").content.decode()
        placements = as_specialist.get(f"{detail}?section=placements").content.decode()

        # The page's menu leads to both sections; each shows its own card.
        assert f'href="{detail}?section=jobs"' in overview
        assert f'href="{detail}?section=placements"' in overview
        assert 'id="jobber"' in jobs and 'id="individuell-plan"' not in jobs
        assert 'id="individuell-plan"' in placements
        assert reverse("placements:individual-plan", args=[world.participant_a.pk]) in placements
        assert (
            reverse("placements:individual-plan-employer", args=[world.participant_a.pk])
            in placements
        )

    @pytest.mark.parametrize("jobs", [1, 30])
    def test_the_list_costs_one_query(self, world, django_assert_num_queries, jobs):
        for _ in range(jobs):
            hire(world.participant_a, world.employer)

        with django_assert_num_queries(1):
            render_to_string(
                "employment/_participant_employments.html",
                {
                    "participant": world.participant_a,
                    "employments": participant_employments(world.participant_a),
                },
            )
