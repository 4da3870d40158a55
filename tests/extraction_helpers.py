"""Helpers shared by the extraction tests (tests/test_extraction*.py): the
known person they mostly quote, ``one`` and ``parsed_as``. Not a test module."""

from __future__ import annotations

from quotes.extraction import QUOTE, KnownPerson, extract

BERG = KnownPerson(
    "Anna Berg", ("Berg",), ("Nordland's foreign minister", "the top diplomat of Nordland"),
)


def one(text, kind=QUOTE, people=(BERG,)):
    """The only statement of ``kind`` in ``text``."""
    found = [s for s in extract(text, people) if s.kind == kind]
    assert len(found) == 1, found
    return found[0]


def parsed_as(monkeypatch, text, tokens, ents=None):
    """Make the parser return ``tokens`` (word, space after, Penn tag, head, dep)
    for ``text``: a parser mistake, reproduced exactly, for the rule that absorbs it;
    ``ents``, one IOB tag per token ("B-ORG", "O"), for the entity recogniser's."""
    from spacy.tokens import Doc

    from quotes.extraction import pipeline

    nlp = pipeline.load()
    words, spaces, tags, heads, deps = zip(*tokens, strict=True)
    doc = Doc(nlp.vocab, words=list(words), spaces=list(spaces), tags=list(tags),
              heads=list(heads), deps=list(deps), ents=ents)
    assert doc.text == text

    class Parser:
        def pipe(self, texts, **options):
            return (doc if t == text else nlp(t) for t in texts)

    monkeypatch.setattr(pipeline, "load", Parser)
