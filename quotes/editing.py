"""What editors do to statements and people, callable from admin, commands or tests.

Every change goes through ``save()`` on each object, so django-simple-history
records who did it, when, the old and new values, and why (``_change_reason``).
Bulk ``update()`` would be faster and leave no audit trail; editors act on
pages of statements, not millions, so the trail wins.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .models import Claim, Person, PersonAlias, Quote, RemovedStatement, StatementBase

Status = StatementBase.Status

# history_change_reason is a CharField(max_length=100) in simple-history.
REASON_MAX = 100


def _reason(text: str) -> str:
    return text if len(text) <= REASON_MAX else text[: REASON_MAX - 3] + "..."


def _audit(obj, user, reason: str) -> None:
    """Tell simple-history who makes the next save() of ``obj`` and why.

    The history middleware knows the user inside a request; setting it on the
    object also covers commands, shells and tests.
    """
    obj._history_user = user if user is not None and user.is_authenticated else None
    obj._change_reason = _reason(reason)


class Gone(Exception):
    """A person an editor acts on was merged away or deleted meanwhile."""


def _lock_person(person: Person) -> Person:
    """The person's row, locked until the transaction ends, or Gone."""
    locked = Person.objects.select_for_update().filter(pk=person.pk).first()
    if locked is None:
        raise Gone(f"{person} no longer exists (merged or deleted meanwhile): "
                   "nothing was changed. Reload the page and choose again.")
    return locked


def stamp_review(statement: StatementBase, status: str, user) -> None:
    """Set the review status, time and reviewer (no save)."""
    statement.status = status
    if status == Status.AUTOMATIC:
        statement.reviewed_at = None
        statement.reviewed_by = None
    else:
        statement.reviewed_at = timezone.now()
        statement.reviewed_by = user if user is not None and user.is_authenticated else None


def concrete_statements(rows) -> list[StatementBase]:
    """The Quote and Claim objects behind rows of the read-only ``Statement`` view."""
    ids: dict[str, list[int]] = {"quote": [], "claim": []}
    for kind, statement_id in rows.values_list("kind", "statement_id"):
        ids[kind].append(statement_id)
    found: list[StatementBase] = []
    for model in (Quote, Claim):
        if ids[model._meta.model_name]:
            found += model.objects.filter(pk__in=ids[model._meta.model_name]).select_related(
                "article", "speaker"
            )
    return found


def _statements(statements) -> list[StatementBase]:
    """The current rows behind ``statements``, locked until the transaction ends.

    An action applies to the statement as it is now, not as the editor's page
    showed it: a verify must not write back the speaker another editor just
    corrected, nor re-extraction slip in between. Locked in primary-key order,
    so two actions on overlapping selections wait for each other, never deadlock.
    """
    if getattr(statements, "model", None) in (Quote, Claim):  # a queryset: ids will do
        keys = [(statements.model, pk) for pk in statements.values_list("pk", flat=True)]
    else:
        keys = [(type(s), s.pk) for s in statements]
    rows: list[StatementBase] = []
    for model in (Quote, Claim):
        pks = [pk for kind, pk in keys if kind is model]
        if pks:
            rows += (
                model.objects.filter(pk__in=pks)
                .select_related("article", "speaker")
                .select_for_update(of=("self",))
                .order_by("pk")
            )
    return rows


@transaction.atomic
def verify(statements: Iterable[StatementBase], user) -> int:
    """Mark statements as checked by ``user``; returns how many.

    A corrected statement stays "corrected": readers should still see that an
    editor changed it, only the review date moves.
    """
    items = _statements(statements)
    for statement in items:
        status = Status.CORRECTED if statement.status == Status.CORRECTED else Status.VERIFIED
        stamp_review(statement, status, user)
        _audit(statement, user, "Verified")
        statement.save()
    return len(items)


REJECTED = "Rejected"  # the history's change reason for a rejection


@transaction.atomic
def reject(statements: Iterable[StatementBase], user, reason: str = "") -> int:
    """Mark statements as not statements at all (hidden from readers, kept for
    re-imports). Their permalinks then say they were withdrawn, when, and
    ``reason`` when given (kept in the history as "Rejected: <reason>")."""
    items = _statements(statements)
    for statement in items:
        stamp_review(statement, Status.REJECTED, user)
        _audit(statement, user, f"{REJECTED}: {reason}" if reason.strip() else REJECTED)
        statement.save()
    return len(items)


