"""Optimistic locking: a version column checked in the service, so no edit is silently lost."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import F


@dataclass
class EditConflict(Exception):
    """Raised when someone else saved the record after the user opened it."""

    current: models.Model
    changed_fields: list[str] = field(default_factory=list)

    def __str__(self) -> str:  # never includes values: this may end up in a log
        return f"edit conflict on {self.current._meta.model_name} #{self.current.pk}"


def claim_version(instance: models.Model, expected_version: int) -> None:
    """Bump the row's version only if it still is ``expected_version``; else raise EditConflict.

    The conditional UPDATE takes the row (PostgreSQL) or database (SQLite) write lock, so two
    concurrent saves from the same starting version cannot both pass. Call inside
    ``transaction.atomic`` before saving the new values.
    """
    model = type(instance)
    claimed = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        current = model._default_manager.get(pk=instance.pk)
        raise EditConflict(current=current)
    instance.version = expected_version + 1  # type: ignore[attr-defined]


def apply_fields(instance: models.Model, data: dict[str, Any]) -> list[str]:
    """Set ``data`` on ``instance``; return the names of fields whose value changed."""
    changed = []
    for name, value in data.items():
        if getattr(instance, name) != value:
            changed.append(name)
        setattr(instance, name, value)
    return changed
