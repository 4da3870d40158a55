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
        self.assertEqual(feed.feed.title, "Statements via TASS matching “deadline”")
        self.assertEqual(len(feed.entries), 1)
        self.assertTrue(feed.entries[0].summary.startswith(f"<p>{PESKOV_TEXT}</p>"))
        # Who said it, where, and through whom, for a reader who only sees the feed.
        self.assertIn(
            "— Dmitry Peskov told reporters · Reuters · “Kremlin says no deadline” · via TASS",
            feed.entries[0].summary,
        )
        # rel="self" is this feed, filters and all, so a reader subscribes to it.
        self.assertEqual(
            feed.feed.links[1], {"href": "http://testserver/feeds/search/?q=deadline&via=tass",
                                 "rel": "self", "type": "application/atom+xml"},
        )

    def test_search_feed_title_names_the_filters(self):
        feed = self.parse(
            "/feeds/search/",
            {"speaker": ["dmitry-peskov", "marco-rubio"], "kind": "quote", "since": "2025-10-02"},
        )
        self.assertEqual(
            feed.feed.title,
            "Statements (quotes) by Dmitry Peskov or Marco Rubio from 2025-10-02",
        )
        self.assertEqual(len(feed.entries), 3)

    def test_entry_ids_are_unique_absolute_iris(self):
        # RFC 4287: atom:id is an IRI; "quote-12" alone is not one.
        feed = self.parse("/feeds/search/")
        ids = [entry.id for entry in feed.entries]
        self.assertEqual(len(ids), 6)
        self.assertEqual(len(set(ids)), 6)
        for entry in feed.entries:
            self.assertEqual(entry.id, entry.link)
            self.assertRegex(entry.id, r"^http://testserver/(quote|claim)/\d+/$")

    def test_hostile_text_is_escaped_in_the_feed(self):
        response = self.client.get("/feeds/people/marco-rubio/")
        self.assertNotIn(b"<script>", response.content)
        feed = feedparser.parse(response.content)
        self.assertFalse(feed.bozo)
        self.assertEqual(len(feed.entries), 3)
        self.assertTrue(any("&lt;script&gt;alert" in e.summary for e in feed.entries))

    def test_unknown_person_feed_is_404(self):
        self.assertEqual(self.client.get("/feeds/people/nobody/").status_code, 404)
