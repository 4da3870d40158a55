"""The search page in real Chromium: htmx updates without a page load, the URL
follows the filters, back restores them, and an article shows the quote marked."""

from __future__ import annotations

import re

import pytest

from tests.browser import wait_until
from tests.test_pages import PESKOV_TEXT, newsroom

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def result_texts(page) -> list[str]:
    return page.locator("ol.statements .text").all_inner_texts()


def test_search_filter_back_and_article(page):
    people, outlets, articles, s = newsroom()
    page.goto(page.base_url + "/")
    assert len(result_texts(page)) == 6
    page.evaluate("window.__marker = 'still here'")

    # Typing searches after a pause, through htmx, and pushes the URL.
    page.locator("#q").press_sequentially("deadline", delay=30)
    page.wait_for_url(re.compile(r"\?q=deadline$"))
    wait_until(page, "document.querySelectorAll('ol.statements > li').length === 3")
    assert "3 statements matching" in page.locator("#results-heading").inner_text()

    # Picking Peskov narrows the list; counts of other facets follow.
    page.get_by_label(re.compile(r"^Dmitry Peskov")).check()
    page.wait_for_url(re.compile(r"speaker=dmitry-peskov"))
    wait_until(page, "document.querySelectorAll('ol.statements > li').length === 2")
    assert all(PESKOV_TEXT in text for text in result_texts(page))
    assert page.get_by_label(re.compile(r"^Dmitry Peskov")).is_checked()
    assert page.evaluate("window.__marker") == "still here", "the page was reloaded"
    # The tab and the history entry say what is shown; screen readers hear it.
    assert page.title() == "Statements by Dmitry Peskov matching “deadline” · diplomacy"
    assert page.locator("body title").count() == 0
    wait_until(page,
        "document.getElementById('results-status').textContent"
        " === '2 statements by Dmitry Peskov matching “deadline”'"
    )

    # Back: the search without the speaker filter, as it was.
    page.go_back()
    page.wait_for_url(re.compile(r"\?q=deadline$"))
    wait_until(page, "document.querySelectorAll('ol.statements > li').length === 3")
    assert not page.get_by_label(re.compile(r"^Dmitry Peskov")).is_checked()
    assert page.locator("#q").input_value() == "deadline"
    assert page.evaluate("window.__marker") == "still here"

    # A reload of a filtered URL shows the same page, without JavaScript state.
    page.goto(page.base_url + "/?q=deadline&speaker=dmitry-peskov")
    assert len(result_texts(page)) == 2

    # Open the article at the quote: it is marked in place, attributed on focus.
    page.locator("ol.statements li").first.get_by_role("link", name="In the article").click()
    page.wait_for_url(re.compile(r"/articles/\d+/#s-quote-\d+$"))
    mark = page.locator("mark.st:target")
    assert mark.inner_text() == PESKOV_TEXT
    assert "Dmitry Peskov" in mark.get_attribute("data-who")
    mark.focus()
    assert page.evaluate(
        "getComputedStyle(document.activeElement, '::after').content"
    ).strip('"').startswith("Dmitry Peskov")


def test_keyboard_filtering_keeps_focus_on_the_checkbox(page):
    newsroom()
    page.goto(page.base_url + "/")
    # Past the search box, a skip link jumps over the filters to the results.
    page.locator("#q").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to results"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "results-heading"
    box = page.locator("#f-kind-claim")
    box.focus()
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"\?kind=claim$"))
    wait_until(page, "document.querySelectorAll('ol.statements > li').length === 1")
    # The facet was re-rendered with new counts; focus is still on the same control.
    assert page.evaluate("document.activeElement.id") == "f-kind-claim"
    assert page.locator("#f-kind-claim").is_checked()


def test_copy_citation_button(page):
    people, outlets, articles, s = newsroom()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=page.base_url)
    page.goto(page.base_url + s["peskov"].get_absolute_url())
    page.get_by_role("button", name="Copy citation").click()
    wait_until(page,
        "document.querySelector('.copy-status').textContent.length > 0"
    )
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Dmitry Peskov, reported by Reuters, citing TASS, 1 October 2025")


def test_article_on_a_phone_shows_the_legend_then_the_text_before_the_list(page):
    people, outlets, articles, s = newsroom()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + articles["first"].get_absolute_url())
    legend = page.locator(".article-legend").bounding_box()
    text = page.locator("#article-text").bounding_box()
    listing = page.locator(".article-statements").bounding_box()
    assert legend["y"] < text["y"] < listing["y"]
    assert text["y"] < 844, "the article starts on the first screen"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling"
