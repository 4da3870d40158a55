"""``manage.py extract``: JSON Lines for the scorer, a listing for people, clean
errors, and no database (pytest-django refuses any query these tests would make)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("extract", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_lines_in_the_scorers_format_for_a_folder():
    out, _ = run(str(SEEDS), "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert {row["article"] for row in rows} == {p.name for p in SEEDS.glob("*.txt")}
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for row in rows:
        assert {"article", "kind", "speaker", "speaker_type", "text", "start", "end", "cue",
                "partial", "via", "confidence"} <= row.keys()
        assert texts[row["article"]][row["start"] : row["end"]] == row["text"]
    peskov = [r for r in rows if r["speaker"] == "Dmitry Peskov" and r["kind"] == "quote"]
    assert any(r["text"].startswith("Let’s wait for his return to Moscow") for r in peskov)


def test_readable_listing_names_the_file_and_the_speaker(tmp_path):
    article = tmp_path / "note.txt"
    article.write_text("“We are ready to talk,” Erik Lund told reporters.", encoding="utf-8")
    out, _ = run(str(article))
    assert "note.txt (1 statement)" in out
    assert "Erik Lund" in out and "We are ready to talk," in out


def test_missing_file_is_a_one_line_error():
    with pytest.raises(CommandError, match="no-such-file.txt: no such file or folder"):
        run("no-such-file.txt")


def test_non_utf8_file_is_reported_and_the_exit_is_non_zero(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00 not text")
    good = tmp_path / "good.txt"
    good.write_text("“Fine,” Erik Lund said.", encoding="utf-8")
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("extract", str(tmp_path), "--json", stdout=out, stderr=err)
    assert exit_info.value.code == 1
    assert err.getvalue().strip() == f"{bad}: not UTF-8 text"
    assert json.loads(out.getvalue().splitlines()[0])["article"] == "good.txt"


def test_command_line_error_has_no_traceback():
    env = {**os.environ, "DEBUG": "true"}
    result = subprocess.run(
        [sys.executable, "manage.py", "extract", "missing.txt", "--json"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines == ["CommandError: missing.txt: no such file or folder"]


def test_the_reference_officials_resolve_roles_unless_told_otherwise(tmp_path):
    article = tmp_path / "role.txt"
    article.write_text("The press secretary of Russian President Vladimir Putin said that no "
                       "meeting was planned before the end of the year.", encoding="utf-8")
    out, _ = run(str(article), "--json")
    assert [json.loads(line)["speaker"] for line in out.splitlines()] == ["Dmitry Peskov"]
    out, _ = run(str(article), "--json", "--no-people")
    assert [json.loads(line)["speaker"] for line in out.splitlines()] != ["Dmitry Peskov"]


def test_a_people_file_that_is_not_a_fixture_is_a_one_line_error(tmp_path):
    bad = tmp_path / "people.json"
    bad.write_text('{"not": "a fixture"}', encoding="utf-8")
    with pytest.raises(CommandError, match="not a fixture of people"):
        run(str(SEEDS), "--people", str(bad))
