"""Confidence: the probability that a statement's span and speaker are right.

Gradient-boosted trees over what the extractor knows about each statement:
how the speaker was resolved, how the quote found its cue, how far the cue is,
whether the speaker is a known person, the stance, the rule-based figure
(recorded by the pipeline as ``Statement.extras["features"]``), and what the
whole article says about it once every statement is found
(:func:`article_features`: how often the speaker is named and credited, where
the span ends against its sentence, whether a "he" agrees with how the article
refers to its antecedent, ...); beside them a logistic regression over the
same features and the parser's own vectors at the statement's tokens
(:func:`parser_vectors`, ``Statement.extras["vectors"]``: what the parser
saw around the span's edges, the cue and the speaker). The two log-odds are
added. The model is ``confidence.json`` beside this module, fitted with
scikit-learn on the verified PolNeAR gold by
``benchmarks/fit_confidence.py`` (cross-validated by article; see
docs/extraction.md). Applying it needs no scikit-learn, only numpy (spaCy's
own): each tree is a few comparisons down to a leaf, the regression a
weighted sum, and a two-number calibration turns the total log-odds into a
probability. Without the file, the rule-based figure stands.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections import Counter
from functools import cache
from pathlib import Path

import numpy as np

from .types import CLAIM, Statement

MODEL = Path(__file__).with_name("confidence.json")
# Counts and distances enter as logarithms: a quote 400 characters from its cue
# is not twenty times less likely than one 20 characters away.
LOG_SCALED = {"distance", "words", "gap", "reach", "mention_words", "rivals", "name_count",
              "speaker_statements", "article_statements", "commas", "overlaps",
              "tail_words", "head_words"}
WORD = re.compile(r"\w+")
WORD_CHAR = re.compile(r"\w")
SENTENCE_END = re.compile(r"[.?!][”\"’]?(?:\s|$)")
# Words that open a second clause: a claim holding one often runs past its content.
SUBORDINATE = re.compile(
    r"\b(?:which|who|when|while|because|after|before|although|as|but|since|if|even)\b")
# Interactions: each category below times each number, so that, say, the
# words left in the sentence weigh differently after a pronoun than after a
# name. Cross-validated on dev, this lifted claims' AUC by about 0.02.
CROSSED_CATEGORIES = ("how", "type", "route", "verb", "gender", "next_char")
CROSSED_NUMBERS = ("partial", "speech", "known", "tail_words", "head_words", "name_count",
                   "speaker_statements", "words", "inside_claim", "same_as_prev")
MALE, FEMALE = {"he", "his", "him"}, {"she", "her", "hers"}
GENDERED = re.compile(r"\b(?:he|his|him|she|her|hers)\b", re.IGNORECASE)
HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms)\.? (\w+)")
# How far after a name the next gendered pronoun is taken to refer to it.
PRONOUN_WINDOW = 150


def _gender(mention: str, surname: str, text: str, before: int,
            honorifics: Counter | None = None, words: Words | None = None) -> str:
    """For a "he"/"she" speaker: does the article refer to the antecedent the same
    way? Votes are the first gendered pronoun after each earlier mention of the
    surname, and "Mr."/"Ms." before it anywhere. "agree", "clash", "unknown" or
    "na" (not a pronoun)."""
    mention = mention.lower()
    if mention not in {"he", "she"} or not surname:
        return "na"
    votes = {"he": 0, "she": 0}
    if words is None:
        words = Words(text)
    for end in words.ends_before(surname, before):
        pronoun = GENDERED.search(text, end, end + PRONOUN_WINDOW)
        if pronoun:
            votes["he" if pronoun.group().lower() in MALE else "she"] += 1
    if honorifics is None:
        honorifics = _honorifics(text)
    votes["he"] += 2 * honorifics[("Mr", surname)]
    votes["she"] += 2 * (honorifics[("Mrs", surname)] + honorifics[("Ms", surname)])
    other = "she" if mention == "he" else "he"
    if votes[mention] == votes[other]:
        return "unknown"
    return "agree" if votes[mention] > votes[other] else "clash"


class Words:
    r"""Whole-word places of a surname in an article, as ``re.findall(r"\bLund\b",
    text[:before])`` finds them, by ``str.find`` and kept per surname: a regex
    compiled and run over the article per speaker and per pronoun was about
    14% of the pipeline's own Python time on PolNeAR dev."""

    def __init__(self, text: str):
        self.text = text
        self._found: dict[str, list[tuple[int, bool]]] = {}

    def _places(self, word: str) -> list[tuple[int, bool]]:
        r"""(end, whether a word character follows) of each place where ``word``
        (itself one ``\w+`` word) starts a word."""
        found = self._found.get(word)
        if found is None:
            text, found = self.text, []
            at = text.find(word)
            while at >= 0:
                end = at + len(word)
                if at == 0 or not WORD_CHAR.match(text, at - 1):
                    found.append((end, WORD_CHAR.match(text, end) is not None))
                at = text.find(word, at + 1)
            self._found[word] = found
        return found

    def count(self, word: str) -> int:
        """How often ``word`` stands as a whole word."""
        return sum(1 for _, joined in self._places(word) if not joined)

    def ends_before(self, word: str, before: int) -> list[int]:
        r"""Where the whole words ``word`` of ``text[:before]`` end (the slice's
        end closes a word, as ``\b`` does)."""
        return [end for end, joined in self._places(word)
                if end == before or (end < before and not joined)]


