"""The extractor on short invented sentences, one phenomenon
each: which speaker a quote or claim goes to (attribution.py): partial quotes,
continuations, nested attribution, parser mistakes, and layouts (colons, dashes,
transcripts, headlines).
Pure Python: no database. Split from tests/test_extraction.py (issue 10)."""

from __future__ import annotations

import pytest

from quotes.extraction import CLAIM, QUOTE, extract
from tests.extraction_helpers import BERG, one, parsed_as


def test_continuation_quote_belongs_to_the_previous_speaker():
    text = "“We are ready to talk,” Anna Berg said.\n“Nobody wants another winter like that.”"
    first, second = [s for s in extract(text, (BERG,)) if s.kind == QUOTE]
    assert second.speaker == "Anna Berg"
    assert second.cue == ""
    assert second.confidence < first.confidence  # editors should check it first



def test_a_continuation_of_whole_sentences_with_the_writers_words_after_it_is_theirs():
    found = extract("“It is more tinkering at the edges,” said Tom Hale, an economist. “I would "
                    "not call it reform. It is just a tax increase” for the top income bracket.",
                    ())
    assert [(s.speaker, s.text) for s in found] == [
        ("Tom Hale", "It is more tinkering at the edges,"),
        ("Tom Hale", "I would not call it reform. It is just a tax increase")]


def test_a_name_and_a_colon_just_before_a_quote_give_it_to_the_name():
    quote = one("Pollsters agree - Tom Hale: “One of the biggest lessons was a simple one: keep "
                "on contacting voters.” [Island Post.]", QUOTE, ())
    assert (quote.speaker, quote.cue) == ("Tom Hale", ":")


def test_footage_of_a_name_asking_gives_the_quote_to_the_name():
    quote = one("The new ad uses footage of Tom Hale asking, “Why is the bridge still closed?”",
                QUOTE, ())
    assert quote.speaker == "Tom Hale"


def test_who_after_an_apposition_refers_to_the_name_not_the_role():
    quote = one("The mayor met Erik Lund, now the port director, who in 2010 said the bridge "
                "was “a promise kept.”", QUOTE, ())
    assert quote.speaker == "Erik Lund"


def test_partial_quote_belongs_to_the_subject_of_the_reporting_verb():
    text = "Anna Berg warned that Tom Hale would “never win the vote” without the farmers."
    quote = one(text, QUOTE)
    claim = one(text, CLAIM)
    assert (quote.speaker, quote.partial, quote.text) == ("Anna Berg", True, "never win the vote")
    assert claim.speaker == "Anna Berg"
    assert claim.text == "Tom Hale would “never win the vote” without the farmers"


def test_cue_ending_the_previous_paragraph_with_a_colon():
    statement = one("In a speech in 1990, Erik Lund declared:\n"
                    "“We will build the bridge, and we will build it this year.”", QUOTE, ())
    assert (statement.speaker, statement.cue) == ("Erik Lund", "declared")


def test_what_a_transcript_label_says_runs_to_the_end_of_its_paragraph():
    found = extract("HOST: And you support him. I think some voters will doubt that.\n\n"
                    "LUND: Well, the whole town needs to work together. Everyone knows it.", ())
    assert [(s.speaker, s.text) for s in found if s.cue == ":"] == [
        ("Host", "And you support him. I think some voters will doubt that"),
        ("Lund", "Well, the whole town needs to work together. Everyone knows it")]


def test_a_quoted_transcript_line_belongs_to_its_capitalised_label():
    found = extract('Erik Lund spoke to the host on Sunday.\n\n'
                    '"HOST: Will the bridge open this year?\n\n'
                    '"LUND: It will open in May, and the ferry will stop.')
    assert [(s.speaker, s.text) for s in found if s.kind == QUOTE] == [
        ("Host", "Will the bridge open this year?"),
        ("Erik Lund", "It will open in May, and the ferry will stop.")]


def test_dash_and_name_after_a_quote():
    quotes = extract("“The bridge is a waste of money.” ― Maria Holm\n"
                     "“We need it by winter.” ― Tom Hale")
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Maria Holm", "The bridge is a waste of money."),
        ("Tom Hale", "We need it by winter."),
    ]


def test_name_and_colon_headline_is_a_claim():
    claim = one("Erik Lund: The Bridge Will Open Before Winter", CLAIM, ())
    assert (claim.speaker, claim.cue, claim.text) == (
        "Erik Lund", ":", "The Bridge Will Open Before Winter")