def rejection_reason(statement) -> str:
    """The reason an editor gave for rejecting ``statement`` (a Quote, Claim or
    Statement row), from its latest rejection in the history; "" if none."""
    model = Quote if statement.kind == "quote" else Claim
    pk = getattr(statement, "statement_id", None) or statement.pk
    reason = (
        model.history.filter(id=pk, status=Status.REJECTED)
        .order_by("-history_date")
        .values_list("history_change_reason", flat=True)
        .first()
    ) or ""
    return reason.removeprefix(f"{REJECTED}:").strip() if reason.startswith(f"{REJECTED}:") else ""


def record_removals(rows: Iterable[StatementBase], reason: str) -> None:
    """Note statements about to be deleted by re-extraction (one INSERT), so their
    permalinks answer "withdrawn" rather than "not found"."""
    RemovedStatement.objects.bulk_create(
        [
            RemovedStatement(
                kind=row.kind, statement_id=row.pk, article_id=row.article_id,
                speaker_id=row.speaker_id, speaker_mention=row.speaker_mention,
                text=row.text, reason=reason,
            )
            for row in rows
        ],
        ignore_conflicts=True,
    )


@transaction.atomic
def reassign(statements: Iterable[StatementBase], speaker: Person, user) -> int:
    """Credit statements to ``speaker``; a changed speaker makes the statement corrected.

    A statement already credited to ``speaker`` counts as verified: the editor
    looked at it and confirmed the attribution. Raises Gone if ``speaker``
    has been merged away since the editor chose them.
    """
    speaker = _lock_person(speaker)  # people first, then statements, as merges do
    items = _statements(statements)
    for statement in items:
        if statement.speaker_id == speaker.pk:
            status = Status.CORRECTED if statement.status == Status.CORRECTED else Status.VERIFIED
            reason = f"Verified speaker {speaker}"
        else:
            status = Status.CORRECTED
            reason = f"Speaker {statement.speaker or 'none'} -> {speaker}"
        statement.speaker = speaker
        stamp_review(statement, status, user)
        _audit(statement, user, reason)
        statement.save()
    return len(items)


def locate(article_text: str, text: str, near: int = 0) -> int | None:
    """Where ``text`` occurs in ``article_text``, the occurrence nearest ``near``."""
    best, at = None, article_text.find(text)
    while at >= 0:
        if best is None or abs(at - near) < abs(best - near):
            best = at
        at = article_text.find(text, at + 1)
    return best


def relocate(statement: StatementBase) -> bool:
    """Point start/end at the statement's (edited) text in the article, if it is there.

    Returns False, leaving the offsets alone, when the text is not in the article.
    """
    text, article_text = statement.text, statement.article.text
    if not text or article_text[statement.start : statement.end] == text:
        return True
    at = locate(article_text, text, near=statement.start or 0)
    if at is None:
        return False
    statement.start, statement.end = at, at + len(text)
    return True


# What the extractor fills in. An editor's change to any of them makes the
# statement "corrected", and only that keeps re-extraction from writing the
# extractor's value back over it (quotes.importing.sync_statements).
CONTENT_FIELDS = ("speaker", "text", "speaker_mention", "cue", "partial", "via", "start", "end")


def record_edit(statement: StatementBase, changed: Iterable[str], user) -> None:
    """Stamp a statement an editor changed in a form, before it is saved.

    Changing what it says or who said it (``CONTENT_FIELDS``: speaker, text,
    cue, "via", ...) makes it "corrected", unless the editor rejected it in the
    same edit; changing only the status stamps that review.
    """
    changed = set(changed)
    if "text" in changed:
        relocate(statement)
    edited = [name for name in CONTENT_FIELDS if name in changed]
    if edited and statement.status != Status.REJECTED:
        stamp_review(statement, Status.CORRECTED, user)
        _audit(statement, user, "Corrected " + ", ".join(edited))
    elif "status" in changed:
        stamp_review(statement, statement.status, user)
        _audit(statement, user, f"Status set to {statement.get_status_display().lower()}")
    elif changed:
        _audit(statement, user, "Edited " + ", ".join(sorted(changed)))


def record_revert(statement: StatementBase, user, reason: str) -> None:
    """Stamp a statement set back to an old version (history's "revert"), before it is saved.

    It takes that version's status: back to the extractor's version is
    "automatic" again; back to an editor's version is reviewed now, by ``user``.
    """
    relocate(statement)
    stamp_review(statement, statement.status, user)
    _audit(statement, user, reason)


def record_addition(statement: StatementBase, user) -> None:
    """A statement an editor typed in is an editor's correction, not the extractor's."""
    if statement.status == Status.AUTOMATIC:
        statement.status = Status.CORRECTED
    stamp_review(statement, statement.status, user)
    _audit(statement, user, "Added by an editor")


@dataclass
class MergeResult:
    statements_moved: int = 0
    aliases_moved: int = 0
    aliases_added: int = 0
    aliases_dropped: int = 0
    people_deleted: int = 0


