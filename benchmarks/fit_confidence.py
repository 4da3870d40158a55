#!/usr/bin/env python
"""Fit the extractor's confidence model and store it in the repository.

    .venv/bin/python benchmarks/fit_confidence.py [--polnear DIR] [--train DIR] [--folds 5]
                                                  [--repeats 5]

Extracts PolNeAR dev (``SHARED/eval/polnear/dev``, speakers from
``gold-verified.jsonl``), labels each statement right or wrong end to end
(``quotes.extraction.scoring.labels``: the scorer's span and speaker rules),
and fits per kind a scikit-learn HistGradientBoostingClassifier on the
features the extractor records (``quotes.extraction.confidence.encode``) and
a logistic regression on the same features and the parser's vectors at the
statement's tokens (``Statement.extras["vectors"]``; the features weighted
``FEATURE_WEIGHT`` against the vectors, crossed terms rarer than
``RARE_CROSSED`` left out), their log-odds added with the trees' weighted
``TREE_SHARE``. When PolNeAR
train has a ``gold-verified.jsonl`` too (``SHARED/eval/polnear/train``, its
disagreeing speakers decided by careful reading: benchmarks/train_disagreements.py),
its statements join every fit; without it, dev alone is used.

It prints the ROC AUC and a five-bin reliability table of dev predictions
cross-validated with folds by dev article (no dev article in both fit and
test; train articles are only ever fitted on), for the trees alone and for
the blend, repeated ``--repeats`` times
with the articles dealt to the folds anew (the AUC is the mean over repeats,
its range beside it; the table pools the repeats, its counts per repeat),
then Platt-scales the blend's (two numbers per kind, fitted on those
cross-validated predictions) and prints the calibrated table. Last it fits on everything and writes
``quotes/extraction/confidence.json``: the trees as feature names,
thresholds and leaf values, the regression's weights per feature name and
per vector component, no PolNeAR text. scikit-learn is a dev
dependency; applying the model needs none.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotes.extraction import extract  # noqa: E402
from quotes.extraction.confidence import MODEL, encode, vector_array  # noqa: E402
from quotes.extraction.scoring import labels, reliability, roc_auc  # noqa: E402

# Boosting settings, chosen by cross-validated AUC on dev with train in every
# fit (depth 3-6, 150-800 trees, rates 0.03-0.1 tried): deeper or longer fits
# gained at most 0.005 for claims and cost the pipeline time per statement.
TREES = {"max_depth": 4, "learning_rate": 0.1, "max_iter": 200, "min_samples_leaf": 20,
         "l2_regularization": 1.0, "random_state": 0}
# The logistic regression beside the trees: the same features and the parser's
# vectors at the statement's tokens (confidence.VECTOR_PLACES), standardised,
# strongly regularised (C 0.001-0.3 tried: 0.002 best for claims, cross-validated).
LINEAR = {"C": 0.002, "max_iter": 3000}
# The extractor's own features, standardised, are multiplied by this against
# the vectors' before the regression, a weaker penalty on them (their few
# hundred columns beside 1,728 vector components). Cross-validated AUC, train
# read a ninth time: quotes 0.848, 0.856, 0.859, 0.860, 0.860 at 1, 2, 3, 4, 6
# (4 also the lowest log loss); claims 0.801, 0.801, 0.800, 0.799 at 0.5, 1, 2, 4.
FEATURE_WEIGHT = {"quote": 4.0, "claim": 1.0}
# Crossed terms (a category times a count) present in fewer fitted statements
# than this are left out of the regression: with the features weighted 4,
# "verb=quoted ... as saying*speaker_statements", two wrong quotes of train,
# put a right seed quote of Peskov's at 0.01. Cross-validated AUC without and
# with: quotes 0.860 and 0.855, claims 0.801 and 0.802; leaving out every
# feature that rare instead: quotes 0.851 (0.855 under 5).
RARE_CROSSED = 20
# The two log-odds are added, the trees' weighted by this share (0.3, 0.5, 0.7
# tried: 0.3 best for both kinds), before Platt's two numbers.
TREE_SHARE = 0.3


def boosted():
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(**TREES)


def linear(features: int = 0, weight: float = 1.0, dropped: list[int] | None = None):
    """Standardise, multiply the first ``features`` columns (the extractor's
    features, before the vectors) by ``weight``, zero the ``dropped`` ones,
    fit a logistic regression."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import FunctionTransformer, StandardScaler

    return make_pipeline(StandardScaler(),
                         FunctionTransformer(weighted, kw_args={"columns": features,
                                                                "weight": weight,
                                                                "dropped": dropped or []}),
                         LogisticRegression(**LINEAR))


