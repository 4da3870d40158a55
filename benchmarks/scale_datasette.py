"""The peer of ``benchmarks/scale.py``: the same public rows served by Datasette.

Datasette gets its own virtualenv (``var/datasette-venv``, made on first use),
so it never shares a package with the project. The rows go from PostgreSQL
into one SQLite table, ``statements``, through ``sqlite-utils insert``, with an
FTS5 index on text and speaker and btree indexes on speaker, outlet and date,
made by ``sqlite-utils`` as well. The file (``var/scale-datasette.db``) is
kept and rebuilt only when the database or its number of listed statements
changes.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "var" / "datasette-venv"
DB = ROOT / "var" / "scale-datasette.db"
STAMP = DB.with_suffix(".json")
PACKAGES = ["datasette>=0.65", "sqlite-utils>=3.36"]
# What a journalist sees of a statement, one row each, as the app's lists have
# them: rejected ones are hidden from readers, and a quote inside its claim is
# shown within the claim (``nested``), so neither is exported.
ROWS_SQL = """
    SELECT s.uid, s.kind, s.text, p.name, s.speaker_mention, o.name, v.name,
           s.published_on, s.status, a.title, a.url
    FROM quotes_statement s
    JOIN quotes_article a ON a.id = s.article_id
    LEFT JOIN quotes_outlet o ON o.id = a.outlet_id
    LEFT JOIN quotes_person p ON p.id = s.speaker_id
    LEFT JOIN quotes_outlet v ON v.id = s.via_id
    WHERE s.status <> 'rejected' AND NOT s.nested
"""
COLUMNS = [
    "uid", "kind", "text", "speaker", "speaker_mention", "outlet", "via",
    "published_on", "status", "article_title", "article_url",
]
# Datasette computes every count and facet the app computes (its defaults give
# up after 1 s and 0.2 s), lists 25 rows and 15 facet values as the app does,
# and suggests no facets (the app suggests none either).
SETTINGS = {
    "sql_time_limit_ms": 5000,
    "facet_time_limit_ms": 5000,
    "default_page_size": 25,
    "default_facet_size": 15,
    "suggest_facets": "off",
}


def bin_path(name: str) -> Path:
    return VENV / "bin" / name


def ensure_venv() -> None:
    """Create ``var/datasette-venv`` with Datasette and sqlite-utils if missing."""
    if bin_path("datasette").exists() and bin_path("sqlite-utils").exists():
        return
    print(f"Installing Datasette into {VENV.relative_to(ROOT)} ...", flush=True)
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
    result = subprocess.run(
        [str(bin_path("python")), "-m", "pip", "install", "--quiet", *PACKAGES],
        capture_output=True, text=True,
    )
    if result.returncode:
        sys.exit(f"Could not install {' '.join(PACKAGES)}:\n{result.stdout}{result.stderr}")


def version() -> str:
    result = subprocess.run(
        [str(bin_path("datasette")), "--version"], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def ensure_db(connection, source: str, statements: int) -> Path:
    """Export the listed statements to ``var/scale-datasette.db`` unless it is current.

    ``source`` names the PostgreSQL database (hashed, since a URL may hold a
    password); with ``statements`` it decides whether the file is current.
    """
    key = {"source": hashlib.sha256(source.encode()).hexdigest()[:16], "statements": statements}
    if DB.exists() and STAMP.exists() and json.loads(STAMP.read_text()) == key:
        return DB
    started = time.perf_counter()
    print(f"Exporting {statements:,} statements to {DB.relative_to(ROOT)} ...", flush=True)
    building = DB.with_suffix(".building.db")
    building.unlink(missing_ok=True)
    utils = str(bin_path("sqlite-utils"))
    insert = subprocess.Popen(
        [utils, "insert", str(building), "statements", "-", "--nl", "--pk", "uid",
         "--batch-size", "5000"],
        stdin=subprocess.PIPE,
        text=True,
    )
    try:
        _write_rows(connection, insert.stdin)
    finally:
        insert.stdin.close()
    if insert.wait() != 0:
        raise RuntimeError("sqlite-utils insert failed")
    subprocess.run(
        [utils, "enable-fts", str(building), "statements", "text", "speaker", "--fts5",
         "--create-triggers"],
        check=True,
    )
    for column in ("speaker", "outlet", "published_on"):
        subprocess.run([utils, "create-index", str(building), "statements", column], check=True)
    subprocess.run([utils, "analyze", str(building)], check=True)
    building.replace(DB)
    STAMP.write_text(json.dumps(key))
    print(f"  done in {time.perf_counter() - started:.0f} s", flush=True)
    return DB


def _write_rows(connection, out) -> None:
    from django.db import transaction

    # A server-side cursor: a million rows never sit in this process at once.
    with transaction.atomic(using=connection.alias):
        cursor = connection.chunked_cursor()
        cursor.execute(ROWS_SQL)
        while rows := cursor.fetchmany(5000):
            for row in rows:
                item = dict(zip(COLUMNS, row, strict=True))
                if item["published_on"] is not None:
                    item["published_on"] = item["published_on"].isoformat()
                out.write(json.dumps(item, ensure_ascii=False) + "\n")


def serve(db: Path, port: int, log: Path) -> subprocess.Popen:
    """``datasette serve`` on 127.0.0.1:``port`` in its own process group."""
    command = [str(bin_path("datasette")), "serve", str(db), "--host", "127.0.0.1",
               "--port", str(port)]
    for name, value in SETTINGS.items():
        command += ["--setting", name, str(value)]
    with log.open("w") as out:
        return subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )


def table_path(db: Path) -> str:
    return f"/{db.stem}/statements"