@transaction.atomic
def merge_people(duplicates: Iterable[Person], target: Person, user) -> MergeResult:
    """Fold duplicate people into ``target`` and delete the duplicates.

    Their quotes, claims and aliases move to the target; an alias the target
    already has is dropped; each duplicate's name becomes an alias of the
    target, and the target's blank details are filled from the duplicates. All
    or nothing, and every step is in the history. Raises Gone if ``target``
    no longer exists; duplicates that no longer exist are skipped.
    """
    result = MergeResult()
    dup_ids = [p.pk for p in duplicates if p.pk != target.pk]
    # Lock the rows so a concurrent import cannot credit a statement to a
    # person that is about to disappear.
    people = list(Person.objects.select_for_update().filter(pk__in=[*dup_ids, target.pk]))
    locked_target = next((p for p in people if p.pk == target.pk), None)
    if locked_target is None:  # merged into someone else by a colleague meanwhile
        raise Gone(f"{target} no longer exists (merged or deleted meanwhile): "
                   "nothing was merged. Reload the page and choose again.")
    target = locked_target
    dups = [p for p in people if p.pk != target.pk]
    known = {a.casefold() for a in target.aliases.values_list("text", flat=True)}
    known.add(target.name.casefold())

    for dup in dups:
        reason = f"Merged {dup.name} (#{dup.pk}) into {target.name} (#{target.pk})"
        for model in (Quote, Claim):
            moving = model.objects.filter(speaker=dup).select_related("article")
            for statement in moving.select_for_update(of=("self",)).order_by("pk"):
                statement.speaker = target
                _audit(statement, user, reason)
                statement.save()
                result.statements_moved += 1
        for alias in dup.aliases.all():
            _audit(alias, user, reason)
            if alias.text.casefold() in known:
                alias.delete()
                result.aliases_dropped += 1
            else:
                alias.person = target
                alias.save()
                known.add(alias.text.casefold())
                result.aliases_moved += 1
        if dup.name.casefold() not in known:
            alias = PersonAlias(person=target, text=dup.name, kind=PersonAlias.Kind.NAME)
            _audit(alias, user, reason)
            alias.save()
            known.add(dup.name.casefold())
            result.aliases_added += 1
        for field in ("title", "organisation", "country"):
            if not getattr(target, field) and getattr(dup, field):
                setattr(target, field, getattr(dup, field))
        _audit(dup, user, reason)
        dup.delete()
        result.people_deleted += 1

    if dups:
        names = ", ".join(d.name for d in dups)
        _audit(target, user, f"Merged in {names}")
        target.save()
    return result


# What readers are told changed in a correction, in this order.
CORRECTABLE = ("speaker", "text", "speaker_mention", "cue", "via", "partial")


def corrections(kind: str, pk: int) -> list[str]:
    """What editors changed in a statement, for readers: ``["speaker was The
    Kremlin", "text was “…”"]``, comparing it now with its history's last
    version before the first change an editor made (the extractor's, even if
    a re-extraction updated it first). One query; [] when nothing differs.
    """
    model = Quote if kind == "quote" else Claim
    records = list(
        model.history.filter(id=pk)
        .select_related("speaker", "via")
        .order_by("history_date", "history_id")
    )
    if not records:
        return []
    current = records[-1]
    before = records[0]
    for previous, record in zip(records, records[1:], strict=False):
        if record.history_user_id is not None:
            before = previous
            break
    changes = []
    for name in CORRECTABLE:
        old, new = getattr(before, f"{name}_id", None), getattr(current, f"{name}_id", None)
        if name not in ("speaker", "via"):
            old, new = getattr(before, name), getattr(current, name)
        if old == new:
            continue
        if name == "speaker":
            changes.append(f"speaker was {_person_name(before)}")
        elif name == "via":
            agency = before.via.name if before.via_id and before.via else None
            changes.append(f"credited agency was {agency}" if agency else "no agency credited")
        elif name == "text":
            changes.append(f"text was “{' '.join(before.text.split())}”")
        elif name == "speaker_mention":
            changes.append(f"named in the article as “{before.speaker_mention}”")
        elif name == "cue":
            changes.append(f"cue was “{before.cue}”" if before.cue else "no cue")
        elif name == "partial":
            changes.append("marked a partial quote" if before.partial else "marked a full quote")
    return changes


def _person_name(record) -> str:
    if record.speaker_id:
        try:
            if record.speaker:
                return record.speaker.name
        except Person.DoesNotExist:
            pass
        return "a person since merged into another"
    return f"unknown (“{record.speaker_mention}”)" if record.speaker_mention else "unknown"