def _honorifics(text: str) -> Counter:
    """("Mr", "Lund") -> how often the article writes "Mr. Lund" (also Mrs, Ms)."""
    return Counter(match.groups() for match in HONORIFIC.finditer(text))


def _next_char(text: str, end: int) -> str:
    following = text[end : end + 1]
    if following in {".", "?", "!"}:
        return "stop"
    if following in {",", ";", ":"}:
        return "comma"
    if following in {"”", '"', "’"}:
        return "quote"
    return "space" if not following or following.isspace() else "other"


def article_features(text: str, statements: list[Statement]) -> None:
    """Add to each statement's features what needs the whole article: how often
    its speaker's surname occurs and how many statements the speaker has, the
    words left in its sentence before and after the span, what the span opens
    and ends with, whether a claim sits inside another speaker's claim, the
    pronoun's gender agreement, and its position. ``statements`` are in order
    of position; each step is linear in the text or in the statements."""
    speakers = Counter(s.speaker for s in statements)
    surname_counts: dict[str, int] = {}
    claims = sorted((s.start, s.end, s.speaker) for s in statements if s.kind == CLAIM)
    claim_starts = [c[0] for c in claims]
    longest_claim = max((e - s for s, e, _ in claims), default=0)
    starts = [s.start for s in statements]
    ends = sorted(s.end for s in statements)
    honorifics = _honorifics(text)
    article_words = Words(text)
    previous = None
    for statement in statements:
        features = statement.extras.setdefault("features", {})
        name = statement.speaker or ""
        words = WORD.findall(name)
        surname = words[-1] if words else ""
        if surname not in surname_counts:
            surname_counts[surname] = article_words.count(surname) if surname else 0
        start, end, span = statement.start, statement.end, statement.text
        paragraph_end = text.find("\n", end)
        paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
        stop = SENTENCE_END.search(text, end, paragraph_end)
        tail = text[end : stop.start() if stop else paragraph_end]
        paragraph_start = text.rfind("\n", 0, start) + 1
        head_from = paragraph_start
        for stop in SENTENCE_END.finditer(text, paragraph_start, start):
            head_from = stop.end()
        head = text[head_from:start]
        # Statements overlapping this one: those starting before its end and
        # ending after its start (any statement, found through sorted ends).
        overlapping = bisect.bisect_left(starts, end) - bisect.bisect_right(ends, start) - 1
        inside = False
        for i in range(bisect.bisect_left(claim_starts, start - longest_claim),
                       bisect.bisect_right(claim_starts, start)):
            s, e, who = claims[i]
            if e >= end and (s, e) != (start, end) and who != name:
                inside = True
                break
        features.update({
            "speaker_words": len(words),
            "speaker_cap": name[:1].isupper(),
            "mention_cap": statement.speaker_mention[:1].isupper(),
            "name_count": surname_counts[surname],
            "first_mention": bool(surname) and 0 <= text.find(surname) < start,
            "speaker_statements": speakers[statement.speaker],
            "speaker_share": speakers[statement.speaker] / len(statements),
            "article_statements": len(statements),
            "same_as_prev": previous is not None and previous.speaker == statement.speaker,
            "position": start / max(1, len(text)),
            "ends_stop": span.rstrip()[-1:] in {".", "?", "!", "”", '"'},
            "ends_comma": span.rstrip()[-1:] == ",",
            "starts_that": span.lower().startswith("that "),
            "starts_to": span.lower().startswith("to "),
            "commas": span.count(","),
            "subordinate": bool(SUBORDINATE.search(span)),
            "next_char": _next_char(text, end),
            "tail_words": len(WORD.findall(tail)),
            "head_words": len(WORD.findall(head)),
            "speaker_near": bool(surname) and surname in head + tail,
            "overlaps": max(0, overlapping),
            "inside_claim": inside,
            "gender": _gender(statement.speaker_mention, surname, text, start, honorifics,
                              article_words),
        })
        previous = statement


