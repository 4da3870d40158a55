"""Sources polled in-process (no broker): feeds, sitemaps, conditional GET,
robots.txt, the host delay, links given up on, and the commands. The same
tasks on real workers: tests/test_queue.py."""

from __future__ import annotations

import datetime
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.utils import timezone

from quotes import importing, tasks
from quotes.models import Article, FailedLink, Host, Outlet, Quote, Source
from quotes.sources import documents, fetching, polling
from quotes.sources.documents import Link
from tests.newssite import NewsSite, article_html, rss, sitemap, sitemap_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(settings):
    settings.SOURCES_HOST_DELAY = 0
    site = NewsSite().start()
    site.add("/robots.txt", b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    yield site
    site.stop()


def add_feed(site, n=3, path="/feed.xml", **item):
    links = [site.add(f"/news/{i}.html", article_html(i)) for i in range(1, n + 1)]
    items = [{"link": link, "title": f"Talks, day {i}", "date": "Tue, 07 Oct 2025 10:00:00 GMT",
              "author": "Desk", **item} for i, link in enumerate(links, start=1)]
    return site.add(path, rss(items), content_type="application/rss+xml", conditional=True)


def poll_all():
    Source.objects.update(last_polled_at=None)
    return tasks.poll_due_sources()


def page_hits(site):
    return [path for path, _ in site.requests if path.startswith("/news/")]


def test_a_feed_is_polled_and_its_articles_imported_in_process(reference_data, site):
    outlet = Outlet.objects.get(slug="tass")
    source = Source.objects.create(url=add_feed(site), outlet=outlet)
    assert poll_all() == 1
    articles = Article.objects.order_by("url")
    assert [a.url for a in articles] == [f"{site.url}/news/{i}.html" for i in (1, 2, 3)]
    first = articles[0]
    # The page has no title, date or author: the feed's are used.
    assert (first.title, first.published_on, first.author) == (
        "Talks, day 1", datetime.date(2025, 10, 7), "Desk")
    assert first.outlet == outlet
    assert Quote.objects.filter(article=first, speaker__name="Dmitry Peskov").exists()
    source.refresh_from_db()
    assert (source.found_count, source.imported_count, source.last_error) == (3, 3, "")
    assert source.last_success_at and source.etag


def test_the_page_s_own_title_wins_over_the_feed_s(reference_data, site):
    link = site.add("/news/own.html", article_html(7, title="Own headline", date="2025-10-09"))
    feed = site.add("/f.xml", rss([{"link": link, "title": "Feed headline",
                                    "date": "Tue, 07 Oct 2025 10:00:00 GMT"}]))
    Source.objects.create(url=feed)
    poll_all()
    article = Article.objects.get()
    assert (article.title, article.published_on) == ("Own headline", datetime.date(2025, 10, 9))


def test_a_second_poll_asks_conditionally_and_fetches_nothing_new(reference_data, site):
    Source.objects.create(url=add_feed(site))
    poll_all()
    before = len(site.requests)
    poll_all()
    [(path, headers)] = site.requests[before:]
    assert path == "/feed.xml" and headers["If-None-Match"]
    assert Article.objects.count() == 3
    assert Source.objects.get().last_success_at is not None


def test_a_changed_feed_fetches_only_its_new_links(reference_data, site):
    feed = add_feed(site, n=2)
    Source.objects.create(url=feed)
    poll_all()
    add_feed(site, n=3)  # one more item: a new ETag
    before = len(page_hits(site))
    poll_all()
    assert page_hits(site)[before:] == ["/news/3.html"]
    assert Article.objects.count() == 3


def test_a_sitemap_index_and_its_sitemaps_are_imported(reference_data, site):
    links = [site.add(f"/news/s{i}.html", article_html(i + 20)) for i in range(2)]
    child = site.add("/sitemap-1.xml", sitemap(links), content_type="application/xml")
    index = site.add("/sitemap.xml", sitemap_index([child]), content_type="application/xml")
    call_command("add_source", index, "--outlet", "Test Wire", "--every", "1h", stdout=StringIO())
    source = Source.objects.get()
    assert (source.kind, source.every, source.outlet.name) == (
        "sitemap", datetime.timedelta(hours=1), "Test Wire")
    poll_all()
    assert sorted(Article.objects.values_list("url", flat=True)) == sorted(links)
    assert {a.published_on for a in Article.objects.all()} == {datetime.date(2025, 10, 1)}


def test_robots_txt_is_respected_and_the_link_listed_with_its_reason(reference_data, site):
    link = site.add("/private/1.html", article_html(1))
    Source.objects.create(url=site.add("/feed.xml", rss([{"link": link}])))
    poll_all()
    assert Article.objects.count() == 0
    assert "/private/1.html" not in [path for path, _ in site.requests]
    assert FailedLink.objects.get().reason == "robots.txt does not allow it"


def test_a_failed_link_is_listed_once_and_not_fetched_again(reference_data, site):
    missing = f"{site.url}/news/missing.html"
    good = site.add("/news/1.html", article_html(1))
    feed = site.add("/feed.xml", rss([{"link": missing}, {"link": good}]))
    source = Source.objects.create(url=feed)
    poll_all()
    failure = FailedLink.objects.get()
    assert (failure.url, failure.reason, failure.source) == (missing, "HTTP 404 Not Found", source)
    poll_all()  # no validators on this feed: fetched again, the link skipped
    assert site.hits("/news/missing.html") == 1
    assert Article.objects.count() == 1


def test_links_fail_with_the_importer_s_reasons_for_redirects_and_cut_off_bodies(
    reference_data, site
):
    away = site.add("/news/away.html", b"", status=302,
                    headers={"Location": "ftp://example.org/secret"})
    short = site.add("/news/short.html", article_html(1)[:200],
                     headers={"Content-Length": "5000"})
    Source.objects.create(url=site.add("/feed.xml", rss([{"link": away}, {"link": short}])))
    poll_all()
    reasons = dict(FailedLink.objects.values_list("url", "reason"))
    assert reasons[away] == "redirected to a URL that is not http(s): 'ftp://example.org/secret'"
    # In-process, a cut-off download may pass: not listed, tried at the next poll.
    assert short not in reasons and Article.objects.count() == 0


def test_a_source_that_keeps_failing_is_turned_off_with_its_reason(reference_data, site):
    source = Source.objects.create(url=site.add("/down.xml", b"", status=503))
    for _ in range(polling.MAX_FAILED_POLLS):
        poll_all()
    source.refresh_from_db()
    assert not source.active
    assert source.last_error == "stopped after 5 failed polls: HTTP 503 Service Unavailable"
    assert poll_all() == 0  # no longer polled


def test_a_page_that_is_not_a_feed_is_a_one_line_reason(reference_data, site):
    Source.objects.create(url=site.add("/page.html", article_html(1)), kind="feed")
    poll_all()
    assert Source.objects.get().last_error == "not an RSS/Atom feed or an XML sitemap"


def test_a_url_stored_by_another_worker_meanwhile_is_unchanged_not_failed(
    reference_data, site, monkeypatch
):
    """The unique URL is the last word: an insert that loses the race to
    another worker raises IntegrityError, reported as "unchanged"."""
    url = site.add("/news/1.html", article_html(1))
    assert polling.import_link(Link(url)).status == "created"
    page = polling.page_source(url, fetching.get(url), Link(url))
    # As if the other worker committed after our look: the importer finds no
    # article, inserts, and the constraint refuses.
    monkeypatch.setattr(importing.storing, "find_existing", lambda source, digest: None)
    with pytest.raises(IntegrityError):
        importing.import_source(page)
    outcome = polling.store(page)
    assert (outcome.status, outcome.reason) == ("unchanged", "imported meanwhile by another worker")
    assert Article.objects.filter(url=url).count() == 1


def test_workers_share_one_delay_per_host(db, settings):
    settings.SOURCES_HOST_DELAY = 0.5
    waits = [fetching.take_turn("http://example.org/a", 0.5) for _ in range(3)]
    assert waits[0] == pytest.approx(0, abs=0.05)
    assert waits[1] == pytest.approx(0.5, abs=0.1) and waits[2] == pytest.approx(1.0, abs=0.1)
    assert fetching.take_turn("http://other.example/a", 0.5) == pytest.approx(0, abs=0.05)
    assert Host.objects.get(name="example.org").next_fetch_at > timezone.now() + \
        datetime.timedelta(seconds=1.3)


def test_a_worker_does_not_sleep_through_a_distant_turn(reference_data, site, settings):
    settings.SOURCES_HOST_DELAY = 5
    first, second = (site.add(f"/news/{i}.html", article_html(i)) for i in (1, 2))
    assert polling.import_link(Link(first), max_wait=0.25).status == "created"
    later = polling.import_link(Link(second), max_wait=0.25)
    assert isinstance(later, polling.Later) and 0.25 < later.seconds <= 5
    assert site.hits("/news/2.html") == 0
    # Back with its turn (here: already due), it fetches without queuing again.
    assert polling.import_link(Link(second), max_wait=0.25, turn=time.time()).status == "created"


def test_crawl_delay_in_robots_txt_is_used(db, site, settings):
    site.add("/robots.txt", b"User-agent: *\nCrawl-delay: 3\n", content_type="text/plain")
    assert fetching.allowed(f"{site.url}/news/1.html") == (True, 3.0)
    site.add("/robots.txt", b"User-agent: *\nDisallow: /\n", content_type="text/plain")
    assert fetching.allowed(f"{site.url}/news/1.html") == (True, 3.0)  # read once a day


def test_import_articles_takes_a_feed_url_and_a_feed_file(reference_data, site, tmp_path):
    out = StringIO()
    call_command("import_articles", add_feed(site, n=2), stdout=out)
    assert out.getvalue().splitlines()[-1].startswith("2 created, 0 updated, 0 unchanged")
    site.add("/news/3.html", article_html(3))
    feed = tmp_path / "feed.rss"
    feed.write_bytes(rss([{"link": f"{site.url}/news/{i}.html"} for i in (1, 2, 3)]))
    before = len(page_hits(site))
    out = StringIO()
    call_command("import_articles", str(feed), stdout=out)
    assert out.getvalue().splitlines()[-1].startswith("1 created, 0 updated, 2 unchanged")
    assert page_hits(site)[before:] == ["/news/3.html"]  # imported links are not fetched


def test_add_source_refuses_what_it_cannot_poll(db, site):
    with pytest.raises(CommandError, match="--every: '0m' is not an interval"):
        call_command("add_source", add_feed(site), "--every", "0m")
    with pytest.raises(CommandError, match="HTTP 404 Not Found"):
        call_command("add_source", f"{site.url}/nothing.xml")
    with pytest.raises(CommandError, match="not an http"):
        call_command("add_source", "ftp://example.org/feed.xml")


def test_poll_sources_polls_only_what_is_due(reference_data, site):
    Source.objects.create(url=add_feed(site), every=datetime.timedelta(minutes=15))
    out = StringIO()
    call_command("poll_sources", stdout=out)
    assert out.getvalue() == "1 source due, done here.\n"
    call_command("poll_sources", stdout=out)
    assert out.getvalue().endswith("0 sources due, done here.\n")
    Source.objects.update(last_polled_at=timezone.now() - datetime.timedelta(minutes=16))
    assert tasks.poll_due_sources() == 1


def test_sitemaps_expand_no_entities():
    evil = b"""<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url><loc>http://example.org/&x;</loc></url></urlset>"""
    [link] = documents.parse(evil).links
    assert "root:" not in link.url


def test_a_gzipped_sitemap_is_read_within_the_size_limit():
    import gzip

    data = gzip.compress(sitemap([f"http://example.org/{i}" for i in range(3)]))
    assert len(documents.parse(documents.ungzip(data, 10_000)).links) == 3
    with pytest.raises(documents.NotADocument, match="once unzipped"):
        documents.ungzip(gzip.compress(b"<urlset>" + b" " * 50_000), 10_000)


def test_feed_dates_and_missing_links(site):
    doc = documents.parse(rss([{"link": "http://example.org/1", "date": "not a date"}]))
    assert doc.links == [Link("http://example.org/1")]
    assert documents.kind_of(b"<html><body>hi</body></html>") == documents.PAGE
    assert documents.kind_of(b'{"json": true}') is None
    started = time.monotonic()
    assert documents.kind_of(b"<?xml version='1.0'?>" + b"<feed>" * 10) == documents.FEED
    assert time.monotonic() - started < 1


def test_admin_lists_sources_and_the_links_given_up_on_with_reasons(
    reference_data, site, admin_client
):
    missing = f"{site.url}/news/missing.html"
    Source.objects.create(url=site.add("/feed.xml", rss([{"link": missing}])))
    Source.objects.create(url=site.add("/down.xml", b"", status=503))
    poll_all()
    page = admin_client.get("/admin/quotes/source/?health=failing").content.decode()
    assert "HTTP 503 Service Unavailable" in page and "/feed.xml" not in page
    page = admin_client.get("/admin/quotes/failedlink/").content.decode()
    assert missing in page and "HTTP 404 Not Found" in page
    # "Try again now" once the page is there: fetched again and imported.
    failure = FailedLink.objects.get()
    site.add("/news/missing.html", article_html(5))
    admin_client.post("/admin/quotes/failedlink/",
                      {"action": "retry", "_selected_action": [failure.pk]})
    assert not FailedLink.objects.exists()
    assert Article.objects.get().url == missing
