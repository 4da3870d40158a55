"""Totals and facet counts: exact from the tallies, exact up to a bound, else
estimated from the 1 % sample and shown as such (quotes/counting.py)."""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse

from quotes import counting
from quotes.models import Statement
from tests.factories import make_article, make_claim, make_outlet, make_person, make_quote


class CountingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.peskov = make_person("Dmitry Peskov")
        cls.rubio = make_person("Marco Rubio")
        tass = make_outlet("TASS")
        for i in range(12):
            words = f"Talks number {i} will go on"
            article = make_article(f"“{words},” he said. Lavrov said it was over.", outlet=tass)
            make_quote(article, words, speaker=cls.peskov if i % 3 else cls.rubio)
            make_claim(article, "it was over", speaker=cls.rubio)
        cls.sampled = Statement.objects.filter(sample=0).count()

    def heading(self, response) -> str:
        return response.context["total_label"]

    def test_everything_and_one_facet_are_counted_from_the_tallies(self):
        with self.assertNumQueries(5):
            response = self.client.get(reverse("home"), {"speaker": "marco-rubio"})
        self.assertEqual(response.context["total"], 16)
        self.assertTrue(response.context["total_exact"])
        kinds = {f.value: f.count for f in dict(
            (n, items) for n, _, items in response.context["facet_groups"])["kind"]}
        self.assertEqual(kinds, {"quote": 4, "claim": 12})

    def test_a_small_search_is_counted_exactly(self):
        response = self.client.get(reverse("home"), {"q": "talks"})
        self.assertEqual((response.context["total"], response.context["total_exact"]), (12, True))
        self.assertContains(response, "12 statements")

    def test_a_large_set_is_estimated_from_the_sample_and_says_so(self):
        self.patch_bound(3)
        response = self.client.get(reverse("home"), {"q": "talks"})
        self.assertFalse(response.context["total_exact"])
        # Never below what the exact count already proved, and a multiple of 100 above it.
        total = response.context["total"]
        self.assertEqual(total, max(4, 100 * Statement.objects.search("talks").filter(
            sample=0).count()))
        self.assertContains(response, "Estimated from a 1% sample")
        self.assertContains(response, "About ")
        speakers = dict((n, items) for n, _, items in response.context["facet_groups"])["speaker"]
        self.assertTrue(all(f.estimated for f in speakers))

    def test_estimates_are_rounded_to_two_figures(self):
        self.assertEqual(counting.estimate_label(123_456), "about 120,000")
        self.assertEqual(counting.estimate_label(4_000), "about 4,000")
        self.assertEqual(counting.estimate_label(40), "about 40")

    def patch_bound(self, bound):
        original = counting.EXACT_BOUND
        counting.EXACT_BOUND = bound
        self.addCleanup(setattr, counting, "EXACT_BOUND", original)


class CountingTimeLimitTests(TestCase):
    def test_a_count_past_its_time_limit_gives_way_to_the_estimate(self):
        # pg_sleep stands in for a costly count: the limit cancels it and
        # the request goes on (its transaction is still usable).
        def slow(*args):
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_sleep(1)")

        self.assertIsNone(counting.within(50, slow))
        self.assertEqual(Statement.objects.count(), 0)


class WalkingTests(TestCase):
    """A search past the exact bound, by date, walks the date index (planner
    settings off, under a time limit): the same rows as the planner's plan."""

    def test_planner_settings_are_checked_and_change_no_result(self):
        with self.assertRaises(ValueError):
            counting.within(50, list, [], off=("work_mem",))
        from django.db import connection

        def settings():
            with connection.cursor() as cursor:
                cursor.execute("SELECT current_setting('enable_bitmapscan'), "
                               "current_setting('enable_seqscan')")
                return cursor.fetchone()

        self.assertEqual(counting.within(50, settings, off=counting.PLANNER_SETTINGS),
                         ("off", "off"))
        self.assertEqual(settings(), ("on", "on"))  # only inside the savepoint

    def test_a_large_search_lists_the_same_page_walked_or_planned(self):
        from tests.factories import make_article, make_person, make_quote

        peskov = make_person()
        for i in range(30):
            article = make_article(f"“Talks on the deadline, part {i},” he said.")
            make_quote(article, f"Talks on the deadline, part {i}", speaker=peskov)
        planned = self.client.get("/", {"q": "deadline"}).context["page"]
        original = counting.EXACT_BOUND
        counting.EXACT_BOUND = 2  # every search is now "large": estimated and walked
        self.addCleanup(setattr, counting, "EXACT_BOUND", original)
        from quotes import views

        self.addCleanup(setattr, views, "EXACT_BOUND", views.EXACT_BOUND)
        views.EXACT_BOUND = 2
        response = self.client.get("/", {"q": "deadline"})
        self.assertFalse(response.context["total_exact"])
        walked = response.context["page"]
        self.assertEqual([s.uid for s in walked], [s.uid for s in planned[:len(walked)]])
        self.assertEqual(len(walked), 25)
