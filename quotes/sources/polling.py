"""Polling a source and importing the links it lists.

``poll()`` reads a source (conditional GET) and returns its new links;
``import_link()`` fetches one page and stores it through the importer. The
tasks in ``quotes/tasks.py`` call these; so does ``import_articles`` for a
feed or sitemap given as a file or URL (``collect()``).
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from quotes import importing
from quotes.models import Article, FailedLink, Source

from . import documents, fetching
from .documents import Link

logger = logging.getLogger(__name__)

# A source that fails this many polls in a row is turned off, its last error
# shown in admin, until an editor turns it on again.
MAX_FAILED_POLLS = 5
MAX_CHILD_SITEMAPS = 50  # sitemaps read from one sitemap index per poll
XML_SUFFIXES = {".xml", ".rss", ".atom", ".gz"}


@dataclass
class Poll:
    """What one poll of a source found."""

    status: str  # "new links", "not modified" or "failed"
    links: list[Link] = field(default_factory=list)  # new: not imported, not given up on
    listed: int = 0  # links the document lists
    reason: str = ""
    etag: str = ""
    last_modified: str = ""


@dataclass
class Later:
    """The link's host may not be asked yet: its turn, reserved, is at ``turn``
    (a Unix time), ``seconds`` from now."""

    seconds: float
    turn: float


# Polling --------------------------------------------------------------------------


def claim_due(now: datetime.datetime | None = None) -> list[int]:
    """Ids of the sources due for a poll, marked as polled now so that the
    next ``poll_sources`` (cron or beat, a minute later) does not queue them
    again while their poll waits for a worker. Sources another process is
    claiming at the same moment are skipped, not waited for."""
    now = now or timezone.now()
    with transaction.atomic():
        due = Source.objects.due(now).select_for_update(skip_locked=True).order_by("pk")
        ids = list(due.values_list("pk", flat=True))
        Source.objects.filter(pk__in=ids).update(last_polled_at=now)
    return ids


def poll(source: Source) -> Poll:
    """Fetch ``source`` (robots.txt, host delay, conditional GET) and list its
    new links. Nothing is stored: ``record()`` does that once the links are
    queued, so a worker dying in between polls again rather than loses them."""
    try:
        response = _polite_get(source.url, etag=source.etag, last_modified=source.last_modified)
        if response is None:
            return Poll("not modified", etag=source.etag, last_modified=source.last_modified)
        if source.kind == Source.Kind.PAGE:
            listed = [Link(url=source.url)]
        else:
            listed = _links(response)
    except importing.BadInput as exc:
        return Poll("failed", reason=str(exc))
    except Exception as exc:  # noqa: BLE001 - shown on the source in admin, not lost in a log
        logger.exception("Polling %s failed", source.url)
        return Poll("failed", reason=importing.one_line(exc))
    links = new_links(listed)
    return Poll(
        "new links", links=links, listed=len(listed),
        etag=response.etag, last_modified=response.last_modified,
    )


def _links(response: fetching.Response) -> list[Link]:
    return _expand(_parse(response.body))


def _expand(document: documents.Document) -> list[Link]:
    """The document's links, and those of the sitemaps a sitemap index lists."""
    links = list(document.links)
    for url in document.sitemaps[:MAX_CHILD_SITEMAPS]:
        child = _polite_get(url)
        if child is not None:
            links.extend(_parse(child.body).links)
    return links


def _unzipped(body: bytes) -> bytes:
    try:
        return documents.ungzip(body, settings.IMPORT_MAX_BYTES)
    except documents.NotADocument as exc:
        raise importing.BadInput(str(exc)) from None


def _parse(body: bytes) -> documents.Document:
    try:
        return documents.parse(_unzipped(body))
    except documents.NotADocument as exc:
        raise importing.BadInput(str(exc)) from None


def new_links(links: list[Link]) -> list[Link]:
    """``links`` in their stored spelling, without duplicates, bad URLs, those
    already imported and those given up on; at most ``SOURCES_MAX_LINKS``."""
    unique: dict[str, Link] = {}
    for link in links:
        try:
            url = importing.check_url(link.url)
        except importing.BadInput:
            continue
        if url and url not in unique:
            unique[url] = Link(url, link.title, link.author, link.published_on)
    urls = list(unique)
    known: set[str] = set()
    for start in range(0, len(urls), 1000):
        batch = urls[start : start + 1000]
        known.update(Article.objects.filter(url__in=batch).values_list("url", flat=True))
        known.update(FailedLink.objects.filter(url__in=batch).values_list("url", flat=True))
    fresh = [link for url, link in unique.items() if url not in known]
    return fresh[: settings.SOURCES_MAX_LINKS]


