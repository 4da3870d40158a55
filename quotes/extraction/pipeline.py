"""The extraction pipeline: quotation marks, cues, speakers.

First version: quotes with an explicit reporting verb and a named speaker next
to them (``“...,” Peskov said`` / ``said Peskov`` / ``Rubio stated: “...”``).
"""

from __future__ import annotations

import re

from .types import QUOTE, KnownPerson, Statement

OPEN_CLOSE = {"“": "”", '"': '"', "«": "»", "„": "“"}
VERBS = (
    r"said|says|told(?: \w+)?|stated|stressed|noted|added|explained|declared|"
    r"responded|replied|emphasi[sz]ed|insisted|wrote|argued|warned|asked|continued|remarked"
)
NAME = r"(?:[A-Z][\w’'.-]+)(?: [A-Z][\w’'.-]+){0,4}"
# Up to a few lowercase title words may sit between the quote and the name
# ("Kremlin spokesman Dmitry Peskov told reporters").
AFTER = re.compile(
    rf"\s*,?\s*(?:(?:[\w-]+ ){{0,4}}?(?P<name1>{NAME}) (?P<cue1>{VERBS})"
    rf"|(?P<cue2>{VERBS}) (?P<name2>{NAME}))"
)
BEFORE = re.compile(rf"(?P<name>{NAME}) (?P<cue>{VERBS})\s*[:,]\s*$")


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each quoted span, without the marks.

    Unbalanced marks are skipped, never raised on.
    """
    spans = []
    i = 0
    while i < len(text):
        ch = text[i]
        close = OPEN_CLOSE.get(ch)
        if close is None:
            i += 1
            continue
        j = text.find(close, i + 1)
        newline = text.find("\n", i + 1)
        if j == -1 or (newline != -1 and newline < j):
            i += 1
            continue
        if j > i + 1:
            spans.append((i + 1, j))
        i = j + 1
    return spans


def _resolve(name: str, people: tuple[KnownPerson, ...]) -> str:
    for person in people:
        if name == person.name or name in person.aliases:
            return person.name
        if name.split()[-1] == person.name.split()[-1]:
            return person.name
    return name


def run(text: str, people: tuple[KnownPerson, ...] = ()) -> list[Statement]:
    """Extract statements from ``text``; see :func:`quotes.extraction.extract`."""
    out = []
    for start, end in find_quotes(text):
        after = AFTER.match(text, end + 1, min(len(text), end + 120))
        before = BEFORE.search(text, max(0, start - 121), start - 1)
        if after:
            name = after.group("name1") or after.group("name2")
            cue = after.group("cue1") or after.group("cue2")
        elif before:
            name, cue = before.group("name"), before.group("cue")
        else:
            continue
        out.append(
            Statement(
                kind=QUOTE,
                text=text[start:end],
                start=start,
                end=end,
                speaker=_resolve(name, people),
                speaker_mention=name,
                cue=cue,
                confidence=0.8,
            )
        )
    return out
