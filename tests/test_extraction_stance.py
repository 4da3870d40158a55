"""The extractor on short invented sentences, one phenomenon
each: stance (stance.py): what the speaker denies, dismisses or declines is never
stored as their assertion.
Pure Python: no database. Split from tests/test_extraction.py (issue 10)."""

from __future__ import annotations

import pytest

from quotes.extraction import CLAIM, QUOTE, extract
from tests.extraction_helpers import BERG, one


def test_a_not_inside_the_quotation_does_not_negate_the_saying():
    quote = one('"Is the bridge ready? Probably not," Ms. Holm said.', QUOTE, ())
    assert (quote.speaker, quote.stance) == ("Holm", "asserts")


def test_declining_to_say_is_recorded_as_declined_never_as_asserted():
    [claim] = extract("Anna Berg declined to reveal which side had asked for the meeting.")
    assert (claim.cue, claim.stance) == ("declined to reveal", "declines")
    assert extract("Anna Berg did not plan to attend the meeting in the spring.") == []


@pytest.mark.parametrize("text, cue, stance, words", [
    ("Anna Berg denied that the army had crossed the border.",
     "denied", "denies", "that the army had crossed the border"),
    ("Anna Berg rejected reports that the ferry would be sold to a rival.",
     "rejected", "dismisses", "reports that the ferry would be sold to a rival"),
    ("Anna Berg would not confirm that the summit would take place in May.",
     "would not confirm", "declines", "that the summit would take place in May"),
    ("Anna Berg declined to say whether the talks would resume next week.",
     "declined to say", "declines", "whether the talks would resume next week"),
    ("Anna Berg said that the talks would resume next week.",
     "said", "asserts", "the talks would resume next week"),
])
def test_denials_dismissals_and_refusals_keep_their_stance(text, cue, stance, words):
    claim = one(text, CLAIM)
    assert (claim.speaker, claim.cue, claim.stance, claim.text) == ("Anna Berg", cue, stance,
                                                                   words)


def test_words_quoted_inside_a_dismissed_claim_are_dismissed_too():
    found = extract("Anna Berg dismissed claims that the bridge was “a waste of money” as "
                    "nonsense.", (BERG,))
    assert {(s.kind, s.stance) for s in found} == {(CLAIM, "dismisses"), (QUOTE, "dismisses")}


def test_a_quote_the_denial_governs_is_the_speakers_own_words():
    quote = one("“That is simply not true,” Anna Berg denied.")
    assert quote.stance == "asserts"


def test_what_someone_was_asked_is_not_what_they_said():
    claims = [s.text for s in extract("Asked to describe the device that caused the blast, "
                                      "Erik Lund said only that it was small.") if s.kind == CLAIM]
    assert not any("describe the device" in c for c in claims)


def test_the_answer_to_what_someone_was_asked_is_still_theirs():
    found = extract("Erik Lund toured the pier. Asked which harbour was his favourite, he "
                    "demurred: “Whichever one I’m in at the moment.”")
    assert [(s.kind, s.speaker) for s in found] == [(QUOTE, "Erik Lund")]
