"""How many statements a list holds, and its facet counts, in bounded time.

A list's total and each facet ("Speaker", "Published by", ...) are counts
over a set of statements: the list's filters, less the facet's own filter so
that its numbers reflect the other filters. Each set is answered the
cheapest exact way there is, else estimated, never silently wrong:

1. Filtered on at most one facet (any number of its values), with no search
   and no dates: exact, from ``StatementTally``, the counts the database
   keeps per facet value and per pair of values. An index lookup however
   large the archive.
2. Otherwise, at most ``EXACT_BOUND`` statements: exact, one GROUPING SETS
   query over the set (read through its indexes, at most that many rows).
3. Larger: estimated from the fixed 1 % sample (``Statement.sample == 0``)
   times 100, and shown as "about". The sample is read first: it also tells
   which of 2 and 3 applies (2 when it estimates at most 6,000), so a large
   set is never counted twice; a set of 5,000 or fewer that the sample
   overestimates past 6,000 is shown as an estimate.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from django.db import OperationalError, connection, transaction

from .models import KIND_CODES, STATUS_CODES, Outlet, Person, StatementTally

# Sets up to this size are counted exactly (path 2): about 10 ms of work,
# and never more than EXACT_MS.
EXACT_BOUND = 5_000
EXACT_MS = 30
# An exact count is tried when the sample's estimate is at most this many
# bounds: above it, counting up to the bound is almost always work thrown
# away (the 1 % sample of 6,000 matches errs by 13 % at one standard error).
ATTEMPT_EXACT = 1.2
SAMPLE_RATE = 100  # Statement.sample is 0-99; 0 is the sample
# What ``within(..., off=...)`` may turn off, and the value that does. A walk
# down an index must stay one process: a parallel index scan runs each worker
# ahead for its own matches (123 ms for a phrase a serial walk finds in 5).
OFF = {"enable_bitmapscan": "off", "enable_seqscan": "off",
       "max_parallel_workers_per_gather": "0"}
PLANNER_SETTINGS = tuple(OFF)
# Long facet lists are cut to the busiest values (the selected ones always stay).
FACET_LIMIT = 15

Dim = StatementTally.Dim
DIMS = {
    "speaker": Dim.SPEAKER, "outlet": Dim.OUTLET, "via": Dim.VIA,
    "kind": Dim.KIND, "status": Dim.STATUS,
}
COLUMNS = {
    "speaker": "speaker_id", "outlet": "outlet_id", "via": "via_id",
    "kind": "kind", "status": "status",
}
CODES = {"kind": KIND_CODES, "status": STATUS_CODES}
NAMED = {"speaker": Person, "outlet": Outlet, "via": Outlet}


@dataclass
class Counted:
    """A set's size and its counts per facet value (``{"speaker": {3: 120}}``,
    keys as stored: ids, or the kind and status values)."""

    total: int
    exact: bool
    by_facet: dict[str, dict] = field(default_factory=dict)
    # (facet, id) -> (slug, name) of the people and outlets counted, when known.
    labels: dict[tuple[str, int], tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Scope:
    """Which statements a question is about, in the two forms the answers need:
    ``values`` (facet -> ids or codes, the tally's terms) when the set is
    only facet conditions, and ``queryset`` always."""

    queryset: object
    values: dict[str, tuple] | None

    def tallied(self) -> bool:
        return self.values is not None and len(self.values) <= 1


def count(scope: Scope, facets=(), *, limit: int = FACET_LIMIT, among=None) -> Counted:
    """The size of ``scope`` and, for each name in ``facets``, its counts per value
    (from the tallies, the busiest ``limit``; ``among``: ``(facet, ids)``, only
    those values of that facet, as a facet's "show all" search asks)."""
    if among is not None and not scope.tallied():
        name, ids = among
        scope = Scope(scope.queryset.filter(**{f"{COLUMNS[name]}__in": ids}), None)
    if scope.tallied():
        return _from_tallies(scope.values, facets, limit, among)
    return _labelled(_counted(scope, facets), limit)


def _counted(scope: Scope, facets) -> Counted:
    sample = _grouped(scope.queryset.filter(sample=0), facets)
    at_least = 0
    if sample.total * SAMPLE_RATE <= ATTEMPT_EXACT * EXACT_BOUND:
        exact = within(EXACT_MS, _grouped, scope.queryset, facets, limit=EXACT_BOUND + 1)
        if exact is not None and exact.total <= EXACT_BOUND:
            return exact
        if exact is not None:
            at_least = EXACT_BOUND + 1  # the sample happened to undercount
    return Counted(
        max(sample.total * SAMPLE_RATE, at_least),
        exact=False,
        by_facet={
            name: {value: n * SAMPLE_RATE for value, n in counts.items()}
            for name, counts in sample.by_facet.items()
        },
    )


def _labelled(counted: Counted, limit: int = FACET_LIMIT) -> Counted:
    """``counted`` with the slugs and names of the people and outlets that
    ``top`` will show, in one query (not one per facet)."""
    wanted = {
        name: [pk for pk, _ in busiest(counts, limit)]
        for name, counts in counted.by_facet.items()
        if name in NAMED and counts
    }
    if not wanted:
        return counted
    people = wanted.get("speaker", [])
    outlets = sorted({pk for name in ("outlet", "via") for pk in wanted.get(name, ())})
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT true, id, slug, name FROM quotes_person WHERE id = ANY(%s) "
            "UNION ALL SELECT false, id, slug, name FROM quotes_outlet WHERE id = ANY(%s)",
            [people, outlets],
        )
        for is_person, pk, slug, label in cursor.fetchall():
            for name in ("speaker",) if is_person else ("outlet", "via"):
                if pk in counted.by_facet.get(name, ()):
                    counted.labels[name, pk] = (slug, label)
    return counted


def within(ms: int, function, *args, off: tuple[str, ...] = (), **kwargs):
    """``function(*args, **kwargs)``, or None if its queries take over ``ms``
    (each; ``off``: planner settings such as "enable_bitmapscan" turned off
    for them).

    Few matches can still be costly to count: a phrase whose words are
    common ("new talks") is checked on every statement having both words.
    Past the limit the estimate stands, as Datasette gives up on a facet.
    """
    if any(setting not in PLANNER_SETTINGS for setting in off):
        raise ValueError(f"not planner settings: {', '.join(off)}")
    names = ["statement_timeout", *off]
    # SET LOCAL lasts until the transaction ends: here, when this block
    # commits, or, inside a caller's transaction, until it is set back.
    nested = connection.in_atomic_block
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    "; ".join(f"SET LOCAL {name} = {'%s' if i == 0 else OFF[name]}"
                              for i, name in enumerate(names)),
                    [ms],
                )
            result = function(*args, **kwargs)
            if nested:
                with connection.cursor() as cursor:
                    cursor.execute("; ".join(f"SET LOCAL {name} TO DEFAULT" for name in names))
            return result
    except OperationalError as error:
        if getattr(error.__cause__, "sqlstate", None) == "57014":  # query_canceled
            return None
        raise


