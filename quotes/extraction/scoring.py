"""A small re-implementation of ``score_extraction.py``'s matching.

The regression tests use it because CI may run without ``../shared``. Same
rules: a prediction matches a gold statement of the same article and kind when
the character ranges overlap (Jaccard) by 0.6 for quotes and 0.4 for claims,
greedily from the best overlap; it counts end to end when the speakers match
(same words after dropping titles and articles, or the same last word).
"""

from __future__ import annotations

import re

THRESHOLD = {"quote": 0.6, "claim": 0.4}
WORD = re.compile(r"\w+", re.UNICODE)
DROP = {"the", "a", "an", "mr", "mrs", "ms", "dr", "president", "spokesman",
        "spokesperson", "minister", "secretary", "kremlin"}


def overlap(gold: dict, pred: dict) -> float:
    """Jaccard overlap of two statements' character ranges."""
    gs, ge, ps, pe = gold["start"], gold["end"], pred["start"], pred["end"]
    if ge <= gs or pe <= ps:
        return 0.0
    return max(0, min(ge, pe) - max(gs, ps)) / (max(ge, pe) - min(gs, ps))


def speaker_key(name: str | None) -> list[str]:
    """The words of a speaker name that matter for matching."""
    words = [w.lower() for w in WORD.findall(name or "")]
    return [w for w in words if w not in DROP] or [w for w in words if w not in {"the", "a", "an"}]


def same_speaker(gold: str | None, pred: str | None) -> bool:
    """True when two speaker names are the same person by the scorer's rule."""
    g, p = speaker_key(gold), speaker_key(pred)
    return bool(g and p) and (g == p or g[-1] == p[-1])


def f1(tp: int, predicted: int, gold: int) -> float:
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(gold: list[dict], pred: list[dict]) -> dict:
    """Return ``{kind: {"span_f1", "end_to_end_f1", "misses", "extras", "wrong"}}``."""
    report = {}
    for kind in ("quote", "claim"):
        gk = [g for g in gold if g["kind"] == kind]
        pk = [p for p in pred if p["kind"] == kind]
        pairs = sorted(
            ((overlap(g, p), i, j) for i, g in enumerate(gk) for j, p in enumerate(pk)
             if g["article"] == p["article"]),
            reverse=True,
        )
        used_g, used_p, right = set(), set(), 0
        wrong = []
        for value, i, j in pairs:
            if value < THRESHOLD[kind]:
                break
            if i in used_g or j in used_p:
                continue
            used_g.add(i)
            used_p.add(j)
            if same_speaker(gk[i].get("speaker"), pk[j].get("speaker")):
                right += 1
            else:
                wrong.append((gk[i], pk[j]))
        report[kind] = {
            "span_f1": f1(len(used_g), len(pk), len(gk)),
            "end_to_end_f1": f1(right, len(pk), len(gk)),
            "misses": [g for i, g in enumerate(gk) if i not in used_g],
            "extras": [p for j, p in enumerate(pk) if j not in used_p],
            "wrong": wrong,
        }
    return report


def matched(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """``(gold index, prediction index)`` of the statements that match by the
    rule above: per kind and article, the greatest overlaps first, each
    statement used once."""
    found = []
    for kind in ("quote", "claim"):
        candidates = sorted(
            ((overlap(g, p), i, n) for i, g in enumerate(gold) if g["kind"] == kind
             for n, p in enumerate(pred)
             if p["kind"] == kind and g.get("article") == p.get("article")),
            reverse=True,
        )
        used_g, used_p = set(), set()
        for value, i, n in candidates:
            if value < THRESHOLD[kind]:
                break
            if i in used_g or n in used_p:
                continue
            used_g.add(i)
            used_p.add(n)
            found.append((i, n))
    return found


def labels(gold: list[dict], pred: list[dict]) -> list[bool]:
    """For each prediction, in order: right end to end (its span matches a gold
    statement by the rule above and the speaker is the same). What the
    confidence model learns and the benchmark's ROC AUC and reliability use."""
    right = [False] * len(pred)
    for i, n in matched(gold, pred):
        right[n] = same_speaker(gold[i].get("speaker"), pred[n].get("speaker"))
    return right


def roc_auc(scores: list[float], truth: list[bool]) -> float | None:
    """Probability that a right statement scores above a wrong one (ties half)."""
    ranked = sorted(zip(scores, truth, strict=True))
    positives = sum(truth)
    negatives = len(truth) - positives
    if not positives or not negatives:
        return None
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        average = (i + j + 1) / 2  # ranks are 1-based
        rank_sum += average * sum(1 for k in range(i, j) if ranked[k][1])
        i = j
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def reliability(scores: list[float], truth: list[bool], bins: int = 5) -> list[tuple]:
    """(low, high, count, mean predicted, observed precision) per equal-width bin."""
    rows = []
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = [(s, t) for s, t in zip(scores, truth, strict=True)
                  if low <= s < high or (b == bins - 1 and s == 1.0)]
        if inside:
            rows.append((low, high, len(inside), sum(s for s, _ in inside) / len(inside),
                         sum(t for _, t in inside) / len(inside)))
        else:
            rows.append((low, high, 0, None, None))
    return rows
