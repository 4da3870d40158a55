"""Search helpers, and proof that searches through the view can use the indexes."""

from __future__ import annotations

from django.db import connection
from django.test import SimpleTestCase, TestCase

from quotes.models import NameMatches, Statement
from quotes.search import START, STOP, any_word_query, mark_headline, normalise_query
from tests.test_pages import newsroom


class HelperTests(SimpleTestCase):
    def test_curly_quotes_and_guillemets_become_straight(self):
        normalised = normalise_query("  “no  deadline”  «talks» ‘x’ ")
        self.assertEqual(normalised, '"no deadline" "talks" "x"')
        self.assertEqual(normalise_query(None), "")

    def test_single_curly_quotes_make_a_phrase_but_apostrophes_stay(self):
        self.assertEqual(normalise_query("‘no deadline’ Peskov"), '"no deadline" Peskov')
        self.assertEqual(
            normalise_query("‘the Kremlin’s position’ -Russia’s"),
            "\"the Kremlin's position\" -Russia's",
        )
        self.assertEqual(normalise_query("Russia’s ‘red lines’"), "Russia's \"red lines\"")

    def test_any_word_query_keeps_wanted_words_only(self):
        self.assertEqual(any_word_query('"peace plan" -Ukraine or Rubio'), "peace or plan or Rubio")
        self.assertEqual(any_word_query('-"peace plan" -war'), "")

    def test_mark_headline_escapes_before_marking(self):
        html = mark_headline(f"<b>{START}deal{STOP}</b> & {START}more")
        self.assertEqual(html, "&lt;b&gt;<mark>deal</mark>&lt;/b&gt; &amp; <mark>more</mark>")
        self.assertEqual(mark_headline(f"x{STOP}"), "<mark>x</mark>")


class IndexUseTests(TestCase):
    """The statement view is a UNION ALL; these plans show the conditions reach
    each table's own indexes (other scans are switched off so that the answer
    does not depend on how small the test tables are)."""

    @classmethod
    def setUpTestData(cls):
        cls.people, cls.outlets, cls.articles, cls.s = newsroom()

    def plan(self, queryset) -> str:
        # Only bitmap scans allowed: they need an index condition, so the plan
        # shows which conditions an index can answer, whatever the statistics
        # other tests left behind.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute("SET LOCAL enable_indexonlyscan = off")
            plan = queryset.explain()
            cursor.execute("RESET ALL")
        return plan

    def test_search_uses_the_gin_indexes_of_both_tables(self):
        plan = self.plan(Statement.objects.public().search("deadline summit"))
        self.assertIn("Bitmap Index Scan on quote_search", plan)
        self.assertIn("Bitmap Index Scan on claim_search", plan)

    def test_search_for_a_name_filters_each_table_by_index(self):
        names = NameMatches.find("Peskov")
        self.assertEqual(names.people, (self.people["peskov"].pk,))
        plan = self.plan(Statement.objects.public().search("Peskov", names=names))
        # The OR of "text matches" and "speaker is Peskov" reaches both tables
        # and is answered by combining two indexes.
        self.assertNotIn("Subquery Scan", plan)
        self.assertIn("BitmapOr", plan)
        self.assertIn("Bitmap Index Scan on quote_search", plan)
        self.assertIn("Bitmap Index Scan on claim_search", plan)
        self.assertRegex(plan, r"Bitmap Index Scan on (quote_speaker_date|quotes_quote_speaker_id)")

    def test_also_reported_conditions_reach_each_table(self):
        # Same speaker (btree) and "text % ..." (trigram GIN) are evaluated on
        # quotes_quote and quotes_claim themselves, not on the view's output.
        peskov = Statement.objects.get(uid=f"quote-{self.s['peskov'].pk}")
        plan = self.plan(Statement.objects.also_reported(peskov))
        self.assertNotIn("Subquery Scan", plan)
        for table in ("quotes_quote", "quotes_claim"):
            section = plan.split(f" on {table}")[1]
            self.assertIn("speaker_id = ", section)
            self.assertIn("(text % ", section)
