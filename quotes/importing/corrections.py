"""Keeping editors' corrections through re-extraction: ``sync_statements()``
makes an article's statements match an extraction, ``reextract()`` runs the
extractor again on a stored article. The survival rules (issue 5): verified
and corrected statements stay as editors left them, rejected ones never come
back, automatic ones follow the extractor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from .. import editing, extraction
from ..models import Article, Claim, Quote, StatementBase
from ..speakers import Directory, Outlets
from .metadata import BadInput

Status = StatementBase.Status
PROTECTED = {Status.VERIFIED, Status.CORRECTED, Status.REJECTED}
MODELS = {extraction.QUOTE: Quote, extraction.CLAIM: Claim}


@dataclass
class SyncResult:
    """What ``sync_statements`` did to one article's statements.

    ``kept`` counts statements left as they were (editors' and unchanged
    automatic ones); ``unlocated`` lists kept editors' statements whose words
    are no longer in the article's text ("quote-12").
    """

    added: int = 0
    updated: int = 0
    kept: int = 0
    removed: int = 0
    unlocated: list[str] = field(default_factory=list)

    def __add__(self, other: SyncResult) -> SyncResult:
        return SyncResult(
            self.added + other.added, self.updated + other.updated,
            self.kept + other.kept, self.removed + other.removed,
            self.unlocated + other.unlocated,
        )

    def __str__(self) -> str:
        text = (
            f"{self.added} added, {self.updated} updated, "
            f"{self.kept} kept, {self.removed} removed"
        )
        if self.unlocated:
            text += f", {len(self.unlocated)} kept but no longer in the text"
        return text


EDGE_PUNCTUATION = " \n\t,.;:!?\"'“”‘’«»—–-"


def _same_text(a: str, b: str) -> bool:
    """Equal but for case, spacing and the punctuation at either end
    ("We are ready," is "we are ready")."""

    def norm(text):
        return " ".join(text.split()).strip(EDGE_PUNCTUATION).casefold()

    return norm(a) == norm(b)


# Two spans are one statement when they share this much of the longer one: an
# extractor that moves a boundary by a word must not resurrect a rejected
# statement or duplicate a verified one; a short quote nested in a long one is
# still its own statement.
SAME_SPAN = 0.8


def _spans_overlap(start: int, end: int, found: extraction.Statement) -> bool:
    shared = min(end, found.end) - max(start, found.start)
    longest = max(end - start, found.end - found.start, 1)
    return shared / longest >= SAME_SPAN


def _earlier_versions(article: Article, rows: Iterable[StatementBase]) -> dict:
    """``(model, pk) -> [(start, end, text, located), ...]``: what each statement
    was before an editor changed it, from its history (one query per kind).

    An editor who cut a quote the extractor ran on too long has corrected that
    statement; when the extractor finds the long version again it is the same
    statement, not a new one to add. A span counts only while the article
    still has those words there (a re-import may have moved them).
    """
    versions: dict = {}
    for model in (Quote, Claim):
        pks = [row.pk for row in rows if isinstance(row, model)]
        if not pks:
            continue
        past = model.history.filter(id__in=pks).values_list("id", "start", "end", "text")
        for pk, start, end, text in past.distinct():
            located = article.text[start:end] == text
            versions.setdefault((model, pk), []).append((start, end, text, located))
    return versions


def _uid(row: StatementBase) -> str:
    return f"{row.kind}-{row.pk}"


def relocate(article: Article, rows: Iterable[StatementBase]) -> list[str]:
    """Point editors' statements at their words in the article's (new) text.

    The occurrence nearest the old position wins. A statement whose words are
    gone is kept where it was and its uid returned, for the report.
    """
    lost = []
    for row in rows:
        if article.text[row.start : row.end] == row.text:
            continue
        spots = [m.start() for m in re.finditer(re.escape(row.text), article.text)]
        if not spots:
            lost.append(_uid(row))
            continue
        start = min(spots, key=lambda spot: abs(spot - row.start))
        row.start, row.end = start, start + len(row.text)
        row._change_reason = "Moved to its words in the re-imported article text"
        row.save(update_fields=["start", "end", "published_on", "updated_at"])
    return lost


def sync_statements(
    article: Article,
    statements: Iterable[extraction.Statement],
    *,
    directory: Directory | None = None,
    outlets: Outlets | None = None,
) -> SyncResult:
    """Make the article's stored statements match an extraction, keeping editors' work.

    - verified and corrected statements stay exactly as the editor left them;
    - rejected ones stay rejected, and an extracted statement that matches one
      (same kind and span, or same text) is not added again;
    - nor is one that matches what an editor's statement was before they
      corrected it (its history: the quote they cut short, for instance);
    - automatic ones are updated in place when the extractor finds the same
      kind and span or the same text again (ids and permalinks stay stable),
      and deleted when it no longer finds them;
    - anything else the extractor found is added.

    "Same span" allows a shifted boundary (``SAME_SPAN``); "same text" ignores
    case, spacing and edge punctuation.

    Call inside a transaction (``reextract`` and the importer do).
    """
    directory = directory or Directory.load()
    outlets = outlets or Outlets.load()
    result = SyncResult()
    # Locked until the caller commits (in primary-key order, as editors'
    # actions lock them): an editor's correction being saved meanwhile is
    # waited for and read here as protected, never overwritten by a stale row.
    existing = [
        row
        for model in (Quote, Claim)
        for row in sorted(
            model.objects.filter(article=article).order_by("pk").select_for_update(),
            key=lambda row: (row.start, row.pk),
        )
    ]
    protected = [row for row in existing if row.status in PROTECTED]
    automatic = [row for row in existing if row.status not in PROTECTED]
    result.unlocated = relocate(article, protected)
    result.kept += len(protected)
    earlier = _earlier_versions(article, protected)
    used: set[int] = set()
    new: dict[type, list[StatementBase]] = {}

    def matches(row, found, model):
        return (isinstance(row, model) and _spans_overlap(row.start, row.end, found)) or _same_text(
            row.text, found.text
        )

    def was(row, found, model):
        """The extractor found what an editor has since corrected or rejected."""
        return any(
            _same_text(text, found.text)
            or (located and isinstance(row, model) and _spans_overlap(start, end, found))
            for start, end, text, located in earlier.get((type(row), row.pk), ())
        )

    for found in statements:
        model = MODELS.get(found.kind)
        if model is None:
            continue
        if any(matches(row, found, model) or was(row, found, model) for row in protected):
            continue
        candidates = [r for r in automatic if id(r) not in used and isinstance(r, model)]
        # The same span first: a sentence quoted twice keeps both rows apart.
        target = next(
            (r for r in candidates if (r.start, r.end) == (found.start, found.end)), None
        ) or next((r for r in candidates if matches(r, found, model)), None)
        # "Bloomberg reported that ...": the outlet is the source, credited as
        # "via" and linked to its page; "the report says": kept as written. No
        # Person row is made for either (issue 10).
        by_outlet = found.speaker if found.speaker_type == "outlet" else None
        credited = found.via or by_outlet
        thing = by_outlet or found.speaker_type == "document"
        values = {
            "speaker": None if thing else directory.person_for(found.speaker, found.speaker_type),
            "speaker_mention": (found.speaker_mention or found.speaker or "")[:300],
            "text": found.text,
            "start": found.start,
            "end": found.end,
            "cue": (found.cue or "")[:200],
            "stance": found.stance,
            "partial": bool(found.partial),
            "via": outlets.get_or_create(credited) if credited else None,
            "confidence": min(1.0, max(0.0, float(found.confidence))),
        }
        if target is None:
            new.setdefault(model, []).append(
                model(
                    article=article, status=Status.AUTOMATIC,
                    published_on=article.published_on, **values,
                )
            )
            result.added += 1
            continue
        used.add(id(target))
        changed = [name for name, value in values.items() if _differs(target, name, value)]
        if changed or target.published_on != article.published_on:
            for name in changed:
                setattr(target, name, values[name])
            target._change_reason = "Re-extracted"
            target.save()
            result.updated += 1
        else:
            result.kept += 1
    # Issue 12: a removed statement's permalink says it was withdrawn (410).
    removed = [row for row in automatic if id(row) not in used]
    editing.record_removals(removed, REMOVED_REASON)
    for row in removed:
        row.delete()
        result.removed += 1
    # One INSERT per kind (and one for their history): the database then
    # refreshes the statements table and its tallies once for the article.
    # Claims first: a quote stored after the claim around it is marked nested
    # as it is written, not written again when the claim arrives (0015).
    for model in (Claim, Quote):
        if rows := new.get(model):
            bulk_create_with_history(rows, model)
    return result


# What a removed statement's permalink gives as the reason.
REMOVED_REASON = "The article was extracted again and this statement is no longer found in it."


def _differs(row: StatementBase, name: str, value) -> bool:
    if name in ("speaker", "via"):  # compare ids: no query per row for the old value
        return getattr(row, f"{name}_id") != (value.pk if value else None)
    return getattr(row, name) != value


def extract_for(article: Article, directory: Directory) -> list[extraction.Statement]:
    """The extractor's statements for ``article``, within ``IMPORT_EXTRACTION_SECONDS``:
    past it, ``BadInput`` with the reason, and the caller's transaction rolls back."""
    try:
        return extraction.extract(
            article.text, directory.known_people(), seconds=settings.IMPORT_EXTRACTION_SECONDS
        )
    except extraction.ExtractionTimeout as exc:
        raise BadInput(str(exc)) from None


def reextract(article: Article) -> SyncResult:
    """Run the extractor on a stored article again and sync its statements.

    One transaction; the article row is locked so that two re-extractions of
    the same article (admin and command at once) do not interleave.
    """
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        directory = Directory.load()
        statements = extract_for(article, directory)
        result = sync_statements(article, statements, directory=directory)
        article.extracted_at = timezone.now()
        article.save(update_fields=["extracted_at", "updated_at"])
    return result
