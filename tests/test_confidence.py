"""The extractor's confidence: boosted trees applied from the stored model
(quotes/extraction/confidence.json) with numpy alone, no scikit-learn."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys

from quotes.extraction import extract
from quotes.extraction.confidence import (
    MODEL,
    VECTOR_PLACES,
    Trees,
    encode,
    model,
    probability,
    vector_array,
)
from quotes.extraction.scoring import reliability, roc_auc
from tests.extraction_helpers import one


def test_the_stored_model_holds_numbers_and_feature_names_only():
    stored = json.loads(MODEL.read_text())
    assert set(stored["kinds"]) == {"quote", "claim"}
    # No article text: names like "route=governed", "distance", "verb=said",
    # "how=pronoun*tail_words".
    name = re.compile(r"[a-z_]+(=[a-z_ .]+)?(\*[a-z_]+)?")
    for kind in stored["kinds"].values():
        assert isinstance(kind["intercept"], float) and len(kind["platt"]) == 2
        # One weight per component of the parser's vectors (96 per place).
        assert len(kind["vector_weights"]) == 96 * len(VECTOR_PLACES)
        assert all(isinstance(w, float) for w in kind["vector_weights"])
        for weight_name, weight in kind.get("weights", {}).items():
            assert name.fullmatch(weight_name) and isinstance(weight, float)
        assert kind["trees"]
        for tree in kind["trees"]:
            for node in tree:
                if len(node) == 1:
                    assert isinstance(node[0], float)
                else:
                    feature, threshold, left, right = node
                    assert name.fullmatch(feature), feature
                    assert isinstance(threshold, float)
                    assert 0 < left < len(tree) and 0 < right < len(tree)


def test_stored_trees_give_scikit_learns_probabilities():
    """A model fitted and exported as benchmarks/fit_confidence.py does it is
    applied here to the same probabilities as scikit-learn's own. (In a process
    of its own: scikit-learn brings a BLAS the pipeline never limited.)"""
    script = """
import random, sys
sys.path.insert(0, "benchmarks")
from sklearn.feature_extraction import DictVectorizer
from fit_confidence import boosted, exported
from quotes.extraction.confidence import encode, probabilities, probability

draw = random.Random(3)
features = [{"how": draw.choice(["name", "pronoun", "phrase"]), "distance": draw.randint(0, 300),
             "known": draw.random() < 0.3, "position": draw.random()} for _ in range(400)]
right = [(f["how"] == "name") != (f["distance"] > 150) or f["known"] for f in features]
vectorizer = DictVectorizer(sparse=False)
x = vectorizer.fit_transform([encode(f) for f in features])
fitted = boosted().fit(x, right)
intercept, trees = exported(fitted, list(vectorizer.get_feature_names_out()))
ours = probabilities("claim", features, {"intercept": intercept, "trees": trees})
alone = [probability("claim", f, {"intercept": intercept, "trees": trees}) for f in features]
assert ours == alone  # all at once or one by one, the same floats
theirs = fitted.predict_proba(x)[:, 1]
print(max(abs(a - b) for a, b in zip(ours, theirs)), len({round(p, 3) for p in ours}))
"""
    root = MODEL.parents[2]
    done = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True,
                          text=True, check=True)
    gap, distinct = done.stdout.split()
    assert float(gap) < 1e-4
    assert int(distinct) > 5  # not one constant


def test_the_stored_blend_gives_scikit_learns_log_odds():
    """Trees and a logistic regression over features and vectors, exported as
    benchmarks/fit_confidence.py does (standardisation and the features'
    weight folded into the weights, the two log-odds weighted by TREE_SHARE),
    give the fitted models' own blend."""
    script = """
import random, sys
import numpy as np
sys.path.insert(0, "benchmarks")
from sklearn.feature_extraction import DictVectorizer
from fit_confidence import blended, boosted, linear, log_odds
from quotes.extraction.confidence import encode, probabilities

draw = random.Random(5)
features = [{"how": draw.choice(["name", "pronoun", "phrase"]), "distance": draw.randint(0, 300),
             "known": draw.random() < 0.3} for _ in range(400)]
vectors = np.array([[draw.gauss(i % 3, 1 + i % 2) for i in range(12)] for _ in features],
                   dtype=np.float32)
right = [(f["how"] == "name") != (v[0] > 0.5) or f["known"] for f, v in zip(features, vectors)]
vectorizer = DictVectorizer(sparse=False)
x = vectorizer.fit_transform([encode(f) for f in features])
xv = np.hstack([x, vectors])
names = list(vectorizer.get_feature_names_out())
trees = boosted().fit(x, right)
line = linear(x.shape[1], 3.0, [names.index("distance")]).fit(xv, right)
stored = blended(trees, line, names)
ours = probabilities("claim", features, stored, [v.tobytes() for v in vectors])
theirs = 1 / (1 + np.exp(-log_odds(trees, line, x, xv)))
plain = probabilities("claim", features, stored)
print(max(abs(a - b) for a, b in zip(ours, theirs)), max(abs(a - b) for a, b in zip(ours, plain)),
      "distance" in stored["weights"])
"""
    root = MODEL.parents[2]
    done = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True,
                          text=True, check=True)
    gap, without_vectors, kept = done.stdout.split()
    assert float(gap) < 1e-4
    assert float(without_vectors) > 0.01  # the vectors' weights are applied
    assert kept == "False"  # a dropped column gets no weight


