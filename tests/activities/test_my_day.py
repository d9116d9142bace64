"""Min dag, phone first: the overdue and due steps come before the caseload (on a phone the
page is one column, so they are what the specialist sees first); a language teacher finds
their participants there instead of an empty caseload. The steps and the caseload themselves
are tested in test_contact_log.py (TestMyDay); the phone layout in tests/browser."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from placetrain.lib.dates import today
from tests.factories import LanguagePlanFactory, NextStepFactory, ParticipantFactory
from tests.html import parse


def my_day(client):
    return client.get(reverse("activities:my-day"))


def test_overdue_steps_come_before_the_caseload(world, as_specialist):
    for _ in range(14):
        ParticipantFactory(specialist=world.specialist_a)
    NextStepFactory(
        participant=world.participant_a,
        description="Ringe fadderen",
        due_on=today() - dt.timedelta(days=3),
    )

    html = my_day(as_specialist).content.decode()

    assert "Ringe fadderen" in parse(html).one("#due-steps").text
    assert html.index('id="due-steps"') < html.index('id="my-participants"')
    headings = [e["id"] for e in parse(html).select("main section.pt-card h2")]
    assert headings[:2] == ["neste-steg", "mine-deltakere"]


def test_a_specialist_without_participants_still_sees_the_empty_caseload(world, client_for):
    page = parse(my_day(client_for(world.specialist_a2)))

    assert page.one("#mine-deltakere").text == "Mine deltakere (0)"
    assert not page.select("#my-participants")


def test_a_language_teacher_gets_their_participants_instead_of_an_empty_caseload(world, client_for):
    plan = LanguagePlanFactory(participant=world.participant_a, teacher=world.teacher)

    page = parse(my_day(client_for(world.teacher)))

    assert not page.select("#mine-deltakere")
    assert not page.select("#due-checkins")  # the check-ins are the specialist's
    taught = page.one("#my-language-participants")
    assert world.participant_a.full_name in taught.text
    assert reverse("language:language-plan-detail", args=[plan.pk]) in taught.links
    assert reverse("language:taught-participant-list") in taught.links
    headings = [e["id"] for e in page.select("main section.pt-card h2")]
    assert headings[:2] == ["neste-steg", "sprakdeltakere-tittel"]


def test_a_specialist_s_min_dag_has_no_language_card(world, as_specialist):
    page = parse(my_day(as_specialist))

    assert not page.select("#my-language-participants")
    assert page.one("#due-checkins")
