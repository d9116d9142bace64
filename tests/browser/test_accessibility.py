"""WCAG 2.1 AA checks with axe-core on the key pages, on a phone and on a desktop.

Norwegian public-sector software must meet WCAG 2.1 AA (likestillings- og
diskrimineringsloven, forskrift om universell utforming av IKT). axe-core finds the part of
that which a machine can check: contrast, names and labels, ids, landmarks, ARIA. It is
installed from npm as a devDependency (``make static``) and injected into each page from
node_modules, never from a CDN.

A job specialist with a rich case visits every key page (forms re-rendered with validation
errors included); a language teacher visits their own list; the login page is checked logged
out. Every page's violations are collected and reported together, so one run shows them all.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from placetrain.activities.models import Contact
from placetrain.employment import services as employment_services
from placetrain.employment.models import Employment
from placetrain.language import services as language_services
from placetrain.language.models import LanguagePlan
from placetrain.lib.dates import today
from placetrain.participants import services as participant_services
from placetrain.participants.models import (
    ChecklistItem,
    Consent,
    Evidence,
    SensitiveInfo,
    Stage,
    Status,
)
from placetrain.placements import services
from placetrain.placements.models import Meeting, Placement, PlacementType, Purpose, TrainingTask
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import (
    ContactFactory,
    EmployerContactFactory,
    EmployerFactory,
    JobAnalysisFactory,
    NextStepFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProgrammeFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "pw-for-tests-1"
TARGETS_SHOWN = 3

STYLED = """() => {
    const main = getComputedStyle(document.querySelector('.pt-main'));
    const token = getComputedStyle(document.documentElement)
        .getPropertyValue('--ds-color-neutral-text-default');
    return main.maxWidth !== 'none' && token.trim() !== '';
}"""

VIEWPORTS = pytest.mark.parametrize(
    "viewport", [PHONE, DESKTOP], ids=["phone", "desktop"], indirect=True
)


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page as it is now, limited to WCAG 2.0/2.1 A and AA rules."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: install the npm packages (make static)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                targets: v.nodes.map(n => n.target.join(' ')),
            }));
        }""",
        WCAG_21_AA,
    )


def describe(found: dict[str, list[dict]]) -> str:
    lines = []
    for name, violations in found.items():
        for v in violations:
            shown = ", ".join(v["targets"][:TARGETS_SHOWN])
            more = len(v["targets"]) - TARGETS_SHOWN
            extra = f" (+{more} more)" if more > 0 else ""
            lines.append(f"{name}: {v['id']} [{v['impact']}] {v['help']} -> {shown}{extra}")
    return "\n".join(lines)


