#!/usr/bin/env python
"""Score the extractor on the seed articles and on PolNeAR dev, and time it.

    .venv/bin/python benchmarks/extraction.py [--polnear DIR] [--shared DIR] [--errors]
                                              [--keep DIR]

For each set, the predictions go to a temporary folder (never the repo; with
``--keep DIR``, to ``DIR/seeds.jsonl`` and ``DIR/polnear-dev.jsonl``, so that two
versions' predictions can be compared with ``cmp``) and
``score_extraction.py`` from the shared folder scores them; its lines are
printed, followed by the speed in one process (model load timed apart): the
median of ``--passes`` passes over the set (3 by default; the first pass
also writes the predictions and meets each word for the first time, later
ones are a long-running worker's steady state), each pass's figure beside it.
The seeds get the officials of ``fixtures/people.json`` as known people, as
the importer would; PolNeAR gets none. No Django settings are needed.

Defaults: shared folder ``../shared`` next to the repo (or ``$SHARED_DIR``);
PolNeAR texts ``SHARED/eval/polnear/dev`` (or ``$POLNEAR_DIR``: a folder with
``texts/`` and ``gold.jsonl``), scored against ``gold-verified.jsonl`` when the
folder has one (speakers decided by careful reading, see its SOURCE.md).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotes.extraction import extract  # noqa: E402
from quotes.extraction.known import people_from_fixture  # noqa: E402
from quotes.extraction.nlp import load  # noqa: E402


def run_set(name: str, texts: list[Path], gold: Path, scorer: Path | None, people,
            out_dir: Path, show_errors: bool, passes: int = 1) -> None:
    """Extract, write predictions, score and print one set; time ``passes``
    passes over it (the first writes the predictions) and give their median."""
    articles = [path.read_text(encoding="utf-8") for path in texts]
    words = sum(len(text.split()) for text in articles)
    pred_path = out_dir / f"{name}.jsonl"
    times = []
    for number in range(passes):
        started = time.perf_counter()
        if number == 0:
            with pred_path.open("w", encoding="utf-8") as out:
                for path, text in zip(texts, articles, strict=True):
                    for statement in extract(text, people):
                        row = statement.as_dict()
                        row["article"] = path.name
                        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            for text in articles:
                extract(text, people)
        times.append(time.perf_counter() - started)
    elapsed = statistics.median(times)
    print(f"== {name}: {len(texts)} articles, {words} words ({gold})")
    if scorer is not None:
        command = [sys.executable, str(scorer), str(gold), str(pred_path)]
        if show_errors:
            command.append("--show-errors")
        subprocess.run(command, check=True)
    else:
        print("(score_extraction.py not found: using quotes.extraction.scoring)")
        from quotes.extraction.scoring import score

        gold_rows = [json.loads(line) for line in gold.read_text().splitlines() if line.strip()]
        pred_rows = [json.loads(line) for line in pred_path.read_text().splitlines() if line]
        names = {p.name for p in texts}
        report = score([g for g in gold_rows if g["article"] in names], pred_rows)
        for kind, r in report.items():
            print(f"{kind:6} span F1 {r['span_f1']:.3f}  end-to-end F1 {r['end_to_end_f1']:.3f}")
    each = ", ".join(f"{len(texts) / t:.1f}" for t in times)
    print(f"speed: {len(texts) / elapsed:.1f} articles/s, {words / elapsed:.0f} words/s "
          f"({elapsed:.2f} s, one process; median of {passes} passes: {each})")
    confidence_report(gold, pred_path, {p.name for p in texts})


def confidence_report(gold: Path, pred_path: Path, names: set[str]) -> None:
    """ROC AUC of ``confidence`` (right end to end vs wrong) and a five-bin
    reliability table per kind. The model was fitted on PolNeAR dev (and
    verified train), so its dev figures are in-sample; the cross-validated
    ones that ``benchmarks/fit_confidence.py`` stored with the model follow."""
    from quotes.extraction.scoring import labels, reliability, roc_auc

    gold_rows = [json.loads(line) for line in gold.read_text().splitlines() if line.strip()]
    gold_rows = [g for g in gold_rows if g["article"] in names]
    pred = [json.loads(line) for line in pred_path.read_text().splitlines() if line]
    truth = labels(gold_rows, pred)
    for kind in ("quote", "claim"):
        index = [i for i, p in enumerate(pred) if p["kind"] == kind]
        scores, right = [pred[i]["confidence"] for i in index], [truth[i] for i in index]
        auc = roc_auc(scores, right)
        label = "in-sample" if "polnear" in str(gold) else ""
        print(_confidence_line(f"{kind:5} {label}".rstrip(), auc, reliability(scores, right)))
    if "polnear" in str(gold):
        # The fit's own figures for dev: each article predicted by a model
        # fitted without it (benchmarks/fit_confidence.py).
        from quotes.extraction.confidence import model

        stored = (model() or {}).get("cross_validated", {})
        for kind in ("quote", "claim"):
            if isinstance(stored.get(kind), dict):
                found = stored[kind]
                repeats = found.get("repeats", 1)
                spread = "" if repeats == 1 else \
                    f", mean of {repeats} fold dealings {found['auc_range'][0]:.3f}-" \
                    f"{found['auc_range'][1]:.3f}"
                chance = found.get("bins_met_if_calibrated")
                print(_confidence_line(f"{kind:5} cross-validated when fitted "
                                       f"({(model() or {}).get('date')}{spread})",
                                       found["auc"], found["bins"]))
                if chance is not None:
                    # How much the smallest bins can say (fit_confidence.calibrated_chance).
                    print(f"  (a perfectly calibrated {kind} model would have every bin within "
                          f"0.10 of its observed precision in {chance:.0%} of label draws)")


def _confidence_line(name: str, auc: float | None, bins) -> str:
    shown = "  ".join(
        f"[{low:.1f},{high:.1f}) n={n} {mean:.2f}/{seen:.2f}" if n else
        f"[{low:.1f},{high:.1f}) n=0"
        for low, high, n, mean, seen in bins
    )
    return f"confidence {name}  ROC AUC {'n/a' if auc is None else f'{auc:.3f}'}  " \
           f"predicted/observed: {shown}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default=os.environ.get("SHARED_DIR", ROOT.parent / "shared"),
                        type=Path, help="the shared folder (gold, tools, eval)")
    parser.add_argument("--polnear", default=os.environ.get("POLNEAR_DIR"), type=Path,
                        help="a PolNeAR split folder with texts/ and gold.jsonl")
    parser.add_argument("--errors", action="store_true", help="list misses and extras")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="write the predictions to DIR (outside the repo) and keep them")
    parser.add_argument("--passes", type=int, default=3, metavar="N",
                        help="time N passes over each set and print their median (default 3; "
                             "the first pass writes the predictions)")
    args = parser.parse_args()
    if args.passes < 1:
        parser.error("--passes must be at least 1")

    scorer = args.shared / "tools" / "score_extraction.py"
    if not scorer.exists():
        print(f"note: {scorer} is missing; scoring with the project's re-implementation")
        scorer = None
    started = time.perf_counter()
    load()
    print(f"model load: {time.perf_counter() - started:.2f} s (not counted below)")

    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="extraction-bench-") as tmp:
        out_dir = args.keep or Path(tmp)
        seeds_gold = args.shared / "gold" / "seeds.jsonl"
        if not seeds_gold.exists():
            seeds_gold = ROOT / "tests" / "data" / "seeds_gold.jsonl"
        run_set("seeds", sorted((ROOT / "fixtures" / "seeds").glob("*.txt")), seeds_gold,
                scorer, people_from_fixture(ROOT / "fixtures" / "people.json"), out_dir,
                args.errors, args.passes)
        polnear = args.polnear or args.shared / "eval" / "polnear" / "dev"
        texts = sorted((polnear / "texts").glob("*.txt"))
        # Speakers decided by careful reading where they exist (SOURCE.md).
        gold = polnear / "gold-verified.jsonl"
        if not gold.exists():
            gold = polnear / "gold.jsonl"
        if not texts or not gold.exists():
            print(f"== polnear: no texts/ and gold.jsonl under {polnear}; skipped "
                  "(give --polnear DIR or set POLNEAR_DIR)")
            return 0
        run_set("polnear-" + polnear.name, texts, gold, scorer, (),
                out_dir, args.errors, args.passes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
