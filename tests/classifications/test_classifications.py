"""STYRK-08 and SN2007 ship with the project and are loaded by a migration."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command

from placetrain.classifications.loading import DATA
from placetrain.classifications.models import Industry, Occupation

pytestmark = pytest.mark.django_db


def shipped(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_shipped_code_is_in_its_table_after_migrating():
    assert Occupation.objects.count() == len(shipped("styrk08.csv")) == 582
    assert Industry.objects.count() == len(shipped("sn2007.csv")) == 1811
    assert Occupation.objects.filter(level=Occupation.UNIT_GROUP).count() == 407
    assert Industry.objects.filter(level=Industry.SUBCLASS).count() == 820


def test_codes_keep_their_leading_zeros_and_their_hierarchy():
    unit = Occupation.objects.get(code="0000")
    assert [unit.parent_id, unit.parent.parent_id, unit.parent.parent.parent_id] == [
        "000",
        "00",
        "0",
    ]
    subclass = Industry.objects.get(code="62.010")
    assert subclass.level == 5
    chain = []
    node = subclass
    while node.parent_id:
        node = node.parent
        chain.append(node.code)
    assert chain == ["62.01", "62.0", "62", "J"]
    assert Occupation.objects.get(code="5223").title_en  # STYRK has English titles


def test_reloading_adds_nothing_and_puts_a_changed_title_back():
    Industry.objects.filter(code="62.010").update(title="Feil tittel")
    out = io.StringIO()

    call_command("load_classifications", stdout=out)

    assert Industry.objects.get(code="62.010").title == next(
        row["title_nb"] for row in shipped("sn2007.csv") if row["code"] == "62.010"
    )
    assert "yrker (STYRK-08): 0 lagt til, 0 endret, 582 i alt" in out.getvalue()
    assert "næringer (SN2007): 0 lagt til, 1 endret, 1811 i alt" in out.getvalue()