def weighted(z, columns: int, weight: float, dropped: list[int]):
    """``z`` with its first ``columns`` columns multiplied by ``weight`` and
    the ``dropped`` ones zero (a regression gives those no weight)."""
    z = z.copy()
    z[:, :columns] *= weight
    z[:, dropped] = 0.0
    return z


def rare_crossed(x, names: list[str]) -> list[int]:
    """Columns of ``x`` that are crossed terms (``names`` with "*") nonzero in
    fewer than ``RARE_CROSSED`` of its rows."""
    present = (x != 0).sum(axis=0)
    return [i for i, name in enumerate(names) if "*" in name and present[i] < RARE_CROSSED]


def log_odds(trees, line, x, xv):
    """The blend's log-odds: the trees' (on the features ``x``) and the linear
    model's (on the features and vectors ``xv``), added with ``TREE_SHARE``."""
    return TREE_SHARE * trees.decision_function(x) + (1 - TREE_SHARE) * line.decision_function(xv)


def blended(trees, line, names: list[str]) -> dict:
    """The fitted blend in the stored form: the trees' leaves and baseline
    times ``TREE_SHARE``; the linear model's weights, standardisation and
    features' weight folded in, times the rest: per feature name
    (``weights``; a dropped column has none) and per vector component
    (``vector_weights``). ``confidence.probabilities`` adds them up."""
    baseline, tree_list = exported(trees, names)
    scaler, weighting, regression = line[0], line[1].kw_args, line[-1]
    coefficients = regression.coef_[0] / scaler.scale_
    coefficients[: weighting["columns"]] *= weighting["weight"]
    intercept = float(regression.intercept_[0]) - float(coefficients @ scaler.mean_)
    rest = 1 - TREE_SHARE
    for tree in tree_list:
        for node in tree:
            if len(node) == 1:
                node[0] = round(TREE_SHARE * node[0], 7)
    return {
        "intercept": round(TREE_SHARE * baseline + rest * intercept, 6),
        "trees": tree_list,
        "weights": {name: float(f"{rest * w:.6g}")
                    for name, w in zip(names, coefficients[: len(names)], strict=True) if w},
        "vector_weights": [float(f"{rest * w:.6g}") for w in coefficients[len(names) :]],
    }


def exported(fitted, names: list[str]) -> tuple[float, list[list[list]]]:
    """The fitted model's baseline log-odds and its trees in the stored form
    (applied by ``quotes.extraction.confidence.Trees``), read from scikit-learn's tree
    predictors (``_predictors``: the one place the fitted trees are kept)."""
    trees = []
    for (predictor,) in fitted._predictors:
        nodes = []
        for node in predictor.nodes:
            if node["is_leaf"]:
                nodes.append([round(float(node["value"]), 6)])
            else:
                nodes.append([names[int(node["feature_idx"])],
                              float(node["num_threshold"]),
                              int(node["left"]), int(node["right"])])
        trees.append(nodes)
    return float(fitted._baseline_prediction.ravel()[0]), trees


def collect(split: Path, listed_only: bool = False) -> tuple[list[dict], list[bool]]:
    """Every statement's features, article and kind in ``split``, and whether it
    is right; with ``listed_only``, only in the articles the gold file names
    (train's verified file may cover a part of train)."""
    gold = [json.loads(line) for line in (split / "gold-verified.jsonl").read_text().splitlines()
            if line.strip()]
    articles = {row["article"] for row in gold}
    rows, pred = [], []
    for path in sorted((split / "texts").glob("*.txt")):
        if listed_only and path.name not in articles:
            continue
        for statement in extract(path.read_text(encoding="utf-8")):
            pred.append({**statement.as_dict(), "article": path.name})
            rows.append({"article": path.name, "kind": statement.kind,
                         "features": statement.extras["features"],
                         "vectors": statement.extras.get("vectors")})
    # Parser vectors as arrays; a statement without them (none in PolNeAR) as zeros.
    width = max((len(row["vectors"]) for row in rows if row["vectors"]), default=0)
    for row in rows:
        row["vectors"] = vector_array(row["vectors"] or bytes(width))
    return rows, labels(gold, pred)


def folds_by_article(groups: list[str], folds: int, repeat: int) -> list[list[int]]:
    """Test indices of each fold: the articles dealt to ``folds`` folds in an
    order drawn with seed ``repeat`` (no article in two folds)."""
    articles = sorted(set(groups))
    random.Random(repeat).shuffle(articles)
    fold_of = {article: i % folds for i, article in enumerate(articles)}
    return [[i for i, g in enumerate(groups) if fold_of[g] == f] for f in range(folds)]


