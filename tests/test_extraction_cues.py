"""The extractor on short invented sentences, one phenomenon
each: cue words and their lexicon (cues.py): which verbs, nouns and adjectives
of saying, believing, naming or taking a stance make a statement.
Pure Python: no database. Split from tests/test_extraction.py (issue 10)."""

from __future__ import annotations

import pytest

from quotes.extraction import CLAIM, QUOTE, extract
from tests.extraction_helpers import one


@pytest.mark.parametrize("text, cue", [
    ("“We are ready to talk,” Anna Berg said on Monday.", "said"),
    ("“We are ready to talk,” said Anna Berg.", "said"),
    ("Anna Berg stated: “We are ready to talk.”", "stated"),
    ("“We are ready to talk,” Anna Berg told reporters in the capital.", "told"),
])
def test_cue_before_or_after_the_quote(text, cue):
    statement = one(text)
    assert (statement.speaker, statement.cue) == ("Anna Berg", cue)
    assert not statement.partial


def test_cue_inside_the_quote_gives_two_quotes_for_one_speaker():
    quotes = [s for s in extract("“We are ready,” Anna Berg said, “but not today.”")
              if s.kind == QUOTE]
    assert [q.text for q in quotes] == ["We are ready,", "but not today."]
    assert {q.speaker for q in quotes} == {"Anna Berg"}


def test_cue_in_the_next_paragraph():
    statement = one("“We are ready to talk,”\nAnna Berg told reporters in the capital.")
    assert statement.speaker == "Anna Berg"


def test_according_to_a_person_makes_them_the_speaker():
    claim = one("The border will stay open until spring, according to Anna Berg.", CLAIM)
    assert claim.speaker == "Anna Berg"
    assert claim.text == "The border will stay open until spring"


def test_intent_is_a_claim():
    claim = one("Erik Lund wants to build the bridge before the election.", CLAIM, ())
    assert (claim.speaker, claim.text) == ("Erik Lund", "to build the bridge before the election")


@pytest.mark.parametrize("text, said", [
    # What someone was called is a claim as well as a quote, even of a pronoun.
    ("His allies called him “a genius” for his tax plan.", "him “a genius” for his tax plan"),
    ("Maria Holm criticized Lund for “running away from the voters.”",
     "Lund for “running away from the voters.”"),
    # Citing and likening report a thing.
    ("Maria Holm cited the rising cost of steel as the main reason for the delay.",
     "the rising cost of steel as the main reason for the delay"),
    ("Maria Holm likened the bridge to a road to nowhere.", "the bridge to a road to nowhere"),
])
def test_what_was_called_cited_or_likened_is_a_claim(text, said):
    assert [c.text for c in extract(text) if c.kind == CLAIM] == [said]


def test_called_him_unfit_is_a_quote_and_a_claim():
    statements = extract("Maria Holm called him “unfit” for the ministry.")
    assert [(s.kind, s.speaker, s.text) for s in statements] == [
        (CLAIM, "Maria Holm", "him “unfit” for the ministry"),
        (QUOTE, "Maria Holm", "unfit")]


@pytest.mark.parametrize("text, said", [
    ("Erik Lund voiced concerns that the ferry would stop running in winter.",
     "the ferry would stop running in winter"),
    ("The minister's determination to build the bridge worried the town.",
     "to build the bridge"),
    ("Maria Holm repeated her warnings that the bridge would cost two billion.",
     "the bridge would cost two billion"),
])
def test_more_nouns_of_saying_and_believing_are_cues(text, said):
    assert [c.text for c in extract(text) if c.kind == CLAIM] == [said]


@pytest.mark.parametrize("text, said, quoted", [
    ("Maria Holm dubbed him “the minister of delay.”", "him “the minister of delay.”",
     "the minister of delay."),
    ("Maria Holm labeled the plan “a road to nowhere.”", "the plan “a road to nowhere.”",
     "a road to nowhere."),
])
def test_naming_verbs_give_a_claim_and_a_quote(text, said, quoted):
    statements = extract(text)
    assert [(s.kind, s.speaker, s.text) for s in statements] == [
        (CLAIM, "Maria Holm", said), (QUOTE, "Maria Holm", quoted)]


@pytest.mark.parametrize("text, said", [
    ("Maria Holm touted her proposals for the harbour.", "her proposals for the harbour"),
    ("Erik Lund recalled his first crossing on the old ferry.",
     "his first crossing on the old ferry"),
])
def test_touting_and_recalling_report_their_object(text, said):
    assert [c.text for c in extract(text) if c.kind == CLAIM] == [said]


