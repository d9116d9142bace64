"""Enhetsregisteret files in the register's own formats, with generated units: for the demo's
employers, for the tests of the import and for its benchmark (a million units). The shapes
follow the open-data API's bulk downloads: a JSON array of units with nested addresses and
codes, or CSV with the same names dotted (``forretningsadresse.postnummer``)."""

from __future__ import annotations

import csv
import gzip
import io
import json
import random
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from placetrain.lib.validators import org_number_check_digit

PLACES = [
    ("0150", "OSLO", "OSLO", "0301"),
    ("5003", "BERGEN", "BERGEN", "4601"),
    ("7010", "TRONDHEIM", "TRONDHEIM", "5001"),
    ("9008", "TROMSØ", "TROMSØ", "5501"),
    ("4006", "STAVANGER", "STAVANGER", "1103"),
    ("8006", "BODØ", "BODØ", "1804"),
]
INDUSTRIES = ["47.111", "56.101", "88.101", "43.341", "52.100", "81.210", "10.710", "49.410"]
STREETS = ["Storgata", "Kirkegata", "Havnegata", "Skolegata", "Industriveien", "Strandveien"]


def org_number(eight: int) -> str | None:
    """The organisation number that eight digits make with their check digit (None: the
    register never issues digits whose check digit would be 10)."""
    digits = f"{eight:08d}"
    check = org_number_check_digit(digits)
    return None if check is None else f"{digits}{check}"


def org_numbers(start: int = 91000000) -> Iterator[str]:
    eight = start
    while True:
        number = org_number(eight)
        if number:
            yield number
        eight += 1


def _address(rng: random.Random) -> dict[str, Any]:
    postal_code, place, municipality, number = rng.choice(PLACES)
    return {
        "land": "Norge",
        "landkode": "NO",
        "postnummer": postal_code,
        "poststed": place,
        "adresse": [f"{rng.choice(STREETS)} {rng.randint(1, 120)}"],
        "kommune": municipality,
        "kommunenummer": number,
    }


def main_unit(number: str, name: str, rng: random.Random, **extra: Any) -> dict[str, Any]:
    unit = {
        "organisasjonsnummer": number,
        "navn": name,
        "organisasjonsform": {"kode": "AS", "beskrivelse": "Aksjeselskap"},
        "registreringsdatoEnhetsregisteret": "2015-03-02",
        "naeringskode1": {"kode": rng.choice(INDUSTRIES), "beskrivelse": ""},
        "antallAnsatte": rng.randint(1, 400),
        "forretningsadresse": _address(rng),
        "konkurs": False,
        "underAvvikling": False,
        "underTvangsavviklingEllerTvangsopplosning": False,
        "maalform": "Bokmål",
    }
    unit.update(extra)
    return unit


def sub_unit(number: str, name: str, parent: str, rng: random.Random, **extra: Any) -> dict:
    unit = {
        "organisasjonsnummer": number,
        "navn": name,
        "organisasjonsform": {"kode": "BEDR", "beskrivelse": "Underenhet til næringsdrivende"},
        "overordnetEnhet": parent,
        "naeringskode1": {"kode": rng.choice(INDUSTRIES), "beskrivelse": ""},
        "antallAnsatte": rng.randint(1, 60),
        "oppstartsdato": "2016-01-04",
        "beliggenhetsadresse": _address(rng),
    }
    unit.update(extra)
    return unit


def generated_units(count: int, *, seed: int = 7, shops: int = 3) -> Iterator[dict[str, Any]]:
    """``count`` units: main units each followed by ``shops`` sub-units (a chain's shops)."""
    rng = random.Random(seed)
    numbers = org_numbers()
    made = 0
    while made < count:
        parent = next(numbers)
        yield main_unit(parent, f"Generert Kjede {made} AS", rng)
        made += 1
        for shop in range(min(shops, count - made)):
            yield sub_unit(next(numbers), f"Generert Kjede {made} avd {shop}", parent, rng)
            made += 1


def _flat(unit: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in unit.items():
        if isinstance(value, dict):
            flat.update(_flat(value, f"{prefix}{key}."))
        elif isinstance(value, list):
            flat[f"{prefix}{key}"] = ", ".join(value)
        elif isinstance(value, bool):
            flat[f"{prefix}{key}"] = "true" if value else "false"
        else:
            flat[f"{prefix}{key}"] = str(value)
    return flat


CSV_COLUMNS = [
    "organisasjonsnummer",
    "navn",
    "organisasjonsform.kode",
    "organisasjonsform.beskrivelse",
    "overordnetEnhet",
    "naeringskode1.kode",
    "naeringskode1.beskrivelse",
    "antallAnsatte",
    "forretningsadresse.adresse",
    "forretningsadresse.postnummer",
    "forretningsadresse.poststed",
    "forretningsadresse.kommune",
    "forretningsadresse.kommunenummer",
    "beliggenhetsadresse.adresse",
    "beliggenhetsadresse.postnummer",
    "beliggenhetsadresse.poststed",
    "beliggenhetsadresse.kommune",
    "beliggenhetsadresse.kommunenummer",
    "konkurs",
    "underAvvikling",
    "underTvangsavviklingEllerTvangsopplosning",
    "slettedato",
    "nedleggelsesdato",
]


def write_register_file(
    path: Path, units: Iterable[dict[str, Any]], *, fmt: str = "json", compress: bool = True
) -> Path:
    """Writes the units as the register's bulk file: a JSON array (one unit per line, as the
    register's files break) or CSV, gzip'd unless ``compress`` is false. Streams: a million
    units do not sit in memory."""
    raw = gzip.open(path, "wb", compresslevel=1) if compress else path.open("wb")
    with raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as out:  # type: ignore[arg-type]
        if fmt == "json":
            out.write("[")
            for index, unit in enumerate(units):
                out.write(("," if index else "") + "\n" + json.dumps(unit, ensure_ascii=False))
            out.write("\n]\n")
        else:
            writer = csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore")
            writer.writeheader()
            for unit in units:
                writer.writerow(_flat(unit))
    return path
