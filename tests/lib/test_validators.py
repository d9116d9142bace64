"""Norwegian organisation numbers (mod-11) and the local-date helpers."""

from __future__ import annotations

import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from placetrain.lib.dates import days_since, today
from placetrain.lib.validators import (
    normalise_digits,
    normalise_org_number,
    org_number_is_valid,
    validate_no_direction_controls,
    validate_org_number,
    validate_postal_code,
)

OSLO = ZoneInfo("Europe/Oslo")
UTC = dt.UTC


def reference_check_digit(body: str) -> int | None:
    """Brønnøysund's mod-11 written out independently: None where no check digit exists."""
    weights = [3, 2, 7, 6, 5, 4, 3, 2]
    remainder = sum(int(body[i]) * weights[i] for i in range(8)) % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None  # check digit 10: never issued
    return 11 - remainder


def error_code(value: str) -> str | None:
    try:
        validate_org_number(value)
    except ValidationError as exc:
        return exc.code
    return None


# A body whose weighted sum leaves remainder 1, so the check digit would be 10.
BODY_WITH_CHECK_DIGIT_TEN = "00000300"  # 3 * weight 4 = 12, 12 % 11 == 1


class TestOrgNumber:
    @pytest.mark.parametrize("number", ["923609016", "974760673"])
    def test_it_accepts_real_organisation_numbers(self, number):
        assert org_number_is_valid(number)
        assert error_code(number) is None

    @pytest.mark.parametrize("number", ["923609017", "923609010", "974760670", "974760674"])
    def test_it_refuses_a_wrong_check_digit(self, number):
        assert not org_number_is_valid(number)
        assert error_code(number) == "org_number_checksum"

    @pytest.mark.parametrize("number", ["92360901", "9236090160", "", "1"])
    def test_it_refuses_anything_but_nine_digits(self, number):
        assert not org_number_is_valid(number)
        assert error_code(number) == "org_number_length"

    @pytest.mark.parametrize(
        "number",
        [
            "92360901A",
            "ABCDEFGHI",
            "923-60901",
            "９２３６０９０１６",  # full-width digits: str.isdigit() says yes
            "٩٢٣٦٠٩٠١٦",  # Arabic-Indic digits
            "92360901²",  # superscript two: isdigit() but int() fails
        ],
    )
    def test_it_refuses_letters_and_other_characters(self, number):
        assert not org_number_is_valid(number)
        assert error_code(number) == "org_number_length"

    def test_it_normalises_the_spaces_people_type(self):
        assert normalise_org_number("923 609 016") == "923609016"
        assert normalise_org_number(" 923609016 ") == "923609016"
        assert normalise_org_number("923\t609\u00a0016") == "923609016"
        assert error_code("923 609 016") is None

    def test_it_refuses_a_number_whose_check_digit_would_be_ten(self):
        assert reference_check_digit(BODY_WITH_CHECK_DIGIT_TEN) is None
        for last in "0123456789":
            number = BODY_WITH_CHECK_DIGIT_TEN + last
            assert not org_number_is_valid(number), number
            assert error_code(number) == "org_number_checksum"

    def test_it_accepts_check_digit_zero_when_the_remainder_is_zero(self):
        assert reference_check_digit("00000000") == 0
        assert org_number_is_valid("000000000")
        assert not org_number_is_valid("000000001")

    @given(st.text(alphabet="0123456789", min_size=8, max_size=8))
    def test_it_has_at_most_one_valid_check_digit_for_any_body(self, body):
        valid = [d for d in "0123456789" if org_number_is_valid(body + d)]
        expected = reference_check_digit(body)
        assert len(valid) <= 1
        assert valid == ([] if expected is None else [str(expected)])

    @given(st.text(alphabet="0123456789", min_size=9, max_size=9))
    def test_it_agrees_with_the_reference_implementation(self, number):
        expected = reference_check_digit(number[:8]) == int(number[8])
        assert org_number_is_valid(number) is expected
        assert (error_code(number) is None) is expected

    @given(st.text(max_size=12).filter(lambda s: not (len(s) == 9 and s.isascii() and s.isdigit())))
    def test_it_never_accepts_something_that_is_not_nine_ascii_digits(self, value):
        assert not org_number_is_valid(value)


