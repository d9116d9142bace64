"""The participant's timeline shows the train beside the contacts: placements, extensions,
meetings, hires and follow-up check-ins."""

import datetime as dt

import pytest
from django.urls import reverse

from placetrain.employment import services as employment_services
from placetrain.lib.dates import today
from placetrain.placements import services
from placetrain.placements.models import Meeting, Placement, PlacementType


def _placement(world, participant, *, started_days_ago=40):
    start = today() - dt.timedelta(days=started_days_ago)
    return Placement.objects.create(
        participant=participant,
        employer=world.employer,
        kind=PlacementType.WORK_PRACTICE,
        state=Placement.State.STARTED,
        planned_start=start,
        started_on=start,
        planned_end=start + dt.timedelta(days=30),
    )


@pytest.fixture
def train(world):
    placement = _placement(world, world.participant_a)
    services.placement_extend(
        user=world.specialist_a,
        placement=placement,
        new_end=placement.planned_end + dt.timedelta(days=14),
        reason="Trenger mer kasse",
    )
    meeting = Meeting.objects.create(
        placement=placement, kind=Meeting.Kind.STATUS, planned_at=placement.created_at
    )
    services.meeting_hold(
        user=world.specialist_a,
        meeting=meeting,
        held_on=today() - dt.timedelta(days=3),
        notes="Mestrer varemottaket",
    )
    employment = services.placement_end(
        user=world.specialist_a,
        placement=placement,
        ended_on=today() - dt.timedelta(days=2),
        outcome="hired_part_time",
        reason="Ansatt",
        evaluation="Godt samarbeid",
        employment={
            "kind": "part_time",
            "started_on": today() - dt.timedelta(days=2),
            "percent_of_full_time": 60,
        },
    )
    checkin = employment.checkins.first()
    employment_services.checkin_record(
        user=world.specialist_a,
        checkin=checkin,
        data={"done_on": today(), "still_employed": True, "how_participant": "Trives i jobben"},
        expected_version=checkin.version,
    )
    return placement


def test_the_timeline_shows_every_step_of_the_train(train, as_specialist, world):
    body = as_specialist.get(
        reverse("participants:participant-timeline", args=[world.participant_a.pk]),
        HTTP_HX_REQUEST="true",
    ).content.decode()
    for kind in (
        "placement_started",
        "placement_ended",
        "extension",
        "meeting",
        "hired",
        "checkin",
    ):
        assert f'data-kind="{kind}"' in body, kind
    assert "Trenger mer kasse" in body
    assert "Mestrer varemottaket" in body
    assert "Trives i jobben" in body
    assert reverse("placements:placement-detail", args=[train.pk]) in body


def test_another_participants_train_stays_off_the_timeline(train, world, client_for):
    _placement(world, world.participant_b)
    body = (
        client_for(world.specialist_b)
        .get(reverse("participants:participant-timeline", args=[world.participant_b.pk]))
        .content.decode()
    )
    assert "Trenger mer kasse" not in body
    assert 'data-kind="placement_started"' in body


@pytest.mark.parametrize("placements", [2, 40])
def test_the_timeline_costs_the_same_queries_whatever_the_train(
    placements, world, as_specialist, django_assert_max_num_queries
):
    for days in range(placements):
        _placement(world, world.participant_a, started_days_ago=days + 5)
    url = reverse("participants:participant-timeline", args=[world.participant_a.pk])
    as_specialist.get(url)  # warm the session and ContentType caches
    with django_assert_max_num_queries(16):
        response = as_specialist.get(url, HTTP_HX_REQUEST="true")
    assert response.content.decode().count('data-kind="placement_started"') == placements
