"""Finding one's way (issue 12): the people, outlets and articles indexes, paging
back and forth with the position, oldest first, a facet's "show all", the
undated statements a date filter leaves out, and the About page."""

from __future__ import annotations

import datetime
import re
from unittest import mock

from django.test import TestCase
from django.urls import reverse

from quotes.models import Person, Statement
from tests.factories import make_article, make_claim, make_outlet, make_person, make_quote
from tests.test_pages import HTMX, newsroom, texts


def next_link(response, rel="next") -> str | None:
    match = re.search(rf'<a rel="{rel}" href="([^"]+)"', response.content.decode())
    if not match:
        return None
    # {% querystring %} links are relative to the page: "?after=...".
    return response.request["PATH_INFO"] + match[1].replace("&amp;", "&")


class IndexTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.people, cls.outlets, cls.articles, cls.s = newsroom()
        cls.kremlin = make_person("The Kremlin", kind=Person.Kind.ORGANIZATION)
        make_quote(make_article("“No comment,” the Kremlin said.", title=""), "No comment",
                   speaker=cls.kremlin)

    def test_people_are_listed_most_quoted_first_with_counts(self):
        response = self.client.get(reverse("people"))
        self.assertEqual(response.status_code, 200)
        rows = [(p.name, p.n, p.quote_count, p.claim_count) for p in response.context["rows"]]
        self.assertEqual(rows, [
            ("Marco Rubio", 3, 3, 0), ("Dmitry Peskov", 2, 2, 0),
            ("Sergei Lavrov", 1, 0, 1), ("The Kremlin", 1, 1, 0),
        ])
        self.assertContains(response, "4 speakers")
        self.assertContains(response, "1–4 of 4")
        # The rejected Rubio line is not counted; the role tells namesakes apart.
        self.assertContains(response, "US Secretary of State")

    def test_people_search_by_name_or_alias_and_kind(self):
        by_alias = self.client.get(reverse("people"), {"q": "spokesman"})
        self.assertEqual([p.name for p in by_alias.context["rows"]], ["Dmitry Peskov"])
        by_name = self.client.get(reverse("people"), {"q": "rubi"})
        self.assertEqual([p.name for p in by_name.context["rows"]], ["Marco Rubio"])
        organisations = self.client.get(reverse("people"), {"kind": "organization"})
        self.assertEqual([p.name for p in organisations.context["rows"]], ["The Kremlin"])
        nobody = self.client.get(reverse("people"), {"q": "nobody at all"})
        self.assertContains(nobody, "No one matches.")

    def test_people_htmx_search_gets_the_results_only(self):
        response = self.client.get(reverse("people"), {"q": "lavrov"}, **HTMX)
        body = response.content.decode()
        self.assertTrue(body.lstrip().startswith('<div id="results"'), body[:80])
        self.assertIn("Sergei Lavrov", body)

    @mock.patch("quotes.views.INDEX_SIZE", 2)
    def test_people_pages_forward_and_back(self):
        first = self.client.get(reverse("people"))
        self.assertEqual([p.name for p in first.context["rows"]], ["Marco Rubio", "Dmitry Peskov"])
        self.assertIsNone(next_link(first, "prev"))
        second = self.client.get(next_link(first))
        self.assertEqual([p.name for p in second.context["rows"]], ["Sergei Lavrov", "The Kremlin"])
        self.assertContains(second, "3–4 of 4")
        self.assertIsNone(next_link(second))
        back = self.client.get(next_link(second, "prev"))
        self.assertEqual([p.name for p in back.context["rows"]], ["Marco Rubio", "Dmitry Peskov"])
        self.assertContains(back, "1–2 of 4")

    def test_outlets_include_agencies_only_credited(self):
        response = self.client.get(reverse("outlets"))
        rows = [(o.name, o.published, o.credited) for o in response.context["rows"]]
        self.assertEqual(rows[0], ("Reuters", 5, 0))
        self.assertIn(("TASS", 0, 1), rows)
        self.assertIn(("Meduza", 1, 0), rows)
        self.assertContains(response, f'href="/?via={self.outlets["tass"].slug}"')
        agencies = self.client.get(reverse("outlets"), {"q": "tas", "kind": "agency"})
        self.assertEqual([o.name for o in agencies.context["rows"]], ["TASS"])

    def test_articles_newest_first_undated_last_with_counts(self):
        undated = make_article("“Later,” Rubio said.", title="No date", published_on=None)
        Article = type(undated)
        Article.objects.filter(pk=undated.pk).update(published_on=None)
        response = self.client.get(reverse("articles"))
        titles = [a.heading for a in response.context["rows"]]
        self.assertEqual(titles[:2], ["Rubio on the deal", "Peskov repeats"])
        self.assertEqual(titles[-1], "No date")
        rubio = response.context["rows"][0]
        self.assertEqual((rubio.quote_count, rubio.claim_count), (2, 0))
        self.assertContains(response, "5 articles")

    @mock.patch("quotes.views.INDEX_SIZE", 2)
    def test_articles_page_forward_and_back_and_by_outlet(self):
        walked = []
        response = self.client.get(reverse("articles"))
        while True:
            walked += [a.pk for a in response.context["rows"]]
            link = next_link(response)
            if not link:
                break
            response = self.client.get(link)
        self.assertEqual(len(walked), 4)
        self.assertEqual(len(set(walked)), 4)
        back = self.client.get(next_link(response, "prev"))
        self.assertEqual([a.pk for a in back.context["rows"]], walked[:2])
        reuters = self.client.get(reverse("articles"), {"outlet": "reuters"})
        self.assertEqual({a.outlet.name for a in reuters.context["rows"]}, {"Reuters"})

    def test_about_page_explains_sources_confidence_stance_corrections_and_limits(self):
        response = self.client.get(reverse("about"))
        for words in ("Where statements come from", "Confidence", "Stance", "denies",
                      "declines", "Corrections policy", "Report an error",
                      "What the data cannot tell you", "Check a quote", "exact phrase",
                      "410 Gone", "Did you mean", "the sentence around it"):
            self.assertContains(response, words)
        self.assertContains(self.client.get(reverse("home")), 'href="/about/"')