def repeat_aucs(scores: list[float], truth: list[bool], repeats: int) -> list[float | None]:
    """ROC AUC of each repeat's predictions (``scores`` holds the repeats one
    after another, each over the same statements)."""
    size = len(truth) // repeats
    return [roc_auc(scores[r * size : (r + 1) * size], truth[r * size : (r + 1) * size])
            for r in range(repeats)]


def table(name: str, scores: list[float], truth: list[bool], repeats: int = 1) -> None:
    """ROC AUC (the mean over repeats when scores hold several) and the
    reliability table, its counts per repeat."""
    size = len(truth) // repeats
    aucs = repeat_aucs(scores, truth, repeats)
    auc = None if None in aucs else sum(aucs) / repeats
    spread = f" (repeats {min(aucs):.3f}-{max(aucs):.3f})" if repeats > 1 and auc else ""
    print(f"{name}: n={size} right={sum(truth[:size])} ROC AUC "
          f"{'n/a' if auc is None else f'{auc:.3f}'}{spread}")
    for low, high, n, mean, observed in reliability(scores, truth):
        n = round(n / repeats)
        shown = "" if not n else (f"mean predicted {mean:.3f}  observed {observed:.3f}  "
                                  f"gap {abs(mean - observed):.3f}")
        print(f"  [{low:.1f}, {high:.1f}) n={n:4d}  {shown}")


# The target: every reliability bin's mean prediction within this of
# its observed precision.
BIN_TOLERANCE = 0.10


