"""The administration pages keep an administrator inside their own organisation, and only a
superuser hands out superuser status or Django's raw permissions."""

from __future__ import annotations

import pytest
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
    """organisation A's administrator with the housekeeping permissions of the demo data."""
    admin = world.admin
    admin.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["accounts", "participants"],
            content_type__model__in=[model for _app, model in HOUSEKEEPING],
        )
    )
    return User.objects.get(pk=admin.pk)  # a fresh copy: permissions are cached per object


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
