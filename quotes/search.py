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


def quoted(q: str) -> str:
    """The query as a heading shows it, in curly marks, never doubled:
    ``deadline`` is “deadline”, ``"no deadline" Peskov`` is “no deadline” Peskov."""
    if '"' not in q:
        return f"“{q}”"
    return re.sub(r'"([^"]*)"?', r"“\1”", q)


@dataclass(frozen=True)
class Term:
    """One term of a search: a word or a quoted phrase, wanted or excluded."""

    text: str
    phrase: bool
    negated: bool

    @property
    def checked(self) -> bool:
        """A phrase with a stop word: the search document cannot tell "no
        deadline" from "a deadline", so its words are checked on the text."""
        return self.phrase and any(
            word.lower() in STOP_WORDS for word in re.findall(r"[^\W_]+", self.text)
        )

    def websearch(self) -> str:
        text = f'"{self.text}"' if self.phrase else self.text
        return f"-{text}" if self.negated else text


def parse_query(q: str) -> list[list[Term]]:
    """A normalised query as websearch reads it: terms that must all match, each
    a group of alternatives joined by ``or`` (``a b or c`` is ``[[a], [b, c]]``)."""
    groups: list[list[Term]] = []
    joined = False
    for token in _TOKEN.findall(q):
        if token.lower() == "or":
            joined = bool(groups)
            continue
        negated = token.startswith("-") and len(token) > 1
        body = token[1:] if negated else token
        phrase = body.startswith('"')
        text = body.strip('"') if phrase else body
        if not re.search(r"\w", text):
            continue
        term = Term(" ".join(text.split()), phrase, negated)
        if joined:
            groups[-1].append(term)
        else:
            groups.append([term])
        joined = False
    return groups


def phrase_regex(phrase: str) -> str:
    """A PostgreSQL regular expression for ``phrase``'s exact words, in order.

    Every word counts, stop words included, whole words only: "no plans" is
    not in "no immediate plans", "a plan" nor "no plansible". Case does not
    count, nor quotation marks, apostrophes (curly or straight) and dashes
    between words; other punctuation (a comma, a full stop) only where the
    phrase has some too, so "no. Plans" across two sentences is not "no
    plans". ``\\m`` and ``\\M`` are PostgreSQL's word edges.
    """
    parts = re.split(r"([^\W_]+)", phrase)
    words, gaps = parts[1::2], parts[2:-1:2]
    if not words:
        return ""
    pattern = r"\m" + words[0]
    for gap, word in zip(gaps, words[1:], strict=True):
        loose = re.search(r"[^\s\"'“”‘’«»„‚‹›\-–—]", gap) is not None
        pattern += (_ANY_GAP if loose else _QUOTE_GAP) + word
    return pattern + r"\M"


# Between two words of a phrase: any non-word characters, or (the phrase having
# only spaces there) spaces, quotation marks, apostrophes and dashes.
_ANY_GAP = r"[^[:alnum:]]+"
_QUOTE_GAP = "[[:space:]\"'“”‘’«»„‚‹›–—-]+"


