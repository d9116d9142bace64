"""Loading the shipped classification files into their tables (a migration and
``manage.py load_classifications`` share it; the migration passes its historical models)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
FILES = {"Occupation": "styrk08.csv", "Industry": "sn2007.csv"}


def rows(model_name: str) -> list[dict[str, str]]:
    with (DATA / FILES[model_name]).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load(model: Any) -> tuple[int, int]:
    """Adds the file's codes that are missing and retitles the others; parents first (the file
    is ordered by level within each branch, but a bulk insert needs every parent to exist).
    Answers (added, updated)."""
    data = sorted(rows(model.__name__), key=lambda row: int(row["level"]))
    existing = {obj.code: obj for obj in model.objects.all()}
    added: dict[int, list[Any]] = {}
    updated = 0
    for row in data:
        values = {
            "level": int(row["level"]),
            "parent_id": row["parent_code"] or None,
            "title": row["title_nb"],
        }
        if "title_en" in row:
            values["title_en"] = row["title_en"]
        obj = existing.get(row["code"])
        if obj is None:
            added.setdefault(values["level"], []).append(model(code=row["code"], **values))
        elif any(getattr(obj, field) != value for field, value in values.items()):
            model.objects.filter(code=row["code"]).update(**values)
            updated += 1
    for level in sorted(added):  # parents before their children
        model.objects.bulk_create(added[level], batch_size=500)
    return sum(len(objs) for objs in added.values()), updated
