"""Page furniture: lines of a scraped page that are not the article's prose.

"Read more" lists, "Leave a Reply", "Back to top button", share and follow
buttons, subscription prompts, author bios, repeated headlines and photo
credits yield no statements. Detection works line by line on the raw text, so
the importer's cleaning and this module agree without sharing code.
"""

from __future__ import annotations

import re

# A line that is furniture on its own.
LINE = re.compile(
    r"""^(?:
        read\ more\b.* | related\b.{0,80} | see\ also\b.* | more\ on\ this\b.* |
        leave\ a\ (?:reply|comment)\b.* | your\ email\ address\ will\ not\ be\ published.* |
        back\ to\ top\b.* | skip\ to\ (?:content|main)\b.* | share\ (?:this|on)\b.* |
        follow(?:\ us)?:?.{0,40} |
        ["“]?follow\ .{1,40}\ on\ (?:twitter|facebook|instagram)\b.{0,30} |
        subscribe\b.* | sign\ up\b.* | advertisement |
        source | sources | about\ us | comments? | photo:.* | image:.* | credit:.* |
        .*©.* | .*\b(?:getty\ images|reuters/|ap\ photo|afp\ via|sputnik/)\b.{0,60} |
        (?:copyright|all\ rights\ reserved)\b.* |
        .*\blogo
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# A header after which the following bullet lines are links, not prose.
LIST_HEADER = re.compile(r"^(?:read more|related|more|see also|recommended)\b.{0,20}:?$", re.I)
BULLET = re.compile(r"^\s*(?:[-•*–—▪►]|\d+\.)\s")
# Lines from which the rest of the page is trailer: comments, bios, "About us".
TRAILER = re.compile(
    r"^(?:leave a (?:reply|comment)|about us|share this article|about the author|"
    r"back to top button|subscribe for latest updates)\b",
    re.I,
)
# "Jane Doe is the Senior Correspondent ..." right after share/follow buttons.
BIO = re.compile(r"^[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){1,2} is (?:a|an|the|\w+’s|\w+'s) ")
# Embedded HTML (tweets, widgets). A tag ends before the next "<" and a name
# starts a word, so a line of "<a <a <a" or "x-x-x-" is scanned once, not once
# per character.
MARKUP = re.compile(r"<[a-z/!][^<>]*>|(?<![\w-])[\w-]+=\"[^\"]*\"|pic\.twitter\.com", re.I)


def furniture_lines(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Return the indexes (into ``spans``, the article's lines) that are furniture."""
    lines = [text[s:e] for s, e in spans]
    counts: dict[str, int] = {}
    for line in lines:
        counts[line] = counts.get(line, 0) + 1
    flagged: set[int] = set()
    in_list = False
    trailer_from = None
    for i, line in enumerate(lines):
        words = len(line.split())
        if LIST_HEADER.match(line):
            flagged.add(i)
            in_list = True
            continue
        if in_list and BULLET.match(line):
            flagged.add(i)
            continue
        in_list = False
        # Cheap tests first: LINE's ".*" alternatives walk a long paragraph
        # back and forth, and MARKUP needs a "<", an "=" or a ".com" (whose
        # letters have no other case forms, unlike the "i" of "pic").
        if words <= 25 and LINE.match(line):
            flagged.add(i)
        elif counts[line] > 1 and words <= 20:
            # A line repeated word for word is a headline or a widget, not prose.
            flagged.add(i)
        elif ("<" in line or "=" in line or ".com" in line.lower()) and MARKUP.search(line):
            flagged.add(i)
        if trailer_from is None and TRAILER.match(line) and i >= len(lines) * 0.5:
            trailer_from = i
    if trailer_from is not None:
        flagged.update(range(trailer_from, len(lines)))
    for i, line in enumerate(lines):
        if BIO.match(line) and i > 0 and (i - 1) in flagged:
            flagged.add(i)
    return flagged