# Tokens whose parser vectors (spaCy's tok2vec rows, ``doc.tensor``) a statement
# carries, in this order: the span's first and last tokens and their
# neighbours, the sentence (mean), its root, the first token's head, the cue
# word, the speaker's last word, the span (mean and maximum), the token after
# the cue and the cue's head, the token before the last and the sentence's
# last, the rest of the sentence after the span and before it (means), and the
# first token of the next sentence. A linear model over them beside the trees
# lifted the claims' cross-validated AUC from 0.765 to about 0.80
# (docs/extraction.md, "Confidence").
VECTOR_PLACES = ("first", "before", "last", "after", "sent", "root", "head", "cue", "spk",
                 "span", "cue_next", "cue_head", "last_prev", "sent_end", "span_max",
                 "tail", "head_part", "next_first")
PLACE = {name: i for i, name in enumerate(VECTOR_PLACES)}
NOT_SPACE = re.compile(r"\S")


def _tokens(doc) -> tuple[int, list[int], list[str]]:
    """The doc's length in characters, where each of its tokens ends and its
    text, kept on the doc: every statement of a chunk looks its tokens up in
    them (``doc.text`` joins the whole text anew at each call)."""
    found = doc.user_data.get("confidence.tokens")
    if found is None:
        found = (len(doc.text), [token.idx + len(token) for token in doc],
                 [token.text for token in doc])
        doc.user_data["confidence.tokens"] = found
    return found


def _token_at(parsed, at: int):
    """(doc, index) of the token at or just after the text offset ``at`` in the
    parsed chunks ``parsed`` ((chunk start, doc) pairs), or (None, None)."""
    for start, doc in parsed:
        length, ends, _ = _tokens(doc)
        if 0 <= at - start < length:
            return doc, min(bisect.bisect_right(ends, at - start), len(doc) - 1)
    return None, None


def parser_vectors(text: str, statement: Statement, parsed) -> bytes | None:
    """The parser's vectors at the statement's tokens in ``text``
    (``VECTOR_PLACES``), one row each (zeros where a token is not in
    ``parsed``, the (chunk start, doc) pairs still held), as the bytes of one
    flat float32 array (bytes: statements still compare with ``==``; read
    back with :func:`vector_array`); None when no doc holds vectors (a parse
    made by hand in a test)."""
    parsed = [(start, doc) for start, doc in parsed
              if doc.tensor.ndim == 2 and len(doc.tensor) == len(doc)]
    if not parsed:
        return None
    rows = np.zeros((len(VECTOR_PLACES), parsed[0][1].tensor.shape[1]), dtype=np.float32)
    first_doc, first = _token_at(parsed, statement.start)
    last_doc, last = _token_at(parsed, max(statement.start, statement.end - 1))

    def put(name: str, doc, i: int | None) -> None:
        if doc is not None and i is not None and 0 <= i < len(doc):
            rows[PLACE[name]] = doc.tensor[i]

    def nearest(word: str):
        texts = _tokens(first_doc)[2]
        found = [i for i, text in enumerate(texts) if text == word] if word else []
        return first_doc[min(found, key=lambda i: abs(i - first))] if found else None

    if last_doc is not None:
        put("last", last_doc, last)
        put("after", last_doc, last + 1)
        put("last_prev", last_doc, last - 1)
        sentence_end = last_doc[last].sent.end
        put("sent_end", last_doc, sentence_end - 1)
        if sentence_end > last + 1:
            rows[PLACE["tail"]] = last_doc.tensor[last + 1 : sentence_end].mean(axis=0)
        chunk_start = next(start for start, doc in parsed if doc is last_doc)
        after = chunk_start + (last_doc[sentence_end].idx if sentence_end < len(last_doc)
                               else _tokens(last_doc)[0])
        following = NOT_SPACE.search(text, after)
        if following:
            put("next_first", *_token_at(parsed, following.start()))
    if first_doc is None:
        return rows.tobytes()
    put("first", first_doc, first)
    put("before", first_doc, first - 1)
    sentence = first_doc[first].sent
    rows[PLACE["sent"]] = first_doc.tensor[sentence.start : sentence.end].mean(axis=0)
    put("root", first_doc, sentence.root.i)
    if first > sentence.start:
        rows[PLACE["head_part"]] = first_doc.tensor[sentence.start : first].mean(axis=0)
    put("head", first_doc, first_doc[first].head.i)
    cue = nearest(statement.cue.split()[0] if statement.cue else "")
    if cue is not None:
        put("cue", first_doc, cue.i)
        put("cue_next", first_doc, cue.i + 1)
        put("cue_head", first_doc, cue.head.i)
    mention = statement.speaker_mention.split()
    speaker = nearest(mention[-1] if mention else "")
    if speaker is not None:
        put("spk", first_doc, speaker.i)
    if first_doc is last_doc and last >= first:
        span = first_doc.tensor[first : last + 1]
        rows[PLACE["span"]], rows[PLACE["span_max"]] = span.mean(axis=0), span.max(axis=0)
    else:
        rows[PLACE["span"]] = rows[PLACE["span_max"]] = rows[PLACE["first"]]
    return rows.tobytes()


