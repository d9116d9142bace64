"""Every page has a query budget, the same at 10 rows as at 200 (ENGINEERING.md, "Tests").

One case is built at each size: a participant with that many contacts, next steps, consents,
status changes, work history entries and profile versions; a started placement with that many
training tasks, extensions and meetings; a language plan with that many sub-goals,
observations and notes; a job with that many check-ins; an employer with that many contact
persons. Every page answering GET is requested on both cases and must stay within its budget
and cost the same at both sizes. A page added without a budget fails
``test_every_page_has_a_budget``, and a section of the participant page (``?section=``) added
without one fails ``test_every_section_of_the_participant_page_has_a_budget``. The pages'
content at size is asserted in each feature's own module; this one holds the counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from types import SimpleNamespace

import factory
import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from placetrain.activities.models import Contact, NextStep
from placetrain.employers.models import (
    Agreement,
    EmployerContact,
    JobAnalysis,
    PartnershipStageChange,
    RegisterUnit,
    Stage,
)
from placetrain.employment.models import FollowUpCheckin
from placetrain.language.models import LanguageGoal, LanguageNote, LanguageObservation
from placetrain.matching.precompute import refresh_all
from placetrain.participants.models import (
    ChecklistItem,
    ChecklistTick,
    Consent,
    StatusChange,
    VocationalProfile,
    WorkHistoryEntry,
)
from placetrain.participants.pages import participant_sections
from placetrain.placements.models import Meeting, PlacementExtension, TrainingTask
from tests.accounts.test_permission_matrix import POST_ONLY, _resolver_urls
from tests.factories import (
    EmployerFactory,
    EmploymentFactory,
    LanguagePlanFactory,
    OrganisationFactory,
    ParticipantFactory,
    PlacementFactory,
    SensitiveInfoFactory,
    TeamFactory,
    UserFactory,
)

SIZES = (10, 200)

# Pages that are not case pages: the login flow, the language switch, the admin, the probe.
NOT_PAGES = {"accounts:login", "accounts:logout", "set_language", "admin:index", "healthz"}


@dataclass(frozen=True)
class Page:
    budget: int
    kwargs: tuple[tuple[str, str], ...] = ()  # URL kwarg -> attribute of the case
    viewer: str = "specialist"
    query: str = ""


def page(budget: int, viewer: str = "specialist", query: str = "", **kwargs: str) -> Page:
    return Page(budget, tuple(kwargs.items()), viewer, query)


P = {"pk": "participant"}
# Each count includes the session read and save and the user; pages about a participant also
# write the access-log row (with a cold ContentType cache).
BUDGETS: dict[str, Page] = {
    "activities:my-day": page(8),
    "activities:contact-log": page(10, **P),
    "activities:employer-contact-log": page(7, pk="employer"),
    "accounts:preferences-update": page(6),
    "participants:participant-list": page(10, viewer="leader"),
    "participants:participant-create": page(8),
    "participants:participant-detail": page(15, **P),
    "participants:participant-update": page(12, **P),
    "participants:participant-delete": page(8, viewer="leader", **P),
    "participants:participant-timeline": page(17, **P),
    "participants:sensitive-detail": page(9, **P),
    "participants:sensitive-update": page(9, **P),
    "participants:access-log-list": page(9, viewer="leader", **P),
    "participants:participant-export": page(27, **P),
    "participants:consent-create": page(8, **P),
    "participants:consent-withdraw": page(9, pk="participant", consent_pk="consent"),
    "participants:work-history-create": page(8, **P),
    "participants:stage-list": page(17, **P),
    "participants:profile-detail": page(9, **P),
    "participants:profile-update": page(10, **P),
    "participants:profile-version-detail": page(9, pk="participant", number="profile_number"),
    "employers:employer-list": page(12),  # + the filters' choices and the quiet-partner setting
    "employers:employer-create": page(6),
    "employers:employer-detail": page(16, pk="employer"),
    "employers:employer-update": page(7, pk="employer"),
    "employers:employer-timeline": page(9, pk="employer"),
    "employers:employer-chain": page(15, pk="employer"),
    "employers:employer-stage-change": page(6, pk="employer"),
    "employers:agreement-create": page(6, pk="employer"),
    "employers:agreement-update": page(6, pk="employer", agreement_pk="agreement"),
    "employers:contact-person-create": page(6, pk="employer"),
    "employers:contact-person-update": page(6, pk="employer", contact_pk="contact_person"),
    "employers:job-analysis-create": page(7, pk="employer"),
    "employers:job-analysis-detail": page(19, pk="job_analysis"),
    "employers:job-analysis-update": page(7, pk="job_analysis"),
    "placements:placement-plan": page(12, **P),
    "placements:mentor-choices": page(11, query="?employer={employer}"),
    "placements:placement-detail": page(14, pk="placement"),
    "placements:placement-update": page(19, pk="placement"),
    "placements:placement-start": page(14, pk="planned"),
    "placements:placement-extend": page(9, pk="placement"),
    "placements:placement-print-6h": page(12, pk="placement"),
    "placements:placement-end": page(8, pk="placement"),
    "placements:meeting-plan": page(8, pk="placement"),
    "placements:meeting-detail": page(8, pk="meeting"),
    "placements:meeting-update": page(8, pk="meeting"),
    "placements:meeting-hold": page(9, pk="meeting"),
    "placements:individual-plan": page(19, **P),
    "placements:individual-plan-employer": page(18, **P),
    "employment:employment-create": page(9, **P),
    "employment:employment-detail": page(9, pk="employment"),
    "employment:employment-end": page(8, pk="employment"),
    "employment:checkin-record": page(8, pk="checkin"),
    "language:taught-participant-list": page(7, viewer="teacher"),
    "language:language-plan-create": page(10, **P),
    "language:language-plan-detail": page(11, pk="language_plan"),
    "language:language-plan-update": page(10, pk="language_plan"),
    "language:language-goal-add": page(8, pk="language_plan"),
    "language:language-goal-set-reached": page(8, pk="language_plan", goal_pk="goal"),
    "language:language-observation-add": page(8, pk="language_plan"),
    "language:language-note-add": page(8, pk="language_plan"),
}


# The participant page's sections, each at its own address (the overview is the page itself):
# the page's header (with what needs attention) plus the section's cards.
SECTION_BUDGETS: dict[str, Page] = {
    "overview": page(26, query="?section=overview", **P),
    "placements": page(11, query="?section=placements", **P),
    "suggestions": page(17, query="?section=suggestions", **P),
    "jobs": page(11, query="?section=jobs", **P),
    "language": page(11, query="?section=language", **P),
    "details": page(13, query="?section=details", **P),
}
HTMX = {"HTTP_HX_REQUEST": "true"}


def _build(size: int) -> SimpleNamespace:
    """One case with ``size`` rows of every kind a page lists."""
    org = OrganisationFactory()
    team = TeamFactory(organisation=org)
    specialist = UserFactory(team=team, is_job_specialist=True)
    leader = UserFactory(team=team, is_team_leader=True)
    teacher = UserFactory(team=team, is_language_teacher=True)
    participant = ParticipantFactory(specialist=specialist)
    participant.language_teachers.add(teacher)
    SensitiveInfoFactory(participant=participant)
    employer = EmployerFactory(
        organisation=org, stage=Stage.PARTNER, owner=specialist, last_contact_on=None
    )
    now, today = timezone.now(), timezone.localdate()
    # A main unit in the register: the chain page shows its list and the chain's track record.
    RegisterUnit.objects.create(
        org_number=employer.org_number,
        kind=RegisterUnit.Kind.MAIN,
        name=employer.name,
        imported_at=now,
    )
    # The network: stages, owners and industries to filter by, a history and agreements.
    EmployerFactory.create_batch(
        size,
        organisation=org,
        stage=Stage.PARTNER,
        owner=leader,
        municipality=factory.Iterator(["Tromsø", "Bodø", "Alta"]),
        industry_code_id=factory.Iterator(["47.111", "56.101", "86.101"]),
        last_contact_on=today - dt.timedelta(days=90),
    )
    PartnershipStageChange.objects.bulk_create(
        PartnershipStageChange(
            employer=employer, stage=Stage.PARTNER, changed_on=today, changed_by=leader
        )
        for _ in range(size)
    )
    agreements = Agreement.objects.bulk_create(
        Agreement(employer=employer, kind=Agreement.Kind.IA, valid_from=today) for _ in range(size)
    )
    people = EmployerContact.objects.bulk_create(
        EmployerContact(employer=employer, name=f"Kontakt {i}", is_mentor=i == 0)
        for i in range(size)
    )
    Contact.objects.bulk_create(
        Contact(
            organisation=org,
            participant=participant if i % 3 else None,
            employer=employer if i % 2 else None,
            employer_contact=people[i] if i % 2 else None,
            occurred_at=now - dt.timedelta(hours=i),
            author=specialist if i % 2 else leader,
            note=f"Samtale {i}",
        )
        for i in range(size)
        if i % 3 or i % 2
    )
    NextStep.objects.bulk_create(
        NextStep(
            organisation=org,
            participant=participant,
            owner=specialist,
            description=f"Steg {i}",
            due_on=today + dt.timedelta(days=i % 20 - 5),
        )
        for i in range(size)
    )
    consents = Consent.objects.bulk_create(
        Consent(
            participant=participant,
            kind=Consent.Kind.EMPLOYER_DISCLOSURE if i % 2 else Consent.Kind.SERVICE_CONTACT,
            scope="Norsknivå",
            topics=["goals", "language"] if i % 2 else [],
            given_on=today - dt.timedelta(days=100),
            method=Consent.Method.WRITTEN,
            recorded_by=specialist,
        )
        for i in range(size)
    )
    StatusChange.objects.bulk_create(
        StatusChange(
            participant=participant,
            status="active",
            changed_on=today - dt.timedelta(days=i),
            changed_by=specialist,
        )
        for i in range(size)
    )
    WorkHistoryEntry.objects.bulk_create(
        WorkHistoryEntry(participant=participant, workplace=f"Sted {i}") for i in range(size)
    )
    VocationalProfile.objects.bulk_create(
        VocationalProfile(
            participant=participant, number=n, created_by=specialist, job_wishes=f"Ønske {n}"
        )
        for n in range(1, size + 1)
    )
    ChecklistTick.objects.bulk_create(
        ChecklistTick(participant=participant, item=item, ticked_by=specialist)
        for item in ChecklistItem.objects.filter(active=True)[:size]
    )
    placement = PlacementFactory(
        started=True, participant=participant, employer=employer, mentor=people[0]
    )
    planned = PlacementFactory(answered=True, participant=participant, employer=employer)
    TrainingTask.objects.bulk_create(
        TrainingTask(placement=p, order=i + 2, description=f"Oppgave {i}")
        for p in (placement, planned)
        for i in range(size)
    )
    PlacementExtension.objects.bulk_create(
        PlacementExtension(
            placement=placement,
            previous_end=placement.planned_end,
            new_end=placement.planned_end + dt.timedelta(days=i + 1),
            reason=f"Grunn {i}",
            extended_by=specialist,
        )
        for i in range(size)
    )
    meetings = Meeting.objects.bulk_create(
        Meeting(
            placement=placement,
            kind=Meeting.Kind.STATUS,
            planned_at=now + dt.timedelta(days=i + 1),
            created_by=specialist,
        )
        for i in range(size)
    )
    plan = LanguagePlanFactory(participant=participant, placement=placement, teacher=teacher)
    goals = LanguageGoal.objects.bulk_create(
        LanguageGoal(plan=plan, description=f"Delmål {i}", due_on=today) for i in range(size)
    )
    LanguageObservation.objects.bulk_create(
        LanguageObservation(plan=plan, observed_on=today, small_talk="Ja", observed_by=teacher)
        for _ in range(size)
    )
    LanguageNote.objects.bulk_create(
        LanguageNote(plan=plan, written_on=today, text="Notat", written_by=teacher)
        for _ in range(size)
    )
    job = EmploymentFactory(participant=participant, employer=employer, placement=placement)
    checkins = FollowUpCheckin.objects.bulk_create(
        FollowUpCheckin(employment=job, due_on=today + dt.timedelta(days=i), label="1w")
        for i in range(size)
    )
    analyses = JobAnalysis.objects.bulk_create(
        JobAnalysis(employer=employer, title=f"Jobb {i}", occupation_id="5223", days=31)
        for i in range(size)
    )
    refresh_all()  # the matching profiles, as saving each record would have computed them
    return SimpleNamespace(
        job_analysis=analyses[0],
        specialist=specialist,
        leader=leader,
        teacher=teacher,
        participant=participant,
        employer=employer,
        contact_person=people[-1],
        agreement=agreements[0],
        consent=consents[0],
        profile_number=size // 2,
        placement=placement,
        planned=planned,
        meeting=meetings[0],
        language_plan=plan,
        goal=goals[0],
        employment=job,
        checkin=checkins[0],
    )


@pytest.fixture(scope="module")
def cases(django_db_setup, django_db_blocker):
    """Both cases, built once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield {size: _build(size) for size in SIZES}
        transaction.set_rollback(True)