class PagingTests(TestCase):
    """The statement lists page forward and back by cursor, saying where one is."""

    @classmethod
    def setUpTestData(cls):
        speaker = make_person("Dmitry Peskov")
        cls.uids = []
        for day in range(7):
            article = make_article(
                f"“Words of day {day},” he said.", published_on=datetime.date(2025, 10, day + 1)
            )
            make_quote(article, f"Words of day {day}", speaker=speaker)
        undated = make_article("“Undated words,” he said.", title="Undated", published_on=None)
        type(undated).objects.filter(pk=undated.pk).update(published_on=None)
        make_quote(type(undated).objects.get(pk=undated.pk), "Undated words", speaker=speaker)

    @mock.patch("quotes.views.PAGE_SIZE", 3)
    def test_forward_then_back_gives_the_same_pages_with_positions(self):
        pages, positions = [], []
        response = self.client.get(reverse("home"))
        while True:
            pages.append(texts(response))
            positions.append(re.search(r'class="position">([^<]+)<', response.content.decode())[1])
            link = next_link(response)
            if not link:
                break
            response = self.client.get(link)
        self.assertEqual(positions, ["1–3 of 8", "4–6 of 8", "7–8 of 8"])
        self.assertEqual(pages[0], ["Words of day 6", "Words of day 5", "Words of day 4"])
        self.assertEqual(pages[-1], ["Words of day 0", "Undated words"])
        back = []
        while link := next_link(response, "prev"):
            response = self.client.get(link)
            back.append(texts(response))
        self.assertEqual(back, pages[-2::-1])
        self.assertContains(response, "1–3 of 8")

    @mock.patch("quotes.views.PAGE_SIZE", 3)
    def test_a_previous_page_costs_a_fixed_number_of_queries(self):
        day = {s.text: s.uid for s in Statement.objects.all()}
        # Mid-list: the cursor's values, the rows before it, the rows shown,
        # the counts (the tally); at the top, the first page once more.
        with self.assertNumQueries(4):
            self.client.get(reverse("home"), {"before": day["Words of day 0"], "page": "3"})
        with self.assertNumQueries(5):
            self.client.get(reverse("home"), {"before": day["Words of day 5"], "page": "2"})

    @mock.patch("quotes.views.PAGE_SIZE", 3)
    def test_back_from_an_undated_cursor(self):
        unknown = self.client.get(reverse("home"), {"before": "quote-0"})  # the first page
        self.assertEqual(texts(unknown)[0], "Words of day 6")
        uid = Statement.objects.get(text="Undated words").uid
        response = self.client.get(reverse("home"), {"before": uid, "page": "3"})
        self.assertEqual(texts(response), ["Words of day 2", "Words of day 1", "Words of day 0"])

    @mock.patch("quotes.views.PAGE_SIZE", 3)
    def test_oldest_first_keeps_undated_last_and_pages_back(self):
        response = self.client.get(reverse("home"), {"sort": "oldest"})
        self.assertEqual(texts(response), ["Words of day 0", "Words of day 1", "Words of day 2"])
        self.assertContains(response, '<option value="oldest" selected>')
        self.assertNotContains(response, 'value="relevance"')  # no query, no best match
        seen = list(texts(response))
        while link := next_link(response):
            response = self.client.get(link)
            seen += texts(response)
        self.assertEqual(seen[-2:], ["Words of day 6", "Undated words"])
        back = self.client.get(next_link(response, "prev"))
        self.assertEqual(texts(back), ["Words of day 3", "Words of day 4", "Words of day 5"])

    @mock.patch("quotes.views.PAGE_SIZE", 3)
    def test_best_matches_page_forward_and_back(self):
        response = self.client.get(reverse("home"), {"q": "words"})
        self.assertEqual(response.context["sort"], "relevance")
        pages = [texts(response)]
        while link := next_link(response):
            response = self.client.get(link)
            pages.append(texts(response))
        self.assertEqual(sorted(sum(pages, [])), sorted(s.text for s in Statement.objects.all()))
        back = []
        while link := next_link(response, "prev"):
            response = self.client.get(link)
            back.append(texts(response))
        self.assertEqual(back, pages[-2::-1])

    def test_best_match_is_offered_only_with_a_query(self):
        response = self.client.get(reverse("home"), {"q": "words", "sort": "newest"})
        self.assertContains(response, '<option value="relevance">Best match</option>')
        self.assertContains(response, '<option value="newest" selected>')

    def test_date_filter_names_the_undated_it_leaves_out_and_links_to_include_them(self):
        response = self.client.get(reverse("home"), {"since": "2025-10-05"})
        self.assertEqual(response.context["total"], 3)
        self.assertContains(response, "leaves out 1 undated statement")
        link = re.search(r'<a href="([^"]+)">Include them</a>', response.content.decode())[1]
        included = self.client.get(link.replace("&amp;", "&"))
        self.assertEqual(included.context["total"], 4)
        self.assertIn("Undated words", texts(included))
        self.assertContains(included, "Leave them out")
        self.assertIn("or undated", included.context["description"])
        # No date filter, nothing to say.
        self.assertNotContains(self.client.get(reverse("home")), "undated statement")


class ShowAllFacetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tass = make_outlet("TASS", kind="agency")
        for i in range(18):
            person = make_person(f"Speaker Number {i:02d}")
            article = make_article(f"“Statement {i},” they said.", outlet=cls.tass)
            for _ in range(1 + i % 3):
                make_quote(article, f"Statement {i}", speaker=person)
        cls.peskov = make_person("Dmitry Peskov", title="Kremlin spokesman")
        cls.peskov.aliases.create(text="Peskow", kind="name")
        make_claim(make_article("Peskov noted that talks go on."), "talks go on",
                   speaker=cls.peskov)

    def test_the_speaker_facet_stops_at_fifteen_and_offers_all(self):
        response = self.client.get(reverse("home"))
        speakers = dict((n, items) for n, _, items in response.context["facet_groups"])["speaker"]
        self.assertEqual(len(speakers), 15)
        self.assertContains(response, 'href="/facets/speaker/?"')
        self.assertContains(response, "Show all speakers")

    def test_show_all_page_lists_every_speaker_and_links_to_the_list(self):
        response = self.client.get(reverse("facet", args=["speaker"]), {"kind": "quote"})
        labels = [item.label for item in response.context["items"]]
        self.assertEqual(len(labels), 18)  # Peskov's only statement is a claim
        self.assertNotIn("Dmitry Peskov", labels)
        link = dict((item.label, url) for item, url in response.context["links"])[
            "Speaker Number 16"
        ]
        self.assertEqual(link, "/?kind=quote&speaker=speaker-number-16")
        listed = self.client.get(link)
        self.assertEqual(listed.context["total"], 2)

    def test_finding_a_name_inside_the_facet(self):
        response = self.client.get(reverse("facet", args=["speaker"]), {"find": "peskow"})
        self.assertEqual([item.label for item in response.context["items"]], ["Dmitry Peskov"])
        none = self.client.get(reverse("facet", args=["speaker"]), {"find": "zzz"})
        self.assertContains(none, "No speaker matches “zzz”.")

    def test_htmx_gets_the_facet_as_checkboxes_and_the_search_its_list(self):
        response = self.client.get(
            reverse("facet", args=["speaker"]), {"speaker": "speaker-number-03"}, **HTMX
        )
        body = response.content.decode()
        self.assertTrue(body.lstrip().startswith('<fieldset class="facet facet-open"'), body[:80])
        self.assertIn('id="f-speaker-speaker-number-03" checked', body)
        self.assertEqual(body.count('type="checkbox"'), 19)
        listed = self.client.get(
            reverse("facet", args=["speaker"]), {"find": "number 1"},
            HTTP_HX_TARGET="facet-speaker-list", **HTMX,
        ).content.decode()
        self.assertTrue(listed.lstrip().startswith('<ul id="facet-speaker-list"'), listed[:80])
        self.assertEqual(listed.count('type="checkbox"'), 8)  # 10 to 17

    def test_outlet_facet_of_an_outlet_page_stays_within_it(self):
        response = self.client.get(self.tass.get_absolute_url())
        self.assertEqual(response.context["facet_query"], "within=tass")
        facet = self.client.get(reverse("facet", args=["speaker"]), {"within": "tass"})
        self.assertEqual(len(facet.context["items"]), 18)
        self.assertTrue(facet.context["links"][0][1].startswith("/outlets/tass/?"))

    def test_unknown_facet_is_404(self):
        self.assertEqual(self.client.get("/facets/kind/").status_code, 404)
