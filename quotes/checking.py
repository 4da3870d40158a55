"""Check a quote: are these words in the archive, said by whom, and who reported
them first?

A journalist pastes words attributed to someone (optionally naming them). The
archive's closest statements come back: the same words, the same words cut
short (either side), close wording (a few words differ, other quotation
marks), or nothing close, each with its first reporter and every other outlet
that carried it, and the differing words marked.

How it stays fast at a million statements (docs/performance.md): a few
index reads of at most ``CANDIDATES`` rows each, then Python.

1. **Keys**: the statements sharing the pasted text's first or last six
   words (``head_key``, ``tail_key``, the hashes "also reported" uses; btree
   indexes of their own for a check without a speaker): copies, other
   quotation marks, a version cut short at one end or changed in the middle.
2. **Rare words**: the pasted text's nine rarest index words (rarity from
   PostgreSQL's statistics of the search document, read once an hour), in
   three groups of three, each group looked up in the GIN index on its own
   (an AND is read from its rarest word's list; one OR of all would read
   every list): a version cut short at both ends, one that goes on, or one
   with changed words in at most two of the groups.
3. **Python** ranks the candidates by the words they share with the pasted
   text, compares the best ``COMPARED`` word by word (difflib), which
   decides "same", "part", "longer" or "close" and marks the differences,
   and groups each with the other candidates carrying it (same speaker,
   same first or last words), earliest first. One more query loads those
   shown.
"""

from __future__ import annotations

import datetime
import re
import time
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import NamedTuple

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import Person, PersonAlias, Statement

# Index words per run in the close-wording query: shorter finds versions with
# more changes, and reads more candidates.
RUN = 3
# Rows read for ranking, at most, from each index read.
CANDIDATES = 200
# Statements compared word by word (the best by trigram similarity), results shown.
COMPARED = 12
SHOWN = 5
# Pasted text longer than this is cut (a quote is a few sentences).
MAX_CHARS = 1500
MIN_WORDS = 3
# Share of the pasted words (or of the statement's) that must match, in order,
# for "close wording".
CLOSE = 0.6

WORD = re.compile(r"[^\W_]+")
_OUTER_MARKS = "\"'“”‘’«»„‚‹› \n\t"


def words(text: str) -> list[str]:
    """Lower-cased words: what the comparison counts (punctuation and
    quotation marks do not count; "didn’t" and "didn't" are the same)."""
    return [word.lower() for word in WORD.findall(text)]


def clean(text: str) -> str:
    """The pasted text without surrounding quotation marks and extra spaces."""
    text = " ".join((text or "").split())[:MAX_CHARS]
    return text.strip(_OUTER_MARKS)


@dataclass
class Reported:
    """One report of the words: the statement in one article."""

    statement: Statement

    @property
    def outlet(self):
        return self.statement.article.outlet

    @property
    def published_on(self) -> datetime.date | None:
        return self.statement.published_on


@dataclass
class Match:
    """One statement close to the pasted words, and everyone who carried it."""

    statement: Statement
    # "same"; "part": the pasted words are part of it; "longer": it is part of
    # the pasted words; "close": a few words differ.
    verdict: str
    differing: int  # words that differ (changed, added or missing inside the match)
    marked: SafeString  # the statement's text, differences marked
    score: float = 0.0  # trigram similarity, for ranking
    first: Reported | None = None
    others: list[Reported] = field(default_factory=list)

    @property
    def label(self) -> str:
        if self.verdict == "close":
            n = self.differing
            return f"Close wording: {n} word{' differs' if n == 1 else 's differ'}"
        return {
            "same": "Same words",
            "part": "Same words; the statement goes on",
            "longer": "Same words, but the archive has only part of them",
        }[self.verdict]


@dataclass
class Check:
    """The answer for one pasted text."""

    text: str
    speaker: Person | None = None
    speaker_asked: str = ""
    speaker_guessed: bool = False  # the name given was matched approximately
    matches: list[Match] = field(default_factory=list)
    too_short: bool = False


def find_speaker(name: str) -> tuple[Person | None, bool]:
    """The person ``name`` means (slug, name or alias; else the closest name):
    ``(person, guessed)``, or ``(None, False)``."""
    name = " ".join(name.split())
    if not name:
        return None, False
    exact = (
        Person.objects.filter(slug=name.lower()).first()
        or Person.objects.filter(name__iexact=name).order_by("-reviewed", "pk").first()
    )
    if exact is None:
        alias = (
            PersonAlias.objects.filter(text__iexact=name, kind=PersonAlias.Kind.NAME)
            .select_related("person").order_by("pk").first()
        )
        exact = alias.person if alias else None
    if exact is not None:
        return exact, False
    found = Person.objects.misspelt([name])
    return (found[1], True) if found else (None, False)


