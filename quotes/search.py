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
