"""Find quotes and reported speech in news text and attribute them to speakers.

Pure Python (spaCy and the standard library); nothing here imports Django.
The one entry point is :func:`extract`.
"""

from __future__ import annotations

from collections.abc import Iterable

from .types import CLAIM, QUOTE, ExtractionTimeout, KnownPerson, Statement

__all__ = ["CLAIM", "QUOTE", "ExtractionTimeout", "KnownPerson", "Statement", "extract"]


def extract(
    text: str, people: Iterable[KnownPerson] = (), *, seconds: float | None = None
) -> list[Statement]:
    """Return every quote and claim in ``text``, in order of position.

    Time grows linearly with the text. With ``seconds``, raise
    ``ExtractionTimeout`` (its message a one-line reason) once that much time
    has passed (checked between bounded steps, about every second).
    """
    from .pipeline import run

    return run(text, tuple(people), seconds=seconds)