def _from_tallies(values: dict[str, tuple], facets, limit=FACET_LIMIT, among=None) -> Counted:
    """The set's total (its ``dim2 = 0`` row) and, per facet, the busiest values
    (``FACET_LIMIT`` per facet through the (dim, key, dim2, n desc) index, or
    summed over the keys when several values of one facet are selected)."""
    own, keys = next(iter(values.items()), (None, ()))
    dim, keys = (DIMS[own], _codes(own, keys)) if own else (Dim.ALL, [0])
    dims = [Dim.ALL, *(DIMS[name] for name in facets if name != own)]
    if among is not None:
        # Only the values asked for (their ids come from a name search): summed
        # like several keys, the total still from the dim2 = 0 row.
        rows = (
            "SELECT dim2, key2, sum(n) AS n FROM quotes_tally WHERE dim = %s AND key = ANY(%s) "
            "AND (dim2 = 0 OR (dim2 = %s AND key2 = ANY(%s))) GROUP BY 1, 2 HAVING sum(n) > 0"
        )
        params = [dim, keys, DIMS[among[0]], list(among[1])]
    elif len(keys) == 1:
        rows = (
            "SELECT d.dim2, t.key2, t.n FROM unnest(%s::smallint[]) AS d (dim2), "
            "LATERAL (SELECT key2, n FROM quotes_tally WHERE dim = %s AND key = %s "
            "AND dim2 = d.dim2 AND n > 0 ORDER BY n DESC LIMIT %s) AS t"
        )
        params = [dims, dim, keys[0], limit]
    else:
        rows = (
            "SELECT dim2, key2, sum(n) AS n FROM quotes_tally WHERE dim = %s AND key = ANY(%s) "
            "AND dim2 = ANY(%s) GROUP BY 1, 2 HAVING sum(n) > 0"
        )
        params = [dim, keys, dims]
    with connection.cursor() as cursor:
        # People's and outlets' slugs and names come along: no query per facet.
        # LATERAL, so each is an index lookup: as plain joins the planner
        # hashed all 20,000 people for 50 rows (15 ms of a 16 ms query).
        cursor.execute(
            "SELECT t.dim2, t.key2, t.n, l.slug, l.name "
            f"FROM ({rows}) AS t LEFT JOIN LATERAL ("
            "SELECT slug, name FROM quotes_person WHERE t.dim2 = %s AND id = t.key2 "
            "UNION ALL "
            "SELECT slug, name FROM quotes_outlet WHERE t.dim2 IN (%s, %s) AND id = t.key2"
            ") AS l ON true",
            [*params, Dim.SPEAKER, Dim.OUTLET, Dim.VIA],
        )
        found = cursor.fetchall()
    counted = Counted(0, exact=True, by_facet={name: {} for name in facets})
    by_dim = {dim: name for name, dim in DIMS.items()}
    for dim2, key2, n, slug, label in found:
        n = int(n)  # sum() of bigint is numeric
        if dim2 == Dim.ALL:
            counted.total += n
        else:
            counted.by_facet[by_dim[dim2]][key2] = n
            if slug is not None:
                counted.labels[by_dim[dim2], key2] = (slug, label)
    for name in facets:
        counted.by_facet[name] = _decoded(name, counted.by_facet[name])
    return counted


