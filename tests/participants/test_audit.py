"""Access log and masked change history for participants (django-auditlog ``LogEntry``).

Every read of a participant writes exactly one ACCESS row naming who, when and which section;
every change writes a row naming which fields changed, never the values; no row, and no log
line, ever carries what was typed into the record.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from types import SimpleNamespace

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation

from placetrain.employment import services as employment_services
from placetrain.employment.models import Employment, FollowUpCheckin
from placetrain.language import services as language_services
from placetrain.language.models import LanguagePlan
from placetrain.lib.audit import MASK, Section, access_log
from placetrain.lib.dates import today
from placetrain.participants import services as participant_services
from placetrain.participants.models import (
    Participant,
    SensitiveInfo,
    Stage,
    Status,
    StatusChange,
    VocationalProfile,
)
from placetrain.participants.pages import participant_sections
from placetrain.placements import services as placement_services
from placetrain.placements.models import Meeting, Placement, PlacementType, Purpose
from tests.factories import EmployerFactory, ParticipantFactory, TeamFactory, UserFactory
from tests.html import parse

SECRET = "HEMMELIG-7f3a9c"
HTMX = {"HTTP_HX_REQUEST": "true"}

PARTICIPANT = {"pk": "participant"}


def _read(section, name, headers=None, query="", kwargs=PARTICIPANT, *, id):
    """One read: the section written to the log, the url name, request headers, the query
    string, and what the url's kwargs point at (attributes of the ``workflow`` fixture)."""
    return pytest.param(section, name, headers or {}, query, kwargs, id=id)


# The participant page's sections (``?section=``), as a page and as the HTMX swap: each read is
# logged under the section's own access-log section.
SECTION_READS = {
    "overview": "overview",
    "placements": "placement",
    "suggestions": "matching",
    "jobs": "employment",
    "language": "language-plan",
    "details": "details",
}
DETAIL = "participants:participant-detail"

READS = [
    _read("overview", "participants:participant-detail", id="detail"),
    *(
        _read(logged, DETAIL, headers, f"?section={key}", id=f"detail-{key}{suffix}")
        for key, logged in SECTION_READS.items()
        for headers, suffix in (({}, ""), (HTMX, "-htmx"))
    ),
    _read("edit", "participants:participant-update", id="edit-get"),
    _read("sensitive", "participants:sensitive-detail", id="sensitive"),
    _read("sensitive", "participants:sensitive-detail", HTMX, id="sensitive-htmx"),
    _read("sensitive", "participants:sensitive-update", id="sensitive-edit-get"),
    _read("timeline", "participants:participant-timeline", HTMX, id="timeline-htmx"),
    _read("export", "participants:participant-export", id="export"),
    _read("access-log", "participants:access-log-list", id="access-log"),
    _read("access-log", "participants:access-log-list", HTMX, id="access-log-htmx"),
    _read("contact-log", "activities:contact-log", id="contact-form-get"),
    _read("contact-log", "activities:contact-log", HTMX, id="contact-form-get-htmx"),
    # The place-train workflow: each read is logged on the participant, under its section.
    _read("stages", "participants:stage-list", id="stages"),
    _read("profile", "participants:profile-detail", id="profile"),
    _read("profile", "participants:profile-update", id="profile-edit-get"),
    _read(
        "profile",
        "participants:profile-version-detail",
        kwargs={"pk": "participant", "number": "profile.number"},
        id="profile-version",
    ),
    _read("placement", "placements:placement-plan", id="placement-plan-get"),
    _read("placement", "placements:placement-detail", kwargs={"pk": "placement"}, id="placement"),
    _read(
        "placement", "placements:placement-print-6h", kwargs={"pk": "placement"}, id="placement-6h"
    ),
    _read(
        "placement",
        "placements:placement-update",
        kwargs={"pk": "placement"},
        id="placement-update-get",
    ),
    _read(
        "placement",
        "placements:placement-start",
        kwargs={"pk": "placement"},
        id="placement-start-get",
    ),
    _read(
        "placement",
        "placements:placement-extend",
        kwargs={"pk": "placement"},
        id="placement-extend-get",
    ),
    _read(
        "placement", "placements:placement-end", kwargs={"pk": "placement"}, id="placement-end-get"
    ),
    _read("language-plan", "language:language-plan-create", id="language-plan-create-get"),
    _read(
        "language-plan",
        "language:language-plan-detail",
        kwargs={"pk": "language_plan"},
        id="language-plan",
    ),
    _read(
        "language-plan",
        "language:language-plan-update",
        kwargs={"pk": "language_plan"},
        id="language-plan-update-get",
    ),
    _read(
        "language-plan",
        "language:language-observation-add",
        kwargs={"pk": "language_plan"},
        id="language-observation-get",
    ),
    _read(
        "meeting",
        "placements:meeting-plan",
        kwargs={"pk": "placement"},
        id="meeting-create-get",
    ),
    _read("meeting", "placements:meeting-detail", kwargs={"pk": "meeting"}, id="meeting"),
    _read(
        "meeting", "placements:meeting-update", kwargs={"pk": "meeting"}, id="meeting-update-get"
    ),
    _read("meeting", "placements:meeting-hold", kwargs={"pk": "meeting"}, id="meeting-hold-get"),
    _read("employment", "employment:employment-create", id="employment-create-get"),
    _read(
        "employment", "employment:employment-detail", kwargs={"pk": "employment"}, id="employment"
    ),
    _read(
        "employment",
        "employment:employment-end",
        kwargs={"pk": "employment"},
        id="employment-end-get",
    ),
    _read("employment", "employment:checkin-record", kwargs={"pk": "checkin"}, id="checkin-get"),
    _read("individual-plan", "placements:individual-plan", id="individual-plan"),
    _read(
        "individual-plan",
        "placements:individual-plan",
        query="?for=employer",
        id="individual-plan-for-employer",
    ),
    _read("individual-plan", "placements:individual-plan-employer", id="individual-plan-employer"),
    # Forms that show the participant are reads too.
    _read("consents", "participants:consent-create", id="consent-create-get"),
    _read(
        "consents",
        "participants:consent-withdraw",
        kwargs={"pk": "participant", "consent_pk": "consent"},
        id="consent-withdraw-get",
    ),
    _read("work-history", "participants:work-history-create", id="work-history-create-get"),
    _read(
        "language-plan",
        "language:language-goal-add",
        kwargs={"pk": "language_plan"},
        id="language-goal-add-get",
    ),
    _read(
        "language-plan",
        "language:language-goal-set-reached",
        kwargs={"pk": "language_plan", "goal_pk": "goal"},
        id="language-goal-reached-get",
    ),
    _read(
        "language-plan",
        "language:language-note-add",
        kwargs={"pk": "language_plan"},
        id="language-note-get",
    ),
]

