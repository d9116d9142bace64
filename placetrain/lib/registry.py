"""Extension points, so that pages combining apps compose at the top.

A lower app names a place on its page (the participant page's panels, its timeline, Min dag,
the export of a record); a higher app registers what it shows there, in its ``hooks`` module,
loaded by its ``AppConfig.ready``. The lower app never imports the higher one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.utils import timezone

T = TypeVar("T")


class Registry(Generic[T]):
    """Named entries in a fixed order (``order``, then key). Registering a key again replaces
    its entry, so a module imported twice does not show its panel twice."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._entries: dict[str, tuple[int, T]] = {}

    def register(self, key: str, entry: T, *, order: int = 100) -> T:
        self._entries[key] = (order, entry)
        return entry

    def get(self, key: str) -> T | None:
        entry = self._entries.get(key)
        return entry[1] if entry else None

    def keys(self) -> list[str]:
        return [key for key, _entry in self._sorted()]

    def __iter__(self) -> Iterator[T]:
        return (entry for _key, entry in self._sorted())

    def items(self) -> list[tuple[str, T]]:
        return self._sorted()

    def _sorted(self) -> list[tuple[str, T]]:
        ordered = sorted(self._entries.items(), key=lambda item: (item[1][0], item[0]))
        return [(key, entry) for key, (_order, entry) in ordered]


@dataclass(frozen=True)
class Panel:
    """A part of a page, owned by the app that contributes it: its template, the function that
    gives the template's context for one view of the page (None: not shown), and ``place``: on
    a page in parts (the participant page's sections) the part it belongs to; empty, the first."""

    template: str
    context: Callable[..., dict[str, Any] | None]
    place: str = ""


@dataclass(frozen=True)
class ShownPanel:
    template: str
    context: dict[str, Any]


def shown_panels(registry: Iterable[Panel], **page: Any) -> list[ShownPanel]:
    """The panels of ``registry`` (or some of them) that have something to show on this page,
    in order."""
    shown = []
    for panel in registry:
        context = panel.context(**page)
        if context is not None:
            shown.append(ShownPanel(panel.template, context))
    return shown


@dataclass
class TimelineItem:
    """One entry on a timeline: what kind, when, the record, and the template (owned by the
    record's app) that shows it."""

    kind: str
    at: dt.datetime
    obj: Any
    template: str


def day_start(day: dt.date) -> dt.datetime:
    """A date as the start of that day in local time, to sort dated and timed entries together."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def merged_timeline(
    sources: Registry[Callable[..., list[TimelineItem]]], *args: Any, **kwargs: Any
) -> list[TimelineItem]:
    """Every source's entries, newest first."""
    items: list[TimelineItem] = []
    for source in sources:
        items += source(*args, **kwargs)
    items.sort(key=lambda item: item.at, reverse=True)
    return items
