"""Issue 9, points 5 and 6 in Chromium on a phone (390×844): a job specialist opens a
participant, sees the suggested jobs with their reasons, and plans a placement from the first
one, whose 6H "why this employer" holds those reasons and which links the job analysis; the
shortlist on the job analysis's page, where "not relevant" needs a reason; and axe-core on the
suggestions, the plan form filled in from a suggestion and the job analysis's page.

The participant wished 5223 (shop sales assistant), named "Kiwi Sentrum" among the workplaces
and is free 08:30–14:00. The organisation has a visited open job at Kiwi Sentrum AS, an
unvisited one at another shop, and a night shift."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from placetrain.employers.models import JobAnalysis
from placetrain.lib.dates import today
from placetrain.matching import selectors, services
from placetrain.matching.models import Candidate
from placetrain.placements.models import Placement, PlacementType
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_accessibility import Audit, log_in
from tests.browser.test_phone_layout import assert_fits_the_screen
from tests.browser.test_place_train_path import flat, nb, submit
from tests.factories import (
    EmployerFactory,
    JobAnalysisFactory,
    OrganisationFactory,
    ParticipantFactory,
    TeamFactory,
    UserFactory,
    VocationalProfileFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ON_A_PHONE = pytest.mark.parametrize("viewport", [PHONE], ids=["phone"], indirect=True)
NAMED = "Kiwi Sentrum"
NOT_RELEVANT_BECAUSE = "Ønsker ikke å jobbe i helgene"


def named_reason() -> str:
    return nb("The participant named this workplace themselves (“%(name)s”)") % {"name": NAMED}


def says_named(text: str) -> bool:
    """Whether ``text`` gives the named-workplace reason. The name is compared case-folded:
    the reason quotes the name as stored for matching ("kiwi sentrum"), not as typed."""
    return named_reason().casefold() in flat(text).casefold()


@pytest.fixture
def matching():
    org = OrganisationFactory(name="Elvestad kommune")
    team = TeamFactory(organisation=org, name="Team Øst")
    specialist = UserFactory(
        username="spes_forslag", team=team, is_job_specialist=True, first_name="Kari"
    )
    place = {"municipality": "Tromsø", "postal_code": "9008"}
    participant = ParticipantFactory(
        specialist=specialist, first_name="Amina", last_name="Haddad", norwegian_level="B1", **place
    )
    VocationalProfileFactory(
        participant=participant,
        number=1,
        wished_occupations=["5223"],
        desired_workplaces=f"{NAMED}\nBunnpris",
        available_days=31,  # Monday to Friday
        available_from=dt.time(8, 30),
        available_until=dt.time(14),
    )
    # Another of the specialist's participants, to be suggested as a candidate for the job.
    other = ParticipantFactory(
        specialist=specialist,
        first_name="Yonas",
        last_name="Tesfaye",
        norwegian_level="B1",
        **place,
    )
    VocationalProfileFactory(
        participant=other, number=1, wished_occupations=["5223"], available_days=31
    )

    day = {"municipality": "Tromsø", "starts_at": dt.time(9), "ends_at": dt.time(13)}
    visited = today() - dt.timedelta(days=10)
    kiwi = EmployerFactory(organisation=org, name="Kiwi Sentrum AS")
    rema = EmployerFactory(organisation=org, name="Rema Storgata AS")
    lager = EmployerFactory(organisation=org, name="Nordlager AS")
    named = JobAnalysisFactory(
        employer=kiwi, title="Butikkmedarbeider Kiwi", visited_on=visited, **day
    )
    unvisited = JobAnalysisFactory(
        employer=rema, title="Butikkmedarbeider Rema", visited_on=None, **day
    )
    night = JobAnalysisFactory(
        employer=lager,
        title="Varepåfyller natt",
        visited_on=visited,
        municipality="Tromsø",
        shift=JobAnalysis.Shift.NIGHT,
        starts_at=dt.time(22),
        ends_at=dt.time(6),
    )
    return {
        "specialist": specialist,
        "participant": participant,
        "other": other,
        "kiwi": kiwi,
        "named": named,
        "unvisited": unvisited,
        "night": night,
    }


def press(page, locator) -> None:
    """Tap on a phone (the conftest gives it touch), click on a desktop."""
    if page.viewport_size["width"] < DESKTOP["width"]:
        locator.tap()
    else:
        locator.click()


def detail_path(participant) -> str:
    return reverse("participants:participant-detail", args=[participant.pk])


def open_suggestions(page, base: str, participant) -> None:
    """Open the participant and tap "Suggestions" in the section menu (HTMX swaps it in)."""
    page.goto(base + detail_path(participant))
    press(page, page.locator("#del-suggestions"))
    page.locator('#deltaker-del[data-section="suggestions"]').wait_for()
    assert page.url == f"{base}{detail_path(participant)}?section=suggestions"


def suggestion(page, analysis):
    return page.locator(f"#forslag-jobb-{analysis.pk}")


def plan_from(page, analysis) -> None:
    """Tap "Plan a placement" on the job's suggestion and wait for the plan form."""
    with page.expect_navigation():
        press(page, suggestion(page, analysis).locator(".pt-actions a.ds-button"))
    assert "?job_analysis=" in page.url