def test_a_sentence_about_the_speaker_carries_a_following_quote():
    text = ("Minister Erik Lund opened the session. He also did not rule out new taxes.\n"
            "“Everything is on the table.”")
    statement = one(text, QUOTE, ())
    assert (statement.speaker, statement.cue) == ("Erik Lund", "")


def test_a_question_quote_keeps_the_frame_after_it():
    quote = one("“Where is the bridge?” Erik Lund asked. Nobody answered.", QUOTE, ())
    assert (quote.speaker, quote.cue, quote.text) == ("Erik Lund", "asked", "Where is the bridge?")


def test_a_name_the_parser_puts_inside_the_quotation_is_still_the_speaker(monkeypatch):
    text = "“It is not rosy,” Erik Lund, an adviser, said at an event."
    parsed_as(monkeypatch, text, [
        ("“", False, "``", 3, "punct"), ("It", True, "PRP", 2, "nsubj"),
        ("is", True, "VBZ", 11, "ccomp"), ("not", True, "RB", 2, "neg"),
        ("rosy", False, "JJ", 2, "acomp"), (",", False, ",", 2, "punct"),
        ("”", True, "''", 2, "punct"), ("Erik", True, "NNP", 8, "compound"),
        # The mistake: "Lund" is the attribute of "is" inside the quotation.
        ("Lund", False, "NNP", 2, "attr"), (",", True, ",", 8, "punct"),
        ("an", True, "DT", 11, "det"), ("adviser", False, "NN", 8, "appos"),
        (",", True, ",", 8, "punct"), ("said", True, "VBD", 13, "ROOT"),
        ("at", True, "IN", 13, "prep"), ("an", True, "DT", 16, "det"),
        ("event", False, "NN", 14, "pobj"), (".", False, ".", 13, "punct"),
    ])
    assert (one(text, QUOTE, ()).speaker, one(text, QUOTE, ()).cue) == ("Erik Lund", "said")


def test_a_speaker_the_parser_makes_the_object_of_the_verb(monkeypatch):
    text = "“We won,” added a Liberal."
    parsed_as(monkeypatch, text, [
        ("“", False, "``", 2, "punct"), ("We", True, "PRP", 2, "nsubj"),
        ("won", False, "VBD", 5, "ccomp"), (",", False, ",", 5, "punct"),
        ("”", True, "''", 5, "punct"), ("added", True, "VBD", 5, "ROOT"),
        # The mistake: the speaker is the object of "added".
        ("a", True, "DT", 7, "det"), ("Liberal", False, "NNP", 5, "dobj"),
        (".", False, ".", 5, "punct"),
    ])
    assert one(text, QUOTE, ()).speaker == "a Liberal"


def test_a_speaker_with_a_relative_clause_the_parser_detaches_from_the_verb():
    text = ("Although there is no such overlap with Lund's team, a ministry official who spoke "
            "anonymously to discuss internal planning said Wednesday, “Certainly there are "
            "talks between the ministry and the Lund campaign.”")
    assert one(text, QUOTE, ()).speaker == "a ministry official"


@pytest.mark.parametrize("text, speaker", [
    ("Erik Lund has studied bridges for decades. As Lund put it in July, the bridge is "
     "“a promise kept.”", "Erik Lund"),
    ("As Ms. Holm put it in a letter to the mayor in July, the bridge is “a promise kept "
     "and a gift.”", "Holm"),
])
def test_as_someone_put_it_gives_them_the_quote(text, speaker):
    assert one(text, QUOTE, ()).speaker == speaker


def test_words_pinned_on_someone_with_as_belong_to_the_subject_whatever_the_verb():
    found = extract("Tom Hale met reporters on Monday.\n\nIn recent weeks, Erik Lund has gone "
                    "after Hale as a “harbour thief” and a “spoiled brat.”", ())
    assert [(s.kind, s.speaker, s.text) for s in found] == [
        (QUOTE, "Erik Lund", "harbour thief"), (QUOTE, "Erik Lund", "spoiled brat.")]
    assert extract("Tom Hale met reporters.\n\nThe port has rules such as “no dogs” now.", ()) == []


