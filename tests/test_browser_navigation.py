"""Issue 12 in real Chromium: paging back and forth, a facet's "show all" (htmx,
and without JavaScript), the indexes, results brought into view on a phone,
and a reader's error report reaching an editor in admin."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from quotes.models import ErrorReport
from quotes.permissions import ensure_editors_group
from tests.browser import wait_until
from tests.factories import make_article, make_outlet, make_person, make_quote
from tests.test_pages import newsroom

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "x-Secret-42"


def many_speakers(n=18):
    """``n`` speakers with one to three quotes each, 30 quotes over 30 days or more."""
    tass = make_outlet("TASS", kind="agency")
    for i in range(n):
        person = make_person(f"Speaker Number {i:02d}", title=f"Minister {i}")
        for k in range(1 + i % 3):
            words = f"Statement {i} part {k}"
            article = make_article(
                f"“{words},” they said.", outlet=tass,
                published_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=i * 3 + k),
            )
            make_quote(article, words, speaker=person)


def positions(page) -> str:
    return page.locator(".pager .position").inner_text()


def test_paging_forward_and_back_with_the_position(page):
    many_speakers()  # 36 statements: pages of 25 and 11
    page.goto(page.base_url + "/")
    expect(page.locator(".pager .position")).to_have_text("1–25 of 36")
    expect(page.locator("a[rel=prev]")).to_have_count(0)
    first_top = page.locator("ol.statements .text").first.inner_text()
    page.evaluate("window.__marker = 'still here'")

    page.locator("a[rel=next]").click()
    page.wait_for_url(re.compile(r"after=quote-\d+&page=2"))
    expect(page.locator(".pager .position")).to_have_text("26–36 of 36")
    expect(page.locator("ol.statements > li")).to_have_count(11)
    assert page.evaluate("window.__marker") == "still here", "htmx swapped, no reload"

    page.locator("a[rel=prev]").click()
    page.wait_for_url(re.compile(r"(?=.*before=quote-\d+)(?=.*page=1)"))
    expect(page.locator(".pager .position")).to_have_text("1–25 of 36")
    assert page.locator("ol.statements .text").first.inner_text() == first_top
    expect(page.locator("a[rel=prev]")).to_have_count(0)

    # Oldest first, without a query: the sort is offered and kept while paging.
    page.select_option("#sort", "oldest")
    page.wait_for_url(re.compile(r"sort=oldest"))
    expect(page.locator("ol.statements .text").first).to_contain_text("Statement 0 part 0")
    page.locator("a[rel=next]").click()
    expect(page.locator(".pager .position")).to_have_text("26–36 of 36")
    assert "sort=oldest" in page.url


def test_show_all_speakers_with_a_search_inside_the_facet(page):
    many_speakers()
    page.goto(page.base_url + "/")
    facet = page.locator("#facet-speaker")
    expect(facet.locator("input[type=checkbox]")).to_have_count(15)
    page.evaluate("window.__marker = 'still here'")
    facet.get_by_role("link", name="Show all speakers").click()
    expect(page.locator("#facet-speaker input[type=checkbox]")).to_have_count(18)
    assert page.evaluate("window.__marker") == "still here"
    assert page.url == page.base_url + "/", "the list's URL does not change"

    # Search inside the facet: the list narrows as one types.
    page.locator("#find-speaker").press_sequentially("number 1", delay=30)
    expect(page.locator("#facet-speaker input[type=checkbox]")).to_have_count(8)
    # The 16th speaker, out of reach before, filters the list.
    page.get_by_label(re.compile(r"^Speaker Number 16")).check()
    page.wait_for_url(re.compile(r"speaker=speaker-number-16"))
    expect(page.locator("ol.statements > li")).to_have_count(2)
    assert page.get_by_label(re.compile(r"^Speaker Number 16")).is_checked()


def test_show_all_without_javascript_is_a_page_of_links(browser, live_server):
    many_speakers()
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + "/?kind=quote")
        page.get_by_role("link", name="Show all speakers").click()
        page.wait_for_url(re.compile(r"/facets/speaker/\?kind=quote"))
        expect(page.locator("h1")).to_have_text("All speakers")
        page.fill("#find-page", "number 16")
        page.get_by_role("button", name="Find").click()
        expect(page.locator(".facet-all li")).to_have_count(1)
        page.get_by_role("link", name="Speaker Number 16").click()
        page.wait_for_url(re.compile(r"/\?kind=quote&speaker=speaker-number-16"))
        expect(page.locator("#results-heading")).to_contain_text("2 statements")
    finally:
        context.close()


def test_people_and_outlet_indexes(page):
    newsroom()
    page.goto(page.base_url + "/")
    page.get_by_role("navigation", name="Site").get_by_role("link", name="People").click()
    expect(page.locator("h1")).to_have_text("People")
    rows = page.locator(".index-table tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("Marco Rubio")
    page.locator("#q").press_sequentially("spokesman", delay=30)
    page.wait_for_url(re.compile(r"/people/\?q=spokesman"))
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Dmitry Peskov")
    rows.first.get_by_role("link", name="Dmitry Peskov").click()
    expect(page.locator("h1")).to_have_text("Dmitry Peskov")

    page.goto(page.base_url + "/outlets/")
    page.select_option("#kind", "agency")
    page.wait_for_url(re.compile(r"kind=agency"))
    expect(page.locator(".index-table tbody tr")).to_have_count(3)  # TASS, AP, Reuters
    page.goto(page.base_url + "/articles/")
    expect(page.locator(".article-index li")).to_have_count(3)
    expect(page.locator(".article-index li").first).to_contain_text("Rubio on the deal")


def test_on_a_phone_the_results_come_into_view_after_a_filter_changes(page):
    newsroom()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + "/")
    box = page.locator("#f-kind-claim")
    box.scroll_into_view_if_needed()
    heading = page.locator("#results-heading")
    assert heading.bounding_box()["y"] < 0, "the filters sit below the results on a phone"
    box.check()
    page.wait_for_url(re.compile(r"\?kind=claim$"))
    expect(page.locator("ol.statements > li")).to_have_count(1)
    wait_until(
        page,
        "Math.abs(document.getElementById('results-heading').getBoundingClientRect().top) < 5",
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling"


def test_a_readers_report_reaches_the_editors(page):
    people, outlets, articles, s = newsroom()
    quote = s["peskov"]
    page.goto(page.base_url + quote.get_absolute_url())
    page.get_by_text("Report an error").click()
    page.fill("#id_message", "This was said by Lavrov, not Peskov.")
    page.get_by_role("button", name="Send to the editors").click()
    page.wait_for_url(re.compile(r"\?reported=1#report$"))
    expect(page.locator(".thanks")).to_contain_text("Your report is with the editors")
    report = ErrorReport.objects.get()
    assert report.statement_uid == f"quote-{quote.pk}"

    # An editor finds it from the review queue and resolves it.
    group, _ = ensure_editors_group()
    editor = get_user_model().objects.create_user("editor", password=PASSWORD, is_staff=True)
    editor.groups.add(group)
    page.goto(f"{page.base_url}/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.click("#review-queue-link")
    link = page.locator("#error-reports-link")
    expect(link).to_contain_text("(1 open)")
    link.click()
    row = page.locator("#result_list tr", has_text="This was said by Lavrov")
    expect(row).to_contain_text("Kremlin says no deadline")
    row.locator("input.action-select").check()
    page.select_option("select[name=action]", "resolve")
    page.click("button[name=index]")
    expect(page.locator(".messagelist")).to_contain_text("Resolved 1 report(s).")
    report.refresh_from_db()
    assert report.resolved_by == editor