class TestDates:
    def test_it_gives_today_in_oslo_not_utc_just_after_midnight(self):
        # 23:30 UTC on 10 March is 00:30 on 11 March in Oslo (CET, UTC+1).
        moment = dt.datetime(2026, 3, 10, 23, 30, tzinfo=UTC)
        with mock.patch("django.utils.timezone.now", return_value=moment):
            assert today() == dt.date(2026, 3, 11)

    def test_it_gives_today_in_oslo_in_summer_time(self):
        # 22:30 UTC on 1 July is 00:30 on 2 July in Oslo (CEST, UTC+2).
        moment = dt.datetime(2026, 7, 1, 22, 30, tzinfo=UTC)
        with mock.patch("django.utils.timezone.now", return_value=moment):
            assert today() == dt.date(2026, 7, 2)

    def test_it_has_no_days_since_when_there_is_no_moment(self):
        assert days_since(None) is None

    def test_it_counts_zero_days_for_earlier_the_same_local_day(self):
        now = dt.datetime(2026, 3, 10, 20, 0, tzinfo=OSLO)
        assert days_since(now - dt.timedelta(hours=19), now=now) == 0

    def test_it_counts_local_days_across_midnight_in_oslo(self):
        # Both moments are on 10 March in UTC, but on 10 and 11 March in Oslo.
        moment = dt.datetime(2026, 3, 10, 22, 30, tzinfo=UTC)
        now = dt.datetime(2026, 3, 10, 23, 30, tzinfo=UTC)
        assert days_since(moment, now=now) == 1

    def test_it_counts_whole_local_days_across_a_daylight_saving_change(self):
        # Summer time starts 29 March 2026: 48 hours before 30 March 00:30 (CEST) is
        # 27 March 23:30 (CET), three calendar days earlier in Oslo.
        now = dt.datetime(2026, 3, 29, 22, 30, tzinfo=UTC)
        assert timezone.localtime(now).date() == dt.date(2026, 3, 30)
        assert days_since(now - dt.timedelta(hours=48), now=now) == 3
        moment = dt.datetime(2026, 3, 28, 12, 0, tzinfo=OSLO)
        assert days_since(moment, now=now) == 2

    def test_it_uses_the_current_time_when_now_is_not_given(self):
        moment = dt.datetime(2026, 3, 1, 12, 0, tzinfo=OSLO)
        frozen = dt.datetime(2026, 3, 15, 12, 0, tzinfo=OSLO)
        with mock.patch("django.utils.timezone.now", return_value=frozen):
            assert days_since(moment) == 14


class TestInputThatLooksValidAndIsNot:
    @pytest.mark.parametrize(
        "control", ["\u202e", "\u202d", "\u2066", "\u2067", "\u200f", "\u061c"]
    )
    def test_a_name_with_a_direction_control_is_refused(self, control):
        with pytest.raises(ValidationError) as caught:
            validate_no_direction_controls(f"Ola{control}nnamdroN")
        assert caught.value.code == "direction_controls"

    @pytest.mark.parametrize("name", ["Ola Nordmann", "Øyvind Åsen", "محمد", "Тетяна Коваль"])
    def test_names_in_any_script_pass(self, name):
        validate_no_direction_controls(name)

    @pytest.mark.parametrize("code", ["٠١٥٠", "۰۱۵۰", "０１５０", "015", "01500", "01a0"])
    def test_a_postal_code_is_four_ascii_digits(self, code):
        with pytest.raises(ValidationError):
            validate_postal_code(code)

    @pytest.mark.parametrize("typed", ["0150", " 0150 ", "0 150", "0\u00a0150", "01\u202f50"])
    def test_spaces_of_every_kind_are_taken_out_of_digits(self, typed):
        assert normalise_digits(typed) == "0150"
        validate_postal_code(normalise_digits(typed))

    @pytest.mark.parametrize("typed", ["923\u00a0609\u00a0016", "923 609 016", "\u2007923609016"])
    def test_an_org_number_with_any_spaces_is_normalised(self, typed):
        assert normalise_org_number(typed) == "923609016"
        validate_org_number(typed)

    @pytest.mark.parametrize("typed", ["٩٢٣٦٠٩٠١٦", "９２３６０９０１６"])
    def test_an_org_number_in_other_digits_is_refused(self, typed):
        assert not org_number_is_valid(normalise_org_number(typed))
        assert error_code(typed) == "org_number_length"
