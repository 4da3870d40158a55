"""Hostile traffic (issue 11): bad cursors, oversized queries, floods of
exports and feeds, login attacks through a proxy, and the Content-Security-Policy."""

from __future__ import annotations

import csv
import io

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import TestCase, override_settings
from django.urls import reverse

from quotes.limits import client_ip
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


class ExportParameterTests(TestCase):
    """Item 6: parameters are checked before the first byte."""

    @classmethod
    def setUpTestData(cls):
        cls.people, cls.outlets, cls.articles, cls.s = newsroom()

    def test_more_than_a_thousand_parameters_is_a_clear_400_not_a_cut_off_200(self):
        query = "&".join(f"speaker=x{n}" for n in range(1001))
        for url in ("/export.csv", "/export.json", "/feeds/search/", "/",
                    self.people["peskov"].get_absolute_url()):
            with self.subTest(url=url):
                response = self.client.get(f"{url}?{query}")
                self.assertEqual(response.status_code, 400)
                self.assertFalse(response.streaming)
                self.assertEqual(
                    response.content.decode(), "Too many parameters: at most 1,000.\n"
                )

    def test_a_nul_character_in_any_parameter_is_a_clear_400(self):
        # Found by ``make fuzz``: the admin's own search (?q=%00) reached
        # PostgreSQL, which cannot compare a NUL, and answered 500.
        editor = get_user_model().objects.create_superuser("chief", "c@example.org", PASSWORD)
        self.client.force_login(editor)
        for url in ("/admin/quotes/quote/?q=%00", "/admin/quotes/statement/?q=a%00b",
                    "/?q=%00", "/export.csv?speaker=%00", "/feeds/search/?%00=1"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 400)
                self.assertEqual(
                    response.content.decode(), "Parameters cannot contain NUL characters (%00).\n"
                )

    def test_a_thousand_parameters_still_export(self):
        query = "&".join(f"speaker=x{n}" for n in range(999)) + "&speaker=dmitry-peskov"
        response = self.client.get(f"/export.csv?{query}")
        self.assertEqual(response.status_code, 200)
        text = b"".join(response.streaming_content).decode().lstrip("\ufeff")
        self.assertEqual(
            {row["speaker"] for row in csv.DictReader(io.StringIO(text))}, {"Dmitry Peskov"}
        )


class FeedControlCharacterTests(TestCase):
    """Found by ``make fuzz``: XML 1.0 cannot carry C0 control characters, and
    Django's feed writer raised on them (a 500)."""

    def test_a_search_or_a_statement_with_control_characters_still_makes_a_feed(self):
        from tests.factories import make_article, make_person, make_quote

        article = make_article("“Ready\x0b now\x0c,” Berg said.")
        berg = make_person("Anna\x01 Berg")
        make_quote(article, "Ready\x0b now\x0c,", speaker=berg)
        for url in ("/feeds/search/?q=%01ready%1F", f"/feeds/people/{berg.slug}/",
                    "/feeds/search/"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertNotRegex(response.content.decode(), "[\x00-\x08\x0b\x0c\x0e-\x1f]")
                self.assertIn("Ready now,", response.content.decode())


@override_settings(EXPORT_RATE_LIMIT="3/m", FEED_RATE_LIMIT="5/m")
class RateLimitTests(TestCase):
    """Item 6: exports and feeds are limited per client address, with a clear 429."""

    @classmethod
    def setUpTestData(cls):
        cls.people, cls.outlets, cls.articles, cls.s = newsroom()

    def setUp(self):
        cache.clear()

    def test_exports_past_the_limit_get_429_with_a_reason_and_retry_after(self):
        for _ in range(3):
            self.assertEqual(self.client.get("/export.json").status_code, 200)
        response = self.client.get("/export.csv")
        self.assertEqual(response.status_code, 429)
        self.assertTrue(response.content.decode().startswith(
            "Too many export requests from your address: at most 3 a minute. Try again in "
        ))
        self.assertTrue(1 <= int(response["Retry-After"]) <= 61)
        # Another address is not held back, and pages are not limited.
        self.assertEqual(self.client.get("/export.csv", REMOTE_ADDR="10.9.9.9").status_code, 200)
        self.assertEqual(self.client.get("/").status_code, 200)

    def test_feeds_have_their_own_limit(self):
        feed = self.people["peskov"].get_absolute_url().replace("/people/", "/feeds/people/")
        statuses = [self.client.get(feed).status_code for _ in range(5)]
        statuses.append(self.client.get("/feeds/search/?q=deadline").status_code)
        self.assertEqual(statuses, [200] * 5 + [429])
        self.assertEqual(self.client.get("/export.csv").status_code, 200)

    @override_settings(TRUSTED_PROXY_HEADER="X-Forwarded-For", TRUSTED_PROXY_COUNT=1)
    def test_behind_the_proxy_clients_are_told_apart_by_the_address_it_saw(self):
        for _ in range(3):
            self.client.get("/export.json", HTTP_X_FORWARDED_FOR="203.0.113.7")
        self.assertEqual(
            self.client.get("/export.json", HTTP_X_FORWARDED_FOR="203.0.113.7").status_code, 429
        )
        # Same proxy (REMOTE_ADDR), another reader: not limited.
        self.assertEqual(
            self.client.get("/export.json", HTTP_X_FORWARDED_FOR="198.51.100.4").status_code, 200
        )


class ClientAddressTests(TestCase):
    def request(self, forwarded=None, remote="10.0.0.9"):
        from django.test import RequestFactory

        extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
        return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)

    def test_without_a_proxy_the_header_is_ignored(self):
        self.assertEqual(client_ip(self.request("203.0.113.7")), "10.0.0.9")

    @override_settings(TRUSTED_PROXY_HEADER="X-Forwarded-For", TRUSTED_PROXY_COUNT=1)
    def test_behind_one_proxy_the_last_hop_is_the_client_and_spoofed_hops_are_ignored(self):
        self.assertEqual(client_ip(self.request("203.0.113.7")), "203.0.113.7")
        self.assertEqual(client_ip(self.request("1.2.3.4, 203.0.113.7")), "203.0.113.7")
        self.assertEqual(client_ip(self.request("")), "10.0.0.9")
        self.assertEqual(client_ip(self.request("not-an-address")), "10.0.0.9")

    @override_settings(TRUSTED_PROXY_HEADER="X-Forwarded-For", TRUSTED_PROXY_COUNT=2)
    def test_behind_two_proxies_the_second_last_hop_is_the_client(self):
        self.assertEqual(client_ip(self.request("6.6.6.6, 203.0.113.7, 10.1.1.1")),
                         "203.0.113.7")
        self.assertEqual(client_ip(self.request("203.0.113.7")), "10.0.0.9")


