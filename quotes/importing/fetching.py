"""Fetching a URL for the importer: within ``IMPORT_MAX_BYTES`` and
``IMPORT_URL_TIMEOUT``, redirects to http(s) only, one-line reasons.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from urllib.parse import urljoin, urlsplit

from django.conf import settings

from .metadata import BadInput

USER_AGENT = "diplomacy-importer/1.0 (+https://github.com/)"


def max_bytes() -> int:
    """The largest file, response or article accepted (``IMPORT_MAX_BYTES``);
    read at each call, so a test's settings override applies."""
    return settings.IMPORT_MAX_BYTES


def human_size(n: int) -> str:
    """``n`` bytes as a reason shows them: "512 bytes", "3.5 KB", "10.0 MB"."""
    if n >= 1_048_576:
        return f"{n / 1_048_576:.1f} MB"
    return f"{n / 1024:.1f} KB" if n >= 1024 else f"{n} bytes"


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) URLs only: urllib also follows ``ftp://``,
    and refuses ``file:`` or ``javascript:`` with a message that reads like a
    loop. Either way the reason names where the redirect pointed."""

    def http_error_302(self, req, fp, code, msg, headers):
        location = headers.get("Location") or headers.get("URI")
        if location:
            target = urljoin(req.full_url, location)
            if urlsplit(target).scheme.lower() not in ("http", "https"):
                fp.close()
                raise BadInput(f"redirected to a URL that is not http(s): {target[:100]!r}")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


# Every fetch of the importer and of quotes.sources goes through this opener.
opener = urllib.request.build_opener(_HttpOnlyRedirects)


def fetch(url: str) -> tuple[bytes, str, str | None, str]:
    """GET ``url`` within ``IMPORT_URL_TIMEOUT`` seconds and ``IMPORT_MAX_BYTES``.

    The timeout bounds the whole download, not only each read: a server that
    trickles a byte a second would otherwise hold the import for hours. A body
    shorter than its Content-Length was cut off, and is refused.
    Returns (body, content type, charset or None, final URL after redirects).
    """
    timeout = settings.IMPORT_URL_TIMEOUT
    deadline = time.monotonic() + timeout
    try:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length", "").strip()
            length = int(length) if length.isdigit() and len(length) < 20 else None
            if length is not None and length > max_bytes():
                raise BadInput(
                    f"response too large ({human_size(length)}; limit {human_size(max_bytes())})"
                )
            data = read_within(response, deadline, timeout)
            if length is not None and len(data) < length:
                raise BadInput(f"download cut off ({len(data):,} of {length:,} bytes)")
            content_type = response.headers.get_content_type() or ""
            charset = response.headers.get_content_charset()
            final_url = response.geturl()
    except urllib.error.HTTPError as exc:
        reason = " ".join(str(exc.reason).split())
        if 300 <= exc.code < 400 and "redirect" in reason.lower():
            reason = "too many redirects"  # urllib's own text runs to three lines
        raise BadInput(f"HTTP {exc.code} {reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise BadInput(f"timed out after {timeout:g} s") from None
        reason = getattr(reason, "strerror", None) or reason
        raise BadInput(f"cannot reach the server ({reason})") from None
    except TimeoutError:
        raise BadInput(f"timed out after {timeout:g} s") from None
    except http.client.IncompleteRead as exc:  # a chunked body that stopped early
        raise BadInput(f"download cut off ({len(exc.partial):,} bytes)") from None
    except (OSError, ValueError, http.client.HTTPException) as exc:
        # http.client's errors (RemoteDisconnected, IncompleteRead...) and bad URLs.
        raise BadInput(f"cannot fetch: {exc}") from None
    if not data.strip():
        raise BadInput("empty response")
    return data, content_type, charset, final_url


def read_within(response, deadline: float, timeout: float) -> bytes:
    """The body, read in chunks until ``deadline``; one byte more than the
    limit is enough to know a server lied about its length."""
    chunks, size = [], 0
    while chunk := response.read1(65536):
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes():
            raise BadInput(f"response too large (over {human_size(max_bytes())})")
        if time.monotonic() > deadline:
            raise BadInput(f"timed out after {timeout:g} s")
    return b"".join(chunks)
