"""Stance: whether a statement is the speaker's own assertion.

"Peskov dismissed claims that the Baltic states are next" does not make
"the Baltic states are next" Peskov's claim: he rejects it. The cue decides:
verbs of denial deny, verbs of dismissal dismiss, and a verb of saying that is
negated ("would not confirm") or declined ("declined to say whether") declines.
Everything else asserts.
"""

from __future__ import annotations

import re

from .cues import DECLINE_FORMS, SPEECH_FORMS, forms

ASSERTS, DENIES, DISMISSES, DECLINES = "asserts", "denies", "dismisses", "declines"
STANCES = (ASSERTS, DENIES, DISMISSES, DECLINES)

DENY_FORMS = {f for verb in ("deny", "refute", "dispute", "rebut", "contradict")
              for f in forms(verb)}
DISMISS_FORMS = {f for verb in ("dismiss", "reject", "rebuff", "downplay", "ridicule", "scoff",
                                "deride", "disparage") for f in forms(verb)}
# What opens the content of a statement the speaker does not assert: kept in its
# text, so a citation reads "denied that ...", "declined to say whether ...".
OPENER = re.compile(r"\b(?:that|whether|if)\s+$")


QUOTE_MARKS = {"\"", "“", "”", "''", "``", "«", "»"}


def _across_quote(neg, token) -> bool:
    """A "not" the parser hung on the verb from inside a quotation
    ("“Probably not,” Moore said"): not a negation of the saying."""
    low, high = sorted((neg.i, token.i))
    return any(t.text in QUOTE_MARKS for t in token.doc[low + 1 : high])


def declined(token) -> bool:
    """Whether a verb of saying is negated ("did not say", "would not confirm")
    or declined ("declined to say", "refused to comment")."""
    if any(c.dep_ == "neg" and not _across_quote(c, token) for c in token.children):
        return True
    return token.dep_ == "xcomp" and token.head.lower_ in DECLINE_FORMS


def declined_cue(token) -> str:
    """The cue as the article words it: "would not confirm", "declined to say"."""
    if token.dep_ == "xcomp" and token.head.lower_ in DECLINE_FORMS:
        return f"{token.head.text} to {token.text}"
    doc, first = token.doc, token.i
    while first > 0 and doc[first - 1].head.i == token.i and doc[first - 1].dep_ in {
            "aux", "neg", "advmod"}:
        first -= 1
    return doc[first : token.i + 1].text


def stance_of(token) -> str:
    """The stance a reporting verb gives what it reports."""
    low = token.lower_
    if low in SPEECH_FORMS and declined(token):
        return DECLINES
    if low in DENY_FORMS:
        return DENIES
    if low in DISMISS_FORMS:
        return DISMISSES
    return ASSERTS


def with_opener(text: str, start: int) -> int:
    """``start`` moved back over the "that"/"whether" that opens the content."""
    match = OPENER.search(text, max(0, start - 12), start)
    return match.start() if match else start