# Pages that show no participant's data (lists are scoped and show names only through the
# pages they link to; the employer register is not a participant record), and the delete
# confirmation, which is the team leader's and has its own test below.
NOT_A_PARTICIPANT_READ = {
    "activities:my-day",
    "activities:employer-contact-log",
    "accounts:login",
    "accounts:preferences-update",
    "participants:participant-list",
    "participants:participant-create",
    "participants:participant-delete",
    "employers:employer-list",
    "employers:employer-create",
    "employers:employer-detail",
    "employers:employer-update",
    "employers:employer-timeline",
    "employers:employer-chain",  # the chain's employers and their contact counts
    "employers:employer-stage-change",
    "employers:agreement-create",
    "employers:agreement-update",
    "employers:contact-person-create",
    "employers:contact-person-update",
    "employers:job-analysis-create",
    "employers:job-analysis-detail",  # the job; suggested candidates are logged by their panel
    "employers:job-analysis-update",
    "placements:mentor-choices",  # an employer's people, for the plan form
    "language:taught-participant-list",
    "admin:index",
    "healthz",
}


@pytest.fixture
def workflow(world):
    """participant_a's place-train workflow: a profile, a planned placement with a meeting, a
    language plan, and a job with its follow-up check-ins (built by the services)."""
    participant, user = world.participant_a, world.specialist_a
    profile = participant_services.profile_update(
        user=user, participant=participant, data={"job_wishes": "Butikk"}, based_on=None
    )
    placement = placement_services.placement_plan(
        user=user,
        participant=participant,
        data={
            "employer": world.employer,
            "kind": PlacementType.WORK_TRAINING,
            "planned_start": today() + dt.timedelta(days=7),
        },
    )
    employment = employment_services.employment_create(
        user=user,
        participant=participant,
        data={
            "employer": world.employer,
            "kind": Employment.Kind.PART_TIME,
            "started_on": today() - dt.timedelta(days=10),
            "percent_of_full_time": 60,
        },
    )
    plan = language_services.language_plan_create(
        user=user, participant=participant, data={"teacher": world.teacher}
    )
    return SimpleNamespace(
        participant=participant,
        profile=profile,
        placement=placement,
        meeting=placement_services.meeting_plan(
            user=user,
            placement=placement,
            data={"kind": Meeting.Kind.STARTUP, "planned_at": timezone.now()},
        ),
        language_plan=plan,
        goal=language_services.language_goal_add(
            user=user, plan=plan, description="Småprat", due_on=None
        ),
        consent=participant_services.consent_create(
            user=user,
            participant=participant,
            data={
                "kind": "service",
                "scope": "Fastlegen",
                "given_on": today(),
                "method": "oral",
            },
        ),
        employment=employment,
        checkin=employment.checkins.order_by("due_on", "pk").first(),
    )


def workflow_url(name: str, kwargs: dict, objects) -> str:
    values = {}
    for key, spec in kwargs.items():
        attr, _dot, field = spec.partition(".")
        values[key] = getattr(getattr(objects, attr), field or "pk")
    return reverse(name, kwargs=values)


def participant_rows(participant, **filters):
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Participant),
        object_pk=str(participant.pk),
        **filters,
    )


def new_rows(before_pk: int):
    return LogEntry.objects.filter(pk__gt=before_pk).order_by("pk")


def last_pk() -> int:
    return LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def url(name: str, participant) -> str:
    return reverse(name, kwargs={"pk": participant.pk})


