"""The one concurrency mechanism: no edit is silently lost, no state change trusts a stale copy.

* Edits carry the version the user started from: ``claim_version`` bumps the row's version only
  if it is still that one, else raises ``EditConflict`` naming the fields changed meanwhile.
* State changes (start, end, hold, withdraw …) re-read the row under a write lock with
  ``lock_current`` and decide on what is saved now, not on what the request loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F


@dataclass
class EditConflict(Exception):
    """Raised when someone else saved the record after the user opened it."""

    current: models.Model
    changed_fields: list[str] = field(default_factory=list)

    def __str__(self) -> str:  # never includes values: this may end up in a log
        return f"edit conflict on {self.current._meta.model_name} #{self.current.pk}"


def fields_changed_since(instance: models.Model, version: int) -> list[str]:
    """Names of fields changed in saves after ``version``, read from the masked change history
    (each versioned model writes its version into the history row's additional data)."""
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_pk=str(instance.pk),
        action=LogEntry.Action.UPDATE,
    ).order_by("-pk")[:50]
    names: list[str] = []
    for entry in entries:
        entry_version = (entry.additional_data or {}).get("version", 0)
        if entry_version > version:
            for name in entry.changes or {}:
                if name not in names:
                    names.append(name)
    return names


def _require_transaction(what: str) -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(f"{what} must run inside transaction.atomic (use @service)")


def claim_version(instance: models.Model, expected_version: int) -> None:
    """Bump the row's version only if it still is ``expected_version``; else raise EditConflict
    with the current row and the fields someone else changed since that version.

    The conditional UPDATE takes the row (PostgreSQL) or database (SQLite) write lock, so two
    concurrent saves from the same starting version cannot both pass."""
    _require_transaction("claim_version")
    model = type(instance)
    claimed = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        current = model._default_manager.get(pk=instance.pk)
        raise EditConflict(
            current=current, changed_fields=fields_changed_since(current, expected_version)
        )
    instance.version = expected_version + 1  # type: ignore[attr-defined]


def lock_current(instance: models.Model, *fields: str) -> None:
    """Re-read ``fields`` of ``instance``'s row under a write lock, onto ``instance``.

    A state change must not trust the copy the request loaded: a double submit, or a colleague
    on a stale page, may have changed the row since. The second of two concurrent calls waits
    here for the first to commit (a row lock on PostgreSQL, the immediate write transaction on
    SQLite) and then sees its result. Refuses to run outside a transaction, where the lock
    would be released at once."""
    _require_transaction("lock_current")
    model = type(instance)
    names = fields or ("pk",)
    current = model._default_manager.select_for_update().values(*names).get(pk=instance.pk)
    for name, value in current.items():
        if name != "pk":
            setattr(instance, name, value)


def apply_fields(instance: models.Model, data: dict[str, Any]) -> list[str]:
    """Set ``data`` on ``instance``; return the names of fields whose value changed."""
    changed = []
    for name, value in data.items():
        if getattr(instance, name) != value:
            changed.append(name)
        setattr(instance, name, value)
    return changed