def shortlist_from(page, analysis) -> None:
    """Tap "Put on the shortlist" on the job's suggestion: back on the suggestions."""
    with page.expect_navigation():
        press(page, suggestion(page, analysis).locator(".pt-actions form button[type=submit]"))
    assert page.url.endswith("?section=suggestions")


@ON_A_PHONE
def test_a_suggestion_becomes_a_planned_placement_carrying_its_reasons(
    live_server, page, viewport, matching
):
    base = live_server.url
    participant, named = matching["participant"], matching["named"]
    log_in(page, base, matching["specialist"].username)
    open_suggestions(page, base, participant)

    # The jobs, the named workplace first, each with its reasons and points.
    shown = page.locator("#forslag li.pt-suggestion")
    assert shown.first.get_attribute("id") == f"forslag-jobb-{named.pk}"
    ids = shown.evaluate_all("items => items.map(i => i.id)")
    for job in ("unvisited", "night"):
        assert f"forslag-jobb-{matching[job].pk}" in ids
    first = suggestion(page, named)
    assert "Kiwi Sentrum AS" in first.locator("h3").inner_text()
    reason = first.locator(".pt-reasons li", has_text=named_reason())
    assert reason.count() == 1
    assert reason.locator(".pt-reason__points").inner_text().strip() == "+40"
    assert first.locator(".pt-reasons li").count() >= 3  # the wish, the hours, the place...
    score = first.locator(".ds-tag").first.inner_text()
    expected = selectors.suggestion_for_job(matching["specialist"], participant, named).score
    assert score.strip() == nb("Score %(score)s") % {"score": expected}

    night = suggestion(page, matching["night"])
    assert night.locator(".ds-tag", has_text=nb("Does not fit")).count() == 1
    assert night.locator(".pt-reason--hard").count() >= 1
    hard = night.locator(".pt-reason--hard").first.inner_text()
    assert "22:00–06:00" in hard and "08:30–14:00" in hard
    assert hard.count(nb("Does not fit")) == 1  # said once, not "Passer ikke: Passer ikke: …"
    unvisited = suggestion(page, matching["unvisited"])
    assert unvisited.locator(".ds-tag", has_text=nb("Not visited")).count() == 1
    assert first.locator(".ds-tag", has_text=nb("Not visited")).count() == 0
    assert first.locator(".ds-tag", has_text=nb("Does not fit")).count() == 0
    assert_fits_the_screen(page, "suggestions")

    # Plan a placement from the first: the employer, the job and the reasons are filled in.
    plan_from(page, named)
    assert page.url.startswith(base + reverse("placements:placement-plan", args=[participant.pk]))
    assert page.locator("#id_employer").input_value() == str(matching["kiwi"].pk)
    assert page.locator("#id_job_analysis").input_value() == str(named.pk)
    why = page.locator("#id_why_here").input_value()
    assert says_named(why), why
    assert named.title in why
    assert page.locator("#arbeidsplass-besok").count() == 0  # Kiwi is visited
    assert_fits_the_screen(page, "plan form (from a suggestion)")
    page.select_option("#id_kind", PlacementType.WORK_PRACTICE)
    page.fill("#id_planned_start", (today() + dt.timedelta(days=7)).isoformat())
    submit(page, "form:has(#id_goal)")

    placement = Placement.objects.get(participant=participant)
    assert page.url == base + reverse("placements:placement-detail", args=[placement.pk])
    assert (placement.employer_id, placement.job_analysis_id) == (matching["kiwi"].pk, named.pk)
    assert placement.state == Placement.State.PLANNED
    assert placement.why_here.replace("\r\n", "\n") == why  # a textarea posts CRLF
    where = page.locator(".pt-sixh__q[aria-labelledby=h-hvor]")
    assert says_named(where.inner_text())
    job_link = reverse("employers:job-analysis-detail", args=[named.pk])
    assert page.locator(f'main a[href="{job_link}"]').count() >= 1
    assert_fits_the_screen(page, "planned placement")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"], indirect=True)