def participant_post_data(participant, **overrides) -> dict:
    """What the edit form posts back for ``participant`` unchanged, plus ``overrides``."""
    data = {
        "first_name": participant.first_name,
        "last_name": participant.last_name,
        "birth_date": participant.birth_date.isoformat(),
        "phone": participant.phone,
        "email": participant.email,
        "address": participant.address,
        "postal_code": participant.postal_code,
        "municipality": participant.municipality,
        "mother_tongue": participant.mother_tongue,
        "other_languages": participant.other_languages,
        "norwegian_level": participant.norwegian_level,
        "norwegian_level_date": "",
        "norwegian_level_assessed_by": participant.norwegian_level_assessed_by,
        "education": participant.education,
        "programme": participant.programme_id or "",
        "referral_date": "",
        "referred_by": participant.referred_by,
        "referral_order": participant.referral_order,
        "specialist": participant.specialist_id,
        "language_teachers": [t.pk for t in participant.language_teachers.all()],
        "version": participant.version,
    }
    data.update(overrides)
    return data


def sensitive_post_data(participant, **values) -> dict:
    info = SensitiveInfo.objects.filter(participant=participant).first()
    data = {"health": "", "substance_use": "", "social_situation": "", "housing": ""}
    if info:
        data.update(
            health=info.health,
            substance_use=info.substance_use,
            social_situation=info.social_situation,
            housing=info.housing,
        )
    data["version"] = info.version if info else 1
    data.update(values)
    return data


# --- One access row per read ------------------------------------------------------------------


def test_every_page_showing_a_participant_is_held_to_one_access_row():
    """A page added without a row in READS (or a reason in NOT_A_PARTICIPANT_READ) fails."""
    from tests.accounts.test_permission_matrix import MATRIX, POST_ONLY

    read = {param.values[1] for param in READS}
    pages = set(MATRIX) - POST_ONLY - {"accounts:logout", "set_language"}
    assert pages - read - NOT_A_PARTICIPANT_READ == set()
    assert read & NOT_A_PARTICIPANT_READ == set()


def test_the_delete_confirmation_is_a_read(world, client_for):
    before = last_pk()

    response = client_for(world.leader_a).get(
        reverse("participants:participant-delete", args=[world.participant_a.pk])
    )

    assert response.status_code == 200
    rows = list(new_rows(before))
    assert [(r.action, r.actor_id, r.additional_data) for r in rows] == [
        (LogEntry.Action.ACCESS, world.leader_a.pk, {"section": "delete"})
    ]


@pytest.mark.parametrize(("section", "name", "headers", "query", "kwargs"), READS)
def test_each_read_writes_exactly_one_access_row_with_actor_section_and_time(
    world, workflow, client_for, section, name, headers, query, kwargs
):
    participant = world.participant_a
    client = client_for(world.specialist_a)
    before = last_pk()
    started = timezone.now()

    response = client.get(workflow_url(name, kwargs, workflow) + query, **headers)

    finished = timezone.now()
    assert response.status_code == 200
    rows = list(new_rows(before))
    assert len(rows) == 1, [(r.action, r.additional_data) for r in rows]
    row = rows[0]
    assert row.action == LogEntry.Action.ACCESS
    assert row.actor_id == world.specialist_a.pk
    assert row.content_type == ContentType.objects.get_for_model(Participant)
    assert row.object_pk == str(participant.pk)
    assert row.additional_data == {"section": section}
    assert row.timestamp is not None
    assert started - dt.timedelta(seconds=1) <= row.timestamp <= finished + dt.timedelta(seconds=1)


def test_a_read_by_the_team_leader_is_logged_with_the_leader_as_actor(world, client_for):
    client = client_for(world.leader_a)
    before = last_pk()

    assert client.get(url("participants:sensitive-detail", world.participant_a)).status_code == 200

    rows = list(new_rows(before))
    assert [(r.action, r.actor_id, r.additional_data) for r in rows] == [
        (LogEntry.Action.ACCESS, world.leader_a.pk, {"section": "sensitive"})
    ]


def test_every_section_of_the_participant_page_is_held_to_its_access_row():
    """A section added to the participant page without a row in SECTION_READS fails."""
    assert sorted(SECTION_READS) == sorted(participant_sections.keys())


def test_a_language_teacher_opening_the_participant_is_logged_as_reading_the_language_plans(
    world, client_for
):
    """The teacher's page opens on the language plans: the case's overview is not theirs."""
    client = client_for(world.teacher)
    before = last_pk()

    assert (
        client.get(url("participants:participant-detail", world.participant_a)).status_code == 200
    )

    rows = list(new_rows(before))
    assert [(r.action, r.actor_id, r.additional_data) for r in rows] == [
        (LogEntry.Action.ACCESS, world.teacher.pk, {"section": "language-plan"})
    ]


@pytest.mark.parametrize("section", ["overview", "placements", "jobs", "no-such-section"])
def test_a_section_refused_to_the_language_teacher_is_not_logged_as_read(
    world, client_for, section
):
    before = last_pk()

    response = client_for(world.teacher).get(
        url("participants:participant-detail", world.participant_a) + f"?section={section}"
    )

    assert response.status_code in (403, 404)
    assert not new_rows(before).exists()


def test_repeated_reads_write_one_row_each(world, client_for):
    client = client_for(world.specialist_a)
    participant = world.participant_a
    before = participant_rows(participant, action=LogEntry.Action.ACCESS).count()

    for _ in range(3):
        assert client.get(url("participants:participant-detail", participant)).status_code == 200

    after = participant_rows(participant, action=LogEntry.Action.ACCESS).count()
    assert after - before == 3


