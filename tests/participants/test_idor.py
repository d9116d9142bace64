"""IDOR: guessing an id never opens or changes someone else's case.

Out of scope is 404, never 403 (a 403 would confirm that the record exists), and a refused
POST changes nothing. Every write below is sent with data that *does* work for someone in scope
(``test_the_same_request_works_for_someone_in_scope``), so a refusal here is the scope check
and not a form error.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from placetrain.activities.models import Contact, NextStep
from placetrain.employers.models import Employer, EmployerContact
from placetrain.lib.dates import today
from placetrain.participants.models import (
    Consent,
    Participant,
    SensitiveInfo,
    StatusChange,
    WorkHistoryEntry,
)
from tests.factories import (
    ConsentFactory,
    EmployerContactFactory,
    EmployerFactory,
    NextStepFactory,
    OrganisationFactory,
    TeamFactory,
    UserFactory,
)

HTMX = {"HX-Request": "true"}


@pytest.fixture
def case(world):
    """participant_a's case with one of everything, and the employer with a contact person."""
    # Names that cannot turn up on a page by chance (the factories draw common surnames).
    Participant.objects.filter(pk=world.participant_a.pk).update(
        first_name="Idortest", last_name="Skjermetsen", search_name="idortest skjermetsen"
    )
    Participant.objects.filter(pk=world.participant_b.pk).update(
        first_name="Kontroll", last_name="Synligsen", search_name="kontroll synligsen"
    )
    world.participant_a.refresh_from_db()
    world.participant_b.refresh_from_db()
    participant = world.participant_a
    return SimpleNamespace(
        participant=participant,
        employer=world.employer,
        consent=ConsentFactory(participant=participant, given_on=today() - dt.timedelta(days=30)),
        work_entry=WorkHistoryEntry.objects.create(participant=participant, workplace="Kiwi"),
        next_step=NextStepFactory(participant=participant, owner=world.specialist_a),
        contact_person=EmployerContactFactory(employer=world.employer, name="Kari Nordmann"),
        teacher=world.teacher,
    )


@pytest.fixture
def outsider(db):
    """A user of another organisation holding every case role, in a team sharing its caseload."""
    team = TeamFactory(organisation=OrganisationFactory(name="Nabokommunen"), shared_caseload=True)
    return UserFactory(
        username="utenfor",
        team=team,
        is_job_specialist=True,
        is_team_leader=True,
        is_language_teacher=True,
    )


