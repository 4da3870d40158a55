"""quotes.editing: verify, reject, reassign, form edits and merges, with their audit trail."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.test import TestCase

from quotes import editing
from quotes.extraction import Statement as Extracted
from quotes.importing import reextract, sync_statements
from quotes.models import Claim, Person, PersonAlias, Quote, Statement, StatementBase
from tests.factories import make_article, make_claim, make_person, make_quote

Status = StatementBase.Status

TEXT = (
    "“We are ready to talk,” Kremlin spokesman Dmitry Peskov told reporters.\n"
    "Peskov also stressed that the deadline was not fixed.\n"
    "“Nothing is agreed,” Rubio said."
)


class EditingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_user("editor", password="x-Secret-42")
        cls.peskov = make_person("Dmitry Peskov")
        cls.rubio = make_person("Marco Rubio")
        cls.article = make_article(TEXT)

    def setUp(self):
        self.quote = make_quote(self.article, "We are ready to talk", speaker=self.rubio,
                                confidence=0.4)
        self.claim = make_claim(self.article, "the deadline was not fixed", speaker=self.peskov)

    def test_verify_stamps_status_reviewer_time_and_history(self):
        self.assertEqual(editing.verify([self.quote, self.claim], self.editor), 2)
        for statement in (self.quote, self.claim):
            statement.refresh_from_db()
            self.assertEqual(statement.status, Status.VERIFIED)
            self.assertEqual(statement.reviewed_by, self.editor)
            self.assertIsNotNone(statement.reviewed_at)
            record = statement.history.latest()
            self.assertEqual(record.history_user, self.editor)
            self.assertEqual(record.history_change_reason, "Verified")
            self.assertEqual(record.prev_record.status, Status.AUTOMATIC)

    def test_verify_keeps_corrected_statements_corrected(self):
        editing.reassign([self.quote], self.peskov, self.editor)
        editing.verify(Quote.objects.filter(pk=self.quote.pk), self.editor)
        self.quote.refresh_from_db()
        self.assertEqual(self.quote.status, Status.CORRECTED)

    def test_reject_hides_the_statement_from_the_public_list(self):
        editing.reject(Quote.objects.filter(pk=self.quote.pk), self.editor)
        self.quote.refresh_from_db()
        self.assertEqual(self.quote.status, Status.REJECTED)
        self.assertEqual(self.quote.history.latest().history_change_reason, "Rejected")
        self.assertFalse(Statement.objects.public().filter(uid=f"quote-{self.quote.pk}").exists())

    def test_reassign_changes_speaker_marks_corrected_and_records_old_and_new(self):
        editing.reassign([self.quote], self.peskov, self.editor)
        self.quote.refresh_from_db()
        self.assertEqual(self.quote.speaker, self.peskov)
        self.assertEqual(self.quote.status, Status.CORRECTED)
        self.assertEqual(self.quote.reviewed_by, self.editor)
        record = self.quote.history.latest()
        delta = record.diff_against(record.prev_record)
        speaker_change = next(c for c in delta.changes if c.field == "speaker")
        self.assertEqual((speaker_change.old, speaker_change.new), (self.rubio.pk, self.peskov.pk))
        self.assertEqual(record.history_change_reason, "Speaker Marco Rubio -> Dmitry Peskov")

    def test_reassign_to_the_same_speaker_is_a_verification(self):
        editing.reassign([self.claim], self.peskov, self.editor)
        self.claim.refresh_from_db()
        self.assertEqual(self.claim.status, Status.VERIFIED)

    def test_concrete_statements_maps_view_rows_to_quotes_and_claims(self):
        rows = Statement.objects.filter(article=self.article)
        found = editing.concrete_statements(rows)
        self.assertEqual(sorted(type(s).__name__ for s in found), ["Claim", "Quote"])

    def test_record_edit_of_speaker_marks_corrected(self):
        self.quote.speaker = self.peskov
        editing.record_edit(self.quote, ["speaker"], self.editor)
        self.quote.save()
        self.quote.refresh_from_db()
        self.assertEqual(self.quote.status, Status.CORRECTED)
        self.assertEqual(self.quote.history.latest().history_user, self.editor)

    def test_record_edit_of_text_moves_the_offsets_to_the_new_text(self):
        self.quote.text = "We are ready"
        editing.record_edit(self.quote, ["text"], self.editor)
        self.assertEqual(self.article.text[self.quote.start : self.quote.end], "We are ready")
        self.assertEqual(self.quote.status, Status.CORRECTED)

    def test_record_edit_rejecting_with_a_text_change_stays_rejected(self):
        self.quote.text = "We are ready"
        self.quote.status = Status.REJECTED
        editing.record_edit(self.quote, ["text", "status"], self.editor)
        self.assertEqual(self.quote.status, Status.REJECTED)

    def test_setting_status_back_to_automatic_clears_the_review(self):
        editing.verify([self.quote], self.editor)
        self.quote.status = Status.AUTOMATIC
        editing.record_edit(self.quote, ["status"], self.editor)
        self.assertIsNone(self.quote.reviewed_at)
        self.assertIsNone(self.quote.reviewed_by)

    def test_locate_prefers_the_occurrence_nearest_the_old_position(self):
        text = "ready ... ready ... ready"
        self.assertEqual(editing.locate(text, "ready", near=12), 10)
        self.assertIsNone(editing.locate(text, "absent"))


class MergePeopleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_user("merger", password="x-Secret-42")

    def setUp(self):
        self.target = make_person("Dmitry Peskov")
        self.target.aliases.create(text="Kremlin spokesman", kind=PersonAlias.Kind.ROLE)
        self.dup = make_person("Dmitri Peskov", title="Kremlin spokesman",
                               organisation="Kremlin")
        self.dup.aliases.create(text="Kremlin spokesman", kind=PersonAlias.Kind.ROLE)
        self.dup.aliases.create(text="Peskov", kind=PersonAlias.Kind.NAME)
        self.dup2 = make_person("D. Peskov")
        article = make_article(TEXT)
        self.q1 = make_quote(article, "We are ready to talk", speaker=self.dup)
        self.c1 = make_claim(article, "the deadline was not fixed", speaker=self.dup2)
        self.q2 = make_quote(article, "Nothing is agreed", speaker=self.target)

    def test_merge_moves_statements_and_aliases_and_deletes_duplicates(self):
        result = editing.merge_people([self.dup, self.dup2, self.target], self.target, self.editor)

        self.assertEqual(result.people_deleted, 2)
        self.assertEqual(result.statements_moved, 2)
        self.assertFalse(Person.objects.filter(pk__in=[self.dup.pk, self.dup2.pk]).exists())
        for statement in (self.q1, self.c1, self.q2):
            statement.refresh_from_db()
            self.assertEqual(statement.speaker, self.target)
        aliases = sorted(self.target.aliases.values_list("text", flat=True))
        # The duplicate alias is dropped, the new one moved, the names added.
        self.assertEqual(aliases, ["D. Peskov", "Dmitri Peskov", "Kremlin spokesman", "Peskov"])
        self.target.refresh_from_db()
        self.assertEqual(self.target.organisation, "Kremlin")

    def test_merge_leaves_no_orphans(self):
        editing.merge_people([self.dup, self.dup2], self.target, self.editor)
        self.assertFalse(Quote.objects.filter(speaker__isnull=True).exists())
        self.assertFalse(Claim.objects.filter(speaker__isnull=True).exists())
        self.assertFalse(PersonAlias.objects.exclude(person__in=Person.objects.all()).exists())
        self.assertEqual(Person.objects.count(), 1)

    def test_merge_is_recorded_in_history(self):
        editing.merge_people([self.dup], self.target, self.editor)
        deleted = Person.history.filter(id=self.dup.pk, history_type="-").get()
        self.assertEqual(deleted.history_user, self.editor)
        self.assertIn("into Dmitry Peskov", deleted.history_change_reason)
        moved = self.q1.history.latest()
        self.assertEqual(moved.history_user, self.editor)
        self.assertEqual(moved.prev_record.speaker_id, self.dup.pk)
        self.assertEqual(moved.speaker_id, self.target.pk)
        self.assertEqual(self.target.history.latest().history_change_reason,
                         "Merged in Dmitri Peskov")

    def test_merge_is_all_or_nothing(self):
        # "D. Peskov" is merged first (people are locked in name order): its
        # claim moves, then saving its name as an alias fails. Nothing may stay.
        original_save = PersonAlias.save

        def failing_save(alias, *args, **kwargs):
            if alias.text == "D. Peskov":
                raise IntegrityError("simulated failure")
            return original_save(alias, *args, **kwargs)

        PersonAlias.save = failing_save
        try:
            with self.assertRaises(IntegrityError):
                editing.merge_people([self.dup, self.dup2], self.target, self.editor)
        finally:
            PersonAlias.save = original_save
        self.assertEqual(Person.objects.count(), 3)
        self.c1.refresh_from_db()
        self.assertEqual(self.c1.speaker, self.dup2)
        self.assertEqual(self.c1.history.count(), 1)
        self.q1.refresh_from_db()
        self.assertEqual(self.q1.speaker, self.dup)


class StaleSelectionTests(TestCase):
    """Actions apply to the statement as it is now, not as the editor's page showed it."""

    @classmethod
    def setUpTestData(cls):
        User = get_user_model()
        cls.alice = User.objects.create_user("alice", password="x-Secret-42")
        cls.bob = User.objects.create_user("bob", password="x-Secret-42")
        cls.peskov = make_person("Dmitry Peskov")
        cls.rubio = make_person("Marco Rubio")
        cls.quote = make_quote(make_article(TEXT), "We are ready to talk", speaker=cls.rubio)

    def test_reassigning_to_a_person_merged_away_meanwhile_changes_nothing(self):
        chosen = Person.objects.get(pk=self.peskov.pk)  # on Bob's reassign page
        duplicate = make_person("Dmitri Peskov")
        editing.merge_people([self.peskov], duplicate, self.alice)  # Alice keeps the other
        with self.assertRaisesMessage(editing.Gone, "Dmitry Peskov no longer exists"):
            editing.reassign([self.quote], chosen, self.bob)
        self.quote.refresh_from_db()
        self.assertEqual((self.quote.speaker, self.quote.status), (self.rubio, Status.AUTOMATIC))

    def test_merging_into_a_person_merged_away_meanwhile_changes_nothing(self):
        other = make_person("D. Peskov")
        editing.merge_people([self.peskov], self.rubio, self.alice)  # a mistake, but done
        with self.assertRaises(editing.Gone):
            editing.merge_people([other], self.peskov, self.bob)
        self.assertTrue(Person.objects.filter(pk=other.pk).exists())

    def test_a_verify_does_not_write_back_a_speaker_reassigned_meanwhile(self):
        on_bobs_page = Quote.objects.get(pk=self.quote.pk)  # Bob's list still says Rubio
        editing.reassign(Quote.objects.filter(pk=self.quote.pk), self.peskov, self.alice)
        editing.verify([on_bobs_page], self.bob)
        self.quote.refresh_from_db()
        self.assertEqual((self.quote.speaker, self.quote.status),
                         (self.peskov, Status.CORRECTED))
        self.assertEqual(self.quote.reviewed_by, self.bob)


