"""Hostile traffic (issue 11): bad cursors, oversized queries, floods of
exports and feeds, login attacks through a proxy, and the Content-Security-Policy."""

from __future__ import annotations

from django.test import TestCase

from tests.test_pages import newsroom

PASSWORD = "a-long-editor-password-1"


class BadCursorTests(TestCase):
    """Item 5: a cursor that is no statement id is ignored (the first page), never a 500."""

    @classmethod
    def setUpTestData(cls):
        cls.people, cls.outlets, cls.articles, cls.s = newsroom()

    def test_bad_cursors_show_the_first_page_on_every_list(self):
        pages = ["/", self.people["peskov"].get_absolute_url(),
                 self.outlets["reuters"].get_absolute_url()]
        cursors = ["quote-\u00b2", "claim-" + "9" * 4301, "quote-99999999999999999999",
                   "quote--1", "quote-", "-", "quote-1\n", "statement-3"]
        for page in pages:
            first = self.client.get(page)
            for cursor in cursors:
                with self.subTest(page=page, cursor=cursor):
                    response = self.client.get(page, {"after": cursor})
                    self.assertEqual(response.status_code, 200)
                    self.assertEqual(
                        [s.uid for s in response.context["page"]],
                        [s.uid for s in first.context["page"]],
                    )
