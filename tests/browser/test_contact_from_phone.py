"""A job specialist logs a contact from a phone: log in, open Min dag, open a participant, and
log a contact with a next step in at most three taps; the note lands on the timeline (an HTMX
swap, no page load) and the next step on Min dag with its due date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from placetrain.activities.models import Contact, NextStep
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import (
    ContactFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProgrammeFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTE = "Besøkt, alt bra"
# "In 2 weeks": the specialist's usual rhythm; Min dag lists steps due in the next two weeks
NEXT_STEP_DAYS = 14
MAX_TAPS_AFTER_OPENING = 3


class Actions:
    """Every interaction the user makes goes through here, so the test can count them."""

    def __init__(self, page, *, touch: bool) -> None:
        self.page = page
        self.touch = touch
        self.count = 0

    def type(self, selector: str, text: str) -> None:
        self.count += 1
        self.page.locator(selector).fill(text)

    def tap(self, selector: str) -> None:
        self.count += 1
        target = self.page.locator(selector)
        if self.touch:
            target.tap()
        else:
            target.click()


def assert_no_horizontal_scroll(page, width: int) -> None:
    # Only meaningful with the stylesheets applied (a bare page never overflows the way a
    # styled grid can): app.css caps the main column's width.
    assert page.evaluate("getComputedStyle(document.querySelector('.pt-main')).maxWidth") != "none"
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} scrolls sideways: {scroll_width}px > {width}px"


@pytest.fixture
def caseload():
    org = OrganisationFactory(name="Elvestad kommune")
    team = TeamFactory(organisation=org, name="Team Nord")
    specialist = UserFactory(
        username="spes_mobil", team=team, is_job_specialist=True, first_name="Kari"
    )
    programme = ProgrammeFactory(organisation=org, name="Jobbsjansen")
    participant = ParticipantFactory(
        specialist=specialist, programme=programme, first_name="Amina", last_name="Haddad"
    )
    # Another participant on the same list, so the test has to open the right one.
    other = ParticipantFactory(
        specialist=specialist, programme=programme, first_name="Yonas", last_name="Tesfaye"
    )
    ContactFactory(participant=other, note="Telefon om vaktliste")
    return specialist, participant


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"], indirect=True)
def test_a_specialist_logs_a_contact_with_a_next_step_in_three_taps(
    live_server, page, viewport, caseload
):
    specialist, participant = caseload
    width = viewport["width"]
    on_phone = width == PHONE["width"]
    my_day_url = live_server.url + reverse("activities:my-day")
    detail_path = reverse("participants:participant-detail", args=[participant.pk])

    # Logging in through the real form: Min dag sends an anonymous visitor to the login page.
    page.goto(my_day_url)
    assert page.url.startswith(live_server.url + reverse("accounts:login"))
    assert page.locator("html").get_attribute("lang") == "nb"
    page.fill("#id_username", specialist.username)
    page.fill("#id_password", "pw-for-tests-1")
    page.locator("form:has(#id_username) button[type=submit]").click()
    page.wait_for_url(my_day_url)

    # Min dag lists the participant; on a phone nothing scrolls sideways.
    participant_link = page.locator(f'#my-participants a[href="{detail_path}"]')
    assert participant_link.inner_text().strip() == participant.full_name
    if on_phone:
        assert_no_horizontal_scroll(page, width)

    participant_link.click()
    page.wait_for_url(live_server.url + detail_path)
    assert page.locator("h1").inner_text().strip() == participant.full_name
    if on_phone:
        assert_no_horizontal_scroll(page, width)
    assert page.locator("#tidslinje li[data-kind=contact]").count() == 0
    if not on_phone:
        # At a desk the timeline is scrolled to first: saving then refreshes it in place. On
        # a phone it has not loaded yet, and loads with the new contact when scrolled to.
        page.locator("#tidslinje-tittel").scroll_into_view_if_needed()
        page.locator("#tidslinje li").first.wait_for()
        page.locator("#kontakt-tittel").scroll_into_view_if_needed()
    # A marker that only survives if saving swaps fragments instead of loading a new page.
    page.evaluate("window.__placetrainNoReload = true")

    act = Actions(page, touch=on_phone)
    act.type("#kontaktskjema textarea[name='kontakt-note']", NOTE)
    act.tap(f"input[type=radio][name='kontakt-next_step_when'][value='{NEXT_STEP_DAYS}']")
    assert page.locator(
        f"input[name='kontakt-next_step_when'][value='{NEXT_STEP_DAYS}']"
    ).is_checked()
    act.tap("#kontaktskjema button[type=submit]")
    assert act.count <= MAX_TAPS_AFTER_OPENING

    # #kontakt says it is saved and has a fresh form; the timeline shows the note (swapped out
    # of band at a desk, loaded fresh when scrolled to on a phone).
    page.locator("#kontakt [role=status]").wait_for()
    assert page.locator("#kontakt [role=status]").is_visible()
    if on_phone:
        page.locator("#tidslinje-tittel").scroll_into_view_if_needed()
    new_note = page.locator("#tidslinje li[data-kind=contact] p", has_text=NOTE)
    new_note.wait_for()
    assert page.locator("#kontaktskjema textarea[name='kontakt-note']").input_value() == ""
    assert page.evaluate("window.__placetrainNoReload") is True
    assert page.url == live_server.url + detail_path

    due = timezone.localdate() + dt.timedelta(days=NEXT_STEP_DAYS)
    due_text = due.strftime("%d.%m.%Y")
    timeline_step = page.locator("#tidslinje li[data-kind=next-step] .pt-when")
    assert timeline_step.count() == 1
    assert timeline_step.inner_text().startswith(due_text)
    if on_phone:
        assert_no_horizontal_scroll(page, width)

    contact = Contact.objects.get(participant=participant)
    assert contact.note == NOTE
    assert contact.author_id == specialist.pk
    step = NextStep.objects.get(participant=participant)
    assert (step.owner_id, step.due_on, step.contact_id) == (specialist.pk, due, contact.pk)

    # Back on Min dag the step is coming up within two weeks, dated dd.mm.yyyy, with a link.
    page.goto(my_day_url)
    upcoming = page.locator("#upcoming-steps > li")
    assert upcoming.count() == 1
    assert upcoming.locator("strong").inner_text().strip() == due_text
    assert upcoming.locator(f'a[href="{detail_path}"]').inner_text().strip() == (
        participant.full_name
    )
    assert page.locator("#due-steps").count() == 0  # nothing due today or overdue
    # The participant was contacted today, so they are no longer flagged as stale.
    row = page.locator("#my-participants li", has=page.locator(f'a[href="{detail_path}"]'))
    assert row.locator("[data-days]").get_attribute("data-days") == "0"
    if on_phone:
        assert_no_horizontal_scroll(page, width)
