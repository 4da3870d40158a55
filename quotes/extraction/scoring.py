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
