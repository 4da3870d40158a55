"""Search helpers, and proof that searches through the view can use the indexes."""

from __future__ import annotations

from django.db import connection
from django.test import SimpleTestCase, TestCase

from quotes.models import Statement
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
    """The statements table answers every list through its own indexes (other
    scans are switched off so that the answer does not depend on how small
    the test tables are)."""

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

    def test_search_uses_the_gin_index(self):
        plan = self.plan(Statement.objects.public().search("deadline summit"))
        self.assertIn("Bitmap Index Scan on statement_search", plan)

    def test_search_for_a_name_needs_no_other_table(self):
        # The speaker's canonical name is in the stored document: no join, no
        # per-row document, one index.
        plan = self.plan(Statement.objects.public().search("Peskov"))
        self.assertIn("Bitmap Index Scan on statement_search", plan)
        self.assertNotIn("quotes_person", plan)
