"""The Enhetsregisteret import at the size of the country (issue 9): units per second and peak
memory.

    .venv/bin/python bench/register_import.py [--units 1000000] [--format json|csv]
        [--database-url URL]

Writes a gzip'd bulk file of ``--units`` generated units in the register's format
(``placetrain/demo/register_file.py``: main units each followed by three sub-units), imports it
with ``manage.py import_enhetsregisteret``'s function into a fresh SQLite database in a
temporary folder (or into ``--database-url``, which it migrates; its register units are
replaced), then imports the same file again (every unit an update). Prints the file's size,
units/s for both runs, and the process's peak resident memory after each; the target is
>= 20 000 units/s in flat memory (the peak after a million units about what it is after the
first hundred thousand).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--format", choices=["json", "csv"], default="json")
    parser.add_argument("--database-url")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="placetrain-register-"))
    os.environ.setdefault("PLACETRAIN_ENV", "development")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{folder / 'register.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "placetrain.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from placetrain.demo.register_file import generated_units, write_register_file
    from placetrain.employers.models import RegisterUnit
    from placetrain.employers.register import import_register

    call_command("migrate", verbosity=0)
    RegisterUnit.objects.all().delete()
    start = time.perf_counter()
    path = write_register_file(
        folder / f"enheter.{args.format}.gz", generated_units(args.units), fmt=args.format
    )
    size = path.stat().st_size / 1e6
    print(
        f"file: {args.units} units, {args.format}, {size:.1f} MB gzip'd, written in "
        f"{time.perf_counter() - start:.1f} s; peak memory {peak_mb():.0f} MB"
    )
    print(f"database: {os.environ['DATABASE_URL'].split('@')[-1]}")
    for run in ("first import (inserts)", "same file again (updates)"):
        start = time.perf_counter()
        done = import_register(path)
        seconds = time.perf_counter() - start
        rate = done.units / seconds
        verdict = "PASS" if rate >= 20_000 else "FAIL"
        print(
            f"{run}: {done.units} units in {seconds:.1f} s = {rate:,.0f} units/s "
            f"(target >= 20 000: {verdict}); peak memory {peak_mb():.0f} MB"
        )
    path.unlink()


if __name__ == "__main__":
    main()
