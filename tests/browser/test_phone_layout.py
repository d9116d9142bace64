"""Phone first (390×844): the participant page's compact header and its sections, Min dag with
the overdue steps first, and no main page running past the right edge of the screen.

A table may scroll inside its own wrapper (``overflow-x: auto``): that is not the page
overflowing. The lists that were cut off on a phone (the participant search results, the
follow-up check-ins) must show every cell without scrolling at all.
"""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from django.urls import reverse

from placetrain.language.models import LanguagePlan
from placetrain.lib.dates import today
from tests.browser.conftest import PHONE
from tests.browser.test_accessibility import build_case, log_in
from tests.factories import NextStepFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every element that sticks out past the right edge of the screen without an ancestor that
# clips it (an absolutely positioned element escapes every ancestor up to its containing block,
# which is how a table's screen-reader texts widened the job page).
OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const clips = (a) => getComputedStyle(a).overflowX !== 'visible';
    const clipped = (el) => {
        let escapes = getComputedStyle(el).position;
        for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
            const position = getComputedStyle(a).position;
            if (escapes === 'fixed') return false;
            if (escapes === 'absolute' && position === 'static') continue;
            if (clips(a)) return true;
            escapes = position;
        }
        return false;
    };
    const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (typeof el.className === 'string' && el.className.trim()
            ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    const path = (el) => {
        const parts = [];
        for (let a = el; a && a !== document.body && parts.length < 4; a = a.parentElement) {
            parts.unshift(name(a));
        }
        return parts.join(' > ');
    };
    const offenders = [];
    for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        if (r.right > width + 0.5 && !clipped(el)) {
            offenders.push(`${path(el)} (right edge at ${Math.round(r.right)}px)`);
        }
    }
    return {scrollWidth: document.documentElement.scrollWidth, width, offenders};
}"""

# The text of each label and its value in the 6H summary, as drawn: a long word that does not
# fit its column spills over the value beside it while the boxes themselves stay apart.
SIX_H_OVERLAPS = """() => {
    const textBox = (el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return range.getBoundingClientRect();
    };
    const meet = (a, b) => a.left < b.right && b.left < a.right
        && a.top < b.bottom && b.top < a.bottom;
    const found = [];
    for (const dt of document.querySelectorAll('.pt-sixh dt')) {
        const dd = dt.nextElementSibling;
        if (!dd || dd.tagName !== 'DD') continue;
        const label = textBox(dt), value = textBox(dd);
        if (meet(label, value) || dt.scrollWidth > dt.clientWidth + 1) {
            found.push(dt.textContent.trim());
        }
    }
    return found;
}"""


@pytest.fixture
def case():
    """The accessibility tests' rich case: a started placement with its 6H answers, a job with
    follow-up check-ins, a language plan with a teacher, consents."""
    return build_case()


def assert_fits_the_screen(page, name: str) -> None:
    assert page.evaluate("getComputedStyle(document.querySelector('.pt-main')).maxWidth") != (
        "none"
    ), f"{name}: the stylesheets did not load"
    found = page.evaluate(OVERFLOW)
    shown = "\n  ".join(found["offenders"][:12])
    assert found["scrollWidth"] <= found["width"] and not found["offenders"], (
        f"{name} ({page.url}) is {found['scrollWidth']}px wide on a {found['width']}px screen; "
        f"sticking out:\n  {shown}"
    )


def assert_table_shows_every_cell(page, selector: str) -> None:
    """Every cell of the table inside the screen, with nothing to scroll to in its wrapper."""
    found = page.evaluate(
        """(selector) => {
            const table = document.querySelector(selector);
            const wrap = table.closest('.pt-table-wrap') || table.parentElement;
            const width = document.documentElement.clientWidth;
            const cut = [...table.querySelectorAll('th, td')]
                .filter(c => c.getBoundingClientRect().right > width + 0.5)
                .map(c => c.textContent.trim().slice(0, 30));
            return {cut, hidden: wrap.scrollWidth - wrap.clientWidth};
        }""",
        selector,
    )
    assert found["hidden"] <= 1 and not found["cut"], (
        f"{selector} is cut off on a phone: {found['hidden']}px to scroll to, "
        f"cells past the edge: {found['cut'][:8]}"
    )


def goto(page, base: str, path: str) -> None:
    response = page.goto(base + path)
    assert response is not None and response.ok, f"{path} answered {response and response.status}"


def open_section(page, key: str) -> None:
    page.locator(f"#del-{key}").tap()
    page.locator(f'#deltaker-del[data-section="{key}"]').wait_for()


@pytest.mark.parametrize("viewport", [PHONE], ids=["phone"], indirect=True)
def test_no_main_page_runs_past_the_right_edge_of_a_phone(live_server, page, viewport, case):
    base = live_server.url
    participant = case["participant"]
    detail = reverse("participants:participant-detail", args=[participant.pk])
    log_in(page, base, case["specialist"].username)

    pages = {
        "Min dag": reverse("activities:my-day"),
        "participant list": reverse("participants:participant-list"),
        "participant page": detail,
        **{f"participant page, {key}": f"{detail}?section={key}" for key in SECTIONS},
        "placement": reverse("placements:placement-detail", args=[case["placement"].pk]),
        "6H for print": reverse("placements:placement-print-6h", args=[case["placement"].pk]),
        "job and follow-up": reverse("employment:employment-detail", args=[case["employment"].pk]),
        "employer list": reverse("employers:employer-list"),
        "employer": reverse("employers:employer-detail", args=[case["employer"].pk]),
        "job analysis": reverse("employers:job-analysis-detail", args=[case["job_analysis"].pk]),
        "stages": reverse("participants:stage-list", args=[participant.pk]),
        "profile": reverse("participants:profile-detail", args=[participant.pk]),
    }
    for name, path in pages.items():
        goto(page, base, path)
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        assert_fits_the_screen(page, name)

    # The participant search answers in place (HTMX): its results too.
    goto(page, base, reverse("participants:participant-list"))
    page.fill("#id_q", participant.last_name)
    page.locator("#deltakerliste tbody tr").first.wait_for()
    page.wait_for_function("document.querySelectorAll('#deltakerliste tbody tr').length === 1")
    assert_fits_the_screen(page, "participant search results")

    # The language teacher's way in.
    page.context.clear_cookies()
    log_in(page, base, case["teacher"].username)
    plan = LanguagePlan.objects.get(participant=participant)
    for name, path in {
        "teacher's Min dag": reverse("activities:my-day"),
        "my language participants": reverse("language:taught-participant-list"),
        "teacher's participant page": detail,
        "language plan": reverse("language:language-plan-detail", args=[plan.pk]),
    }.items():
        goto(page, base, path)
        assert_fits_the_screen(page, name)


SECTIONS = ["overview", "placements", "jobs", "suggestions", "language", "details"]


@pytest.mark.parametrize("viewport", [PHONE], ids=["phone"], indirect=True)
def test_the_participant_search_results_show_every_column_on_a_phone(
    live_server, page, viewport, case
):
    participant = case["participant"]
    log_in(page, live_server.url, case["specialist"].username)
    goto(page, live_server.url, reverse("participants:participant-list"))
    assert_table_shows_every_cell(page, "#deltakerliste table")

    page.fill("#id_q", participant.last_name)
    page.wait_for_function("document.querySelectorAll('#deltakerliste tbody tr').length === 1")

    row = page.locator("#deltakerliste tbody tr")
    assert participant.last_name in row.inner_text()
    assert case["specialist"].get_full_name() in row.inner_text()
    assert_table_shows_every_cell(page, "#deltakerliste table")


@pytest.mark.parametrize("viewport", [PHONE], ids=["phone"], indirect=True)
def test_the_follow_up_table_on_the_job_page_is_not_cut_off_on_a_phone(
    live_server, page, viewport, case
):
    employment = case["employment"]
    log_in(page, live_server.url, case["specialist"].username)
    goto(page, live_server.url, reverse("employment:employment-detail", args=[employment.pk]))

    assert page.locator("#checkins tbody tr").count() == employment.checkins.count()
    assert_table_shows_every_cell(page, "#checkins")
    assert_fits_the_screen(page, "job and follow-up")


@pytest.mark.parametrize("viewport", [PHONE], ids=["phone"], indirect=True)
def test_no_label_in_the_6h_summary_overlaps_its_answer_on_a_phone(
    live_server, page, viewport, case
):
    placement = case["placement"]
    log_in(page, live_server.url, case["specialist"].username)
    for path in (
        reverse("placements:placement-detail", args=[placement.pk]),
        reverse("placements:placement-print-6h", args=[placement.pk]),
    ):
        goto(page, live_server.url, path)
        assert page.locator(".pt-sixh dt").count() >= 10
        assert page.evaluate(SIX_H_OVERLAPS) == [], path


@pytest.mark.parametrize("viewport", [PHONE], ids=["phone"], indirect=True)
def test_the_language_teachers_min_dag_lists_their_participants_without_an_empty_caseload(
    live_server, page, viewport, case
):
    participant = case["participant"]
    log_in(page, live_server.url, case["teacher"].username)
    goto(page, live_server.url, reverse("activities:my-day"))

    assert page.locator("#mine-deltakere").count() == 0  # no empty "My participants" box
    assert page.locator("#due-checkins").count() == 0  # nor one about others' check-ins
    taught = page.locator("#my-language-participants")
    assert participant.full_name in taught.inner_text()
    plan = LanguagePlan.objects.get(participant=participant)
    plan_link = taught.locator(
        f'a[href="{reverse("language:language-plan-detail", args=[plan.pk])}"]'
    )
    assert plan_link.count() == 1
    # Nothing but the steps due (none) comes before the teacher's list.
    cards = page.locator("main .pt-card")
    assert cards.nth(0).locator("#neste-steg").count() == 1
    assert cards.nth(1).get_attribute("id") == "my-language-participants"


@pytest.mark.parametrize("viewport", [PHONE], ids=["phone"], indirect=True)
def test_min_dag_shows_the_overdue_steps_before_the_participants_on_a_phone(
    live_server, page, viewport, case
):
    participant = case["participant"]
    NextStepFactory(
        participant=participant,
        description="Ringe fadderen",
        due_on=today() - dt.timedelta(days=3),
    )
    log_in(page, live_server.url, case["specialist"].username)
    goto(page, live_server.url, reverse("activities:my-day"))

    overdue = page.locator("#due-steps li", has_text="Ringe fadderen")
    assert "(forfalt)" in overdue.inner_text()
    steps_box = page.locator("#due-steps").bounding_box()
    caseload_box = page.locator("#my-participants").bounding_box()
    assert steps_box["y"] + steps_box["height"] <= caseload_box["y"]
    assert steps_box["y"] < PHONE["height"]  # on the first screen


@pytest.mark.parametrize("viewport", [PHONE], ids=["phone"], indirect=True)
def test_the_participant_pages_header_fits_the_first_screen_of_a_phone(
    live_server, page, viewport, case
):
    participant = case["participant"]
    participant.phone = "41 23 45 67"
    participant.save(update_fields=["phone"])
    NextStepFactory(
        participant=participant, description="Ringe NAV", due_on=today() - dt.timedelta(days=2)
    )
    detail = reverse("participants:participant-detail", args=[participant.pk])
    log_in(page, live_server.url, case["specialist"].username)
    goto(page, live_server.url, detail)

    header = page.locator("#deltaker-hode")
    assert page.locator("h1").inner_text().strip() == participant.full_name
    assert page.locator("#deltaker-status").inner_text().strip() == "I praksis"
    # Started through the service: the system moved the participant to stage 5.
    assert "Trinn 5" in page.locator("#deltaker-trinn").inner_text()
    call = page.locator("#deltaker-telefon a")
    assert call.get_attribute("href") == "tel:41234567"
    assert call.inner_text().strip() == "41 23 45 67"
    assert page.locator("#deltaker-jobbspesialist").inner_text().strip() == "Kari Nordmann"
    assert "1 neste steg er forfalt" in page.locator("#deltaker-varsler").inner_text()
    # The header and the menu of sections fit the first screen, the contact form begins on it.
    menu = page.locator(".pt-sections").bounding_box()
    assert menu["y"] + menu["height"] <= PHONE["height"]
    assert page.locator("#kontakt-tittel").bounding_box()["y"] < PHONE["height"]
    assert header.locator("#til-kontaktskjema").is_visible()


@pytest.mark.parametrize("viewport", [PHONE], ids=["phone"], indirect=True)
def test_each_section_is_one_tap_away_with_its_own_address(live_server, page, viewport, case):
    participant = case["participant"]
    base = live_server.url
    detail = reverse("participants:participant-detail", args=[participant.pk])
    log_in(page, base, case["specialist"].username)
    goto(page, base, detail)
    page.evaluate("window.__placetrainNoReload = true")

    # The order and the consents: one tap, swapped in place, at an address of their own.
    open_section(page, "details")
    assert page.url == f"{base}{detail}?section=details"
    assert page.locator("#samtykker").is_visible()
    assert "Fastlegen" in page.locator("#samtykker").inner_text()
    assert page.locator("#del-details").get_attribute("aria-current") == "page"
    assert page.locator("#del-overview").get_attribute("aria-current") is None
    assert page.evaluate("window.__placetrainNoReload") is True

    open_section(page, "placements")
    assert "Fjordbakst AS" in page.locator("#deltaker-del").inner_text()
    open_section(page, "jobs")
    assert page.locator("#employments").is_visible()
    open_section(page, "language")
    assert "B1 muntlig" in page.locator("#sprakplaner").inner_text()
    assert page.evaluate("window.__placetrainNoReload") is True

    # Back goes to the section before; a reload keeps the section.
    page.go_back()
    page.locator('#deltaker-del[data-section="jobs"]').wait_for()
    assert page.url == f"{base}{detail}?section=jobs"
    page.reload()
    assert page.locator('#deltaker-del[data-section="jobs"]').count() == 1

    # The contact form is one tap away from any section.
    page.locator("#til-kontaktskjema").tap()
    page.wait_for_url(f"{base}{detail}#kontakt-tittel")
    page.locator("#kontaktskjema").wait_for()
    assert page.locator("#kontakt-tittel").bounding_box()["y"] < PHONE["height"]


@contextlib.contextmanager
def overview_without_javascript(browser, base: str, case):
    """A phone with JavaScript off, logged in as the specialist, on the participant's page."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, locale="nb-NO")
    page = context.new_page()
    try:
        log_in(page, base, case["specialist"].username)
        goto(page, base, reverse("participants:participant-detail", args=[case["participant"].pk]))
        yield page
    finally:
        context.close()


