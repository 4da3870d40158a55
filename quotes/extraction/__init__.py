"""Find quotes and reported speech in news text and attribute them to speakers.

Pure Python (spaCy and the standard library); nothing here imports Django.
The one entry point is :func:`extract`.
"""

from __future__ import annotations

from collections.abc import Iterable

from .types import CLAIM, QUOTE, KnownPerson, Statement

__all__ = ["CLAIM", "QUOTE", "KnownPerson", "Statement", "extract"]


def extract(text: str, people: Iterable[KnownPerson] = ()) -> list[Statement]:
    """Return every quote and claim in ``text``, in order of position."""
    from .pipeline import run

    return run(text, tuple(people))
