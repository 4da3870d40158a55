"""Links out of feeds and sitemaps: bytes in, ``Link``s out. No network, no database.

Feeds (RSS 0.9x-2.0, RSS 1.0, Atom) are read by feedparser, which copes with
the malformed ones the web is full of. Sitemaps (sitemaps.org urlset and
sitemap index, Google News extensions) are read by lxml with entities,
network access and huge trees turned off, so a hostile sitemap can neither
expand a billion laughs nor fetch anything; their size is bounded before
they get here (``IMPORT_MAX_BYTES``, gzip included).
"""

from __future__ import annotations

import datetime
import gzip
import io
import time
import warnings
import zlib
from dataclasses import asdict, dataclass, field

from lxml import etree

FEED, SITEMAP, PAGE = "feed", "sitemap", "page"
FEED_ROOTS = {"rss", "feed", "RDF", "channel"}
SITEMAP_ROOTS = {"urlset", "sitemapindex"}


class NotADocument(ValueError):
    """Bytes that are neither a feed nor a sitemap; ``str()`` says why."""


@dataclass(frozen=True)
class Link:
    """An article link and what the feed or sitemap says about it. The page's
    own metadata wins; these fill what it lacks."""

    url: str
    title: str | None = None
    author: str | None = None
    published_on: str | None = None  # ISO date: links travel as task arguments (JSON)

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Document:
    """What one feed or sitemap lists: article links, and (a sitemap index) more sitemaps."""

    kind: str
    links: list[Link] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def ungzip(data: bytes, limit: int) -> bytes:
    """``data``, gunzipped if it is gzip (``sitemap.xml.gz``), never past ``limit`` bytes."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as unzipped:
            out = unzipped.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise NotADocument(f"broken gzip data ({exc})") from None
    if len(out) > limit:
        raise NotADocument(f"more than {limit:,} bytes once unzipped")
    return out


def kind_of(data: bytes) -> str | None:
    """FEED, SITEMAP or PAGE (HTML) from the document's first element, or None."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return PAGE
    root = _root_name(data)
    if root in FEED_ROOTS:
        return FEED
    if root in SITEMAP_ROOTS:
        return SITEMAP
    if root == "html":
        return PAGE
    return None


def _root_name(data: bytes) -> str | None:
    parser = etree.XMLPullParser(
        events=("start",), resolve_entities=False, no_network=True, recover=True
    )
    try:
        for start in range(0, min(len(data), 65536), 4096):
            parser.feed(data[start : start + 4096])
            for _event, element in parser.read_events():
                return etree.QName(element).localname
    except etree.XMLSyntaxError:
        return None
    return None


def parse(data: bytes) -> Document:
    """The links of a feed or sitemap; ``NotADocument`` for anything else."""
    kind = kind_of(data)
    if kind == FEED:
        return parse_feed(data)
    if kind == SITEMAP:
        return parse_sitemap(data)
    raise NotADocument("not an RSS/Atom feed or an XML sitemap")


def parse_feed(data: bytes) -> Document:
    import feedparser  # imported late: only feeds need it

    feed = feedparser.parse(data)
    if not feed.get("version") and not feed.entries:
        reason = feed.get("bozo_exception") or "no entries"
        raise NotADocument(f"not a readable feed ({' '.join(str(reason).split())[:200]})")
    links = []
    for entry in feed.entries:
        url = entry.get("link") or _alternate(entry)
        if not url:
            continue
        with warnings.catch_warnings():  # feedparser's notice about updated_parsed
            warnings.simplefilter("ignore", DeprecationWarning)
            when = entry.get("published_parsed") or entry.get("updated_parsed")
        links.append(
            Link(
                url=url.strip(),
                title=_text(entry.get("title")),
                author=_text(entry.get("author")),
                published_on=_date(when),
            )
        )
    return Document(FEED, links)


def _alternate(entry) -> str | None:
    for link in entry.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link["href"]
    return None


def _text(value) -> str | None:
    text = " ".join(str(value or "").split())
    return text or None


def _date(when: time.struct_time | None) -> str | None:
    if not when:
        return None
    try:
        return datetime.date(when.tm_year, when.tm_mon, when.tm_mday).isoformat()
    except ValueError:
        return None


_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True,
    remove_pis=True, recover=False,
)


def parse_sitemap(data: bytes) -> Document:
    try:
        root = etree.fromstring(data, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise NotADocument(f"malformed sitemap ({' '.join(str(exc).split())[:200]})") from None
    name = etree.QName(root).localname
    if name == "sitemapindex":
        found = [_child(item, "loc") for item in root if _local(item) == "sitemap"]
        return Document(SITEMAP, sitemaps=[url for url in found if url])
    if name != "urlset":
        raise NotADocument(f"not a sitemap (<{name}>)")
    links = []
    for item in root:
        if _local(item) != "url" or not (url := _child(item, "loc")):
            continue
        news = next((child for child in item if _local(child) == "news"), None)
        title = _child(news, "title") if news is not None else None
        published = (_child(news, "publication_date") if news is not None else None) or _child(
            item, "lastmod"
        )
        links.append(Link(url=url, title=title, published_on=_iso_date(published)))
    # Newest first, so a capped poll takes the latest articles.
    links.sort(key=lambda link: link.published_on or "", reverse=True)
    return Document(SITEMAP, links)


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _child(element, name: str) -> str | None:
    for child in element:
        if _local(child) == name:
            return _text(child.text)
    return None


def _iso_date(value: str | None) -> str | None:
    """The date part of a W3C datetime ("2025-10-01", "2025-10-01T09:30:00+03:00")."""
    if not value or len(value) < 10:
        return None
    try:
        return datetime.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None
