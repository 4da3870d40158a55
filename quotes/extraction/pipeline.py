"""The extraction pipeline.

Stages, in order:

1. lines and page furniture (:mod:`.furniture`): furniture lines are skipped;
2. quotation marks (:mod:`.marks`), paired paragraph by paragraph;
3. sentence chunks: sentences split by rules, never inside a quote;
4. spaCy (:mod:`.nlp`) parses only the chunks that hold a quote mark or a
   reporting word (:mod:`.cues`), about three quarters of the text;
5. cues: each reporting word outside the quotes, its subject (the speaker
   phrase) and its content (the clause, object or sentence it reports);
6. attribution: each cue with words of the writer's own gives a claim; each
   quote goes to the claim around it, else the cue that governs it, else the
   nearest cue in its sentence, else a cue before a colon, a dash and a name,
   a cue opening the next paragraph, and last the previous speaker
   (continuation);
7. speakers (:mod:`.speakers`): names, surnames, pronouns and roles resolved.

docs/extraction.md describes each rule and what it measured.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import islice

from . import cues as lex
from .confidence import calibrated
from .furniture import furniture_lines
from .marks import Quoted, find_in_paragraph, paragraphs
from .nlp import load
from .speakers import ROLE_HEADS, Speaker, Speakers
from .stance import ASSERTS, declined, declined_cue, stance_of, with_opener
from .types import CLAIM, QUOTE, ExtractionTimeout, KnownPerson, Statement

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "st", "jr", "sr",
    "jan", "feb", "aug", "sept", "sep", "oct", "nov", "dec", "no", "vs", "inc", "corp",
    "co", "ltd", "prof", "rev", "sgt", "capt", "maj", "adm", "pres", "ft", "mt", "u.s",
    "u.k", "d.c", "u.n", "e.g", "i.e", "a.m", "p.m", "calif", "fla", "ariz", "mass",
}
# A match starts only at the first mark of a run: "......" must not be tried
# from each of its dots (quadratic in the run's length).
BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]+[\"”’)']*\s+(?=[\"“‘(’']{0,3}[A-Z0-9])")
# Every cue form is one \w+ word: a set lookup per word, not a regex of 587
# alternatives tried at every word boundary (20 µs a character on "x-x-x-").
CUE_FORMS = frozenset(lex.ALL_FORMS | lex.NOUN_CUES)
WORD = re.compile(r"\w+")


def _cue_words(text: str, start: int = 0, end: int | None = None):
    """The reporting words ("said", "according", "remarks") in ``text[start:end]``."""
    found = WORD.finditer(text, start, len(text) if end is None else end)
    return (m for m in found if m.group().lower() in CUE_FORMS)
# "Said Trump." on a line of its own: the parser takes "Said" for a name.
_NAME = r"[A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+){0,3}"
FRAME = re.compile(
    rf"(?:(?P<cue>Said|Says|Added|Adds|Wrote|Writes|Continued|Replied|Tweeted) (?P<name>{_NAME})"
    rf"|(?P<name2>{_NAME}) (?P<cue2>said|says|added|wrote|continued|replied|tweeted))\b"
)
# "referring to the two Presidents, that ...": what the statement is about, not part of it.
ABOUT_OPENING = re.compile(
    r"(?:referring|speaking|talking|commenting|asked) (?:to|about|of|on)\b[^,“\"]*,\s*"
    r"(?:that\s+)?")
# Where a clause the writer adds after a statement begins: ", forcing ...", ", which ...".
TRAILING_ASIDE = re.compile(
    r"[,;—–] (?:\w+ing|which|where|while|whereas|just|even as|although|though|but)\b")
# A short frame after a quote that ends in ? or !: "Lund said.", "the 43-year-old asked".
ATTRIBUTION = re.compile(
    r"(?:[\w’'.-]+,? ){0,8}?(?:" + "|".join(sorted(lex.SPEECH_FORMS, key=len, reverse=True))
    + r")\b[^.!?“\"]{0,80}(?:[.!?]|$)"
)
# “...” ― Jane Roe (readers' comments, epigraphs).
DASH_NAME = re.compile(r"[^\S\n]*[―—][^\S\n]*(?P<name>[A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+){0,4})")
# Penn tags stand in for coarse parts of speech: the attribute ruler that maps
# them costs 8% of the run time and nothing else needs it.
PROPER_TAGS = {"NNP", "NNPS"}
NOUN_TAGS = {"NN", "NNS"}
PRONOUN_TAGS = {"PRP", "PRP$", "WP", "WDT", "DT"}
# "Lund: The Bridge Will Open Before Winter", "HOST: Do you think ...?"
COLON_LINE = re.compile(
    r"(?P<who>[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}): (?P<what>[\"“‘']?[A-Z][^\n]{10,})"
)
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
CLIMB_DEPS = {"advcl", "xcomp", "conj", "pcomp", "relcl", "dep", "ccomp", "prep", "acomp"}
CONTENT_DEPS = {"ccomp"}
# A verb's modifiers between it and what was said: "said on Thursday in a statement".
REST_SKIP_DEPS = {"npadvmod", "advmod", "prep", "agent", "punct", "prt", "tmod"}


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


@dataclass
class Cue:
    """A reporting word in a chunk and what hangs off it."""

    token: object
    text: str
    speaker: Speaker | None
    content: tuple[int, int] | None = None  # article offsets of what was said
    speech: bool = True
    that: bool = False  # the clause opened with "that": reported speech even if all quoted
    stance: str = ASSERTS  # see .stance: "dismissed claims that X" does not assert X
    # How content and subject were found (features of the confidence model).
    route: str = "clause"
    subject_by: str = "parse"


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
        word = re.search(r"([\w.]+)[.!?…]+[\"”’)']*\s+$", text[max(start, cut - 20) : cut])
        if word and (word.group(1).lower().rstrip(".") in ABBREVIATIONS or len(word.group(1)) == 1):
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


def outlet_name(phrase: str) -> str:
    """The outlet's name in a phrase: "the French magazine Le Point" -> "Le Point",
    "RIA state news agency" -> "RIA"; "The Associated Press" stays whole."""
    words = phrase.split()
    while len(words) > 1 and words[0].lower() in {"the", "a", "an"} and words[1][:1].islower():
        words = words[1:]
    phrase = " ".join(words)
    lower = [i for i, w in enumerate(words) if w[:1].islower() and w not in {"of", "the"}]
    if not lower:
        return phrase
    after = words[lower[-1] + 1 :]
    if after and after[0][:1].isupper():
        return " ".join(after)
    before = words[: lower[0]]
    named = [w for w in before if w[:1].isupper() and w.lower() not in {"the", "a", "an"}]
    return " ".join(named) or phrase


# Cue words frequent enough to weigh on their own in the confidence model.
COMMON_CUES = {"said", "says", "told", "added", "according to", "wrote", "asked", "noted",
               "explained", "argued", "claimed", "tweeted", "continued", "believes", "thinks",
               "wants", "called", "described", "announced", "quoted ... as saying"}


def _cue_class(cue: str) -> str:
    """The cue as a category: a common word itself, else "other" or "none"."""
    if not cue:
        return "none"
    word = cue.lower() if cue.lower() in COMMON_CUES else cue.lower().split()[-1]
    return word if word in COMMON_CUES else "other"


def _headline(line: str) -> bool:
    """Title Case Lines ("Island Mayors Rip Ferry Plan") are headlines: their names
    must not become the antecedent of the next "he"."""
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", line) if len(w) > 3]
    if len(words) < 3 or line.rstrip().endswith((".", "”", '"')):
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _frame(text: str, chunk: Chunk) -> str:
    """The chunk's words outside its quotations (what the writer says)."""
    pieces, pos = [], chunk.start
    for q in chunk.quotes:
        pieces.append(text[pos : q.open_at])
        pos = q.close_end
    pieces.append(text[pos : chunk.end])
    return " ".join(pieces)