def test_the_sections_work_without_javascript(live_server, browser, case):
    base = live_server.url
    detail = reverse("participants:participant-detail", args=[case["participant"].pk])
    with overview_without_javascript(browser, base, case) as page:
        with page.expect_navigation():
            page.locator("#del-details").click()
        assert page.url == f"{base}{detail}?section=details"
        assert page.locator("#deltaker-hode").count() == 1  # a whole page, not a fragment
        assert "Fastlegen" in page.locator("#samtykker").inner_text()


TIMELINES = {
    "participant": ("participants:participant-detail", "participants:participant-timeline"),
    "employer": ("employers:employer-detail", "employers:employer-timeline"),
}


@pytest.mark.parametrize("viewport", [PHONE], ids=["phone"], indirect=True)
@pytest.mark.parametrize("owner", sorted(TIMELINES))
def test_the_timeline_loads_when_it_scrolls_into_view(live_server, page, viewport, case, owner):
    """The first screen of a participant's or an employer's page does not wait for the
    timeline: its entries are asked for only when it comes into view, and then show in place."""
    detail, timeline = (reverse(name, args=[case[owner].pk]) for name in TIMELINES[owner])
    base = live_server.url
    log_in(page, base, case["specialist"].username)
    asked = []
    page.on("request", lambda r: asked.append(r.url) if r.url.endswith(timeline) else None)
    goto(page, base, detail)
    page.wait_for_load_state("networkidle")

    assert page.locator("#tidslinje li[data-kind]").count() == 0
    assert asked == []
    page.locator("#tidslinje-tittel").scroll_into_view_if_needed()
    page.locator("#tidslinje li[data-kind=contact]").first.wait_for()
    assert asked == [base + timeline]
    assert page.locator("#tidslinje").get_attribute("hx-get") is None  # swapped, not nested
    assert_fits_the_screen(page, f"{owner}'s page with its timeline")


def test_the_timeline_opens_as_a_page_of_its_own_without_javascript(live_server, browser, case):
    base = live_server.url
    participant = case["participant"]
    with overview_without_javascript(browser, base, case) as page:
        with page.expect_navigation():
            page.locator("#tidslinje a", has_text="Vis tidslinjen").click()
        timeline = reverse("participants:participant-timeline", args=[participant.pk])
        assert page.url == base + timeline
        assert page.locator("h1").inner_text().startswith("Tidslinje")
        assert page.locator("#tidslinje li[data-kind=contact]").count() >= 1
