"""manage.py import_enhetsregisteret: the register's bulk files (JSON and CSV, gzip'd), main
units and sub-units, updates, deletions, and files that cannot be imported."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import random

import pytest
from django.core.management import CommandError, call_command

from placetrain.demo.register_file import (
    generated_units,
    main_unit,
    org_numbers,
    sub_unit,
    write_register_file,
)
from placetrain.employers.models import RegisterUnit

pytestmark = pytest.mark.django_db


def run(*files, partial: bool = False) -> str:
    out = io.StringIO()
    call_command("import_enhetsregisteret", *map(str, files), partial=partial, stdout=out)
    return out.getvalue()


@pytest.fixture
def chain():
    """A chain (main unit) with two shops (sub-units), one shop's chain bankrupt-free, one
    unit bankrupt."""
    rng = random.Random(3)
    numbers = org_numbers(92000000)
    parent, shop, other_shop, bankrupt = (next(numbers) for _ in range(4))
    return {
        "parent": parent,
        "shop": shop,
        "other_shop": other_shop,
        "bankrupt": bankrupt,
        "units": [
            main_unit(
                parent,
                "Kjedebutikk AS",
                rng,
                naeringskode1={"kode": "47.111", "beskrivelse": "Butikkhandel"},
                antallAnsatte=310,
                forretningsadresse={
                    "adresse": ["Storgata 1", "2. etasje"],
                    "postnummer": "9008",
                    "poststed": "TROMSØ",
                    "kommune": "TROMSØ",
                    "kommunenummer": "5501",
                },
            ),
            sub_unit(
                shop,
                "Kjedebutikk avd Sentrum",
                parent,
                rng,
                antallAnsatte=14,
                beliggenhetsadresse={
                    "adresse": ["Sjøgata 3"],
                    "postnummer": "9008",
                    "poststed": "TROMSØ",
                    "kommune": "TROMSØ",
                    "kommunenummer": "5501",
                },
            ),
            sub_unit(other_shop, "Kjedebutikk avd Nord", parent, rng),
            main_unit(bankrupt, "Konkursbo AS", rng, konkurs=True),
        ],
    }


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_it_imports_main_units_and_workplaces_with_what_the_employer_form_needs(
    tmp_path, chain, fmt
):
    path = write_register_file(tmp_path / f"enheter.{fmt}.gz", chain["units"], fmt=fmt)

    out = run(path)

    assert "4 enheter importert" in out
    parent = RegisterUnit.objects.get(org_number=chain["parent"])
    assert (parent.kind, parent.name, parent.organisation_form) == ("main", "Kjedebutikk AS", "AS")
    assert (parent.address, parent.postal_code, parent.postal_place) == (
        "Storgata 1, 2. etasje",
        "9008",
        "TROMSØ",
    )
    assert (parent.municipality, parent.municipality_number) == ("TROMSØ", "5501")
    assert (parent.industry_code, parent.employees, parent.bankrupt) == ("47.111", 310, False)
    shop = RegisterUnit.objects.get(org_number=chain["shop"])
    # A workplace: where it is, and the chain it belongs to.
    assert (shop.kind, shop.parent_org_number) == ("sub", chain["parent"])
    assert (shop.address, shop.employees) == ("Sjøgata 3", 14)
    assert RegisterUnit.objects.get(org_number=chain["bankrupt"]).bankrupt is True
    assert set(
        RegisterUnit.objects.filter(parent_org_number=chain["parent"]).values_list(
            "org_number", flat=True
        )
    ) == {chain["shop"], chain["other_shop"]}


def test_importing_again_updates_and_marks_what_the_register_no_longer_holds(tmp_path, chain):
    run(write_register_file(tmp_path / "first.json.gz", chain["units"]))
    renamed = [
        dict(unit) for unit in chain["units"] if unit["organisasjonsnummer"] != chain["shop"]
    ]
    renamed[0]["navn"] = "Kjedebutikk Norge AS"

    out = run(write_register_file(tmp_path / "second.json.gz", renamed))

    assert "1 merket slettet" in out
    assert RegisterUnit.objects.count() == 4
    assert RegisterUnit.objects.get(org_number=chain["parent"]).name == "Kjedebutikk Norge AS"
    gone = RegisterUnit.objects.get(org_number=chain["shop"])
    assert gone.deleted_on == dt.date.today()
    assert RegisterUnit.objects.filter(deleted_on__isnull=True).count() == 3


def test_an_extract_leaves_the_units_it_does_not_hold(tmp_path, chain):
    run(write_register_file(tmp_path / "all.json.gz", chain["units"]))

    run(write_register_file(tmp_path / "some.json.gz", chain["units"][:1]), partial=True)

    assert not RegisterUnit.objects.filter(deleted_on__isnull=False).exists()


def test_a_deletion_date_in_the_file_is_kept(tmp_path, chain):
    units = chain["units"]
    units[2]["nedleggelsesdato"] = "2024-05-31"

    run(write_register_file(tmp_path / "u.json", units, compress=False))

    assert RegisterUnit.objects.get(org_number=chain["other_shop"]).deleted_on == dt.date(
        2024, 5, 31
    )


def test_a_big_file_imports_in_batches(tmp_path):
    path = write_register_file(tmp_path / "many.json.gz", generated_units(4500))

    run(path)

    assert RegisterUnit.objects.count() == 4500
    assert RegisterUnit.objects.filter(kind="sub").exclude(parent_org_number="").count() > 3000


# --- files that cannot be imported: a message with the place, nothing kept ------------------


def assert_refused(path, *expected: str) -> None:
    with pytest.raises(CommandError) as refused:
        run(path)
    message = str(refused.value)
    for part in expected:
        assert part in message
    assert "Ingenting fra denne filen ble importert" in message
    assert not RegisterUnit.objects.exists()


def test_a_file_cut_short_is_refused_whole(tmp_path):
    whole = write_register_file(tmp_path / "whole.json.gz", generated_units(3000)).read_bytes()
    cut = tmp_path / "cut.json.gz"
    cut.write_bytes(whole[: len(whole) * 2 // 3])

    assert_refused(cut, "cut.json.gz", "avbrutt")


def test_broken_json_names_the_unit_after_which_it_breaks(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[{"organisasjonsnummer": "923609016", "navn": "A"},\n{"organisasjonsnummer": ')

    assert_refused(path, "etter enhet 1")


def test_a_unit_with_a_wrong_check_digit_names_its_line(tmp_path, chain):
    units = chain["units"]
    units[2]["organisasjonsnummer"] = units[2]["organisasjonsnummer"][:8] + str(
        (int(units[2]["organisasjonsnummer"][8]) + 1) % 10
    )
    path = write_register_file(tmp_path / "bad.csv.gz", units, fmt="csv")

    # The header is line 1: the third unit is on line 4.
    assert_refused(path, "Linje 4", units[2]["organisasjonsnummer"], "organisasjonsnummer")


def test_a_unit_with_a_wrong_check_digit_in_json_names_its_number(tmp_path, chain):
    units = chain["units"]
    units[1]["organisasjonsnummer"] = "123456789"

    assert_refused(write_register_file(tmp_path / "bad.json.gz", units), "Enhet 2", "123456789")


def test_a_csv_file_that_is_not_the_registers_is_refused_at_its_header(tmp_path):
    path = tmp_path / "other.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write("navn;adresse\nKari;Storgata 1\n")

    assert_refused(path, "Linje 1", "organisasjonsnummer")


def test_a_file_that_is_not_there_is_named(tmp_path):
    with pytest.raises(CommandError, match="finnes ikke"):
        run(tmp_path / "nowhere.json.gz")
