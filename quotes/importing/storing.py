"""Storing one article and its statements in one transaction: created,
updated (text or metadata changed, re-extracted) or unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from ..models import Article, Claim, Quote, content_hash
from ..speakers import Directory, Outlets
from .corrections import Status, SyncResult, extract_for, sync_statements
from .reading import Source


@dataclass
class Outcome:
    """What happened to one input: created, updated, unchanged or failed."""

    label: str
    status: str
    reason: str = ""
    article: Article | None = None
    statements: int = 0  # the article's statements after the import (not rejected)
    sync: SyncResult = field(default_factory=SyncResult)
    preview: list[str] = field(default_factory=list)  # --dry-run: what would be stored
    # Names this import added, for editors to check (a typo in --outlet shows here).
    new_people: list[str] = field(default_factory=list)
    new_outlets: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status == "failed"


def lock_natural_keys(*keys: str) -> None:
    """Hold a transaction-scoped advisory lock per natural key, so two imports of
    the same new article (two terminals, or a command and the admin) cannot both
    decide it is missing and store it twice. Sorted, so they cannot deadlock."""
    with connection.cursor() as cursor:
        for key in sorted(set(keys)):
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [key])


def find_existing(source: Source, digest: str) -> Article | None:
    """The stored article this source is: same URL; else, with no URL on
    either side, the same source path (not for feed lines) or the same text."""
    rows = Article.objects.select_for_update()
    if source.meta.url:
        found = rows.filter(url=source.meta.url).first()
        if found:
            return found
    no_url = rows.filter(url__isnull=True)
    if source.keyed_by_source and (
        found := no_url.filter(source=source.source).order_by("pk").first()
    ):
        return found
    return no_url.filter(content_hash=digest).order_by("pk").first()


def _article_fields(source: Source, outlets: Outlets) -> dict:
    meta = source.meta
    outlet = None
    if meta.outlet:
        outlet = outlets.get_or_create(meta.outlet, meta.url)
    elif meta.url and (found := outlets.find(url=meta.url)):
        outlet = found
    elif meta.site_name:
        outlet = outlets.get_or_create(meta.site_name, meta.url)
    fields = {
        "outlet": outlet,
        "url": meta.url,
        "title": (meta.title or "")[:500] or None,
        "author": (meta.author or "")[:300] or None,
        "published_on": meta.published_on,
    }
    # Not given is not "blank it": an editor's title survives a bare re-import.
    return {name: value for name, value in fields.items() if value is not None}


def import_source(source: Source, *, dry_run: bool = False) -> Outcome:
    """Store one article and its statements in one transaction.

    With ``dry_run`` the same work happens and is rolled back, so the preview
    shows exactly what would be stored (new people included) and nothing is.
    """
    digest = content_hash(source.text)
    with transaction.atomic():
        keys = [f"import:{digest}"]
        if source.keyed_by_source:
            keys.append(f"import:{source.source}")
        if source.meta.url:
            keys.append(f"import:{source.meta.url}")
        lock_natural_keys(*keys)
        outlets = Outlets.load()
        fields = _article_fields(source, outlets)
        article = find_existing(source, digest)
        if article is None:
            status = "created"
            article = Article(text=source.text, source=source.source[:2000], **fields)
            article.save()
            text_changed = True
        else:
            text_changed = article.content_hash != digest
            meta_changed = [n for n, v in fields.items() if getattr(article, n) != v]
            if not text_changed and not meta_changed:
                count = _public_count(article)
                return Outcome(source.label, "unchanged", article=article, statements=count)
            status = "updated"
            for name, value in fields.items():
                setattr(article, name, value)
            article.text = source.text
            article.save()
        directory = None
        if text_changed:
            directory = Directory.load()
            statements = extract_for(article, directory)
            sync = sync_statements(article, statements, directory=directory, outlets=outlets)
            article.extracted_at = timezone.now()
            article.save(update_fields=["extracted_at"])
        else:
            # Metadata only: statements keep their rows; their date copy follows.
            sync = SyncResult()
            for model in (Quote, Claim):
                model.objects.filter(article=article).update(published_on=article.published_on)
        outcome = Outcome(
            source.label, status, article=article, statements=_public_count(article), sync=sync,
            new_people=[person.name for person in directory.created] if directory else [],
            new_outlets=[outlet.name for outlet in outlets.created],
        )
        if dry_run:
            outcome.preview = preview(article)
            transaction.set_rollback(True)
    return outcome


def _public_count(article: Article) -> int:
    return sum(
        model.objects.filter(article=article).exclude(status=Status.REJECTED).count()
        for model in (Quote, Claim)
    )


def preview(article: Article) -> list[str]:
    """Lines describing an article and its statements, for ``--dry-run``."""
    lines = [
        f"title: {article.title or '-'}",
        f"outlet: {article.outlet or '-'}   date: {article.published_on or '-'}"
        f"   author: {article.author or '-'}",
        f"url: {article.url or '-'}",
        f"text: {len(article.text)} characters",
    ]
    rows = [
        row
        for model in (Quote, Claim)
        for row in model.objects.filter(article=article).select_related("speaker", "via")
    ]
    for row in sorted(rows, key=lambda r: r.start):
        speaker = row.speaker.name if row.speaker else "?"
        new = "" if not row.speaker or row.speaker.reviewed else " (new person)"
        via = f" via {row.via}" if row.via else ""
        text = row.text if len(row.text) <= 100 else row.text[:97] + "..."
        lines.append(
            f"{row.kind:5} {row.confidence:.2f} {speaker}{new}{via} [{row.status}]: {text}"
        )
    return lines
