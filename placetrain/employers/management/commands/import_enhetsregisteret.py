"""manage.py import_enhetsregisteret FILE [FILE ...] [--partial]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from placetrain.employers.models import RegisterUnit
from placetrain.employers.register import RegisterFileError, import_register


class Command(BaseCommand):
    help = (
        "Import Enhetsregisteret's open bulk files (main units and sub-units; JSON or CSV, "
        "gzip'd or not), each in one transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--partial",
            action="store_true",
            help="the files are extracts: do not mark units missing from them as deleted",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for path in options["files"]:
            if not path.is_file():
                raise CommandError(_("%(file)s: no such file.") % {"file": path})
            try:
                done = import_register(path, partial=options["partial"])
            except RegisterFileError as error:
                raise CommandError(
                    _("%(file)s: %(error)s Nothing of this file was imported.")
                    % {"file": path.name, "error": error}
                ) from error
            kinds = ", ".join(
                f"{RegisterUnit.Kind(kind).label}: {count}"
                for kind, count in sorted(done.by_kind.items())
            )
            self.stdout.write(
                _("%(file)s: %(n)d units imported (%(kinds)s); %(deleted)d marked deleted.")
                % {
                    "file": path.name,
                    "n": done.units,
                    "kinds": kinds,
                    "deleted": done.marked_deleted,
                }
            )