def page_url(name: str, spec: Page, case: SimpleNamespace) -> str:
    """The address of page ``name`` for ``case``: its URL kwargs and its query string name the
    case's objects ("?employer={employer}" is that employer's pk)."""
    pks = {key: getattr(value, "pk", value) for key, value in vars(case).items()}
    kwargs = {key: pks[attr] for key, attr in spec.kwargs}
    return reverse(name, kwargs=kwargs) + spec.query.format(**pks)


def _queries(name: str, case: SimpleNamespace, spec: Page | None = None, **headers: str) -> int:
    spec = spec or BUDGETS[name]
    client = Client()
    client.force_login(getattr(case, spec.viewer))
    url = page_url(name, spec, case)
    ContentType.objects.clear_cache()  # the count must not depend on which test ran before
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    assert response.status_code == 200, (name, response.status_code)
    return len(captured)


def _pages() -> set[str]:
    names, _unnamed = _resolver_urls()
    return names - NOT_PAGES - POST_ONLY


def test_every_page_has_a_budget():
    missing = sorted(_pages() - BUDGETS.keys())
    stale = sorted(BUDGETS.keys() - _pages())
    assert not missing, f"pages without a query budget: {missing}"
    assert not stale, f"budgets for pages that no longer exist: {stale}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(BUDGETS))
def test_the_page_costs_the_same_at_10_and_at_200_rows_within_its_budget(cases, name):
    small, large = (_queries(name, cases[size]) for size in SIZES)

    assert large == small, f"{name}: {small} queries at {SIZES[0]} rows, {large} at {SIZES[1]}"
    assert large <= BUDGETS[name].budget, f"{name}: {large} > budget {BUDGETS[name].budget}"


def test_every_section_of_the_participant_page_has_a_budget():
    assert sorted(SECTION_BUDGETS) == sorted(participant_sections.keys())


@pytest.mark.django_db
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
@pytest.mark.parametrize("section", sorted(SECTION_BUDGETS))
def test_each_section_of_the_participant_page_costs_the_same_at_10_and_200_rows(
    cases, section, headers
):
    """The whole page, and the section alone as HTMX swaps it in, within the section's budget."""
    spec = SECTION_BUDGETS[section]
    name = "participants:participant-detail"
    small, large = (_queries(name, cases[size], spec, **headers) for size in SIZES)

    assert large == small, f"{section}: {small} queries at {SIZES[0]} rows, {large} at {SIZES[1]}"
    assert large <= spec.budget, f"{section}: {large} > budget {spec.budget}"