def test_a_calibrated_model_meets_the_bins_when_they_are_full_and_not_when_thin(monkeypatch):
    """fit_confidence.calibrated_chance: labels drawn from the predictions
    themselves meet "every bin within 0.10" almost always with hundreds of
    statements a bin; with three at 0.1 only when all three come out wrong
    (0.9 ** 3 of the time)."""
    monkeypatch.syspath_prepend(str(MODEL.parents[2] / "benchmarks"))
    from fit_confidence import calibrated_chance

    once = [0.9] * 600 + [0.5] * 600 + [0.3] * 400
    full, _ = calibrated_chance(once * 2, repeats=2, draws=200)  # two repeats, same statements
    thin, gap = calibrated_chance([0.9] * 500 + [0.1] * 3, repeats=1, draws=400)
    assert full > 0.95
    assert 0.6 < thin < 0.85
    assert math.isclose(gap, 0.1)  # the median draw: all three wrong


def test_rare_crossed_terms_are_the_ones_left_out(monkeypatch):
    monkeypatch.syspath_prepend(str(MODEL.parents[2] / "benchmarks"))
    import numpy as np
    from fit_confidence import RARE_CROSSED, rare_crossed

    x = np.zeros((RARE_CROSSED + 5, 4))
    x[:2, [0, 1]] = 1.0  # in two rows: a plain feature and a crossed term
    x[:, 2] = 1.0  # a crossed term in every row
    names = ["verb=quoted", "verb=quoted*words", "how=name*words", "how=pronoun*words"]
    assert rare_crossed(x, names) == [1, 3]


def test_trees_walk_every_statement_down_trees_of_any_depth():
    # Tree 0: distance <= 1.0 ? (known <= 0.5 ? -1 : 2) : 0.5; tree 1 is a lone leaf.
    trees = Trees([
        [["distance", 1.0, 1, 2], ["known", 0.5, 3, 4], [0.5], [-1.0], [2.0]],
        [[0.25]],
    ])
    rows = [{"distance": 0.0}, {"distance": 0.0, "known": 1.0}, {"distance": 3.0}, {}]
    assert list(trees.sums(rows)) == [-0.75, 2.25, 0.75, -0.75]
    assert trees({"distance": 3.0, "known": 1.0}) == 0.75
    assert list(trees.sums([])) == []


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
    assert quote.confidence == probability("quote", quote.extras["features"],
                                           vectors=quote.extras["vectors"])
    assert 0 < quote.confidence < 1
    # The vectors count: without them the same features give another figure.
    assert quote.confidence != probability("quote", quote.extras["features"])


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


def test_platt_scaling_is_applied_after_the_weighted_sum():
    coefficients = {"intercept": 0.5, "weights": {}, "platt": [2.0, -1.0]}
    assert probability("quote", {}, coefficients) == 1 / (1 + math.exp(-(2.0 * 0.5 - 1.0)))


def test_article_features_see_the_whole_article():
    text = ("Anna Berg opened the bridge on Monday. Ms. Berg said the repairs were done.\n\n"
            "“We will open it again in May,” she said.")
    claim, quote = extract(text)
    assert (claim.kind, quote.kind, quote.speaker) == ("claim", "quote", "Anna Berg")
    features = quote.extras["features"]
    assert features["gender"] == "agree"  # "she", and the article calls Berg "Ms."
    assert features["name_count"] == 2 and features["speaker_statements"] == 2
    assert features["same_as_prev"] and not claim.extras["features"]["same_as_prev"]
    assert claim.extras["features"]["position"] < features["position"] < 1


def test_a_pronoun_the_article_never_genders_is_unknown():
    from quotes.extraction.confidence import _gender

    assert _gender("he", "Lund", "Lund spoke. The town listened.", 30) == "unknown"
    assert _gender("he", "Lund", "Mr. Lund spoke.", 15) == "agree"
    assert _gender("she", "Lund", "Mr. Lund spoke.", 15) == "clash"
    assert _gender("Lund", "Lund", "Mr. Lund spoke.", 15) == "na"


def test_explicit_named_cue_is_more_confident_than_a_pronoun():
    named = one("“We are ready,” Anna Berg said.")
    pronoun = one("Anna Berg arrived. “We are ready,” she said.")
    assert named.confidence > pronoun.confidence


def test_statements_carry_the_parsers_vectors_at_their_tokens():
    import numpy as np

    from quotes.extraction.nlp import load

    text = "Anna Berg said the bridge would open in May."
    [claim] = extract(text)
    assert claim.text == "the bridge would open in May"
    rows = vector_array(claim.extras["vectors"]).reshape(len(VECTOR_PLACES), -1)
    place = dict(zip(VECTOR_PLACES, rows, strict=True))
    tensor = load()(text).tensor  # Anna Berg said the bridge would open in May .
    assert rows.shape[1] == tensor.shape[1] > 0
    assert np.allclose(place["first"], tensor[3], atol=1e-5)  # "the"
    assert np.allclose(place["last"], tensor[8], atol=1e-5)  # "May"
    assert np.allclose(place["span"], tensor[3:9].mean(axis=0), atol=1e-5)
    assert np.allclose(place["cue"], tensor[2], atol=1e-5)  # "said"
    assert np.allclose(place["spk"], tensor[1], atol=1e-5)  # "Berg"
    assert np.allclose(place["tail"], tensor[9], atol=1e-5)  # "."
    assert not place["next_first"].any()  # no sentence after it