def test_the_suggestions_the_plan_from_one_and_the_shortlist_meet_wcag_21_aa(
    live_server, page, viewport, matching
):
    base = live_server.url
    participant, named = matching["participant"], matching["named"]
    log_in(page, base, matching["specialist"].username)
    audit = Audit(page, base)

    open_suggestions(page, base, participant)
    audit.check("suggestions (swapped in)")
    audit.visit("suggestions", f"{detail_path(participant)}?section=suggestions")
    plan_from(page, named)
    assert says_named(page.locator("#id_why_here").input_value())
    audit.check("plan form (from a suggestion)")
    # From the unvisited job: the plan says so, with the visit to record.
    audit.visit("suggestions (again)", f"{detail_path(participant)}?section=suggestions")
    plan_from(page, matching["unvisited"])
    assert page.locator("#arbeidsplass-besok .pt-visit[data-visited=no]").count() == 1
    audit.check("plan form (from a suggestion, workplace not visited)")

    # On the shortlist from the suggestions, then to the job's page by the suggestion's link.
    audit.visit("suggestions (to shortlist)", f"{detail_path(participant)}?section=suggestions")
    shortlist_from(page, named)
    assert page.locator(".pt-messages .ds-alert[data-color=success]").count() == 1
    audit.check("suggestions (put on the shortlist)")
    with page.expect_navigation():
        suggestion(page, named).locator("h3 a").click()
    assert page.url == base + reverse("employers:job-analysis-detail", args=[named.pk])
    candidate = Candidate.objects.get(job_analysis=named, participant=participant)
    assert page.locator(f"#kandidatliste #kandidat-{candidate.pk}").count() == 1
    other = detail_path(matching["other"])
    assert page.locator(f'#kandidatforslag a[href="{other}"]').count() == 1
    audit.check("job analysis (shortlist and suggested candidates)")
    audit.assert_clean()


def status_form(page, candidate):
    action = reverse("matching:candidate-set-status", args=[candidate.pk])
    return page.locator(f'#kandidat-{candidate.pk} form[action="{action}"]')


@ON_A_PHONE
def test_not_relevant_needs_a_reason_on_the_shortlist(live_server, page, viewport, matching):
    base = live_server.url
    specialist, participant, named = (
        matching["specialist"],
        matching["participant"],
        matching["named"],
    )
    candidate = services.candidate_add(
        user=specialist,
        analysis=named,
        participant=participant,
        suggestion=selectors.suggestion_for_job(specialist, participant, named),
    )
    job_path = reverse("employers:job-analysis-detail", args=[named.pk])
    log_in(page, base, specialist.username)
    page.goto(base + job_path)
    status = page.locator(f"#kandidat-{candidate.pk} .ds-tag").first
    assert status.inner_text().strip() == nb("Considered")
    assert_fits_the_screen(page, "job analysis")

    # Not relevant, no reason: refused, saying why, and the status stays.
    form = status_form(page, candidate)
    prefix = f"#id_status-{candidate.pk}"
    form.locator(f"{prefix}-status").select_option(Candidate.Status.NOT_RELEVANT)
    submit(page, f"#kandidat-{candidate.pk} form:has({prefix}-reason)")
    assert page.url.startswith(base + job_path)
    error = page.locator(".pt-messages .ds-alert[data-color=danger]")
    assert error.inner_text().strip() == nb(
        "Say why the candidate is not relevant: the next colleague should know."
    )
    assert status.inner_text().strip() == nb("Considered")
    candidate.refresh_from_db()
    assert (candidate.status, candidate.reason) == (Candidate.Status.CONSIDERED, "")
    assert_fits_the_screen(page, "job analysis (refused)")

    # With a reason: saved, and shown on the shortlist.
    form.locator(f"{prefix}-status").select_option(Candidate.Status.NOT_RELEVANT)
    form.locator(f"{prefix}-reason").fill(NOT_RELEVANT_BECAUSE)
    submit(page, f"#kandidat-{candidate.pk} form:has({prefix}-reason)")
    success = page.locator(".pt-messages .ds-alert[data-color=success]")
    assert success.inner_text().strip() == nb("The candidate's status is saved.")
    assert status.inner_text().strip() == "Ikke aktuell"
    assert NOT_RELEVANT_BECAUSE in page.locator(f"#kandidat-{candidate.pk}").inner_text()
    candidate.refresh_from_db()
    assert (candidate.status, candidate.reason) == (
        Candidate.Status.NOT_RELEVANT,
        NOT_RELEVANT_BECAUSE,
    )
    assert_fits_the_screen(page, "job analysis (saved)")
