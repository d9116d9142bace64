"""An organisation's own thresholds and weights: the declared default until an administrator
chooses another value, within the declared bounds, for their own organisation only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from placetrain.accounts.models import OrganisationSetting
from placetrain.accounts.settings import value_for, values_for
from placetrain.employers.tunables import PARTNER_QUIET_DAYS
from placetrain.lib.tunables import tunable, tunables
from tests.html import parse

pytestmark = pytest.mark.django_db
KEY = PARTNER_QUIET_DAYS.key


def test_the_default_holds_until_the_organisation_chooses(world, other_org):
    assert value_for(world.org.pk, PARTNER_QUIET_DAYS) == 60
    OrganisationSetting.objects.create(organisation=world.org, key=KEY, value=30)

    assert value_for(world.org.pk, PARTNER_QUIET_DAYS) == 30
    assert value_for(other_org.pk, PARTNER_QUIET_DAYS) == 60  # the neighbour's stays default
    assert values_for(world.org.pk)[KEY] == 30  # all declared settings at once


def test_a_default_outside_its_own_bounds_is_refused():
    with pytest.raises(ValueError):
        tunable("tests.broken", 5, "broken", minimum=10)
    assert tunables.get("tests.broken") is None


def test_the_administrator_sets_a_value_within_bounds(world, client_for):
    client = client_for(world.admin)
    url = reverse("admin:accounts_organisationsetting_add")
    assert str(PARTNER_QUIET_DAYS.label) in parse(client.get(url)).text

    refused = client.post(url, {"organisation": world.org.pk, "key": KEY, "value": 0})
    assert refused.status_code == 200
    assert "fra 1 til 730" in parse(refused).text
    assert not OrganisationSetting.objects.exists()

    done = client.post(url, {"organisation": world.org.pk, "key": KEY, "value": 45})
    assert done.status_code == 302
    assert value_for(world.org.pk, PARTNER_QUIET_DAYS) == 45


def test_an_administrator_cannot_set_another_organisations_values(world, other_org, client_for):
    theirs = OrganisationSetting.objects.create(organisation=other_org, key=KEY, value=10)
    client = client_for(world.admin)

    listing = parse(client.get(reverse("admin:accounts_organisationsetting_changelist"))).text
    assert other_org.name not in listing
    change = reverse("admin:accounts_organisationsetting_change", args=[theirs.pk])
    assert (
        client.post(change, {"organisation": other_org.pk, "key": KEY, "value": 99}).status_code
        == 302
    )
    theirs.refresh_from_db()
    assert theirs.value == 10

    client.post(
        reverse("admin:accounts_organisationsetting_add"),
        {"organisation": other_org.pk, "key": KEY, "value": 99},
    )
    assert not OrganisationSetting.objects.filter(organisation=other_org, value=99).exists()
