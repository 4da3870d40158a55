"""CSV and JSON downloads of any filtered statement list, streamed row by row.

All matching rows, never a truncated page: the database sends them in chunks
through a server-side cursor and the response streams them out, so memory
stays flat however many there are.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator

from django.db.models import F, Value
from django.db.models.functions import Greatest, Substr
from django.http import HttpRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from .filters import StatementFilter
from .models import Statement
from .search import NEWEST

CHUNK_SIZE = 2000
FIELDS = {
    # column: value path in Statement.values()
    "uid": "uid",
    "kind": "kind",
    "speaker": "speaker__name",
    "speaker_as_written": "speaker_mention",
    "text": "text",
    "context": None,  # the sentence around it: context_sentence(), from a window of the article
    "cue": "cue",
    "stance": "stance",
    "partial": "partial",
    # A quote lists show inside its claim (the same words, the same speaker).
    "inside_claim": "nested",
    "outlet": "outlet__name",
    "via": "via__name",
    "published_on": "published_on",
    "article_title": "article__title",
    "article_url": "article__url",
    "status": "status",
    "reviewed_at": "reviewed_at",
    "confidence": "confidence",
}


def export_rows(request: HttpRequest) -> Iterator[dict]:
    """Every statement the request's filters match, newest first, as plain dicts.

    The parameters are read and the query built before this returns, so a bad
    request is an error response, never a download cut off after its first
    bytes; the rows are fetched as the response is sent.
    """
    filterset = StatementFilter(request.GET, queryset=Statement.objects.public())
    # The article text around each statement, not all of it (articles run to
    # many kilobytes; PostgreSQL decompresses only up to the window's end).
    window_start = Greatest(F("start") - CONTEXT_CHARS, Value(0))
    values = (
        filterset.filtered()
        # The lists' order: newest first, undated last.
        .order_by(*(key.order_by() for key in NEWEST))
        .annotate(
            window_start=window_start,
            window=Substr(
                "article__text", window_start + 1, F("end") - window_start + CONTEXT_CHARS
            ),
        )
        .values(
            "kind", "statement_id", "start", "end", "window_start", "window",
            *(path for path in FIELDS.values() if path),
        )
    )
    # reverse() once per kind, not per row: it was most of the time of a large export.
    permalink = {
        kind: request.build_absolute_uri(reverse("statement", args=[kind, 0])).removesuffix("0/")
        for kind in ("quote", "claim")
    }
    return _stream(values, permalink)


def context_sentence(
    window: str, start: int, end: int, *, cut_before: bool = False, cut_after: bool = False
) -> str:
    """The sentence (or sentences) of ``window`` around ``window[start:end]``.

    From the end of the sentence before the statement to the end of the one
    it closes (a quote's own full stop counts), within the line; "…" where
    the window cut a longer sentence (``cut_before``, ``cut_after``: the
    window does not reach the article's start, its end).
    """
    starts = [m.end() for m in _SENTENCE_END.finditer(window, 0, start)]
    head = starts[-1] if starts else 0
    found = _SENTENCE_END.search(window, max(end - 1, start))
    tail = found.start() + len(found.group().rstrip()) if found else len(window)
    text = window[head:tail].strip()
    if not starts and cut_before:
        text = "…" + text
    if not found and cut_after:
        text += "…"
    return text


# A sentence ends at a full stop, question or exclamation mark (and the closing
# quotation marks after it) before a space, or at a line break.
_SENTENCE_END = re.compile(r"[.!?…][\"”’»)]*\s+|\n+")
# How much article text either side of a statement its context is looked for in.
CONTEXT_CHARS = 400


def _stream(values, permalink: dict[str, str]) -> Iterator[dict]:
    for row in values.iterator(chunk_size=CHUNK_SIZE):
        item = {column: row[path] if path else None for column, path in FIELDS.items()}
        offset, window = row["window_start"], row["window"] or ""
        item["context"] = context_sentence(
            window, row["start"] - offset, row["end"] - offset,
            cut_before=offset > 0, cut_after=len(window) >= row["end"] - offset + CONTEXT_CHARS,
        )
        item["permalink"] = f"{permalink[row['kind']]}{row['statement_id']}/"
        for key in ("published_on", "reviewed_at"):
            if item[key] is not None:
                item[key] = item[key].isoformat()
        yield item


class _Echo:
    """A file-like object whose write() hands the line back (Django's CSV recipe)."""

    def write(self, value):
        return value


def _csv_lines(rows: Iterator[dict]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # a BOM so spreadsheet programs read UTF-8 (curly quotes, Cyrillic)
    yield writer.writerow([*FIELDS, "permalink"])
    for row in rows:
        yield writer.writerow([_csv_value(value) for value in row.values()])


def _csv_value(value):
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        # Article text is untrusted: keep spreadsheets from running it as a formula.
        return "'" + value
    return value


def _json_chunks(rows: Iterator[dict]) -> Iterator[str]:
    yield "["
    for i, row in enumerate(rows):
        yield ("," if i else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]\n"


def _filename(extension: str) -> str:
    return f"statements-{timezone.now():%Y%m%d-%H%M}.{extension}"


def csv_response(request: HttpRequest) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        _csv_lines(export_rows(request)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def json_response(request: HttpRequest) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        _json_chunks(export_rows(request)), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("json")}"'
    return response
