"""``manage.py refresh_matching [--organisation ID]``: compute every participant's matching
profile again (after a bulk load that did not save records one by one)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from placetrain.matching.precompute import refresh_all


class Command(BaseCommand):
    help = "Compute the participants' profiles for matching again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", type=int, help="Only this organisation's (its id).")

    def handle(self, *args: Any, organisation: int | None = None, **options: Any) -> None:
        count = refresh_all(organisation)
        self.stdout.write(_("%(count)d matching profiles computed.") % {"count": count})
