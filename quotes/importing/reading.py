"""Reading inputs: files, folders (manifest.json and sidecars), HTML pages
(trafilatura), JSON Lines feeds and URLs, into ``Source``s ready to store.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from .fetching import fetch, human_size, max_bytes
from .metadata import (
    BadInput,
    Metadata,
    _clean,
    check_name,
    check_text,
    check_url,
    metadata_from_dict,
    parse_date,
)

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".jsonl", ".ndjson"}
IMPORTABLE = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES
MANIFEST = "manifest.json"


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


def read_bytes(path: Path) -> bytes:
    """A file's bytes, refusing missing, oversized and empty files with a reason."""
    try:
        size = path.stat().st_size
        if size > max_bytes():
            raise BadInput(f"file too large ({human_size(size)}; limit {human_size(max_bytes())})")
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
    if len(text.encode("utf-8")) > max_bytes():
        raise BadInput(f"article too large (limit {human_size(max_bytes())})")
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
    return printable(shown)


def _failed(label: str, reason: str) -> Pending:
    def load():
        raise BadInput(reason, label)

    return Pending(label, load)


def collect(targets: Iterable[str], overrides: Metadata | None = None) -> list[Pending]:
    """Every input that ``targets`` (files, folders, URLs) name, in order.

    Folders are walked recursively (hidden entries, manifests and sidecars
    skipped). Local feeds are read here so that each line counts as one input.
    """
    overrides = overrides or Metadata()
    folders = FolderMetadata()
    pending: list[Pending] = []
    for target in targets:
        try:
            pending.extend(_target_inputs(target, folders, overrides))
        except OSError as exc:  # an unreadable folder, a name too long...
            pending.append(_failed(printable(target), f"cannot read: {exc.strerror or exc}"))
    return pending


def printable(text: str) -> str:
    """``text`` with bytes that are not UTF-8 (kept by Python as surrogates, as
    in a file name b"caf\xe9.txt") shown as U+FFFD: neither the terminal nor
    PostgreSQL takes surrogates."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate no file name carries ("\ud800")
        return text.encode("utf-8", "replace").decode("utf-8")


def _target_inputs(target: str, folders: FolderMetadata, overrides: Metadata) -> list[Pending]:
    shown = printable(target)
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
