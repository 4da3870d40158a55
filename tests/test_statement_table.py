"""The statements table and its tallies stay exactly in step with quotes and claims.

Pages read ``quotes_statement`` and ``quotes_tally``, which triggers keep
(migration 0006). After every kind of write an editor, the importer or a
cascade makes, both must equal what a recount from scratch gives.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TestCase, TransactionTestCase

from quotes import editing
from quotes.counting import Scope, count
from quotes.models import Article, Claim, Statement
from tests.factories import make_article, make_claim, make_outlet, make_person, make_quote

RECOUNT = """
    SELECT k.dim, k.key, k.dim2, k.key2, count(*)
    FROM quotes_statement AS r,
         quotes_tally_keys(r.speaker_id, r.outlet_id, r.via_id, r.kind, r.status,
                           r.published_on) AS k
    WHERE r.status <> 'rejected' AND NOT r.nested
    GROUP BY 1, 2, 3, 4
"""
KEPT = "SELECT dim, key, dim2, key2, n FROM quotes_tally WHERE n <> 0"


class InStep:
    def assert_in_step(self):
        columns = ", ".join(f'"{field.column}"' for field in Statement._meta.fields)
        with connection.cursor() as cursor:
            for a, b in (("quotes_statement", "quotes_statement_source"),
                         ("quotes_statement_source", "quotes_statement")):
                cursor.execute(f"SELECT {columns} FROM {a} EXCEPT SELECT {columns} FROM {b}")
                self.assertEqual(cursor.fetchall(), [], f"rows of {a} missing from {b}")
            for a, b in ((RECOUNT, KEPT), (KEPT, RECOUNT)):
                cursor.execute(f"({a}) EXCEPT ({b})")
                self.assertEqual(cursor.fetchall(), [], "tallies differ from a recount")


class InStepTests(InStep, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_user("ed", is_staff=True)
        cls.peskov = make_person("Dmitry Peskov")
        cls.dmitri = make_person("Dmitri Peskov")
        cls.tass = make_outlet("TASS")
        cls.reuters = make_outlet("Reuters")
        cls.article = make_article(
            "“We are ready,” Peskov said. Lavrov noted that talks would go on.",
            outlet=cls.reuters,
            published_on=datetime.date(2025, 10, 1),
        )
        cls.quote = make_quote(cls.article, "We are ready", speaker=cls.peskov, via=cls.tass)
        cls.claim = make_claim(cls.article, "talks would go on", speaker=cls.dmitri)

    def statement(self, row) -> Statement:
        return Statement.objects.get(uid=f"{row.kind}-{row.pk}")

    def test_new_statements_are_listed_with_their_article_outlet_and_names(self):
        row = self.statement(self.quote)
        self.assertEqual((row.outlet_id, row.via_id, row.published_on),
                         (self.reuters.pk, self.tass.pk, datetime.date(2025, 10, 1)))
        # The speaker's and outlets' names are searchable.
        for words in ("Dmitry", "TASS", "Reuters", "ready"):
            self.assertTrue(Statement.objects.search(words).filter(pk=row.pk).exists(), words)
        self.assert_in_step()

    def test_editors_actions_and_merges(self):
        editing.verify([self.quote], self.editor)
        editing.reassign([self.claim], self.peskov, self.editor)
        editing.reject([self.quote], self.editor)
        self.assert_in_step()
        self.assertEqual(count(Scope(Statement.objects.public(), {})).total, 1)
        editing.merge_people([self.peskov], self.dmitri, self.editor)
        self.assert_in_step()
        self.assertEqual(self.statement(self.claim).speaker_id, self.dmitri.pk)

    def test_renames_reach_the_search_document(self):
        self.peskov.name = "Dmitry S. Peskov"
        self.peskov.save()
        self.tass.name = "TASS News Agency"
        self.tass.save()
        self.assertTrue(Statement.objects.search("agency").filter(pk=f"quote-{self.quote.pk}"))
        self.assert_in_step()

    def test_article_date_and_outlet_changes_and_deletions(self):
        Article.objects.filter(pk=self.article.pk).update(
            published_on=datetime.date(2024, 1, 5), outlet=self.tass
        )
        self.assertEqual(self.statement(self.quote).outlet_id, self.tass.pk)
        self.assert_in_step()
        self.dmitri.delete()  # SET NULL on the claim
        self.assertIsNone(self.statement(self.claim).speaker_id)
        self.assert_in_step()
        self.article.delete()
        self.assertFalse(Statement.objects.exists())
        self.assert_in_step()

    def test_stance_reaches_the_table_on_every_write_and_rebuild(self):
        self.assertEqual(self.statement(self.claim).stance, "asserts")
        denied = make_claim(self.article, "Lavrov noted", speaker=self.peskov, stance="denies")
        self.assertEqual(self.statement(denied).stance, "denies")
        self.assert_in_step()
        Claim.objects.filter(pk=self.claim.pk).update(stance="dismisses")  # one SQL UPDATE
        self.assertEqual(self.statement(self.claim).stance, "dismisses")
        self.quote.stance = "declines"
        self.quote.save()
        self.assertEqual(self.statement(self.quote).stance, "declines")
        self.assert_in_step()
        with connection.cursor() as cursor:
            cursor.execute("SELECT quotes_rebuild_derived()")
        self.assertEqual(
            dict(Statement.objects.values_list("uid", "stance")),
            {f"quote-{self.quote.pk}": "declines", f"claim-{self.claim.pk}": "dismisses",
             f"claim-{denied.pk}": "denies"},
        )
        self.assert_in_step()

    def test_rebuild_from_scratch_gives_the_same(self):
        before = list(Statement.objects.order_by("uid").values())
        with connection.cursor() as cursor:
            cursor.execute("SELECT quotes_rebuild_derived()")
        self.assertEqual(list(Statement.objects.order_by("uid").values()), before)
        self.assert_in_step()


class NestedQuoteTests(InStep, TestCase):
    """A quote inside a claim of the same speaker (issue 10) is ``nested``: left
    out of lists and their counts, whichever of the two is written first, and
    listed again when the claim goes or no longer holds it."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_user("ed", is_staff=True)
        cls.peskov = make_person("Dmitry Peskov")
        cls.reuters = make_outlet("Reuters")
        cls.lavrov = make_person("Sergei Lavrov")
        cls.inner = make_article(
            "Lavrov said the talks were “useful and frank” and would go on. "
            "“Nothing is agreed,” Lavrov added.",
            outlet=cls.reuters,
            published_on=datetime.date(2025, 10, 2),
        )
        # The quote first, then the claim around it: the claim's write marks it.
        cls.useful = make_quote(cls.inner, "useful and frank", speaker=cls.lavrov, partial=True)
        cls.agreed = make_quote(cls.inner, "Nothing is agreed", speaker=cls.lavrov)
        cls.talks = make_claim(
            cls.inner, "the talks were “useful and frank” and would go on", speaker=cls.lavrov
        )

    def nested(self) -> set[str]:
        return set(Statement.objects.filter(nested=True).values_list("uid", flat=True))

    def test_a_quote_inside_a_claim_is_nested_and_not_counted(self):
        self.assertEqual(self.nested(), {f"quote-{self.useful.pk}"})
        self.assert_in_step()
        listed = Statement.objects.listed().filter(speaker=self.lavrov)
        self.assertEqual(
            set(listed.values_list("uid", flat=True)),
            {f"quote-{self.agreed.pk}", f"claim-{self.talks.pk}"},
        )
        self.assertEqual(count(Scope(listed, {"speaker": (self.lavrov.pk,)})).total, 2)
        # Still there for permalinks, exports and "also reported".
        self.assertTrue(Statement.objects.public().filter(uid=f"quote-{self.useful.pk}"))

    def test_a_quote_stored_inside_a_claim_is_nested_as_it_is_written(self):
        later = make_quote(self.inner, "frank", speaker=self.lavrov)
        self.assertEqual(self.nested(), {f"quote-{self.useful.pk}", f"quote-{later.pk}"})
        # Another speaker's claim around a quote leaves it listed.
        make_claim(self.inner, "“Nothing is agreed,”", speaker=self.peskov)
        self.assertNotIn(f"quote-{self.agreed.pk}", self.nested())
        make_claim(self.inner, "Nothing is agreed,” Lavrov", speaker=self.lavrov)
        self.assertIn(f"quote-{self.agreed.pk}", self.nested())
        self.assert_in_step()

    def test_rejecting_moving_or_reassigning_the_claim_lists_the_quote_again(self):
        editing.reject([self.talks], self.editor)
        self.assertEqual(self.nested(), set())
        self.assert_in_step()
        Claim.objects.filter(pk=self.talks.pk).update(status="automatic")
        self.assertEqual(self.nested(), {f"quote-{self.useful.pk}"})
        Claim.objects.filter(pk=self.talks.pk).update(start=self.talks.start + 20)
        self.assertEqual(self.nested(), set())
        Claim.objects.filter(pk=self.talks.pk).update(start=self.talks.start)
        editing.reassign([self.talks], self.peskov, self.editor)  # another speaker's claim
        self.assertEqual(self.nested(), set())
        editing.reassign([self.useful], self.peskov, self.editor)  # the same again
        self.assertEqual(self.nested(), {f"quote-{self.useful.pk}"})
        self.assert_in_step()
        self.talks.delete()
        self.assertEqual(self.nested(), set())
        self.assert_in_step()

    def test_rebuild_keeps_them_nested(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT quotes_rebuild_derived()")
        self.assertEqual(self.nested(), {f"quote-{self.useful.pk}"})
        self.assert_in_step()


class NestedMigrationTests(InStep, TransactionTestCase):
    """Migration 0015 carries existing rows over: back to 0014 every quote is
    counted, forward again the nested ones are marked and taken out."""

    def test_backwards_and_forwards(self):
        lavrov = make_person("Sergei Lavrov")
        article = make_article("Lavrov said the talks were “useful” and would go on.")
        useful = make_quote(article, "useful", speaker=lavrov, partial=True)
        make_claim(article, "the talks were “useful” and would go on", speaker=lavrov)
        self.assertEqual(Statement.objects.filter(nested=True).count(), 1)
        executor = MigrationExecutor(connection)
        executor.migrate([("quotes", "0014_directory_stamps")])
        with connection.cursor() as cursor:
            cursor.execute("SELECT n FROM quotes_tally WHERE (dim, key, dim2, key2) = (0, 0, 0, 0)")
            self.assertEqual(cursor.fetchone(), (2,))
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes("quotes"))
        self.assertEqual(
            list(Statement.objects.filter(nested=True).values_list("uid", flat=True)),
            [f"quote-{useful.pk}"],
        )
        self.assert_in_step()


class AlsoReportedTests(TestCase):
    """Copies of a statement are found by their first or last six words."""

    def test_copies_shortened_or_with_other_marks_are_found_and_others_are_not(self):
        peskov = make_person("Dmitry Peskov")
        words = "There is no deadline for the talks and there will not be one this year"
        original = make_quote(make_article(f"“{words},” Peskov said."), words, speaker=peskov)
        copies = [
            "there is no deadline for the talks and there will not be one this year,",
            "no deadline for the talks and there will not be one this year",  # cut at the start
            "There is no deadline for the talks and there will not be",  # cut at the end
        ]
        found = {
            make_quote(make_article(f"‘{text}’ he said."), text, speaker=peskov).pk
            for text in copies
        }
        other = "There is no deadline for anything, and the talks are over for this year"
        make_quote(make_article(f"“{other}” he said."), other, speaker=peskov)
        statement = Statement.objects.get(uid=f"quote-{original.pk}")
        also = Statement.objects.also_reported(statement)
        self.assertEqual({row.statement_id for row in also}, found)
