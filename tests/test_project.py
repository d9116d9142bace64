"""Project-level guards: migrations, deploy checks, production refusals."""

import os
import subprocess
import sys

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def _run_settings(env: dict) -> subprocess.CompletedProcess:
    full = {**os.environ, "DJANGO_SETTINGS_MODULE": "placetrain.settings", **env}
    full.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=full,
        check=False,
    )


def test_production_refuses_to_start_with_debug_on():
    result = _run_settings(
        {"PLACETRAIN_ENV": "production", "DJANGO_DEBUG": "1", "DJANGO_SECRET_KEY": "x" * 60}
    )
    assert result.returncode != 0
    assert "DEBUG is on in production" in result.stderr


def test_production_refuses_to_start_with_the_default_secret():
    result = _run_settings({"PLACETRAIN_ENV": "production", "DJANGO_DEBUG": "0"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_deploy_check_passes_with_production_settings():
    result = _run_settings(
        {
            "PLACETRAIN_ENV": "production",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "k3y-" + "a1b2c3d4e5" * 6,
            "DJANGO_ALLOWED_HOSTS": "placetrain.example.org",
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(settings):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
        cursor.execute("PRAGMA busy_timeout")
        timeout = cursor.fetchone()[0]
    # The test database is in memory, which SQLite cannot put in WAL; check the configuration.
    assert "journal_mode=WAL" in settings.DATABASES["default"]["OPTIONS"]["init_command"]
    assert mode in {"wal", "memory"}
    assert timeout >= 5000