@pytest.mark.parametrize("text, said", [
    ("Erik Lund said a new study shows the bridge will cost two billion more.",
     "a new study shows the bridge will cost two billion more"),
    ("Erik Lund said the ministry believes the ferry should stop.",
     "the ministry believes the ferry should stop"),
])
def test_nested_attribution_keeps_the_person_who_reported_it(text, said):
    claims = [(c.speaker, c.text) for c in extract(text) if c.kind == CLAIM]
    assert claims[0] == ("Erik Lund", said)


def test_an_inner_person_still_takes_the_words_of_a_nested_cue():
    claim = one("Maria Holm would not deny Erik Lund's remarks that the bridge is late.",
                CLAIM, ())
    assert (claim.speaker, claim.text) == ("Erik Lund", "the bridge is late")


def test_a_paragraph_after_a_cue_ending_in_a_colon_is_a_claim():
    text = ("“It is a disgrace,” Lund said.\n\nThe mayor added:\n\n"
            "The ferry has been late all winter and nobody in the ministry cares.\n")
    claims = [c for c in extract(text) if c.kind == CLAIM]
    assert [(c.speaker, c.text) for c in claims] == [
        ("The mayor", "The ferry has been late all winter and nobody in the ministry cares")]


def test_a_participle_on_a_verb_of_saying_shares_the_speaker_the_parser_lost(monkeypatch):
    text = "“It is bad,” Lund said, citing the cost of steel."
    parsed_as(monkeypatch, text, [
        ("“", False, "``", 7, "punct"), ("It", True, "PRP", 2, "nsubj"),
        ("is", True, "VBZ", 7, "ccomp"), ("bad", False, "JJ", 2, "acomp"),
        (",", False, ",", 2, "punct"), ("”", True, "''", 2, "punct"),
        # The mistake: "Lund" hangs on "is" inside the quotation, "said" has no subject.
        ("Lund", True, "NNP", 2, "attr"), ("said", False, "VBD", 7, "ROOT"),
        (",", True, ",", 7, "punct"), ("citing", True, "VBG", 7, "advcl"),
        ("the", True, "DT", 11, "det"), ("cost", True, "NN", 9, "dobj"),
        ("of", True, "IN", 11, "prep"), ("steel", False, "NN", 12, "pobj"),
        (".", False, ".", 7, "punct"),
    ])
    claim = one(text, CLAIM, ())
    assert (claim.speaker, claim.text) == ("Lund", "the cost of steel")


def test_a_headline_surname_and_colon_is_a_claim_when_the_story_names_the_person():
    text = ("Frost: Ferry Tolls Will Not Rise This Winter.\n\n"
            "Maria Frost spoke to the island council on Friday.\n")
    claims = [c for c in extract(text) if c.kind == CLAIM]
    assert [(c.speaker, c.text) for c in claims] == [
        ("Frost", "Ferry Tolls Will Not Rise This Winter")]


def test_a_bare_common_noun_the_parser_makes_a_subject_says_no_quote():
    found = extract("The plan was cut back, with vaguer wording calling for “better service.”", ())
    assert all(s.speaker != "vaguer wording" for s in found if s.kind == QUOTE)


def test_a_quote_inside_an_as_or_while_clause_is_that_clauses_subjects():
    quote = one("While Holm ranted about “the broken ferries,” Lund said nothing at all.",
                QUOTE, ())
    assert quote.speaker == "Holm"


def test_what_someone_says_another_said_is_their_claim_and_the_quoted_words_the_others():
    claim = one("Erik Lund said Anna Berg promised to reopen the ferry by May.", CLAIM, ())
    assert (claim.speaker, claim.text) == ("Erik Lund", "Anna Berg promised to reopen the "
                                                        "ferry by May")
    claim, quote = extract("Erik Lund said Anna Berg promised that “the ferry will run” by "
                           "the end of May.")
    assert (claim.speaker, claim.text) == (
        "Erik Lund", "Anna Berg promised that “the ferry will run” by the end of May")
    # The words in the quotation are hers: she promised them.
    assert (quote.kind, quote.speaker) == (QUOTE, "Anna Berg")


def test_what_a_survey_found_that_people_said_is_the_surveys_finding():
    claim = one("A harbour survey found that most islanders said they wanted a second ferry.",
                CLAIM, ())
    assert (claim.speaker, claim.text) == (
        "A harbour survey", "most islanders said they wanted a second ferry")
