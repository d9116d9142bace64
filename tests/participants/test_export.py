"""The participant's record as JSON: whole, scoped, and nothing more than allowed."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from placetrain.employment import services as employment_services
from placetrain.lib.dates import today
from placetrain.participants.models import VocationalProfile
from placetrain.placements import services as placement_services
from placetrain.placements.models import Meeting, Placement, PlacementType
from tests.factories import ContactFactory


def export(client, participant) -> dict:
    response = client.get(reverse("participants:participant-export", args=[participant.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


@pytest.fixture
def full_case(world):
    p = world.participant_a
    VocationalProfile.objects.create(participant=p, number=1, job_wishes="Kokk på kafé")
    placement = Placement.objects.create(
        participant=p,
        employer=world.employer,
        kind=PlacementType.WORK_PRACTICE,
        planned_start=today() - dt.timedelta(days=30),
        goal="Fast jobb i kjøkken",
    )
    meeting = Meeting.objects.create(
        placement=placement,
        kind=Meeting.Kind.STATUS,
        planned_at=placement.created_at,
        place="Kantina",
    )
    placement_services.meeting_hold(
        user=world.specialist_a, meeting=meeting, held_on=today(), notes="Mestrer oppvasken"
    )
    employment = employment_services.employment_create(
        user=world.specialist_a,
        participant=p,
        data={
            "employer": world.employer,
            "kind": "permanent",
            "started_on": today(),
            "percent_of_full_time": 80,
        },
    )
    checkin = employment.checkins.first()
    employment_services.checkin_record(
        user=world.specialist_a,
        checkin=checkin,
        data={"done_on": today(), "still_employed": True, "how_participant": "Trives"},
        expected_version=checkin.version,
    )
    return p


def test_it_holds_the_whole_place_train_record(full_case, as_specialist):
    record = export(as_specialist, full_case)
    assert record["vocational_profiles"][0]["job_wishes"] == "Kokk på kafé"
    assert record["placements"][0]["goal"] == "Fast jobb i kjøkken"
    assert record["meetings"][0]["notes"] == "Mestrer oppvasken"
    assert record["employments"][0]["percent_of_full_time"] == 80
    assert any(c["how_participant"] == "Trives" for c in record["follow_up_checkins"])
    assert record["sensitive"]["health"] == "Astma"


def test_a_teammate_sharing_the_caseload_gets_no_sensitive_section(world, full_case, client_for):
    world.team_a.shared_caseload = True
    world.team_a.save()
    record = export(client_for(world.specialist_a2), full_case)
    assert "sensitive" not in record
    assert record["placements"]


def test_the_file_name_carries_the_id_and_never_the_name(world, as_specialist):
    response = as_specialist.get(
        reverse("participants:participant-export", args=[world.participant_a.pk])
    )
    disposition = response["Content-Disposition"]
    assert f"deltaker-{world.participant_a.pk}-" in disposition
    assert world.participant_a.last_name not in disposition
    assert set(response["Cache-Control"].split(", ")) == {"no-store", "private"}


@pytest.mark.parametrize("rows", [5, 60])
def test_it_costs_the_same_queries_whatever_the_amount(
    rows, full_case, as_specialist, django_assert_max_num_queries
):
    ContactFactory.create_batch(rows, participant=full_case)
    # Session, user, participant, access log, and one query per kind of record.
    with django_assert_max_num_queries(26):
        record = export(as_specialist, full_case)
    assert len(record["contacts"]) == rows
