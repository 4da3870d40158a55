"""The extractor on the seed articles (against their gold), end to end. Its
stages on short invented sentences, one phenomenon each, are in
tests/test_extraction_<stage>.py. Pure Python: no database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotes.extraction import CLAIM, extract
from quotes.extraction.known import people_from_fixture
from quotes.extraction.scoring import score

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"


@pytest.fixture(scope="module")
def seed_predictions():
    people = people_from_fixture(ROOT / "fixtures" / "people.json")
    rows = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for statement in extract(text, people):
            rows.append({"article": path.name, **statement.as_dict()})
    return rows


@pytest.fixture(scope="module")
def seed_report(seed_predictions):
    gold_path = ROOT / "tests" / "data" / "seeds_gold.jsonl"
    gold = [json.loads(line) for line in gold_path.read_text().splitlines() if line.strip()]
    return score(gold, seed_predictions)


# --- the seeds against their gold --------------------------------------------------


def test_seed_quotes_meet_the_target(seed_report):
    assert seed_report["quote"]["end_to_end_f1"] >= 0.95, seed_report["quote"]


def test_seed_claims_meet_the_target(seed_report):
    assert seed_report["claim"]["end_to_end_f1"] >= 0.80, seed_report["claim"]


def test_every_statement_text_is_the_article_slice(seed_predictions):
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for row in seed_predictions:
        assert texts[row["article"]][row["start"] : row["end"]] == row["text"]
        assert 0 <= row["confidence"] <= 1


@pytest.mark.parametrize("furniture", [
    "In some form.",  # a quoted headline in a "Read more" list
    "Read more",
    "READ MORE",
    "Leave a Reply",
    "Your email address will not be published",
    "Back to top button",
    "Share This Article",
    "Sarhan Basem is Brussels Morning",  # author bio
    "Subscribe for Latest Updates",
    "Putin-Trump summit on the way",  # repeated headline
    "Steffen Kugler/Getty Images",  # photo credit
])
def test_page_furniture_yields_nothing(seed_predictions, furniture):
    for path in SEEDS.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        for row in seed_predictions:
            if row["article"] != path.name:
                continue
            line_start = text.rfind("\n", 0, row["start"]) + 1
            line_end = text.find("\n", row["end"])
            line = text[line_start : line_end if line_end != -1 else len(text)]
            assert furniture not in line, row


# --- stance: what the speaker rejects is never stored as their assertion -----------


def test_seed_dismissed_claims_are_stored_as_dismissed(seed_predictions):
    [row] = [r for r in seed_predictions
             if r["article"].startswith("003") and "Baltic states are next" in r["text"]
             and r["kind"] == CLAIM]
    assert (row["speaker"], row["cue"], row["stance"]) == ("Dmitry Peskov", "dismissed",
                                                          "dismisses")
    assert row["text"].startswith("claims that the Baltic states are next")
