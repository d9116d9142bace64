"""Migrations move data, never drop it: a database seeded before language plans and jobs had
apps of their own migrates forward with every record, and with its change history still
pointing at the records under their new apps."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

BEFORE_THE_SPLIT = [
    ("placements", "0001_initial"),
    ("employment", None),
    ("language", None),
    ("employers", "0002_search_text"),
    ("auditlog", "0017_add_actor_email"),
    ("contenttypes", "0002_remove_content_type_name"),
]
MOVED = {
    "employment": ["employment", "followupcheckin"],
    "language": ["languageplan", "languagegoal", "languageobservation", "languagenote"],
}


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    nodes = [target for target in targets if target[1] is not None]
    return executor.loader.project_state(nodes).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def _seed_before_the_split(apps, *, new_content_types_exist: bool) -> dict[str, int]:
    """The records of one placement with a language plan and the job it led to, made with the
    models as they were, and a history row for each moved record."""
    get = apps.get_model
    ContentType, LogEntry = get("contenttypes", "ContentType"), get("auditlog", "LogEntry")
    if not new_content_types_exist:
        # As in a database that never ran the new apps' migrations.
        ContentType.objects.filter(app_label__in=MOVED).delete()
    org = get("accounts", "Organisation").objects.create(name="Elvestad kommune")
    team = get("accounts", "Team").objects.create(organisation=org, name="Team A")
    user = get("accounts", "User").objects.create(
        username="spes", organisation=org, team=team, is_job_specialist=True
    )
    participant = get("participants", "Participant").objects.create(
        organisation=org,
        team=team,
        specialist=user,
        first_name="Ola",
        last_name="Nordmann",
        birth_date=dt.date(1990, 5, 17),
    )
    employer = get("employers", "Employer").objects.create(
        organisation=org, org_number="923609016", name="Rema Elvestad AS"
    )
    placement = get("placements", "Placement").objects.create(
        participant=participant,
        employer=employer,
        kind="wage_subsidy",
        state="ended",
        planned_start=dt.date(2026, 1, 5),
        subsidy_kind="lonnstilskudd",
    )
    plan = get("placements", "LanguagePlan").objects.create(
        participant=participant, placement=placement, teacher=user, final_goal="B1"
    )
    goal = get("placements", "LanguageGoal").objects.create(plan=plan, description="Småprat")
    job = get("placements", "Employment").objects.create(
        participant=participant,
        employer=employer,
        placement=placement,
        kind="part_time",
        started_on=dt.date(2026, 3, 1),
        percent_of_full_time=60,
    )
    checkin = get("placements", "FollowUpCheckin").objects.create(
        employment=job, due_on=dt.date(2026, 3, 8), label="1w", done_on=dt.date(2026, 3, 8)
    )
    ids = {"plan": plan.pk, "goal": goal.pk, "job": job.pk, "checkin": checkin.pk}
    for model, pk in [
        ("languageplan", plan.pk),
        ("languagegoal", goal.pk),
        ("employment", job.pk),
        ("followupcheckin", checkin.pk),
    ]:
        old_type, _ = ContentType.objects.get_or_create(app_label="placements", model=model)
        LogEntry.objects.create(
            content_type=old_type,
            object_pk=str(pk),
            object_id=pk,
            actor=user,
            object_repr=f"{model} #{pk}",
            action=0,
            changes={"id": ["None", "***"]},
        )
    return ids


@pytest.mark.parametrize("new_content_types_exist", [False, True])
def test_a_database_from_before_the_split_migrates_forward_with_its_records_and_history(
    new_content_types_exist,
):
    old = _migrate(BEFORE_THE_SPLIT)
    ids = _seed_before_the_split(old, new_content_types_exist=new_content_types_exist)

    new = _migrate(_latest())

    get = new.get_model
    job = get("employment", "Employment").objects.get(pk=ids["job"])
    assert (job.percent_of_full_time, job.placement.subsidy_kind) == (60, "wage_subsidy")
    checkin = get("employment", "FollowUpCheckin").objects.get(pk=ids["checkin"])
    assert (checkin.employment_id, checkin.label, checkin.version) == (job.pk, "1w", 1)
    plan = get("language", "LanguagePlan").objects.get(pk=ids["plan"])
    assert (plan.final_goal, plan.placement_id) == ("B1", job.placement_id)
    assert get("language", "LanguageGoal").objects.get(pk=ids["goal"]).plan_id == plan.pk
    assert get("placements", "Meeting")._meta.get_field("version")

    tables = set(connection.introspection.table_names())
    assert {"employment_employment", "employment_followupcheckin", "language_languageplan"} <= (
        tables
    )
    assert not {name for name in tables if name.startswith("placements_language")}
    assert "placements_employment" not in tables

    ContentType, LogEntry = get("contenttypes", "ContentType"), get("auditlog", "LogEntry")
    assert not ContentType.objects.filter(
        app_label="placements", model__in=[m for models in MOVED.values() for m in models]
    ).exists()
    for app, model, pk in [
        ("employment", "employment", ids["job"]),
        ("employment", "followupcheckin", ids["checkin"]),
        ("language", "languageplan", ids["plan"]),
        ("language", "languagegoal", ids["goal"]),
    ]:
        history = LogEntry.objects.filter(content_type__app_label=app, content_type__model=model)
        assert list(history.values_list("object_pk", flat=True)) == [str(pk)], (app, model)


def test_the_split_can_be_undone():
    """Rolling back to before the split puts the tables and stored values back as they were."""
    _migrate(_latest())
    old = _migrate(BEFORE_THE_SPLIT)

    tables = set(connection.introspection.table_names())
    assert {"placements_employment", "placements_languageplan"} <= tables
    assert "employment_employment" not in tables
    assert old.get_model("placements", "Employment")

    _migrate(_latest())
