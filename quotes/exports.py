"""CSV and JSON downloads of any filtered statement list, streamed row by row.

All matching rows, never a truncated page: the database sends them in chunks
through a server-side cursor and the response streams them out, so memory
stays flat however many there are.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

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
    "cue": "cue",
    "stance": "stance",
    "partial": "partial",
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
    values = (
        filterset.filtered()
        # The lists' order: newest first, undated last.
        .order_by(*(key.order_by() for key in NEWEST))
        .values("kind", "statement_id", *FIELDS.values())
    )
    # reverse() once per kind, not per row: it was most of the time of a large export.
    permalink = {
        kind: request.build_absolute_uri(reverse("statement", args=[kind, 0])).removesuffix("0/")
        for kind in ("quote", "claim")
    }
    return _stream(values, permalink)


def _stream(values, permalink: dict[str, str]) -> Iterator[dict]:
    for row in values.iterator(chunk_size=CHUNK_SIZE):
        item = {column: row[path] for column, path in FIELDS.items()}
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
