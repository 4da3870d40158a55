"""The extractor's data types: what goes in (known people) and what comes out."""

from __future__ import annotations

from dataclasses import dataclass, field

QUOTE = "quote"
CLAIM = "claim"


class ExtractionTimeout(Exception):
    """Extraction ran past its deadline (``extract(..., seconds=...)``); ``str()``
    is a one-line reason."""


@dataclass(frozen=True)
class KnownPerson:
    """Someone the caller already knows, so role phrases can resolve to them.

    ``aliases`` are other names ("Sergei Lavrov", "Lavrov"); ``roles`` are
    descriptions that mean this person ("Kremlin spokesman", "press secretary
    of Russian President Vladimir Putin").
    """

    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    kind: str = "person"


@dataclass
class Statement:
    """One quote or claim found in an article.

    ``start``/``end`` are Python string offsets into the text given to
    ``extract``; ``text == article_text[start:end]`` always holds.
    ``speaker`` is the resolved name ("Dmitry Peskov") or the group as written
    ("EU leaders"); ``speaker_mention`` is the words the article used for the
    speaker at this statement ("the spokesman", "he"). ``via`` names the outlet
    or agency the article credits ("TASS"), never the speaker.
    """

    kind: str
    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_mention: str = ""
    speaker_type: str = "person"
    cue: str = ""
    partial: bool = False
    via: str | None = None
    confidence: float = 0.5
    # "asserts", or "denies", "dismisses", "declines" (see .stance): whether the
    # speaker asserts the text or rejects it ("dismissed claims that ...").
    stance: str = "asserts"
    extras: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        """The statement as a plain dict (the JSON Lines format of the scorer)."""
        return {
            "kind": self.kind,
            "speaker": self.speaker,
            "speaker_mention": self.speaker_mention,
            "speaker_type": self.speaker_type,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "cue": self.cue,
            "partial": self.partial,
            "via": self.via,
            "confidence": round(self.confidence, 3),
            "stance": self.stance,
        }