def record(source: Source, result: Poll) -> None:
    """Store what a poll found on the source: validators, times, counts, errors."""
    now = timezone.now()
    changes = {"last_polled_at": now}
    if result.status == "failed":
        failures = source.failures_in_a_row + 1
        changes |= {"last_error_at": now, "failures_in_a_row": failures,
                    "last_error": result.reason[:500]}
        if failures >= MAX_FAILED_POLLS:
            changes |= {"active": False, "last_error": (
                f"stopped after {failures} failed polls: {result.reason}")[:500]}
    else:
        changes |= {"last_success_at": now, "failures_in_a_row": 0, "last_error": "",
                    "etag": result.etag, "last_modified": result.last_modified,
                    "found_count": F("found_count") + len(result.links)}
    Source.objects.filter(pk=source.pk).update(**changes)


def _polite_get(url: str, **validators) -> fetching.Response | None:
    """A GET that robots.txt allows, after the host's delay (sleeping for it)."""
    allowed, delay = fetching.allowed(url)
    if not allowed:
        raise fetching.FetchError("robots.txt does not allow it")
    time.sleep(fetching.take_turn(url, delay))
    return fetching.get(url, **validators)


# Importing one link -----------------------------------------------------------------


def import_link(
    link: Link, source: Source | None = None, *, max_wait: float | None = None,
    turn: float | None = None,
) -> importing.Outcome | Later:
    """Fetch one article page and store it. A link already imported is not
    fetched again ("unchanged").

    The host's turn is reserved here; with ``max_wait``, a turn further off
    than that gives ``Later`` instead of a sleeping worker, and the task comes
    back with ``turn``, the moment it holds, and fetches then without queuing
    again. Raises ``BadInput`` (``FetchError`` with ``transient`` for what a
    retry may cure) with the one-line reason.
    """
    url = importing.check_url(link.url)
    existing = Article.objects.filter(url=url).first()
    if existing is not None:
        return importing.Outcome(url, "unchanged", reason="already imported", article=existing)
    allowed, delay = fetching.allowed(url)
    if not allowed:
        raise fetching.FetchError("robots.txt does not allow it")
    if turn is not None:
        wait = turn - time.time()
    else:
        wait = fetching.take_turn(url, delay)
        if max_wait is not None and wait > max_wait:
            return Later(wait, time.time() + wait)
    time.sleep(max(0.0, wait))
    return store(page_source(url, fetching.get(url), link, source), source)


def store(article: importing.Source, source: Source | None = None) -> importing.Outcome:
    """``importing.import_source``, with a lost race for the URL reported as "unchanged".

    Workers race for more than articles: two new articles naming the same
    unknown outlet or person both try to create it. That race is settled
    inside the transaction (``speakers.create_once``: the unique slug, a
    savepoint, the winner's row), so only the article's own URL is left here.
    """
    try:
        outcome = importing.import_source(article)
    except IntegrityError:
        # Another worker stored the same URL between our look and our insert:
        # the unique constraint kept it to one article, which is what we wanted.
        stored = Article.objects.filter(url=article.meta.url).first()
        if stored is None:
            raise
        return importing.Outcome(article.label, "unchanged", article=stored,
                                 reason="imported meanwhile by another worker")
    if source is not None and outcome.status == "created":
        Source.objects.filter(pk=source.pk).update(imported_count=F("imported_count") + 1)
    return outcome


def page_source(
    url: str, response: fetching.Response, link: Link, source: Source | None = None,
    overrides: importing.Metadata | None = None,
) -> importing.Source:
    """An article page as the importer's input: its text and metadata cleaned by
    trafilatura; what the feed said fills what the page lacks; the source's
    outlet (or the caller's options) win over both."""
    if "html" in response.content_type or documents.kind_of(response.body) == documents.PAGE:
        kind, meta = "html", importing.Metadata()
    elif response.content_type.startswith("text/"):
        kind, meta = "text", importing.Metadata(url=url)
    else:
        raise fetching.FetchError(
            f"cannot import content of type {response.content_type or 'unknown'}"
        )
    overrides = overrides or importing.Metadata()
    if source is not None and source.outlet_id and overrides.outlet is None:
        overrides = importing.Metadata(outlet=source.outlet.name).over(overrides)
    [found] = importing.sources_from_bytes(
        response.body, source=url, kind=kind, meta=meta, overrides=overrides,
        encoding=response.charset, url=response.final_url,
    )
    found.meta = found.meta.over(hints(link))
    return found


