"""The journalists' pages through Django's test client: full pages, htmx
fragments, filters and their counts, escaping, and fixed query counts."""

from __future__ import annotations

import datetime
import json

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from quotes.models import Statement, StatementBase
from quotes.views import NEWEST
from tests.factories import make_article, make_claim, make_outlet, make_person, make_quote

HTMX = {"HTTP_HX_REQUEST": "true"}

PESKOV_TEXT = "We are ready for talks, but there is no deadline"
NEWSROOM_ARTICLE = (
    "Moscow is ready to talk.\n"
    f"“{PESKOV_TEXT},” Peskov told reporters, TASS quoted him as saying.\n"
    "Lavrov noted that Moscow would respond to any proposal from Washington.\n"
    "Rubio said: “The deadline is Friday and it will not move.”"
)


def newsroom():
    """A small newsroom: three officials, four outlets, three articles.

    Peskov is quoted (via TASS) and the same words reappear two days later in
    another outlet; Lavrov only in reported speech; Rubio quoted twice, once
    via the AP, once with hostile markup inside the quote.
    """
    peskov = make_person("Dmitry Peskov", title="Kremlin spokesman", reviewed=True)
    peskov.aliases.create(text="Kremlin spokesman", kind="role")
    rubio = make_person("Marco Rubio", title="US Secretary of State")
    lavrov = make_person("Sergei Lavrov", title="Russian Foreign Minister")
    tass = make_outlet("TASS", kind="agency", domains=["tass.com"])
    ap = make_outlet("The Associated Press", slug="ap", kind="agency")
    reuters = make_outlet("Reuters", kind="agency")
    meduza = make_outlet("Meduza", kind="online")

    first = make_article(
        NEWSROOM_ARTICLE,
        outlet=reuters,
        title="Kremlin says no deadline",
        url="https://example.org/reuters/kremlin-no-deadline",
        published_on=datetime.date(2025, 10, 1),
    )
    s = {}
    s["peskov"] = make_quote(
        first, PESKOV_TEXT, speaker=peskov, speaker_mention="Peskov", cue="told reporters", via=tass
    )
    s["lavrov"] = make_claim(
        first,
        "Moscow would respond to any proposal from Washington",
        speaker=lavrov,
        speaker_mention="Lavrov",
        cue="noted",
    )
    s["rubio_deadline"] = make_quote(
        first,
        "The deadline is Friday and it will not move.",
        speaker=rubio,
        speaker_mention="Rubio",
        cue="said",
    )
    second = make_article(
        f"“{PESKOV_TEXT}”, Kremlin spokesman Dmitry Peskov said on Friday.",
        outlet=meduza,
        title="Peskov repeats",
        published_on=datetime.date(2025, 10, 3),
    )
    s["peskov_again"] = make_quote(
        second,
        PESKOV_TEXT,
        speaker=peskov,
        speaker_mention="Kremlin spokesman Dmitry Peskov",
        cue="said",
        status=StatementBase.Status.VERIFIED,
        reviewed_at=timezone.make_aware(datetime.datetime(2025, 10, 5, 12, 0)),
    )
    hostile = "<script>alert('x')</script> We will not accept a bad deal & that is final"
    third = make_article(
        f"“{hostile},” he said, according to the AP.\n"
        "Rubio added: “Peace talks need both sides.”\n"
        "“A rejected line,” Rubio said.",
        outlet=reuters,
        title="Rubio on the deal",
        published_on=datetime.date(2025, 11, 2),
    )
    s["rubio_hostile"] = make_quote(
        third, hostile, speaker=rubio, speaker_mention="he", cue="said", via=ap,
        status=StatementBase.Status.CORRECTED,
        reviewed_at=timezone.make_aware(datetime.datetime(2025, 11, 3, 9, 0)),
    )
    s["rubio_peace"] = make_quote(
        third, "Peace talks need both sides.", speaker=rubio, speaker_mention="Rubio", cue="added"
    )
    s["rejected"] = make_quote(
        third, "A rejected line", speaker=rubio, status=StatementBase.Status.REJECTED
    )
    people = {"peskov": peskov, "rubio": rubio, "lavrov": lavrov}
    outlets = {"tass": tass, "ap": ap, "reuters": reuters, "meduza": meduza}
    return people, outlets, {"first": first, "second": second, "third": third}, s


def texts(response) -> list[str]:
    return [statement.text for statement in response.context["page"]]


class HomePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.people, cls.outlets, cls.articles, cls.s = newsroom()

    def test_lists_public_statements_newest_first(self):
        response = self.client.get(reverse("home"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["total"], 6)
        shown = texts(response)
        self.assertNotIn("A rejected line", shown)
        self.assertLess(shown.index(self.s["rubio_peace"].text), shown.index(PESKOV_TEXT))
        self.assertContains(response, "<html", html=False)
        self.assertEqual(response["Vary"], "HX-Request")

    def test_htmx_request_gets_only_the_results_fragment(self):
        response = self.client.get(reverse("home"), {"speaker": "dmitry-peskov"}, **HTMX)
        body = response.content.decode()
        # A top-level <title> (htmx sets the tab's title from it), then the results.
        title, results = body.strip().split("\n", 1)
        self.assertEqual(title, "<title>Statements by Dmitry Peskov · diplomacy</title>")
        self.assertTrue(results.lstrip().startswith('<div id="results"'), results[:80])
        self.assertNotIn("<html", body)
        self.assertIn("Vary", response)
        self.assertEqual(len(response.context["page"]), 2)

    def test_history_restore_request_gets_the_full_page(self):
        response = self.client.get(
            reverse("home"),
            {"speaker": "dmitry-peskov"},
            HTTP_HX_REQUEST="true",
            HTTP_HX_HISTORY_RESTORE_REQUEST="true",
        )
        self.assertContains(response, "<html")
        self.assertContains(response, 'id="results"')
        self.assertContains(response, "<title>", count=1)

    def test_speaker_filter_takes_several_and_counts_ignore_their_own_selection(self):
        response = self.client.get(reverse("home"), {"speaker": ["dmitry-peskov", "sergei-lavrov"]})
        self.assertEqual(response.context["total"], 3)
        speakers = {f.value: (f.count, f.checked) for f in response.context["facet_groups"][0][2]}
        # Counts for the speaker facet ignore the speaker selection itself ...
        self.assertEqual(speakers["marco-rubio"], (3, False))
        self.assertEqual(speakers["dmitry-peskov"], (2, True))
        # ... but other facets follow it.
        kinds = {f.value: f.count for f in dict_facets(response)["kind"]}
        self.assertEqual(kinds, {"quote": 2, "claim": 1})

    def test_outlet_via_kind_status_and_date_filters(self):
        url = reverse("home")
        self.assertEqual(texts(self.client.get(url, {"via": "tass"})), [PESKOV_TEXT])
        via = self.client.get(url, {"via": ["tass", "ap"]})
        self.assertEqual(via.context["total"], 2)
        self.assertEqual(self.client.get(url, {"outlet": "meduza"}).context["total"], 1)
        self.assertEqual(
            texts(self.client.get(url, {"kind": "claim"})), [self.s["lavrov"].text]
        )
        self.assertEqual(
            texts(self.client.get(url, {"status": "verified"})), [PESKOV_TEXT]
        )
        october = self.client.get(url, {"since": "2025-10-02", "until": "2025-10-31"})
        self.assertEqual(texts(october), [PESKOV_TEXT])

    def test_unknown_filter_values_are_reported_not_crashing(self):
        response = self.client.get(reverse("home"), {"speaker": "nobody", "since": "soon"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Speaker: “nobody” not found, ignored.")
        self.assertContains(response, "From: “soon” ignored. Enter a valid date.")
        self.assertEqual(response.context["total"], 6)

    def test_an_unknown_speaker_does_not_drop_the_known_ones(self):
        # A bookmark naming a speaker who has since been merged away.
        response = self.client.get(
            reverse("home"), {"speaker": ["dmitry-peskov", "merged-away"], "q": "deadline"}
        )
        self.assertEqual(texts(response), [PESKOV_TEXT, PESKOV_TEXT])
        self.assertContains(response, "Speaker: “merged-away” not found, ignored.")
        checked = [f.value for f in dict_facets(response)["speaker"] if f.checked]
        self.assertEqual(checked, ["dmitry-peskov"])

    def test_an_invalid_filter_leaves_search_ranking_and_highlighting_alone(self):
        response = self.client.get(reverse("home"), {"q": "deal", "until": "2025-02-30"})
        self.assertEqual(response.context["sort"], "relevance")
        self.assertContains(response, "bad <mark>deal</mark>")
        self.assertContains(response, "To: “2025-02-30” ignored.")

    def test_a_value_the_filter_ignores_is_not_shown_ticked(self):
        response = self.client.get(reverse("home"), {"kind": ["quote", "bogus"]})
        self.assertEqual(response.context["total"], 6)
        self.assertFalse(any(f.checked for f in dict_facets(response)["kind"]))
        self.assertContains(response, "Kind: “quote”, “bogus” ignored.")

    def test_a_date_range_that_cannot_match_says_so(self):
        response = self.client.get(reverse("home"), {"since": "2025-11-01", "until": "2025-10-01"})
        self.assertEqual(response.context["total"], 0)
        self.assertContains(response, "The “From” date is after the “To” date")
        self.assertContains(response, "No statements match.")

    def test_hostile_text_is_escaped_everywhere(self):
        for url in (
            reverse("home"),
            reverse("home") + "?q=bad+deal",
            self.s["rubio_hostile"].get_absolute_url(),
            self.articles["third"].get_absolute_url(),
            self.people["rubio"].get_absolute_url(),
        ):
            body = self.client.get(url).content.decode()
            self.assertNotIn("<script>alert", body, url)
            self.assertIn("&lt;script&gt;alert", body, url)

    def test_results_show_speaker_cue_outlet_via_and_review_marks(self):
        response = self.client.get(reverse("home"))
        self.assertContains(response, 'via <a href="/outlets/tass/">TASS</a>', html=False)
        self.assertContains(response, "told reporters")
        self.assertContains(response, "Verified <time")
        self.assertContains(response, "5 Oct 2025")
        self.assertContains(response, "Corrected <time")
        self.assertContains(response, "Reported</span> Moscow would respond")
        self.assertContains(response, f'href="{self.s["peskov"].get_absolute_url()}"')
        self.assertContains(
            response, f'href="/articles/{self.articles["first"].pk}/#s-quote-{self.s["peskov"].pk}"'
        )

    def test_export_and_feed_links_carry_the_filters(self):
        response = self.client.get(reverse("home"), {"q": "deadline", "speaker": "dmitry-peskov"})
        self.assertContains(response, "/export.csv?q=deadline&amp;speaker=dmitry-peskov")
        self.assertContains(response, "/feeds/search/?q=deadline&amp;speaker=dmitry-peskov")


def dict_facets(response) -> dict:
    return {name: items for name, _, items in response.context["facet_groups"]}


class SeekPagingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        peskov = make_person()
        tass = make_outlet()
        cls.words = [f"Statement number {i} about sanctions" for i in range(60)]
        for i, words in enumerate(cls.words):
            article = make_article(
                f"“{words},” Peskov said.",
                outlet=tass,
                # Several per day and some undated: ties and NULLs must not lose rows.
                published_on=None if i % 7 == 0 else datetime.date(2025, 1, 1 + i // 3),
            )
            make_quote(article, words, speaker=peskov)

    def walk(self, params) -> list[str]:
        seen, after = [], None
        for _ in range(10):
            page = {"after": after} if after else {}
            response = self.client.get(reverse("home"), {**params, **page})
            seen += texts(response)
            after = response.context["next_after"]
            if not after:
                return seen
        self.fail("paging did not end")

    def test_walking_the_pages_returns_every_row_once_in_order(self):
        seen = self.walk({})
        self.assertEqual(sorted(seen), sorted(self.words))
        expected = list(
            Statement.objects.public()
            .order_by(*[key.order_by() for key in NEWEST])
            .values_list("text", flat=True)
        )
        self.assertEqual(seen, expected)

    def test_walking_ranked_search_results_returns_every_match_once(self):
        seen = self.walk({"q": "sanctions -number5"})
        self.assertEqual(len(seen), len(set(seen)))
        self.assertEqual(len(seen), 60)

    def test_next_link_uses_a_cursor_not_an_offset(self):
        response = self.client.get(reverse("home"))
        self.assertContains(response, f"?after={response.context['next_after']}")


class SearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.people, cls.outlets, cls.articles, cls.s = newsroom()

    def search(self, q, **params):
        return texts(self.client.get(reverse("home"), {"q": q, **params}))

    def test_words_are_stemmed_and_ranked(self):
        found = self.search("deadlines")
        self.assertEqual(set(found), {PESKOV_TEXT, self.s["rubio_deadline"].text})

    def test_exact_phrase_with_straight_or_curly_quotes(self):
        self.assertEqual(self.search('"ready for talks"'), [PESKOV_TEXT, PESKOV_TEXT])
        self.assertEqual(self.search("“ready for talks”"), [PESKOV_TEXT, PESKOV_TEXT])
        self.assertEqual(self.search("‘ready for talks’"), [PESKOV_TEXT, PESKOV_TEXT])
        self.assertEqual(self.search("‘talks ready’"), [])
        self.assertEqual(self.search('"talks ready"'), [])
        self.assertEqual(len(self.search("ready talks")), 2)

    def test_a_phrase_counts_every_word_stop_words_included(self):
        # "no deadline" is in Peskov's words; Rubio's "The deadline is Friday" only
        # shares "deadline", which is all the stemmed document keeps of it.
        self.assertEqual(self.search('"no deadline"'), [PESKOV_TEXT, PESKOV_TEXT])
        self.assertEqual(self.search("“no deadline”"), [PESKOV_TEXT, PESKOV_TEXT])
        self.assertEqual(self.search('"a deadline"'), [])
        self.assertEqual(self.search('"the deadline"'), [self.s["rubio_deadline"].text])
        self.assertEqual(self.search('"is no immediate deadline"'), [])
        # Stop words only: no index word at all, still exact.
        self.assertEqual(self.search('"we are"'), [PESKOV_TEXT, PESKOV_TEXT])
        self.assertEqual(self.search('"we are not"'), [])
        response = self.client.get(reverse("home"), {"q": '"we are"'})
        self.assertContains(response, "has only common words")
        response = self.client.get(reverse("home"), {"q": '"we are ready"'})
        self.assertNotContains(response, "common words")
        # Unquoted words keep stemming and ignore stop words.
        self.assertEqual(len(self.search("a deadlines")), 3)
        # Excluding a phrase excludes that phrase, not every statement with "deadline".
        self.assertEqual(
            self.search('deadline -"no deadline"'), [self.s["rubio_deadline"].text]
        )
        self.assertEqual(
            set(self.search('"no deadline" or Friday')),
            {PESKOV_TEXT, self.s["rubio_deadline"].text},
        )
        # The names in the document still answer a phrase of names; a phrase
        # without stop words is the document's phrase search, words stemmed.
        self.assertIn(self.s["rubio_hostile"].text, self.search('"Marco Rubio"'))
        self.assertEqual(self.search('"peace talk"'), ["Peace talks need both sides."])
        self.assertEqual(self.search('"talks peace"'), [])

    def test_a_phrase_ignores_apostrophes_and_case_but_not_word_edges(self):
        article = make_article("“We didn’t set a deadline,” she said.")
        make_quote(article, "We didn’t set a deadline", speaker=self.people["rubio"])
        self.assertEqual(self.search("\"didn't set\""), ["We didn’t set a deadline"])
        self.assertEqual(self.search('"WE DIDN’T"'), ["We didn’t set a deadline"])
        self.assertEqual(self.search('"didn set"'), [])
        self.assertEqual(self.search('"set a dead"'), [])

    def test_the_heading_shows_the_query_once(self):
        response = self.client.get(reverse("home"), {"q": "“no deadline”"})
        self.assertContains(response, "2 statements matching “no deadline”")
        self.assertNotContains(response, "“\"")
        response = self.client.get(reverse("home"), {"q": "deadline"})
        self.assertContains(response, "matching “deadline”")

    def test_a_misspelt_speaker_finding_nothing_gets_a_suggestion(self):
        response = self.client.get(reverse("home"), {"q": "Peskow deadline"})
        self.assertEqual(texts(response), [])
        self.assertContains(
            response,
            'Did you mean <a class="suggestion" href="/?q=deadline&amp;speaker=dmitry-peskov">'
            "Dmitry Peskov</a>?",
        )
        followed = self.client.get("/", {"q": "deadline", "speaker": "dmitry-peskov"})
        self.assertEqual(texts(followed), [PESKOV_TEXT, PESKOV_TEXT])
        # An alias counts as a name; a search with results, or nothing like a name, gets none.
        self.people["lavrov"].aliases.create(text="Sergey Viktorovich Lavrov")
        response = self.client.get(reverse("home"), {"q": "Viktorovic"})
        self.assertContains(response, "Did you mean")
        self.assertContains(response, "Sergei Lavrov</a>?")
        self.assertNotContains(self.client.get("/", {"q": "Peskov"}), "Did you mean")
        self.assertNotContains(self.client.get("/", {"q": "zzzzqqq"}), "Did you mean")

    def test_excluding_and_or(self):
        self.assertEqual(self.search("deadline -Friday"), [PESKOV_TEXT, PESKOV_TEXT])
        self.assertEqual(
            set(self.search("Friday or proposal")),
            {self.s["rubio_deadline"].text, self.s["lavrov"].text},
        )

    def test_speaker_and_outlet_names_are_searched_with_the_text(self):
        # Rubio's hostile quote names him only as "he": his canonical name still matches.
        self.assertIn(self.s["rubio_hostile"].text, self.search("Rubio deal"))
        self.assertEqual(set(self.search("Meduza")), {PESKOV_TEXT})
        self.assertEqual(self.search("TASS deadline"), [PESKOV_TEXT])
        self.assertEqual(set(self.search("Lavrov")), {self.s["lavrov"].text})

    def test_excluding_a_speaker_name_excludes_statements_that_only_name_them_elsewhere(self):
        # The hostile quote's own text and mention ("he") lack "Rubio"; his
        # canonical name is in the document, so "-Rubio" must still drop it.
        self.assertIn(self.s["rubio_hostile"].text, self.search("deal"))
        self.assertEqual(self.search("deal -Rubio"), [])
        self.assertEqual(self.search("talks -“Dmitry Peskov”"), ["Peace talks need both sides."])

    def test_matches_are_highlighted_after_escaping(self):
        response = self.client.get(reverse("home"), {"q": "deal"})
        body = response.content.decode()
        self.assertIn("bad <mark>deal</mark> &amp; that", body)
        self.assertNotIn("<script>alert", body)

    def test_relevance_order_and_newest_order(self):
        by_rank = self.client.get(reverse("home"), {"q": "deadline"})
        self.assertEqual(by_rank.context["sort"], "relevance")
        newest = self.client.get(reverse("home"), {"q": "deadline", "sort": "newest"})
        self.assertEqual(newest.context["sort"], "newest")
        self.assertEqual(texts(newest)[0], PESKOV_TEXT)
        self.assertEqual(newest.context["page"][0].published_on, datetime.date(2025, 10, 3))

    def test_nonsense_query_finds_nothing_without_error(self):
        self.assertEqual(self.search('"unbalanced -or or'), [])
        self.assertEqual(len(self.search("-deadline")), 3)


class PersonPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.people, cls.outlets, cls.articles, cls.s = newsroom()

    def test_person_page_shows_role_aliases_counts_chart_and_outlets(self):
        response = self.client.get(self.people["peskov"].get_absolute_url())
        self.assertContains(response, "<h1>Dmitry Peskov</h1>", html=True)
        self.assertContains(response, "Kremlin spokesman")
        self.assertContains(response, "<dt>Quotes</dt><dd>2</dd>", html=True)
        self.assertContains(response, "<dt>Claims</dt><dd>0</dd>", html=True)
        self.assertContains(response, '<svg class="chart"')
        self.assertContains(response, "October 2025: 2 statements")
        self.assertContains(response, 'href="/outlets/meduza/"')
        self.assertEqual(texts(response), [PESKOV_TEXT, PESKOV_TEXT])
        self.assertContains(response, reverse("person_feed", args=["dmitry-peskov"]))

    def test_chart_bars_link_to_that_months_statements(self):
        url = self.people["rubio"].get_absolute_url()
        response = self.client.get(url)
        link = (
            '<a href="?since=2025-11-01&amp;until=2025-11-30"'
            ' aria-label="November 2025: 2 statements">'
        )
        self.assertContains(response, link)
        self.assertContains(response, 'role="group"')  # not "img", which would hide the links
        november = self.client.get(url, {"since": "2025-11-01", "until": "2025-11-30"})
        self.assertEqual(len(texts(november)), 2)

    def test_person_page_lists_publishers_and_credited_agencies(self):
        response = self.client.get(self.people["peskov"].get_absolute_url())
        self.assertEqual(
            [(r["slug"], r["n"]) for r in response.context["published_by"]],
            [("meduza", 1), ("reuters", 1)],
        )
        credited = [(r["slug"], r["n"]) for r in response.context["credited"]]
        self.assertEqual(credited, [("tass", 1)])
        self.assertContains(response, "<dt>Outlets</dt><dd>3</dd>", html=True)
        self.assertContains(response, "<h2>Via agencies</h2>", html=True)

    def test_aliases_do_not_take_the_role_line_style(self):
        # class="role" styles the person's title line; a role alias must not get it.
        response = self.client.get(self.people["peskov"].get_absolute_url())
        self.assertContains(response, '<span class="alias alias-role">Kremlin spokesman</span>')
        self.assertNotContains(response, 'class="alias role"')

    def test_person_with_only_undated_statements_says_why_there_is_no_chart(self):
        nobody_dated = make_person("Maria Zakharova")
        article = make_article("“No comment,” Zakharova said.")
        # The factory dates articles; this one has no date.
        type(article).objects.filter(pk=article.pk).update(published_on=None)
        article.refresh_from_db()
        make_quote(article, "No comment", speaker=nobody_dated)
        response = self.client.get(nobody_dated.get_absolute_url())
        self.assertNotContains(response, '<svg class="chart"')
        self.assertContains(response, "none of their articles has a publication date")

    def test_chart_caption_counts_the_undated_statements_it_leaves_out(self):
        article = make_article("“Later,” Peskov said.")
        type(article).objects.filter(pk=article.pk).update(published_on=None)
        article.refresh_from_db()
        make_quote(article, "Later", speaker=self.people["peskov"])
        response = self.client.get(self.people["peskov"].get_absolute_url())
        self.assertContains(response, '<svg class="chart"')
        self.assertContains(response, "(1 undated not shown)")

    def test_filtered_person_page_offers_the_feed_of_that_search(self):
        url = self.people["peskov"].get_absolute_url()
        plain = self.client.get(url)
        self.assertEqual(plain.context["feed_url"], "/feeds/people/dmitry-peskov/")
        searched = self.client.get(url, {"q": "deadline"})
        self.assertEqual(
            searched.context["feed_url"], "/feeds/search/?q=deadline&speaker=dmitry-peskov"
        )

    def test_person_page_filters_and_searches_their_statements(self):
        url = self.people["rubio"].get_absolute_url()
        self.assertEqual(len(texts(self.client.get(url))), 3)
        peace = self.client.get(url, {"q": "peace"})
        self.assertEqual(texts(peace), ["Peace talks need both sides."])
        fragment = self.client.get(url, {"via": "ap"}, **HTMX)
        self.assertNotIn("<html", fragment.content.decode())
        self.assertEqual(len(fragment.context["page"]), 1)

    def test_lavrov_appears_in_reported_speech_only(self):
        response = self.client.get(self.people["lavrov"].get_absolute_url())
        self.assertContains(response, "<dt>Claims</dt><dd>1</dd>", html=True)
        self.assertEqual([s.kind for s in response.context["page"]], ["claim"])

    def test_person_without_statements_offers_their_feed_not_an_empty_search(self):
        quiet = make_person("Joe Biden")
        response = self.client.get(quiet.get_absolute_url())
        self.assertContains(response, "No statements by Joe Biden yet.")
        self.assertContains(response, 'href="/feeds/people/joe-biden/"')
        self.assertNotContains(response, 'id="browse"')

    def test_unknown_person_is_404(self):
        self.assertEqual(self.client.get("/people/nobody/").status_code, 404)


class ArticleAndStatementPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.people, cls.outlets, cls.articles, cls.s = newsroom()

    def test_article_page_marks_each_statement_in_place(self):
        article = self.articles["first"]
        response = self.client.get(article.get_absolute_url())
        body = response.content.decode()
        peskov = self.s["peskov"]
        self.assertIn(f'id="s-quote-{peskov.pk}"', body)
        self.assertRegex(
            body,
            rf'<mark class="st st-quote st-automatic c0" data-who="Dmitry Peskov · told reporters'
            rf' · quote · via TASS · not reviewed yet"[^>]*id="s-quote-{peskov.pk}"[^>]*>'
            rf"{PESKOV_TEXT}</mark>",
        )
        self.assertRegex(
            body, r'<mark class="st st-claim st-automatic c1"[^>]*>Moscow would respond'
        )
        self.assertContains(response, "https://example.org/reuters/kremlin-no-deadline")
        # The sentence around it is there to read.
        self.assertContains(response, "Moscow is ready to talk.")
        text = body.split('id="article-text">')[1].split("</div>")[0]
        self.assertEqual(text.count("<p>"), text.count("</p>"))
        self.assertEqual(text.count("<mark"), text.count("</mark>"))

    def test_overlapping_statements_nest_their_marks(self):
        article = make_article("Rubio said the “deal is dead” and nothing else.")
        rubio = self.people["rubio"]
        make_claim(article, "the “deal is dead” and nothing else", speaker=rubio)
        make_quote(article, "deal is dead", speaker=rubio, partial=True)
        body = self.client.get(article.get_absolute_url()).content.decode()
        self.assertRegex(body, r'<mark class="st st-claim[^>]*>the “</mark>')
        self.assertRegex(
            body,
            r'<mark class="st st-claim[^>]*>'
            r'<mark class="st st-quote[^>]*>deal is dead</mark></mark>',
        )

    def test_statement_permalink_shows_context_citation_and_also_reported(self):
        peskov = self.s["peskov"]
        response = self.client.get(peskov.get_absolute_url())
        self.assertContains(response, "told reporters, TASS quoted him")
        self.assertContains(
            response,
            "Dmitry Peskov, reported by Reuters, citing TASS, 1 October 2025: "
            f"“{PESKOV_TEXT}” https://example.org/reuters/kremlin-no-deadline",
        )
        also = response.context["also_reported"]
        self.assertEqual([o.uid for o in also], [f"quote-{self.s['peskov_again'].pk}"])
        self.assertContains(response, 'href="/outlets/meduza/"')

    def test_also_reported_is_earliest_first_and_same_speaker_only(self):
        later = self.s["peskov_again"]
        response = self.client.get(later.get_absolute_url())
        also = [o.uid for o in response.context["also_reported"]]
        self.assertEqual(also, [f"quote-{self.s['peskov'].pk}"])
        self.assertContains(response, "Verified")
        rubio = self.client.get(self.s["rubio_deadline"].get_absolute_url())
        self.assertEqual(rubio.context["also_reported"], [])

    def test_a_rejected_statement_is_gone_with_when_and_why(self):
        from quotes import editing
        from quotes.models import Quote

        editing.reject(
            [Quote.objects.get(pk=self.s["rubio_peace"].pk)], None,
            reason="Rubio never said this; a caption.",
        )
        response = self.client.get(self.s["rubio_peace"].get_absolute_url())
        self.assertEqual(response.status_code, 410)
        self.assertContains(response, "withdrawn by the editors", status_code=410)
        self.assertContains(response, "Rubio never said this; a caption.", status_code=410)
        today = timezone.localdate().strftime("%Y-%m-%d")
        self.assertContains(response, f'<time datetime="{today}">', status_code=410)
        self.assertContains(
            response, f'href="{self.articles["third"].get_absolute_url()}"', status_code=410
        )
        # Rejected without a reason: no reason line, still gone.
        plain = self.client.get(self.s["rejected"].get_absolute_url())
        self.assertEqual(plain.status_code, 410)
        self.assertNotContains(plain, "Reason:", status_code=410)
        # Never stored at all: 404.
        self.assertEqual(self.client.get("/speech/1/").status_code, 404)
        self.assertEqual(self.client.get("/quote/999999/").status_code, 404)
        self.assertEqual(self.client.get(f"/claim/{2**64}/").status_code, 404)

    def test_outlet_page_shows_articles_and_whom_it_quoted_most(self):
        response = self.client.get(self.outlets["reuters"].get_absolute_url())
        self.assertContains(response, "<h1>Reuters</h1>", html=True)
        top = response.context["top_speakers"]
        self.assertEqual(top[0][1], "Marco Rubio")
        self.assertEqual(top[0][2], 3)
        self.assertContains(response, "Kremlin says no deadline")
        tass = self.client.get(self.outlets["tass"].get_absolute_url())
        self.assertEqual(tass.context["credited_count"], 1)
        self.assertEqual(texts(tass), [PESKOV_TEXT])

    def test_outlet_with_nothing_yet_says_so(self):
        quiet = make_outlet("Sputnik", kind="agency")
        response = self.client.get(quiet.get_absolute_url())
        self.assertContains(response, "No articles from Sputnik and no statements credited")
        self.assertNotContains(response, 'id="browse"')

    def test_agency_page_shows_whom_it_is_credited_with_quoting(self):
        # The AP published nothing here, but Rubio's words came through it.
        response = self.client.get(self.outlets["ap"].get_absolute_url())
        self.assertEqual(
            [(slug, n) for slug, _, n in response.context["top_speakers"]],
            [("marco-rubio", 1)],
        )
        self.assertContains(response, "<h2>Quoted most</h2>", html=True)

    def test_citation_drops_the_comma_the_writer_put_inside_the_quote(self):
        article = make_article("“We will see,” Rubio said.", title="Rubio waits")
        quote = make_quote(article, "We will see,", speaker=self.people["rubio"])
        response = self.client.get(quote.get_absolute_url())
        # No outlet known: the article's title says where it was reported.
        self.assertEqual(
            response.context["citation"],
            "Marco Rubio, reported in “Rubio waits”, 1 October 2025: “We will see” "
            f"http://testserver{quote.get_absolute_url()}",
        )


class NestedQuoteTests(TestCase):
    """Issue 10: a partial quote inside a claim of the same speaker is one result,
    the claim with the quoted words marked; the quote keeps its own pages."""

    @classmethod
    def setUpTestData(cls):
        cls.lavrov = make_person("Sergei Lavrov")
        cls.article = make_article(
            "Lavrov said the talks were “useful and frank” and would go on.",
            outlet=make_outlet("Reuters"),
            published_on=datetime.date(2025, 10, 2),
        )
        cls.quote = make_quote(cls.article, "useful and frank", speaker=cls.lavrov, partial=True)
        cls.claim = make_claim(
            cls.article, "the talks were “useful and frank” and would go on", speaker=cls.lavrov,
            cue="said",
        )

    def test_lists_show_the_claim_once_with_the_quoted_words_marked(self):
        for url, params in ((reverse("home"), {}), (reverse("home"), {"q": "frank"}),
                            (self.lavrov.get_absolute_url(), {})):
            response = self.client.get(url, params)
            with self.subTest(url=url, params=params):
                self.assertEqual([s.uid for s in response.context["page"]],
                                 [f"claim-{self.claim.pk}"])
                self.assertEqual(response.context["total"], 1)
                html = response.content.decode()
                self.assertIn('<span class="quoted">', html)
                self.assertIn(self.quote.get_absolute_url(), html)
        # A search match inside the quoted words: both marks, well nested.
        response = self.client.get(reverse("home"), {"q": "frank"})
        self.assertIn('<span class="quoted"><mark>frank</mark></span>', response.content.decode())
        response = self.client.get(reverse("home"))
        self.assertIn(
            'the talks were “<span class="quoted">useful and frank</span>” and would go on',
            response.content.decode(),
        )

    def test_the_quote_keeps_its_permalink_article_mark_and_export_row(self):
        self.assertEqual(self.client.get(self.quote.get_absolute_url()).status_code, 200)
        article = self.client.get(self.article.get_absolute_url()).content.decode()
        self.assertIn(f'id="s-quote-{self.quote.pk}"', article)
        response = self.client.get(reverse("export_json"))
        rows = json.loads(b"".join(response.streaming_content))
        inside = {row["uid"]: row["inside_claim"] for row in rows}
        self.assertEqual(inside, {f"quote-{self.quote.pk}": True, f"claim-{self.claim.pk}": False})


class QueryCountTests(TestCase):
    """A page costs the same number of queries for 5 statements as for 40."""

    @classmethod
    def setUpTestData(cls):
        cls.peskov = make_person()
        cls.tass = make_outlet()
        cls.reuters = make_outlet("Reuters")

    def add_statements(self, n):
        for i in range(n):
            speaker = self.peskov if i % 2 else make_person(f"Speaker {i}")
            # The same opening words each time, as when outlets carry one quote.
            words = f"Words on the deadline, we are told, for the {i} time"
            article = make_article(f"“{words},” he said.", outlet=self.reuters)
            make_quote(article, words, speaker=speaker, via=self.tass)
            make_claim(article, "he said", speaker=speaker)

    def count_queries(self, url, params=None, **headers):
        from django.core.cache import cache
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        cache.clear()  # the indexes' counts are cached: count them being made
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(url, params or {}, **headers)
            if response.streaming:
                b"".join(response.streaming_content)
        self.assertEqual(response.status_code, 200)
        return len(captured)

    def test_pages_run_a_fixed_number_of_queries(self):
        self.add_statements(3)
        person_url = self.peskov.get_absolute_url()
        first = Statement.objects.filter(speaker=self.peskov, kind="quote").last()
        cases = [
            (reverse("home"), {}, {}),
            (reverse("home"), {"q": "deadline", "speaker": "dmitry-peskov"}, {}),
            (reverse("home"), {"via": "tass"}, HTMX),
            (person_url, {}, {}),
            (person_url, {"q": "deadline"}, HTMX),
            (self.reuters.get_absolute_url(), {}, {}),
            (first.article.get_absolute_url(), {}, {}),
            # Its words recur in every later Peskov quote: "also reported" grows.
            (first.get_absolute_url(), {}, {}),
            (reverse("person_feed", args=["dmitry-peskov"]), {}, {}),
            (reverse("search_feed"), {"q": "deadline", "via": "tass"}, {}),
            (reverse("export_csv"), {"speaker": "dmitry-peskov"}, {}),
            (reverse("export_json"), {"q": "deadline"}, {}),
            # Issue 12's pages: the indexes, a facet's "show all", the previous page.
            (reverse("people"), {}, {}),
            (reverse("people"), {"q": "speaker"}, {}),
            (reverse("outlets"), {}, {}),
            (reverse("articles"), {}, {}),
            (reverse("facet", args=["speaker"]), {"kind": "quote"}, {}),
        ]
        small = [self.count_queries(url, params, **h) for url, params, h in cases]
        self.add_statements(37)
        also = self.client.get(first.get_absolute_url()).context["also_reported"]
        self.assertGreater(len(also), 5)
        large = [self.count_queries(url, params, **h) for url, params, h in cases]
        self.assertEqual(small, large)
        # And the numbers themselves, so a new per-page query is a conscious choice.
        # A bounded exact count runs in a savepoint with its own time limit: three
        # statements more (SAVEPOINT, SET LOCAL, RELEASE) where one is made, and
        # here a fourth, the limit set back: a test's transaction outlives the
        # savepoint (a request's does not: counting.within).
        # The indexes: page, count (cached, under the total's version) and rows;
        # a name search adds its name lookups.
        self.assertEqual(large, [3, 17, 5, 6, 11, 13, 2, 2, 2, 2, 2, 1, 4, 6, 4, 4, 1])


class UntitledArticleTests(TestCase):
    """Two seed articles have no headline: readers see their opening words, never an
    invented title, and no page loads the article text just for that."""

    @classmethod
    def setUpTestData(cls):
        cls.article = make_article(
            "The Kremlin confirmed Friday that there are no immediate plans for talks between "
            "the two presidents.\n“No, there are no plans,” Peskov told reporters.",
            title="",
        )
        make_quote(cls.article, "No, there are no plans,", speaker=make_person())

    def test_results_and_article_page_show_the_opening_words(self):
        opening = "The Kremlin confirmed Friday that there are no immediate plans for talks …"
        self.assertContains(self.client.get(reverse("home")), "The Kremlin confirmed Friday that")
        response = self.client.get(self.article.get_absolute_url())
        self.assertContains(response, f"<h1>{opening}</h1>", html=True)
        self.assertNotContains(response, "Untitled article")

    def test_the_opening_is_the_first_line_of_the_current_text(self):
        self.article.text = "Moscow is ready to talk.\nMore text."
        self.article.save()
        self.article.refresh_from_db()
        self.assertEqual(self.article.heading, "Moscow is ready to talk.")


class PagePathTests(TestCase):
    """quotes.paths builds the links of every list; it must agree with reverse()."""

    def test_page_path_is_what_reverse_gives(self):
        from django.urls import set_script_prefix

        from quotes.paths import page_path

        cases = [
            ("person", ("dmitry-peskov",)), ("outlet", ("ria-novosti",)),
            ("article", (12,)), ("statement", ("quote", 3)), ("statement", ("claim", 91827364)),
            ("person_feed", ("a_b-9",)), ("home", ()),
        ]
        for prefix in ("/", "/diplomacy/"):
            set_script_prefix(prefix)
            try:
                for name, args in cases:
                    with self.subTest(prefix=prefix, name=name, args=args):
                        self.assertEqual(page_path(name, *args), reverse(name, args=args))
            finally:
                set_script_prefix("/")
