"""Import articles from files, folders, JSON Lines feeds and URLs, and keep their
statements in step with the extractor without losing editors' work.

The flow, for ``manage.py import_articles`` (a thin wrapper):

1. ``collect(targets)`` turns paths and URLs into a list of ``Pending`` inputs
   (folders are walked, a local feed becomes one input per line), so progress
   can say "[3/120]". Nothing is read or fetched yet except feed files.
2. ``Pending.load()`` reads or fetches one input and returns ``Source``
   objects: clean text plus metadata, or ``BadInput`` with a one-line reason.
3. ``import_source()`` stores one article and its statements in one
   transaction: created, updated (text or metadata changed, re-extracted),
   or unchanged (same natural key, same content).

Statements are synchronised by ``sync_statements()``, which the admin's
"re-run extraction" action and ``manage.py reextract`` use through
``reextract()``. The survival rules live there (issue 5): verified and
corrected statements stay as editors left them, rejected ones never come
back, automatic ones follow the extractor.
"""

from __future__ import annotations

import datetime
import http.client
import json
import logging
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from . import editing, extraction
from .models import Article, Claim, Quote, StatementBase, content_hash
from .speakers import Directory, Outlets

logger = logging.getLogger(__name__)

Status = StatementBase.Status
PROTECTED = {Status.VERIFIED, Status.CORRECTED, Status.REJECTED}
MODELS = {extraction.QUOTE: Quote, extraction.CLAIM: Claim}

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".jsonl", ".ndjson"}
IMPORTABLE = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES
MANIFEST = "manifest.json"
USER_AGENT = "diplomacy-importer/1.0 (+https://github.com/)"


class BadInput(Exception):
    """An input that cannot be imported; ``str()`` is the one-line reason."""

    def __init__(self, reason: str, label: str = ""):
        super().__init__(reason)
        self.label = label


# Metadata ---------------------------------------------------------------------


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


# Reading inputs -----------------------------------------------------------------


@dataclass
class Source:
    """One article ready to store: its text, where it came from, its metadata."""

    text: str
    source: str  # stored as Article.source: a path, "feed.jsonl line 3" or a URL
    meta: Metadata = field(default_factory=Metadata)
    label: str = ""  # how progress lines name it
    # A file or URL is the same article next time; "feed.jsonl line 3" is not:
    # a line added above it moves every article below, so a feed line without
    # a URL is known by its text only.
    keyed_by_source: bool = True

    def __post_init__(self):
        self.label = self.label or self.source


@dataclass
class Pending:
    """One input not read yet; ``load()`` returns Sources or BadInputs."""

    label: str
    load: Callable[[], list[Source | BadInput]]


def _limit() -> int:
    return settings.IMPORT_MAX_BYTES


def _size(n: int) -> str:
    if n >= 1_048_576:
        return f"{n / 1_048_576:.1f} MB"
    return f"{n / 1024:.1f} KB" if n >= 1024 else f"{n} bytes"


