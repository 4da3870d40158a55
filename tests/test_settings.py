"""Settings come from the environment and refuse bad values with a clear message."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    drop = {"SECRET_KEY", "DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in drop}
    base.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_missing_secret_key_without_debug_is_a_clear_error():
    result = run_manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_accepts_only_real_booleans():
    result = run_manage("check", DEBUG="maybe", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "Environment variable DEBUG" in result.stderr


def test_database_url_must_be_postgresql():
    result = run_manage("check", DEBUG="true", DATABASE_URL="sqlite:///tmp/x.db")
    assert result.returncode != 0
    assert "must point at PostgreSQL" in result.stderr


def test_integer_settings_are_parsed_strictly():
    result = run_manage("check", DEBUG="true", IMPORT_MAX_BYTES="lots")
    assert result.returncode != 0
    assert "IMPORT_MAX_BYTES" in result.stderr


def test_debug_mode_runs_without_a_secret():
    result = run_manage("check", DEBUG="true")
    assert result.returncode == 0, result.stderr


def test_production_configuration_passes_check_deploy():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="k8#2nL!q9vZ@w4rT6yU1oP3sD5fG7hJ0xC&bN*mQ^eR%tYa8s7d6f5g4",
        ALLOWED_HOSTS="quotes.example.org",
        SECURE_SSL_REDIRECT="true",
        SECURE_HSTS_SECONDS="31536000",
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_database_is_postgresql_with_trigram_extension():
    from django.db import connection

    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT similarity('Peskov', 'Peskow')")
        assert cursor.fetchone()[0] > 0.3
