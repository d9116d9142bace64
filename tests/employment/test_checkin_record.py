"""Recording a follow-up check-in: a refused one comes back still looking unrecorded, with
what was typed and the form to move it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from placetrain.employment import services as employment_services
from placetrain.employment.models import Employment
from placetrain.lib.dates import today

pytestmark = pytest.mark.usefixtures("english_pages")


def test_a_refused_checkin_still_shows_as_not_recorded(world, as_specialist):
    job = employment_services.employment_create(
        user=world.specialist_a,
        participant=world.participant_a,
        data={
            "employer": world.employer,
            "kind": Employment.Kind.PERMANENT,
            "started_on": today() - dt.timedelta(days=10),
            "percent_of_full_time": 100,
        },
    )
    checkin = job.checkins.order_by("due_on").first()
    before_hire = (job.started_on - dt.timedelta(days=1)).isoformat()

    response = as_specialist.post(
        reverse("employment:checkin-record", args=[checkin.pk]),
        {"done_on": before_hire, "still_employed": "yes", "hours_per_week": "30"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["done_on"] == [
        "A check-in cannot be before the hire date."
    ]
    html = response.content.decode()
    assert "Record the check-in" in html
    assert "Change the check-in" not in html
    assert 'name="flytt-due_on"' in html  # the check-in can still be moved
    assert response.context["form"]["done_on"].value() == before_hire  # what was typed is kept


def test_a_checkin_refused_by_the_form_still_shows_as_not_recorded(world, as_specialist):
    job = employment_services.employment_create(
        user=world.specialist_a,
        participant=world.participant_a,
        data={
            "employer": world.employer,
            "kind": Employment.Kind.PERMANENT,
            "started_on": today() - dt.timedelta(days=10),
            "percent_of_full_time": 100,
        },
    )
    checkin = job.checkins.order_by("due_on").first()

    response = as_specialist.post(
        reverse("employment:checkin-record", args=[checkin.pk]),
        {"done_on": today().isoformat(), "still_employed": "yes", "hours_per_week": "mange"},
    )

    assert list(response.context["form"].errors) == ["hours_per_week"]
    html = response.content.decode()
    assert "Record the check-in" in html
    assert 'name="flytt-due_on"' in html