class Audit:
    """Visit pages one after another and keep every page's violations for one assertion."""

    def __init__(self, page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.found: dict[str, list[dict]] = {}
        self.checked: list[str] = []

    def check(self, name: str) -> None:
        self.checked.append(name)
        # Contrast is only meaningful with the stylesheets applied: app.css caps the main
        # column, Designsystemet's theme defines its colour tokens.
        assert self.page.evaluate(STYLED), f"{name}: the stylesheets did not load"
        # Check what is folded away too: open every disclosure (<details>) on the page.
        self.page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        violations = axe_violations(self.page)
        if violations:
            self.found[name] = violations

    def visit(self, name: str, path: str) -> None:
        response = self.page.goto(self.base_url + path)
        status = response.status if response is not None else None
        assert status is not None and response.ok, f"{name}: {path} answered {status}"
        self.check(name)

    def submit_invalid(self, name: str, form: str, clear: list[str]) -> None:
        """Empty the ``clear`` fields of ``form``, submit, and check the re-rendered page."""
        for selector in clear:
            self.page.locator(f"{form} {selector}").fill("")
        with self.page.expect_navigation():
            self.page.locator(f"{form} button[type=submit]").last.click()
        # The server answered with the form again, its errors summarised at the top.
        assert self.page.locator(".ds-error-summary").count() == 1, f"{name}: no error summary"
        self.check(name)

    def assert_clean(self) -> None:
        assert not self.found, (
            f"axe-core found WCAG 2.1 AA violations on {len(self.found)} of "
            f"{len(self.checked)} pages:\n{describe(self.found)}"
        )


def log_in(page, base_url: str, username: str) -> None:
    page.goto(base_url + reverse("accounts:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("form:has(#id_username) button[type=submit]").click()
    assert not page.url.startswith(base_url + reverse("accounts:login")), "login failed"


@pytest.fixture
def case():
    return build_case()


def build_case():
    """A job specialist's participant with most of the case filled in: a vocational profile,
    consents, contacts and next steps, stage history, a sensitive section, a started placement
    with tasks in every state, meetings (held and planned), an extension and a language plan
    with a teacher; an earlier job (employment with follow-up check-ins, one recorded); and an
    open job analysis at the placement's employer, to be suggested."""
    org = OrganisationFactory(name="Elvestad kommune")
    team = TeamFactory(organisation=org, name="Team Vest")
    specialist = UserFactory(
        username="spes_uu",
        team=team,
        is_job_specialist=True,
        first_name="Kari",
        last_name="Nordmann",
        phone="41 23 45 67",
    )
    teacher = UserFactory(
        username="laerer_uu", team=team, is_language_teacher=True, first_name="Lise"
    )
    programme = ProgrammeFactory(organisation=org, name="Jobbsjansen")
    participant = ParticipantFactory(
        specialist=specialist,
        programme=programme,
        first_name="Amina",
        last_name="Haddad",
        email="amina@example.org",
        mother_tongue="Somali",
        norwegian_level="A2",
        education="Grunnskole",
        status=Status.ACTIVE,
    )
    participant.language_teachers.add(teacher)
    ParticipantFactory(specialist=specialist, programme=programme, first_name="Yonas")
    SensitiveInfo.objects.create(participant=participant, health="Ryggplager")

    employer = EmployerFactory(organisation=org, org_number="923609016", name="Fjordbakst AS")
    mentor = EmployerContactFactory(employer=employer, name="Turid Fadderstad", role="Baker")
    earlier_employer = EmployerFactory(organisation=org, org_number="974760673", name="Kantina AS")
    EmployerFactory(organisation=org, org_number="971526920", name="Hotell Nordlys AS")
    # An open, visited job at the bakery: suggested to the participant, with its own page.
    job_analysis = JobAnalysisFactory(
        employer=employer,
        title="Bakerimedarbeider",
        occupation_id="7512",  # bakers
        visited_on=today() - dt.timedelta(days=30),
    )
    ContactFactory(
        participant=None,
        employer=employer,
        employer_contact=mentor,
        counterpart=Contact.Counterpart.EMPLOYER,
        organisation=org,
        author=specialist,
        note="Ringte daglig leder",
    )

    participant_services.consent_create(
        user=specialist,
        participant=participant,
        data={
            "kind": Consent.Kind.EMPLOYER_DISCLOSURE,
            "scope": "Norsknivå og arbeidserfaring",
            "topics": [Consent.Topic.LANGUAGE, Consent.Topic.WORK_HISTORY],
            "given_on": today() - dt.timedelta(days=60),
            "method": Consent.Method.WRITTEN,
        },
    )
    service_consent = participant_services.consent_create(
        user=specialist,
        participant=participant,
        data={
            "kind": Consent.Kind.SERVICE_CONTACT,
            "scope": "Fastlegen",
            "given_on": today() - dt.timedelta(days=50),
            "method": Consent.Method.ORAL,
        },
    )
    participant_services.consent_withdraw(
        user=specialist, consent=service_consent, on=today() - dt.timedelta(days=5)
    )
    participant_services.work_history_create(
        user=specialist,
        participant=participant,
        data={"workplace": "Hotell i Mogadishu", "role": "Kokk", "start_year": 2015},
    )
    participant_services.profile_update(
        user=specialist,
        participant=participant,
        data={"job_wishes": "Bakeri", "strengths": "Punktlig", "barriers": "Førerkort"},
        based_on=None,
    )
    participant_services.profile_update(
        user=specialist,
        participant=participant,
        data={
            "job_wishes": "Bakeri eller kantine",
            "strengths": "Punktlig",
            "desired_workplaces": "Fjordbakst AS\nKantina på rådhuset",
            "hours_capacity": 60,
        },
        based_on=1,
    )
    for stage in (Stage.PROFILE, Stage.JOB_FINDING, Stage.EMPLOYER):
        participant_services.participant_set_stage(
            user=specialist, participant=participant, stage=stage, on=today(), note="Videre"
        )
    ContactFactory(participant=participant, note="Samtale om jobbønsker")
    NextStepFactory(participant=participant, description="Ringe bakeriet")
    NextStepFactory(
        participant=participant,
        description="Følge opp søknad",
        due_on=today() + dt.timedelta(days=5),
    )

    # An earlier job, ended, with its follow-up plan partly recorded.
    employment = employment_services.employment_create(
        user=specialist,
        participant=participant,
        data={
            "employer": earlier_employer,
            "kind": Employment.Kind.TEMPORARY,
            "started_on": today() - dt.timedelta(days=200),
            "percent_of_full_time": 40,
            "hourly_wage": Decimal("210.00"),
        },
    )
    first = employment.checkins.order_by("due_on").first()
    employment_services.checkin_record(
        user=specialist,
        checkin=first,
        data={
            "done_on": first.due_on,
            "still_employed": True,
            "how_participant": "Trives",
            "how_employer": "Fornøyd",
        },
        expected_version=first.version,
    )

    # Now a started placement with the 6H answers, tasks, meetings and a language plan.
    start = today() - dt.timedelta(days=20)
    placement = services.placement_plan(
        user=specialist,
        participant=participant,
        data={
            "employer": employer,
            "kind": PlacementType.WORK_TRAINING,
            "planned_start": start,
            "planned_end": today() + dt.timedelta(days=60),
            "hours_per_week": Decimal("20"),
            "purpose": Purpose.PAID_JOB,
            "goal": "Fast deltidsjobb som baker",
            "sub_goals": "Hygienerutiner\nBake brød alene",
            "why_here": "Tidlige vakter",
            "follow_up_by": specialist,
            "follow_up_every_days": 14,
            "mentor": mentor,
            "language_plan_needed": True,
            "next_step_after": "Samtale om ansettelse",
        },
    )
    tasks = [
        services.training_task_add(user=specialist, placement=placement, description=text)
        for text in ("Veie deig", "Bake brød", "Stå i kassen")
    ]
    services.training_task_set_status(
        user=specialist, task=tasks[0], status=TrainingTask.TaskStatus.MASTERED, on=today()
    )
    services.training_task_set_status(
        user=specialist, task=tasks[1], status=TrainingTask.TaskStatus.IN_TRAINING, on=today()
    )
    plan = language_services.language_plan_create(
        user=specialist,
        participant=participant,
        data={
            "placement": placement,
            "teacher": teacher,
            "current_level": "A2",
            "required_level": "B1",
            "final_goal": "B1 muntlig",
        },
    )
    goal = language_services.language_goal_add(
        user=teacher, plan=plan, description="Forstå hygienerutinene", due_on=None
    )
    language_services.language_goal_set_reached(user=teacher, goal=goal, reached_on=today())
    language_services.language_observation_add(
        user=teacher, plan=plan, observed_on=today(), answers={"small_talk": "Litt i pausen"}
    )
    language_services.language_note_add(
        user=teacher, plan=plan, written_on=today(), text="God framgang"
    )
    services.placement_start(user=specialist, placement=placement, started_on=start)
    services.placement_extend(
        user=specialist,
        placement=placement,
        new_end=today() + dt.timedelta(days=90),
        reason="Trenger mer tid på kassen",
    )
    held = services.meeting_plan(
        user=specialist,
        placement=placement,
        data={
            "kind": Meeting.Kind.STARTUP,
            "planned_at": timezone.now() - dt.timedelta(days=19),
            "place": "Bakeriet",
        },
    )
    services.meeting_hold(
        user=specialist,
        meeting=held,
        held_on=today() - dt.timedelta(days=19),
        notes="God start",
        actions=[("Avtale vaktplan", specialist, today() + dt.timedelta(days=3))],
    )
    planned = services.meeting_plan(
        user=specialist,
        placement=placement,
        data={
            "kind": Meeting.Kind.EVALUATION,
            "planned_at": timezone.now() + dt.timedelta(days=2),
            "place": "Pauserommet",
            "attendees": "Deltaker, fadder, jobbspesialist",
            "agenda": "Hvordan går det?",
        },
    )
    assert Placement.objects.get(pk=placement.pk).state == Placement.State.STARTED
    assert LanguagePlan.objects.filter(participant=participant).count() == 1
    return {
        "specialist": specialist,
        "teacher": teacher,
        "participant": participant,
        "placement": placement,
        "meeting": planned,
        "employment": employment,
        "employer": employer,
        "job_analysis": job_analysis,
    }


@VIEWPORTS
def test_the_login_page_meets_wcag_21_aa(live_server, page, viewport):
    audit = Audit(page, live_server.url)
    audit.visit("login", reverse("accounts:login"))
    # A failed login shows the form again with its error.
    page.fill("#id_username", "nobody")
    page.fill("#id_password", "wrong-password")
    with page.expect_navigation():
        page.locator("form:has(#id_username) button[type=submit]").click()
    audit.check("login (failed)")
    audit.assert_clean()


@VIEWPORTS
def test_a_specialists_pages_meet_wcag_21_aa(live_server, page, viewport, case):
    participant = case["participant"]
    placement = case["placement"]
    pk = participant.pk
    # An overdue next step: Min dag lists it first, the participant page's header names it.
    NextStepFactory(
        participant=participant, description="Ringe NAV", due_on=today() - dt.timedelta(days=2)
    )
    log_in(page, live_server.url, case["specialist"].username)
    audit = Audit(page, live_server.url)

    audit.visit("Min dag", reverse("activities:my-day"))
    audit.visit("participant list", reverse("participants:participant-list"))
    # The name search answers in place (HTMX).
    page.fill("#id_q", participant.last_name)
    page.wait_for_function("document.querySelectorAll('#deltakerliste tbody tr').length === 1")
    audit.check("participant list (search results)")
    detail = reverse("participants:participant-detail", args=[pk])
    # Every section of the participant page at its own address, and one swapped in by HTMX.
    for key in ("placements", "jobs", "suggestions", "language", "details"):
        audit.visit(f"participant page ({key})", f"{detail}?section={key}")
    page.locator("#del-placements").click()
    page.locator('#deltaker-del[data-section="placements"]').wait_for()
    audit.check("participant page (placements, swapped in)")
    audit.visit("participant detail", detail)
    assert page.locator("#deltaker-varsler").count() == 1  # the header names what is overdue
    # The timeline loads when it scrolls into view.
    page.locator("#tidslinje-tittel").scroll_into_view_if_needed()
    page.locator("#tidslinje li[data-kind]").first.wait_for()
    audit.check("participant detail (timeline loaded)")
    # The contact form offers the open next steps to tick off.
    assert page.locator("input[name='kontakt-done_steps']").count() >= 1
    # The quick contact form is swapped in place (HTMX): with an error, then saved.
    form = "#kontaktskjema"
    page.locator(f"{form} details").evaluate("d => { d.open = true; }")
    page.fill(f"{form} [name='kontakt-duration_minutes']", "0")
    page.locator(f"{form} button[type=submit]").click()
    page.locator(f"{form} .ds-validation-message").first.wait_for()
    audit.check("participant detail (contact form errors)")
    page.fill(f"{form} [name='kontakt-duration_minutes']", "30")
    page.fill(f"{form} [name='kontakt-note']", "Besøkt, alt bra")
    page.locator(f"{form} button[type=submit]").click()
    page.locator("#kontakt [role=status]").wait_for()
    audit.check("participant detail (contact saved)")
    audit.visit("timeline (its own page)", reverse("participants:participant-timeline", args=[pk]))

    audit.visit("participant edit", reverse("participants:participant-update", args=[pk]))
    audit.submit_invalid(
        "participant edit (errors)", "form:has(#id_first_name)", ["#id_first_name"]
    )

    # An item the record proves (the started placement): ticked from the record, with its source.
    ChecklistItem.objects.update_or_create(
        stage=Stage.EMPLOYER,
        text="Avtale med arbeidsgiver: varighet, formål, kontaktperson og oppfølging",
        defaults={"evidence": Evidence.AGREEMENT, "active": True},
    )
    audit.visit("stages", reverse("participants:stage-list", args=[pk]))
    assert page.locator("li[data-proven=true]").count() >= 1
    audit.visit("profile edit", reverse("participants:profile-update", args=[pk]))
    # Saving shows the profile with a success message.
    page.fill("form:has(#id_strengths) #id_strengths", "Punktlig og blid")
    with page.expect_navigation():
        page.locator("form:has(#id_strengths) button[type=submit]").last.click()
    assert page.locator(".pt-messages .ds-alert").count() == 1
    audit.check("profile (saved)")

    audit.visit("placement detail", reverse("placements:placement-detail", args=[placement.pk]))
    audit.visit("placement plan (new)", reverse("placements:placement-plan", args=[pk]))
    # Choosing the employer fetches its people for the mentor list (HTMX).
    page.select_option("select[name=employer]", str(case["employer"].pk))
    page.locator("#mentor-choice option", has_text="Turid Fadderstad").wait_for(state="attached")
    audit.check("placement plan (new, the employer's mentors)")
    audit.submit_invalid(
        "placement plan (new, errors)", "form:has(#id_planned_start)", ["#id_planned_start"]
    )
    audit.visit(
        "placement plan (edit)", reverse("placements:placement-update", args=[placement.pk])
    )

    audit.visit("meeting hold", reverse("placements:meeting-hold", args=[case["meeting"].pk]))
    audit.submit_invalid("meeting hold (errors)", "form:has(#id_notes)", ["#id_notes"])

    audit.visit("end placement", reverse("placements:placement-end", args=[placement.pk]))
    audit.submit_invalid("end placement (errors)", "form:has(#id_evaluation)", [])

    audit.visit("employment", reverse("employment:employment-detail", args=[case["employment"].pk]))
    audit.visit("employer list", reverse("employers:employer-list"))
    employer = case["employer"].pk
    audit.visit("employer detail", reverse("employers:employer-detail", args=[employer]))
    page.locator("#tidslinje-tittel").scroll_into_view_if_needed()
    page.locator("#tidslinje li[data-kind]").first.wait_for()
    audit.check("employer detail (timeline loaded)")
    audit.visit("employer timeline", reverse("employers:employer-timeline", args=[employer]))
    analysis = case["job_analysis"].pk
    audit.visit("job analysis", reverse("employers:job-analysis-detail", args=[analysis]))
    audit.assert_clean()


@VIEWPORTS
def test_a_language_teachers_list_meets_wcag_21_aa(live_server, page, viewport, case):
    log_in(page, live_server.url, case["teacher"].username)
    audit = Audit(page, live_server.url)
    audit.visit("teacher's Min dag", reverse("activities:my-day"))
    audit.visit("my language participants", reverse("language:taught-participant-list"))
    plan = LanguagePlan.objects.get(participant=case["participant"])
    plan_link = page.locator(
        f'main a[href="{reverse("language:language-plan-detail", args=[plan.pk])}"]'
    )
    assert plan_link.count() >= 1
    audit.visit("language plan", reverse("language:language-plan-detail", args=[plan.pk]))
    # The teacher's participant page: the language plans and the details, not the case.
    detail = reverse("participants:participant-detail", args=[case["participant"].pk])
    audit.visit("teacher's participant page", detail)
    audit.visit("teacher's participant page (details)", f"{detail}?section=details")
    audit.assert_clean()
