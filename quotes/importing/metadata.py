"""What an input says about its article, checked: ``Metadata`` and the checks
of dates, URLs, names and text; ``BadInput``, the one-line reason an input is
refused.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from ..models import Article


class BadInput(Exception):
    """An input that cannot be imported; ``str()`` is the one-line reason."""

    def __init__(self, reason: str, label: str = ""):
        super().__init__(reason)
        self.label = label


def one_line(exc: Exception) -> str:
    """The one-line reason for an unexpected exception ("ValueError: ..."),
    shown where a ``BadInput``'s reason would be."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"[:300]


@dataclass(frozen=True)
class Metadata:
    """What is known about an article besides its text. None means "not given"."""

    title: str | None = None
    url: str | None = None
    author: str | None = None
    outlet: str | None = None
    published_on: datetime.date | None = None
    site_name: str | None = None  # from HTML: used only when no outlet is named

    def over(self, base: Metadata) -> Metadata:
        """These values where given, ``base``'s elsewhere."""
        values = {}
        for name in self.__dataclass_fields__:
            mine = getattr(self, name)
            values[name] = mine if mine is not None else getattr(base, name)
        return Metadata(**values)


MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}


def parse_date(value) -> datetime.date | None:
    """A publication date from ISO ("2025-10-01", "2025-10-01T09:30:00Z"),
    "1 October 2025" or "October 1, 2025". Anything else is ``BadInput``:
    "03/04/2025" is April in London and March in New York, so it is refused
    rather than guessed."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.date):
        return value
    text = " ".join(str(value).split())
    shown = repr(text if len(text) <= 60 else text[:57] + "...")
    # Days have one or two digits and years four: "1 October 99999999999999999999"
    # is no date (and would overflow datetime), whatever its month says.
    day, year = r"(?P<day>\d{1,2})", r"(?P<year>\d{4})"
    month = r"(?P<month>[A-Za-z]+)\.?"
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return datetime.date.fromisoformat(text)
        if re.match(r"\d{4}-\d{2}-\d{2}[T ]", text) and len(text) <= 40:
            return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        found = re.fullmatch(rf"{day} {month},? {year}", text) or re.fullmatch(
            rf"{month} {day}(?:st|nd|rd|th)?,? {year}", text
        )
        if found and found["month"].lower() in MONTHS:
            return datetime.date(
                int(found["year"]), MONTHS[found["month"].lower()], int(found["day"])
            )
    except (ValueError, OverflowError):
        raise BadInput(f"no such date {shown}") from None  # 2025-02-30
    raise BadInput(f"unknown date format {shown} (use YYYY-MM-DD)")


def check_text(text: str, what: str = "text") -> str:
    """``text`` if PostgreSQL can store it: no NUL character and no lone UTF-16
    surrogate (a JSON "\\ud800" escape), else ``BadInput`` saying where."""
    if "\x00" in text:
        raise BadInput(f"{what} has a NUL character (position {text.index(chr(0))})")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise BadInput(f"{what} is not valid Unicode (position {exc.start})") from None
    return text


def _clean(value, what: str = "metadata") -> str | None:
    if value is None:
        return None
    text = " ".join(check_text(str(value), what).split())
    return text or None


_http_url = URLValidator(schemes=["http", "https"])
# Links that track a click, not the page: dropped from an article's URL.
TRACKING_PARAMETER = re.compile(r"utm_\w*", re.I)


def canonical_url(url: str) -> str:
    """One spelling per page: scheme and host lower-cased, default port, fragment
    and ``utm_*`` parameters dropped, an empty path as "/". The same page read as
    ``HTTP://Example.org/a#top`` and ``http://example.org/a?utm_source=x`` is one
    article."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"  # IPv6
    port = parts.port
    if port and (scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    if parts.username:
        userinfo = parts.username + (f":{parts.password}" if parts.password else "")
        host = f"{userinfo}@{host}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        kept = [(k, v) for k, v in pairs if not TRACKING_PARAMETER.fullmatch(k)]
        if len(kept) != len(pairs):
            query = urlencode(kept)
    return urlunsplit((scheme, host, parts.path or "/", query, ""))


def check_url(value: str | None) -> str | None:
    """An article URL in its canonical spelling, if it is an http(s) URL. Pages
    link to it, so "javascript:..." or "file:///..." from a feed must never be
    stored."""
    if value is None:
        return None
    check_text(value, "URL")
    try:
        _http_url(value)
        value = canonical_url(value)
    except (ValidationError, ValueError):  # ValueError: urlsplit on a bad port or IPv6
        raise BadInput(f"not an http(s) URL: {value[:100]!r}") from None
    if len(value) > Article._meta.get_field("url").max_length:
        raise BadInput(f"URL too long ({len(value)} characters)")
    return value


def check_name(value: str | None, what: str = "outlet") -> str | None:
    """An outlet's name, if it has a letter or digit: a page titled "Talks
    resume — ." must not name an outlet ".", which no one could tell apart."""
    value = _clean(value, what)
    if value is not None and not re.search(r"\w", value):
        raise BadInput(f"{what} {value[:40]!r} has no letters")
    return value


def metadata_from_dict(data: dict) -> Metadata:
    """Metadata from a manifest entry, sidecar or feed line (unknown keys ignored)."""
    if not isinstance(data, dict):
        raise BadInput("metadata must be a JSON object")
    outlet = data.get("outlet")
    if isinstance(outlet, dict):  # {"name": "TASS", ...}
        outlet = outlet.get("name")
    return Metadata(
        title=_clean(data.get("title"), "title"),
        url=check_url(_clean(data.get("url"), "URL")),
        author=_clean(data.get("author"), "author"),
        outlet=check_name(outlet),
        published_on=parse_date(data.get("published_on") or data.get("date")),
    )


def metadata_from_options(
    *, title=None, url=None, author=None, outlet=None, date=None
) -> Metadata:
    """The command's options as Metadata, checked before anything is read:
    ``BadInput`` names the option ("--date: no such date ...")."""
    checks = {
        "title": lambda: _clean(title, "title"),
        "url": lambda: check_url(_clean(url, "URL")),
        "author": lambda: _clean(author, "author"),
        "outlet": lambda: check_name(outlet),
        "published_on": lambda: parse_date(check_text(date, "date") if date else date),
    }
    values = {}
    for name, check in checks.items():
        try:
            values[name] = check()
        except BadInput as exc:
            option = "--date" if name == "published_on" else f"--{name}"
            raise BadInput(f"{option}: {exc}") from None
    return Metadata(**values)
