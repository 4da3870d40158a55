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


def refused(result) -> str:
    """The one line a refused configuration prints (no traceback)."""
    assert result.returncode == 1
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("Configuration error: ")
    return line.removeprefix("Configuration error: ")


def test_missing_secret_key_without_debug_is_a_clear_error():
    assert refused(run_manage("check", DEBUG="false")).startswith("SECRET_KEY is not set.")


def test_extract_needs_no_secret_key(tmp_path):
    # It reads files and prints: no database, nothing signed, so no secret to demand.
    article = tmp_path / "note.txt"
    article.write_text("“We are ready to talk,” Erik Lund told reporters.", encoding="utf-8")
    result = run_manage("extract", str(article), "--json", DEBUG="false")
    assert result.returncode == 0, result.stderr
    assert "Erik Lund" in result.stdout


def test_debug_accepts_only_real_booleans():
    result = run_manage("check", DEBUG="maybe", SECRET_KEY="x" * 50)
    assert refused(result) == "DEBUG='maybe' is not valid: Not a valid boolean."


@pytest.mark.parametrize("url", ["sqlite:///tmp/x.db", "mysql://user:pw@127.0.0.1/db"])
def test_database_url_must_be_postgresql(url):
    result = run_manage("check", DEBUG="true", DATABASE_URL=url)
    assert refused(result) == "DATABASE_URL must point at PostgreSQL (postgres://...)."


def test_a_bad_database_url_is_refused_without_echoing_its_password():
    result = run_manage("check", DEBUG="true", DATABASE_URL="postgresx://me:hunter2@db/x")
    assert refused(result) == "DATABASE_URL is not valid: Not a valid database URL."


@pytest.mark.parametrize(
    "name, value, reason",
    [
        ("IMPORT_MAX_BYTES", "lots", "Not a valid integer."),
        ("IMPORT_MAX_BYTES", "0", "Must be greater than or equal to 1."),
        ("IMPORT_URL_TIMEOUT", "0", "Must be greater than 0."),
        ("CONN_MAX_AGE", "-5", "Must be greater than or equal to 0."),
        ("SECURE_HSTS_SECONDS", "-1", "Must be greater than or equal to 0."),
    ],
)
def test_numbers_are_parsed_strictly(name, value, reason):
    result = run_manage("check", DEBUG="true", **{name: value})
    assert refused(result) == f"{name}={value!r} is not valid: {reason}"


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