@pytest.mark.parametrize("text, said", [
    ("Erik Lund compared the toll to a tax on islanders.", "the toll to a tax on islanders"),
    ("The council decided to close the old ferry terminal.", "to close the old ferry terminal"),
    ("Maria Holm offered no proof that the bridge was unsafe.",
     "no proof that the bridge was unsafe"),
])
def test_comparing_deciding_and_offering_are_claims(text, said):
    assert [c.text for c in extract(text) if c.kind == CLAIM] == [said]


@pytest.mark.parametrize("text, said", [
    ("Erik Lund railed against the new tolls on the bridge.", "the new tolls on the bridge"),
    ("Maria Holm voted against the harbour budget.", "the harbour budget"),
    ("Erik Lund often brags about his record on the ferries.", "his record on the ferries"),
])
def test_a_stance_taken_on_a_thing_is_a_claim(text, said):
    assert [c.text for c in extract(text) if c.kind == CLAIM] == [said]


def test_an_adjective_of_a_stance_reports_what_it_is_about():
    claim = one("Maria Holm has been critical of the new toll plan.", CLAIM, ())
    assert (claim.speaker, claim.text, claim.cue) == ("Maria Holm", "the new toll plan",
                                                      "critical of")


@pytest.mark.parametrize("text, cue, said", [
    ("Erik Lund made clear on Tuesday that the night ferry will keep running.",
     "made clear", "the night ferry will keep running"),
    ("Maria Holm has made it plain that the harbour budget is not for sale.",
     "made it plain", "the harbour budget is not for sale"),
])
def test_making_it_clear_that_is_saying_it(text, cue, said):
    claim = one(text, CLAIM, ())
    assert (claim.cue, claim.text) == (cue, said)


@pytest.mark.parametrize("text", [
    "Erik Lund did not make clear that the night ferry will keep running.",
    "Critics blamed the board for failing to make clear that the toll was temporary.",
])
def test_not_making_it_clear_says_nothing(text):
    assert not [s for s in extract(text) if s.cue and "clear" in s.cue]


@pytest.mark.parametrize("text, said", [
    ("Several mayors have expressed misgivings about the new toll plan.", "the new toll plan"),
    ("Erik Lund has voiced skepticism about a second bridge.", "a second bridge"),
])
def test_a_noun_of_a_stance_with_a_light_verb_reports_what_it_is_about(text, said):
    assert [c.text for c in extract(text) if c.kind == CLAIM] == [said]


def test_characterizing_someone_as_a_quoted_phrase_is_a_claim_and_a_quote():
    statements = extract("Maria Holm characterized the minister as “a man of delay.”")
    assert [(s.kind, s.speaker, s.text) for s in statements] == [
        (CLAIM, "Maria Holm", "the minister as “a man of delay.”"),
        (QUOTE, "Maria Holm", "a man of delay.")]


def test_show_reports_its_object_only_as_the_main_verb():
    claims = [c for c in extract("New surveys show a tight race on the islands. Erik Lund wore "
                                 "a coat that showed the harbour crest.") if c.kind == CLAIM]
    assert [(c.speaker, c.text) for c in claims] == [("New surveys", "a tight race on the islands")]


def test_voting_to_act_is_a_claim():
    claim = one("The harbour committee voted to close the old ferry terminal.",
                CLAIM, ())
    assert (claim.speaker, claim.text) == ("The harbour committee",
                                           "to close the old ferry terminal")


def test_wanting_in_a_relative_clause_describes_the_noun():
    text = "Islanders who want to keep the ferry met in Bergen. Maria Holm wants to keep it too."
    assert [(c.speaker, c.text) for c in extract(text) if c.kind == CLAIM] == [
        ("Maria Holm", "to keep it too")]


@pytest.mark.parametrize("text, said", [
    ("Maria Holm referenced the minister's record on the ferries.",
     "the minister's record on the ferries"),
    ("The northern mayors have embraced the idea of a second bridge.",
     "the idea of a second bridge"),
])
def test_referencing_and_embracing_report_their_object(text, said):
    assert [c.text for c in extract(text) if c.kind == CLAIM] == [said]


def test_as_someone_put_it_is_the_cue_of_the_quote():
    quote = one("As Maria Holm put it in a statement in July, the ferry is “a lifeline for the "
                "islands.”", QUOTE, ())
    assert (quote.speaker, quote.cue) == ("Maria Holm", "put it")


def test_a_verb_that_labels_governs_its_quote_without_a_verb_of_saying():
    quote = one("Norway branded the rival fleet a “menace to every harbour.”", QUOTE, ())
    assert (quote.speaker, quote.cue) == ("Norway", "branded")


def test_ending_with_something_is_no_conclusion():
    found = extract("The spot concludes with footage of the mayor at the pier last week, “We "
                    "will build it,” when Holm was asked about the bridge.")
    assert not [s for s in found if s.cue and s.cue.startswith("conclud")]
