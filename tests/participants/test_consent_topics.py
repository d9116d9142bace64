"""Consent topics: what an employer may be told, chosen on the consent form and shown in the
participant page's consent list. Topics belong to consents about employers only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from placetrain.participants.forms.case import ConsentForm
from placetrain.participants.models import Consent
from tests.factories import ConsentFactory
from tests.html import parse

# Pages in English, so assertions read the msgids (the bokmål catalogue has its own test).
pytestmark = pytest.mark.usefixtures("english_pages")


def create_url(participant) -> str:
    return reverse("participants:consent-create", args=[participant.pk])


def consent_data(**overrides) -> dict:
    data = {
        "kind": Consent.Kind.EMPLOYER_DISCLOSURE,
        "scope": "Det arbeidsgiveren trenger å vite",
        "topics": [Consent.Topic.GOALS, Consent.Topic.LANGUAGE],
        "given_on": "2026-01-05",
        "method": Consent.Method.WRITTEN,
    }
    data.update(overrides)
    return data


def test_the_form_offers_every_topic_as_a_checkbox(world, as_specialist):
    response = as_specialist.get(create_url(world.participant_a))

    boxes = parse(response).select("input[type=checkbox][name=topics]")
    assert [box["value"] for box in boxes] == list(Consent.Topic.values)


def test_an_employer_consent_keeps_the_ticked_topics(world, as_specialist):
    response = as_specialist.post(create_url(world.participant_a), consent_data())

    assert response.status_code == 302
    consent = Consent.objects.get(participant=world.participant_a)
    assert consent.topics == ["goals", "language"]


def test_an_employer_consent_with_no_topics_means_nothing_may_be_told(world, as_specialist):
    response = as_specialist.post(create_url(world.participant_a), consent_data(topics=[]))

    assert response.status_code == 302
    assert Consent.objects.get(participant=world.participant_a).topics == []


def test_a_consent_about_services_keeps_no_topics(world, as_specialist):
    response = as_specialist.post(
        create_url(world.participant_a),
        consent_data(kind=Consent.Kind.SERVICE_CONTACT, scope="Fastlegen"),
    )

    assert response.status_code == 302
    assert Consent.objects.get(participant=world.participant_a).topics == []


def test_an_unknown_topic_is_refused_and_the_ticked_ones_stay_ticked(world, as_specialist):
    response = as_specialist.post(
        create_url(world.participant_a),
        consent_data(topics=[Consent.Topic.EDUCATION, "health"]),
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["topics"]
    page = parse(response)
    assert "id_topics_error" in page.ids
    assert page.values("topics") == ["education"]
    assert page.value("scope") == "Det arbeidsgiveren trenger å vite"
    assert not Consent.objects.exists()


def test_a_refused_form_keeps_the_ticked_topics(world, as_specialist):
    response = as_specialist.post(
        create_url(world.participant_a), consent_data(given_on="2099-01-01")
    )

    assert response.status_code == 200
    ticked = parse(response).values("topics")
    assert sorted(ticked) == ["goals", "language"]  # and not education


def test_the_form_clears_topics_of_a_service_consent():
    form = ConsentForm(
        consent_data(kind=Consent.Kind.SERVICE_CONTACT, topics=[Consent.Topic.GOALS])
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["topics"] == []


def test_the_participant_page_lists_what_the_employer_may_be_told(world, as_specialist):
    ConsentFactory(
        participant=world.participant_a,
        scope="Arbeidsgiver",
        topics=[Consent.Topic.WORK_HISTORY, Consent.Topic.SUPPORT_NEEDS],
        given_on="2026-01-05",
        method=Consent.Method.WRITTEN,
    )
    ConsentFactory(
        participant=world.participant_a,
        kind=Consent.Kind.EMPLOYER_DISCLOSURE,
        scope="Uten emner",
        topics=[],
        given_on="2026-01-06",
        method=Consent.Method.ORAL,
    )
    ConsentFactory(
        participant=world.participant_a,
        kind=Consent.Kind.SERVICE_CONTACT,
        scope="Fastlegen",
        given_on="2026-01-07",
        method=Consent.Method.ORAL,
    )

    html = as_specialist.get(
        reverse("participants:participant-detail", args=[world.participant_a.pk])
        + "?section=details"
    )
    html = html.content.decode()

    assert "May be told: Work history and skills, Support needs and accommodation" in html
    assert "May be told: no topics" in html
    assert html.count("May be told:") == 2  # not on the consent about services


def test_topic_labels_show_an_unknown_stored_value_as_it_is(world):
    consent = Consent(topics=["goals", "retired_topic"])

    assert consent.topic_labels == ["Goals and job wishes", "retired_topic"]
