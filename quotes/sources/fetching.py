"""Fetching for sources: conditional GET, robots.txt, and a delay per host that
every worker respects.

``get()`` has the importer's limits and one-line reasons (``IMPORT_MAX_BYTES``,
``IMPORT_URL_TIMEOUT`` for the whole download, ``importing.fetching.read_within``,
its opener that follows redirects to http(s) only, bodies cut off refused), and
adds what polling needs: ``If-None-Match`` / ``If-Modified-Since``, the
response's validators, and whether a failure is worth retrying.
"""

from __future__ import annotations

import datetime
import http.client
import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from quotes import importing
from quotes.importing.fetching import USER_AGENT, human_size, opener, read_within
from quotes.models import Host

ROBOTS_MAX_AGE = datetime.timedelta(days=1)
# A robots.txt that could not be read (server error, unreachable) means "disallow
# all" (RFC 9309, 2.3.1.4), but only until it is asked for again, this soon.
ROBOTS_RETRY = datetime.timedelta(minutes=10)
ROBOTS_MAX_BYTES = 512 * 1024  # what RFC 9309 asks crawlers to read at least
MAX_CRAWL_DELAY = 60.0  # a robots.txt asking for more is not polled faster than this
DISALLOW_ALL = "User-agent: *\nDisallow: /\n"


class FetchError(importing.BadInput):
    """A failed fetch: ``str()`` is the one-line reason; ``transient`` says
    whether trying again later may help (timeouts, 5xx, 429, refused
    connections), unlike a 404 or a page with no article."""

    def __init__(self, reason: str, *, transient: bool = False, status: int | None = None):
        super().__init__(reason)
        self.transient = transient
        self.status = status


@dataclass
class Response:
    body: bytes
    content_type: str
    charset: str | None
    final_url: str
    etag: str = ""
    last_modified: str = ""


def get(
    url: str, *, etag: str = "", last_modified: str = "", limit: int | None = None
) -> Response | None:
    """GET ``url``; None when the server answers 304 Not Modified to the
    validators given. ``FetchError`` with a one-line reason otherwise."""
    limit = limit or settings.IMPORT_MAX_BYTES
    timeout = settings.IMPORT_URL_TIMEOUT
    deadline = time.monotonic() + timeout
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        request = urllib.request.Request(url, headers=headers)
        # The importer's opener: redirects are followed to http(s) URLs only.
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length", "").strip()
            length = int(length) if length.isdigit() and len(length) < 20 else None
            if length is not None and length > limit:
                raise FetchError(f"response too large ({human_size(length)}; "
                                 f"limit {human_size(limit)})")
            body = _read(response, deadline, timeout, limit)
            if length is not None and len(body) < length:
                raise FetchError(f"download cut off ({len(body):,} of {length:,} bytes)",
                                 transient=True)
            return Response(
                body=body,
                content_type=response.headers.get_content_type() or "",
                charset=response.headers.get_content_charset(),
                final_url=response.geturl(),
                etag=(response.headers.get("ETag") or "")[:500],
                last_modified=(response.headers.get("Last-Modified") or "")[:100],
            )
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return None
        reason = " ".join(str(exc.reason).split())
        transient = exc.code >= 500 or exc.code in (408, 429)
        raise FetchError(
            f"HTTP {exc.code} {reason}", transient=transient, status=exc.code
        ) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise FetchError(f"timed out after {timeout:g} s", transient=True) from None
        reason = getattr(exc.reason, "strerror", None) or exc.reason
        raise FetchError(f"cannot reach the server ({reason})", transient=True) from None
    except TimeoutError:
        raise FetchError(f"timed out after {timeout:g} s", transient=True) from None
    except FetchError:
        raise
    except importing.BadInput as exc:  # too large, too slow, redirected off http(s)
        raise FetchError(str(exc), transient="timed out" in str(exc)) from None
    except http.client.IncompleteRead as exc:  # a chunked body that stopped early
        raise FetchError(f"download cut off ({len(exc.partial):,} bytes)", transient=True) from None
    except (OSError, ValueError, http.client.HTTPException) as exc:
        transient = isinstance(exc, OSError | http.client.HTTPException)
        raise FetchError(f"cannot fetch: {exc}", transient=transient) from None


def _read(response, deadline: float, timeout: float, limit: int) -> bytes:
    if limit == settings.IMPORT_MAX_BYTES:
        return read_within(response, deadline, timeout)
    chunks, size = [], 0
    while chunk := response.read1(65536):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise FetchError(f"response too large (over {human_size(limit)})")
        if time.monotonic() > deadline:
            raise FetchError(f"timed out after {timeout:g} s", transient=True)
    return b"".join(chunks)


def host_of(url: str) -> str:
    """``host[:port]``, lower-cased: the unit of politeness."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return f"{host}:{parts.port}" if parts.port else host


def robots_for(url: str) -> urllib.robotparser.RobotFileParser:
    """The robots.txt rules of ``url``'s host, read at most once a day by all
    workers together (kept on its ``Host`` row)."""
    name = host_of(url)
    host = Host.objects.filter(name=name).first()
    now = timezone.now()
    read_at = host.robots_fetched_at if host else None
    if read_at is None or now - read_at > ROBOTS_MAX_AGE:
        text, read_at = _fetch_robots(url, now)
        Host.objects.bulk_create([Host(name=name)], ignore_conflicts=True)
        Host.objects.filter(name=name).update(robots_txt=text, robots_fetched_at=read_at)
    else:
        text = host.robots_txt
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(text.splitlines())
    return parser


def _fetch_robots(url: str, now: datetime.datetime) -> tuple[str, datetime.datetime]:
    parts = urlsplit(url)
    try:
        response = get(f"{parts.scheme}://{parts.netloc}/robots.txt", limit=ROBOTS_MAX_BYTES)
    except FetchError as exc:
        if exc.status and 400 <= exc.status < 500:
            return "", now  # no robots.txt: everything allowed
        return DISALLOW_ALL, now - ROBOTS_MAX_AGE + ROBOTS_RETRY
    body = response.body if response else b""
    return body.decode("utf-8", "replace"), now


def allowed(url: str) -> tuple[bool, float]:
    """Whether robots.txt lets us fetch ``url``, and the delay its host asks for."""
    rules = robots_for(url)
    agent = USER_AGENT
    delay = float(rules.crawl_delay(agent) or 0)
    delay = min(max(delay, settings.SOURCES_HOST_DELAY), MAX_CRAWL_DELAY)
    return rules.can_fetch(agent, url), delay


def take_turn(url: str, delay: float) -> float:
    """Reserve the next moment ``url``'s host may be asked for a page, and return
    how many seconds from now that is. Workers on any machine share the
    reservation (a locked row), so the host sees one request per ``delay``
    however many workers there are. The caller waits that long, or (a worker)
    comes back at that moment with the turn it holds.
    """
    name = host_of(url)
    Host.objects.bulk_create([Host(name=name)], ignore_conflicts=True)
    with transaction.atomic():
        host = Host.objects.select_for_update().get(name=name)
        now = timezone.now()
        start = max(now, host.next_fetch_at)
        host.next_fetch_at = start + datetime.timedelta(seconds=delay)
        host.save(update_fields=["next_fetch_at"])
    return (start - now).total_seconds()