def calibrated_chance(scores: list[float], repeats: int, draws: int = 1000) -> tuple[float, float]:
    """How often a perfectly calibrated model would meet the bins' target on
    these statements: each statement's right or wrong drawn from its own
    probability in ``scores`` (its mean over the repeats, the same draw in
    every repeat, as a real label is), the table made as :func:`table` makes
    it. Returns the share of draws with every bin within ``BIN_TOLERANCE`` and
    the median largest gap: with a handful of statements in a bin, its
    observed precision moves by far more than the tolerance from chance alone."""
    import numpy

    pooled = numpy.asarray(scores)
    mean = pooled.reshape(repeats, -1).mean(axis=0)
    draw = numpy.random.default_rng(0)
    met, gaps = 0, []
    for _ in range(draws):
        right = numpy.tile(draw.random(len(mean)) < mean, repeats)
        gap = max(abs(m - o) for _, _, n, m, o in reliability(scores, list(right)) if n)
        met += gap <= BIN_TOLERANCE + 1e-9  # a mean of 0.1s is 0.10000000000000002
        gaps.append(gap)
    return met / draws, float(numpy.median(gaps))


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def main() -> int:
    import numpy
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from quotes.extraction.confidence import probabilities

    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    shared = Path(os.environ.get("SHARED_DIR", ROOT.parent / "shared"))
    parser.add_argument("--polnear", type=Path, default=shared / "eval" / "polnear" / "dev")
    parser.add_argument("--train", type=Path, default=shared / "eval" / "polnear" / "train",
                        help="used when it holds gold-verified.jsonl")
    parser.add_argument("--no-train", action="store_true", help="fit on dev alone")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=5,
                        help="times the articles are dealt to the folds anew (default 5)")
    parser.add_argument("--dry-run", action="store_true", help="print, do not write the file")
    args = parser.parse_args()

    rows, truth = collect(args.polnear)
    fitted_on = ["PolNeAR dev, gold-verified.jsonl"]
    extra_rows, extra_truth = [], []
    if not args.no_train and (args.train / "gold-verified.jsonl").exists():
        extra_rows, extra_truth = collect(args.train, listed_only=True)
        fitted_on.append("PolNeAR train, gold-verified.jsonl")
        print(f"train: {len(extra_rows)} statements from {args.train}")
    else:
        print("train: no gold-verified.jsonl, dev alone")
    stored = {"kinds": {}, "fitted_on": " + ".join(fitted_on),
              "command": "benchmarks/fit_confidence.py",
              "settings": {**TREES, "linear": LINEAR, "feature_weight": FEATURE_WEIGHT,
                           "rare_crossed": RARE_CROSSED, "tree_share": TREE_SHARE},
              "date": datetime.date.today().isoformat(),
              "cross_validated": {}}
    for kind in ("quote", "claim"):
        index = [i for i, row in enumerate(rows) if row["kind"] == kind]
        more = [i for i, row in enumerate(extra_rows) if row["kind"] == kind]
        vectorizer = DictVectorizer(sparse=False)
        vectorizer.fit([encode(rows[i]["features"]) for i in index] +
                       [encode(extra_rows[i]["features"]) for i in more])
        x = vectorizer.transform([encode(rows[i]["features"]) for i in index])
        y = [truth[i] for i in index]
        x_more = vectorizer.transform([encode(extra_rows[i]["features"]) for i in more]) \
            if more else x[:0]
        names = list(vectorizer.get_feature_names_out())
        xv = numpy.hstack([x, numpy.array([rows[i]["vectors"] for i in index])])
        xv_more = numpy.hstack([x_more, numpy.array([extra_rows[i]["vectors"] for i in more])]) \
            if more else xv[:0]
        y_more = [extra_truth[i] for i in more]
        groups = [rows[i]["article"] for i in index]
        # Repeated: each repeat deals the articles to the folds anew, and every
        # statement gets one prediction per repeat from models that never saw its
        # article. One dealing alone moves a small bin by 0.1 and the AUC by 0.01.
        cv, y_all, cv_trees = [], [], []
        for repeat in range(args.repeats):
            predicted, by_trees = [0.0] * len(index), [0.0] * len(index)
            for test in folds_by_article(groups, args.folds, repeat):
                chosen = set(test)
                fit = [i for i in range(len(index)) if i not in chosen]
                answers = [y[i] for i in fit] + y_more
                fitted = numpy.vstack([x[fit], x_more])
                trees = boosted().fit(fitted, answers)
                line = linear(x.shape[1], FEATURE_WEIGHT[kind], rare_crossed(fitted, names)).fit(
                    numpy.vstack([xv[fit], xv_more]), answers)
                z = log_odds(trees, line, x[test], xv[test])
                for i, z0, p in zip(test, z, trees.predict_proba(x[test])[:, 1], strict=True):
                    predicted[i], by_trees[i] = 1 / (1 + math.exp(-z0)), float(p)
            cv += predicted
            cv_trees += by_trees
            y_all += y
        shown = f"{args.folds} folds by article, {args.repeats} repeats"
        table(f"{kind} (cross-validated, trees alone, {shown})", cv_trees, y_all, args.repeats)
        table(f"{kind} (cross-validated, trees and linear, {shown})", cv, y_all, args.repeats)
        # Platt scaling of the cross-validated scores: boosting's probabilities
        # are not calibrated on unseen articles; two numbers put them right.
        platt = LogisticRegression(C=1e6, max_iter=5000).fit([[logit(p)] for p in cv], y_all)
        a, b = float(platt.coef_[0][0]), float(platt.intercept_[0])
        scaled = [1 / (1 + math.exp(-(a * logit(p) + b))) for p in cv]
        table(f"{kind} (cross-validated, Platt-scaled a={a:.3f} b={b:.3f})", scaled, y_all,
              args.repeats)
        chance, typical = calibrated_chance(scaled, args.repeats)
        print(f"  a perfectly calibrated model, its labels drawn from these probabilities, "
              f"has every bin within {BIN_TOLERANCE} in {chance:.0%} of 1000 draws "
              f"(median largest gap {typical:.3f})")
        rule = [rows[i]["features"]["rule"] for i in index]
        table(f"{kind} (rule-based figure, for comparison)", rule, y)
        everything = numpy.vstack([x, x_more])
        trees = boosted().fit(everything, y + y_more)
        line = linear(x.shape[1], FEATURE_WEIGHT[kind], rare_crossed(everything, names)).fit(
            numpy.vstack([xv, xv_more]), y + y_more)
        stored["kinds"][kind] = {
            **blended(trees, line, names),
            "platt": [round(a, 4), round(b, 4)],
            "statements": len(y) + len(y_more),
        }
        # The stored form must give scikit-learn's own probabilities.
        check = index[:50]
        ours = probabilities(kind, [rows[i]["features"] for i in check],
                             {**stored["kinds"][kind], "platt": [1.0, 0.0]},
                             [rows[i]["vectors"].tobytes() for i in check])
        theirs = 1 / (1 + numpy.exp(-log_odds(trees, line, x[:50], xv[:50])))
        assert max(abs(o - t) for o, t in zip(ours, theirs, strict=True)) < 1e-4
        aucs = [auc or 0.0 for auc in repeat_aucs(scaled, y_all, args.repeats)]
        stored["cross_validated"][kind] = {
            "auc": round(sum(aucs) / len(aucs), 3),
            "auc_range": [round(min(aucs), 3), round(max(aucs), 3)],
            "repeats": args.repeats,
            "bins_met_if_calibrated": round(chance, 2),
            "bins": [[low, high, round(n / args.repeats), mean if mean is None else round(mean, 3),
                      seen if seen is None else round(seen, 3)]
                     for low, high, n, mean, seen in reliability(scaled, y_all)],
        }
    if not args.dry_run:
        MODEL.write_text(json.dumps(stored, sort_keys=True, separators=(",", ":")) + "\n",
                         encoding="utf-8")
        print(f"wrote {MODEL.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
