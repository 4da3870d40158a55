"""Stage 8: the outlet a sentence credits ("TASS quoted", "told RIA",
"according to The Associated Press", "in an interview with Le Point")."""

from __future__ import annotations

import re

from . import cues as lex
from .chunks import Chunk
from .content import SUBJECT_DEPS

# "TASS quoted ...", and "told RIA", "according to Reuters", "in an interview with Le Point".
QUOTING = {"quoted", "quotes", "quoting"}
CREDITING = {"interview", "told", "tells", "briefed", "according", "reported"}
CREDIT_WORDS = QUOTING | CREDITING


def outlet_name(phrase: str) -> str:
    """The outlet's name in a phrase: "the French magazine Le Point" -> "Le Point",
    "RIA state news agency" -> "RIA"; "The Associated Press" stays whole."""
    words = phrase.split()
    while len(words) > 1 and words[0].lower() in {"the", "a", "an"} and words[1][:1].islower():
        words = words[1:]
    phrase = " ".join(words)
    lower = [i for i, w in enumerate(words) if w[:1].islower() and w not in {"of", "the"}]
    if not lower:
        return phrase
    after = words[lower[-1] + 1 :]
    if after and after[0][:1].isupper():
        return " ".join(after)
    before = words[: lower[0]]
    named = [w for w in before if w[:1].isupper() and w.lower() not in {"the", "a", "an"}]
    return " ".join(named) or phrase


def outlet_like(phrase: str) -> bool:
    """Whether a phrase names an outlet: an outlet word and a capital letter."""
    words = [w.strip(".,’'") for w in phrase.split()]
    return any(w.lower() in lex.OUTLET_WORDS for w in words) and any(
        w[:1].isupper() for w in words
    )


def credited_outlet(chunk: Chunk, doc) -> str | None:
    """The outlet or agency a chunk credits, if any."""
    for tok in doc:
        low = tok.lower_
        if low not in CREDIT_WORDS or chunk.in_quote(chunk.start + tok.idx):
            continue
        target = None
        if low in QUOTING:
            target = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
        elif low in CREDITING:
            for child in tok.children:
                if child.dep_ in {"dobj", "dative", "pobj"}:
                    target = child
                if child.dep_ in {"prep", "agent"} and child.lower_ in {"with", "to", "by"} \
                        and target is None:
                    # "briefed RIA ... in answer to a question": the object stays.
                    target = next((c for c in child.children if c.dep_ == "pobj"), target)
        if target is not None and target.lower_ in lex.EVENT_WORDS and \
                target.tag_ not in {"NNP", "NNPS"}:
            # "told a news conference in Moscow": a place, not an outlet; "the
            # press" is an audience, "The Associated Press" a name.
            continue
        if target is not None:
            # The whole phrase, appositions included: "the magazine Le Point".
            phrase = doc[target.left_edge.i : target.right_edge.i + 1].text
            phrase = re.split(r",|\s—|\s–", phrase)[0]
            if outlet_like(phrase):
                return outlet_name(phrase)
    return None
