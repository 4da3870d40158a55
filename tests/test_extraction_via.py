"""The extractor on short invented sentences, one phenomenon
each: the outlet or agency a statement came through (via.py).
Pure Python: no database. Split from tests/test_extraction.py (issue 10)."""

from __future__ import annotations

from quotes.extraction import CLAIM, QUOTE, extract
from tests.extraction_helpers import one


def test_quoted_as_saying_credits_the_agency_as_via():
    statement = one("Oslo Daily quoted Anna Berg as saying: “We are ready to talk.”")
    assert (statement.speaker, statement.via) == ("Anna Berg", "Oslo Daily")


def test_told_an_agency_and_interview_with_a_magazine_are_via():
    told = one("“We are ready to talk,” Anna Berg told Nord Radio.")
    assert (told.speaker, told.via) == ("Anna Berg", "Nord Radio")
    interview = one("Anna Berg said, in an interview with the weekly magazine Nord Revue, "
                    "that the talks would continue.", CLAIM)
    assert (interview.speaker, interview.via) == ("Anna Berg", "Nord Revue")


def test_the_agency_briefed_stays_the_via_over_a_later_to_phrase():
    quote = one("“Unlikely,” Anna Berg briefed NTB news agency in answer to a question whether "
                "the talks could begin before the embassies reopen.")
    assert (quote.speaker, quote.via) == ("Anna Berg", "NTB")


def test_a_news_conference_in_a_city_is_not_an_outlet():
    claim = one("Anna Berg told a news conference in Oslo that the border would stay open.",
                CLAIM)
    assert (claim.speaker, claim.via) == ("Anna Berg", None)


def test_an_agency_named_press_is_an_outlet_not_an_audience():
    statements = extract("Erik Lund echoed the minister, stating that there is no urgency for "
                         "a vote, and stressing that “patience is needed,” according to The "
                         "Associated Press.")
    assert {(s.kind, s.speaker, s.via) for s in statements} == {
        (CLAIM, "Erik Lund", "The Associated Press"),
        (QUOTE, "Erik Lund", "The Associated Press")}