def _innermost(claims):
    """Of claims whose clauses overlap, keep the one whose cue is nearest its clause
    ("would not deny Lund's remarks that X": X is Lund's, not the denier's)."""
    kept = []
    for s, e, cue in sorted(claims, key=lambda c: c[1] - c[0]):
        if any(min(e, e2) - max(s, s2) > 0.5 * (e - s) for s2, e2, _ in kept):
            continue
        kept.append((s, e, cue))
    return sorted(kept, key=lambda c: c[0])


class Attributor:
    """Finds the cues of parsed chunks and builds statements from them."""

    def __init__(self, text: str, people: tuple[KnownPerson, ...]):
        self.text = text
        self.speakers = Speakers(people)
        self.out: list[Statement] = []
        self.last: Statement | None = None
        self.last_paragraph = -10
        self.last_chunk = -10
        # (chunk index, speaker) of the last sentence whose subject is a person.
        self.subject: tuple[int, Speaker] | None = None
        self.colon: tuple[int, Cue] | None = None  # a cue ending its sentence with ":"
        self.that = False  # set by _content: the clause it found opened with "that"
        self.quote_route = ""  # set by _quote_cue: how the quote found its cue

    # --- helpers over spaCy tokens ---------------------------------------------

    @staticmethod
    def _in_quote(chunk: Chunk, offset: int) -> bool:
        return chunk.in_quote(offset)

    def _phrase(self, chunk: Chunk, head) -> tuple[str, int, int]:
        """The subject phrase of ``head``: its subtree, cut at commas and clauses."""
        doc = head.doc
        left = head.i
        for tok in reversed(list(head.lefts)):
            if tok.dep_ in {"punct", "cc"} or tok.text in {",", "—", "–"}:
                break
            left = min(left, tok.left_edge.i)
        right = head.i
        for tok in head.rights:
            # A group is kept as written, whole: "developers and supporters in
            # Congress", "a report released last year"; clauses and asides are not.
            if tok.dep_ in {"relcl", "appos", "punct", "advmod"}:
                break
            if tok.dep_ == "conj" and tok.tag_ not in NOUN_TAGS | PROPER_TAGS:
                break
            if tok.dep_ == "acl" and tok.tag_ != "VBN":
                break
            right = max(right, tok.right_edge.i)
        # Stop at the first comma or dash inside what was taken.
        for i in range(head.i + 1, right + 1):
            if doc[i].text in {",", "—", "–", "(", ";"}:
                right = i - 1
                break
        span = doc[left : right + 1]
        while len(span) > 1 and span[-1].is_punct:
            span = span[:-1]
        start = chunk.start + span.start_char
        return span.text, start, start + len(span.text)

    def _speaker(self, chunk: Chunk, head) -> Speaker | None:
        if head is None:
            return None
        if head.lower_ in {"who", "which", "that"} and head.head.head is not head.head:
            # "Peskov, who ..., said": the relative clause's noun is the speaker.
            head = head.head.head
        if self._in_quote(chunk, chunk.start + head.idx):
            return None  # the parser took quoted words for the subject
        document = head.lower_ in lex.DOCUMENT_HEADS and head.tag_ in NOUN_TAGS
        if document:
            # "A statement from the ministry said": the ministry speaks.
            issuer = next((c for c in head.children if c.dep_ == "poss"), None)
            for prep in head.children:
                if issuer is None and prep.dep_ == "prep" and prep.lower_ in {"from", "by", "of"}:
                    issuer = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if issuer is not None and issuer.lower_ not in lex.DOCUMENT_HEADS:
                return self._speaker(chunk, issuer)
            if head.tag_ == "NNS" and not any(
                    c.dep_ in {"det", "amod", "compound", "nummod"} for c in head.children):
                return None  # "Reports indicate that ...": hearsay, nobody said it
        mention, _, _ = self._phrase(chunk, head)
        person = None
        for ent in head.doc.ents:
            if ent.label_ == "PERSON" and ent.start <= head.i < ent.end:
                person = ent.text
        if person is None:
            # "Her campaign manager, Jane Roe, said": the apposition names her.
            for child in head.children:
                if child.dep_ == "appos" and child.ent_type_ == "PERSON":
                    ent = next(e for e in head.doc.ents if e.start <= child.i < e.end)
                    person, mention = ent.text, f"{mention}, {ent.text}"
        speaker = self.speakers.resolve_phrase(
            mention, person, head.text, head.tag_, head.tag_ in PROPER_TAGS,
            offset=chunk.start + head.idx,
        )
        if document and speaker is not None and person is None:
            # "the report says": kept as written, never a person (nor a he/she antecedent).
            speaker = Speaker(speaker.name, speaker.mention, "document", speaker.confidence,
                              how=speaker.how)
        return speaker

    def _subject(self, chunk: Chunk, verb):
        """The subject of a reporting verb, climbing from participles and clauses.

        Subjects inside quotation marks are the parser's mistakes, not speakers."""
        node = verb
        for _ in range(4):
            for child in node.children:
                quoted = self._in_quote(chunk, chunk.start + child.idx)
                if child.dep_ in SUBJECT_DEPS and not quoted:
                    return child
            if node.dep_ == "acl" and node.head.tag_ in NOUN_TAGS | PROPER_TAGS:
                return node.head  # "Jane Roe, the lawyer, ..., saying ..."
            if node.dep_ not in CLIMB_DEPS or node.head is node:
                return None
            if node.dep_ == "prep" and node.lower_ == "as":
                # "TASS quoted Peskov as saying": the object is the one saying.
                obj = next((c for c in node.head.children if c.dep_ == "dobj"), None)
                if obj is not None:
                    return obj
            node = node.head
        return None

    def _frame_subject(self, chunk: Chunk, verb):
        """“...,” Erik Lund, an adviser, said: when the parser hangs the
        name inside the quotation, the words between the closing mark and the
        verb, up to a comma, name the speaker."""
        at = chunk.start + verb.idx
        closed = chunk.last_closed_before(at)
        if closed is None:
            return None
        frame = [t for t in chunk.tokens_between(closed.close_end, at) if not t.is_space]
        while frame and frame[0].is_punct:
            frame = frame[1:]
        if not frame:
            # “...,” added a Liberal from Bergen: the parser made the name the
            # object, or the subject of a clause after it; the phrase up to a comma.
            phrase = []
            for tok in verb.doc[verb.i + 1 :]:
                if tok.is_punct or tok.tag_.startswith("VB") or tok.tag_ in {"IN", "WP", "WDT"}:
                    break
                phrase.append(tok)
            nouns = [t for t in phrase if t.tag_ in PROPER_TAGS | NOUN_TAGS]
            return nouns[-1] if nouns and len(phrase) <= 6 else None
        if "," in [t.text for t in frame]:
            frame = frame[: [t.text for t in frame].index(",")]
        if not frame or len(frame) > 6 or any(t.tag_.startswith("VB") for t in frame):
            return None
        head = frame[-1]
        return head if head.tag_ in PROPER_TAGS | NOUN_TAGS | {"PRP"} else None

    def _left_subject(self, chunk: Chunk, verb):
        """"a ministry official who asked not to be named said": when the parser
        gives the verb no subject, the noun just before it, or the noun whose
        relative clause ends just before it."""
        doc = verb.doc
        i = verb.i - 1
        while i >= 0 and doc[i].dep_ == "advmod":
            i -= 1
        if i < 0 or doc[i].is_punct or self._in_quote(chunk, chunk.start + doc[i].idx):
            return None
        node = doc[i]
        for _ in range(6):
            if node.dep_ in {"relcl", "acl"} and node.head.tag_ in PROPER_TAGS | NOUN_TAGS:
                return node.head
            if node.head is node or node.head.i > verb.i:
                break
            node = node.head
        word = doc[i]
        while word.dep_ == "compound" and word.head.i < verb.i:
            word = word.head
        return word if word.tag_ in PROPER_TAGS | NOUN_TAGS else None

    def _content(self, chunk: Chunk, cue) -> tuple[int, int] | None:
        """Article offsets of the clause a cue governs, without "that"."""
        clause = None
        for child in cue.children:
            if child.dep_ in CONTENT_DEPS or (
                child.dep_ in {"acl", "ccomp"} and cue.lower_ in lex.NOUN_CUES
            ):
                clause = child
                break
            if child.dep_ == "xcomp" and cue.lower_ in lex.XCOMP_CUES:
                clause = child
                break
            if child.dep_ == "advcl" and cue.lower_ in lex.CALL_FORMS and any(
                m.dep_ == "mark" and m.lower_ == "for" for m in child.children
            ):
                clause = child
                break
            if child.dep_ == "prep" and (cue.lower_, child.lower_) in lex.PREP_CUES and \
                    not (cue.lower_ in lex.ABOUT_PARTICIPLES and cue.dep_ != "ROOT"):
                tokens = list(child.subtree)[1:]
                if len(tokens) >= 2:  # "argued for it" says nothing a reader can search
                    s = chunk.start + tokens[0].idx
                    e = chunk.start + tokens[-1].idx + len(tokens[-1])
                    return s, self._sentence_end(chunk, cue, e)
        if clause is None:
            return None
        tokens = [t for t in clause.subtree if t.i != cue.i]
        if not tokens or any(t.i == cue.i for t in clause.subtree):
            return None
        self.that = bool(tokens) and tokens[0].lower_ == "that"
        while tokens and (tokens[0].dep_ == "mark" or tokens[0].is_punct or (
                # "that" parsed as a pronoun opening the clause is still the complementiser
                # ("said ... that the ferry would run"); as its subject it is a word said.
                tokens[0].lower_ == "that" and tokens[0].dep_ not in SUBJECT_DEPS)):
            tokens = tokens[1:]
        while tokens and tokens[-1].is_punct and tokens[-1].text not in {"”", '"', "''"}:
            tokens = tokens[:-1]
        if len(tokens) < 3:
            return None
        s = chunk.start + tokens[0].idx
        e = chunk.start + tokens[-1].idx + len(tokens[-1])
        for q in chunk.quotes:
            # A clause that ends inside a quotation ends with it, marks included.
            if s < q.open_at < e <= q.close_end:
                e = q.close_end
        if cue.idx < tokens[0].idx:
            e = self._sentence_end(chunk, cue, e)
        return s, e

    def _sentence_end(self, chunk: Chunk, cue, e: int) -> int:
        """Run a clause that follows its cue on to the end of the sentence, over
        trailing modifiers the parser hung elsewhere ("..., compared to ...")."""
        sentence = cue.sent
        end = chunk.start + sentence.end_char
        rest = self.text[e:end]
        if any(_cue_words(rest)):  # another cue: another statement (quotes may follow)
            return e
        aside = TRAILING_ASIDE.search(rest)
        if aside:  # ", forcing airlines to ...", ", which ...": the writer's aside
            end = e + aside.start()
        return _trim_end(self.text, end, " .,;:!?\n")

    def _parenthetical(self, chunk: Chunk, cue, subject) -> tuple[int, int] | None:
        """"The bridge, Mr. Lund said, would open in the spring": the sentence around
        a cue set off by commas is what was said."""
        if subject is None or cue.lower_ not in lex.SPEECH_FORMS or cue.dep_ == "ROOT" and any(
            c.dep_ in {"dobj", "xcomp", "ccomp"} for c in cue.children
        ):
            return None
        doc, sent = cue.doc, cue.sent
        first = min(subject.left_edge.i, cue.i)
        last = max(t.i for t in cue.subtree if t.i >= cue.i and not t.is_punct) \
            if any(t.i > cue.i for t in cue.subtree) else cue.i
        before = doc[first - 1] if first > sent.start else None
        after = doc[last + 1] if last + 1 < sent.end else None
        if before is None or after is None or before.text != "," or after.text != ",":
            return None
        tokens = [t for t in sent if not t.is_space]
        while tokens and tokens[-1].is_punct:
            tokens = tokens[:-1]
        if len(tokens) < 6 or any(self._in_quote(chunk, chunk.start + t.idx) for t in tokens[:1]):
            return None
        return chunk.start + tokens[0].idx, chunk.start + tokens[-1].idx + len(tokens[-1])

    def _rest(self, chunk: Chunk, cue, subject) -> tuple[int, int] | None:
        """"He said taxing it would drive families away": when the parser
        hangs the clause elsewhere, what follows a verb of saying and its
        modifiers ("on Thursday", "in a statement", "reporters") to the end of
        the sentence is what was said."""
        main = cue.dep_ == "ROOT" or (cue.dep_ == "conj" and cue.head.dep_ == "ROOT")
        if subject is None or cue.lower_ not in lex.SPEECH_FORMS or subject.i > cue.i or not main:
            return None
        doc = cue.doc
        leading = set()
        for child in cue.children:
            if child.i < cue.i:
                continue
            if child.dep_ in {"dobj", "dative"}:
                if cue.lower_ in lex.LISTENER_FORMS or child.tag_ in PROPER_TAGS | PRONOUN_TAGS:
                    leading.update(t.i for t in child.subtree)
            elif child.dep_ in REST_SKIP_DEPS:
                leading.update(t.i for t in child.subtree)
        i, end = cue.i + 1, cue.sent.end
        while i < end and (i in leading or doc[i].lower_ == "that" or doc[i].is_space):
            i += 1
            if doc[i - 1].lower_ == "that" and doc[i - 1].dep_ == "mark":
                break  # "said in a statement that ...": the clause the noun took
        tokens = [t for t in doc[i:end] if not t.is_space]
        for n, tok in enumerate(tokens[1:], 1):
            if tok.tag_ == "VBG" and tok.lower_ in lex.ALL_FORMS and tokens[n - 1].text == ",":
                tokens = tokens[:n]  # ", stating that ...": a statement of its own
                break
        while tokens and tokens[-1].is_punct:
            tokens = tokens[:-1]
        if len(tokens) < 4 or not any(t.tag_.startswith("VB") or t.tag_ == "MD" for t in tokens):
            return None
        if self._in_quote(chunk, chunk.start + tokens[0].idx):
            return None
        self.that = doc[i - 1].lower_ == "that"
        return chunk.start + tokens[0].idx, chunk.start + tokens[-1].idx + len(tokens[-1])

    def _object(self, chunk: Chunk, cue) -> tuple[int, int] | None:
        """The object of a verb that reports a thing ("announced his candidacy"),
        with its reason for verbs of blame and praise ("accused him of lying")."""
        if cue.lower_ not in lex.OBJECT_CUES:
            return None
        if not any(c.dep_ == "nsubj" for c in cue.children):
            return None  # only a verb with its own subject: parses of the rest misfire
        obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
        reason = next((c for c in cue.children if c.dep_ == "prep" and c.i > cue.i
                       and (cue.lower_, c.lower_) in lex.REASON_CUES), None)
        if obj is not None and reason is not None:
            last = max(t.i for t in reason.subtree)
            s = chunk.start + obj.left_edge.idx
            e = chunk.start + cue.doc[last].idx + len(cue.doc[last])
            if not self._in_quote(chunk, s):
                return s, self._sentence_end(chunk, cue, e)
        if obj is None or obj.tag_ in PRONOUN_TAGS or any(c.dep_ == "case" for c in obj.children):
            return None
        tokens = [t for t in obj.subtree]
        # "described the talks as useful", "called the plan a disaster": what they
        # were called belongs to the statement.
        for c in cue.rights:
            complement = c.dep_ in {"oprd", "xcomp"} or (c.dep_ == "prep" and c.lower_ == "as")
            if c.i > obj.i and complement:
                tokens = list(cue.doc[tokens[0].i : c.right_edge.i + 1])
                break
        while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
            tokens = tokens[:-1]
        if len(tokens) < 2:
            return None  # "praised Obama": a name alone says nothing a reader can search
        s = chunk.start + tokens[0].idx
        e = chunk.start + tokens[-1].idx + len(tokens[-1])
        if self._in_quote(chunk, s):
            return None
        return s, self._sentence_end(chunk, cue, e)

    @staticmethod
    def _outlet_like(phrase: str) -> bool:
        words = [w.strip(".,’'") for w in phrase.split()]
        return any(w.lower() in lex.OUTLET_WORDS for w in words) and any(
            w[:1].isupper() for w in words
        )

    def _via(self, chunk: Chunk, doc) -> str | None:
        """The outlet or agency a chunk credits, if any."""
        for tok in doc:
            if self._in_quote(chunk, chunk.start + tok.idx):
                continue
            target = None
            if tok.lower_ in {"quoted", "quotes", "quoting"}:
                target = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
            elif tok.lower_ in {"interview", "told", "tells", "briefed", "according", "reported"}:
                for child in tok.children:
                    if child.dep_ in {"dobj", "dative", "pobj"}:
                        target = child
                    if child.dep_ in {"prep", "agent"} and child.lower_ in {"with", "to", "by"} \
                            and target is None:
                        # "briefed RIA ... in answer to a question": the object stays.
                        target = next((c for c in child.children if c.dep_ == "pobj"), target)
            if target is not None and target.lower_ in lex.EVENT_WORDS:
                continue  # "told a news conference in Moscow": a place, not an outlet
            if target is not None:
                # The whole phrase, appositions included: "the magazine Le Point".
                phrase = doc[target.left_edge.i : target.right_edge.i + 1].text
                phrase = re.split(r",|\s—|\s–", phrase)[0]
                if self._outlet_like(phrase):
                    return outlet_name(phrase)
        return None

    # --- cues ----------------------------------------------------------------------

    def _cues(self, chunk: Chunk) -> list[Cue]:
        doc = chunk.doc
        found = []
        for tok in doc:
            low = tok.lower_
            if self._in_quote(chunk, chunk.start + tok.idx):
                continue
            if low == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                obj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
                speaker = self._speaker(chunk, obj) if obj is not None else None
                found.append(Cue(tok, "according to", speaker, self._according_content(chunk, tok),
                                 route="according"))
                continue
            if low in lex.NOUN_CUES and tok.tag_ in NOUN_TAGS:
                owner = next((c for c in tok.children if c.dep_ == "poss"), None)
                if owner is None and tok.i >= 2 and doc[tok.i - 1].dep_ == "case":
                    owner = doc[tok.i - 2]  # "Lund ’s remarks" parsed as two objects
                content = self._content(chunk, tok)
                light = tok.head.lower_ in lex.LIGHT_VERB_FORMS and tok.dep_ == "dobj"
                if content and (owner is not None or light):
                    head = owner if owner is not None else self._subject(chunk, tok.head)
                    speaker = self._speaker(chunk, head)
                    found.append(Cue(tok, tok.text, speaker, content, speech=False, route="noun"))
                continue
            if low in {"quoted", "quotes", "quoting"} and tok.tag_.startswith("VB"):
                obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
                if obj is not None:
                    found.append(Cue(tok, "quoted ... as saying", self._speaker(chunk, obj),
                                     route="quoted"))
                    continue
            if low not in lex.ALL_FORMS or not tok.tag_.startswith("VB"):
                continue
            refused = declined(tok)
            if refused and low not in lex.SPEECH_FORMS:
                continue  # "did not plan to", "declined to endorse": no statement made
            if tok.dep_ == "amod" or (tok.tag_ == "VBN" and tok.dep_ == "acl"):
                continue  # "the said treaty", "a widely reported deal"
            subject = self._subject(chunk, tok)
            if subject is not None and subject.dep_ == "nsubjpass":
                continue
            if subject is None and low in lex.SPEECH_FORMS:
                subject_by = "frame"
                subject = self._frame_subject(chunk, tok)
                if subject is None:
                    subject, subject_by = self._left_subject(chunk, tok), "left"
            else:
                subject_by = "parse"
            speaker = self._speaker(chunk, subject)
            text = tok.text
            aux = [c.text for c in tok.children if c.dep_ in {"aux"} and c.i == tok.i - 1]
            if aux:
                text = f"{aux[0]} {text}"
            particle = [c for c in tok.children if c.dep_ in {"prt"} or (
                c.dep_ == "prep" and c.i == tok.i + 1 and low.startswith("call"))]
            if particle:
                text = f"{text} {particle[0].text}"
            self.that = False
            route = "clause"
            if refused:
                # "would not confirm that X", "declined to say whether X": X is
                # recorded as declined, never as said; without a clause, nothing.
                content = self._content(chunk, tok)
                if content is None:
                    continue
                text = declined_cue(tok)
            else:
                content = self._content(chunk, tok)
                if content is None:
                    content, route = self._object(chunk, tok), "object"
                if content is None:
                    content, route = self._parenthetical(chunk, tok, subject), "aside"
                if content is None:
                    content, route = self._rest(chunk, tok, subject), "rest"
            stance = stance_of(tok)
            if content is not None and stance != ASSERTS:
                content = (with_opener(self.text, content[0]), content[1])
            found.append(Cue(tok, text, speaker, content, speech=low in lex.SPEECH_FORMS,
                             that=self.that, stance=stance, route=route,
                             subject_by=subject_by if subject is not None else "none"))
        return found

    def _according_content(self, chunk: Chunk, tok) -> tuple[int, int] | None:
        """The claim around "according to X": the rest of the sentence."""
        phrase_end = max(t.i for t in tok.subtree)
        doc = tok.doc
        if tok.i <= 1:
            tokens = [t for t in doc[phrase_end + 1 :] if not t.is_space]
        else:
            tokens = list(doc[: tok.i])
        while tokens and tokens[0].is_punct:
            tokens = tokens[1:]
        while tokens and tokens[-1].is_punct:
            tokens = tokens[:-1]
        if len(tokens) < 4:
            return None
        return chunk.start + tokens[0].idx, chunk.start + tokens[-1].idx + len(tokens[-1])

    # --- statements ----------------------------------------------------------------

    def _emit(self, kind: str, start: int, end: int, speaker: Speaker, cue: str, *,
              partial=False, via=None, confidence=0.5, paragraph=0, salient=True,
              stance=ASSERTS, features: dict | None = None) -> None:
        statement = Statement(
            kind=kind, text=self.text[start:end], start=start, end=end,
            speaker=speaker.name, speaker_mention=speaker.mention,
            speaker_type=speaker.type, cue=cue, partial=partial, via=via,
            confidence=max(0.05, min(1.0, confidence)), stance=stance,
        )
        # What the confidence model reads (.confidence); the rule-based figure
        # above is one of its inputs and the fallback when no model is stored.
        statement.extras["features"] = {
            **(features or {}), "how": speaker.how, "type": speaker.type,
            "known": speaker.name in self.speakers.kinds, "cue": bool(cue),
            "stance": stance, "partial": partial, "via": via is not None,
            "words": len(statement.text.split()), "rule": statement.confidence,
            "mention_words": len(speaker.mention.split()), "reach": speaker.reach,
            "rivals": speaker.rivals, "verb": _cue_class(cue),
            "marks": any(m in statement.text for m in "“”\"«»"),
        }
        self.out.append(statement)
        # Only the subject of a verb is salient enough for a later "he".
        self.speakers.spoke(speaker, start if salient else None)
        self.last = statement
        self.last_speaker = speaker
        self.last_paragraph = paragraph
        self.last_chunk = self.current
        self.last_prose = self.prose

    @staticmethod
    def _via_for(speaker: Speaker, via: str | None) -> str | None:
        """The credited outlet, unless it is the speaker itself."""
        if via and via.lower() in speaker.name.lower():
            return None
        return via

    def _partial(self, chunk: Chunk, q: Quoted) -> bool:
        before = self.text[chunk.start : q.open_at].rstrip()
        if not before:
            return False
        mark = before[-1]
        first = self.text[q.start : q.start + 1]
        if mark.isalnum() or mark in "’'%)":
            return True
        # Quotes are in order and disjoint: another closed before q unless q is first.
        resumed = chunk.quotes[0] is not q
        return mark in ",;—–" and first.islower() and not resumed

    def _note_roles(self, doc, ent, name: str) -> None:
        """"Foreign Minister Anna Berg", "Anna Berg, the minister,": remember the role."""
        words = [doc[i] for i in range(max(0, ent.start - 3), ent.start)]
        head = ent.root
        words += [t for c in head.children if c.dep_ == "appos" for t in c.subtree]
        for word in words:
            if word.lower_ in ROLE_HEADS:
                speaker = Speaker(name, ent.text, "person", 0.8, named=True, how="role")
                self.speakers.see_role(word.lower_, speaker, [w.text for w in words])

    def _note_subject(self, chunk: Chunk) -> None:
        """Remember a sentence that opens with a person ("He also did not ...")."""
        match = re.match(r"(?:[A-Z]\w+ ){0,2}?(He|She)\b|([A-Z][\w’'-]+(?: [A-Z][\w’'-]+)*)",
                         self.text[chunk.start : chunk.end])
        if not match:
            return
        if match.group(1):
            speaker = self.speakers.resolve_pronoun(match.group(1), chunk.start + match.start(1))
        else:
            name = match.group(2)
            last = name.split()[-1].lower()
            if last in self.speakers.full_names or len(name.split()) >= 2 and any(
                n == self.speakers.canonical(name) for _, n in self.speakers.mentions[-20:]
            ):
                speaker = self.speakers.resolve_phrase(name, None, name.split()[-1], "NNP", True)
            else:
                speaker = None
        if speaker is not None and speaker.type == "person":
            self.subject = (chunk.index, speaker)

    def handle(self, chunk: Chunk, next_chunk: Chunk | None) -> None:
        """Turn one chunk into statements."""
        if chunk.skipped:
            return
        self.current = chunk.index
        self.prose = chunk.prose
        if not chunk.quotes:
            self._note_subject(chunk)
        via = None
        chunk_cues: list[Cue] = []
        headline = _headline(self.text[chunk.start : chunk.end])
        if not headline:
            self.speakers.see_sources(self.text[chunk.start : chunk.end])
        if chunk.doc is not None:
            for ent in [] if headline else chunk.doc.ents:
                offset = chunk.start + ent.start_char
                if ent.label_ == "PERSON" and not self._in_quote(chunk, offset):
                    if any(t.dep_ in SUBJECT_DEPS for t in ent):
                        name = self.speakers.see_subject(ent.text, offset)
                    else:
                        name = self.speakers.see_name(ent.text, offset)
                    self._note_roles(chunk.doc, ent, name)
            chunk_cues = self._cues(chunk)
            via = self._via(chunk, chunk.doc)
        elif not headline:
            self.speakers.see_text(self.text[chunk.start : chunk.end], chunk.start)
        usable = [c for c in chunk_cues if c.speaker is not None]
        if via:
            # The outlet credited is not a speaker when someone else speaks here.
            people = [c for c in usable if not self._outlet_like(c.speaker.mention)]
            if people:
                usable = [c for c in usable if c.text != "according to" or c in people]
        claims = []
        for cue in usable:
            if cue.content is None:
                continue
            s, e = self._claim_bounds(chunk, *cue.content)
            if e - s < 3:
                continue
            outside = "".join(
                ch for i, ch in enumerate(self.text[s:e], s) if not chunk.in_quote(i)
            )
            if not re.search(r"\w", outside) or (
                not cue.that and chunk.quote_opens_near(s)
            ):
                continue  # the clause is a quotation: the quote carries it
            # "suggested X and mentioned Y": the clause stops before the next cue.
            for other in chunk_cues:
                at = chunk.start + other.token.idx
                if other is not cue and s < at < e and other.token.dep_ == "conj" and \
                        other.speech:
                    cut = other.token.i
                    while cut > 0 and other.token.doc[cut - 1].dep_ in {"cc", "punct", "advmod"}:
                        cut -= 1
                    e = chunk.start + other.token.doc[cut].idx
                    e = _trim_end(self.text, e, " ,")
            claims.append((s, e, cue))
        claims = _innermost(claims)
        for q in chunk.quotes:
            cue = self._quote_cue(chunk, q, usable, claims)
            partial = self._partial(chunk, q)
            confidence = 0.9
            # Words quoted inside a claim the speaker rejects share its stance; a
            # quote the cue governs directly is the speaker's own words.
            stance = cue.stance if cue is not None and any(
                c is cue and s <= q.open_at and q.close_end <= e + 1 for s, e, c in claims
            ) else ASSERTS
            distance = 0
            if cue is not None:
                speaker, cue_text = cue.speaker, cue.text
                if speaker.mention.lower() in {"he", "she"}:
                    confidence = 0.75
                route = self.quote_route
                at = chunk.start + cue.token.idx
                distance = 0 if route == "claim" else min(abs(at - q.open_at),
                                                          abs(at - q.close_end))
                subject_by = cue.subject_by
            else:
                speaker, cue_text, confidence, route = self._uncued(chunk, q, next_chunk)
                if speaker is None:
                    continue
                subject_by = "none"
            if not q.closed:
                confidence -= 0.15
            confidence = min(confidence, speaker.confidence + 0.05)
            features = {"route": route, "subject": subject_by, "closed": q.closed,
                        "distance": distance,
                        "gap": q.open_at - self.last.end if self.last is not None else 5000,
                        "opens": q.open_at - chunk.start < 3}
            self._emit(QUOTE, q.start, q.end, speaker, cue_text, partial=partial,
                       via=self._via_for(speaker, via), stance=stance,
                       confidence=confidence, paragraph=chunk.paragraph, features=features)
        for s, e, cue in claims:
            confidence = 0.75 if cue.speech else 0.6
            confidence = min(confidence, cue.speaker.confidence)
            at = chunk.start + cue.token.idx
            features = {"route": cue.route, "subject": cue.subject_by, "speech": cue.speech,
                        "distance": 0 if at < s else at - e if at >= e else 0,
                        "cue_after": at >= e}
            self._emit(CLAIM, s, e, cue.speaker, cue.text, via=self._via_for(cue.speaker, via),
                       salient=cue.speech, stance=cue.stance,
                       confidence=confidence, paragraph=chunk.paragraph, features=features)
        if not claims and chunk.doc is not None:
            self._colon_claim(chunk)
        if not chunk.quotes and self.text[chunk.start : chunk.end].rstrip().endswith(":"):
            # "In a 1963 speech, he declared:" then the quote in the next paragraph.
            speech = [c for c in usable if c.speech or c.text == "according to"]
            if speech:
                self.colon = (chunk.index, speech[-1])
        if not chunk.quotes and not claims and usable:
            # A frame with no content ("Trump briefed journalists.") still sets
            # the speaker for pronouns.
            for cue in usable:
                if cue.speech:
                    self.speakers.spoke(cue.speaker)

    def _claim_bounds(self, chunk: Chunk, s: int, e: int) -> tuple[int, int]:
        """A claim's span with what is not its content taken off: an opening
        "referring to X," and a conjoined verb after a quotation it ends with
        (`that “...,” and declined to name a date`). A claim never starts inside
        a quotation: it takes the opening mark."""
        about = ABOUT_OPENING.match(self.text, s, e)
        if about:
            s = about.end()
        for q in chunk.quotes:
            if q.open_at < s < q.close_end:
                s = q.open_at
            if s <= q.open_at and q.close_end < e and chunk.doc is not None:
                after = [t for t in chunk.tokens_between(q.close_end, e) if not t.is_space]
                if len(after) >= 2 and after[0].lower_ in {"and", "but"} and \
                        after[1].tag_.startswith("VB") and \
                        not any(c.dep_ in SUBJECT_DEPS for c in after[1].children):
                    e = q.close_end
                    break
        return s, e

    def _colon_claim(self, chunk: Chunk) -> None:
        """"Lund: The Bridge Will Open Before Winter" (headlines) and "HOST: Do you ..."
        (transcripts): a person's name and a colon open what they said."""
        match = COLON_LINE.match(self.text, chunk.start, chunk.end)
        if not match:
            return
        prefix = match.group("who")
        doc = chunk.doc
        person = next((e.text for e in doc.ents if e.label_ == "PERSON" and e.start_char == 0
                       and e.end_char == len(prefix)), None)
        if person is None and not (prefix.isupper() and len(prefix) > 2):
            return
        speaker = self.speakers.resolve_phrase(prefix.title() if person is None else prefix,
                                               person, prefix.split()[-1], "NNP", True)
        if speaker is None:
            return
        s, e = match.span("what")
        e = _trim_end(self.text, e, " .\n")
        self._emit(CLAIM, s, e, speaker, ":", confidence=0.5, paragraph=chunk.paragraph,
                   features={"route": "colon_line"})

    def _quote_cue(self, chunk: Chunk, q: Quoted, usable: list[Cue], claims) -> Cue | None:
        around = [(e - s, cue) for s, e, cue in claims if s <= q.open_at and q.close_end <= e + 1]
        self.quote_route = "claim"
        if around:
            return min(around, key=lambda c: c[0])[1]  # the innermost clause
        if chunk.doc is None:
            return None
        speech = [c for c in usable if c.speech or c.text == "according to"]
        if not speech:
            return None
        # The cue that governs the quote in the parse, else the nearest one.
        inside = chunk.tokens_between(q.open_at, q.close_end)
        heads = [t for t in inside if not (q.open_at <= chunk.start + t.head.idx < q.close_end)]
        by_token = {}
        for cue in speech:
            by_token.setdefault(cue.token.i, cue)
        for head in heads:
            for ancestor in head.ancestors:
                if ancestor.i in by_token:
                    self.quote_route = "governed"
                    return by_token[ancestor.i]
        def distance(cue):
            pos = chunk.start + cue.token.idx
            return min(abs(pos - q.open_at), abs(pos - q.close_end))
        best = min(speech, key=distance)
        self.quote_route = "nearest"
        return best if distance(best) < 200 else None

    def _uncued(self, chunk: Chunk, q: Quoted, next_chunk: Chunk | None):
        """A quote with no cue in its sentence: a dash and a name after it, a cue
        opening the next paragraph, else the previous speaker (continuation)."""
        dash = DASH_NAME.match(self.text, q.close_end)
        if dash:
            name = dash.group("name").strip()
            speaker = self.speakers.resolve_phrase(name, name, name.split()[-1], "NNP", True)
            if speaker is not None:
                return speaker, "", 0.7, "dash"
        frame = _frame(self.text, chunk).strip(" ,.;:")
        if self.colon is not None and self.colon[0] == chunk.index - 1 and not frame:
            cue = self.colon[1]
            return cue.speaker, cue.text, 0.75, "colon"
        if next_chunk is not None and next_chunk.paragraph != chunk.paragraph and \
                not next_chunk.quotes and next_chunk.doc is not None and \
                self.text[q.start : q.end].rstrip().endswith(","):
            for cue in self._cues(next_chunk):
                if cue.speaker is not None and cue.content is None and cue.speech:
                    return cue.speaker, cue.text, 0.7, "next"
            match = FRAME.match(self.text, next_chunk.start, next_chunk.end)
            if match:
                name = match.group("name") or match.group("name2")
                speaker = self.speakers.resolve_phrase(name, None, name.split()[-1], "NNP", True)
                if speaker is not None:
                    return speaker, (match.group("cue") or match.group("cue2")).lower(), 0.65, \
                        "next"
        if len(frame.split()) > 3:
            return None, "", 0, ""
        if self.subject is not None and self.subject[0] == chunk.index - 1 and \
                self.subject[0] > self.last_chunk:
            # "He also did not give a date." then a quote: his.
            return self.subject[1], "", 0.55, "subject"
        if self.last is not None and chunk.prose - self.last_prose <= 1:
            return self.last_speaker, "", 0.6, "continuation"
        return None, "", 0, ""


