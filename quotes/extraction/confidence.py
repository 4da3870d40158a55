"""Confidence: the probability that a statement's span and speaker are right.

A logistic regression over what the extractor knows about each statement
(how the speaker was resolved, how the quote found its cue, how far the cue
is, whether the speaker is a known person, the stance, the rule-based
figure ...). Its coefficients are ``confidence.json`` beside this module,
fitted on the verified PolNeAR dev gold by ``benchmarks/fit_confidence.py``
(cross-validated by article; see docs/extraction.md). Applying it needs no
library: a weighted sum and a logistic function. Without the file, the rule-
based figure stands.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

from .types import Statement

MODEL = Path(__file__).with_name("confidence.json")
# Counts and distances enter as logarithms: a quote 400 characters from its cue
# is not twenty times less likely than one 20 characters away.
LOG_SCALED = {"distance", "words", "gap", "reach", "mention_words", "rivals"}


def encode(features: dict) -> dict[str, float]:
    """Features as named numbers: ``route=governed`` 1.0, ``distance`` log(1 + d) ..."""
    encoded = {}
    for name, value in features.items():
        if isinstance(value, bool):
            encoded[name] = 1.0 if value else 0.0
        elif isinstance(value, int | float):
            encoded[name] = math.log1p(max(0.0, value)) if name in LOG_SCALED else float(value)
        else:
            encoded[f"{name}={value}"] = 1.0
    return encoded


@cache
def model() -> dict | None:
    """The stored coefficients per kind, or None when there is no model file."""
    if not MODEL.exists():
        return None
    return json.loads(MODEL.read_text(encoding="utf-8"))


def probability(kind: str, features: dict, coefficients: dict | None = None) -> float | None:
    """P(right) for a statement of ``kind`` with ``features``, by the stored model."""
    stored = coefficients or (model() or {}).get("kinds", {}).get(kind)
    if stored is None:
        return None
    z = stored["intercept"] + sum(
        stored["weights"].get(name, 0.0) * value for name, value in encode(features).items()
    )
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def calibrated(statement: Statement) -> float:
    """The statement's confidence: the model's probability, else its rule-based figure."""
    p = probability(statement.kind, statement.extras.get("features", {}))
    return statement.confidence if p is None else p
