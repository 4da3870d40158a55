"""Atom feeds per person and per search, checked with feedparser."""

from __future__ import annotations

import feedparser
from django.test import TestCase

from tests.test_pages import PESKOV_TEXT, newsroom


class FeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.people, cls.outlets, cls.articles, cls.s = newsroom()

    def parse(self, url, params=None):
        response = self.client.get(url, params or {})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("application/atom+xml"))
        feed = feedparser.parse(response.content)
        self.assertFalse(feed.bozo, feed.get("bozo_exception"))
        self.assertEqual(feed.version, "atom10")
        return feed

    def test_person_feed_is_valid_atom_with_their_statements(self):
        feed = self.parse("/feeds/people/sergei-lavrov/")
        self.assertEqual(feed.feed.title, "Statements by Sergei Lavrov")
        self.assertEqual(len(feed.entries), 1)
        entry = feed.entries[0]
        self.assertIn("Moscow would respond", entry.title)
        self.assertEqual(entry.link, f"http://testserver/claim/{self.s['lavrov'].pk}/")
        self.assertEqual(entry.author, "Sergei Lavrov")
        self.assertTrue(entry.published.startswith("2025-10-01"))

    def test_search_feed_follows_the_query_and_filters(self):
        feed = self.parse("/feeds/search/", {"q": "deadline", "via": "tass"})
        self.assertEqual(feed.feed.title, "Statements matching “deadline”")
        self.assertEqual(len(feed.entries), 1)
        self.assertTrue(feed.entries[0].summary.startswith(f"<p>{PESKOV_TEXT}</p>"))

    def test_hostile_text_is_escaped_in_the_feed(self):
        response = self.client.get("/feeds/people/marco-rubio/")
        self.assertNotIn(b"<script>", response.content)
        feed = feedparser.parse(response.content)
        self.assertFalse(feed.bozo)
        self.assertEqual(len(feed.entries), 3)
        self.assertTrue(any("&lt;script&gt;alert" in e.summary for e in feed.entries))

    def test_unknown_person_feed_is_404(self):
        self.assertEqual(self.client.get("/feeds/people/nobody/").status_code, 404)