def check(text: str, speaker_name: str = "") -> Check:
    """The archive's closest statements to ``text`` (by ``speaker_name`` if given)."""
    text = clean(text)
    result = Check(text=text, speaker_asked=" ".join(speaker_name.split()))
    if result.speaker_asked:
        result.speaker, result.speaker_guessed = find_speaker(result.speaker_asked)
    pasted = words(text)
    if len(pasted) < MIN_WORDS:
        result.too_short = True
        return result
    candidates = _candidates(text, result.speaker.pk if result.speaker else None)
    found = []
    for score, candidate in _rank(pasted, candidates):
        compared = compare(pasted, candidate.text)
        if compared is not None:
            found.append((candidate, score, *compared))
    found.sort(key=lambda item: (VERDICTS.index(item[2]), item[3], -item[1], item[0].uid))
    result.matches = _with_reporters(found, candidates)
    return result


VERDICTS = ["same", "part", "longer", "close"]
# The close-wording reads: the pasted text's rarest index words in up to
# GROUPS groups of three, each enough: a changed word costs one group only.
# (A word the archive never has, as a changed one often is, counts as the
# rarest of all, so changes tend to land in the groups: three of them
# survive two changes.)
GROUPS = 3


def _candidates(text: str, speaker_id: int | None) -> list[Candidate]:
    """The statements worth comparing, from a few index reads
    of at most CANDIDATES rows each:

    - the same first or last six words (``head_key``, ``tail_key``, as "also
      reported" uses them): copies, other quotation marks, a version cut
      short at one end, or changed only in the middle;
    - each group of the pasted text's rarest index words (rarity from
      PostgreSQL's own statistics of the search document), all of the group:
      a version cut short at both ends, or going on, or with a word changed
      elsewhere. Separate reads, not one OR: an AND is read from its rarest
      word's list, an OR of them from every list (200 ms at a million).
    """
    speaker = " AND speaker_id = %s" if speaker_id else ""
    by_speaker = [speaker_id] if speaker_id else []
    keys = "SELECT quotes_head_key(%s) AS head, quotes_tail_key(%s) AS tail"
    parts = [
        # Copies first (both ends the same): a stock opening can be shared by
        # thousands of statements, more than the limit.
        f"(SELECT {CANDIDATE_COLUMNS} FROM quotes_statement, ({keys}) AS k"
        " WHERE status <> 'rejected' AND head_key = k.head AND tail_key = k.tail"
        f"{speaker} LIMIT %s)",
        f"(SELECT {CANDIDATE_COLUMNS} FROM quotes_statement, ({keys}) AS k"
        " WHERE status <> 'rejected' AND (head_key = k.head OR tail_key = k.tail)"
        f"{speaker} LIMIT %s)",
    ]
    values = [text, text, *by_speaker, CANDIDATES, text, text, *by_speaker, CANDIDATES]
    for group in _rare_groups(text):
        parts.append(
            f"(SELECT {CANDIDATE_COLUMNS} FROM quotes_statement WHERE status <> 'rejected'"
            f" AND search_vector @@ %s::tsquery{speaker} LIMIT %s)"
        )
        values += [" & ".join(_lexeme(lexeme) for lexeme in group), *by_speaker, CANDIDATES]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ".join(parts), values)
        return [Candidate(*row) for row in cursor.fetchall()]


class Candidate(NamedTuple):
    uid: str
    text: str
    speaker_id: int | None
    speaker_mention: str
    head_key: int
    tail_key: int


CANDIDATE_COLUMNS = ", ".join(Candidate._fields)