def vector_array(vectors: bytes) -> np.ndarray:
    """A statement's ``extras["vectors"]`` as a flat float32 array."""
    return np.frombuffer(vectors, dtype=np.float32)


def encode(features: dict) -> dict[str, float]:
    """Features as named numbers: ``route=governed`` 1.0, ``distance`` log(1 + d),
    and the crossed terms, ``how=pronoun*tail_words`` ..."""
    encoded = {}
    for name, value in features.items():
        if isinstance(value, bool):
            encoded[name] = 1.0 if value else 0.0
        elif isinstance(value, int | float):
            encoded[name] = math.log1p(max(0.0, value)) if name in LOG_SCALED else float(value)
        else:
            encoded[f"{name}={value}"] = 1.0
    for name in CROSSED_CATEGORIES:
        if name in features and not isinstance(features[name], bool | int | float):
            category = f"{name}={features[name]}"
            for number in CROSSED_NUMBERS:
                if encoded.get(number):
                    encoded[f"{category}*{number}"] = encoded[number]
    return encoded


@cache
def model() -> dict | None:
    """The stored coefficients per kind, or None when there is no model file."""
    if not MODEL.exists():
        return None
    return json.loads(MODEL.read_text(encoding="utf-8"))


def _logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


class Trees:
    """Stored trees made ready to apply to many statements at once.

    A stored tree is a list of nodes, the root first: ``[feature, threshold,
    left, right]`` sends a value at most the threshold to node ``left``, else
    to ``right`` (an absent feature is 0, as in the fit); ``[value]`` is a leaf.
    Here they become numpy arrays of shape (trees, nodes): each feature a tree
    splits on gets a column of the statements' matrix, and a leaf sends every
    value to itself, so ``depth`` steps of a few array operations walk every
    statement down every tree together (a Python loop per statement and node
    was 2-3% of the pipeline's time; this is a tenth of that).
    """

    def __init__(self, trees: list[list[list]]):
        names = sorted({node[0] for tree in trees for node in tree if len(node) == 4})
        self.index = {name: i for i, name in enumerate(names)}
        self.size = max(1, len(names))
        width = max(len(tree) for tree in trees)
        shape = (len(trees), width)
        self.feature = np.zeros(shape, dtype=np.intp)
        self.threshold = np.full(shape, np.inf)
        self.left = np.tile(np.arange(width), (len(trees), 1))
        self.right = self.left.copy()
        self.value = np.zeros(shape)
        for t, tree in enumerate(trees):
            for n, node in enumerate(tree):
                if len(node) == 4:
                    self.feature[t, n] = self.index[node[0]]
                    self.threshold[t, n] = node[1]
                    self.left[t, n], self.right[t, n] = node[2], node[3]
                else:
                    self.value[t, n] = node[0]
        self.depth = max(_depth(tree) for tree in trees)
        self.tree = np.arange(len(trees))

    def __call__(self, encoded: dict[str, float]) -> float:
        """The sum of the leaves ``encoded`` reaches, one per tree."""
        return float(self.sums([encoded])[0])

    def sums(self, rows: list[dict[str, float]]) -> np.ndarray:
        """For each encoded statement, the sum of its leaves, added tree by tree."""
        x = np.zeros((len(rows), self.size))
        index = self.index
        for r, encoded in enumerate(rows):
            for name, value in encoded.items():
                i = index.get(name)
                if i is not None:
                    x[r, i] = value
        tree, node = self.tree, np.zeros((len(rows), len(self.tree)), dtype=np.intp)
        statement = np.arange(len(rows))[:, None]
        for _ in range(self.depth):
            goes_left = x[statement, self.feature[tree, node]] <= self.threshold[tree, node]
            node = np.where(goes_left, self.left[tree, node], self.right[tree, node])
        # cumsum adds in order, as a loop over the trees would: the same float.
        leaves = self.value[tree, node]
        return np.cumsum(leaves, axis=1)[:, -1] if leaves.size else np.zeros(len(rows))


