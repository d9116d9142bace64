"""The individual plan as PDF (placements:individual-plan, placements:individual-plan-employer).

The PDFs are real: rendered by WeasyPrint and read back with pypdf. The employer's copy shows
the practical facts of the placement and only the topics of active employer consents; the
sensitive section never appears in either copy."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from placetrain.activities.models import NextStep
from placetrain.employment import services as employment_services
from placetrain.employment.models import Employment
from placetrain.language.models import LanguageGoal, LanguagePlan
from placetrain.lib.dates import today
from placetrain.participants.models import (
    Consent,
    Participant,
    SensitiveInfo,
    VocationalProfile,
    WorkHistoryEntry,
)
from placetrain.placements import services
from placetrain.placements.models import Placement, PlacementType, Purpose, TrainingTask
from tests.factories import (
    ConsentFactory,
    EmployerFactory,
    NextStepFactory,
    started_placement,
)

# Text planted in each part of the case, each unlikely to turn up by chance.
GOAL = "Fast deltidsjobb som kokkelaerling"
SUB_GOAL = "Mestre kald kjokken innen mars"
WHY_HERE = "Kantina har fast fadder og rolig tempo"
NEXT_STEP_AFTER = "Ansettelse med lonnstilskudd"
FOLLOW_UP_PLAN = "Besok hver fredag med fadder"
JOB_WISH = "Jobbe med mat i storkjokken"
TASK = "Vaske og kutte gronnsaker"
MENTOR = "Turid Fadderstad"
SPECIALIST_PHONE = "41 23 45 67"
EDUCATION = "Fagbrev i renholdsoperatorfaget"
WORK_PLACE = "Hotell Solsiden Kabul"
SUPPORT = "Trenger skriftlig vaktplan"
BARRIER = "Gjeld hos inkassobyraa"
LANGUAGE_GOAL = "Forsta sikkerhetsrutiner muntlig"
NEXT_STEP = "Soke om forerkort klasse B"
SENSITIVE = "PLANTET-HELSEOPPLYSNING-7731"
WISHED_WORKPLACE = "Bakeriet Lillegata Nordby"

TOPIC_TEXT = {
    Consent.Topic.GOALS: JOB_WISH,
    Consent.Topic.LANGUAGE: LANGUAGE_GOAL,
    Consent.Topic.WORK_HISTORY: WORK_PLACE,
    Consent.Topic.SUPPORT_NEEDS: SUPPORT,
    Consent.Topic.EDUCATION: EDUCATION,
    Consent.Topic.WORKPLACES: WISHED_WORKPLACE,
}


# --- helpers -------------------------------------------------------------------------------


@pytest.fixture
def case(world):
    """participant_a with a profile, a started placement with its 6H answers and tasks, a
    language plan, work history, next steps and a sensitive section."""
    participant = world.participant_a
    Participant.objects.filter(pk=participant.pk).update(education=EDUCATION, norwegian_level="A2")
    participant.refresh_from_db()
    world.specialist_a.phone = SPECIALIST_PHONE
    world.specialist_a.email = "spesialist@elvestad.kommune.no"
    world.specialist_a.save()
    SensitiveInfo.objects.filter(participant=participant).update(
        health=SENSITIVE, housing=SENSITIVE
    )
    VocationalProfile.objects.create(
        participant=participant,
        number=1,
        job_wishes=JOB_WISH,
        desired_workplaces=f"{WISHED_WORKPLACE}\nKantina på rådhuset",
        strengths="Punktlig",
        support_practical=SUPPORT,
        barriers=BARRIER,
    )
    start = today() - dt.timedelta(days=20)
    placement = Placement.objects.create(
        participant=participant,
        employer=world.employer,
        kind=PlacementType.WORK_TRAINING,
        state=Placement.State.STARTED,
        planned_start=start,
        started_on=start,
        planned_end=today() + dt.timedelta(days=70),
        hours_per_week=20,
        purpose=Purpose.PAID_JOB,
        goal=GOAL,
        sub_goals=f"{SUB_GOAL}\nLaere kassesystemet",
        why_here=WHY_HERE,
        follow_up_by=world.specialist_a,
        follow_up_every_days=14,
        follow_up_plan=FOLLOW_UP_PLAN,
        mentor_name=MENTOR,
        mentor_role="Kokk",
        next_step_after=NEXT_STEP_AFTER,
    )
    TrainingTask.objects.create(placement=placement, order=1, description=TASK)
    plan = LanguagePlan.objects.create(
        participant=participant,
        placement=placement,
        teacher=world.teacher,
        current_level="A2",
        required_level="B1",
        final_goal="B1 muntlig",
    )
    LanguageGoal.objects.create(plan=plan, description=LANGUAGE_GOAL)
    WorkHistoryEntry.objects.create(participant=participant, workplace=WORK_PLACE, role="Kokk")
    NextStepFactory(participant=participant, description=NEXT_STEP)
    return participant


def plan_url(participant, *, employer: bool = False) -> str:
    name = "placements:individual-plan-employer" if employer else "placements:individual-plan"
    return reverse(name, args=[participant.pk])


def pdf_text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def consent(participant, topics, *, kind=Consent.Kind.EMPLOYER_DISCLOSURE) -> Consent:
    return ConsentFactory(
        participant=participant,
        kind=kind,
        topics=[str(t) for t in topics],
        given_on=today() - dt.timedelta(days=5),
    )


# --- the participant's plan ----------------------------------------------------------------


class TestParticipantPlan:
    def test_it_prints_the_goals_the_6h_answers_and_the_specialists_phone(
        self, case, as_specialist
    ):
        text = pdf_text(as_specialist.get(plan_url(case)))

        for planted in (GOAL, SUB_GOAL, JOB_WISH, WHY_HERE, NEXT_STEP_AFTER, FOLLOW_UP_PLAN):
            assert planted in text
        assert SPECIALIST_PHONE in text
        assert "spesialist@elvestad.kommune.no" in text
        assert TASK in text and MENTOR in text
        assert NEXT_STEP in text  # open next steps
        assert case.specialist.get_full_name() in text
        assert case.language_teachers.get().get_full_name() in text  # who does what

    def test_it_is_a_download_without_a_name_in_the_file_name(self, case, as_specialist):
        response = as_specialist.get(plan_url(case))

        disposition = response["Content-Disposition"]
        assert disposition == f'attachment; filename="individuell-plan-{case.pk}.pdf"'
        assert case.first_name not in disposition and case.last_name not in disposition
        assert "no-store" in response["Cache-Control"]

    def test_done_next_steps_are_left_out(self, case, as_specialist):
        NextStep.objects.filter(participant=case).update(done_at="2026-01-01T10:00Z")

        assert NEXT_STEP not in pdf_text(as_specialist.get(plan_url(case)))

    def test_the_sensitive_section_never_appears(self, case, as_specialist):
        text = pdf_text(as_specialist.get(plan_url(case)))

        assert SENSITIVE not in text
        assert "Astma" not in text

    def test_a_plan_without_a_placement_still_prints(self, world, as_specialist):
        text = pdf_text(as_specialist.get(plan_url(world.participant_a)))

        assert world.participant_a.full_name in text

    def test_user_text_is_printed_as_text_not_markup(self, case, as_specialist):
        Placement.objects.filter(participant=case).update(
            goal='<img src="http://127.0.0.1:9/x.png"><b>Bli kokk</b>'
        )

        text = pdf_text(as_specialist.get(plan_url(case)))

        assert '<img src="http://127.0.0.1:9/x.png"><b>Bli kokk</b>' in text


# --- the employer's copy -------------------------------------------------------------------


class TestEmployerCopy:
    def test_without_consent_only_the_practical_facts_print(self, case, world, as_specialist):
        text = pdf_text(as_specialist.get(plan_url(case, employer=True)))

        assert TASK in text and MENTOR in text  # tasks and mentor: always
        assert world.employer.name in text and "20" in text  # where, hours per week
        assert SPECIALIST_PHONE in text
        for planted in (*TOPIC_TEXT.values(), GOAL, SUB_GOAL, WHY_HERE, NEXT_STEP):
            assert planted not in text
        assert FOLLOW_UP_PLAN not in text and BARRIER not in text

    @pytest.mark.parametrize("topic", list(Consent.Topic))
    def test_a_topic_prints_only_with_consent_to_share_it(self, case, as_specialist, topic):
        consent(case, [topic])

        text = pdf_text(as_specialist.get(plan_url(case, employer=True)))

        assert TOPIC_TEXT[topic] in text
        for other, planted in TOPIC_TEXT.items():
            if other != topic:
                assert planted not in text

    def test_consent_to_goals_shows_the_placement_goal(self, case, as_specialist):
        consent(case, [Consent.Topic.GOALS])

        text = pdf_text(as_specialist.get(plan_url(case, employer=True)))

        assert GOAL in text and SUB_GOAL in text

    def test_a_withdrawn_consent_excludes_the_topic_again(self, case, as_specialist):
        given = consent(case, [Consent.Topic.EDUCATION, Consent.Topic.LANGUAGE])
        assert EDUCATION in pdf_text(as_specialist.get(plan_url(case, employer=True)))

        Consent.objects.filter(pk=given.pk).update(withdrawn_on=today())
        text = pdf_text(as_specialist.get(plan_url(case, employer=True)))

        assert EDUCATION not in text
        assert LANGUAGE_GOAL not in text

    def test_a_consent_about_services_does_not_open_anything(self, case, as_specialist):
        consent(case, list(Consent.Topic), kind=Consent.Kind.SERVICE_CONTACT)

        text = pdf_text(as_specialist.get(plan_url(case, employer=True)))

        for planted in TOPIC_TEXT.values():
            assert planted not in text

    def test_barriers_and_the_sensitive_section_never_print_even_with_every_consent(
        self, case, as_specialist
    ):
        consent(case, list(Consent.Topic))

        text = pdf_text(as_specialist.get(plan_url(case, employer=True)))

        for planted in TOPIC_TEXT.values():
            assert planted in text
        assert SENSITIVE not in text and "Astma" not in text
        assert BARRIER not in text
        assert NEXT_STEP not in text  # internal work list

    def test_the_query_parameter_gives_the_same_copy(self, case, as_specialist):
        by_parameter = as_specialist.get(plan_url(case) + "?for=employer")
        by_url = as_specialist.get(plan_url(case, employer=True))

        assert pdf_text(by_parameter) == pdf_text(by_url)
        assert JOB_WISH not in pdf_text(by_parameter)
        assert by_url["Content-Disposition"] == (
            f'attachment; filename="individuell-plan-{case.pk}-arbeidsgiver.pdf"'
        )


# --- access --------------------------------------------------------------------------------


class TestAccess:
    @pytest.mark.parametrize("employer", [False, True])
    def test_every_download_is_access_logged(self, case, as_specialist, employer):
        as_specialist.get(plan_url(case, employer=employer))

        entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).latest("timestamp")
        assert entry.object_pk == str(case.pk)
        assert entry.additional_data == {"section": "individual-plan"}
        assert entry.actor == case.specialist

    @pytest.mark.parametrize("employer", [False, True])
    @pytest.mark.parametrize(
        ("persona", "status"),
        [("specialist_b", 404), ("specialist_a2", 404), ("teacher", 403), ("leader_a", 200)],
    )
    def test_only_those_who_work_the_case_may_print_it(
        self, case, client_for, world, persona, status, employer
    ):
        response = client_for(world.user(persona)).get(plan_url(case, employer=employer))

        assert response.status_code == status

    def test_anonymous_users_are_sent_to_log_in(self, case, client_for):
        response = client_for(None).get(plan_url(case))

        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]

    @pytest.mark.parametrize("rows", [2, 60])
    def test_the_plan_costs_the_same_queries_whatever_its_length(
        self, case, world, as_specialist, django_assert_max_num_queries, rows
    ):
        placement = case.placements.get()
        TrainingTask.objects.bulk_create(
            TrainingTask(placement=placement, order=i + 2, description=f"Oppgave {i}")
            for i in range(rows)
        )
        NextStep.objects.bulk_create(
            NextStep(
                organisation=world.org,
                participant=case,
                owner=world.specialist_a2 if i % 2 else world.specialist_a,
                description=f"Steg {i}",
                due_on=today() + dt.timedelta(days=i),
            )
            for i in range(rows)
        )
        WorkHistoryEntry.objects.bulk_create(
            WorkHistoryEntry(participant=case, workplace=f"Sted {i}") for i in range(rows)
        )
        consent(case, list(Consent.Topic))
        ContentType.objects.clear_cache()

        # Session, user, participant, access log (with ContentType), and one query per part
        # (the current job and its open check-ins: two more when there is a job).
        with django_assert_max_num_queries(19):
            response = as_specialist.get(plan_url(case))

        assert f"Steg {rows - 1}" in pdf_text(response)


class TestAfterHiring:
    def test_the_plan_keeps_the_placement_and_shows_the_job_and_its_follow_up(
        self, case, as_specialist, world
    ):
        from placetrain.placements.services import placement_end

        placement = case.placements.get()
        placement_end(
            user=world.specialist_a,
            placement=placement,
            ended_on=today(),
            outcome="hired_part_time",
            reason="Fast deltid",
            evaluation="Godt samarbeid",
            employment={"kind": "part_time", "started_on": today(), "percent_of_full_time": 60},
        )
        text = pdf_text(as_specialist.get(plan_url(case)))
        assert GOAL in text  # the placement the job came from is still in the plan
        assert world.employer.name in text
        first_checkin = today() + dt.timedelta(weeks=1)
        assert first_checkin.strftime("%d.%m.%Y") in text

    def test_an_ended_job_leaves_the_follow_up_section_out(self, case, as_specialist, world):
        from placetrain.employment.services import employment_create, employment_end

        employment = employment_create(
            user=world.specialist_a,
            participant=case,
            data={
                "employer": world.employer,
                "kind": "permanent",
                "started_on": today(),
                "percent_of_full_time": 100,
            },
        )
        first_checkin = (today() + dt.timedelta(weeks=1)).strftime("%d.%m.%Y")
        assert first_checkin in pdf_text(as_specialist.get(plan_url(case)))
        employment_end(
            user=world.specialist_a, employment=employment, ended_on=today(), reason="Sluttet"
        )
        assert first_checkin not in pdf_text(as_specialist.get(plan_url(case)))


# --- the employer's copy and the participant's job -------------------------------------------


class TestEmployerCopyOfTheIndividualPlan:
    def employer_copy(self, client, participant) -> str:
        url = reverse("placements:individual-plan-employer", args=[participant.pk])
        return pdf_text(client.get(url))

    def test_the_employer_copy_leaves_out_a_job_at_another_employer(self, world, as_specialist):
        other = EmployerFactory(organisation=world.org, name="Kveldsbutikken Nordby AS")
        job = employment_services.employment_create(
            user=world.specialist_a,
            participant=world.participant_a,
            data={
                "employer": other,
                "kind": Employment.Kind.PART_TIME,
                "started_on": today() - dt.timedelta(days=30),
                "percent_of_full_time": 20,
            },
        )
        # A placement at world.employer: the copy is for that employer.
        started_placement(world.participant_a, employer=world.employer)
        next_checkin = job.checkins.filter(done_on__isnull=True).order_by("due_on").first()

        text = self.employer_copy(as_specialist, world.participant_a)

        assert world.employer.name in text
        assert other.name not in text
        assert next_checkin.due_on.strftime("%d.%m.%Y") not in text
        # The participant's own copy still shows the job.
        own = pdf_text(
            as_specialist.get(reverse("placements:individual-plan", args=[world.participant_a.pk]))
        )
        assert other.name in own

    def test_the_employer_copy_shows_the_job_at_the_placements_own_employer(
        self, world, as_specialist
    ):
        placement = started_placement(world.participant_a, employer=world.employer)
        services.placement_end(
            user=world.specialist_a,
            placement=placement,
            ended_on=today(),
            outcome="hired_part_time",
            reason="Fast deltid",
            evaluation="Godt samarbeid",
            employment={"kind": "part_time", "started_on": today(), "percent_of_full_time": 60},
        )
        first_checkin = (today() + dt.timedelta(weeks=1)).strftime("%d.%m.%Y")

        text = self.employer_copy(as_specialist, world.participant_a)

        assert first_checkin in text


class TestWishedWorkplacesAndSignatures:
    def test_the_employer_is_not_told_the_other_wished_workplaces_with_goals_alone(
        self, case, as_specialist
    ):
        consent(case, [Consent.Topic.GOALS])

        employer_copy = pdf_text(as_specialist.get(plan_url(case, employer=True)))
        own_copy = pdf_text(as_specialist.get(plan_url(case)))

        assert JOB_WISH in employer_copy
        assert WISHED_WORKPLACE not in employer_copy
        assert WISHED_WORKPLACE in own_copy

    @pytest.mark.parametrize("employer", [False, True])
    def test_both_copies_have_lines_to_sign(self, case, as_specialist, world, employer):
        text = pdf_text(as_specialist.get(plan_url(case, employer=employer)))

        signatures = text[text.index("Signaturer") :]
        assert case.full_name in signatures
        assert world.specialist_a.get_full_name() in signatures
        assert signatures.count("Dato") == 2
