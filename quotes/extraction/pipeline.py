"""The extraction pipeline.

Stages, in order:

1. lines and page furniture (:mod:`.furniture`): furniture lines are skipped;
2. quotation marks (:mod:`.marks`), paired paragraph by paragraph;
3. sentence chunks (:mod:`.chunks`): sentences split by rules, never inside a quote;
4. spaCy (:mod:`.nlp`) parses only the chunks that hold a quote mark or a
   reporting word (:mod:`.cues`), about three quarters of the text;
5. cues (:mod:`.content`): each reporting word outside the quotes, its subject
   (the speaker phrase) and its content (the clause, object or sentence it reports);
6. attribution (:mod:`.attribution`): each cue with words of the writer's own gives a claim; each
   quote goes to the claim around it, else the cue that governs it, else the
   nearest cue in its sentence, else a cue before a colon, a dash and a name,
   a cue opening the next paragraph, and last the previous speaker
   (continuation);
7. speakers (:mod:`.speakers`): names, surnames, pronouns and roles resolved;
8. via (:mod:`.via`): the outlet a sentence credits;
9. stance (:mod:`.stance`), then confidence (:mod:`.confidence`).

docs/extraction.md describes each rule and what it measured.
"""


from __future__ import annotations

import re
import time
from collections import deque
from itertools import islice

from .attribution import COLON_LINE, DATELINE, Attributor
from .chunks import MAX_CUES, MAX_QUOTES, RUN_IN_HEAD, Chunk, _chunks, _frame_cues
from .confidence import article_features, calibrate, parser_vectors
from .nlp import load
from .speakers import without_suffix
from .types import ExtractionTimeout, KnownPerson, Statement

# An opening quotation mark with no space after a comma or colon ("said,“Look").
GLUED_OPENER = re.compile(r"(?<=[,:;])[“\"](?=\w)")


def _for_parser(text: str, chunk: Chunk) -> str:
    """The chunk's text as spaCy gets it: no-break spaces, a dateline and a run-in
    heading blanked, and the horizontal bar some papers use as a dash ("―",
    which the model tags as a verb) made the em dash it knows, and an opening
    mark glued to the punctuation before it ("said,“Look", one token to the
    model) a space; one character for one: offsets stay."""
    words = text[chunk.start : chunk.end].replace("\xa0", " ").replace("―", "—")
    words = GLUED_OPENER.sub(" ", words)
    dateline = DATELINE.match(words)
    if dateline and any(c.isalpha() for c in dateline.group()):
        words = " " * dateline.end() + words[dateline.end() :]
    head = RUN_IN_HEAD.match(words)
    if head:
        words = " " * head.end() + words[head.end() :]
    return words


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
        cues = sum(1 for _ in islice(_frame_cues(text, chunk), MAX_CUES + 1))
        if cues > MAX_CUES or len(chunk.quotes) > MAX_QUOTES:
            chunk.skipped = True
        elif chunk.quotes or cues or COLON_LINE.match(text, chunk.start, chunk.end):
            wanted.append(chunk)
    # Parse as the attributor goes (it looks one chunk ahead) and let each
    # parse go once handled: a long article never holds every parse at once.
    parses = iter(())
    if wanted:
        parses = zip(wanted, load().pipe(
            # A no-break space is one character too, and a dateline is blanked
            # with as many spaces: offsets stay the same.
            (_for_parser(text, c) for c in wanted),
            batch_size=PARSE_BATCH), strict=True)
    waiting = iter(wanted)
    next_parsed = next(waiting, None)
    attributor = Attributor(text, tuple(people))
    # The last parses, (chunk start, doc): a statement's parser vectors come
    # from the chunk it is found in, the one before or the one after.
    recent = deque(maxlen=3)
    for i, chunk in enumerate(chunks):
        following = chunks[i + 1] if i + 1 < len(chunks) else None
        while next_parsed is not None and next_parsed.index <= chunk.index + 1:
            parsed, doc = next(parses)
            parsed.doc = doc
            recent.append((parsed.start, doc))
            next_parsed = next(waiting, None)
            check()
        found = len(attributor.out)
        attributor.handle(chunk, following)
        for statement in attributor.out[found:]:
            statement.extras["vectors"] = parser_vectors(text, statement, recent)
        chunk.doc = None
        if i % 64 == 0:
            check()
    statements = sorted(attributor.out, key=lambda s: (s.start, s.kind))
    # "Jr." keeps a son apart from a father the article also names; alone, the
    # name is given without it, as the importer's people usually are (but
    # "Donald Jr." is not made "Donald").
    seen = attributor.speakers
    named = {n for _, n in seen.mentions + seen.subjects} | set(seen.full_names.values()) | {
        s.speaker for s in statements}
    article_features(text, statements)
    calibrate(statements)
    for statement in statements:
        if statement.speaker and statement.speaker_type == "person":
            plain = without_suffix(statement.speaker)
            if plain != statement.speaker and plain not in named and " " in plain:
                statement.speaker = plain
    return statements