# PostgreSQL's English stop words (tsearch_data/english.stop, Snowball's list):
# the search document leaves them out, so a phrase of nothing else cannot use
# its index.
STOP_WORDS = frozenset(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves what which
    who whom this that these those am is are was were be been being have has had having do
    does did doing a an the and but if or because as until while of at by for with about
    against between into through during before after above below to from up down in out on
    off over under again further then once here there when where why how all any both each
    few more most other some such no nor not only own same so than too very s t can will
    just don should now
    """.split()
)
# Such a phrase ("we are") is looked for in the newest this many statements
# of the list, not in all: each is read and checked, about 20 ms per 1,000 on
# the loaded benchmark machine (docs/performance.md).
STOP_WORDS_BOUND = 5_000


def only_stop_words(groups: list[list[Term]]) -> bool:
    """True when the wanted words are all stop words and one is in a phrase: the
    document has nothing to look up, the phrase is checked row by row."""
    wanted = [term for group in groups for term in group if not term.negated]
    words = [word.lower() for term in wanted for word in re.findall(r"[^\W_]+", term.text)]
    return any(term.phrase for term in wanted) and all(word in STOP_WORDS for word in words)


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
    # How the index stores this column when descending: Django's ``-field``
    # index is DESC NULLS FIRST; the statements table's are NULLS LAST.
    index_nulls_first: bool = False

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
# Oldest first, undated still last: the same index read backwards.
OLDEST = [
    SortKey("published_on", descending=False),
    SortKey("created_at", descending=False),
    SortKey("uid", descending=True),
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


def seek_before(queryset, keys: list[SortKey], cursor: dict):
    """Rows strictly before ``cursor`` in the order of ``keys`` (NULLs last)."""
    condition = Q(pk__in=[])
    equal = Q()
    for key in keys:
        value = cursor[key.name]
        if value is None:
            # Every non-NULL value comes before a NULL.
            before = Q(**{f"{key.name}__isnull": False})
            same = Q(**{f"{key.name}__isnull": True})
        else:
            lookup = "gt" if key.descending else "lt"
            before = Q(**{f"{key.name}__{lookup}": value})
            same = Q(**{key.name: value})
        condition |= equal & before
        equal &= same
    return queryset.filter(condition)


def _order(keys: list[SortKey], *, reverse: bool = False, dated: bool = False) -> list:
    """ORDER BY terms for ``keys`` (NULLs last), or for the opposite order
    (``reverse``: each key flipped, NULLs first).

    The indexes sort ``published_on DESC NULLS LAST``; read backwards they
    give ``ASC NULLS FIRST``. Where only dated rows are asked for
    (``dated``), the date's NULLs are placed as the index has them, so the
    index serves the order either way instead of a sort of every row.
    """
    terms = []
    for i, key in enumerate(keys):
        descending = key.descending != reverse
        nulls_first = reverse
        if dated and i == 0 and key.name == "published_on":
            nulls_first = key.index_nulls_first == descending
        field = F(key.name)
        nulls = {"nulls_first": True} if nulls_first else {"nulls_last": True}
        terms.append(field.desc(**nulls) if descending else field.asc(**nulls))
    return terms


def seek_page(
    queryset, keys: list[SortKey], cursor: dict | None, size: int, pk: str = "uid"
) -> list:
    """The uids of the ``size`` rows after ``cursor`` (from the top without one).

    After a dated cursor come the rows dated up to its date, then the undated
    ones (NULLS LAST): two queries, each the start of an index range. As one
    OR, PostgreSQL walked the newest-first index from the top and filtered,
    0.45 s for a cursor deep in a million statements. Oldest first, the
    dated rows and the undated ones are asked for apart for the same reason
    (the index read backwards puts NULLs first).
    """
    first = keys[0]
    if first.name != "published_on" or (
        first.descending and cursor is None and not first.index_nulls_first
    ):
        rows = queryset if cursor is None else seek_after(queryset, keys, cursor)
        return list(rows.order_by(*_order(keys)).values_list(pk, flat=True)[:size])
    value = None if cursor is None else cursor[first.name]
    uids: list[str] = []
    if cursor is None or value is not None:
        dated = queryset.filter(**{f"{first.name}__isnull": False})
        if cursor is not None:
            lookup = "lte" if first.descending else "gte"
            dated = seek_after(dated, keys, cursor).filter(**{f"{first.name}__{lookup}": value})
        uids = list(dated.order_by(*_order(keys, dated=True)).values_list(pk, flat=True)[:size])
    if len(uids) < size:
        undated = queryset.filter(**{f"{first.name}__isnull": True})
        if value is None and cursor is not None:
            undated = seek_after(undated, keys, cursor)
        uids += undated.order_by(*_order(keys)).values_list(pk, flat=True)[: size - len(uids)]
    return uids


def seek_page_before(
    queryset, keys: list[SortKey], cursor: dict, size: int, pk: str = "uid"
) -> list:
    """The uids of the ``size`` rows just before ``cursor``, in the list's order:
    the previous page. Read backwards from the cursor, so page 500's previous
    page costs what page 2's does; fewer than ``size`` means the top is near.
    """
    first = keys[0]
    if first.name != "published_on":
        rows = seek_before(queryset, keys, cursor).order_by(*_order(keys, reverse=True))
        return list(rows.values_list(pk, flat=True)[:size])[::-1]
    value = cursor[first.name]
    uids: list[str] = []
    if value is None:
        # Undated rows before an undated cursor, then the dated rows from the end.
        undated = seek_before(queryset.filter(**{f"{first.name}__isnull": True}), keys, cursor)
        uids = list(
            undated.order_by(*_order(keys, reverse=True)).values_list(pk, flat=True)[:size]
        )
        dated = queryset.filter(**{f"{first.name}__isnull": False})
    else:
        lookup = "gte" if first.descending else "lte"
        dated = seek_before(queryset, keys, cursor).filter(**{f"{first.name}__{lookup}": value})
    if len(uids) < size:
        rows = dated.order_by(*_order(keys, reverse=True, dated=True)).values_list(pk, flat=True)
        uids += rows[: size - len(uids)]
    return uids[::-1]