def _codes(name: str, keys) -> list[int]:
    codes = CODES.get(name)
    return [codes[key] for key in keys if key in codes] if codes else list(keys)


def _decoded(name: str, counts: dict[int, int]) -> dict:
    codes = CODES.get(name)
    if not codes:
        return counts
    names = {code: value for value, code in codes.items()}
    return {names[code]: n for code, n in counts.items() if code in names}


def _grouped(queryset, facets, *, limit: int | None = None) -> Counted:
    """Counts per value of each facet, and the total, in one pass over ``queryset``
    (its first ``limit`` rows, when given: the caller checks the total).

    A broad search's sample gives a thousand rows or more (one per speaker,
    outlet, ...): which grouping set a row belongs to comes as one integer,
    ``GROUPING()``'s bit mask, cheaper to read than an array a row."""
    columns = [COLUMNS[name] for name in facets]
    sql, params = queryset.order_by().values("uid", *columns).query.sql_with_params()
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    sets = ", ".join([*(f"({column})" for column in columns), "()"])
    mask = f"GROUPING({', '.join(columns)})" if columns else "0"
    select = ", ".join(columns) + ", " if columns else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {select}{mask}, count(*) FROM ({sql}) AS s GROUP BY GROUPING SETS ({sets})",
            params,
        )
        rows = cursor.fetchall()
    # GROUPING(a, b, c) has a bit per column, a's the highest, set when the
    # row is not grouped by it: the rows of set (b) have every bit but b's.
    every = (1 << len(columns)) - 1
    facet_of = {every ^ (1 << (len(columns) - 1 - i)): i for i in range(len(columns))}
    counted = Counted(0, exact=True, by_facet={name: {} for name in facets})
    by_index = [counted.by_facet[name] for name in facets]
    for row in rows:
        i = facet_of.get(row[-2])
        if i is None:
            counted.total = row[-1]
        elif (value := row[i]) is not None:
            by_index[i][value] = row[-1]
    return counted


def top(name: str, counts: dict, limit: int = FACET_LIMIT, labels=None) -> list[tuple]:
    """The busiest ``limit`` values of a facet as ``(value, label, n)``, busiest
    first: slugs and names for people and outlets (from ``labels``, else one
    query), stored values for the others."""
    ranked = busiest(counts, limit)
    model = NAMED.get(name)
    if model is None:
        return [(value, value, n) for value, n in ranked]
    labels = labels or {}
    found = {pk: labels[name, pk] for pk, _ in ranked if (name, pk) in labels}
    if len(found) < len(ranked):
        found = {
            pk: (slug, label)
            for pk, slug, label in model.objects.filter(pk__in=[pk for pk, _ in ranked])
            .values_list("pk", "slug", "name")
        }
    rows = [(*found[pk], n) for pk, n in ranked if pk in found]
    return sorted(rows, key=lambda row: (-row[2], row[1]))


def _busiest(item) -> tuple:
    """Sort key of a facet's ``(value, n)``: busiest first, then by value."""
    return (-item[1], str(item[0]))


def busiest(counts: dict, limit: int) -> list[tuple]:
    """The ``limit`` busiest ``(value, n)`` of ``counts``, busiest first, ties by
    value. A broad search's estimate has a thousand speakers: only those at
    least as busy as the ``limit``-th are sorted."""
    if len(counts) > limit:
        least = heapq.nlargest(limit, counts.values())[-1]
        counts = {value: n for value, n in counts.items() if n >= least}
    return sorted(counts.items(), key=_busiest)[:limit]


def estimate_label(n: int) -> str:
    """"about 120,000": two significant figures, as a sample of 1 % allows."""
    if n >= 100:
        digits = len(str(n)) - 2
        n = round(n, -digits)
    return f"about {n:,}"

