"""A statement the speaker denies, dismisses or declines is never shown as their
assertion: it is stored with its stance and every view of it says so."""

from __future__ import annotations

import csv
import datetime
import io
import json

import feedparser
from django.test import TestCase

from quotes.importing import Metadata, Source, import_source
from quotes.models import Claim, Statement
from tests.factories import make_article, make_claim, make_outlet, make_person

# The seed demo's sentence (fixtures/seeds/003), shortened.
DISMISSED = ("Peskov also dismissed claims that the Baltic states are next, after Russia "
             "finishes conquering Ukraine.")


class StanceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.peskov = make_person("Dmitry Peskov")
        cls.article = make_article(
            f"“We are ready,” Peskov said. {DISMISSED}", outlet=make_outlet("Reuters"),
            published_on=datetime.date(2025, 10, 1), url="https://example.org/baltic",
        )
        cls.claim = make_claim(
            cls.article, "claims that the Baltic states are next, after Russia finishes "
            "conquering Ukraine", speaker=cls.peskov, cue="dismissed", stance="dismisses",
        )

    def test_importing_the_dismissal_stores_it_as_dismissed(self):
        import_source(Source(f"Dmitry Peskov is the Kremlin spokesman. {DISMISSED}",
                             "dismissal.txt", Metadata(title="Baltic")))
        claim = Claim.objects.get(article__source="dismissal.txt")
        self.assertEqual((claim.speaker.name, claim.cue, claim.stance),
                         ("Dmitry Peskov", "dismissed", "dismisses"))
        self.assertTrue(claim.text.startswith("claims that the Baltic states are next"))

    def test_the_copied_citation_says_dismissed(self):
        response = self.client.get(self.claim.get_absolute_url())
        self.assertEqual(
            response.context["citation"],
            "Dmitry Peskov dismissed claims that the Baltic states are next, after Russia "
            "finishes conquering Ukraine (reported by Reuters, 1 October 2025) "
            "https://example.org/baltic",
        )
        self.assertContains(response, "Dismissed by the speaker")

    def test_lists_and_article_marks_say_dismissed(self):
        home = self.client.get("/")
        self.assertContains(home, '<strong class="stance dismisses">Dismissed by the speaker'
                                  '</strong>', html=True)
        body = self.client.get(self.article.get_absolute_url()).content.decode()
        self.assertRegex(body, r'<mark class="st st-claim st-automatic c\d st-dismisses"[^>]*'
                               r'title="Dmitry Peskov · dismissed · Dismissed by the speaker')

    def test_filter_selects_by_stance(self):
        response = self.client.get("/", {"stance": "dismisses"})
        self.assertEqual([s.uid for s in response.context["page"]],
                         [f"claim-{self.claim.pk}"])
        self.assertEqual(response.context["total"], 1)
        self.assertEqual(
            self.client.get("/", {"stance": "denies"}).context["total"], 0)

    def test_exports_and_feeds_carry_the_stance(self):
        rows = list(csv.DictReader(io.StringIO(
            b"".join(self.client.get("/export.csv").streaming_content).decode().lstrip("\ufeff")
        )))
        self.assertEqual({r["stance"] for r in rows}, {"dismisses"})
        data = json.loads(b"".join(self.client.get("/export.json").streaming_content))
        self.assertEqual(data[0]["stance"], "dismisses")
        feed = feedparser.parse(self.client.get("/feeds/people/dmitry-peskov/").content)
        self.assertTrue(feed.entries[0].title.startswith(
            "Dmitry Peskov dismissed claims that the Baltic states"))
        self.assertIn("Dismissed by the speaker", feed.entries[0].summary)

    def test_an_assertion_keeps_the_plain_citation(self):
        said = make_claim(self.article, "We are ready", speaker=self.peskov, cue="said")
        self.assertEqual(Statement.objects.get(uid=f"claim-{said.pk}").stance, "asserts")
        citation = self.client.get(said.get_absolute_url()).context["citation"]
        self.assertTrue(citation.startswith("Dmitry Peskov, reported by Reuters, 1 October"))
