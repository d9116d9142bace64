"""The administration pages keep an administrator inside their own organisation, and only a
superuser hands out superuser status or Django's raw permissions."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Permission
from django.urls import reverse

from placetrain.accounts.models import User
from tests.factories import UserFactory
from tests.html import parse

HOUSEKEEPING = [
    ("accounts", "user"),
    ("accounts", "team"),
    ("accounts", "organisation"),
    ("participants", "programme"),
]


@pytest.fixture
def administrator(world, other_org):
    """organisation A's administrator: the role alone gives the housekeeping permissions."""
    assert not world.admin.user_permissions.exists()
    return world.admin


@pytest.mark.parametrize(("app", "model"), HOUSEKEEPING)
def test_the_lists_hold_only_the_own_organisation(world, client_for, administrator, app, model):
    response = client_for(administrator).get(reverse(f"admin:{app}_{model}_changelist"))

    assert response.status_code == 200
    text = parse(response).text
    for theirs in ("spes_nabo", "Team Nabo", "Nabokommunen", "Nabosjansen"):
        assert theirs not in text
    ours = {"user": "spes_a", "team": "Team A", "organisation": world.org.name}
    assert ours.get(model, "Jobbsjansen") in text


@pytest.mark.parametrize(
    ("app", "model", "attr"),
    [
        ("accounts", "user", "other_specialist"),
        ("accounts", "team", "other_team"),
        ("accounts", "organisation", "other_org"),
        ("participants", "programme", "other_programme"),
    ],
)
def test_the_other_organisations_records_cannot_be_opened_or_changed(
    world, client_for, administrator, app, model, attr
):
    record = getattr(world, attr)
    url = reverse(f"admin:{app}_{model}_change", args=[record.pk])
    client = client_for(administrator)

    # The admin's answer for a record it cannot find: back to the index, nothing shown.
    assert client.get(url).status_code == 302
    assert client.post(url, {"name": "Kapret", "username": "kapret"}).status_code == 302
    record.refresh_from_db()
    assert getattr(record, "name", getattr(record, "username", None)) != "Kapret"


def test_choices_offer_only_the_own_organisation_and_its_teams(world, client_for, administrator):
    url = reverse("admin:accounts_user_change", args=[world.specialist_a.pk])

    page = parse(client_for(administrator).get(url))

    assert page.options("organisation") == ["", str(world.org.pk)]
    teams = set(page.options("team")) - {""}
    assert teams == {str(world.team_a.pk), str(world.team_b.pk)}


def test_an_administrator_cannot_make_a_superuser(world, client_for, administrator):
    url = reverse("admin:accounts_user_change", args=[world.specialist_a.pk])
    client = client_for(administrator)
    form = parse(client.get(url)).form(containing="username")
    assert "is_superuser" not in form.data and "user_permissions" not in form.data

    data = {
        **form.data,
        "is_superuser": ["on"],
        "user_permissions": [str(Permission.objects.first().pk)],
    }
    response = client.post(url, data)

    assert response.status_code == 302
    specialist = User.objects.get(pk=world.specialist_a.pk)
    assert not specialist.is_superuser
    assert not specialist.user_permissions.exists()


def test_a_user_the_administrator_adds_belongs_to_their_organisation(client_for, administrator):
    response = client_for(administrator).post(
        reverse("admin:accounts_user_add"),
        {
            "username": "ny_spes",
            "password1": "Lang-og-sikker-2026",
            "password2": "Lang-og-sikker-2026",
        },
    )

    assert response.status_code == 302
    assert User.objects.get(username="ny_spes").organisation_id == administrator.organisation_id


def test_a_superuser_keeps_every_organisation(world, client_for, other_org):
    operator = UserFactory(
        username="drift", team=None, organisation=None, is_superuser=True, is_staff=True
    )

    text = parse(client_for(operator).get(reverse("admin:accounts_user_changelist"))).text

    assert "spes_nabo" in text and "spes_a" in text


def test_the_role_gives_the_housekeeping_and_the_checklists(client_for, administrator):
    client = client_for(administrator)

    index = parse(client.get(reverse("admin:index"))).links
    for app, model in [*HOUSEKEEPING, ("participants", "checklistitem")]:
        assert reverse(f"admin:{app}_{model}_changelist") in index, model
    assert client.get(reverse("admin:participants_checklistitem_changelist")).status_code == 200
    assert client.get(reverse("admin:participants_checklistitem_add")).status_code == 200


@pytest.mark.parametrize("persona", ["specialist_a", "leader_a", "teacher"])
def test_staff_status_without_the_role_opens_nothing(world, client_for, persona):
    user = world.user(persona)
    User.objects.filter(pk=user.pk).update(is_staff=True)
    client = client_for(User.objects.get(pk=user.pk))

    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403
    assert client.get(reverse("admin:participants_checklistitem_changelist")).status_code == 403


def test_an_administrator_cannot_give_themselves_a_case_role(world, client_for, administrator):
    url = reverse("admin:accounts_user_change", args=[administrator.pk])
    client = client_for(administrator)
    form = parse(client.get(url)).form(containing="username")
    assert "is_job_specialist" not in form.data and "team" not in form.data

    data = {**form.data, "is_job_specialist": ["on"], "is_team_leader": ["on"]}
    data["team"] = [str(world.team_a.pk)]
    assert client.post(url, data).status_code == 302

    administrator.refresh_from_db()
    assert not (administrator.is_job_specialist or administrator.is_team_leader)
    assert administrator.team_id is None
    sensitive = reverse("participants:sensitive-detail", args=[world.participant_a.pk])
    assert client_for(User.objects.get(pk=administrator.pk)).get(sensitive).status_code == 404


def test_giving_a_colleague_a_case_role_is_in_the_history(world, client_for, administrator):
    colleague = UserFactory(username="ny_kollega", team=world.team_a)
    url = reverse("admin:accounts_user_change", args=[colleague.pk])
    client = client_for(administrator)
    form = parse(client.get(url)).form(containing="username")

    assert client.post(url, {**form.data, "is_job_specialist": ["on"]}).status_code == 302

    row = LogEntry.objects.get_for_object(colleague).filter(action=LogEntry.Action.UPDATE).get()
    assert "is_job_specialist" in row.changes
    assert row.actor == administrator
    assert set(row.changes["is_job_specialist"]) == {"***"}  # the values are masked