def _depth(tree: list[list], node: int = 0) -> int:
    """Edges from ``node`` down to its deepest leaf."""
    if len(tree[node]) != 4:
        return 0
    return 1 + max(_depth(tree, tree[node][2]), _depth(tree, tree[node][3]))


@cache
def _stored_trees(kind: str) -> Trees | None:
    stored = (model() or {}).get("kinds", {}).get(kind, {})
    return Trees(stored["trees"]) if stored.get("trees") else None


@cache
def _stored_vector_weights(kind: str) -> np.ndarray:
    return np.asarray(model()["kinds"][kind]["vector_weights"])


def probability(kind: str, features: dict, coefficients: dict | None = None,
                vectors: bytes | None = None) -> float | None:
    """P(right) for a statement of ``kind`` with ``features`` (and its parser
    ``vectors``), by the stored model (or ``coefficients`` in its form); see
    :func:`probabilities`."""
    found = probabilities(kind, [features], coefficients,
                          None if vectors is None else [vectors])
    return None if found is None else found[0]


def probabilities(kind: str, features: list[dict], coefficients: dict | None = None,
                  vectors: list[bytes | None] | None = None) -> list[float] | None:
    """P(right) for statements of ``kind``, one per dictionary of ``features``:
    the logistic of each log-odds (the intercept, plus the weighted features
    of a logistic regression, plus its weighted parser ``vectors``, plus the
    leaves of boosted trees), then, when the model has one, Platt's calibration
    ``logistic(a * z + b)`` fitted on cross-validated predictions. A statement
    without vectors counts as zeros, as one whose tokens were not parsed. None
    without a model for ``kind``."""
    stored = coefficients or (model() or {}).get("kinds", {}).get(kind)
    if stored is None:
        return None
    encoded = [encode(f) for f in features]
    z = [stored["intercept"]] * len(encoded)
    weights = stored.get("weights")
    if weights:
        z = [z0 + sum(weights.get(name, 0.0) * value for name, value in row.items())
             for z0, row in zip(z, encoded, strict=True)]
    if stored.get("vector_weights") and vectors is not None:
        w = np.asarray(stored["vector_weights"]) if coefficients else _stored_vector_weights(kind)
        z = [z0 if v is None else z0 + float(vector_array(v).astype(np.float64) @ w)
             for z0, v in zip(z, vectors, strict=True)]
    if stored.get("trees") and encoded:
        trees = Trees(stored["trees"]) if coefficients else _stored_trees(kind)
        z = [z0 + float(leaves) for z0, leaves in zip(z, trees.sums(encoded), strict=True)]
    a, b = stored.get("platt", (1.0, 0.0))
    return [_logistic(a * z0 + b) for z0 in z]


def calibrate(statements: list[Statement]) -> None:
    """Set each statement's confidence to the model's probability, kind by kind;
    without a model, its rule-based figure stands."""
    for kind in {s.kind for s in statements}:
        of_kind = [s for s in statements if s.kind == kind]
        found = probabilities(kind, [s.extras.get("features", {}) for s in of_kind],
                              vectors=[s.extras.get("vectors") for s in of_kind])
        for statement, p in zip(of_kind, found or (), strict=False):
            statement.confidence = p
