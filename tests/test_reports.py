"""Corrections in public (issue 12, item 4 and 6, 8): what an editor changed is
shown on the statement's page; readers report errors without an account, and
editors find and resolve the reports in admin; the article page folds page
furniture away and shows each statement's review; admin shows importer
history, formatted times and the reassign page's paragraph."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import Group
from django.test import Client, TestCase, override_settings
from django.urls import reverse

from quotes import editing
from quotes.models import ErrorReport, StatementBase
from quotes.permissions import EDITORS_GROUP
from tests.factories import make_article, make_outlet, make_person, make_quote
from tests.test_admin import AdminTestCase, make_editor

Status = StatementBase.Status


class PublicCorrectionTests(AdminTestCase):
    def test_a_reassigned_statement_says_whom_it_was_credited_to(self):
        kremlin = make_person("The Kremlin", kind="organization")
        editing.reassign([self.ready], kremlin, self.editor)
        editing.reassign([self.ready], self.peskov, self.editor)
        response = self.client.get(self.ready.get_absolute_url())
        # Compared with the extractor's version, not the intermediate one.
        self.assertContains(response, "Corrected by an editor:</strong> speaker was Marco Rubio.")
        self.assertContains(response, "Corrected")

    def test_an_edited_text_and_cue_say_what_they_were(self):
        quote = self.ready
        quote.text, quote.cue = "We are ready", "told reporters"
        quote.end = quote.start + len(quote.text)
        editing.record_edit(quote, ["text", "cue"], self.editor)
        quote.save()
        response = self.client.get(quote.get_absolute_url())
        self.assertContains(response, "text was “We are ready to talk”")
        self.assertContains(response, "no cue")

    def test_an_unreviewed_or_verified_statement_shows_no_correction(self):
        editing.verify([self.agreed], self.editor)
        for quote in (self.agreed, self.script):
            self.assertNotContains(self.client.get(quote.get_absolute_url()), "Corrected by")


class ReportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article("“We are ready,” Peskov said.", title="Ready")
        cls.quote = make_quote(cls.article, "We are ready", speaker=make_person())

    def post(self, client=None, **data):
        fields = {"article": self.article.pk, "statement": f"quote-{self.quote.pk}",
                  "message": "Peskov did not say this; Lavrov did."}
        fields.update(data)
        return (client or self.client).post(reverse("report"), fields)

    def test_statement_and_article_pages_carry_the_form(self):
        for url in (self.quote.get_absolute_url(), self.article.get_absolute_url()):
            response = self.client.get(url)
            self.assertContains(response, "Report an error")
            self.assertContains(response, 'name="csrfmiddlewaretoken"')
            self.assertContains(response, f'name="article" value="{self.article.pk}"')

    def test_a_report_is_stored_and_the_reader_thanked(self):
        response = self.post(email="reader@example.org")
        self.assertRedirects(response, f"{self.quote.get_absolute_url()}?reported=1#report",
                             fetch_redirect_response=False)
        report = ErrorReport.objects.get()
        self.assertEqual(report.article, self.article)
        self.assertEqual(report.statement_uid, f"quote-{self.quote.pk}")
        self.assertEqual(report.email, "reader@example.org")
        thanked = self.client.get(response["Location"])
        self.assertContains(thanked, "Your report is with the editors")

    def test_a_report_without_words_is_refused_and_nothing_stored(self):
        response = self.post(message="   ")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "This field is required", status_code=400)
        self.assertFalse(ErrorReport.objects.exists())

    def test_an_unknown_article_is_404_and_a_get_is_refused(self):
        self.assertEqual(self.post(article="999999").status_code, 404)
        self.assertEqual(self.client.get(reverse("report")).status_code, 405)
        form = self.client.get(reverse("report_form"), {"article": self.article.pk})
        self.assertContains(form, "What is wrong?")

    def test_the_form_needs_its_csrf_token(self):
        strict = Client(enforce_csrf_checks=True)
        self.assertEqual(self.post(client=strict).status_code, 403)
        page = strict.get(self.quote.get_absolute_url())
        token = page.cookies["csrftoken"].value
        response = self.post(client=strict, csrfmiddlewaretoken=token)
        self.assertEqual(response.status_code, 302)

    @override_settings(REPORT_RATE_LIMIT="2/h")
    def test_reports_are_rate_limited_per_address(self):
        from django.core.cache import cache

        cache.clear()
        statuses = [self.post(REMOTE_ADDR="10.9.8.7").status_code for _ in range(3)]
        self.assertEqual(statuses, [302, 302, 429])
        self.assertEqual(ErrorReport.objects.count(), 2)


class ReportAdminTests(AdminTestCase):
    def setUp(self):
        super().setUp()
        self.report = ErrorReport.objects.create(
            article=self.article, statement_uid=f"quote-{self.ready.pk}",
            message="This is Peskov, not Rubio.", email="reader@example.org",
        )

    def test_the_review_queue_links_to_the_open_reports(self):
        response = self.changelist("statement")
        self.assertContains(response, "Readers' error reports (1 open)")
        listed = self.changelist("errorreport")
        self.assertContains(listed, "This is Peskov, not Rubio.")
        self.assertContains(listed, reverse("admin:quotes_quote_change", args=[self.ready.pk]))

    def test_an_editor_resolves_a_report(self):
        response = self.client.post(
            reverse("admin:quotes_errorreport_changelist"),
            {"action": "resolve", "_selected_action": [self.report.pk]},
        )
        self.assertEqual(response.status_code, 302)
        self.report.refresh_from_db()
        self.assertEqual(self.report.resolved_by, self.editor)
        self.assertNotContains(self.changelist("errorreport"), "This is Peskov")  # open only
        self.assertContains(self.changelist("errorreport", state="resolved"), "This is Peskov")

    def test_saving_a_note_resolves_it(self):
        url = reverse("admin:quotes_errorreport_change", args=[self.report.pk])
        self.client.post(url, {"note": "Reassigned to Peskov."})
        self.report.refresh_from_db()
        self.assertIsNotNone(self.report.resolved_at)

    def test_editors_may_view_and_change_reports_not_add_or_delete(self):
        group = Group.objects.get(name=EDITORS_GROUP)
        codenames = set(group.permissions.values_list("codename", flat=True))
        self.assertLessEqual({"view_errorreport", "change_errorreport"}, codenames)
        self.assertFalse({"add_errorreport", "delete_errorreport"} & codenames)


class AdminFrictionTests(AdminTestCase):
    def test_untitled_articles_are_named_by_their_opening_words(self):
        untitled = make_article("The Kremlin said on Friday that talks would resume.\nMore.",
                                title="", source="/srv/imports/2025/10/a81f.txt")
        self.assertEqual(str(untitled), "The Kremlin said on Friday that talks would resume.")
        response = self.client.get(reverse("admin:quotes_article_changelist"))
        self.assertContains(response, "The Kremlin said on Friday")

    def test_history_says_importer_and_formats_times(self):
        editing.verify([self.ready], self.editor)
        response = self.client.get(reverse("admin:quotes_quote_history", args=[self.ready.pk]))
        body = response.content.decode()
        self.assertIn("importer", body)
        self.assertIn("Imported: found by the extractor", body)
        self.assertNotIn(">None<", body.replace(" ", "").replace("\n", ""))
        # Times (the review's among the changes) read "30 Nov 2026 13:20", not ISO.
        self.assertNotRegex(body, r">[^<]*\d{4}-\d\d-\d\d[ T]\d\d:\d\d")
        self.assertRegex(
            body,
            r"<strong>Reviewed at:</strong>\s*none\s*&nbsp;&rarr;&nbsp;&nbsp;"
            r"\d{1,2} \w{3} \d{4} \d\d:\d\d",
        )

    def test_reassign_page_shows_each_statement_in_its_paragraph(self):
        response = self.act("statement", "reassign_speaker", [f"quote-{self.ready.pk}"])
        self.assertContains(response, '<div class="statement-context">', html=False)
        self.assertContains(response, "<mark>We are ready to talk</mark>", html=False)


class ArticlePageTests(TestCase):
    def test_page_furniture_is_folded_and_reviews_shown(self):
        editor = make_editor()
        text = (
            "Skip to content\nTalks resume\n"
            "“We are ready,” Peskov told reporters.\n"
            "“Not yet,” Rubio said.\n"
            "Talks resume\nLeave a Reply\nYour email address will not be published."
        )
        article = make_article(text, outlet=make_outlet(), title="Talks resume",
                               published_on=datetime.date(2025, 10, 1))
        ready = make_quote(article, "We are ready", speaker=make_person())
        make_quote(article, "Not yet", speaker=make_person("Marco Rubio"))
        editing.verify([ready], editor)
        body = self.client.get(article.get_absolute_url()).content.decode()
        text_html = body.split('id="article-text">')[1].split("</div>")[0]
        self.assertIn("2 lines of page furniture", text_html)  # skip link, headline
        self.assertIn("3 lines of page furniture", text_html)  # headline, reply, e-mail
        self.assertEqual(text_html.count('<details class="furniture">'), 2)
        self.assertIn("st-verified", text_html)
        self.assertIn("verified by an editor", text_html)
        self.assertIn("not reviewed yet", text_html)
        side = body.split('class="side-list"')[1]
        self.assertIn('class="badge verified"', side)
        self.assertIn("not reviewed", side)
