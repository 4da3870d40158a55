"""Check a quote: paste words attributed to someone, learn whether the archive
has them (the same, cut short, close, or nothing), who reported them first and
who carried them after, with the differing words marked."""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse

from quotes import checking
from tests.test_pages import PESKOV_TEXT, newsroom


class CheckQuoteTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.people, cls.outlets, cls.articles, cls.s = newsroom()

    def check(self, text, speaker=""):
        response = self.client.get(reverse("check"), {"text": text, "speaker": speaker})
        self.assertEqual(response.status_code, 200)
        return response

    def test_the_home_page_links_to_it(self):
        self.assertContains(self.client.get("/"), f'href="{reverse("check")}"')
        response = self.client.get(reverse("check"))
        self.assertContains(response, "Words attributed to someone")
        self.assertIsNone(response.context["check"])

    def test_the_same_words_in_other_quotation_marks_with_first_reporter_and_the_rest(self):
        response = self.check(f"«{PESKOV_TEXT}»")
        matches = response.context["check"].matches
        self.assertEqual([m.verdict for m in matches], ["same"])
        match = matches[0]
        self.assertEqual(match.first.outlet.name, "Reuters")
        self.assertEqual(str(match.first.published_on), "2025-10-01")
        self.assertEqual([o.outlet.name for o in match.others], ["Meduza"])
        self.assertContains(response, "Same words")
        self.assertContains(response, "First reported by")
        self.assertContains(response, "Also carried by:")
        self.assertContains(response, "Dmitry Peskov")

    def test_close_wording_marks_the_words_that_differ(self):
        response = self.check("We are ready for talks, but there is still no deadline")
        match = response.context["check"].matches[0]
        self.assertEqual((match.verdict, match.differing), ("close", 1))
        self.assertContains(response, "Close wording: 1 word differs")
        self.assertContains(response, '<del title="In your text, not in the archive">still</del>')
        changed = self.check("We are keen on talks, but there is no deadline")
        self.assertIn("<ins", str(changed.context["check"].matches[0].marked))
        self.assertIn("keen", str(changed.context["check"].matches[0].marked))

    def test_a_shortened_quote_is_the_same_words_and_the_rest_is_shown_apart(self):
        response = self.check("“ready for talks, but there is no deadline”")
        match = response.context["check"].matches[0]
        self.assertEqual(match.verdict, "part")
        self.assertEqual(match.first.outlet.name, "Reuters")
        self.assertContains(response, '<span class="beyond">We are</span>')

    def test_words_not_in_the_archive_say_so_plainly(self):
        response = self.check("The ceasefire will hold until the spring thaw, the general said")
        self.assertEqual(response.context["check"].matches, [])
        self.assertContains(response, "Nothing in the archive is close to these words")

    def test_a_named_speaker_restricts_the_check_and_a_misspelt_one_is_recognised(self):
        response = self.check(PESKOV_TEXT, "Peskow")
        result = response.context["check"]
        self.assertEqual((result.speaker.name, result.speaker_guessed), ("Dmitry Peskov", True))
        self.assertEqual(len(result.matches), 1)
        self.assertContains(response, "the closest name to “Peskow”")
        other = self.check(PESKOV_TEXT, "Marco Rubio")
        self.assertEqual(other.context["check"].matches, [])
        self.assertContains(other, "Nothing in the archive is close")
        nobody = self.check(PESKOV_TEXT, "Zzyzx Qwerty")
        self.assertIsNone(nobody.context["check"].speaker)
        self.assertEqual(len(nobody.context["check"].matches), 1)

    def test_withdrawn_statements_are_not_offered(self):
        response = self.check("“A rejected line,” Rubio said")
        self.assertEqual(response.context["check"].matches, [])

    def test_too_few_words_and_hostile_text(self):
        self.assertContains(self.check("no deadline"), "Too short to check")
        response = self.check("<script>alert('x')</script> We will not accept a bad deal")
        self.assertNotContains(response, "<script>alert")
        match = response.context["check"].matches[0]
        self.assertEqual(match.statement.uid, f"quote-{self.s['rubio_hostile'].pk}")
        self.assertIn("&lt;script&gt;", str(match.marked))


    def test_a_statement_the_speaker_dismissed_says_so(self):
        from quotes.models import Quote, Statement

        uid = self.check(PESKOV_TEXT).context["check"].matches[0].statement.uid
        kind, _, pk = uid.partition("-")
        self.assertEqual(kind, "quote")
        Quote.objects.filter(pk=pk).update(stance="dismisses")
        self.assertEqual(Statement.objects.get(uid=uid).stance, "dismisses")
        self.assertContains(
            self.check(PESKOV_TEXT),
            '<strong class="stance dismisses">Dismissed by the speaker</strong>', html=True,
        )

class CompareTests(TestCase):
    def test_verdicts(self):
        def verdict(pasted, text):
            found = checking.compare(checking.words(pasted), text)
            return found and found[:2]

        self.assertEqual(verdict("No, there are no plans", "No, there are no plans,"), ("same", 0))
        self.assertEqual(verdict("there are no plans", "No, there are no plans"), ("part", 0))
        self.assertEqual(
            verdict("No, there are no plans for now", "there are no plans"), ("longer", 0)
        )
        self.assertEqual(
            verdict("there are no immediate plans for talks", "there are no plans for talks"),
            ("close", 1),
        )
        self.assertIsNone(verdict("we will win this war", "there are no plans for talks"))


class CheckQueryCountTests(TestCase):
    """The check runs a fixed number of queries, however many statements match."""

    @classmethod
    def setUpTestData(cls):
        cls.people, cls.outlets, cls.articles, cls.s = newsroom()

    def test_three_queries_and_one_for_a_speaker_named_exactly(self):
        checking.frequencies()  # read once an hour per process, not per request
        url = reverse("check")
        # The statement's index words, the candidates, the statements shown.
        with self.assertNumQueries(3):
            self.client.get(url, {"text": PESKOV_TEXT})
        with self.assertNumQueries(4):  # and the speaker, by slug
            self.client.get(url, {"text": PESKOV_TEXT, "speaker": "dmitry-peskov"})

