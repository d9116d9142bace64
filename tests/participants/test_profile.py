"""The vocational profile (yrkesprofil): the profile_save service and its versions, the edit
form's bad input and edit conflicts, the profile page with its version history, older versions,
scope, the access log, and query budgets."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from placetrain.lib.concurrency import EditConflict
from placetrain.participants import services
from placetrain.participants.models import Participant, VocationalProfile
from tests.html import parse

# Pages in English, so assertions read the msgids (the bokmål catalogue has its own test).
pytestmark = pytest.mark.usefixtures("english_pages")

PAYLOAD = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"

# The most queries each profile page may make, whatever the number of versions: session read,
# user, participant, access-log row (with a cold ContentType cache), the versions (with who
# saved them), and the session save (three statements with its savepoint).
BUDGETS = {"participants:profile-detail": 9, "participants:profile-version-detail": 9}

FIVE = "Rema 1000\nKiwi Elvestad\nElvestad sykehjem\nPosten\nIKEA"


# --- helpers ---------------------------------------------------------------------------------


def profile_url(participant) -> str:
    return reverse("participants:profile-detail", args=[participant.pk])


def edit_url(participant) -> str:
    return reverse("participants:profile-update", args=[participant.pk])


def version_url(participant, number: int) -> str:
    return reverse("participants:profile-version-detail", args=[participant.pk, number])


def form_data(based_on: int | None = None, **overrides) -> dict:
    # As a browser sends the form: no unticked day, the wishes as their three inputs.
    data = {
        name: ""
        for name in VocationalProfile.CONTENT_FIELDS
        if name not in ("available_days", "wished_occupations")
    }
    data.update({f"wished_occupations_{n}": "" for n in range(3)})
    data.update(
        job_wishes="Butikk eller lager",
        work_environment="Rolig, med faste kolleger",
        desired_workplaces=FIVE,
        interests="Matlaging",
        hours_capacity="60",
        availability="Hverdager 08–14",
        reflection_done="Besøkte to butikker",
    )
    data.update(overrides)
    data["based_on"] = "" if based_on is None else str(based_on)
    return data


def save(world, based_on=None, user=None, **data) -> VocationalProfile:
    return services.profile_update(
        user=user or world.specialist_a,
        participant=world.participant_a,
        data=data,
        based_on=based_on,
    )


def assert_refused_next_to(response, name: str) -> None:
    assert response.status_code == 200
    assert name in response.context["form"].errors, response.context["form"].errors
    page = parse(response)
    assert f"id_{name}_error" in page.ids
    assert page.field(name).get("aria-invalid") == "true"


def access_rows(participant, section: str):
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Participant),
        object_pk=str(participant.pk),
        action=LogEntry.Action.ACCESS,
        additional_data__section=section,
    )


# --- the service ----------------------------------------------------------------------------


class TestProfileSaveService:
    def test_the_first_save_is_version_one(self, world):
        profile = save(world, job_wishes="Butikk", hours_capacity=50)

        assert profile.number == 1
        assert profile.created_by == world.specialist_a
        assert (profile.job_wishes, profile.hours_capacity) == ("Butikk", 50)

    def test_every_save_adds_a_version_and_keeps_the_earlier_ones_as_they_were(self, world):
        save(world, job_wishes="Butikk", interests="Fotball")
        second = save(world, based_on=1, user=world.leader_a, job_wishes="Lager")

        assert second.number == 2
        assert second.created_by == world.leader_a
        first = VocationalProfile.objects.get(participant=world.participant_a, number=1)
        assert (first.job_wishes, first.interests) == ("Butikk", "Fotball")
        # A save is the whole profile: a field left out is empty in the new version.
        assert (second.job_wishes, second.interests) == ("Lager", "")
        assert second.changed_fields(first) == ["job_wishes", "interests"]

    def test_a_save_from_an_old_version_is_refused_naming_what_changed_meanwhile(self, world):
        save(world, job_wishes="Butikk", interests="Fotball")
        save(world, based_on=1, job_wishes="Lager", interests="Fotball", barriers="Transport")

        with pytest.raises(EditConflict) as caught:
            save(world, based_on=1, job_wishes="Kafé")

        assert caught.value.current.number == 2
        assert caught.value.changed_fields == ["job_wishes", "barriers"]
        assert world.participant_a.profiles.count() == 2

    def test_a_first_save_is_refused_when_someone_saved_a_profile_meanwhile(self, world):
        save(world, job_wishes="Butikk")

        with pytest.raises(EditConflict) as caught:
            save(world, based_on=None, job_wishes="Kafé")

        assert caught.value.changed_fields == ["job_wishes"]

    def test_a_version_number_from_nowhere_on_an_empty_profile_saves_version_one(self, world):
        # Nothing was saved, so nothing can have been changed meanwhile.
        profile = save(world, based_on=7, job_wishes="Butikk")

        assert profile.number == 1

    def test_the_database_refuses_hours_above_full_time(self, world):
        with pytest.raises(IntegrityError), transaction.atomic():
            save(world, hours_capacity=101)

    def test_changed_fields_of_a_first_version_are_the_filled_ones(self, world):
        profile = save(world, job_wishes="Butikk", hours_capacity=0)

        assert profile.changed_fields(None) == ["job_wishes", "hours_capacity"]


# --- the profile page ------------------------------------------------------------------------


class TestProfilePage:
    def test_without_a_profile_it_says_so_and_offers_to_fill_it_in(self, world, as_specialist):
        response = as_specialist.get(profile_url(world.participant_a))

        assert response.status_code == 200
        html = response.content.decode()
        assert "No vocational profile yet" in html
        assert f'href="{edit_url(world.participant_a)}"' in html
        assert response.context["versions"] == []

    def test_it_shows_the_current_profile_grouped_with_its_workplaces(self, world, as_specialist):
        save(
            world,
            job_wishes="Butikk",
            desired_workplaces=FIVE,
            support_practical="Barnehageplass",
            hours_capacity=0,
            reflection_learned=PAYLOAD,
        )

        response = as_specialist.get(profile_url(world.participant_a))

        html = response.content.decode()
        for title in ("Job wishes and work environment", "Support needs", "Barriers"):
            assert title in html
        assert "<ol><li>Rema 1000</li><li>Kiwi Elvestad</li>" in html
        assert "Barnehageplass" in html
        assert "0 %" in html  # zero is a value, not "nothing"
        # Empty fields are named in one line per group, not listed one dash at a time.
        assert "Not filled in: Interests, Strengths, What gives energy." in html
        assert ESCAPED in html and PAYLOAD not in html

    def test_the_history_lists_every_version_with_who_when_and_what_changed(
        self, world, as_specialist
    ):
        save(world, job_wishes="Butikk", interests="Fotball")
        save(world, based_on=1, user=world.leader_a, job_wishes="Lager", interests="Fotball")
        save(
            world,
            based_on=2,
            job_wishes="Lager",
            interests="Fotball",
            hours_capacity=40,
            barriers="Transport",
        )

        response = as_specialist.get(profile_url(world.participant_a))

        versions = response.context["versions"]
        assert [v.number for v in versions] == [3, 2, 1]
        assert versions[0].changed_labels == ["Barriers", "Hours capacity (% of full time)"]
        assert versions[1].changed_labels == ["Job wishes: kinds of work"]
        assert versions[2].changed_labels == ["Job wishes: kinds of work", "Interests"]
        html = response.content.decode()
        rows = parse(response).one("table").rows
        assert len(rows) == 3
        assert rows[0][2] == "Barriers, Hours capacity (% of full time)"
        assert world.leader_a.get_full_name() in rows[1][1]
        when = timezone.localtime(versions[1].created_at).strftime("%d.%m.%Y %H:%M")
        assert rows[1][1].startswith(when)
        assert rows[2][2] == "First version: Job wishes: kinds of work, Interests"
        for number in (1, 2, 3):
            assert f'href="{version_url(world.participant_a, number)}"' in html
        # The current profile marks what its save changed.
        assert html.count(">changed</span>") == 2

    def test_reading_it_is_access_logged_as_profile(self, world, as_specialist):
        as_specialist.get(profile_url(world.participant_a))

        assert access_rows(world.participant_a, "profile").get().actor == world.specialist_a


class TestOlderVersion:
    def test_it_shows_an_older_version_as_it_was_and_what_it_changed(self, world, as_specialist):
        save(world, job_wishes="Butikk", interests="Fotball")
        save(world, based_on=1, job_wishes="Lager", interests="Fotball")
        save(world, based_on=2, job_wishes="Kafé", interests="Fotball")

        response = as_specialist.get(version_url(world.participant_a, 2))

        assert response.status_code == 200
        assert response.context["version"].number == 2
        assert not response.context["is_current"]
        html = response.content.decode()
        assert "Lager" in html and "Kafé" not in html
        assert "This is an older version" in html
        assert "Changed from the version before: Job wishes: kinds of work." in html
        assert access_rows(world.participant_a, "profile").count() == 1

    def test_the_newest_version_is_not_called_older(self, world, as_specialist):
        save(world, job_wishes="Butikk")

        response = as_specialist.get(version_url(world.participant_a, 1))

        assert response.context["is_current"]
        assert "This is an older version" not in response.content.decode()
        assert "First version." in response.content.decode()

    def test_a_version_that_does_not_exist_is_not_found(self, world, as_specialist):
        save(world, job_wishes="Butikk")

        assert as_specialist.get(version_url(world.participant_a, 2)).status_code == 404
        assert as_specialist.get(version_url(world.participant_a, 0)).status_code == 404

    def test_another_participants_version_is_not_reachable_through_this_one(
        self, world, as_specialist, client_for
    ):
        services.profile_update(
            user=world.specialist_b,
            participant=world.participant_b,
            data={"job_wishes": "Hemmelig"},
            based_on=None,
        )

        response = as_specialist.get(version_url(world.participant_a, 1))

        assert response.status_code == 404


# --- the edit form ---------------------------------------------------------------------------


class TestProfileEdit:
    def test_the_form_starts_from_the_current_version(self, world, as_specialist):
        save(world, job_wishes="Butikk", hours_capacity=80, desired_workplaces="Rema\nKiwi")
        save(world, based_on=1, job_wishes="Lager", hours_capacity=80)

        response = as_specialist.get(edit_url(world.participant_a))

        assert response.status_code == 200
        page = parse(response)
        assert page.value("based_on") == "2"
        assert page.field("based_on")["type"] == "hidden"
        assert page.value("job_wishes") == "Lager"
        assert page.value("hours_capacity") == "80"
        assert access_rows(world.participant_a, "profile").count() == 1

    def test_a_first_profile_starts_empty(self, world, as_specialist):
        page = parse(as_specialist.get(edit_url(world.participant_a)))

        assert page.value("based_on") == ""
        assert page.value("job_wishes") == ""

    def test_saving_adds_a_version_and_goes_to_the_profile(self, world, as_specialist):
        response = as_specialist.post(edit_url(world.participant_a), form_data())

        assert response.status_code == 302
        assert response["Location"] == profile_url(world.participant_a)
        profile = world.participant_a.profiles.get()
        assert profile.number == 1
        assert profile.workplaces == FIVE.splitlines()
        assert profile.hours_capacity == 60
        assert profile.created_by == world.specialist_a

        response = as_specialist.post(
            edit_url(world.participant_a), form_data(based_on=1, interests="Sykling")
        )
        assert response.status_code == 302
        assert world.participant_a.profiles.count() == 2
        assert world.participant_a.profiles.first().changed_fields(
            world.participant_a.profiles.last()
        ) == ["interests"]

    def test_blank_lines_between_workplaces_are_dropped(self, world, as_specialist):
        typed = "  Rema 1000 \r\n\r\nKiwi\r\n   \r\nPosten\r\nIKEA\r\nCoop\r\n\r\n"

        response = as_specialist.post(
            edit_url(world.participant_a), form_data(desired_workplaces=typed)
        )

        assert response.status_code == 302
        profile = world.participant_a.profiles.get()
        assert profile.desired_workplaces == "Rema 1000\nKiwi\nPosten\nIKEA\nCoop"

    def test_saving_without_changes_adds_no_version(self, world, as_specialist):
        as_specialist.post(edit_url(world.participant_a), form_data())

        response = as_specialist.post(edit_url(world.participant_a), form_data(based_on=1))

        assert response.status_code == 302
        assert world.participant_a.profiles.count() == 1

    def test_it_refuses_six_workplaces_and_keeps_what_was_typed(self, world, as_specialist):
        six = FIVE + "\nCoop Extra"

        response = as_specialist.post(
            edit_url(world.participant_a), form_data(desired_workplaces=six)
        )

        assert_refused_next_to(response, "desired_workplaces")
        assert response.context["form"].errors["desired_workplaces"] == [
            "List at most five workplaces, one per line. You listed 6."
        ]
        page = parse(response)
        assert page.value("desired_workplaces").splitlines() == six.splitlines()
        assert page.value("job_wishes") == "Butikk eller lager"
        assert page.value("hours_capacity") == "60"
        assert not VocationalProfile.objects.exists()

    @pytest.mark.parametrize("typed", ["101", "-1", "halv", "50.5"])
    def test_it_refuses_hours_outside_0_to_100_percent(self, world, as_specialist, typed):
        response = as_specialist.post(
            edit_url(world.participant_a), form_data(hours_capacity=typed)
        )

        assert_refused_next_to(response, "hours_capacity")
        assert response.context["form"].errors["hours_capacity"] == [
            "Write the hours capacity as a whole number from 0 to 100 (percent of full time)."
        ]
        page = parse(response)
        assert page.value("hours_capacity") == typed
        assert page.value("desired_workplaces").splitlines() == FIVE.splitlines()
        assert not VocationalProfile.objects.exists()

    @pytest.mark.parametrize("hours", ["0", "100", ""])
    def test_it_accepts_hours_at_the_limits_or_none(self, world, as_specialist, hours):
        response = as_specialist.post(
            edit_url(world.participant_a), form_data(hours_capacity=hours)
        )

        assert response.status_code == 302
        expected = int(hours) if hours else None
        assert world.participant_a.profiles.get().hours_capacity == expected

    def test_it_refuses_overlong_text_and_keeps_it(self, world, as_specialist):
        long = "x" * 2001

        response = as_specialist.post(edit_url(world.participant_a), form_data(strengths=long))

        assert_refused_next_to(response, "strengths")
        assert parse(response).value("strengths") == long
        assert not VocationalProfile.objects.exists()

    def test_html_typed_into_the_profile_is_escaped_on_every_page(self, world, as_specialist):
        as_specialist.post(edit_url(world.participant_a), form_data(barriers=PAYLOAD))

        for url in (
            profile_url(world.participant_a),
            version_url(world.participant_a, 1),
            edit_url(world.participant_a),
        ):
            html = as_specialist.get(url).content.decode()
            assert ESCAPED in html and PAYLOAD not in html, url

    def test_a_tampered_version_number_is_refused_with_a_message(self, world, as_specialist):
        response = as_specialist.post(edit_url(world.participant_a), form_data(based_on="to"))

        assert response.status_code == 200
        assert "based_on" in response.context["form"].errors
        assert parse(response).value("job_wishes") == "Butikk eller lager"
        assert not VocationalProfile.objects.exists()


class TestEditConflict:
    def test_it_shows_what_changed_meanwhile_keeps_the_input_and_a_second_save_wins(
        self, world, client_for
    ):
        save(world, job_wishes="Butikk", interests="Fotball", hours_capacity=50)
        specialist = client_for(world.specialist_a)
        # The leader saves version 2 while the specialist still has version 1 open.
        save(
            world,
            based_on=1,
            user=world.leader_a,
            job_wishes="Lager",
            interests="Fotball",
            hours_capacity=30,
        )

        mine = form_data(based_on=1, job_wishes="Kafé", interests="Fotball", hours_capacity="50")
        response = specialist.post(edit_url(world.participant_a), mine)

        assert response.status_code == 200
        assert world.participant_a.profiles.count() == 2
        conflict = response.context["conflict"]
        assert {row["label"]: row["value"] for row in conflict} == {
            "Job wishes: kinds of work": "Lager",
            "Hours capacity (% of full time)": "30 %",
        }
        html = response.content.decode()
        assert "Changed by someone else while you were editing" in html
        page = parse(response)
        assert page.value("job_wishes") == "Kafé"
        assert page.value("hours_capacity") == "50"
        assert page.value("based_on") == "2"

        # Submitting the form as shown again is a deliberate save over version 2.
        again = {**mine, "based_on": page.value("based_on")}
        response = specialist.post(edit_url(world.participant_a), again)

        assert response.status_code == 302
        newest = world.participant_a.profiles.first()
        assert (newest.number, newest.job_wishes, newest.hours_capacity) == (3, "Kafé", 50)
        assert VocationalProfile.objects.get(number=2).job_wishes == "Lager"

    def test_two_first_profiles_at_once_do_not_overwrite_each_other(self, world, client_for):
        save(world, user=world.leader_a, job_wishes="Lager")

        response = client_for(world.specialist_a).post(
            edit_url(world.participant_a), form_data(based_on=None, job_wishes="Kafé")
        )

        assert response.status_code == 200
        assert response.context["conflict"]
        assert parse(response).value("based_on") == "1"
        assert world.participant_a.profiles.get().job_wishes == "Lager"


# --- scope -----------------------------------------------------------------------------------


def every_profile_request(participant):
    return [
        ("get", profile_url(participant), {}),
        ("get", version_url(participant, 1), {}),
        ("get", edit_url(participant), {}),
        ("post", edit_url(participant), form_data(based_on=1, job_wishes="Inntrenger")),
    ]


class TestScope:
    @pytest.mark.parametrize("persona", ["specialist_b", "specialist_a2", "admin"])
    def test_outside_the_caseload_every_profile_url_is_not_found(self, world, client_for, persona):
        save(world, job_wishes="Butikk")
        client = client_for(world.user(persona))

        for method, url, data in every_profile_request(world.participant_a):
            assert getattr(client, method)(url, data).status_code == 404, url
        assert world.participant_a.profiles.count() == 1
        assert not access_rows(world.participant_a, "profile").exists()

    def test_the_language_teacher_is_forbidden_the_profile(self, world, client_for):
        save(world, job_wishes="Butikk")
        client = client_for(world.teacher)

        for method, url, data in every_profile_request(world.participant_a):
            assert getattr(client, method)(url, data).status_code == 403, url
        assert world.participant_a.profiles.count() == 1

    def test_the_team_leader_may_read_and_save_it(self, world, client_for):
        save(world, job_wishes="Butikk")
        client = client_for(world.leader_a)

        for method, url, data in every_profile_request(world.participant_a):
            response = getattr(client, method)(url, data)
            assert response.status_code == (302 if method == "post" else 200), url
        assert world.participant_a.profiles.first().created_by == world.leader_a

    def test_anonymous_users_are_sent_to_log_in(self, world, client_for):
        client = client_for(None)
        for method, url, data in every_profile_request(world.participant_a):
            response = getattr(client, method)(url, data)
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("accounts:login"))


# --- query budgets ---------------------------------------------------------------------------


def build_versions(world, size: int) -> None:
    """``size`` versions of participant_a's profile, saved in turn by two people, each changing
    a few fields; and a few versions of another participant's profile."""
    now = timezone.now()
    authors = [world.specialist_a, world.leader_a]
    VocationalProfile.objects.bulk_create(
        VocationalProfile(
            participant=world.participant_a,
            number=n,
            created_by=authors[n % 2],
            created_at=now - dt.timedelta(days=size - n),
            job_wishes=f"Ønske {n // 2}",
            interests=f"Interesse {n // 3}",
            desired_workplaces=FIVE,
            hours_capacity=n % 101,
        )
        for n in range(1, size + 1)
    )
    VocationalProfile.objects.bulk_create(
        VocationalProfile(participant=world.participant_b, number=n, job_wishes="Annet")
        for n in range(1, 4)
    )


