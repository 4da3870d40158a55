"""Did they really say it? In real Chromium: an exact phrase with stop words,
checking a pasted quote (the same words, close wording, nothing), and the
permalink of a withdrawn statement."""

from __future__ import annotations

import re

import pytest

from quotes import editing
from quotes.models import Quote
from tests.browser import wait_until
from tests.test_pages import PESKOV_TEXT, newsroom

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def result_texts(page) -> list[str]:
    return page.locator("ol.statements .text").all_inner_texts()


def test_a_phrase_with_stop_words_is_exact_and_the_heading_quotes_it_once(page):
    people, outlets, articles, s = newsroom()
    page.goto(page.base_url + "/")
    page.locator("#q").fill("“no deadline”")
    page.locator("#q").press("Enter")
    page.wait_for_url(re.compile(r"q=%E2%80%9Cno"))
    wait_until(page, "document.querySelectorAll('ol.statements > li').length === 2")
    assert all(PESKOV_TEXT in text for text in result_texts(page))
    heading = page.locator("#results-heading").inner_text()
    assert heading.endswith("2 statements matching “no deadline”"), heading

    # "the deadline" is Rubio's; "a deadline" is nobody's, though both hold "deadline".
    page.goto(page.base_url + '/?q="a deadline"')
    assert result_texts(page) == []
    assert "No statements match." in page.locator(".results").inner_text()

    # A misspelt speaker: the suggestion leads to their statements.
    page.goto(page.base_url + "/?q=Peskow+deadline")
    page.get_by_role("link", name="Dmitry Peskov").click()
    page.wait_for_url(re.compile(r"speaker=dmitry-peskov"))
    assert len(result_texts(page)) == 2


def test_checking_a_quote_exact_close_and_absent(page):
    newsroom()
    page.goto(page.base_url + "/")
    page.get_by_role("link", name="Check a quote").click()
    page.wait_for_url(re.compile(r"/check/$"))

    page.get_by_label("Words attributed to someone").fill(f"“{PESKOV_TEXT}”")
    page.get_by_role("button", name="Check").click()
    page.wait_for_url(re.compile(r"/check/\?text="))
    match = page.locator(".check-match").first
    assert "Same words" in match.locator(".verdict").inner_text()
    assert "First reported by Reuters" in match.locator(".first").inner_text()
    assert "1 October 2025" in match.locator(".first").inner_text()
    assert "Meduza" in match.locator(".also").inner_text()

    page.get_by_label("Words attributed to someone").fill(
        "We are ready for talks, but there is still no deadline"
    )
    page.get_by_label("Said by").fill("Dmitry Peskov")
    page.get_by_role("button", name="Check").click()
    page.wait_for_url(re.compile(r"speaker=Dmitry"))
    match = page.locator(".check-match").first
    assert "Close wording: 1 word differs" in match.inner_text()
    assert match.locator("del").inner_text() == "still"

    page.get_by_label("Words attributed to someone").fill(
        "The ceasefire will hold until the spring thaw"
    )
    page.get_by_label("Said by").fill("")
    page.get_by_role("button", name="Check").click()
    page.wait_for_url(re.compile(r"text=The"))
    assert page.locator(".check-match").count() == 0
    assert page.get_by_role("heading", name="Nothing in the archive is close to these words")


def test_a_withdrawn_statements_permalink_says_so_and_links_the_article(page):
    people, outlets, articles, s = newsroom()
    editing.reject([Quote.objects.get(pk=s["rubio_peace"].pk)], None, reason="Not a quote.")
    response = page.goto(page.base_url + s["rubio_peace"].get_absolute_url())
    assert response.status == 410
    assert "withdrawn by the editors" in page.locator("h1").inner_text()
    assert "Reason: Not a quote." in page.locator(".reason").inner_text()
    page.get_by_role("link", name="Rubio on the deal").click()
    page.wait_for_url(re.compile(rf"/articles/{articles['third'].pk}/$"))
