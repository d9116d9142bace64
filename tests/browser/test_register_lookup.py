"""Issue 9, point 2 in Chromium on a phone: typing a valid organisation number and leaving the
field fills the employer form from Enhetsregisteret in place (HTMX), keeps what was typed, says
what it filled and what the register says of the unit, passes axe, and then saves; without
JavaScript the button does the same."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from placetrain.employers.models import Employer, RegisterUnit
from tests.browser.conftest import PHONE
from tests.browser.test_accessibility import Audit
from tests.browser.test_known_is_offered import log_in
from tests.factories import OrganisationFactory, TeamFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOP = "974760673"


@pytest.fixture
def specialist():
    org = OrganisationFactory(name="Elvestad kommune")
    team = TeamFactory(organisation=org, name="Team Nord")
    now = timezone.now()
    RegisterUnit.objects.create(
        org_number="923609016", kind="main", name="KJEDEN AS", imported_at=now
    )
    RegisterUnit.objects.create(
        org_number=SHOP,
        kind="sub",
        organisation_form="BEDR",
        parent_org_number="923609016",
        name="KJEDEN AVD SENTRUM",
        address="Sjøgata 3",
        postal_code="9008",
        postal_place="TROMSØ",
        municipality="TROMSØ",
        industry_code="47.111",
        employees=14,
        bankrupt=True,
        imported_at=now,
    )
    return UserFactory(username="spes_register", team=team, is_job_specialist=True)


@pytest.mark.parametrize("viewport", [PHONE], ids=["phone"], indirect=True)
def test_leaving_the_number_field_fills_the_form_in_place(live_server, page, viewport, specialist):
    log_in(page, live_server, specialist)
    page.goto(live_server.url + reverse("employers:employer-create"))
    page.fill("#id_notes", "Ring butikksjefen før ti")
    page.fill("#id_org_number", "974 760 673")
    page.locator("#id_org_number").press("Tab")

    page.locator("#registeroppslag").wait_for()
    assert page.url.endswith(reverse("employers:employer-create"))  # swapped, not navigated
    assert page.input_value("#id_name") == "KJEDEN AVD SENTRUM"
    assert page.input_value("#id_industry_code") == "47.111"
    assert page.input_value("#id_notes") == "Ring butikksjefen før ti"
    status = page.locator("#registeroppslag").inner_text()
    assert "Fylt inn" in status and "Enheten er konkurs." in status
    assert page.locator("#arbeidsgiverskjema").count() == 1  # one form, not one inside another
    audit = Audit(page, live_server.url)
    audit.check("employer form (filled in from the register)")
    audit.assert_clean()

    with page.expect_navigation():
        page.locator("#arbeidsgiverskjema button[data-variant=primary]").click()
    employer = Employer.objects.get(org_number=SHOP)
    assert page.url == live_server.url + reverse("employers:employer-detail", args=[employer.pk])
    assert (employer.name, employer.industry_code_id, employer.employees) == (
        "KJEDEN AVD SENTRUM",
        "47.111",
        14,
    )
    assert "arbeidssted under KJEDEN AS" in page.locator("#register").inner_text()


def test_without_javascript_the_button_fills_the_form(live_server, browser, specialist):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    try:
        log_in(page, live_server, specialist)
        page.goto(live_server.url + reverse("employers:employer-create"))
        page.fill("#id_org_number", SHOP)
        with page.expect_navigation():
            page.locator("button[name=register_lookup]").click()
        assert page.input_value("#id_name") == "KJEDEN AVD SENTRUM"
        assert page.input_value("#id_address") == "Sjøgata 3"
    finally:
        context.close()