def _recently() -> str:
    return (timezone.localtime() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")


def _participant_edit(case) -> dict:
    p = case.participant
    return {
        "first_name": "Endret",
        "last_name": p.last_name,
        "birth_date": p.birth_date.isoformat(),
        "phone": p.phone,
        "specialist": p.specialist_id,
        "programme": p.programme_id,
        "language_teachers": [case.teacher.pk],
        "version": p.version,
    }


def _sensitive_edit(case) -> dict:
    info = SensitiveInfo.objects.get(participant=case.participant)
    return {"health": "Endret", "version": info.version}


def _contact_log(case) -> dict:
    return {
        "kontakt-channel": Contact.Channel.PHONE,
        "kontakt-counterpart": Contact.Counterpart.PARTICIPANT,
        "kontakt-occurred_at": _recently(),
        "kontakt-duration_minutes": "30",
        "kontakt-note": "Ringte om praksis",
        "kontakt-next_step_when": "7",
    }


def _employer_contact_log(case) -> dict:
    return {
        "kontakt-channel": Contact.Channel.WORKPLACE,
        "kontakt-counterpart": Contact.Counterpart.EMPLOYER,
        "kontakt-employer_contact": case.contact_person.pk,
        "kontakt-occurred_at": _recently(),
        "kontakt-duration_minutes": "45",
        "kontakt-note": "Besøk",
    }


def _employer_edit(case) -> dict:
    e = case.employer
    return {"name": "Endret AS", "org_number": e.org_number, "version": e.version}


@dataclass(frozen=True)
class Attempt:
    """One request against participant_a's case or the employer, as someone in scope sends it."""

    id: str
    url_name: str
    kwargs: dict = field(default_factory=lambda: {"pk": "participant"})
    method: str = "GET"
    data: object = None  # callable(case) -> dict, for POSTs
    htmx: bool = False
    owner: str = "specialist_a"  # who may do this (the control)
    owner_status: int | None = None  # what the owner gets; 200 for GET, 302 for POST

    def url(self, case) -> str:
        kwargs = {key: getattr(case, attr).pk for key, attr in self.kwargs.items()}
        return reverse(self.url_name, kwargs=kwargs)

    def send(self, client, case):
        headers = HTMX if self.htmx else {}
        if self.method == "POST":
            data = self.data(case) if self.data else {}
            return client.post(self.url(case), data, headers=headers)
        return client.get(self.url(case), headers=headers)

    @property
    def expected_for_owner(self) -> int:
        if self.owner_status is not None:
            return self.owner_status
        return 302 if self.method == "POST" else 200


CONSENT = {"pk": "participant", "consent_pk": "consent"}
ENTRY = {"pk": "participant", "entry_pk": "work_entry"}
EMPLOYER = {"pk": "employer"}
PERSON = {"pk": "employer", "contact_pk": "contact_person"}

PARTICIPANT_ATTEMPTS = [
    Attempt("read", "participants:detail"),
    Attempt("update-form", "participants:update"),
    Attempt("update", "participants:update", method="POST", data=_participant_edit),
    Attempt("delete-form", "participants:delete", owner="leader_a"),
    Attempt("delete", "participants:delete", method="POST", owner="leader_a"),
    Attempt("export", "participants:export"),
    Attempt(
        "status",
        "participants:status",
        method="POST",
        data=lambda case: {"status": "active", "on": today().isoformat(), "note": "Startet"},
    ),
    Attempt("consent-form", "participants:consent-create"),
    Attempt(
        "consent-create",
        "participants:consent-create",
        method="POST",
        data=lambda case: {
            "kind": Consent.Kind.EMPLOYER_DISCLOSURE,
            "scope": "Norsknivå og arbeidserfaring",
            "given_on": today().isoformat(),
            "method": Consent.Method.WRITTEN,
        },
    ),
    Attempt("consent-withdraw-form", "participants:consent-withdraw", kwargs=CONSENT),
    Attempt(
        "consent-withdraw",
        "participants:consent-withdraw",
        kwargs=CONSENT,
        method="POST",
        data=lambda case: {"on": today().isoformat()},
    ),
    Attempt("work-form", "participants:work-create"),
    Attempt(
        "work-create",
        "participants:work-create",
        method="POST",
        data=lambda case: {"workplace": "Rema 1000", "role": "Butikkmedarbeider"},
    ),
    Attempt("work-delete", "participants:work-delete", kwargs=ENTRY, method="POST"),
    Attempt("sensitive", "participants:sensitive"),
    Attempt("sensitive-fragment", "participants:sensitive", htmx=True),
    Attempt("sensitive-edit", "participants:sensitive", method="POST", data=_sensitive_edit),
    Attempt("access-log", "participants:access-log"),
    Attempt("access-log-fragment", "participants:access-log", htmx=True),
    Attempt("timeline-fragment", "participants:timeline", htmx=True),
    Attempt("contact-form", "activities:participant-contact-create"),
    Attempt("contact-form-fragment", "activities:participant-contact-create", htmx=True),
    Attempt(
        "contact-log",
        "activities:participant-contact-create",
        method="POST",
        data=_contact_log,
    ),
    Attempt(
        "contact-log-fragment",
        "activities:participant-contact-create",
        method="POST",
        data=_contact_log,
        htmx=True,
        owner_status=200,  # HTMX gets the refreshed timeline back
    ),
]

EMPLOYER_ATTEMPTS = [
    Attempt("employer-read", "employers:detail", kwargs=EMPLOYER),
    Attempt("employer-timeline-fragment", "employers:timeline", kwargs=EMPLOYER, htmx=True),
    Attempt("employer-update-form", "employers:update", kwargs=EMPLOYER),
    Attempt(
        "employer-update", "employers:update", kwargs=EMPLOYER, method="POST", data=_employer_edit
    ),
    Attempt("person-create-form", "employers:person-create", kwargs=EMPLOYER),
    Attempt(
        "person-create",
        "employers:person-create",
        kwargs=EMPLOYER,
        method="POST",
        data=lambda case: {"name": "Ola Nordmann", "role": "Butikksjef"},
    ),
    Attempt("person-update-form", "employers:person-update", kwargs=PERSON),
    Attempt(
        "person-update",
        "employers:person-update",
        kwargs=PERSON,
        method="POST",
        data=lambda case: {"name": "Endret Navn"},
    ),
    Attempt("person-delete", "employers:person-delete", kwargs=PERSON, method="POST"),
    Attempt("employer-contact-form", "activities:employer-contact-create", kwargs=EMPLOYER),
    Attempt(
        "employer-contact-log",
        "activities:employer-contact-create",
        kwargs=EMPLOYER,
        method="POST",
        data=_employer_contact_log,
    ),
]


def _ids(attempt: Attempt) -> str:
    return attempt.id


def _snapshot(case) -> dict:
    """Everything a refused request could have touched."""
    models = (
        Participant,
        StatusChange,
        Consent,
        WorkHistoryEntry,
        SensitiveInfo,
        Contact,
        NextStep,
        Employer,
        EmployerContact,
        LogEntry,  # not even an access-log row for a request that was refused
    )
    participant = Participant.objects.filter(pk=case.participant.pk)
    return {
        "counts": {model.__name__: model.objects.count() for model in models},
        "participant": list(
            participant.values("first_name", "status", "version", "specialist_id", "team_id")
        ),
        "teachers": sorted(
            Participant.language_teachers.through.objects.values_list("participant_id", "user_id")
        ),
        "sensitive": list(SensitiveInfo.objects.order_by("pk").values("health", "version")),
        "consents": list(Consent.objects.order_by("pk").values("pk", "withdrawn_on")),
        "work": list(WorkHistoryEntry.objects.order_by("pk").values("pk", "workplace")),
        "next_steps": list(NextStep.objects.order_by("pk").values("pk", "done_at")),
        "employers": list(Employer.objects.order_by("pk").values("pk", "name", "version")),
        "people": list(EmployerContact.objects.order_by("pk").values("pk", "name", "role")),
    }


def _assert_refused_without_a_trace(response, before, case) -> None:
    assert response.status_code == 404
    assert _snapshot(case) == before
    body = response.content.decode()
    assert case.participant.last_name not in body
    assert case.employer.name not in body


@pytest.mark.parametrize("attempt", PARTICIPANT_ATTEMPTS + EMPLOYER_ATTEMPTS, ids=_ids)
def test_the_same_request_works_for_someone_in_scope(attempt, world, case, client_for):
    """The control: each request below is refused for scope, not for bad data."""
    client = client_for(world.user(attempt.owner))
    before = _snapshot(case)
    response = attempt.send(client, case)
    assert response.status_code == attempt.expected_for_owner, response.content[:500]
    if attempt.method == "POST":
        assert _snapshot(case) != before


@pytest.mark.parametrize("attempt", PARTICIPANT_ATTEMPTS, ids=_ids)
def test_a_specialist_in_another_team_gets_404_on_a_team_a_participant(
    attempt, world, case, client_for
):
    client = client_for(world.specialist_b)
    before = _snapshot(case)
    _assert_refused_without_a_trace(attempt.send(client, case), before, case)


@pytest.mark.parametrize("attempt", PARTICIPANT_ATTEMPTS + EMPLOYER_ATTEMPTS, ids=_ids)
def test_a_user_of_another_organisation_gets_404(attempt, world, case, outsider, client_for):
    client = client_for(outsider)
    before = _snapshot(case)
    _assert_refused_without_a_trace(attempt.send(client, case), before, case)


def test_a_teacher_of_another_organisation_wrongly_assigned_still_gets_404(
    world, case, outsider, client_for
):
    case.participant.language_teachers.add(outsider)
    client = client_for(outsider)
    response = client.get(reverse("participants:detail", kwargs={"pk": case.participant.pk}))
    assert response.status_code == 404


def test_another_teams_participant_is_not_listed(world, case, client_for):
    client = client_for(world.specialist_b)
    response = client.get(reverse("participants:list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert world.participant_b.last_name in body  # the control: one's own is listed
    assert case.participant.last_name not in body
    assert reverse("participants:detail", kwargs={"pk": case.participant.pk}) not in body


def test_another_teams_participant_is_not_found_by_searching_for_the_name(world, case, client_for):
    detail = reverse("participants:detail", kwargs={"pk": case.participant.pk})
    search = {"q": case.participant.last_name}  # echoed in the search box: look for the rest
    found = client_for(world.specialist_a).get(reverse("participants:list"), search)
    assert detail in found.content.decode()  # the control: the search does find them
    response = client_for(world.specialist_b).get(reverse("participants:list"), search)
    assert response.status_code == 200
    body = response.content.decode()
    assert case.participant.first_name not in body
    assert detail not in body


# --- Nested ids: the child must belong to the parent in the URL -------------------------------


def test_a_consent_of_another_participant_cannot_be_withdrawn_through_ones_own(
    world, case, client_for
):
    foreign = ConsentFactory(
        participant=world.participant_b, given_on=today() - dt.timedelta(days=30)
    )
    client = client_for(world.specialist_a)
    url = reverse(
        "participants:consent-withdraw",
        kwargs={"pk": case.participant.pk, "consent_pk": foreign.pk},
    )
    before = _snapshot(case)
    assert client.get(url).status_code == 404
    response = client.post(url, {"on": today().isoformat()})
    assert response.status_code == 404
    assert _snapshot(case) == before
    foreign.refresh_from_db()
    assert foreign.withdrawn_on is None


def test_a_work_entry_of_another_participant_cannot_be_deleted_through_ones_own(
    world, case, client_for
):
    foreign = WorkHistoryEntry.objects.create(participant=world.participant_b, workplace="Coop")
    client = client_for(world.specialist_a)
    url = reverse(
        "participants:work-delete", kwargs={"pk": case.participant.pk, "entry_pk": foreign.pk}
    )
    response = client.post(url)
    assert response.status_code == 404
    assert WorkHistoryEntry.objects.filter(pk=foreign.pk).exists()


@pytest.mark.parametrize("action", ["update-form", "update", "delete"])
def test_a_contact_person_of_another_organisations_employer_cannot_be_reached_through_ones_own(
    action, world, case, client_for
):
    other_employer = EmployerFactory(organisation=OrganisationFactory(), org_number="974760673")
    foreign = EmployerContactFactory(employer=other_employer, name="Per Hansen")
    client = client_for(world.specialist_a)
    kwargs = {"pk": case.employer.pk, "contact_pk": foreign.pk}
    if action == "update-form":
        response = client.get(reverse("employers:person-update", kwargs=kwargs))
    elif action == "update":
        response = client.post(
            reverse("employers:person-update", kwargs=kwargs), {"name": "Endret"}
        )
    else:
        response = client.post(reverse("employers:person-delete", kwargs=kwargs))
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert (foreign.name, foreign.employer_id) == ("Per Hansen", other_employer.pk)


# --- Next steps belong to their owner ---------------------------------------------------------


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
@pytest.mark.parametrize(
    "persona", ["specialist_a2", "specialist_b", "leader_a", "teacher", "outsider"]
)
def test_someone_elses_next_step_cannot_be_marked_done(
    persona, htmx, world, case, outsider, client_for
):
    user = outsider if persona == "outsider" else world.user(persona)
    client = client_for(user)
    url = reverse("activities:next-step-done", kwargs={"pk": case.next_step.pk})
    before = _snapshot(case)
    response = client.post(url, headers=HTMX if htmx else {})
    assert response.status_code == 404
    assert _snapshot(case) == before
    case.next_step.refresh_from_db()
    assert case.next_step.done_at is None


def test_the_owner_can_mark_their_next_step_done(world, case, client_for):
    client = client_for(world.specialist_a)
    url = reverse("activities:next-step-done", kwargs={"pk": case.next_step.pk})
    assert client.post(url).status_code == 302
    case.next_step.refresh_from_db()
    assert case.next_step.done_at is not None


def test_a_next_step_on_ones_own_participant_owned_by_someone_else_is_theirs_to_close(
    world, case, client_for
):
    """Even the responsible specialist cannot close a step a colleague owns."""
    step = NextStepFactory(participant=case.participant, owner=world.leader_a)
    client = client_for(world.specialist_a)
    response = client.post(reverse("activities:next-step-done", kwargs={"pk": step.pk}))
    assert response.status_code == 404
    step.refresh_from_db()
    assert step.done_at is None


def test_an_id_out_of_scope_answers_exactly_like_an_id_that_does_not_exist(world, case, client_for):
    """A guesser cannot tell "not yours" from "not there"."""
    client = client_for(world.specialist_b)
    missing = Participant.objects.order_by("-pk").first().pk + 1000
    responses = [
        client.get(reverse("participants:detail", kwargs={"pk": pk}))
        for pk in (case.participant.pk, missing)
    ]
    assert [r.status_code for r in responses] == [404, 404]
    assert responses[0].content == responses[1].content