@pytest.mark.parametrize(
    ("persona", "name", "headers", "status"),
    [
        ("specialist_b", "participants:participant-detail", {}, 404),
        ("specialist_b", "participants:participant-update", {}, 404),
        ("specialist_b", "participants:sensitive-detail", {}, 404),
        ("specialist_b", "participants:participant-timeline", HTMX, 404),
        ("specialist_b", "participants:participant-export", {}, 404),
        ("specialist_b", "participants:access-log-list", {}, 404),
        ("specialist_b", "activities:contact-log", {}, 404),
        ("specialist_a2", "participants:participant-detail", {}, 404),
        ("specialist_a2", "participants:sensitive-detail", HTMX, 404),
        ("admin", "participants:participant-detail", {}, 404),
        ("admin", "participants:participant-export", {}, 404),
        ("teacher", "participants:participant-update", {}, 403),
        ("teacher", "participants:sensitive-detail", {}, 403),
        ("teacher", "participants:sensitive-detail", HTMX, 403),
        ("teacher", "participants:participant-timeline", HTMX, 403),
        ("teacher", "participants:participant-export", {}, 403),
        ("teacher", "participants:access-log-list", {}, 403),
        ("teacher", "activities:contact-log", {}, 403),
        ("anonymous", "participants:participant-detail", {}, 302),
        ("anonymous", "participants:sensitive-detail", {}, 302),
        ("anonymous", "participants:participant-export", {}, 302),
    ],
)
def test_a_denied_read_writes_no_row(world, client_for, persona, name, headers, status):
    client = client_for(world.user(persona))
    before = last_pk()

    response = client.get(url(name, world.participant_a), **headers)

    assert response.status_code == status
    assert list(new_rows(before)) == []


def test_a_read_of_a_participant_that_does_not_exist_writes_no_row(world, client_for):
    client = client_for(world.specialist_a)
    missing = Participant.objects.order_by("-pk").first().pk + 1000
    before = last_pk()

    response = client.get(reverse("participants:participant-detail", kwargs={"pk": missing}))

    assert response.status_code == 404
    assert list(new_rows(before)) == []


def test_a_sensitive_read_of_a_shared_caseload_colleague_is_refused_without_a_row(db, client_for):
    team = TeamFactory(shared_caseload=True)
    owner = UserFactory(team=team, is_job_specialist=True)
    colleague = UserFactory(team=team, is_job_specialist=True)
    participant = ParticipantFactory(specialist=owner)
    client = client_for(colleague)

    # The colleague may read the case, and that read is logged ...
    before = last_pk()
    assert client.get(url("participants:participant-detail", participant)).status_code == 200
    assert [r.additional_data for r in new_rows(before)] == [{"section": "overview"}]
    # ... but not the sensitive section or the access log, and those refusals leave nothing.
    before = last_pk()
    assert client.get(url("participants:sensitive-detail", participant)).status_code == 403
    assert client.get(url("participants:access-log-list", participant)).status_code == 403
    assert list(new_rows(before)) == []


# --- Change history: which fields, never the values -------------------------------------------


def assert_masked(changes: dict) -> None:
    assert changes, "a change row must name the changed fields"
    for field, values in changes.items():
        assert values == [MASK, MASK], f"{field} is not masked: {values!r}"


