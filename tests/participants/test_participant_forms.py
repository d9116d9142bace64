"""Bad input through the participant views: refused with a message next to the field, escaped
on the way out, and nothing the user typed thrown away."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from placetrain.lib.dates import today
from placetrain.participants.models import (
    Consent,
    Participant,
    Status,
    StatusChange,
    WorkHistoryEntry,
)
from tests.factories import ConsentFactory, ParticipantFactory, UserFactory
from tests.html import parse

PAYLOAD = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


# --- helpers -----------------------------------------------------------------------------


def assert_error_next_to(response, name: str) -> None:
    """The error is rendered in ``id_<name>_error`` and the input points at it as invalid."""
    page = parse(response)
    assert page.by_id(f"id_{name}_error") is not None, f"no error element for {name}"
    field = page.field(name)
    assert field.get("aria-invalid") == "true", name
    assert f"id_{name}_error" in (field.get("aria-describedby") or "").split(), name


def django_norwegian(field: forms.Field, value) -> str:
    """Django's own bokmål message for ``value`` in ``field`` (from Django's catalogue)."""
    with translation.override("nb"):
        try:
            field.clean(value)
        except ValidationError as exc:
            return str(exc.messages[0])
    raise AssertionError("the value was accepted")


def valid_data(world, **overrides) -> dict:
    data = {
        "first_name": "Amina",
        "last_name": "Haddad",
        "birth_date": "1991-04-02",
        "phone": "41234567",
        "email": "amina@example.org",
        "address": "Storgata 1",
        "postal_code": "2317",
        "municipality": "Hamar",
        "mother_tongue": "Arabisk",
        "other_languages": "Engelsk",
        "norwegian_level": "A2",
        "norwegian_level_date": "2025-06-01",
        "norwegian_level_assessed_by": "Voksenopplæringen",
        "education": "Videregående skole",
        "programme": str(world.programme.pk),
        "referral_date": "2026-01-10",
        "referred_by": "NAV Hamar",
        "referral_order": "Arbeidstrening i butikk",
        "specialist": str(world.specialist_a.pk),
        "status": Status.REFERRED,
    }
    data.update(overrides)
    return data


TEXT_FIELDS = [
    "first_name",
    "last_name",
    "phone",
    "address",
    "municipality",
    "mother_tongue",
    "other_languages",
    "norwegian_level_assessed_by",
    "education",
    "referred_by",
    "referral_order",
]


def create_url() -> str:
    return reverse("participants:participant-create")


def iso(day: dt.date) -> str:
    return day.isoformat()


# --- creating a participant ------------------------------------------------------------


class TestParticipantCreate:
    def test_it_registers_a_participant_with_its_first_status(self, world, as_specialist):
        response = as_specialist.post(create_url(), valid_data(world))
        participant = Participant.objects.get(first_name="Amina", last_name="Haddad")
        assert response.status_code == 302
        assert response.url == reverse("participants:participant-detail", args=[participant.pk])
        assert participant.organisation == world.org
        assert participant.team == world.team_a
        assert list(participant.status_changes.values_list("status", "changed_on")) == [
            (Status.REFERRED, dt.date(2026, 1, 10))
        ]

    def test_it_refuses_a_birth_date_in_the_future(self, world, as_specialist):
        tomorrow = iso(today() + dt.timedelta(days=1))
        response = as_specialist.post(create_url(), valid_data(world, birth_date=tomorrow))
        assert response.status_code == 200
        assert "birth_date" in response.context["form"].errors
        assert_error_next_to(response, "birth_date")
        assert parse(response).value("birth_date") == tomorrow
        assert not Participant.objects.filter(last_name="Haddad").exists()

    def test_it_refuses_an_impossible_date_with_djangos_norwegian_message(
        self, world, as_specialist
    ):
        response = as_specialist.post(create_url(), valid_data(world, birth_date="2026-02-30"))
        assert response.status_code == 200
        expected = django_norwegian(forms.DateField(), "2026-02-30")
        assert expected != "Enter a valid date."
        assert parse(response).errors("birth_date") == [expected]
        assert_error_next_to(response, "birth_date")
        assert parse(response).value("birth_date") == "2026-02-30"
        assert not Participant.objects.filter(last_name="Haddad").exists()

    @pytest.mark.parametrize("typed", ["1990-13-01", "30.02.1990", "i fjor", "1990-02-29"])
    def test_it_refuses_other_impossible_dates_and_shows_what_was_typed(
        self, world, as_specialist, typed
    ):
        response = as_specialist.post(create_url(), valid_data(world, birth_date=typed))
        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["birth_date"]
        assert parse(response).value("birth_date") == typed

    def test_it_accepts_a_norwegian_written_birth_date(self, world, as_specialist):
        response = as_specialist.post(create_url(), valid_data(world, birth_date="02.04.1991"))
        assert response.status_code == 302
        assert Participant.objects.get(last_name="Haddad").birth_date == dt.date(1991, 4, 2)

    def test_it_refuses_a_birth_date_over_120_years_ago(self, world, as_specialist):
        too_old = iso(today().replace(year=today().year - 121))
        response = as_specialist.post(create_url(), valid_data(world, birth_date=too_old))
        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["birth_date"]
        assert_error_next_to(response, "birth_date")
        assert not Participant.objects.filter(last_name="Haddad").exists()

    def test_it_refuses_a_participant_under_14(self, world, as_specialist):
        ten_years_ago = iso(today().replace(year=today().year - 10))
        response = as_specialist.post(create_url(), valid_data(world, birth_date=ten_years_ago))
        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["birth_date"]
        assert not Participant.objects.filter(last_name="Haddad").exists()

    def test_it_accepts_a_participant_of_a_hundred(self, world, as_specialist):
        hundred = iso(today().replace(year=today().year - 100) - dt.timedelta(days=2))
        response = as_specialist.post(create_url(), valid_data(world, birth_date=hundred))
        assert response.status_code == 302

    def test_it_refuses_overlong_text_with_djangos_norwegian_message_and_keeps_it(
        self, world, as_specialist
    ):
        long_name = "Å" * 101
        long_education = "utdanning " * 200 + "x"  # 2001 characters
        assert len(long_education) == 2001
        response = as_specialist.post(
            create_url(), valid_data(world, first_name=long_name, education=long_education)
        )
        assert response.status_code == 200
        assert set(response.context["form"].errors) == {"first_name", "education"}
        assert parse(response).errors("first_name") == [
            django_norwegian(forms.CharField(max_length=100), long_name)
        ]
        assert parse(response).errors("education") == [
            django_norwegian(forms.CharField(max_length=2000), long_education)
        ]
        assert_error_next_to(response, "first_name")
        assert_error_next_to(response, "education")
        assert parse(response).value("first_name") == long_name
        assert parse(response).value("education") == long_education
        assert not Participant.objects.filter(last_name="Haddad").exists()

    def test_it_shows_djangos_norwegian_required_message_next_to_each_missing_field(
        self, world, as_specialist
    ):
        data = valid_data(world, first_name="", last_name="", birth_date="", specialist="")
        response = as_specialist.post(create_url(), data)
        required = django_norwegian(forms.CharField(), "")
        assert required != "This field is required."
        assert set(response.context["form"].errors) == {
            "first_name",
            "last_name",
            "birth_date",
            "specialist",
        }
        for name in ("first_name", "last_name", "birth_date", "specialist"):
            assert_error_next_to(response, name)
            assert parse(response).errors(name) == [required]
        # The summary at the top links to each field.
        html = response.content.decode()
        for name in ("first_name", "last_name", "birth_date", "specialist"):
            assert f'href="#id_{name}"' in html

    @pytest.mark.parametrize(
        ("name", "typed"),
        [
            ("postal_code", "٢٣١٧"),  # Arabic-Indic digits: digits to Python, not to Posten
            ("postal_code", "231"),
            ("first_name", "Amina\u202e"),  # a direction control, invisible on screen
            ("last_name", "\u2067Haddad"),
            ("email", "amina@"),
            ("norwegian_level_date", "2099-01-01"),
            ("referral_date", "2099-01-01"),
            ("norwegian_level", "D9"),
            ("programme", "999999"),
        ],
    )
    def test_it_refuses_a_bad_value_next_to_its_field(self, world, as_specialist, name, typed):
        response = as_specialist.post(create_url(), valid_data(world, **{name: typed}))
        assert response.status_code == 200
        assert list(response.context["form"].errors) == [name]
        assert_error_next_to(response, name)
        assert not Participant.objects.filter(last_name="Haddad").exists()

    def test_it_takes_the_spaces_out_of_a_postal_code(self, world, as_specialist):
        response = as_specialist.post(create_url(), valid_data(world, postal_code="23\u00a017"))
        assert response.status_code == 302
        assert Participant.objects.get(last_name="Haddad").postal_code == "2317"

    def test_it_refuses_a_specialist_from_another_organisation(self, world, as_specialist):
        outsider = UserFactory(is_job_specialist=True)  # in a team of another organisation
        response = as_specialist.post(create_url(), valid_data(world, specialist=outsider.pk))
        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["specialist"]
        assert not Participant.objects.filter(last_name="Haddad").exists()

    def test_it_keeps_everything_typed_when_the_form_is_refused(self, world, as_specialist):
        data = valid_data(world, birth_date=iso(today() + dt.timedelta(days=3)))
        data["language_teachers"] = [str(world.teacher.pk)]
        response = as_specialist.post(create_url(), data)
        assert response.status_code == 200
        for name, value in data.items():
            if name == "language_teachers":
                continue
            assert parse(response).value(name) == value, name
        assert parse(response).values("language_teachers") == [str(world.teacher.pk)]

    def test_it_escapes_script_tags_in_every_text_field_on_the_detail_page(
        self, world, as_specialist
    ):
        data = valid_data(world, **{name: PAYLOAD for name in TEXT_FIELDS})
        response = as_specialist.post(create_url(), data)
        assert response.status_code == 302, response.context["form"].errors
        participant = Participant.objects.get(first_name=PAYLOAD)
        for name in TEXT_FIELDS:
            assert getattr(participant, name) == PAYLOAD  # stored as typed, not mangled

        page = as_specialist.get(reverse("participants:participant-detail", args=[participant.pk]))
        html = page.content.decode()
        assert page.status_code == 200
        assert PAYLOAD not in html
        assert "<script>alert" not in html
        assert ESCAPED in html

    def test_it_shows_each_text_field_escaped_and_never_raw(self, world, as_specialist):
        # A distinct script per field, so that each one is checked on its own.
        payloads = {name: f"<script>alert({n})</script>" for n, name in enumerate(TEXT_FIELDS, 1)}
        assert payloads["first_name"] == PAYLOAD
        response = as_specialist.post(create_url(), valid_data(world, **payloads))
        assert response.status_code == 302, response.context["form"].errors
        participant = Participant.objects.get(first_name=PAYLOAD)
        # Every text field is shown in the page's details section.
        html = as_specialist.get(
            reverse("participants:participant-detail", args=[participant.pk]) + "?section=details"
        ).content
        html = html.decode()
        for name, payload in payloads.items():
            escaped = payload.replace("<", "&lt;").replace(">", "&gt;")
            assert payload not in html, name
            assert escaped in html, name

    def test_it_escapes_script_tags_on_the_edit_form(self, world, as_specialist):
        data = valid_data(world, **{name: PAYLOAD for name in TEXT_FIELDS})
        as_specialist.post(create_url(), data)
        participant = Participant.objects.get(first_name=PAYLOAD)
        page = as_specialist.get(reverse("participants:participant-update", args=[participant.pk]))
        html = page.content.decode()
        assert PAYLOAD not in html
        for name in TEXT_FIELDS:
            assert parse(page).value(name) == PAYLOAD  # shown as text, ready to be corrected

    def test_it_escapes_script_tags_when_re_rendering_a_refused_form(self, world, as_specialist):
        data = valid_data(world, **{name: PAYLOAD for name in TEXT_FIELDS}, email=PAYLOAD)
        response = as_specialist.post(create_url(), data)
        html = response.content.decode()
        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["email"]
        assert PAYLOAD not in html
        for name in [*TEXT_FIELDS, "email"]:
            assert parse(response).value(name) == PAYLOAD, name


# --- likely duplicates ---------------------------------------------------------------------


class TestLikelyDuplicate:
    def duplicate_of(self, world, participant, **overrides) -> dict:
        return valid_data(
            world,
            first_name=f"  {participant.first_name.upper()} ",
            last_name=participant.last_name.lower(),
            birth_date=iso(participant.birth_date),
            **overrides,
        )

    def test_it_warns_about_a_likely_duplicate_and_saves_nothing(self, world, as_specialist):
        before = Participant.objects.count()
        data = self.duplicate_of(world, world.participant_a)
        response = as_specialist.post(create_url(), data)
        assert response.status_code == 200
        form = response.context["form"]
        assert form.duplicate_warning
        assert list(form.errors) == ["confirm_duplicate"]
        assert_error_next_to(response, "confirm_duplicate")
        assert parse(response).field("confirm_duplicate")["type"] == "checkbox"
        assert Participant.objects.count() == before
        assert parse(response).value("first_name") == data["first_name"]
        assert parse(response).value("phone") == data["phone"]

    def test_it_matches_names_with_norwegian_letters_regardless_of_case(self, world, as_specialist):
        existing = ParticipantFactory(
            specialist=world.specialist_a, first_name="Øyvind", last_name="Ærøy-Ås"
        )
        data = valid_data(
            world,
            first_name="ØYVIND",
            last_name="ærøy-ås",
            birth_date=iso(existing.birth_date),
        )
        response = as_specialist.post(create_url(), data)
        assert response.status_code == 200
        assert response.context["form"].duplicate_warning
        assert Participant.objects.filter(last_name__in=["Ærøy-Ås", "ærøy-ås"]).count() == 1

    def test_it_saves_the_duplicate_once_the_box_is_ticked(self, world, as_specialist):
        before = Participant.objects.count()
        data = self.duplicate_of(world, world.participant_a, confirm_duplicate="on")
        response = as_specialist.post(create_url(), data)
        assert response.status_code == 302
        assert Participant.objects.count() == before + 1

    def test_it_does_not_reveal_who_the_duplicate_is(self, world, as_specialist):
        # participant_b is specialist_b's, out of specialist_a's sight.
        response = as_specialist.post(create_url(), self.duplicate_of(world, world.participant_b))
        html = response.content.decode()
        assert response.context["form"].duplicate_warning
        assert reverse("participants:participant-detail", args=[world.participant_b.pk]) not in html
        assert world.team_b.name not in html

    def test_it_does_not_warn_about_a_namesake_with_another_birth_date(self, world, as_specialist):
        other_day = world.participant_a.birth_date + dt.timedelta(days=1)
        data = {**self.duplicate_of(world, world.participant_a), "birth_date": iso(other_day)}
        response = as_specialist.post(create_url(), data)
        assert response.status_code == 302

    def test_it_does_not_warn_about_a_namesake_in_another_organisation(self, world, as_specialist):
        stranger = ParticipantFactory()  # another organisation entirely
        response = as_specialist.post(create_url(), self.duplicate_of(world, stranger))
        assert response.status_code == 302


# --- editing ---------------------------------------------------------------------------------


class TestParticipantEdit:
    def test_it_refuses_a_future_birth_date_on_edit_and_keeps_the_version(
        self, world, as_specialist
    ):
        participant = world.participant_a
        url = reverse("participants:participant-update", args=[participant.pk])
        data = valid_data(world, birth_date=iso(today() + dt.timedelta(days=1)), version="1")
        response = as_specialist.post(url, data)
        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["birth_date"]
        assert_error_next_to(response, "birth_date")
        assert parse(response).value("version") == "1"
        participant.refresh_from_db()
        assert participant.first_name != "Amina"
        assert participant.version == 1


# --- status ---------------------------------------------------------------------------------


class TestStatusChange:
    def url(self, participant) -> str:
        return reverse("participants:participant-set-status", args=[participant.pk])

    def test_it_refuses_a_status_change_dated_in_the_future(self, world, as_specialist):
        participant = world.participant_a
        tomorrow = iso(today() + dt.timedelta(days=1))
        response = as_specialist.post(
            self.url(participant), {"status": Status.ACTIVE, "on": tomorrow, "note": "Start"}
        )
        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["on"]
        assert_error_next_to(response, "on")
        assert parse(response).value("on") == tomorrow
        assert parse(response).value("note") == "Start"
        participant.refresh_from_db()
        assert participant.status == Status.REFERRED
        assert not StatusChange.objects.filter(participant=participant).exists()

    @pytest.mark.parametrize(
        ("field", "data"),
        [
            ("status", {"status": "promoted", "on": "2026-01-01"}),
            ("on", {"status": Status.ACTIVE, "on": "2026-02-30"}),
            ("note", {"status": Status.ACTIVE, "on": "2026-01-01", "note": "n" * 501}),
        ],
    )
    def test_it_refuses_a_bad_status_change_next_to_its_field(
        self, world, as_specialist, field, data
    ):
        response = as_specialist.post(self.url(world.participant_a), data)
        assert response.status_code == 200
        assert list(response.context["form"].errors) == [field]
        assert_error_next_to(response, field)
        assert not StatusChange.objects.filter(participant=world.participant_a).exists()

    def test_it_keeps_the_dated_status_history(self, world, as_specialist):
        participant = world.participant_a
        first = today() - dt.timedelta(days=30)
        second = today() - dt.timedelta(days=2)
        as_specialist.post(
            self.url(participant), {"status": Status.ACTIVE, "on": iso(first), "note": ""}
        )
        response = as_specialist.post(
            self.url(participant),
            {"status": Status.IN_PLACEMENT, "on": iso(second), "note": "Rema"},
        )
        assert response.status_code == 302
        participant.refresh_from_db()
        assert participant.status == Status.IN_PLACEMENT
        history = list(participant.status_changes.values_list("status", "changed_on", "note"))
        assert history == [(Status.IN_PLACEMENT, second, "Rema"), (Status.ACTIVE, first, "")]
        assert set(participant.status_changes.values_list("changed_by", flat=True)) == {
            world.specialist_a.pk
        }
        detail = as_specialist.get(
            reverse("participants:participant-timeline", args=[participant.pk])
        )
        html = detail.content.decode()
        assert first.strftime("%d.%m.%Y") in html
        assert second.strftime("%d.%m.%Y") in html


# --- consents --------------------------------------------------------------------------------


class TestConsent:
    def create_url(self, participant) -> str:
        return reverse("participants:consent-create", args=[participant.pk])

    def withdraw_url(self, consent) -> str:
        return reverse("participants:consent-withdraw", args=[consent.participant_id, consent.pk])

    def consent_data(self, **overrides) -> dict:
        data = {
            "kind": Consent.Kind.EMPLOYER_DISCLOSURE,
            "scope": "Norsknivå og arbeidserfaring",
            "given_on": "2026-01-05",
            "method": Consent.Method.WRITTEN,
        }
        data.update(overrides)
        return data

    def test_it_records_a_consent(self, world, as_specialist):
        response = as_specialist.post(self.create_url(world.participant_a), self.consent_data())
        assert response.status_code == 302
        consent = Consent.objects.get(participant=world.participant_a)
        assert consent.scope == "Norsknivå og arbeidserfaring"
        assert consent.given_on == dt.date(2026, 1, 5)
        assert consent.recorded_by == world.specialist_a
        assert consent.is_active

    def test_it_refuses_a_consent_given_in_the_future(self, world, as_specialist):
        tomorrow = iso(today() + dt.timedelta(days=1))
        response = as_specialist.post(
            self.create_url(world.participant_a), self.consent_data(given_on=tomorrow)
        )
        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["given_on"]
        assert_error_next_to(response, "given_on")
        assert parse(response).value("given_on") == tomorrow
        assert parse(response).value("scope") == "Norsknivå og arbeidserfaring"
        assert not Consent.objects.filter(participant=world.participant_a).exists()

    def test_it_refuses_a_consent_without_scope_with_djangos_norwegian_message(
        self, world, as_specialist
    ):
        response = as_specialist.post(
            self.create_url(world.participant_a), self.consent_data(scope="", kind="")
        )
        assert set(response.context["form"].errors) == {"scope", "kind"}
        assert parse(response).errors("scope") == [django_norwegian(forms.CharField(), "")]
        assert not Consent.objects.filter(participant=world.participant_a).exists()

    def test_it_withdraws_a_consent(self, world, as_specialist):
        consent = ConsentFactory(participant=world.participant_a, given_on=dt.date(2026, 1, 5))
        response = as_specialist.post(self.withdraw_url(consent), {"on": "2026-02-01"})
        assert response.status_code == 302
        consent.refresh_from_db()
        assert consent.withdrawn_on == dt.date(2026, 2, 1)
        assert not consent.is_active
        # A withdrawn consent cannot be withdrawn again.
        again = as_specialist.post(self.withdraw_url(consent), {"on": "2026-03-01"})
        assert again.status_code == 404
        consent.refresh_from_db()
        assert consent.withdrawn_on == dt.date(2026, 2, 1)

    def test_it_refuses_to_withdraw_a_consent_before_it_was_given(self, world, as_specialist):
        consent = ConsentFactory(participant=world.participant_a, given_on=dt.date(2026, 1, 5))
        response = as_specialist.post(self.withdraw_url(consent), {"on": "2026-01-04"})
        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["on"]
        assert_error_next_to(response, "on")
        assert parse(response).value("on") == "2026-01-04"
        consent.refresh_from_db()
        assert consent.withdrawn_on is None

    def test_it_allows_withdrawing_on_the_day_it_was_given(self, world, as_specialist):
        consent = ConsentFactory(participant=world.participant_a, given_on=dt.date(2026, 1, 5))
        response = as_specialist.post(self.withdraw_url(consent), {"on": "2026-01-05"})
        assert response.status_code == 302
        consent.refresh_from_db()
        assert consent.withdrawn_on == dt.date(2026, 1, 5)

    def test_it_refuses_to_withdraw_a_consent_in_the_future(self, world, as_specialist):
        consent = ConsentFactory(participant=world.participant_a, given_on=dt.date(2026, 1, 5))
        tomorrow = iso(today() + dt.timedelta(days=1))
        response = as_specialist.post(self.withdraw_url(consent), {"on": tomorrow})
        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["on"]
        consent.refresh_from_db()
        assert consent.withdrawn_on is None

    def test_it_refuses_to_withdraw_another_participants_consent(self, world, as_specialist):
        theirs = ConsentFactory(participant=world.participant_b)
        url = reverse("participants:consent-withdraw", args=[world.participant_a.pk, theirs.pk])
        response = as_specialist.post(url, {"on": "2026-02-01"})
        assert response.status_code == 404
        theirs.refresh_from_db()
        assert theirs.withdrawn_on is None


# --- work history ------------------------------------------------------------------------------


class TestWorkHistory:
    def url(self, participant) -> str:
        return reverse("participants:work-history-create", args=[participant.pk])

    def work_data(self, **overrides) -> dict:
        data = {
            "workplace": "Bakeri i Aleppo",
            "role": "Baker",
            "country": "Syria",
            "start_year": "2010",
            "end_year": "2015",
            "description": "Brød og kaker",
        }
        data.update(overrides)
        return data

    def test_it_adds_work_experience(self, world, as_specialist):
        response = as_specialist.post(self.url(world.participant_a), self.work_data())
        assert response.status_code == 302
        entry = WorkHistoryEntry.objects.get(participant=world.participant_a)
        assert (entry.workplace, entry.start_year, entry.end_year) == (
            "Bakeri i Aleppo",
            2010,
            2015,
        )

    def test_it_refuses_an_end_year_before_the_start_year(self, world, as_specialist):
        response = as_specialist.post(
            self.url(world.participant_a), self.work_data(start_year="2015", end_year="2010")
        )
        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["end_year"]
        assert_error_next_to(response, "end_year")
        assert parse(response).value("start_year") == "2015"
        assert parse(response).value("end_year") == "2010"
        assert parse(response).value("description") == "Brød og kaker"
        assert not WorkHistoryEntry.objects.filter(participant=world.participant_a).exists()

    @pytest.mark.parametrize(
        ("field", "overrides"),
        [
            ("start_year", {"start_year": "1939", "end_year": ""}),
            ("end_year", {"end_year": str(today().year + 1)}),
            ("start_year", {"start_year": "tjue"}),
            ("workplace", {"workplace": ""}),
            ("description", {"description": "d" * 2001}),
        ],
    )
    def test_it_refuses_bad_work_history_next_to_the_field(
        self, world, as_specialist, field, overrides
    ):
        response = as_specialist.post(self.url(world.participant_a), self.work_data(**overrides))
        assert response.status_code == 200
        assert field in response.context["form"].errors
        assert_error_next_to(response, field)
        assert not WorkHistoryEntry.objects.filter(participant=world.participant_a).exists()

    def test_it_removes_work_experience(self, world, as_specialist):
        as_specialist.post(self.url(world.participant_a), self.work_data())
        entry = WorkHistoryEntry.objects.get(participant=world.participant_a)
        url = reverse("participants:work-history-delete", args=[world.participant_a.pk, entry.pk])
        response = as_specialist.post(url)
        assert response.status_code == 302
        assert not WorkHistoryEntry.objects.filter(pk=entry.pk).exists()
