"""Registry data, not typing: a valid organisation number fills the employer form from
Enhetsregisteret (as last imported), SN2007 codes are checked, and the employer page shows the
register's status and the chain a workplace belongs to."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from placetrain.classifications.models import Industry
from placetrain.employers import services
from placetrain.employers.models import Employer, RegisterUnit
from tests.employers.test_employer_views import assert_refused_next_to, employer_data
from tests.factories import EmployerFactory
from tests.html import parse

CHAIN = "923609016"  # world.employer's number: the main unit here
SHOP = "974760673"
OTHER_SHOP = "914778271"
CREATE = staticmethod(lambda: reverse("employers:employer-create"))


def unit(number: str, name: str, **fields) -> RegisterUnit:
    values = {
        "kind": RegisterUnit.Kind.MAIN,
        "organisation_form": "AS",
        "address": "Storgata 1",
        "postal_code": "9008",
        "postal_place": "TROMSØ",
        "municipality": "TROMSØ",
        "municipality_number": "5501",
        "industry_code": "47.111",
        "employees": 42,
        "imported_at": timezone.now(),
    }
    values.update(fields)
    return RegisterUnit.objects.create(org_number=number, name=name, **values)


@pytest.fixture
def register(db):
    chain = unit(CHAIN, "KJEDEN AS", employees=900)
    shop = unit(
        SHOP,
        "KJEDEN AVD SENTRUM",
        kind=RegisterUnit.Kind.SUB,
        organisation_form="BEDR",
        parent_org_number=CHAIN,
        address="Sjøgata 3",
        employees=14,
    )
    other = unit(
        OTHER_SHOP,
        "KJEDEN AVD NORD",
        kind=RegisterUnit.Kind.SUB,
        organisation_form="BEDR",
        parent_org_number=CHAIN,
    )
    return {"chain": chain, "shop": shop, "other": other}


def lookup(client, url: str, **typed):
    return client.post(url, {**typed, "register_lookup": "1"})


def test_a_valid_number_fills_the_empty_fields_from_the_register(world, as_specialist, register):
    response = lookup(as_specialist, CREATE(), org_number="974 760 673", notes="Ring først")

    assert response.status_code == 200
    page = parse(response)
    assert page.value("name") == "KJEDEN AVD SENTRUM"
    assert page.value("address") == "Sjøgata 3"
    assert (page.value("postal_code"), page.value("municipality")) == ("9008", "Tromsø")
    assert (page.value("industry_code"), page.value("employees")) == ("47.111", "14")
    assert page.value("notes") == "Ring først"  # typed, kept
    status = page.select("#registeroppslag")[0].text
    assert "Fra Enhetsregisteret" in status and "underenhet (arbeidssted)" in status
    assert "Fylt inn: Navn, Adresse" in status
    assert not Employer.objects.filter(org_number=SHOP).exists()  # a lookup saves nothing


def test_what_the_user_typed_wins_over_the_register(world, as_specialist, register):
    response = lookup(as_specialist, CREATE(), org_number=SHOP, name="Kjeden Sentrum", address="")

    page = parse(response)
    assert page.value("name") == "Kjeden Sentrum"
    assert page.value("address") == "Sjøgata 3"


def test_then_saving_stores_the_code_and_its_title(world, as_specialist, register):
    response = as_specialist.post(
        CREATE(),
        employer_data(org_number=SHOP, industry="", industry_code="47.111", employees="14"),
    )

    assert response.status_code == 302
    employer = Employer.objects.get(org_number=SHOP)
    assert employer.industry_code == Industry.objects.get(code="47.111")
    assert employer.industry == Industry.objects.get(code="47.111").title  # not typed again
    assert employer.employees == 14


@pytest.mark.parametrize("typed", ["99.999", "47.1119", "J1"])
def test_a_code_that_is_not_in_sn2007_is_refused_at_its_field(world, as_specialist, typed):
    response = as_specialist.post(CREATE(), employer_data(industry_code=typed))

    assert_refused_next_to(response, "industry_code", typed)
    assert "finnes ikke i SN2007" in parse(response).text
    assert not Employer.objects.filter(name="Kiwi Storgata").exists()


def test_a_wrong_check_digit_is_said_and_nothing_typed_is_lost(world, as_specialist, register):
    response = lookup(as_specialist, CREATE(), org_number="974760674", name="Kiwi")

    page = parse(response)
    assert "kontrollsifferet stemmer ikke" in page.select("#registeroppslag")[0].text
    assert (page.value("org_number"), page.value("name")) == ("974760674", "Kiwi")


def test_a_number_the_register_does_not_hold_says_so(world, as_specialist, register):
    response = lookup(as_specialist, CREATE(), org_number="889640782")

    assert "ikke i Enhetsregisteret" in parse(response).select("#registeroppslag")[0].text


def test_a_bankrupt_or_deleted_unit_is_flagged(world, as_specialist, register):
    RegisterUnit.objects.filter(org_number=SHOP).update(
        bankrupt=True, deleted_on=dt.date(2026, 3, 1)
    )

    status = parse(lookup(as_specialist, CREATE(), org_number=SHOP)).select("#registeroppslag")
    assert "Enheten er konkurs." in status[0].text
    assert "Slettet fra Enhetsregisteret 01.03.2026." in status[0].text


def test_the_number_field_asks_the_register_as_it_is_left(world, as_specialist):
    field = parse(as_specialist.get(CREATE())).field("org_number")

    assert field.get("hx-post") == CREATE()
    assert field.get("hx-trigger") == "change"
    assert field.get("hx-select") == "#arbeidsgiverskjema"


def test_a_lookup_while_editing_keeps_the_version_the_edit_started_from(
    world, as_specialist, register
):
    url = reverse("employers:employer-update", args=[world.employer.pk])
    started = parse(as_specialist.get(url)).value("version")
    services.employer_update(
        user=world.leader_a,
        employer=Employer.objects.get(pk=world.employer.pk),
        data={"notes": "Endret av lederen"},
        expected_version=int(started),
    )

    page = parse(lookup(as_specialist, url, org_number=CHAIN, name="", version=started))
    assert page.value("name") == "KJEDEN AS"
    assert page.value("version") == started  # saving now is a conflict, not an overwrite
    response = as_specialist.post(url, employer_data(org_number=CHAIN, version=started))
    assert response.status_code == 200
    assert response.context["conflict"]
    assert Employer.objects.get(pk=world.employer.pk).notes == "Endret av lederen"


# --- the employer page and the chain ----------------------------------------------------------


def test_a_workplace_shows_its_chain_and_a_way_to_the_chains_other_workplaces(
    world, as_specialist, register
):
    shop = EmployerFactory(organisation=world.org, org_number=SHOP, name="Kjeden Sentrum")
    EmployerFactory(organisation=world.org, org_number=OTHER_SHOP, name="Kjeden Nord")
    EmployerFactory(organisation=world.org, org_number="889640782", name="Utenfor Kjeden AS")

    page = parse(as_specialist.get(reverse("employers:employer-detail", args=[shop.pk])))
    register_text = page.select("#register")[0].text
    assert "arbeidssted under KJEDEN AS (923609016)" in register_text
    chain_url = reverse("employers:employer-chain", args=[shop.pk])
    assert chain_url in [a.get("href") for a in page.select("#register a")]

    listed = as_specialist.get(chain_url)
    names = sorted(e.name for e in listed.context["page"].object_list)
    assert names == ["Kjeden Nord", "Kjeden Sentrum", "Rema Elvestad AS"]  # the main unit too
    assert "Kjeden: KJEDEN AS" in parse(listed).select("h1")[0].text


def test_the_chain_holds_only_the_viewers_organisations_employers(
    world, other_org, client_for, register
):
    EmployerFactory(organisation=world.org, org_number=SHOP, name="Kjeden Sentrum")
    other_shop = EmployerFactory(
        organisation=world.other_org, org_number=OTHER_SHOP, name="Nabokjeden Nord"
    )

    theirs = client_for(world.other_specialist).get(
        reverse("employers:employer-chain", args=[other_shop.pk])
    )
    assert sorted(e.name for e in theirs.context["page"].object_list) == [
        "Nabobakeriet AS",  # their registration of the main unit's number
        "Nabokjeden Nord",
    ]
    ours = client_for(world.specialist_a).get(
        reverse("employers:employer-chain", args=[other_shop.pk])
    )
    assert ours.status_code == 404


def test_an_employer_the_register_does_not_know_shows_no_register_section(world, as_specialist):
    page = parse(as_specialist.get(reverse("employers:employer-detail", args=[world.employer.pk])))

    assert page.select("#register") == []


def test_a_lookup_on_another_organisations_employer_is_not_found(
    world, other_org, client_for, register
):
    url = reverse("employers:employer-update", args=[world.employer.pk])

    response = lookup(client_for(world.other_specialist), url, org_number=CHAIN)

    assert response.status_code == 404
    assert "KJEDEN" not in response.content.decode()