def test_creating_a_participant_logs_the_fields_masked_with_the_actor(world, client_for):
    client = client_for(world.specialist_a)
    before = last_pk()

    response = client.post(
        reverse("participants:participant-create"),
        {
            "first_name": "Amina",
            "last_name": "Prøvestad-Haug",
            "birth_date": "1991-03-04",
            "phone": "91234567",
            "education": "Sykepleier fra Eritrea",
            "specialist": world.specialist_a.pk,
            "status": Status.REFERRED,
            "norwegian_level": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    created = Participant.objects.get(last_name="Prøvestad-Haug")
    rows = list(participant_rows(created, action=LogEntry.Action.CREATE))
    assert len(rows) == 1
    row = rows[0]
    assert row.actor_id == world.specialist_a.pk
    assert {"first_name", "last_name", "birth_date", "phone", "education", "specialist"} <= set(
        row.changes
    )
    assert_masked(row.changes)
    # The first status is part of the same change, and is history too.
    status_row = LogEntry.objects.get(
        pk__gt=before,
        content_type=ContentType.objects.get_for_model(StatusChange),
        action=LogEntry.Action.CREATE,
    )
    assert status_row.actor_id == world.specialist_a.pk
    assert_masked(status_row.changes)


def test_updating_a_participant_logs_exactly_the_changed_fields_masked(world, client_for):
    participant = world.participant_a
    client = client_for(world.specialist_a)
    before = last_pk()

    response = client.post(
        url("participants:participant-update", participant),
        participant_post_data(participant, phone="41414141", education="Fagbrev i kokkfaget"),
    )

    assert response.status_code == 302
    rows = list(participant_rows(participant, pk__gt=before, action=LogEntry.Action.UPDATE))
    assert len(rows) == 1
    row = rows[0]
    assert row.actor_id == world.specialist_a.pk
    assert set(row.changes) == {"phone", "education"}
    assert_masked(row.changes)
    assert "41414141" not in json.dumps(row.changes)
    # The GET of the edit form is not part of it; the POST itself is logged as an edit read.
    sections = [
        r.additional_data["section"]
        for r in participant_rows(participant, pk__gt=before, action=LogEntry.Action.ACCESS)
    ]
    assert sections == ["edit"]


def test_changing_the_sensitive_section_logs_the_field_names_only(world, client_for):
    participant = world.participant_a
    client = client_for(world.specialist_a)
    before = last_pk()

    response = client.post(
        url("participants:sensitive-update", participant),
        sensitive_post_data(participant, housing="Bor hos søsteren sin"),
    )

    assert response.status_code == 302
    row = LogEntry.objects.get(
        pk__gt=before,
        content_type=ContentType.objects.get_for_model(SensitiveInfo),
        action=LogEntry.Action.UPDATE,
    )
    assert row.actor_id == world.specialist_a.pk
    assert set(row.changes) == {"housing"}
    assert_masked(row.changes)


def test_changing_the_status_logs_status_masked(world, client_for):
    participant = world.participant_a
    client = client_for(world.specialist_a)
    before = last_pk()

    response = client.post(
        url("participants:participant-set-status", participant),
        {"status": Status.ACTIVE, "on": timezone.localdate().isoformat(), "note": "Startet"},
    )

    assert response.status_code == 302
    row = participant_rows(participant, pk__gt=before, action=LogEntry.Action.UPDATE).get()
    assert row.actor_id == world.specialist_a.pk
    assert set(row.changes) == {"status"}
    assert_masked(row.changes)


def test_every_change_row_masks_every_value(world, client_for):
    """Whatever the path (create, edit, status, sensitive, delete), no change row holds a value."""
    client = client_for(world.specialist_a)
    participant = world.participant_a
    client.post(
        url("participants:participant-update", participant), participant_post_data(participant)
    )
    client.post(
        url("participants:participant-update", participant),
        participant_post_data(participant, first_name="Endret", address="Storgata 1"),
    )
    client.post(
        url("participants:sensitive-update", participant),
        sensitive_post_data(participant, health="Diabetes"),
    )
    client.post(
        url("participants:participant-set-status", participant),
        {"status": Status.ENDED, "on": timezone.localdate().isoformat()},
    )
    client_for(world.leader_a).post(url("participants:participant-delete", world.participant_a))

    change_rows = LogEntry.objects.exclude(action=LogEntry.Action.ACCESS)
    actions = set(change_rows.values_list("action", flat=True))
    assert {LogEntry.Action.CREATE, LogEntry.Action.UPDATE, LogEntry.Action.DELETE} <= actions
    for row in change_rows:
        if row.changes:
            assert_masked(row.changes)
        assert not row.serialized_data


# --- Object representations -------------------------------------------------------------------


def test_object_repr_is_model_and_id_never_a_name(world, client_for):
    client = client_for(world.specialist_a)
    participant = world.participant_a
    client.get(url("participants:participant-detail", participant))
    client.post(
        url("participants:participant-update", participant),
        participant_post_data(participant, first_name="Zarah", last_name="Ødegård"),
    )
    EmployerFactory(organisation=world.org, org_number="974760673", name="Kiwi Elvestad AS")

    rows = list(LogEntry.objects.select_related("content_type"))
    assert rows
    names = {"Zarah", "Ødegård", "Kiwi Elvestad", "Rema Elvestad", world.org.name}
    for user in (world.specialist_a, world.specialist_b, world.leader_a, world.teacher):
        names |= {user.first_name, user.last_name, user.username}
    for row in rows:
        assert row.object_repr == f"{row.content_type.model} #{row.object_pk}"
        assert re.fullmatch(r"[a-z]+ #\d+", row.object_repr)
        for name in names:
            assert name not in row.object_repr
    models = {row.content_type.model for row in rows}
    assert {"participant", "employer", "user"} <= models


# --- A planted secret never reaches the log ---------------------------------------------------


def every_log_entry_as_text() -> str:
    rows = list(LogEntry.objects.all().values())
    return json.dumps(rows, default=str, ensure_ascii=False)


# The workflow's pages read back after the secret is planted (url name, kwargs).
WORKFLOW_PAGES = [
    ("participants:stage-list", PARTICIPANT),
    ("participants:profile-detail", PARTICIPANT),
    ("participants:profile-update", PARTICIPANT),
    ("participants:profile-version-detail", {"pk": "participant", "number": "profile.number"}),
    ("placements:placement-detail", {"pk": "placement"}),
    ("placements:placement-print-6h", {"pk": "placement"}),
    ("placements:placement-update", {"pk": "placement"}),
    ("placements:placement-start", {"pk": "placement"}),
    ("placements:meeting-detail", {"pk": "meeting"}),
    ("language:language-plan-detail", {"pk": "language_plan"}),
    ("language:language-plan-update", {"pk": "language_plan"}),
    ("employment:employment-detail", {"pk": "employment"}),
    ("employment:checkin-record", {"pk": "checkin"}),
    ("placements:individual-plan", PARTICIPANT),
    ("placements:individual-plan-employer", PARTICIPANT),
]
WORKFLOW_PAGES_SHOWING_THE_SECRET = [
    ("participants:profile-detail", PARTICIPANT),
    ("placements:placement-detail", {"pk": "placement"}),
    ("placements:meeting-detail", {"pk": "meeting"}),
    ("language:language-plan-detail", {"pk": "language_plan"}),
    ("employment:checkin-record", {"pk": "checkin"}),
]


def plant_secret_in_the_workflow(client, world, participant) -> SimpleNamespace:
    """Type SECRET into every free-text field of the workflow's forms, as a user would."""
    day = today().isoformat()

    def post(name: str, data: dict, **kwargs) -> None:
        response = client.post(reverse(name, kwargs=kwargs), data)
        assert response.status_code == 302, (name, response.content.decode()[:2000])

    profile_text = {
        name: f"{name} {SECRET}"
        for name in VocationalProfile.CONTENT_FIELDS
        if VocationalProfile._meta.get_field(name).get_internal_type() in ("TextField", "CharField")
        and name != "desired_workplaces"
    }
    post(
        "participants:profile-update",
        {**profile_text, "desired_workplaces": f"Kiwi {SECRET}\nRema {SECRET}", "based_on": ""},
        pk=participant.pk,
    )
    # A second save from the first version: a new version, its changes read back on the page.
    post(
        "participants:profile-update",
        {**profile_text, "job_wishes": f"Lager {SECRET}", "based_on": "1"},
        pk=participant.pk,
    )
    post(
        "participants:participant-set-stage",
        {"stage": Stage.PROFILE, "on": day, "note": f"Trinn {SECRET}"},
        pk=participant.pk,
    )
    post(
        "placements:placement-plan",
        {
            "employer": world.employer.pk,
            "kind": PlacementType.WORK_TRAINING,
            "planned_start": day,
            "purpose": Purpose.PAID_JOB,
            "goal": f"Mål {SECRET}",
            "sub_goals": f"Delmål {SECRET}",
            "why_here": f"Hvorfor {SECRET}",
            "follow_up_plan": f"Oppfølging {SECRET}",
            "mentor_name": f"Fadder {SECRET}",
            "mentor_role": SECRET,
            "mentor_contact": SECRET,
            "next_step_after": f"Etterpå {SECRET}",
        },
        pk=participant.pk,
    )
    placement = Placement.objects.get(participant=participant, goal=f"Mål {SECRET}")
    post(
        "placements:training-task-add",
        {"ny-oppgave-description": f"Oppgave {SECRET}"},
        pk=placement.pk,
    )
    post(
        "placements:meeting-plan",
        {
            "kind": Meeting.Kind.EVALUATION,
            "planned_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "place": SECRET,
            "attendees": SECRET,
            "agenda": f"Agenda {SECRET}",
        },
        pk=placement.pk,
    )
    meeting = Meeting.objects.get(placement=placement)
    post(
        "placements:meeting-hold",
        {
            "held_on": day,
            "notes": f"Referat {SECRET}",
            "reflection_done": SECRET,
            "reflection_learned": SECRET,
            "reflection_next": SECRET,
            "tiltak-TOTAL_FORMS": "5",
            "tiltak-INITIAL_FORMS": "0",
            "tiltak-0-description": f"Tiltak {SECRET}",
            "tiltak-0-owner": world.specialist_a.pk,
            "tiltak-0-due_on": day,
        },
        pk=meeting.pk,
    )
    post(
        "language:language-plan-create",
        {"placement": placement.pk, "teacher": world.teacher.pk, "final_goal": SECRET},
        pk=participant.pk,
    )
    plan = LanguagePlan.objects.get(participant=participant, final_goal=SECRET)
    post(
        "language:language-goal-add",
        {"delmal-description": f"Delmål {SECRET}", "delmal-due_on": ""},
        pk=plan.pk,
    )
    post(
        "language:language-observation-add",
        {
            "observasjon-observed_on": day,
            "observasjon-small_talk": f"Småprat {SECRET}",
            "observasjon-listened_to": SECRET,
            "observasjon-social_standing": SECRET,
            "observasjon-support": SECRET,
        },
        pk=plan.pk,
    )
    post(
        "language:language-note-add",
        {"notat-written_on": day, "notat-text": f"Notat {SECRET}"},
        pk=plan.pk,
    )
    post(
        "employment:employment-create",
        {
            "employer": world.employer.pk,
            "kind": Employment.Kind.PERMANENT,
            "started_on": day,
            "percent_of_full_time": "80",
        },
        pk=participant.pk,
    )
    employment = Employment.objects.get(participant=participant)
    checkin = FollowUpCheckin.objects.filter(employment=employment).order_by("due_on").first()
    post(
        "employment:checkin-record",
        {
            "done_on": day,
            "still_employed": "yes",
            "hours_per_week": "30",
            "how_participant": f"Deltaker {SECRET}",
            "how_employer": f"Arbeidsgiver {SECRET}",
            "action": f"Tiltak {SECRET}",
        },
        pk=checkin.pk,
    )
    profile = VocationalProfile.objects.filter(participant=participant).order_by("-number").first()
    return SimpleNamespace(
        participant=participant,
        profile=profile,
        placement=placement,
        meeting=meeting,
        language_plan=plan,
        employment=employment,
        checkin=checkin,
    )


def test_a_planted_secret_never_reaches_the_audit_log_or_the_python_log(world, client_for, caplog):
    caplog.set_level(logging.DEBUG)
    participant = world.participant_a
    specialist = client_for(world.specialist_a)

    # Plant the secret in every free-text field of the participant, through the edit form ...
    response = specialist.post(
        url("participants:participant-update", participant),
        participant_post_data(
            participant,
            first_name=SECRET,
            last_name=f"{SECRET}-etternavn",
            phone=SECRET,
            email=f"{SECRET.lower()}@example.org",
            address=f"{SECRET} gate 1",
            municipality=SECRET,
            mother_tongue=SECRET,
            other_languages=SECRET,
            norwegian_level_assessed_by=SECRET,
            education=f"Utdanning: {SECRET}",
            referred_by=SECRET,
            referral_order=f"Bestilling: {SECRET}",
        ),
    )
    assert response.status_code == 302
    # ... in every field of the sensitive section, twice (create-or-update, then update) ...
    for round_ in ("1", "2"):
        response = specialist.post(
            url("participants:sensitive-update", participant),
            sensitive_post_data(
                participant,
                health=f"Helse {SECRET} {round_}",
                substance_use=f"Rus {SECRET} {round_}",
                social_situation=f"Sosialt {SECRET} {round_}",
                housing=f"Bolig {SECRET} {round_}",
            ),
        )
        assert response.status_code == 302
    # ... in a brand-new participant's name, a contact note, a next step, a status note,
    # a consent and a work history entry.
    response = specialist.post(
        reverse("participants:participant-create"),
        {
            "first_name": SECRET,
            "last_name": SECRET,
            "birth_date": "1988-08-08",
            "education": SECRET,
            "specialist": world.specialist_a.pk,
            "status": Status.REFERRED,
        },
    )
    assert response.status_code == 302
    second = Participant.objects.exclude(pk=participant.pk).get(first_name=SECRET)
    response = specialist.post(
        reverse("activities:contact-log", kwargs={"pk": participant.pk}),
        {
            "kontakt-channel": "phone",
            "kontakt-note": f"Samtale om {SECRET}",
            "kontakt-counterpart": "participant",
            "kontakt-occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "kontakt-duration_minutes": "30",
            "kontakt-next_step_when": "7",
            "kontakt-next_step_text": f"Følg opp {SECRET}",
        },
    )
    assert response.status_code == 302
    today = timezone.localdate().isoformat()
    assert (
        specialist.post(
            url("participants:participant-set-status", participant),
            {"status": Status.ACTIVE, "on": today, "note": SECRET},
        ).status_code
        == 302
    )
    assert (
        specialist.post(
            url("participants:consent-create", participant),
            {"kind": "employer", "scope": SECRET, "given_on": today, "method": "oral"},
        ).status_code
        == 302
    )
    assert (
        specialist.post(
            url("participants:work-history-create", participant),
            {"workplace": SECRET, "role": SECRET, "country": SECRET, "description": SECRET},
        ).status_code
        == 302
    )
    # An edit from a stale version: the conflict page reads the history back.
    stale = participant_post_data(
        Participant.objects.get(pk=participant.pk), education=f"Konflikt {SECRET}"
    )
    stale["version"] = 1
    response = specialist.post(url("participants:participant-update", participant), stale)
    assert response.status_code == 200
    assert response.context["conflict"] is not None

    # ... and through the place-train workflow's forms: the vocational profile, a placement's
    # 6H answers, a meeting (planned, then held with notes), a language plan with a sub-goal,
    # an observation and a progress note, and a job with a recorded follow-up check-in.
    workflow = plant_secret_in_the_workflow(specialist, world, participant)

    # Reads of every section, by the specialist and by the team leader.
    for client in (specialist, client_for(world.leader_a)):
        for name, headers in [
            ("participants:participant-detail", {}),
            ("participants:participant-update", {}),
            ("participants:sensitive-detail", {}),
            ("participants:sensitive-detail", HTMX),
            ("participants:participant-timeline", HTMX),
            ("participants:participant-export", {}),
            ("participants:access-log-list", {}),
            ("participants:access-log-list", HTMX),
            ("activities:contact-log", {}),
        ]:
            response = client.get(url(name, participant), **headers)
            assert response.status_code == 200, name
        for name, kwargs in WORKFLOW_PAGES:
            response = client.get(workflow_url(name, kwargs, workflow))
            assert response.status_code == 200, name
    # The planting worked: the secret is in the record and in what the views show.
    assert (
        SECRET
        in specialist.get(url("participants:participant-detail", participant)).content.decode()
    )
    assert (
        SECRET in specialist.get(url("participants:sensitive-detail", participant)).content.decode()
    )
    export = json.loads(specialist.get(url("participants:participant-export", participant)).content)
    assert SECRET in export["sensitive"]["housing"]
    assert SECRET in export["first_name"]
    for name, kwargs in WORKFLOW_PAGES_SHOWING_THE_SECRET:
        page = specialist.get(workflow_url(name, kwargs, workflow)).content.decode()
        assert SECRET in page, name
    # A deletion writes history too.
    assert (
        client_for(world.leader_a).post(url("participants:participant-delete", second)).status_code
        == 302
    )

    # The log is full of rows about all of this ...
    actions = set(LogEntry.objects.values_list("action", flat=True))
    assert {a for a, _label in LogEntry.Action.choices} <= actions
    assert LogEntry.objects.count() > 30
    # (the workflow's records among them: their changes are history too, masked) ...
    changed = set(
        LogEntry.objects.exclude(action=LogEntry.Action.ACCESS).values_list(
            "content_type__model", flat=True
        )
    )
    assert {
        "vocationalprofile",
        "stagechange",
        "placement",
        "trainingtask",
        "meeting",
        "languageplan",
        "languagegoal",
        "languageobservation",
        "languagenote",
        "employment",
        "followupcheckin",
    } <= changed
    sections = set(
        LogEntry.objects.filter(action=LogEntry.Action.ACCESS).values_list(
            "additional_data__section", flat=True
        )
    )
    assert {
        "stages",
        "profile",
        "placement",
        "meeting",
        "language-plan",
        "employment",
        "individual-plan",
    } <= sections
    # ... and not one of them, in any column, carries the secret.
    text = every_log_entry_as_text()
    assert SECRET.lower() not in text.lower()
    assert "7f3a9c" not in text
    # Nor does anything the application logged meanwhile.
    assert "7f3a9c" not in caplog.text
    for record in caplog.records:
        assert "7f3a9c" not in record.getMessage()


def test_the_log_search_finds_a_secret_that_does_reach_a_row(world):
    """The check above can fail: a value in any column is found by the serialised search."""
    LogEntry.objects.log_create(
        world.participant_a,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        additional_data={"section": SECRET},
    )
    assert SECRET in every_log_entry_as_text()


# --- Who sees the access log --------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["specialist_a", "leader_a"])
def test_the_responsible_specialist_and_the_team_leader_see_the_access_log(
    world, client_for, persona
):
    participant = world.participant_a
    client_for(world.teacher).get(url("participants:participant-detail", participant))
    client_for(world.specialist_a).get(url("participants:sensitive-detail", participant))
    client_for(world.leader_a).get(url("participants:participant-export", participant))
    client_for(world.specialist_a).post(
        url("participants:participant-update", participant),
        participant_post_data(participant, phone="47474747"),
    )
    viewer = world.user(persona)
    client = client_for(viewer)

    response = client.get(url("participants:access-log-list", participant))

    assert response.status_code == 200
    entries = list(response.context["entries"])
    seen = {(e.actor_id, (e.additional_data or {}).get("section")) for e in entries}
    assert (world.teacher.pk, "language-plan") in seen
    assert (world.specialist_a.pk, "sensitive") in seen
    assert (world.leader_a.pk, "export") in seen
    assert (viewer.pk, "access-log") in seen
    html = response.content.decode()
    for user in (world.teacher, world.specialist_a, world.leader_a):
        assert user.get_full_name() in html
    for section in ("language-plan", "sensitive", "export", "access-log"):
        assert f'data-section="{section}"' in html
    # The change row names the field, not the value.
    change = next(e for e in entries if e.action == LogEntry.Action.UPDATE)
    assert (change.actor_id, set(change.changes)) == (world.specialist_a.pk, {"phone"})
    with translation.override("nb"):
        assert str(Participant._meta.get_field("phone").verbose_name) in html
    assert "47474747" not in html


def test_the_access_log_fragment_answers_htmx_with_the_table_only(world, client_for):
    client = client_for(world.specialist_a)

    response = client.get(url("participants:access-log-list", world.participant_a), **HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="tilgangslogg-tabell"' in html
    assert "<html" not in html
    assert world.specialist_a.get_full_name() in html


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("specialist_a2", 404),
        ("specialist_b", 404),
        ("teacher", 403),
        ("admin", 404),
        ("anonymous", 302),
    ],
)
def test_nobody_else_sees_the_access_log(world, client_for, persona, status):
    response = client_for(world.user(persona)).get(
        url("participants:access-log-list", world.participant_a)
    )

    assert response.status_code == status
    if status == 302:
        assert reverse("accounts:login") in response["Location"]
    assert world.specialist_a.get_full_name() not in response.content.decode()


def test_the_access_log_pages_through_every_row_in_the_users_language(world, client_for):
    participant = world.participant_a
    for i in range(250):
        access_log(
            user=world.specialist_a if i % 2 else world.leader_a,
            instance=participant,
            section=Section.PROFILE,
        )
    client = client_for(world.leader_a)
    url = reverse("participants:access-log-list", args=[participant.pk])

    total = participant_rows(participant).count()
    seen, next_url = [], url
    while next_url:
        response = client.get(next_url)
        assert response.status_code == 200
        seen += [entry.pk for entry in response.context["entries"]]
        older = response.context["older"]
        next_url = f"{url}?before={older}" if older else None

    assert seen == sorted(seen, reverse=True)  # newest first, no row twice
    there_at_start = set(
        participant_rows(participant).filter(pk__lte=seen[0]).values_list("pk", flat=True)
    )
    assert there_at_start <= set(seen)  # every row, however many pages down
    assert len(seen) >= total > 250
    first = parse(client.get(url))
    actions = {row[2] for row in first.one("#tilgangslogg-tabell").rows}
    assert actions == {"Lest"}  # bokmål, not auditlog's "access"
    older = first.one("nav.pt-actions").links
    assert len(older) == 1 and older[0].startswith(f"{url}?before=")
