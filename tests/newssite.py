"""A small news site on 127.0.0.1 for tests: RSS feeds, sitemaps, article pages
and robots.txt, served by a real HTTP server that records every request.

Feeds and sitemaps answer conditional GETs (ETag and Last-Modified) with 304.
A path in ``together`` is answered only once two requests for it are waiting
(or after a few seconds), so two workers fetching the same page are made to
store it at the same moment.
"""

from __future__ import annotations

import hashlib
import http.server
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email.utils import formatdate
from xml.sax.saxutils import escape

CITIES = ["Geneva", "Vienna", "Istanbul", "Doha", "Helsinki", "Oslo", "Riyadh", "Minsk"]


def article_html(n: int, *, title: str | None = None, canonical: str | None = None,
                 date: str | None = None) -> bytes:
    """An article page with one quote by Dmitry Peskov and one by Marco Rubio.
    ``title=None`` and ``date=None`` leave them out, for the feed to supply."""
    city = CITIES[n % len(CITIES)]
    head = f"<title>{escape(title)}</title>" if title else ""
    if canonical:
        head += f'<link rel="canonical" href="{escape(canonical)}">'
    if date:
        head += f'<meta property="article:published_time" content="{date}">'
    body = f"""
    <p>Delegations met in {city} on day {n} of the talks, officials said on Tuesday
    after a long session that ran late into the evening.</p>
    <p>“We are ready to continue the talks in {city} for as long as it takes,” Kremlin
    spokesman Dmitry Peskov told reporters after round {n}.</p>
    <p>“The next meeting will decide a great deal about the ceasefire,” Marco Rubio said
    in a statement released by the State Department later that day.</p>
    <p>Neither side gave a date for the next round, and observers in {city} said the
    gap between the positions remained wide after session number {n}.</p>
    """
    return f"<!doctype html><html><head>{head}</head><body><article>{body}</article>" \
           f"</body></html>".encode()


def rss(items: list[dict], title: str = "Test News") -> bytes:
    """An RSS 2.0 feed; each item has ``link`` and optionally ``title``, ``date``
    (an RFC 822 date) and ``author``."""
    entries = "".join(
        "<item>"
        + f"<link>{escape(item['link'])}</link>"
        + (f"<title>{escape(item['title'])}</title>" if item.get("title") else "")
        + (f"<pubDate>{item['date']}</pubDate>" if item.get("date") else "")
        + (f"<author>{escape(item['author'])}</author>" if item.get("author") else "")
        + "</item>"
        for item in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{title}</title><link>http://127.0.0.1/</link>{entries}</channel></rss>"
            ).encode()


def sitemap(urls: list[str], lastmod: str = "2025-10-01") -> bytes:
    entries = "".join(f"<url><loc>{escape(u)}</loc><lastmod>{lastmod}</lastmod></url>"
                      for u in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
            ).encode()


def sitemap_index(urls: list[str]) -> bytes:
    entries = "".join(f"<sitemap><loc>{escape(u)}</loc></sitemap>" for u in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}'
            "</sitemapindex>").encode()


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0
    conditional: bool = False  # answers If-None-Match / If-Modified-Since
    headers: dict = field(default_factory=dict)  # sent as they are ("Location": ...)


@dataclass
class NewsSite:
    pages: dict[str, Page] = field(default_factory=dict)
    requests: list[tuple[str, dict]] = field(default_factory=list)
    together: set[str] = field(default_factory=set)
    url: str = ""

    def __post_init__(self):
        self._lock = threading.Lock()
        self._waiting: dict[str, threading.Event] = {}
        self._count: Counter = Counter()

    def add(self, path: str, body: bytes, **options) -> str:
        self.pages[path] = Page(body, **options)
        return self.url + path

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)

    def start(self) -> NewsSite:
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                site.requests.append((self.path, dict(self.headers)))
                page = site.pages.get(self.path.split("#")[0])
                if page is None:
                    return self.reply(404, "text/html", b"<h1>Not Found</h1>")
                if self.path in site.together:
                    site.meet(self.path)
                time.sleep(page.delay)
                etag = '"' + hashlib.sha1(page.body).hexdigest()[:16] + '"'
                if page.conditional and self.headers.get("If-None-Match") == etag:
                    return self.reply(304, page.content_type, b"")
                validators = {"ETag": etag, "Last-Modified": formatdate(0, usegmt=True)}
                self.reply(page.status, page.content_type, page.body,
                           {**page.headers, **(validators if page.conditional else {})})

            def reply(self, status, content_type, body, headers=None):
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    headers = {"Content-Length": str(len(body)), **(headers or {})}
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass  # the client went away (a killed worker)

            def log_message(self, *args):
                pass

        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        return self

    def meet(self, path: str, timeout: float = 8.0) -> None:
        """Hold a request until a second one for ``path`` arrives (or ``timeout``)."""
        with self._lock:
            self._count[path] += 1
            event = self._waiting.setdefault(path, threading.Event())
            if self._count[path] % 2 == 0:
                event.set()
                self._waiting.pop(path)
                return
        event.wait(timeout)

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