def hints(link: Link) -> importing.Metadata:
    """What a feed or sitemap says about a link, as importer metadata (a date
    it cannot read is dropped: it is a hint, not an input error)."""
    try:
        published_on = importing.parse_date(link.published_on)
    except importing.BadInput:
        published_on = None
    return importing.Metadata(title=link.title, author=link.author, published_on=published_on)


def give_up(link: Link, source: Source | None, reason: str, attempts: int) -> FailedLink:
    """List the link in admin with its reason; it is not fetched again until
    an editor retries it."""
    failure, _ = FailedLink.objects.update_or_create(
        url=link.url[:2000],
        defaults={"source": source, "reason": reason[:500], "attempts": attempts},
    )
    return failure


# import_articles: feeds and sitemaps as files or URLs -------------------------------


def collect(targets: list[str], overrides: importing.Metadata) -> list[importing.Pending]:
    """``importing.collect()``, plus RSS/Atom feeds and sitemaps: a ``.xml``,
    ``.rss`` or ``.atom`` file, or a URL that turns out to be one, becomes its
    linked articles, each fetched politely (robots.txt, host delay). A URL
    that is an article page is handed to the importer as before, which
    fetches it a second time: one wasted request per URL typed by a person,
    and no edit to the importer's URL loader (see README)."""
    pending: list[importing.Pending] = []
    for target in targets:
        path = Path(target)
        if importing.printable(target) != target:
            pending.extend(importing.collect([target], overrides))  # its own one-line reason
        elif _is_xml_file(path):
            pending.append(importing.Pending(target, _file_loader(path, overrides)))
        elif target.lower().startswith(("http://", "https://")):
            pending.append(importing.Pending(target, _url_loader(target, overrides)))
        else:
            pending.extend(importing.collect([target], overrides))
    return pending


def _is_xml_file(path: Path) -> bool:
    try:
        return any(s in XML_SUFFIXES for s in path.suffixes[-2:]) and path.is_file()
    except OSError:  # a name too long...: the importer gives the reason
        return False


def _file_loader(path: Path, overrides: importing.Metadata):
    def load():
        return _articles(_expand(_parse(importing.read_bytes(path))), overrides)

    return load


def _url_loader(url: str, overrides: importing.Metadata):
    def load():
        # The importer's own fetch: the same limits and reasons as any URL.
        data = importing.fetch(url)[0]
        if documents.kind_of(_unzipped(data)) in (documents.FEED, documents.SITEMAP):
            return _articles(_expand(_parse(data)), overrides)
        [page] = importing.collect([url], overrides)
        return page.load()

    return load


def _articles(
    links: list[Link], overrides: importing.Metadata
) -> list[importing.Source | importing.BadInput]:
    """Each linked page fetched and cleaned; one already imported is read from
    the database instead (the importer then calls it "unchanged")."""
    found: list[importing.Source | importing.BadInput] = []
    overrides = dataclasses.replace(overrides, url=None)  # --url names one article, not each
    for link in links:
        try:
            url = importing.check_url(link.url)
            stored = Article.objects.filter(url=url).first()
            if stored is not None:
                found.append(importing.Source(stored.text, url, importing.Metadata(url=url)))
                continue
            response = _polite_get(url)
            found.append(page_source(url, response, link, overrides=overrides))
        except importing.BadInput as exc:
            found.append(importing.BadInput(str(exc), link.url))
    return found


def detect_kind(url: str) -> str:
    """Whether ``url`` is a feed, a sitemap or a page, from what it serves."""
    response = _polite_get(url)
    kind = documents.kind_of(_unzipped(response.body))
    if kind is None and "html" in response.content_type:
        kind = documents.PAGE
    if kind is None:
        raise importing.BadInput(
            f"neither a feed, a sitemap nor a page ({response.content_type or 'no type'}); "
            "say which with --kind"
        )
    return kind
