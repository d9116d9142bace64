"""Issue 7, points 1–3 in Chromium on a phone: what the record knows is offered, not asked
again, and a contact is stored once. The standalone contact form (from Min dag) comes back
empty with the confirmation in view; a double tap stores one contact; the new next step
replaces the open follow-up; choosing an employer in the plan form offers only its people."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from placetrain.activities.models import Contact, NextStep
from placetrain.lib.dates import today
from placetrain.participants.models import ChecklistItem, Evidence
from tests.browser.conftest import PHONE
from tests.factories import (
    ConsentFactory,
    ContactFactory,
    EmployerContactFactory,
    EmployerFactory,
    NextStepFactory,
    OrganisationFactory,
    ParticipantFactory,
    TeamFactory,
    UserFactory,
    VocationalProfileFactory,
    started_placement,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-for-tests-1"
CONSENT_ITEM = "Samtykke innhentet: kontakt med andre tjenester og hva arbeidsgiver kan få vite"


@pytest.fixture
def case():
    org = OrganisationFactory(name="Elvestad kommune")
    team = TeamFactory(organisation=org, name="Team Nord")
    specialist = UserFactory(username="spes_felt", team=team, is_job_specialist=True)
    participant = ParticipantFactory(
        specialist=specialist, organisation=org, team=team, first_name="Amina"
    )
    return specialist, participant


def log_in(page, live_server, user) -> None:
    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("form:has(#id_username) button[type=submit]").click()
    page.wait_for_url(live_server.url + reverse("activities:my-day"))


IN_VIEWPORT = """(selector) => {
    const box = document.querySelector(selector).getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight; }"""


def comes_into_view(page, selector: str) -> bool:
    """Whether the element is (or, once any scrolling ends, comes) wholly on the screen."""
    try:
        page.wait_for_function(IN_VIEWPORT, arg=selector, timeout=3_000)
    except PlaywrightTimeout:
        return False
    return True


def test_the_standalone_contact_form_empties_and_confirms_in_view(live_server, page, case):
    specialist, participant = case
    step = NextStepFactory(
        participant=participant,
        contact=ContactFactory(participant=participant),
        description="Oppfølging",
        due_on=today() + dt.timedelta(days=2),
    )
    log_in(page, live_server, specialist)
    page.goto(live_server.url + reverse("activities:contact-log", args=[participant.pk]))
    page.fill("textarea[name='kontakt-note']", "Ringte, alt vel")
    page.locator("input[name='kontakt-next_step_when'][value='14']").tap()
    # The open follow-up is offered for replacing, and chosen already: no extra tap.
    assert page.locator(f"input[name='kontakt-replaces'][value='{step.pk}']").is_checked()

    page.locator("#kontaktskjema button[type=submit]").dblclick()  # a double tap

    confirmation = page.locator("#kontakt [role=status]")
    confirmation.wait_for()
    assert comes_into_view(page, "#kontakt [role=status]")
    assert page.locator("textarea[name='kontakt-note']").input_value() == ""
    assert not page.locator("input[name='kontakt-next_step_when'][value='14']").is_checked()
    assert Contact.objects.filter(participant=participant, note="Ringte, alt vel").count() == 1
    (open_step,) = NextStep.objects.open().filter(participant=participant)
    assert open_step.pk == step.pk
    assert open_step.due_on == today() + dt.timedelta(days=14)


def test_choosing_the_employer_offers_only_its_people(live_server, page, case):
    specialist, participant = case
    VocationalProfileFactory(participant=participant)
    shop = EmployerFactory(organisation=participant.organisation, name="Kiwi Sentrum")
    other = EmployerFactory(organisation=participant.organisation, name="Coop Elvestad")
    EmployerContactFactory(employer=shop, name="Per Fadder", role="Butikksjef")
    EmployerContactFactory(employer=other, name="Liv Lager")
    log_in(page, live_server, specialist)
    page.goto(live_server.url + reverse("placements:placement-plan", args=[participant.pk]))
    mentors = page.locator("#mentor-choice select option")
    assert mentors.count() == 1  # nobody until the employer is chosen

    # Not an employer of the case yet: found by typing part of its name (HTMX, POSTed).
    page.locator("input[name=employer_search]").fill("kiwi")
    page.locator(f"select[name=employer] option[value='{shop.pk}']").wait_for(state="attached")
    page.select_option("select[name=employer]", str(shop.pk))

    page.locator("#mentor-choice option", has_text="Per Fadder, Butikksjef").wait_for(
        state="attached"
    )
    assert [o.strip() for o in mentors.all_inner_texts()][1:] == ["Per Fadder, Butikksjef"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_stages_page_shows_what_the_record_ticked(live_server, page, case):
    specialist, participant = case
    # A transactional test may have flushed the migrations' checklist: this is its consent item.
    item, _ = ChecklistItem.objects.update_or_create(
        stage=1, text=CONSENT_ITEM, defaults={"evidence": Evidence.CONSENT, "active": True}
    )
    ConsentFactory(participant=participant)
    started_placement(participant, employer=EmployerFactory(organisation=participant.organisation))
    log_in(page, live_server, specialist)

    page.goto(live_server.url + reverse("participants:stage-list", args=[participant.pk]))

    page.locator("summary", has_text="1 –").tap()  # the stage's checklist, folded
    consent_row = page.locator(f"#sjekk-{item.pk}[data-proven=true]")
    consent_row.locator(".pt-muted", has_text="Fra journalen:").wait_for()
    assert consent_row.locator("input[type=checkbox]").is_disabled()
    assert consent_row.locator("input[type=checkbox]").is_checked()
    history = page.locator("section[aria-labelledby=trinn-historikk-tittel]")
    assert "flyttet av systemet: En praksis startet" in history.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
