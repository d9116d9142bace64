"""The benchmark's data generator (bench/make_data.py) runs, scales down, and fills the
denormalised columns as the models' save() would."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from placetrain.employers.models import Employer
from placetrain.participants.models import Participant

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_make_data_writes_a_small_database(tmp_path: Path) -> None:
    path = tmp_path / "bench.sqlite3"
    env = {**os.environ, "PLACETRAIN_ENV": "development", "DJANGO_SETTINGS_MODULE": ""}
    env.pop("DJANGO_SETTINGS_MODULE")
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "make_data.py"), "--participants", "50"]
        + ["--database-url", f"sqlite:///{path}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "spesialist1" in done.stdout and "leder.nord" in done.stdout
    db = sqlite3.connect(path)

    def one(sql: str) -> object:
        return db.execute(sql).fetchone()[0]

    assert one("SELECT COUNT(*) FROM participants_participant") == 50
    # The named specialist has the caseload the benchmark expects.
    assert (
        one(
            "SELECT COUNT(*) FROM participants_participant p JOIN accounts_user u"
            " ON u.id = p.specialist_id WHERE u.username = 'spesialist1' AND p.status != 'ended'"
        )
        == 27
    )
    assert one("SELECT COUNT(*) FROM activities_contact") >= 50 * 5
    assert one("SELECT COUNT(*) FROM auditlog_logentry WHERE action = 3") >= 50 * 2
    for first, last, search in db.execute(
        "SELECT first_name, last_name, search_name FROM participants_participant"
    ):
        assert search == Participant.make_search_name(first, last)
    for name, industry, search in db.execute(
        "SELECT name, industry, search_text FROM employers_employer"
    ):
        assert search == Employer.make_search_text(name, industry)
    # Nothing but masks in the change history.
    for (changes,) in db.execute(
        "SELECT changes FROM auditlog_logentry WHERE changes IS NOT NULL LIMIT 200"
    ):
        assert set(changes.replace('"***"', "")) <= set('{}[], :"abcdefghijklmnopqrstuvwxyz_')


@pytest.mark.slow
def test_matching_benchmark_runs_small(tmp_path: Path) -> None:
    """bench/matching.py generates its data, times both ways and the naive versions, and says
    how the top 20s compare (no timing is asserted: this machine's figures are no test)."""
    env = {**os.environ, "PLACETRAIN_ENV": "development"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "matching.py"), "--jobs", "200"]
        + ["--participants", "100", "--repeat", "3"]
        + ["--database-url", f"sqlite:///{tmp_path / 'matching.sqlite3'}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    out = done.stdout
    assert "p95 top 20 jobs for a participant:" in out
    assert "p95 top 20 participants for a job:" in out
    assert "overlap, top 20 jobs for a participant: identical top 20" in out
    assert "overlap, top 20 participants for a job: identical top 20" in out
    assert "naive p95" in out and "queries" in out
