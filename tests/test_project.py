"""Project-level guards: migrations, deploy checks, production refusals."""

import os
import subprocess
import sys

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def _run_settings(env: dict, *, unset: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    full = {**os.environ, "DJANGO_SETTINGS_MODULE": "placetrain.settings", **env}
    full.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    for name in unset:
        full.pop(name, None)
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


def test_an_unset_environment_is_production_and_refuses_the_development_secret():
    result = _run_settings({}, unset=("PLACETRAIN_ENV", "DJANGO_SECRET_KEY", "DJANGO_DEBUG"))
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_a_misspelt_environment_refuses_to_start():
    result = _run_settings({"PLACETRAIN_ENV": "prod", "DJANGO_SECRET_KEY": "k3y-" + "a1b2" * 20})
    assert result.returncode != 0
    assert "PLACETRAIN_ENV must be" in result.stderr


@pytest.mark.parametrize(
    "secret",
    ["ab" * 30, "django-insecure-" + "q7w8e9r0t1y2u3i4o5p6" * 2, "kort-men-tilfeldig-9X2"],
    ids=["few-characters", "generated-dev-key", "short"],
)
def test_production_refuses_a_low_entropy_secret(secret):
    result = _run_settings(
        {"PLACETRAIN_ENV": "production", "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": secret}
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_development_is_an_explicit_choice():
    result = _run_settings(
        {"PLACETRAIN_ENV": "development"}, unset=("DJANGO_SECRET_KEY", "DJANGO_DEBUG")
    )
    assert "DJANGO_SECRET_KEY" not in result.stderr  # it starts (the deploy check may warn)


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
