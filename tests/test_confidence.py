"""The extractor's confidence: a logistic regression applied from stored
coefficients (quotes/extraction/confidence.json), no library needed."""

from __future__ import annotations

import json
import math
import re

from quotes.extraction import extract
from quotes.extraction.confidence import MODEL, encode, model, probability
from quotes.extraction.scoring import reliability, roc_auc


def test_the_stored_model_holds_numbers_and_feature_names_only():
    stored = json.loads(MODEL.read_text())
    assert set(stored["kinds"]) == {"quote", "claim"}
    for kind in stored["kinds"].values():
        assert isinstance(kind["intercept"], float)
        for name, weight in kind["weights"].items():
            # No article text: names like "route=governed", "distance", "verb=said",
            # "how=pronoun*tail_words".
            assert re.fullmatch(r"[a-z_]+(=[a-z_ .]+)?(\*[a-z_]+)?", name), name
            assert isinstance(weight, float)


def test_probability_is_the_logistic_of_the_weighted_features():
    coefficients = {"intercept": -1.0, "weights": {"route=governed": 2.0, "distance": -0.5}}
    features = {"route": "governed", "distance": 9, "unknown": True}
    z = -1.0 + 2.0 - 0.5 * math.log1p(9)
    assert probability("quote", features, coefficients) == 1 / (1 + math.exp(-z))
    assert encode({"cue": False, "how": "pronoun"}) == {"cue": 0.0, "how=pronoun": 1.0}
    assert encode({"how": "pronoun", "tail_words": 3})["how=pronoun*tail_words"] == math.log1p(3)


def test_every_statement_carries_the_models_probability():
    assert model() is not None
    [quote] = extract("“We will build the bridge this year,” Erik Lund said.")
    assert quote.confidence == probability("quote", quote.extras["features"])
    assert 0 < quote.confidence < 1


def test_a_quote_with_its_named_cue_beats_a_continuation():
    text = ("“We will build the bridge this year,” Erik Lund said.\n\n"
            "“It will be finished by the winter.”")
    named, continued = [s for s in extract(text) if s.kind == "quote"]
    assert continued.speaker == "Erik Lund"
    assert named.confidence > continued.confidence


def test_auc_and_reliability_count_as_described():
    assert roc_auc([0.9, 0.8, 0.3, 0.2], [True, True, False, False]) == 1.0
    assert roc_auc([0.5, 0.5], [True, False]) == 0.5
    rows = reliability([0.1, 0.15, 0.9], [False, True, True])
    assert rows[0] == (0.0, 0.2, 2, 0.125, 0.5) and rows[4][2:] == (1, 0.9, 1.0)