@pytest.mark.django_db(transaction=True)
def test_reextraction_waits_for_an_editors_save_and_keeps_the_correction():
    """Re-extraction that starts while an editor's correction is being saved
    must not write the extractor's row back over it once the editor commits."""
    editor = get_user_model().objects.create_user("editor", password="x-Secret-42")
    rubio = make_person("Marco Rubio")
    article = make_article("“We are ready to talk,” Kremlin spokesman Dmitry Peskov said.")
    reextract(article)
    quote = Quote.objects.get(article=article)
    # Make the stored automatic row differ from what the extractor finds, so
    # re-extraction has something to write.
    Quote.objects.filter(pk=quote.pk).update(confidence=0.01, cue="")

    def in_background():
        try:
            return reextract(article)
        finally:
            connection.close()

    with ThreadPoolExecutor(1) as pool:
        with transaction.atomic():
            editing.reassign([quote], rubio, editor)  # row locked until this block ends
            running = pool.submit(in_background)
            wait_for_a_lock_wait(running)
        result = running.result(timeout=60)
    quote.refresh_from_db()
    assert (quote.speaker, quote.status) == (rubio, Status.CORRECTED)
    assert (result.added, result.updated, result.kept) == (0, 0, 1)
    assert Quote.objects.filter(article=article).count() == 1


