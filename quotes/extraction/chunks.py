"""Stage 3: sentence chunks. Paragraphs (furniture skipped) are cut into
sentences by rule, never inside a quotation, and bounded in length; the chunks
that hold a quotation mark or a reporting word are the ones spaCy parses.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from . import cues as lex
from .furniture import furniture_lines
from .marks import Quoted, find_in_paragraph, paragraphs

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "st", "jr", "sr",
    "jan", "feb", "aug", "sept", "sep", "oct", "nov", "dec", "no", "vs", "inc", "corp",
    "co", "ltd", "prof", "rev", "sgt", "capt", "maj", "adm", "pres", "ft", "mt", "u.s",
    "u.k", "d.c", "u.n", "e.g", "i.e", "a.m", "p.m", "calif", "fla", "ariz", "mass", "del",
}
# The word before a sentence end: "Sen.", "U.S.", "G.K." may not end one.
LAST_WORD = re.compile(r"([\w.]+)[.!?…]+[\"”’)']*\s+$")
# A person's initials, "G.K. Butterfield", never end a sentence.
INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]")
# A match starts only at the first mark of a run: "......" must not be tried
# from each of its dots (quadratic in the run's length).
BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]+[\"”’)']*\s+(?=[\"“‘(’']{0,3}[A-Z0-9])")
# Every cue form is one \w+ word: a set lookup per word, not a regex of 587
# alternatives tried at every word boundary (20 µs a character on "x-x-x-").
CUE_FORMS = frozenset(lex.CUE_WORDS)
WORD = re.compile(r"\w+")
WORD_CHAR = re.compile(r"\w")


def _cue_words(text: str, start: int = 0, end: int | None = None):
    """The reporting words ("said", "according", "remarks") in ``text[start:end]``."""
    found = WORD.finditer(text, start, len(text) if end is None else end)
    return (m for m in found if m.group().lower() in CUE_FORMS)
# A short frame after a quote that ends in ? or !: "Lund said.", "the 43-year-old asked".
ATTRIBUTION = re.compile(
    r"(?:[\w’'.-]+,? ){0,8}?(?:" + "|".join(sorted(lex.SPEECH_FORMS, key=len, reverse=True))
    + r")\b[^.!?“\"]{0,80}(?:[.!?]|$)"
)

# Real sentences stay far below this: the longest chunk of the 929 PolNeAR and
# seed articles is 1,516 characters (a quote running over several sentences).
# A longer one is cut, so that the parser's and the attributor's work per chunk
# is bounded and extraction time grows linearly with the text.
MAX_CHUNK = 2000
# Those 30,000 chunks hold at most 7 reporting words and 5 quotations each. A
# chunk with far more is a list, a table or an attack, not a sentence: it is
# neither parsed nor attributed, which keeps the work per chunk small.
MAX_CUES, MAX_QUOTES = 15, 12


@dataclass
class Chunk:
    """A sentence (or several, when a quote spans them) of one paragraph."""

    start: int
    end: int
    paragraph: int
    quotes: list[Quoted] = field(default_factory=list)
    doc: object = None
    index: int = 0  # position among the article's chunks
    prose: int = 0  # position among the article's prose paragraphs (furniture skipped)
    skipped: bool = False  # not a sentence (MAX_CUES, MAX_QUOTES): says nothing
    _opens: list[int] = field(init=False, repr=False)
    _token_starts: list[int] | None = field(default=None, init=False, repr=False)

    def __post_init__(self):
        # Quotes of a paragraph are disjoint and in order: bisect, not scan.
        self._opens = [q.open_at for q in self.quotes]

    def tokens_between(self, start: int, end: int):
        """The parsed tokens that begin at article offsets ``start`` to ``end`` (excluded)."""
        if self._token_starts is None:
            self._token_starts = [t.idx for t in self.doc]
        first = bisect_left(self._token_starts, start - self.start)
        last = bisect_left(self._token_starts, end - self.start)
        return self.doc[first:last]

    def last_closed_before(self, offset: int) -> Quoted | None:
        """The last of the chunk's quotes that closes at or before ``offset``."""
        i = bisect_right(self._opens, offset) - 1
        while i >= 0 and self.quotes[i].close_end > offset:
            i -= 1  # at most once: the quote ``offset`` is inside of
        return self.quotes[i] if i >= 0 else None

    def in_quote(self, offset: int) -> bool:
        """Whether article offset ``offset`` is inside one of the chunk's quotes, marks included."""
        i = bisect_right(self._opens, offset) - 1
        return i >= 0 and offset < self.quotes[i].close_end

    def words_outside_quotes(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` has a word character outside the chunk's
        quotes: a search per stretch between quotes, not a test per character."""
        pos = start
        i = bisect_right(self._opens, start) - 1
        if i >= 0 and start < self.quotes[i].close_end:
            pos = self.quotes[i].close_end  # ``start`` is inside quote i
        for q in self.quotes[i + 1 :]:
            if q.open_at >= end:
                break
            if WORD_CHAR.search(text, pos, q.open_at):
                return True
            pos = q.close_end
        return WORD_CHAR.search(text, pos, end) is not None

    def quote_opens_near(self, offset: int, slack: int = 1) -> bool:
        """Whether a quote of the chunk opens within ``slack`` characters of ``offset``."""
        i = bisect_left(self._opens, offset - slack)
        return i < len(self._opens) and self._opens[i] <= offset + slack


def _trim_end(text: str, end: int, chars: str | None = None) -> int:
    """``len(text[:end].rstrip(chars))`` without copying the text before ``end``
    (a copy per statement made long articles quadratic)."""
    while end > 0 and (text[end - 1].isspace() if chars is None else text[end - 1] in chars):
        end -= 1
    return end


def _sentences(text: str, start: int, end: int, quotes: list[Quoted]) -> list[tuple[int, int]]:
    """Split a paragraph into sentences by rule, never inside a quotation."""
    cuts = [start]
    close_ends = {q.close_end for q in quotes}
    after = 0  # quotes[after] is the first quote not closed before the cut (both in order)
    for match in BOUNDARY.finditer(text, start, end):
        cut = match.end()
        while after < len(quotes) and quotes[after].close_end <= cut:
            after += 1
        if after < len(quotes) and quotes[after].open_at < cut:
            continue  # inside a quotation
        word = LAST_WORD.search(text[max(start, cut - 20) : cut])
        if word and (word.group(1).lower().rstrip(".") in ABBREVIATIONS or len(word.group(1)) == 1
                     or INITIALS.fullmatch(word.group(1))):
            continue
        if _trim_end(text, cut) in close_ends and ATTRIBUTION.match(text, cut, end):
            continue  # “Where is the bridge?” Lund asked.  The frame belongs to the quote.
        cuts.append(cut)
    cuts.append(end)
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut into pieces of at most ``MAX_CHUNK`` characters: at
    sentence ends (quotes or not), else at the last space, else anywhere."""
    if end - start <= MAX_CHUNK:
        return [(start, end)]
    pieces = []
    cuts = [m.end() for m in BOUNDARY.finditer(text, start, end)]
    at, i = start, 0
    while end - at > MAX_CHUNK:
        limit = at + MAX_CHUNK
        while i < len(cuts) and cuts[i] <= at:
            i += 1
        best = None
        while i < len(cuts) and cuts[i] <= limit:
            best = cuts[i]
            i += 1
        if best is None:
            space = text.rfind(" ", at + MAX_CHUNK // 2, limit)
            best = space + 1 if space > at else limit
        pieces.append((at, best))
        at = best
    pieces.append((at, end))
    return pieces


def _chunks(text: str) -> list[Chunk]:
    spans = paragraphs(text)
    skip = furniture_lines(text, spans)
    chunks = []
    prose = 0
    for index, (start, end) in enumerate(spans):
        if index in skip:
            continue
        prose += 1
        quotes = find_in_paragraph(text, start, end)
        opens = [q.open_at for q in quotes]
        for sentence in _sentences(text, start, end, quotes):
            for s, e in _bounded(text, *sentence):
                inside = quotes[bisect_left(opens, s) : bisect_left(opens, e)]
                chunks.append(Chunk(s, e, index, inside, index=len(chunks), prose=prose))
    return chunks


# "The Wait Goes On: It was ...", "Little Relief for Refugees: The crisis ...": a
# run-in heading, whose capitalised words are no names.
RUN_IN_HEAD = re.compile(
    r"(?:(?:The|A|An) [A-Z][\w’'-]*|[A-Z][\w’'-]*(?: (?:[A-Z][\w’'-]*|of|for|on|in|and|the)){3,5})"
    r"(?: (?:[A-Z][\w’'-]*|of|for|on|in|and|the)){0,4}: (?=[A-Z])")


HEADLINE_WORD = re.compile(r"[A-Za-z][\w’'-]*")


def _headline(line: str) -> bool:
    """Title Case Lines ("Island Mayors Rip Ferry Plan") are headlines: their names
    must not become the antecedent of the next "he"."""
    words = [w for w in HEADLINE_WORD.findall(line) if len(w) > 3]
    if len(words) < 3:
        return False
    capitals = sum(w[0].isupper() for w in words)
    if line.rstrip().endswith((".", "”", '"', "'")):
        # Some papers end headlines with a full stop ("Obama Says Museum Will
        # Tell of 'Suffering and Delight.'"); a sentence is rarely all capitals.
        return len(words) >= 4 and capitals == len(words) and "\n" not in line.strip()
    return capitals >= 0.8 * len(words)


def _frame_spans(chunk: Chunk) -> list[tuple[int, int]]:
    """(start, end) of each stretch of the chunk outside its quotations."""
    spans, pos = [], chunk.start
    for q in chunk.quotes:
        spans.append((pos, q.open_at))
        pos = q.close_end
    spans.append((pos, chunk.end))
    return spans


def _frame(text: str, chunk: Chunk) -> str:
    """The chunk's words outside its quotations (what the writer says)."""
    return " ".join(text[s:e] for s, e in _frame_spans(chunk))


def _frame_cues(text: str, chunk: Chunk):
    """The reporting words of the chunk outside its quotations, as
    ``_cue_words(_frame(text, chunk))`` finds them, without copying the frame."""
    for s, e in _frame_spans(chunk):
        yield from _cue_words(text, s, e)