# Chunks the parser takes at a time: small batches let a deadline be checked often.
PARSE_BATCH = 64


def run(text: str, people: tuple[KnownPerson, ...] = (),
        seconds: float | None = None) -> list[Statement]:
    """Extract statements from ``text``; see :func:`quotes.extraction.extract`.

    Never raises on odd input (unbalanced marks, empty text, markup); raises
    ``ExtractionTimeout`` once ``seconds`` have passed, if given. Every step
    between two checks of the deadline is bounded by ``MAX_CHUNK``.
    """
    if not text or not text.strip():
        return []
    deadline = None if seconds is None else time.monotonic() + seconds

    def check():
        if deadline is not None and time.monotonic() > deadline:
            raise ExtractionTimeout(
                f"extraction took longer than {seconds:g} s ({len(text):,} characters)"
            )

    chunks = _chunks(text)
    check()
    wanted = []
    for i, chunk in enumerate(chunks):
        if i % 64 == 0:
            check()
        frame = _frame(text, chunk)
        cues = sum(1 for _ in islice(_cue_words(frame), MAX_CUES + 1))
        if cues > MAX_CUES or len(chunk.quotes) > MAX_QUOTES:
            chunk.skipped = True
        elif chunk.quotes or cues or COLON_LINE.match(text, chunk.start, chunk.end):
            wanted.append(chunk)
    # Parse as the attributor goes (it looks one chunk ahead) and let each
    # parse go once handled: a long article never holds every parse at once.
    parses = iter(())
    if wanted:
        parses = zip(wanted, load().pipe(
            # A no-break space is one character too: offsets stay the same.
            (text[c.start : c.end].replace("\xa0", " ") for c in wanted),
            batch_size=PARSE_BATCH), strict=True)
    waiting = iter(wanted)
    next_parsed = next(waiting, None)
    attributor = Attributor(text, tuple(people))
    for i, chunk in enumerate(chunks):
        following = chunks[i + 1] if i + 1 < len(chunks) else None
        while next_parsed is not None and next_parsed.index <= chunk.index + 1:
            parsed, doc = next(parses)
            parsed.doc = doc
            next_parsed = next(waiting, None)
            check()
        attributor.handle(chunk, following)
        chunk.doc = None
        if i % 64 == 0:
            check()
    statements = sorted(attributor.out, key=lambda s: (s.start, s.kind))
    for statement in statements:
        statement.confidence = calibrated(statement)
    return statements