def _rare_groups(text: str) -> list[list[str]]:
    """The rarest index words of ``text`` in up to GROUPS groups of three (of
    two with 4 or 5 words, one of them all with fewer), taken in turn so that
    each holds some of the rarest."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT lexeme FROM unnest(to_tsvector('english'::regconfig, %s))", [text]
        )
        lexemes = [row[0] for row in cursor.fetchall()]
    if not lexemes:
        return []
    frequency = frequencies()
    rarest = sorted(lexemes, key=lambda lexeme: (frequency.get(lexeme, 0.0), lexeme))
    size = 3 if len(rarest) >= 6 else 2 if len(rarest) >= 4 else len(rarest)
    count = min(GROUPS, len(rarest) // size)
    rarest = rarest[: size * count]
    return [rarest[i::count] for i in range(count)]


def _rank(pasted: list[str], candidates: list[Candidate]) -> list[tuple[float, Candidate]]:
    """The COMPARED candidates sharing most words with the pasted text, as
    (score, candidate): the share of words in common, or of the pasted words
    found in a longer statement. Word sets in Python: microseconds a row,
    where trigram similarity in the database cost 0.4 ms a row."""
    mine = set(pasted)
    scored = []
    for candidate in candidates:
        theirs = set(words(candidate.text))
        common = len(mine & theirs)
        score = max(common / len(mine | theirs), 0.9 * common / len(mine)) if mine else 0.0
        scored.append((score, candidate))
    scored.sort(key=lambda item: (-item[0], item[1].uid))
    return scored[:COMPARED]


def _lexeme(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


_frequencies: tuple[float, dict[str, float]] = (0.0, {})
FREQUENCIES_SECONDS = 3600


def frequencies() -> dict[str, float]:
    """The share of statements holding each of the search document's commonest
    words, from PostgreSQL's statistics (``pg_stats.most_common_elems``, the
    1,000 commonest at the default target; ANALYZE keeps them): read once an
    hour per process, not per request. Words not listed are rarer than all."""
    global _frequencies
    read_at, known = _frequencies
    if time.monotonic() - read_at < FREQUENCIES_SECONDS:
        return known
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE tablename = 'quotes_statement' AND attname = 'search_vector'"
        )
        row = cursor.fetchone()
    known = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
    _frequencies = (time.monotonic(), known)
    return known


def compare(pasted: list[str], text: str) -> tuple[str, int, SafeString] | None:
    """How ``text``'s words stand to the pasted ones: (verdict, words that
    differ, ``text`` with the differences marked), or None if not close."""
    spans = [(m.start(), m.end()) for m in WORD.finditer(text)]
    theirs = [text[a:b].lower() for a, b in spans]
    matcher = SequenceMatcher(None, pasted, theirs, autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    matched = sum(block.size for block in blocks)
    if not blocks:
        return None
    if pasted == theirs:
        verdict, differing = "same", 0
    elif len(blocks) == 1 and blocks[0].size == len(pasted):
        verdict, differing = "part", 0
    elif len(blocks) == 1 and blocks[0].size == len(theirs):
        verdict, differing = "longer", 0
    else:
        if matched < CLOSE * min(len(pasted), len(theirs)) or matched < MIN_WORDS:
            return None
        # The statement's words beyond the matching stretch do not count (it
        # goes on); inside it, and all of the pasted ones, they do.
        inner = blocks[-1].b + blocks[-1].size - blocks[0].b
        verdict, differing = "close", max(len(pasted) - matched, inner - matched)
    return verdict, differing, mark_differences(text, spans, matcher)


def mark_differences(text: str, spans, matcher: SequenceMatcher) -> SafeString:
    """``text`` escaped, its words that the pasted text lacks in ``<ins>``, pasted
    words it lacks in ``<del>`` where they would be, and words beyond the pasted
    stretch (a statement that goes on) in ``<span class="beyond">``."""
    pasted = matcher.a
    opcodes = matcher.get_opcodes()
    equal = [op for op in opcodes if op[0] == "equal"]
    first_b = equal[0][3] if equal else 0
    last_b = equal[-1][4] if equal else len(spans)
    html, cursor = [], 0
    for tag, i1, i2, j1, j2 in opcodes:
        if j2 > j1:
            start, end = spans[j1][0], spans[j2 - 1][1]
            html.append(escape(text[cursor:start]))
            chunk = escape(text[start:end])
            if tag == "equal":
                html.append(chunk)
            elif j2 <= first_b or j1 >= last_b:
                html.append(f'<span class="beyond">{chunk}</span>')
            else:
                html.append(f'<ins title="In the archive, not in your text">{chunk}</ins>')
            cursor = end
        if tag in ("replace", "delete") and i2 > i1:
            missing = escape(" ".join(pasted[i1:i2]))
            html.append(f' <del title="In your text, not in the archive">{missing}</del>')
    html.append(escape(text[cursor:]))
    return mark_safe("".join(html))


def _with_reporters(found: list[tuple], candidates: list[Candidate]) -> list[Match]:
    """The first SHOWN matches, each with who carried it, earliest first: the
    candidates by the same speaker sharing its first or last six words and
    most of its words (as "also reported" on a permalink). A statement
    already shown as another's report is not shown again. One query loads
    every statement shown, with its article and outlet."""
    chosen: list[tuple] = []
    covered: set[str] = set()
    for candidate, score, verdict, differing, marked in found:
        if candidate.uid in covered:
            continue
        group = [other for other in candidates if _same_report(candidate, other)]
        covered.update(other.uid for other in group)
        chosen.append((candidate, score, verdict, differing, marked, group))
        if len(chosen) == SHOWN:
            break
    uids = {other.uid for *_, group in chosen for other in group}
    rows = {
        row.uid: row
        for row in Statement.objects.filter(uid__in=uids)
        .select_related("speaker", "article__outlet", "via")
        .defer("search_vector", "article__text")
    } if uids else {}
    matches = []
    for candidate, score, verdict, differing, marked, group in chosen:
        reports = sorted(
            (rows[other.uid] for other in group if other.uid in rows),
            key=lambda s: (s.published_on is None, s.published_on or datetime.date.min,
                           s.created_at, s.uid),
        )
        if candidate.uid not in rows:
            continue
        matches.append(Match(
            rows[candidate.uid], verdict, differing, marked, score,
            first=Reported(reports[0]), others=[Reported(s) for s in reports[1:]],
        ))
    return matches


def _same_report(one: Candidate, other: Candidate) -> bool:
    """``other`` is ``one`` carried again: same speaker, same first or last
    words, and at least half their words in common."""
    if one.uid == other.uid:
        return True
    if one.speaker_id != other.speaker_id or (
        one.speaker_id is None and one.speaker_mention.lower() != other.speaker_mention.lower()
    ):
        return False
    if one.head_key != other.head_key and one.tail_key != other.tail_key:
        return False
    mine, theirs = set(words(one.text)), set(words(other.text))
    return len(mine & theirs) >= 0.5 * len(mine | theirs)
