"""Import articles from files, folders, JSON Lines feeds and URLs, and keep their
statements in step with the extractor without losing editors' work.

The flow, for ``manage.py import_articles`` (a thin wrapper), one module a step:

1. ``reading.collect(targets)`` turns paths and URLs into a list of ``Pending``
   inputs (folders are walked, a local feed becomes one input per line), so
   progress can say "[3/120]". Nothing is read or fetched yet except feed files.
2. ``Pending.load()`` reads (``reading``) or fetches (``fetching``) one input
   and returns ``Source`` objects: clean text plus metadata (``metadata``), or
   ``BadInput`` with a one-line reason.
3. ``storing.import_source()`` stores one article and its statements in one
   transaction: created, updated (text or metadata changed, re-extracted),
   or unchanged (same natural key, same content).
4. ``batch.run()`` drives 2 and 3 over every input for the command.

Statements are synchronised by ``corrections.sync_statements()``, which the
admin's "re-run extraction" action and ``manage.py reextract`` use through
``reextract()``. The survival rules live there (issue 5): verified and
corrected statements stay as editors left them, rejected ones never come
back, automatic ones follow the extractor.

Feeds and sitemaps polled on a schedule are ``quotes.sources``; the Celery
tasks are ``quotes.tasks``. The public names below are importable from here.
"""

from .batch import run
from .corrections import (
    MODELS,
    PROTECTED,
    SAME_SPAN,
    SyncResult,
    extract_for,
    reextract,
    relocate,
    sync_statements,
)
from .fetching import USER_AGENT, fetch, human_size, max_bytes, opener, read_within
from .metadata import (
    BadInput,
    Metadata,
    canonical_url,
    check_name,
    check_text,
    check_url,
    metadata_from_dict,
    metadata_from_options,
    one_line,
    parse_date,
)
from .reading import (
    FEED_SUFFIXES,
    HTML_SUFFIXES,
    IMPORTABLE,
    MANIFEST,
    TEXT_SUFFIXES,
    FolderMetadata,
    Pending,
    Source,
    article_from_html,
    collect,
    decode,
    feed_item,
    feed_sources,
    kind_of,
    normalise_text,
    printable,
    read_bytes,
    sources_from_bytes,
)
from .storing import Outcome, find_existing, import_source, lock_natural_keys, preview

__all__ = [
    "FEED_SUFFIXES", "HTML_SUFFIXES", "IMPORTABLE", "MANIFEST", "MODELS", "PROTECTED",
    "SAME_SPAN", "TEXT_SUFFIXES", "USER_AGENT", "BadInput", "FolderMetadata", "Metadata",
    "Outcome", "Pending", "Source", "SyncResult", "article_from_html", "canonical_url",
    "check_name", "check_text", "check_url", "collect", "decode", "extract_for", "feed_item",
    "feed_sources", "fetch", "find_existing", "import_source", "kind_of", "lock_natural_keys",
    "metadata_from_dict", "metadata_from_options", "normalise_text", "parse_date", "preview",
    "read_bytes", "reextract", "relocate", "run", "sources_from_bytes", "sync_statements",
    "human_size", "max_bytes", "one_line", "opener", "printable", "read_within",
]
