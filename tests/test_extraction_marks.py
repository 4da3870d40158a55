"""The extractor on short invented sentences, one phenomenon
each: quotation marks (marks.py) and the chunks they cut (chunks.py): every kind of
mark, unbalanced ones, sentences, headlines and run-in headings.
Pure Python: no database. Split from tests/test_extraction.py (issue 10)."""

from __future__ import annotations

import random

import pytest

from quotes.extraction import QUOTE, extract
from quotes.extraction.marks import find_quotes
from tests.extraction_helpers import BERG, one


@pytest.mark.parametrize("text", [
    "“We are ready to talk,” Anna Berg said.",
    '"We are ready to talk," Anna Berg said.',
    "''We are ready to talk,'' Anna Berg said.",
    "« We are ready to talk », Anna Berg said.",
    "„We are ready to talk,“ Anna Berg said.",
])
def test_every_kind_of_double_quote_mark(text):
    statement = one(text)
    assert statement.text.strip(" ,") == "We are ready to talk"
    assert statement.speaker == "Anna Berg"


def test_single_quotes_inside_double_ones_and_possessives_do_not_split_a_quote():
    text = "“Nobody has called it ‘a deal’ yet,” Anna Berg said after the ministers’ meeting."
    assert one(text).text == "Nobody has called it ‘a deal’ yet,"


def test_a_quote_over_several_paragraphs_gives_one_quote_per_paragraph():
    text = ("Anna Berg said: “The first paragraph has no closing mark.\n"
            "“The second paragraph closes the quote.”")
    quotes = [s for s in extract(text, (BERG,)) if s.kind == QUOTE]
    assert [q.text for q in quotes] == ["The first paragraph has no closing mark.",
                                        "The second paragraph closes the quote."]
    assert {q.speaker for q in quotes} == {"Anna Berg"}


def test_an_opening_mark_misprinted_as_the_closer_closes_but_a_nested_one_still_opens():
    text = "“It is unusual,“ said Tom Hale. “He called it “a farce” twice,” Lund said."
    assert [text[q.start : q.end] for q in find_quotes(text)] == [
        "It is unusual,", "He called it “a farce” twice,"]


def test_unbalanced_marks_never_raise():
    rng = random.Random(7)
    pieces = ["“", "”", '"', "''", "«", "»", "‘", "’", " said Berg", ",", ".", "\n", "word "]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        for statement in extract(text):
            assert text[statement.start : statement.end] == statement.text
    assert find_quotes("” stray “closed” and “open") [0].closed


def test_empty_text_gives_nothing():
    assert extract("") == []
    assert extract("   \n\n ") == []


def test_a_paragraph_opening_with_a_closing_mark_is_a_quote_and_follow_lines_are_not():
    found = extract("”The bridge is a waste of money.” ― Maria Holm\n\n"
                    '"Follow Maria Holm on Twitter @mholm."')
    assert [(s.speaker, s.text) for s in found] == [
        ("Maria Holm", "The bridge is a waste of money.")]


def test_a_sentence_ends_before_a_quote_that_opens_with_an_apostrophe():
    from quotes.extraction.chunks import _sentences
    from quotes.extraction.marks import find_quotes

    text = "Kari Nordmann named her favourite. “’Borgen,’” she said."
    cuts = _sentences(text, 0, len(text), find_quotes(text))
    assert [text[s:e].strip() for s, e in cuts] == [
        "Kari Nordmann named her favourite.", "“’Borgen,’” she said."]


@pytest.mark.parametrize("text", [
    "“Things are bad,” Erik Lund said on Nordland Radio's “Morning Harbour.”",
    "“Things are bad,” Erik Lund said in an interview on “Good Morning Bergen,” adding more.",
    "Erik Lund was speaking on his “Keep It Local” radio show, where he said nothing new.",
])
def test_a_programme_named_in_quotation_marks_is_no_quote(text):
    quotes = [s.text for s in extract(text) if s.kind == QUOTE]
    assert all("Morning" not in q and "Keep It" not in q for q in quotes), quotes


def test_a_headline_ending_in_a_full_stop_gives_no_antecedent():
    statements = extract("Holm Names Bergen Harbour Chief.\n\nThe ferry will run again, he said.")
    assert [s.speaker for s in statements] == []


@pytest.mark.parametrize("line, heading", [
    ("The Bridge Goes On: It was under the old plan that it was begun.", True),
    ("Little Relief for Islanders: The ferry crisis is the sort of issue ...", True),
    # A speaker and a colon stay for the transcript and headline rules.
    ("Erik Lund: The Bridge Will Open Before Winter", False),
    ("HOST: Do you think the bridge will open?", False),
])
def test_a_run_in_heading_is_hidden_from_the_parser(line, heading):
    from quotes.extraction.chunks import RUN_IN_HEAD

    assert bool(RUN_IN_HEAD.match(line)) is heading
