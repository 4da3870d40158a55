"""Quotation marks: pair them into quoted spans, paragraph by paragraph.

Handles curly and straight double quotes, ``''``/```` `` used as double quotes,
guillemets and low-9 marks; nested marks; quotes left open at the end of a
paragraph (the convention for quotes running over several paragraphs: each
paragraph reopens the quote and only the last one closes it). Single quotes
are never treated as quotation marks, so apostrophes, possessives
(``ministers’ meeting``) and quotes-within-quotes cannot break the pairing.
Unbalanced marks never raise: a stray closing mark is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = {"“", "«", "„", "``"}
CLOSERS = {"”", "»"}
AMBIGUOUS = {'"', "''"}
MARK = re.compile(r"''|``|[“”«»„\"]")
# key="value" inside embedded HTML (tweets, widgets) is markup, not a quote.
# Matched only from the start of a name: tried from every letter of a long
# "x-x-x-..." run, the search was quadratic in the run's length.
ATTRIBUTE = re.compile(r"(?<![\w-])[\w-]+=\"[^\"\n]*\"")


@dataclass(frozen=True)
class Quoted:
    """A span between quotation marks: ``start``/``end`` exclude the marks."""

    start: int
    end: int
    open_at: int
    close_end: int  # offset just after the closing mark (or the paragraph end)
    closed: bool = True


def _is_opener(text: str, pos: int, mark: str) -> bool:
    """Decide whether an ambiguous straight mark opens a quote, from its neighbours."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + len(mark)] if pos + len(mark) < len(text) else " "
    if before.isspace() or before in "([—–-/":
        return not after.isspace()
    return False


def _misprinted(text: str, pos: int, end: int) -> bool:
    """Whether the ” at ``pos`` opens a quote that the next ” closes."""
    following = MARK.search(text, pos + 1, end)
    return following is not None and following.group() == "”"


def _closes(text: str, pos: int, end: int) -> bool:
    """Whether the “ at ``pos``, inside a quote, is a misprinted closing mark: it
    touches the word before it and none after it (“It's unusual,“ said Hale.),
    where a nested opener stands after a space (“He called it “a farce.””)."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < end else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each non-empty line, stripped of surrounding spaces."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_in_paragraph(text: str, start: int, end: int) -> list[Quoted]:
    """Pair the quotation marks of one paragraph ``text[start:end]``."""
    masked = set()
    for m in ATTRIBUTE.finditer(text, start, end):
        masked.update(range(m.start(), m.end()))
    found: list[Quoted] = []
    depth = 0
    open_at = open_len = None
    low_nine = False
    for match in MARK.finditer(text, start, end):
        mark, pos = match.group(), match.start()
        if pos in masked:
            continue
        if mark == "“" and depth > 0 and (low_nine or _closes(text, pos, end)):
            # „German-style“: the high mark closes; so does “a misprinted one,“ he said.
            opener = False
        elif mark in OPENERS:
            opener = True
        elif mark in CLOSERS:
            # ”A paragraph opening with a closing mark” is a misprinted opener
            # when the next mark closes it; ”stray “quoted” stays a stray.
            opener = depth == 0 and pos == start and mark == "”" and _misprinted(text, pos, end)
        elif depth == 0:
            opener = _is_opener(text, pos, mark) or (mark == '"')
        else:
            opener = False  # inside a quote a straight mark closes it
        if opener:
            if depth == 0:
                open_at, open_len = pos, len(mark)
                low_nine = mark == "„"
            depth += 1
            continue
        if depth == 0:
            continue  # a stray closing mark: skip it, never fail
        depth -= 1
        if depth == 0:
            s, e = _strip(text, open_at + open_len, pos)
            if e > s:
                found.append(Quoted(s, e, open_at, pos + len(mark)))
            open_at = None
    if open_at is not None:
        s, e = _strip(text, open_at + open_len, end)
        if len(text[s:e].split()) >= 2:
            found.append(Quoted(s, e, open_at, end, closed=False))
    return found


def find_quotes(text: str, spans: list[tuple[int, int]] | None = None) -> list[Quoted]:
    """Return every quoted span in ``text``, in order; never raises on bad marks."""
    result = []
    for start, end in spans if spans is not None else paragraphs(text):
        result.extend(find_in_paragraph(text, start, end))
    return result