@override_settings(
    AXES_FAILURE_LIMIT=5, AXES_ADDRESS_FAILURE_LIMIT=20,
    TRUSTED_PROXY_HEADER="X-Forwarded-For", TRUSTED_PROXY_COUNT=1,
    # 100 logins: a fast hasher keeps them from costing seconds each.
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
)
class LoginAttackTests(TestCase):
    """Item 7: behind the proxy, an attack from one address locks out neither the
    real editor elsewhere nor stops short of limiting guesses across usernames."""

    PROXY = "10.0.0.1"
    ATTACKER = "203.0.113.66"
    EDITOR = "198.51.100.20"

    @classmethod
    def setUpTestData(cls):
        get_user_model().objects.create_user("editor", password=PASSWORD, is_staff=True)

    def login(self, username, password, address):
        return self.client.post(
            reverse("admin:login"),
            {"username": username, "password": password, "next": reverse("admin:index")},
            REMOTE_ADDR=self.PROXY, HTTP_X_FORWARDED_FOR=address,
        )

    def test_the_editor_logs_in_from_another_address_during_an_attack(self):
        for _ in range(10):
            self.login("editor", "guess", self.ATTACKER)
        self.assertEqual(self.login("editor", PASSWORD, self.ATTACKER).status_code, 429)
        # Everyone comes through the same proxy; the editor's own address is clean.
        self.assertRedirects(self.login("editor", PASSWORD, self.EDITOR), reverse("admin:index"))

    def test_guessing_across_usernames_from_one_address_is_limited(self):
        statuses = [
            self.login(f"user{n % 20}", "guess", self.ATTACKER).status_code for n in range(80)
        ]
        # 20 usernames, 4 guesses each: no pair reaches 5, but the address reaches 20.
        self.assertEqual(statuses[:19], [200] * 19)
        self.assertEqual(set(statuses[19:]), {429})
        self.assertEqual(self.login("editor", PASSWORD, self.ATTACKER).status_code, 429)
        self.assertRedirects(self.login("editor", PASSWORD, self.EDITOR), reverse("admin:index"))

    def test_a_few_mistakes_from_an_office_lock_no_one(self):
        for n in range(10):
            self.login(f"colleague{n}", "typo", self.EDITOR)
        self.assertRedirects(self.login("editor", PASSWORD, self.EDITOR), reverse("admin:index"))


class ContentSecurityPolicyTests(TestCase):
    """Item 8: every response carries a policy that allows only the app's own code."""

    @classmethod
    def setUpTestData(cls):
        cls.people, cls.outlets, cls.articles, cls.s = newsroom()

    def test_every_page_export_feed_and_error_carries_the_policy(self):
        urls = [
            "/", "/?q=deadline", self.people["peskov"].get_absolute_url(),
            self.outlets["reuters"].get_absolute_url(), self.articles["first"].get_absolute_url(),
            self.s["peskov"].get_absolute_url(), "/export.csv", "/export.json",
            "/feeds/search/", "/admin/login/", "/no-such-page/", "/static/css/app.css",
        ]
        for url in urls:
            with self.subTest(url=url):
                policy = self.client.get(url)["Content-Security-Policy"]
                directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
                self.assertEqual(directives["script-src"], "'self'")
                self.assertEqual(directives["style-src"], "'self'")
                self.assertEqual(directives["default-src"], "'self'")
                self.assertEqual(directives["object-src"], "'none'")
                self.assertEqual(directives["frame-ancestors"], "'none'")

    def test_pages_have_no_inline_script_or_style(self):
        editor = get_user_model().objects.create_superuser("chief", "c@example.org", PASSWORD)
        self.client.force_login(editor)
        for url in ["/", self.articles["first"].get_absolute_url(), "/admin/",
                    "/admin/quotes/statement/", "/admin/quotes/quote/",
                    f"/admin/quotes/person/{self.people['peskov'].pk}/history/"]:
            with self.subTest(url=url):
                html = self.client.get(url).content.decode()
                self.assertNotIn("<style", html)
                self.assertNotIn(' style="', html)
                self.assertNotRegex(html, r"<script(?![^>]*\bsrc=)[^>]*>")
