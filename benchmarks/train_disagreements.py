#!/usr/bin/env python
"""Verify PolNeAR train's speakers where the gold and the extractor disagree.

    .venv/bin/python benchmarks/train_disagreements.py list --every 10 --out SHEET
    .venv/bin/python benchmarks/train_disagreements.py apply --sheet SHEET... --decisions FILE...

PolNeAR's speakers come from automatic coreference and are often wrong, so
train's ``gold.jsonl`` cannot label the confidence model's statements as it
stands. As for dev (``SHARED/eval/polnear/SOURCE.md``), each disagreement is
decided by a careful reader from the article text, blind:

``list`` extracts a part of train (every ``--every``-th article from
``--offset``), pairs its statements with the gold by the scorer's rules
(same kind, Jaccard overlap 0.6 for quotes, 0.4 for claims, greedily) and
writes to ``SHEET`` (a JSON Lines file: keep it outside the repository, it
holds article text) one item per pair whose speakers differ or whose gold
speaker is missing: the passage (the statement's paragraph and up to two
before it, the statement between ``[[`` and ``]]``) and the two candidate
speakers in an order drawn at random, with nothing saying which is the
gold's.

The reader writes ``FILE``, one line per item: ``{"id": ..., "speaker":
...}``, the speaker being one of the candidates or, when neither is right,
the speaker's name as the article gives it. ``apply`` then writes
``SHARED/eval/polnear/train/gold-verified.jsonl``: every gold record of the
articles whose items are all decided, the decided speakers replaced (the
old one kept as ``speaker_adjudicated_from``), in the format of dev's file.
``benchmarks/fit_confidence.py`` fits on it when it exists.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotes.extraction import extract  # noqa: E402
from quotes.extraction.scoring import matched, same_speaker  # noqa: E402

SHARED = Path(os.environ.get("SHARED_DIR", ROOT.parent / "shared"))
TRAIN = SHARED / "eval" / "polnear" / "train"
# Characters of context before a statement's paragraph: about two paragraphs.
CONTEXT = 1200


def pairs(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """(gold index, prediction index) of one article's matched statements, as
    ``quotes.extraction.scoring`` matches them."""
    return matched(gold, pred)


def passage(text: str, start: int, end: int) -> str:
    """The statement's paragraph and what comes just before, the statement marked."""
    paragraph_end = text.find("\n", end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    begin = text.rfind("\n", 0, max(0, start - CONTEXT)) + 1
    return f"{text[begin:start]}[[{text[start:end]}]]{text[end:paragraph_end]}"


def list_items(args) -> int:
    gold = [json.loads(line) for line in (args.split / "gold.jsonl").read_text().splitlines()
            if line.strip()]
    by_article: dict[str, list[dict]] = {}
    for row in gold:
        by_article.setdefault(row["article"], []).append(row)
    articles = sorted(by_article)[args.offset :: args.every]
    order = random.Random(args.seed)
    count = 0
    with args.out.open("w", encoding="utf-8") as out:
        for article in articles:
            text = (args.split / "texts" / article).read_text(encoding="utf-8")
            pred = [{**s.as_dict(), "article": article} for s in extract(text)]
            rows = by_article[article]
            for i, j in pairs(rows, pred):
                old, ours = rows[i].get("speaker"), pred[j].get("speaker")
                if old and same_speaker(old, ours):
                    continue
                candidates = [old or "(no speaker given)", ours or "(no speaker given)"]
                order.shuffle(candidates)
                out.write(json.dumps({
                    "id": f"{article}#{rows[i]['start']}-{rows[i]['end']}-{rows[i]['kind']}",
                    "article": article, "kind": rows[i]["kind"],
                    "passage": passage(text, rows[i]["start"], rows[i]["end"]),
                    "candidates": candidates,
                }, ensure_ascii=False) + "\n")
                count += 1
            # An article with nothing to decide is verified as it stands.
            out.write(json.dumps({"id": f"{article}#none", "article": article}) + "\n")
    print(f"{count} disagreements in {len(articles)} articles -> {args.out}")
    return 0


def apply(args) -> int:
    items = [json.loads(line) for sheet in args.sheet for line in sheet.read_text().splitlines()
             if line.strip()]
    decided = {}
    for line in (line for path in args.decisions for line in path.read_text().splitlines()):
        if line.strip():
            row = json.loads(line)
            decided[row["id"]] = row["speaker"]
    articles: dict[str, bool] = {}
    for item in items:
        complete = item["id"].endswith("#none") or item["id"] in decided
        articles[item["article"]] = articles.get(item["article"], True) and complete
    done = {a for a, complete in articles.items() if complete}
    written = changed = 0
    target = args.split / "gold-verified.jsonl"
    with target.open("w", encoding="utf-8") as out:
        for line in (args.split / "gold.jsonl").read_text().splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if row["article"] not in done:
                continue
            key = f"{row['article']}#{row['start']}-{row['end']}-{row['kind']}"
            if key in decided:
                speaker = decided[key]
                row["speaker_adjudicated_from"] = row.get("speaker")
                row["speaker"] = None if speaker == "(no speaker given)" else speaker
                changed += row["speaker"] != row["speaker_adjudicated_from"]
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            written += 1
    print(f"{len(done)} of {len(articles)} articles complete; {len(decided)} decisions, "
          f"{changed} speakers changed; {written} gold records -> {target}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list", help="write the blind sheet of disagreements")
    listing.add_argument("--split", type=Path, default=TRAIN)
    listing.add_argument("--every", type=int, default=1)
    listing.add_argument("--offset", type=int, default=0)
    listing.add_argument("--seed", type=int, default=10)
    listing.add_argument("--out", type=Path, required=True)
    applying = commands.add_parser("apply", help="write gold-verified.jsonl from decisions")
    applying.add_argument("--split", type=Path, default=TRAIN)
    applying.add_argument("--sheet", type=Path, nargs="+", required=True)
    applying.add_argument("--decisions", type=Path, nargs="+", required=True)
    args = parser.parse_args()
    return list_items(args) if args.command == "list" else apply(args)


if __name__ == "__main__":
    sys.exit(main())
