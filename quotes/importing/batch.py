"""The loop ``manage.py import_articles`` drives: every input loaded and
imported, one ``Outcome`` per article or failure, one broken input never
stopping the rest.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from .metadata import BadInput, one_line
from .reading import Pending
from .storing import Outcome, import_source

logger = logging.getLogger(__name__)


def run(pending: Iterable[Pending], *, dry_run: bool = False) -> Iterator[Outcome]:
    """Load and import every input, one Outcome per article (or failure)."""
    for item in pending:
        try:
            loaded = item.load()
        except BadInput as exc:
            yield Outcome(exc.label or item.label, "failed", reason=str(exc))
            continue
        except Exception as exc:  # noqa: BLE001 - one broken input must not stop the rest
            logger.debug("Reading %s failed", item.label, exc_info=True)
            yield Outcome(item.label, "failed", reason=one_line(exc))
            continue
        for source in loaded:
            if isinstance(source, BadInput):
                yield Outcome(source.label or item.label, "failed", reason=str(source))
                continue
            try:
                yield import_source(source, dry_run=dry_run)
            except BadInput as exc:
                yield Outcome(source.label, "failed", reason=str(exc))
            except Exception as exc:  # noqa: BLE001 - the transaction rolled back; go on
                logger.debug("Importing %s failed", source.label, exc_info=True)
                yield Outcome(source.label, "failed", reason=one_line(exc))
