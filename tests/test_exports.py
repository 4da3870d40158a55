"""CSV and JSON downloads: every matching row, streamed, with the filters applied."""

from __future__ import annotations

import csv
import io
import json

from django.test import TestCase

from quotes import exports
from tests.factories import make_article, make_outlet, make_person, make_quote
from tests.test_pages import PESKOV_TEXT, newsroom


def body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


class ExportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.people, cls.outlets, cls.articles, cls.s = newsroom()

    def test_csv_has_every_public_row_and_the_columns_a_journalist_needs(self):
        response = self.client.get("/export.csv")
        self.assertTrue(response.streaming)
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn("attachment;", response["Content-Disposition"])
        rows = list(csv.DictReader(io.StringIO(body(response).lstrip("\ufeff"))))
        self.assertEqual(len(rows), 6)
        self.assertNotIn("A rejected line", [row["text"] for row in rows])
        peskov = next(row for row in rows if row["via"] == "TASS")
        self.assertEqual(peskov["speaker"], "Dmitry Peskov")
        self.assertEqual(peskov["outlet"], "Reuters")
        self.assertEqual(peskov["published_on"], "2025-10-01")
        self.assertEqual(peskov["article_url"], "https://example.org/reuters/kremlin-no-deadline")
        self.assertEqual(
            peskov["permalink"], f"http://testserver/quote/{self.s['peskov'].pk}/"
        )

    def test_json_follows_search_and_filters(self):
        response = self.client.get("/export.json", {"q": "deadline", "speaker": "dmitry-peskov"})
        data = json.loads(body(response))
        self.assertEqual([row["text"] for row in data], [PESKOV_TEXT, PESKOV_TEXT])
        self.assertEqual(data[0]["status"], "verified")
        self.assertTrue(data[0]["reviewed_at"].startswith("2025-10-05"))
        self.assertEqual(json.loads(body(self.client.get("/export.json", {"q": "zzzz"}))), [])
        claims = json.loads(body(self.client.get("/export.json", {"kind": "claim"})))
        self.assertEqual(
            [row["permalink"] for row in claims], [f"http://testserver/claim/{self.s['lavrov'].pk}/"]
        )

    def test_hostile_text_is_kept_verbatim_but_cannot_run_as_a_formula(self):
        article = make_article("“=HYPERLINK(\"http://x\")” he said.")
        make_quote(article, '=HYPERLINK("http://x")', speaker=self.people["rubio"])
        rows = list(csv.reader(io.StringIO(body(self.client.get("/export.csv")))))
        self.assertIn("'=HYPERLINK(\"http://x\")", [row[4] for row in rows])
        data = json.loads(body(self.client.get("/export.json", {"kind": "quote"})))
        self.assertIn("<script>alert('x')</script>", "".join(row["text"] for row in data))


class LargeExportTests(TestCase):
    def test_more_rows_than_a_chunk_are_all_exported(self):
        peskov, tass = make_person(), make_outlet()
        article = make_article("“Yes,” Peskov said.", outlet=tass)
        size = 25
        for _ in range(size):
            make_quote(article, "Yes", speaker=peskov)
        original = exports.CHUNK_SIZE
        exports.CHUNK_SIZE = 7  # several round trips of the server-side cursor
        try:
            data = json.loads(body(self.client.get("/export.json")))
        finally:
            exports.CHUNK_SIZE = original
        self.assertEqual(len(data), size)
        self.assertEqual(len({row["uid"] for row in data}), size)


class ExportContextTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.people, cls.outlets, cls.articles, cls.s = newsroom()

    def test_each_row_has_the_sentence_around_the_statement(self):
        text = body(self.client.get("/export.csv")).lstrip("\ufeff")
        rows = list(csv.DictReader(io.StringIO(text)))
        by_text = {row["text"]: row["context"] for row in rows}
        self.assertEqual(
            by_text[self.s["lavrov"].text],
            "Lavrov noted that Moscow would respond to any proposal from Washington.",
        )
        # A quote's sentence runs on past it to the attribution, and stops there.
        self.assertEqual(
            by_text[self.s["rubio_deadline"].text],
            "Rubio said: “The deadline is Friday and it will not move.”",
        )
        data = json.loads(body(self.client.get("/export.json", {"speaker": "dmitry-peskov"})))
        self.assertEqual(
            [row["context"] for row in data],
            [
                f"“{PESKOV_TEXT}”, Kremlin spokesman Dmitry Peskov said on Friday.",
                f"“{PESKOV_TEXT},” Peskov told reporters, TASS quoted him as saying.",
            ],
        )

    def test_a_long_paragraph_gives_a_bounded_context_marked_as_cut(self):
        words = " ".join(f"word{i}" for i in range(400))
        article = make_article(f"{words} “Short quote” {words}", outlet=self.outlets["tass"])
        make_quote(article, "Short quote", speaker=self.people["rubio"])
        data = json.loads(body(self.client.get("/export.json", {"q": "short"})))
        context = data[0]["context"]
        self.assertTrue(context.startswith("…") and context.endswith("…"))
        self.assertIn("“Short quote”", context)
        self.assertLess(len(context), 2 * exports.CONTEXT_CHARS + 20)
