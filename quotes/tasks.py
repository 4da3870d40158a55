"""The work the queue carries: polling sources, importing links, re-extracting.

Celery tasks (``diplomacy/celery.py``). With ``CELERY_BROKER_URL`` they run on
workers (``make worker``); without it ``.delay()`` runs them here and now.
Every task is acknowledged only when it has finished (``CELERY_TASK_ACKS_LATE``):
a worker killed mid-article leaves the message to another worker, and the
article's unique URL makes the second try "unchanged" if the first had
committed. The work itself is in ``quotes.sources`` and ``quotes.importing``.
"""

from __future__ import annotations

import logging
import random

from django.conf import settings
from django.db import OperationalError

from diplomacy.celery import app
from quotes import importing
from quotes.models import Article, Source
from quotes.sources import fetching, polling
from quotes.sources.documents import Link

logger = logging.getLogger(__name__)

# A link whose fetch failed in a way that may pass (timeout, 5xx, 429, refused)
# is tried again after about 30 s, 1, 2 and 4 minutes (SOURCES_RETRY_SECONDS
# doubled each time), then given up on and listed in admin (FailedLink).
MAX_RETRIES = 4
# A worker sleeps at most this long for a host's turn; past it, the link is
# queued again for the moment its turn comes, and the worker takes other work
# (a sitemap lists one host's links one after another).
MAX_SLEEP_SECONDS = 0.25


def retry_delay(retries: int) -> float:
    """Exponential backoff with jitter, so a host that failed many links at
    once is not asked for all of them again in the same second."""
    return settings.SOURCES_RETRY_SECONDS * 2**retries * random.uniform(0.75, 1.25)


@app.task
def poll_due_sources() -> int:
    """Queue a poll of every source that is due (``manage.py poll_sources``,
    cron or Celery beat). Returns how many were queued."""
    ids = polling.claim_due()
    for pk in ids:
        poll_source.delay(pk)
    return len(ids)


@app.task
def poll_source(source_id: int) -> str:
    """Poll one source and queue a task per new link."""
    source = Source.objects.select_related("outlet").filter(pk=source_id).first()
    if source is None:
        return "gone"
    result = polling.poll(source)
    for link in result.links:
        import_link.delay(link.as_dict(), source_id)
    # Only now: a worker dying before this line leaves the old validators, so
    # the next poll lists these links again instead of hearing "304".
    polling.record(source, result)
    return f"{result.status}: {len(result.links)} new of {result.listed}"


@app.task(bind=True, max_retries=MAX_RETRIES)
def import_link(
    self, link: dict, source_id: int | None = None, turn: float | None = None
) -> str:
    """Fetch and import one article page; retry what may pass, list the rest."""
    link = Link(**link)
    source = Source.objects.select_related("outlet").filter(pk=source_id).first()
    eager = bool(self.request.is_eager)
    try:
        outcome = polling.import_link(
            link, source, max_wait=None if eager else MAX_SLEEP_SECONDS, turn=turn
        )
    except (fetching.FetchError, OperationalError) as exc:
        transient = getattr(exc, "transient", True)  # OperationalError: the database blinked
        reason = str(exc) if isinstance(exc, importing.BadInput) else importing.one_line(exc)
        if transient and not eager and self.request.retries < self.max_retries:
            raise self.retry(countdown=retry_delay(self.request.retries), exc=exc) from None
        if not (transient and eager):  # in-process: the next poll tries again
            polling.give_up(link, source, reason, attempts=self.request.retries + 1)
        return f"failed: {reason}"
    except importing.BadInput as exc:
        polling.give_up(link, source, str(exc), attempts=self.request.retries + 1)
        return f"failed: {exc}"
    except Exception as exc:  # a bug: listed with its reason rather than retried forever
        logger.exception("Importing %s failed", link.url)
        polling.give_up(link, source, importing.one_line(exc), attempts=self.request.retries + 1)
        return f"failed: {importing.one_line(exc)}"
    if isinstance(outcome, polling.Later):
        import_link.apply_async(
            (link.as_dict(), source_id, outcome.turn), countdown=outcome.seconds
        )
        return f"later: in {outcome.seconds:.1f} s"
    return outcome.status


@app.task(bind=True, max_retries=MAX_RETRIES)
def reextract_article(self, article_id: int) -> str:
    """``importing.reextract`` on one article: editors' corrections kept."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return "gone"
    try:
        return str(importing.reextract(article))
    except OperationalError as exc:
        if self.request.is_eager:
            raise
        raise self.retry(countdown=retry_delay(self.request.retries), exc=exc) from None
