"""Search helpers: query normalisation, highlighting and seek (keyset) paging.

The queries themselves are ``Statement.objects.search()`` and friends in
``quotes/models.py``; this module holds what surrounds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import F, Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Private-use characters: PostgreSQL's ts_headline puts them around matched
# words; we escape the text, then turn them into <mark> (never raw HTML from
# the database into the page).
START, STOP = "\ue000", "\ue001"

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})
# British style quotes a phrase in single marks: ‘no deadline’. The closing ’
# is one not followed by a letter, so "Russia’s" inside it stays an apostrophe.
_SINGLE_QUOTED = re.compile(r"(?<!\w)‘(.+?)’(?!\w)")
_TOKEN = re.compile(r'-?"[^"]*"?|\S+')


def normalise_query(q: str | None) -> str:
    """Curly quotes and guillemets become straight ones, so “exact phrase” works
    (and ‘exact phrase’ too); apostrophes stay apostrophes."""
    q = _SINGLE_QUOTED.sub(r'"\1"', q or "")
    return " ".join(q.translate(_QUOTES).split())


def any_word_query(q: str) -> str:
    """The query's wanted words joined by ``or`` ("" if it only excludes words).

    Every row matching ``q`` contains at least one of them somewhere, which lets
    the database pre-filter with the GIN index before building full documents.
    """
    words = []
    for token in _TOKEN.findall(q):
        if token.startswith("-") or token.lower() == "or":
            continue
        words += re.findall(r"\w+", token)
    return " or ".join(words)


def mark_headline(text: str) -> SafeString:
    """Escape ``text`` and turn the headline sentinels into ``<mark>`` elements."""
    html = escape(text)
    # Unbalanced sentinels (hostile text can contain them) still give valid HTML.
    opened = html.count(START) - html.count(STOP)
    html = html.replace(START, "<mark>").replace(STOP, "</mark>")
    if opened > 0:
        html += "</mark>" * opened
    elif opened < 0:
        html = "<mark>" * -opened + html
    return mark_safe(html)


@dataclass(frozen=True)
class SortKey:
    """One column of an ordering used for seek paging."""

    name: str
    descending: bool

    def order_by(self):
        field = F(self.name)
        return field.desc(nulls_last=True) if self.descending else field.asc(nulls_last=True)


# Every list's order without a search, and the exports': newest first, undated
# last, then newest added (the statements table has an index in this order).
NEWEST = [
    SortKey("published_on", descending=True),
    SortKey("created_at", descending=True),
    SortKey("uid", descending=False),
]


def seek_after(queryset, keys: list[SortKey], cursor: dict):
    """Rows strictly after ``cursor`` (the sort values of the last row shown).

    ``WHERE (a < A) OR (a = A AND b < B) OR ...`` instead of OFFSET: the
    database skips straight to the spot, so page 500 costs what page 1 does.
    NULLs sort last, as in ``SortKey.order_by``.
    """
    condition = Q(pk__in=[])
    equal = Q()
    for key in keys:
        value = cursor[key.name]
        if value is None:
            # Past a NULL only further NULLs can follow in this column.
            after = Q(pk__in=[])
            same = Q(**{f"{key.name}__isnull": True})
        else:
            lookup = "lt" if key.descending else "gt"
            after = Q(**{f"{key.name}__{lookup}": value}) | Q(**{f"{key.name}__isnull": True})
            same = Q(**{key.name: value})
        condition |= equal & after
        equal &= same
    return queryset.filter(condition)


def seek_page(queryset, keys: list[SortKey], cursor: dict | None, size: int) -> list[str]:
    """The uids of the ``size`` rows after ``cursor`` (from the top without one).

    After a dated cursor come the rows dated up to its date, then the undated
    ones (NULLS LAST): two queries, each the start of an index range. As one
    OR, PostgreSQL walked the newest-first index from the top and filtered,
    0.45 s for a cursor deep in a million statements.
    """
    if cursor is None:
        return list(queryset.values_list("uid", flat=True)[:size])
    after = seek_after(queryset, keys, cursor)
    first, value = keys[0], cursor[keys[0].name]
    if value is None or not first.descending:
        return list(after.values_list("uid", flat=True)[:size])
    uids = list(
        after.filter(**{f"{first.name}__lte": value}).values_list("uid", flat=True)[:size]
    )
    if len(uids) < size:
        undated = after.filter(**{f"{first.name}__isnull": True})
        uids += undated.values_list("uid", flat=True)[: size - len(uids)]
    return uids
