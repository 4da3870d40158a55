"""The indexes of people, outlets and articles: ranked from the tallies, seek-paged.

People are ranked by how many public statements they made, read from
``quotes_tally``'s ``(ALL, 0, SPEAKER, id)`` rows through its
``(dim, key, dim2, n DESC)`` index: the busiest 26 of 20,000 speakers are
the first 26 index entries, never a count over a million statements.
Outlets are ranked by statements in their articles plus statements credited
to them ("via"), summed over their two tally rows (one row per outlet and
kind of count: a few thousand rows at most). A page is the rows after (or
before) a cursor ``"<n>-<id>"``, as the statement lists page.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection

from .filters import matching_ids
from .models import Outlet, Person, StatementTally

Dim = StatementTally.Dim
CURSOR = re.compile(r"^(\d{1,18})-(\d{1,18})$")
# Counted exactly up to here (an index-only count); past it, "more than".
COUNT_BOUND = 100_000
COUNT_SECONDS = 300


def parse_cursor(value: str) -> tuple[int, int] | None:
    match = CURSOR.match(value or "")
    return (int(match[1]), int(match[2])) if match else None


@dataclass
class Ranked:
    """One page of a ranked index: objects with ``n`` (and per-kind counts) set."""

    rows: list
    total: int
    has_next: bool
    has_previous: bool

    def cursor(self, row) -> str:
        return f"{row.n}-{row.pk}"


def _ranked_page(base_sql: str, params: list, *, after, before, size: int):
    """``(id, n, ...)`` rows of ``base_sql`` ranked by n (descending), then id,
    after or before a cursor; returns (rows, has_more_in_that_direction)."""
    if before:
        n, pk = before
        sql = (
            f"SELECT * FROM ({base_sql}) AS r WHERE r.n >= %s "
            "AND (r.n > %s OR (r.n = %s AND r.id < %s)) ORDER BY r.n ASC, r.id DESC LIMIT %s"
        )
        args = [*params, n, n, n, pk, size + 1]
    elif after:
        n, pk = after
        sql = (
            f"SELECT * FROM ({base_sql}) AS r WHERE r.n <= %s "
            "AND (r.n < %s OR (r.n = %s AND r.id > %s)) ORDER BY r.n DESC, r.id ASC LIMIT %s"
        )
        args = [*params, n, n, n, pk, size + 1]
    else:
        sql = f"SELECT * FROM ({base_sql}) AS r ORDER BY r.n DESC, r.id ASC LIMIT %s"
        args = [*params, size + 1]
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        rows = cursor.fetchall()
    more = len(rows) > size
    rows = rows[:size]
    return (rows[::-1] if before else rows), more


def _count(base_sql: str, params: list) -> int:
    """How many rows ``base_sql`` has (up to ``COUNT_BOUND + 1``), kept in the
    cache for ``COUNT_SECONDS`` or until a statement is added or removed:
    counting 17,000 speakers' tally rows took 50 to 200 ms at a million
    statements, the same for every visitor."""
    with connection.cursor() as cursor:
        # Any write to the statements changes their total: a new key, a fresh count.
        cursor.execute(
            "SELECT n FROM quotes_tally WHERE dim = 0 AND key = 0 AND dim2 = 0 AND key2 = 0"
        )
        version = (cursor.fetchone() or (0,))[0]
    cache_key = repr((base_sql, params, version))
    key = "directory-count:" + hashlib.sha256(cache_key.encode()).hexdigest()
    n = cache.get(key)
    if n is None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM ({base_sql}) AS r LIMIT %s) AS c",
                [*params, COUNT_BOUND + 1],
            )
            n = cursor.fetchone()[0]
        cache.set(key, n, COUNT_SECONDS)
    return n


def people(*, find: str = "", kind: str = "", after=None, before=None, size: int = 50) -> Ranked:
    """People with public statements, most quoted first; ``find`` in a name
    or alias (the trigram indexes), ``kind`` one of ``Person.Kind``.

    Queries: the page, the count, the page's people with their quote and claim
    counts, and one for ``find``'s ids when given.
    """
    tallies, params = "quotes_tally t", []
    if find:
        ids = matching_ids("speaker", find)
        if not ids:
            return Ranked([], 0, has_next=False, has_previous=False)
        # The names found drive: a tally row looked up per id. As a filter,
        # the planner walked the ranked index past every speaker for the few
        # found (400 ms at 200,000 speakers for "vladi").
        tallies = "unnest(%s::bigint[]) AS f (id) JOIN quotes_tally t ON t.key2 = f.id"
        params = [ids]
    where = ["t.dim = %s", "t.key = 0", "t.dim2 = %s", "t.n > 0"]
    params += [Dim.ALL, Dim.SPEAKER]
    if kind:
        where.append("p.kind = %s")
        params.append(kind)
    base = (
        f"SELECT t.key2 AS id, t.n FROM {tallies} JOIN quotes_person p ON p.id = t.key2 "
        f"WHERE {' AND '.join(where)}"
    )
    found, more = _ranked_page(base, params, after=after, before=before, size=size)
    ids = [pk for pk, _ in found]
    objects = Person.objects.with_counts().in_bulk(ids)
    rows = []
    for pk, n in found:
        if pk in objects:
            objects[pk].n = n
            rows.append(objects[pk])
    # Without a kind, the tally rows alone are counted: joining 17,000 people
    # took the count from 55 to 220 ms at a million statements.
    counted = base if kind else base.replace(
        " JOIN quotes_person p ON p.id = t.key2", ""
    )
    return Ranked(
        rows,
        _count(counted, params),
        has_next=more if not before else True,
        has_previous=bool(after) or (bool(before) and more),
    )


def outlets(*, find: str = "", kind: str = "", after=None, before=None, size: int = 50) -> Ranked:
    """Outlets by statements in their articles plus statements credited to
    them, busiest first (``published`` and ``credited`` set on each)."""
    where, extra = [], []
    if kind:
        where.append("o.kind = %s")
        extra.append(kind)
    if find:
        escaped = find.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append("UPPER(o.name) LIKE UPPER(%s)")
        extra.append(f"%{escaped}%")
    base = (
        "SELECT o.id, t.n, t.published, t.credited FROM ("
        "SELECT key2 AS id, sum(n) AS n, "
        "coalesce(sum(n) FILTER (WHERE dim2 = %s), 0) AS published, "
        "coalesce(sum(n) FILTER (WHERE dim2 = %s), 0) AS credited "
        "FROM quotes_tally WHERE dim = %s AND key = 0 AND dim2 = ANY(%s) AND n > 0 "
        "GROUP BY key2) AS t JOIN quotes_outlet o ON o.id = t.id"
        + (f" WHERE {' AND '.join(where)}" if where else "")
    )
    params = [Dim.OUTLET, Dim.VIA, Dim.ALL, [Dim.OUTLET, Dim.VIA], *extra]
    found, more = _ranked_page(base, params, after=after, before=before, size=size)
    objects = Outlet.objects.in_bulk([row[0] for row in found])
    rows = []
    for pk, n, published, credited in found:
        if pk in objects:
            outlet = objects[pk]
            outlet.n, outlet.published, outlet.credited = int(n), int(published), int(credited)
            rows.append(outlet)
    return Ranked(
        rows,
        _count(base, params),
        has_next=more if not before else True,
        has_previous=bool(after) or (bool(before) and more),
    )