def wait_for_a_lock_wait(future, timeout=60.0):
    """Until another connection waits on a row lock (or the work ended early)."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline and not future.done():
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)


class EditedStatementsThroughReextractionTests(TestCase):
    """What the extractor found before an editor corrected it is that statement, not a new one."""

    TEXT = "“We are ready to talk. The door is open,” Peskov said. “Talks go on,” he added."

    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_user("editor", password="x-Secret-42")
        cls.peskov = make_person("Dmitry Peskov", reviewed=True)

    def found(self, text):
        start = self.article.text.index(text)
        return Extracted(kind="quote", text=text, start=start, end=start + len(text),
                         speaker="Dmitry Peskov", speaker_mention="Peskov")

    def setUp(self):
        self.article = make_article(self.TEXT)
        self.too_long = self.found("We are ready to talk. The door is open,")
        sync_statements(self.article, [self.too_long])
        self.quote = Quote.objects.get()

    def test_a_quote_an_editor_cut_short_is_not_added_again_in_full(self):
        self.quote.text = "We are ready to talk."
        editing.record_edit(self.quote, ["text"], self.editor)
        self.quote.save()
        result = sync_statements(self.article, [self.too_long, self.found("Talks go on,")])
        self.assertEqual((result.added, result.kept), (1, 1))
        self.assertEqual(sorted(Quote.objects.values_list("text", "status")), [
            ("Talks go on,", Status.AUTOMATIC), ("We are ready to talk.", Status.CORRECTED),
        ])