@pytest.mark.parametrize("size", [10, 200])
def test_the_profile_page_stays_within_its_budget(
    world, as_specialist, size, django_assert_max_num_queries
):
    build_versions(world, size)
    ContentType.objects.clear_cache()

    with django_assert_max_num_queries(BUDGETS["participants:profile-detail"]):
        response = as_specialist.get(profile_url(world.participant_a))

    assert response.status_code == 200
    versions = response.context["versions"]
    assert len(versions) == size
    assert all(v.changed_labels for v in versions)
    html = response.content.decode()
    assert html.count(world.leader_a.get_full_name()) >= size // 2


@pytest.mark.parametrize("size", [10, 200])
def test_an_older_version_stays_within_its_budget(
    world, as_specialist, size, django_assert_max_num_queries
):

    build_versions(world, size)
    ContentType.objects.clear_cache()

    with django_assert_max_num_queries(BUDGETS["participants:profile-version-detail"]):
        response = as_specialist.get(version_url(world.participant_a, size // 2))

    assert response.status_code == 200
    assert response.context["version"].number == size // 2
    assert response.context["changed_labels"]


class TestStructuredWishesAndAvailability:
    """What matching reads: wished occupations coded with STYRK-08, the days and the times
    the participant can work."""

    def test_wishes_and_availability_are_saved_coded_and_shown(self, world, as_specialist):
        data = form_data(
            wished_occupations_0="5223 Butikkmedarbeidere",
            wished_occupations_1="4321",
            wished_occupations_2="5223",  # the same twice is kept once
            available_days=["1", "2", "4", "8", "16"],
            available_from="08:30",
            available_until="14:00",
        )

        response = as_specialist.post(edit_url(world.participant_a), data)

        assert response.status_code == 302
        profile = world.participant_a.profiles.get()
        assert profile.wished_occupations == ["5223", "4321"]
        assert profile.available_days == 31
        assert profile.available_from.strftime("%H:%M") == "08:30"
        page = parse(as_specialist.get(profile_url(world.participant_a))).text
        assert "5223 Butikkmedarbeidere" in page
        assert "Monday, Tuesday, Wednesday, Thursday, Friday" in page
        assert "08:30" in page and "14:00" in page

        again = parse(as_specialist.get(edit_url(world.participant_a)))
        assert again.value("wished_occupations_0") == "5223 Butikkmedarbeidere"
        assert again.value("wished_occupations_1").startswith("4321 Lagermedarbeidere")

    @pytest.mark.parametrize(
        ("values", "field", "message"),
        [
            ({"wished_occupations_1": "9999"}, "wished_occupations", "not a code in STYRK-08"),
            (
                {"available_from": "14:00", "available_until": "08:00"},
                "available_until",
                "must be later than",
            ),
        ],
    )
    def test_bad_input_is_refused_at_its_field(self, world, as_specialist, values, field, message):
        response = as_specialist.post(
            edit_url(world.participant_a), form_data(job_wishes="Kafé", **values)
        )

        assert response.status_code == 200
        assert not world.participant_a.profiles.exists()
        page = parse(response)
        assert any(message in error for error in page.errors(field)), page.errors(field)
        assert page.value("job_wishes") == "Kafé"
