#!/usr/bin/env python
"""Fit the extractor's confidence model and store it in the repository.

    .venv/bin/python benchmarks/fit_confidence.py [--polnear DIR] [--folds 5]

Extracts PolNeAR dev (``SHARED/eval/polnear/dev``, speakers from
``gold-verified.jsonl``), labels each statement right or wrong end to end
(``quotes.extraction.scoring.labels``: the scorer's span and speaker rules),
and fits one scikit-learn logistic regression per kind on the features the
extractor records (``quotes.extraction.confidence.encode``). It prints the
ROC AUC and a five-bin reliability table of predictions cross-validated with
folds by article (no article in both fit and test), then fits on all of dev
and writes ``quotes/extraction/confidence.json``: feature names and numbers
only, no PolNeAR text. scikit-learn is a dev dependency; applying the model
needs none.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotes.extraction import extract  # noqa: E402
from quotes.extraction.confidence import MODEL, encode  # noqa: E402
from quotes.extraction.scoring import labels, reliability, roc_auc  # noqa: E402

# Weak L2 regularisation: a few hundred statements per kind, a few dozen features.
C = 0.5


def collect(polnear: Path) -> tuple[list[dict], list[bool]]:
    """Every dev statement's features, article and kind, and whether it is right."""
    gold = [json.loads(line) for line in (polnear / "gold-verified.jsonl").read_text().splitlines()
            if line.strip()]
    rows, pred = [], []
    for path in sorted((polnear / "texts").glob("*.txt")):
        for statement in extract(path.read_text(encoding="utf-8")):
            pred.append({**statement.as_dict(), "article": path.name})
            rows.append({"article": path.name, "kind": statement.kind,
                         "features": statement.extras["features"]})
    return rows, labels(gold, pred)


def table(name: str, scores: list[float], truth: list[bool]) -> None:
    auc = roc_auc(scores, truth)
    print(f"{name}: n={len(truth)} right={sum(truth)} ROC AUC "
          f"{'n/a' if auc is None else f'{auc:.3f}'}")
    for low, high, n, mean, observed in reliability(scores, truth):
        shown = "" if not n else f"mean predicted {mean:.3f}  observed {observed:.3f}"
        print(f"  [{low:.1f}, {high:.1f}) n={n:4d}  {shown}")


def main() -> int:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    shared = Path(os.environ.get("SHARED_DIR", ROOT.parent / "shared"))
    parser.add_argument("--polnear", type=Path, default=shared / "eval" / "polnear" / "dev")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--dry-run", action="store_true", help="print, do not write the file")
    args = parser.parse_args()

    rows, truth = collect(args.polnear)
    stored = {"kinds": {}, "fitted_on": "PolNeAR dev, gold-verified.jsonl",
              "command": "benchmarks/fit_confidence.py", "date": datetime.date.today().isoformat(),
              "cross_validated": {}}
    for kind in ("quote", "claim"):
        index = [i for i, row in enumerate(rows) if row["kind"] == kind]
        vectorizer = DictVectorizer(sparse=False)
        x = vectorizer.fit_transform([encode(rows[i]["features"]) for i in index])
        y = [truth[i] for i in index]
        groups = [rows[i]["article"] for i in index]
        cv = [0.0] * len(index)
        for fit, test in GroupKFold(n_splits=args.folds).split(x, y, groups):
            regression = LogisticRegression(C=C, max_iter=2000)
            regression.fit(x[fit], [y[i] for i in fit])
            for i, p in zip(test, regression.predict_proba(x[test])[:, 1], strict=True):
                cv[i] = float(p)
        table(f"{kind} (cross-validated, {args.folds} folds by article)", cv, y)
        rule = [rows[i]["features"]["rule"] for i in index]
        table(f"{kind} (rule-based figure, for comparison)", rule, y)
        regression = LogisticRegression(C=C, max_iter=2000).fit(x, y)
        stored["kinds"][kind] = {
            "intercept": round(float(regression.intercept_[0]), 4),
            "weights": {name: round(float(w), 4) for name, w in
                        zip(vectorizer.get_feature_names_out(), regression.coef_[0], strict=True)
                        if abs(w) >= 1e-4},
            "statements": len(y),
        }
        stored["cross_validated"][kind] = round(roc_auc(cv, y) or 0.0, 3)
    if not args.dry_run:
        MODEL.write_text(json.dumps(stored, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {MODEL.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