def read_bytes(path: Path) -> bytes:
    """A file's bytes, refusing missing, oversized and empty files with a reason."""
    try:
        size = path.stat().st_size
        if size > _limit():
            raise BadInput(f"file too large ({_size(size)}; limit {_size(_limit())})")
        data = path.read_bytes()
    except FileNotFoundError:
        raise BadInput("no such file or folder") from None
    except OSError as exc:
        raise BadInput(f"cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise BadInput("empty file")
    return data


def decode(data: bytes, encoding: str | None = None) -> str:
    """Bytes to text: UTF-8 (or the declared encoding), refusing binary data."""
    if b"\x00" in data[:8192]:
        raise BadInput("binary file, not text")
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(
            f"not {encoding or 'UTF-8'} text (invalid byte at position {exc.start})"
        ) from None
    except LookupError:
        raise BadInput(f"unknown text encoding {encoding!r}") from None
    # Past the first 8 KB a NUL is one bad byte, not a binary file; PostgreSQL
    # cannot store it either way.
    return check_text(normalise_text(text))


def normalise_text(text: str) -> str:
    """One newline convention and no byte-order mark. Nothing else changes, so
    offsets found in this text stay valid for it."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _html_charset(data: bytes) -> str | None:
    found = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_\-]+)", data[:4096], re.I)
    return found.group(1).decode("ascii") if found else None


def article_from_html(html: str, url: str | None = None) -> tuple[str, Metadata]:
    """Main text and metadata of an HTML page (trafilatura drops navigation,
    share buttons, comments and the other furniture around the article)."""
    import trafilatura  # imported late: it is slow to import and only HTML needs it

    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    text = normalise_text(getattr(document, "text", None) or "").strip()
    title = " ".join(str(getattr(document, "title", None) or "").split()) or None
    first, _, rest = text.partition("\n")
    if title and rest and " ".join(first.split()) == title:
        text = rest.strip()  # the headline is the title, not article text
    if not _has_prose(text):
        raise BadInput("no article text found in the HTML")
    # The page's own metadata is a hint, not an input error.
    def hint(check, value):
        try:
            return check(value)
        except BadInput:
            return None

    return check_text(text), Metadata(
        title=hint(_clean, title),
        # <link rel="canonical"> when it is http(s), else where the page was found.
        url=hint(check_url, _clean(getattr(document, "url", None))) or hint(check_url, url),
        author=hint(_clean, getattr(document, "author", None)),
        # From a title such as "Talks resume — ." trafilatura takes the site "."
        site_name=hint(check_name, getattr(document, "sitename", None)),
        published_on=hint(parse_date, getattr(document, "date", None)),
    )


def _has_prose(text: str) -> bool:
    """Whether ``text`` has a sentence in it. What trafilatura keeps of a page
    with no article is menu labels ("Home About"), never a sentence."""
    return any(
        len(line.split()) >= 6 and line.rstrip().endswith((".", "!", "?", "”", '"', "»"))
        for line in text.split("\n")
    )


def sources_from_bytes(
    data: bytes, *, source: str, kind: str, meta: Metadata, overrides: Metadata,
    encoding: str | None = None, url: str | None = None,
) -> list[Source | BadInput]:
    """Turn one input's bytes into Sources: ``kind`` is "text", "html" or "feed"."""
    if kind == "feed":
        return feed_sources(data, source, overrides, encoding)
    if kind == "html":
        html = decode(data, encoding or _html_charset(data))
        text, found = article_from_html(html, url)
        # The page's own URL and metadata lose to what the caller says.
        return [Source(text, source, overrides.over(meta.over(found)))]
    text = decode(data, encoding)
    if not text.strip():
        raise BadInput("empty file")
    return [Source(text, source, overrides.over(meta))]


def feed_sources(
    data: bytes, source: str, overrides: Metadata, encoding: str | None = None
) -> list[Source | BadInput]:
    """One Source per line of a JSON Lines feed. Lines are decoded one by one,
    so a bad line (malformed JSON, a Latin-1 byte, a NUL) is a BadInput with
    its line number and the others still import. A file in which no line is
    text at all is one BadInput ("binary file")."""
    items: list[Source | BadInput] = []
    lines = data.removeprefix(b"\xef\xbb\xbf").split(b"\n")
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        label = f"{source} line {number}"
        try:
            line = raw.removesuffix(b"\r").decode(encoding or "utf-8")
            items.append(feed_item(line, label, overrides))
        except UnicodeDecodeError as exc:
            reason = f"not {encoding or 'UTF-8'} text (invalid byte at position {exc.start})"
            items.append(BadInput(reason, label))
        except LookupError:
            raise BadInput(f"unknown text encoding {encoding!r}") from None
        except BadInput as exc:
            items.append(BadInput(str(exc), label))
    if b"\x00" in data[:8192] and not any(isinstance(item, Source) for item in items):
        raise BadInput("binary file, not text")
    return items


def feed_item(line: str, label: str, overrides: Metadata) -> Source:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadInput(f"malformed JSON ({exc.msg}, column {exc.colno})") from None
    except RecursionError:
        raise BadInput("malformed JSON (nested too deeply)") from None
    except ValueError as exc:  # a number of more than 4,300 digits
        raise BadInput(f"malformed JSON ({str(exc).split(':')[0]})") from None
    if not isinstance(data, dict):
        raise BadInput("expected a JSON object")
    meta = metadata_from_dict(data)
    if isinstance(data.get("text"), str) and data["text"].strip():
        text = check_text(normalise_text(data["text"]))
    elif isinstance(data.get("html"), str) and data["html"].strip():
        text, found = article_from_html(check_text(data["html"], "html"), meta.url)
        meta = meta.over(found)
    else:
        raise BadInput('no "text" or "html"')
    if len(text.encode("utf-8")) > _limit():
        raise BadInput(f"article too large (limit {_size(_limit())})")
    return Source(
        text, meta.url or label, overrides.over(meta), label=label, keyed_by_source=False
    )


def kind_of(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES:
        return "feed"
    return None


class FolderMetadata:
    """Metadata for files in one folder: its manifest.json and NAME.json sidecars."""

    def __init__(self):
        self._manifests: dict[Path, dict[str, dict] | BadInput] = {}

    def manifest(self, folder: Path) -> dict[str, dict]:
        if folder not in self._manifests:
            self._manifests[folder] = self._read_manifest(folder / MANIFEST)
        found = self._manifests[folder]
        if isinstance(found, BadInput):
            raise found
        return found

    @staticmethod
    def _read_manifest(path: Path) -> dict[str, dict] | BadInput:
        if not path.is_file():
            return {}
        try:
            data = json.loads(read_bytes(path).decode("utf-8"))
            entries = data["articles"] if isinstance(data, dict) else data
            return {entry["file"]: entry for entry in entries}
        except RecursionError:
            return BadInput(f"{_display(path)}: not a valid manifest (nested too deeply)")
        except (BadInput, ValueError, KeyError, TypeError) as exc:
            reason = " ".join(str(exc).split())[:200]
            return BadInput(f"{_display(path)}: not a valid manifest ({reason})")

    def for_file(self, path: Path) -> Metadata:
        meta = Metadata()
        entry = self.manifest(path.parent).get(path.name)
        if entry is not None:
            meta = metadata_from_dict(entry)
        sidecar = path.with_suffix(".json")
        if sidecar.is_file():
            try:
                data = json.loads(read_bytes(sidecar).decode("utf-8"))
            except RecursionError:
                raise BadInput(f"sidecar {sidecar.name} is nested too deeply") from None
            except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError too
                reason = " ".join(str(exc).split())[:200]
                raise BadInput(f"sidecar {sidecar.name} is not valid JSON ({reason})") from None
            meta = metadata_from_dict(data).over(meta)
        return meta


def _display(path: Path) -> str:
    """The path as stored in Article.source: relative to the project when inside it."""
    try:
        shown = str(path.resolve().relative_to(settings.BASE_DIR))
    except ValueError:
        shown = str(path.resolve())
    return _printable(shown)


def _failed(label: str, reason: str) -> Pending:
    def load():
        raise BadInput(reason, label)

    return Pending(label, load)


def collect(targets: Iterable[str], overrides: Metadata = Metadata()) -> list[Pending]:
    """Every input that ``targets`` (files, folders, URLs) name, in order.

    Folders are walked recursively (hidden entries, manifests and sidecars
    skipped). Local feeds are read here so that each line counts as one input.
    """
    folders = FolderMetadata()
    pending: list[Pending] = []
    for target in targets:
        try:
            pending.extend(_target_inputs(target, folders, overrides))
        except OSError as exc:  # an unreadable folder, a name too long...
            pending.append(_failed(_printable(target), f"cannot read: {exc.strerror or exc}"))
    return pending


def _printable(text: str) -> str:
    """``text`` with bytes that are not UTF-8 (kept by Python as surrogates, as
    in a file name b"caf\xe9.txt") shown as U+FFFD: neither the terminal nor
    PostgreSQL takes surrogates."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate no file name carries ("\ud800")
        return text.encode("utf-8", "replace").decode("utf-8")


def _target_inputs(target: str, folders: FolderMetadata, overrides: Metadata) -> list[Pending]:
    shown = _printable(target)
    if re.match(r"https?://", target, re.I):
        if shown != target:
            return [_failed(shown, "not a valid URL")]
        return [Pending(target, _url_loader(target, overrides))]
    path = Path(target)
    if path.is_dir():
        files = sorted(
            p for p in path.rglob("*")
            if p.is_file() and kind_of(p)
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        return [item for file in files for item in _file_inputs(file, folders, overrides)]
    if path.is_file():
        return _file_inputs(path, folders, overrides, explicit=True)
    if re.match(r"\w+://", target):
        return [_failed(shown, "only http and https URLs can be imported")]
    return [_failed(shown, "no such file or folder")]


def _file_inputs(
    path: Path, folders: FolderMetadata, overrides: Metadata, explicit: bool = False
) -> list[Pending]:
    label = _display(path)
    kind = kind_of(path)
    if kind is None:
        if not explicit:
            return []
        if path.suffix.lower() == ".json":
            # A shell glob (``folder/*``) names manifests and sidecars too:
            # they are metadata of their articles, not articles.
            siblings = [path.with_suffix(suffix) for suffix in TEXT_SUFFIXES | HTML_SUFFIXES]
            if path.name == MANIFEST or any(p.is_file() for p in siblings):
                return []
            return [_failed(label, "a .json file is metadata; feeds are .jsonl")]
        # A file named on the command line with an odd suffix: look inside.
        try:
            head = read_bytes(path)[:2048].lstrip().lower()
        except BadInput as exc:
            return [_failed(label, str(exc))]
        kind = "html" if head.startswith((b"<!doctype html", b"<html")) else "text"
    if kind == "feed":
        try:
            items = feed_sources(read_bytes(path), label, overrides)
        except BadInput as exc:
            return [_failed(label, str(exc))]
        if not items:
            return [_failed(label, "empty file")]
        return [Pending(item.label, lambda item=item: [item]) for item in items]

    def load():
        data = read_bytes(path)
        meta = folders.for_file(path)
        return sources_from_bytes(
            data, source=_display(path), kind=kind, meta=meta, overrides=overrides
        )

    return [Pending(label, load)]


def _url_loader(url: str, overrides: Metadata) -> Callable[[], list[Source | BadInput]]:
    def load():
        data, content_type, charset, final_url = fetch(url)
        path = Path(final_url.split("?")[0].split("#")[0])
        if "json" in content_type or path.suffix.lower() in FEED_SUFFIXES:
            kind = "feed"
        elif "html" in content_type or path.suffix.lower() in HTML_SUFFIXES:
            kind = "html"
        elif content_type.startswith("text/"):
            kind = "text"
        else:
            raise BadInput(f"cannot import content of type {content_type or 'unknown'}")
        # Where the redirects led is the article's URL, unless an HTML page
        # names a canonical one (trafilatura reads <link rel="canonical">).
        meta = Metadata() if kind == "html" else Metadata(url=check_url(final_url))
        return sources_from_bytes(
            data, source=url, kind=kind, meta=meta, overrides=overrides,
            encoding=charset, url=final_url,
        )

    return load


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


_opener = urllib.request.build_opener(_HttpOnlyRedirects)


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
        with _opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length", "").strip()
            length = int(length) if length.isdigit() and len(length) < 20 else None
            if length is not None and length > _limit():
                raise BadInput(
                    f"response too large ({_size(length)}; limit {_size(_limit())})"
                )
            data = _read_within(response, deadline, timeout)
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


def _read_within(response, deadline: float, timeout: float) -> bytes:
    """The body, read in chunks until ``deadline``; one byte more than the
    limit is enough to know a server lied about its length."""
    chunks, size = [], 0
    while chunk := response.read1(65536):
        chunks.append(chunk)
        size += len(chunk)
        if size > _limit():
            raise BadInput(f"response too large (over {_size(_limit())})")
        if time.monotonic() > deadline:
            raise BadInput(f"timed out after {timeout:g} s")
    return b"".join(chunks)


# Syncing statements -------------------------------------------------------------


@dataclass
class SyncResult:
    """What ``sync_statements`` did to one article's statements.

    ``kept`` counts statements left as they were (editors' and unchanged
    automatic ones); ``unlocated`` lists kept editors' statements whose words
    are no longer in the article's text ("quote-12").
    """

    added: int = 0
    updated: int = 0
    kept: int = 0
    removed: int = 0
    unlocated: list[str] = field(default_factory=list)

    def __add__(self, other: SyncResult) -> SyncResult:
        return SyncResult(
            self.added + other.added, self.updated + other.updated,
            self.kept + other.kept, self.removed + other.removed,
            self.unlocated + other.unlocated,
        )

    def __str__(self) -> str:
        text = (
            f"{self.added} added, {self.updated} updated, "
            f"{self.kept} kept, {self.removed} removed"
        )
        if self.unlocated:
            text += f", {len(self.unlocated)} kept but no longer in the text"
        return text


EDGE_PUNCTUATION = " \n\t,.;:!?\"'“”‘’«»—–-"


def _same_text(a: str, b: str) -> bool:
    """Equal but for case, spacing and the punctuation at either end
    ("We are ready," is "we are ready")."""

    def norm(text):
        return " ".join(text.split()).strip(EDGE_PUNCTUATION).casefold()

    return norm(a) == norm(b)


# Two spans are one statement when they share this much of the longer one: an
# extractor that moves a boundary by a word must not resurrect a rejected
# statement or duplicate a verified one; a short quote nested in a long one is
# still its own statement.
SAME_SPAN = 0.8


def _spans_overlap(start: int, end: int, found: extraction.Statement) -> bool:
    shared = min(end, found.end) - max(start, found.start)
    longest = max(end - start, found.end - found.start, 1)
    return shared / longest >= SAME_SPAN


def _earlier_versions(article: Article, rows: Iterable[StatementBase]) -> dict:
    """``(model, pk) -> [(start, end, text, located), ...]``: what each statement
    was before an editor changed it, from its history (one query per kind).

    An editor who cut a quote the extractor ran on too long has corrected that
    statement; when the extractor finds the long version again it is the same
    statement, not a new one to add. A span counts only while the article
    still has those words there (a re-import may have moved them).
    """
    versions: dict = {}
    for model in (Quote, Claim):
        pks = [row.pk for row in rows if isinstance(row, model)]
        if not pks:
            continue
        past = model.history.filter(id__in=pks).values_list("id", "start", "end", "text")
        for pk, start, end, text in past.distinct():
            located = article.text[start:end] == text
            versions.setdefault((model, pk), []).append((start, end, text, located))
    return versions


def _uid(row: StatementBase) -> str:
    return f"{row.kind}-{row.pk}"


def relocate(article: Article, rows: Iterable[StatementBase]) -> list[str]:
    """Point editors' statements at their words in the article's (new) text.

    The occurrence nearest the old position wins. A statement whose words are
    gone is kept where it was and its uid returned, for the report.
    """
    lost = []
    for row in rows:
        if article.text[row.start : row.end] == row.text:
            continue
        spots = [m.start() for m in re.finditer(re.escape(row.text), article.text)]
        if not spots:
            lost.append(_uid(row))
            continue
        start = min(spots, key=lambda spot: abs(spot - row.start))
        row.start, row.end = start, start + len(row.text)
        row._change_reason = "Moved to its words in the re-imported article text"
        row.save(update_fields=["start", "end", "published_on", "updated_at"])
    return lost


def sync_statements(
    article: Article,
    statements: Iterable[extraction.Statement],
    *,
    directory: Directory | None = None,
    outlets: Outlets | None = None,
) -> SyncResult:
    """Make the article's stored statements match an extraction, keeping editors' work.

    - verified and corrected statements stay exactly as the editor left them;
    - rejected ones stay rejected, and an extracted statement that matches one
      (same kind and span, or same text) is not added again;
    - nor is one that matches what an editor's statement was before they
      corrected it (its history: the quote they cut short, for instance);
    - automatic ones are updated in place when the extractor finds the same
      kind and span or the same text again (ids and permalinks stay stable),
      and deleted when it no longer finds them;
    - anything else the extractor found is added.

    "Same span" allows a shifted boundary (``SAME_SPAN``); "same text" ignores
    case, spacing and edge punctuation.

    Call inside a transaction (``reextract`` and the importer do).
    """
    directory = directory or Directory.load()
    outlets = outlets or Outlets.load()
    result = SyncResult()
    # Locked until the caller commits (in primary-key order, as editors'
    # actions lock them): an editor's correction being saved meanwhile is
    # waited for and read here as protected, never overwritten by a stale row.
    existing = [
        row
        for model in (Quote, Claim)
        for row in sorted(
            model.objects.filter(article=article).order_by("pk").select_for_update(),
            key=lambda row: (row.start, row.pk),
        )
    ]
    protected = [row for row in existing if row.status in PROTECTED]
    automatic = [row for row in existing if row.status not in PROTECTED]
    result.unlocated = relocate(article, protected)
    result.kept += len(protected)
    earlier = _earlier_versions(article, protected)
    used: set[int] = set()
    new: dict[type, list[StatementBase]] = {}

    def matches(row, found, model):
        return (isinstance(row, model) and _spans_overlap(row.start, row.end, found)) or _same_text(
            row.text, found.text
        )

    def was(row, found, model):
        """The extractor found what an editor has since corrected or rejected."""
        return any(
            _same_text(text, found.text)
            or (located and isinstance(row, model) and _spans_overlap(start, end, found))
            for start, end, text, located in earlier.get((type(row), row.pk), ())
        )

    for found in statements:
        model = MODELS.get(found.kind)
        if model is None:
            continue
        if any(matches(row, found, model) or was(row, found, model) for row in protected):
            continue
        candidates = [r for r in automatic if id(r) not in used and isinstance(r, model)]
        # The same span first: a sentence quoted twice keeps both rows apart.
        target = next(
            (r for r in candidates if (r.start, r.end) == (found.start, found.end)), None
        ) or next((r for r in candidates if matches(r, found, model)), None)
        # "Bloomberg reported that ...": the outlet is the source, credited as
        # "via" and linked to its page; "the report says": kept as written. No
        # Person row is made for either (issue 10).
        by_outlet = found.speaker if found.speaker_type == "outlet" else None
        credited = found.via or by_outlet
        thing = by_outlet or found.speaker_type == "document"
        values = {
            "speaker": None if thing else directory.person_for(found.speaker, found.speaker_type),
            "speaker_mention": (found.speaker_mention or found.speaker or "")[:300],
            "text": found.text,
            "start": found.start,
            "end": found.end,
            "cue": (found.cue or "")[:200],
            "stance": found.stance,
            "partial": bool(found.partial),
            "via": outlets.get_or_create(credited) if credited else None,
            "confidence": min(1.0, max(0.0, float(found.confidence))),
        }
        if target is None:
            new.setdefault(model, []).append(
                model(
                    article=article, status=Status.AUTOMATIC,
                    published_on=article.published_on, **values,
                )
            )
            result.added += 1
            continue
        used.add(id(target))
        changed = [name for name, value in values.items() if _differs(target, name, value)]
        if changed or target.published_on != article.published_on:
            for name in changed:
                setattr(target, name, values[name])
            target._change_reason = "Re-extracted"
            target.save()
            result.updated += 1
        else:
            result.kept += 1
    # Issue 12: a removed statement's permalink says it was withdrawn (410).
    removed = [row for row in automatic if id(row) not in used]
    editing.record_removals(removed, REMOVED_REASON)
    for row in removed:
        row.delete()
        result.removed += 1
    # One INSERT per kind (and one for their history): the database then
    # refreshes the statements table and its tallies once for the article.
    for model, rows in new.items():
        bulk_create_with_history(rows, model)
    return result


# What a removed statement's permalink gives as the reason.
REMOVED_REASON = "The article was extracted again and this statement is no longer found in it."


def _differs(row: StatementBase, name: str, value) -> bool:
    if name in ("speaker", "via"):  # compare ids: no query per row for the old value
        return getattr(row, f"{name}_id") != (value.pk if value else None)
    return getattr(row, name) != value


def extract_for(article: Article, directory: Directory) -> list[extraction.Statement]:
    """The extractor's statements for ``article``, within ``IMPORT_EXTRACTION_SECONDS``:
    past it, ``BadInput`` with the reason, and the caller's transaction rolls back."""
    try:
        return extraction.extract(
            article.text, directory.known_people(), seconds=settings.IMPORT_EXTRACTION_SECONDS
        )
    except extraction.ExtractionTimeout as exc:
        raise BadInput(str(exc)) from None


def reextract(article: Article) -> SyncResult:
    """Run the extractor on a stored article again and sync its statements.

    One transaction; the article row is locked so that two re-extractions of
    the same article (admin and command at once) do not interleave.
    """
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        directory = Directory.load()
        statements = extract_for(article, directory)
        result = sync_statements(article, statements, directory=directory)
        article.extracted_at = timezone.now()
        article.save(update_fields=["extracted_at", "updated_at"])
    return result


# Importing one article ------------------------------------------------------------


@dataclass
class Outcome:
    """What happened to one input: created, updated, unchanged or failed."""

    label: str
    status: str
    reason: str = ""
    article: Article | None = None
    statements: int = 0  # the article's statements after the import (not rejected)
    sync: SyncResult = field(default_factory=SyncResult)
    preview: list[str] = field(default_factory=list)  # --dry-run: what would be stored
    # Names this import added, for editors to check (a typo in --outlet shows here).
    new_people: list[str] = field(default_factory=list)
    new_outlets: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status == "failed"


def lock_natural_keys(*keys: str) -> None:
    """Hold a transaction-scoped advisory lock per natural key, so two imports of
    the same new article (two terminals, or a command and the admin) cannot both
    decide it is missing and store it twice. Sorted, so they cannot deadlock."""
    with connection.cursor() as cursor:
        for key in sorted(set(keys)):
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [key])


def find_existing(source: Source, digest: str) -> Article | None:
    """The stored article this source is: same URL; else, with no URL on
    either side, the same source path (not for feed lines) or the same text."""
    rows = Article.objects.select_for_update()
    if source.meta.url:
        found = rows.filter(url=source.meta.url).first()
        if found:
            return found
    no_url = rows.filter(url__isnull=True)
    if source.keyed_by_source and (
        found := no_url.filter(source=source.source).order_by("pk").first()
    ):
        return found
    return no_url.filter(content_hash=digest).order_by("pk").first()


def _article_fields(source: Source, outlets: Outlets) -> dict:
    meta = source.meta
    outlet = None
    if meta.outlet:
        outlet = outlets.get_or_create(meta.outlet, meta.url)
    elif meta.url and (found := outlets.find(url=meta.url)):
        outlet = found
    elif meta.site_name:
        outlet = outlets.get_or_create(meta.site_name, meta.url)
    fields = {
        "outlet": outlet,
        "url": meta.url,
        "title": (meta.title or "")[:500] or None,
        "author": (meta.author or "")[:300] or None,
        "published_on": meta.published_on,
    }
    # Not given is not "blank it": an editor's title survives a bare re-import.
    return {name: value for name, value in fields.items() if value is not None}


def import_source(source: Source, *, dry_run: bool = False) -> Outcome:
    """Store one article and its statements in one transaction.

    With ``dry_run`` the same work happens and is rolled back, so the preview
    shows exactly what would be stored (new people included) and nothing is.
    """
    digest = content_hash(source.text)
    with transaction.atomic():
        keys = [f"import:{digest}"]
        if source.keyed_by_source:
            keys.append(f"import:{source.source}")
        if source.meta.url:
            keys.append(f"import:{source.meta.url}")
        lock_natural_keys(*keys)
        outlets = Outlets.load()
        fields = _article_fields(source, outlets)
        article = find_existing(source, digest)
        if article is None:
            status = "created"
            article = Article(text=source.text, source=source.source[:2000], **fields)
            article.save()
            text_changed = True
        else:
            text_changed = article.content_hash != digest
            meta_changed = [n for n, v in fields.items() if getattr(article, n) != v]
            if not text_changed and not meta_changed:
                count = _public_count(article)
                return Outcome(source.label, "unchanged", article=article, statements=count)
            status = "updated"
            for name, value in fields.items():
                setattr(article, name, value)
            article.text = source.text
            article.save()
        directory = None
        if text_changed:
            directory = Directory.load()
            statements = extract_for(article, directory)
            sync = sync_statements(article, statements, directory=directory, outlets=outlets)
            article.extracted_at = timezone.now()
            article.save(update_fields=["extracted_at"])
        else:
            # Metadata only: statements keep their rows; their date copy follows.
            sync = SyncResult()
            for model in (Quote, Claim):
                model.objects.filter(article=article).update(published_on=article.published_on)
        outcome = Outcome(
            source.label, status, article=article, statements=_public_count(article), sync=sync,
            new_people=[person.name for person in directory.created] if directory else [],
            new_outlets=[outlet.name for outlet in outlets.created],
        )
        if dry_run:
            outcome.preview = preview(article)
            transaction.set_rollback(True)
    return outcome


def _public_count(article: Article) -> int:
    return sum(
        model.objects.filter(article=article).exclude(status=Status.REJECTED).count()
        for model in (Quote, Claim)
    )


def preview(article: Article) -> list[str]:
    """Lines describing an article and its statements, for ``--dry-run``."""
    lines = [
        f"title: {article.title or '-'}",
        f"outlet: {article.outlet or '-'}   date: {article.published_on or '-'}"
        f"   author: {article.author or '-'}",
        f"url: {article.url or '-'}",
        f"text: {len(article.text)} characters",
    ]
    rows = [
        row
        for model in (Quote, Claim)
        for row in model.objects.filter(article=article).select_related("speaker", "via")
    ]
    for row in sorted(rows, key=lambda r: r.start):
        speaker = row.speaker.name if row.speaker else "?"
        new = "" if not row.speaker or row.speaker.reviewed else " (new person)"
        via = f" via {row.via}" if row.via else ""
        text = row.text if len(row.text) <= 100 else row.text[:97] + "..."
        lines.append(
            f"{row.kind:5} {row.confidence:.2f} {speaker}{new}{via} [{row.status}]: {text}"
        )
    return lines


def run(pending: Iterable[Pending], *, dry_run: bool = False) -> Iterator[Outcome]:
    """Load and import every input, one Outcome per article (or failure)."""
    for item in pending:
        try:
            loaded = item.load()
        except BadInput as exc:
            yield Outcome(exc.label or item.label, "failed", reason=str(exc))
            continue
        except Exception as exc:  # noqa: BLE001 - one broken input must not stop the rest
            logger.debug("Reading %s failed", item.label, exc_info=True)
            yield Outcome(item.label, "failed", reason=_one_line(exc))
            continue
        for source in loaded:
            if isinstance(source, BadInput):
                yield Outcome(source.label or item.label, "failed", reason=str(source))
                continue
            try:
                yield import_source(source, dry_run=dry_run)
            except BadInput as exc:
                yield Outcome(source.label, "failed", reason=str(exc))
            except Exception as exc:  # noqa: BLE001 - the transaction rolled back; go on
                logger.debug("Importing %s failed", source.label, exc_info=True)
                yield Outcome(source.label, "failed", reason=_one_line(exc))


def _one_line(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"[:300]
