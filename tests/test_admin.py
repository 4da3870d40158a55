"""The editors' admin through the test client, logged in as a member of Editors."""

import datetime

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quotes import editing
from quotes.models import Article, Claim, Outlet, Person, PersonAlias, Quote, StatementBase
from quotes.permissions import ensure_editors_group
from tests.factories import make_article, make_claim, make_outlet, make_person, make_quote

Status = StatementBase.Status

TEXT = (
    "Moscow, 1 October.\n"
    "“We are ready to talk,” Kremlin spokesman Dmitry Peskov told reporters. "
    "“<script>alert(1)</script> is not a policy,” he added.\n"
    "Peskov also stressed that the deadline was not fixed.\n"
    "“Nothing is agreed,” Rubio said."
)


def make_editor(username="editor"):
    group, _ = ensure_editors_group()
    user = get_user_model().objects.create_user(username, password="x-Secret-42", is_staff=True)
    user.groups.add(group)
    return user


class AdminTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_editor()
        cls.tass = make_outlet("TASS")
        cls.peskov = make_person("Dmitry Peskov", title="Kremlin spokesman")
        cls.peskov.aliases.create(text="Kremlin spokesman", kind=PersonAlias.Kind.ROLE)
        cls.rubio = make_person("Marco Rubio")
        cls.article = make_article(TEXT, outlet=cls.tass, title="Peskov on talks")
        cls.ready = make_quote(cls.article, "We are ready to talk", speaker=cls.rubio,
                               speaker_mention="Dmitry Peskov", confidence=0.35)
        cls.script = make_quote(cls.article, "<script>alert(1)</script> is not a policy",
                                speaker=cls.peskov, confidence=0.6)
        cls.agreed = make_quote(cls.article, "Nothing is agreed", speaker=cls.rubio,
                                confidence=0.95)
        cls.deadline = make_claim(cls.article, "the deadline was not fixed",
                                  speaker=cls.peskov, confidence=0.5)

    def setUp(self):
        self.client.force_login(self.editor)

    def changelist(self, model_name, **params):
        return self.client.get(reverse(f"admin:quotes_{model_name}_changelist"), params)

    def act(self, model_name, action, pks, **extra):
        return self.client.post(
            reverse(f"admin:quotes_{model_name}_changelist"),
            {"action": action, "_selected_action": [str(pk) for pk in pks], **extra},
        )


class IndexAndListTests(AdminTestCase):
    def test_index_has_the_site_header_and_a_link_to_the_review_queue(self):
        response = self.client.get(reverse("admin:index"))
        self.assertContains(response, "diplomacy editors")
        self.assertContains(response, reverse("admin:quotes_statement_changelist"))

    def test_every_model_list_and_change_page_opens_for_an_editor(self):
        pages = {
            "quote": self.ready.pk,
            "claim": self.deadline.pk,
            "person": self.peskov.pk,
            "personalias": self.peskov.aliases.get().pk,
            "outlet": self.tass.pk,
            "article": self.article.pk,
        }
        for name, pk in pages.items():
            with self.subTest(name):
                self.assertEqual(self.changelist(name).status_code, 200)
                url = reverse(f"admin:quotes_{name}_change", args=[pk])
                self.assertEqual(self.client.get(url).status_code, 200)
                history = reverse(f"admin:quotes_{name}_history", args=[pk])
                self.assertEqual(self.client.get(history).status_code, 200)
        self.assertEqual(self.changelist("statement").status_code, 200)

    def test_quote_list_shows_excerpt_speaker_article_outlet_confidence_status(self):
        response = self.changelist("quote")
        for text in ("We are ready to talk", "Marco Rubio", "Peskov on talks", "TASS", "0.35",
                     "Automatic"):
            self.assertContains(response, text)

    def test_quote_list_filters_by_confidence_band_status_and_speaker(self):
        low = self.changelist("quote", confidence_band="low")
        self.assertEqual([q.pk for q in low.context["cl"].result_list], [self.ready.pk])
        high = self.changelist("quote", confidence_band="high")
        self.assertEqual([q.pk for q in high.context["cl"].result_list], [self.agreed.pk])
        by_speaker = self.changelist("quote", speaker__id__exact=self.peskov.pk)
        self.assertEqual([q.pk for q in by_speaker.context["cl"].result_list], [self.script.pk])
        verified = self.changelist("quote", status__exact="verified")
        self.assertEqual(list(verified.context["cl"].result_list), [])
        elsewhere = make_article("“Fine,” Rubio said.", outlet=make_outlet("Reuters"))
        fine = make_quote(elsewhere, "Fine,", speaker=self.rubio)
        by_outlet = self.changelist("statement", status="all", outlet=elsewhere.outlet_id)
        self.assertEqual([s.uid for s in by_outlet.context["cl"].result_list],
                         [f"quote-{fine.pk}"])

    def test_the_speaker_filter_offers_the_most_frequent_the_chosen_and_none(self):
        for n in range(20):
            make_claim(self.article, "Nothing is agreed", speaker=make_person(f"Rare {n:02}"))
        rare = Person.objects.get(name="Rare 19")  # one statement, and last by id
        unattributed = make_claim(self.article, "the deadline was not fixed", speaker=None)

        def speakers(**params):
            response = self.changelist("statement", status="all", **params)
            spec = next(f for f in response.context["cl"].filter_specs
                        if f.parameter_name == "speaker__id__exact")
            return [label for _, label in spec.lookup_choices], response

        offered, _ = speakers()
        self.assertEqual(offered[:2], ["Dmitry Peskov", "Marco Rubio"])  # 2 statements each
        self.assertEqual((len(offered), offered[-1]), (16, "None"))  # 15 of 22, and None
        self.assertNotIn("Rare 19", offered)
        offered, response = speakers(speaker__id__exact=rare.pk)
        self.assertIn("Rare 19", offered)
        self.assertEqual([s.speaker_id for s in response.context["cl"].result_list], [rare.pk])
        _, response = speakers(speaker__id__exact="none")
        self.assertEqual([s.uid for s in response.context["cl"].result_list],
                         [f"claim-{unattributed.pk}"])

    def test_quote_list_search_finds_text_and_speaker(self):
        found = self.changelist("quote", q="agreed")
        self.assertEqual([q.pk for q in found.context["cl"].result_list], [self.agreed.pk])
        by_name = self.changelist("claim", q="Peskov")
        self.assertEqual([c.pk for c in by_name.context["cl"].result_list], [self.deadline.pk])

    def test_review_queue_shows_unreviewed_quotes_and_claims_lowest_confidence_first(self):
        self.agreed.status = Status.VERIFIED
        self.agreed.save()
        response = self.changelist("statement")
        uids = [s.uid for s in response.context["cl"].result_list]
        expected = [f"quote-{self.ready.pk}", f"claim-{self.deadline.pk}",
                    f"quote-{self.script.pk}"]
        self.assertEqual(uids, expected)
        self.assertContains(response, "Review queue")
        everything = self.changelist("statement", status="all")
        self.assertEqual(everything.context["cl"].result_count, 4)
        claims = self.changelist("statement", kind="claim")
        self.assertEqual([s.uid for s in claims.context["cl"].result_list],
                         [f"claim-{self.deadline.pk}"])

    def test_statement_lists_run_a_fixed_number_of_queries(self):
        def count(name):
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.changelist(name).status_code, 200)
            return len(queries)

        before = {name: count(name) for name in ("quote", "statement", "person", "outlet",
                                                 "article")}
        for n in range(10):
            article = make_article(f"“Line {n},” Peskov said.", outlet=make_outlet(f"O{n}"))
            make_quote(article, f"Line {n}", speaker=make_person(f"Person {n}"))
        after = {name: count(name) for name in before}
        self.assertEqual(after, before)

    def test_person_list_shows_statement_counts_and_sorts_by_them(self):
        # Column 8 is "claims" (column 0 is the action checkbox).
        response = self.changelist("person", o="-8")
        counts = [(p.name, p.quote_count, p.claim_count, p.statement_count)
                  for p in response.context["cl"].result_list]
        self.assertEqual(counts, [("Dmitry Peskov", 1, 1, 2), ("Marco Rubio", 2, 0, 2)])
        ascending = self.changelist("person", o="8")
        self.assertEqual(ascending.context["cl"].result_list[0], self.rubio)

    def test_outlet_list_counts_published_statements(self):
        response = self.changelist("outlet")
        tass = next(o for o in response.context["cl"].result_list if o.pk == self.tass.pk)
        self.assertEqual((tass.article_count, tass.statement_count), (1, 4))

    def test_person_autocomplete_finds_people_by_alias(self):
        response = self.client.get(
            reverse("admin:autocomplete"),
            {"app_label": "quotes", "model_name": "quote", "field_name": "speaker",
             "term": "spokesman"},
        )
        self.assertEqual(response.status_code, 200)
        # With the role, so namesakes can be told apart.
        self.assertEqual(
            [r["text"] for r in response.json()["results"]], ["Dmitry Peskov — Kremlin spokesman"]
        )


class ChangeFormTests(AdminTestCase):
    def change_url(self, statement):
        return reverse(f"admin:quotes_{statement.kind}_change", args=[statement.pk])

    def form_data(self, statement, **changes):
        data = {
            "text": statement.text,
            "speaker": statement.speaker_id or "",
            "speaker_mention": statement.speaker_mention,
            "cue": statement.cue,
            "stance": statement.stance,
            "via": statement.via_id or "",
            "status": statement.status,
            "start": statement.start,
            "end": statement.end,
        }
        data.update(changes)
        return data

    def test_change_page_marks_the_statement_in_its_escaped_paragraph(self):
        response = self.client.get(self.change_url(self.script))
        self.assertContains(
            response, "<mark>&lt;script&gt;alert(1)&lt;/script&gt; is not a policy</mark>"
        )
        # The rest of the paragraph around it, but not the other paragraphs.
        self.assertContains(response, "Kremlin spokesman Dmitry Peskov told reporters")
        self.assertNotContains(response, "Moscow, 1 October")
        self.assertNotContains(response, "<script>alert(1)</script>")

    def test_changing_the_speaker_marks_the_statement_corrected(self):
        response = self.client.post(self.change_url(self.ready),
                                    self.form_data(self.ready, speaker=self.peskov.pk))
        self.assertEqual(response.status_code, 302)
        self.ready.refresh_from_db()
        self.assertEqual(self.ready.speaker, self.peskov)
        self.assertEqual(self.ready.status, Status.CORRECTED)
        self.assertEqual(self.ready.reviewed_by, self.editor)
        record = self.ready.history.latest()
        self.assertEqual(record.history_user, self.editor)
        self.assertEqual(record.prev_record.speaker_id, self.rubio.pk)

    def test_changing_the_text_marks_corrected_and_moves_the_offsets(self):
        self.client.post(self.change_url(self.ready),
                         self.form_data(self.ready, text="ready to talk"))
        self.ready.refresh_from_db()
        self.assertEqual(self.ready.status, Status.CORRECTED)
        self.assertEqual(TEXT[self.ready.start : self.ready.end], "ready to talk")

    def test_text_that_is_not_in_the_article_is_refused(self):
        response = self.client.post(self.change_url(self.ready),
                                    self.form_data(self.ready, text="We are never ready"))
        self.assertContains(response, "does not occur in the article")
        self.ready.refresh_from_db()
        self.assertEqual(self.ready.text, "We are ready to talk")

    def test_correcting_the_cue_or_via_marks_corrected(self):
        self.client.post(self.change_url(self.agreed),
                         self.form_data(self.agreed, cue="said", via=self.tass.pk))
        self.agreed.refresh_from_db()
        self.assertEqual((self.agreed.cue, self.agreed.via, self.agreed.status),
                         ("said", self.tass, Status.CORRECTED))
        self.assertEqual(self.agreed.history.latest().history_change_reason,
                         "Corrected cue, via")

    def test_changing_only_the_status_is_that_review(self):
        self.client.post(self.change_url(self.agreed),
                         self.form_data(self.agreed, status=Status.VERIFIED))
        self.agreed.refresh_from_db()
        self.assertEqual((self.agreed.status, self.agreed.reviewed_by),
                         (Status.VERIFIED, self.editor))

    def test_an_editor_can_add_a_missed_statement_without_typing_offsets(self):
        response = self.client.post(
            reverse("admin:quotes_claim_add"),
            {"article": self.article.pk, "text": "Nothing is agreed", "speaker": self.rubio.pk,
             "speaker_mention": "Rubio", "cue": "said", "stance": "asserts",
             "status": "automatic"},
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        claim = Claim.objects.get(text="Nothing is agreed")
        self.assertEqual(TEXT[claim.start : claim.end], "Nothing is agreed")
        self.assertEqual((claim.status, claim.reviewed_by), (Status.CORRECTED, self.editor))

    def test_history_page_shows_who_changed_what(self):
        self.client.post(self.change_url(self.ready),
                         self.form_data(self.ready, speaker=self.peskov.pk))
        response = self.client.get(reverse("admin:quotes_quote_history", args=[self.ready.pk]))
        self.assertContains(response, "editor")
        self.assertContains(response, "Corrected speaker")
        self.assertContains(response, "Marco Rubio")
        self.assertContains(response, "Dmitry Peskov")
        self.assertNotContains(response, "pk=None")  # "Reviewed by: none -> editor"

    def test_a_form_opened_before_a_colleagues_change_does_not_save_over_it(self):
        url = self.change_url(self.ready)
        opened = self.client.get(url)
        self.assertContains(opened, 'name="version"')
        version = opened.context["adminform"].form["version"].value()
        colleague = make_editor("colleague")
        editing.reassign([self.ready], self.peskov, colleague)

        stale = self.form_data(self.ready, speaker=self.rubio.pk, cue="said", version=version)
        response = self.client.post(url, stale)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "colleague changed this quote at")
        self.assertContains(response, "Speaker Marco Rubio -&gt; Dmitry Peskov")
        self.ready.refresh_from_db()
        self.assertEqual((self.ready.speaker, self.ready.cue), (self.peskov, ""))

        # Reloaded, the editor's next save goes through.
        version = self.client.get(url).context["adminform"].form["version"].value()
        response = self.client.post(url, {**stale, "version": version})
        self.assertEqual(response.status_code, 302)
        self.ready.refresh_from_db()
        self.assertEqual((self.ready.speaker, self.ready.cue), (self.rubio, "said"))

    def test_a_person_form_opened_before_a_colleagues_change_does_not_save_over_it(self):
        url = reverse("admin:quotes_person_change", args=[self.rubio.pk])
        version = self.client.get(url).context["adminform"].form["version"].value()
        self.rubio.title = "US Secretary of State"
        self.rubio.save()
        response = self.client.post(url, {
            "name": "Marco Rubio", "kind": "person", "title": "", "organisation": "",
            "country": "", "version": version,
            "aliases-TOTAL_FORMS": 0, "aliases-INITIAL_FORMS": 0,
            "aliases-MIN_NUM_FORMS": 0, "aliases-MAX_NUM_FORMS": 1000,
        })
        self.assertContains(response, "changed this person at")
        self.rubio.refresh_from_db()
        self.assertEqual(self.rubio.title, "US Secretary of State")

    def test_reverting_to_the_extractors_version_is_recorded_as_a_revert(self):
        self.client.post(self.change_url(self.ready),
                         self.form_data(self.ready, speaker=self.peskov.pk))
        original = self.ready.history.earliest()
        url = reverse("admin:quotes_quote_simple_history",
                      args=[self.ready.pk, original.history_id])
        form = self.client.get(url).context["adminform"].form
        data = {name: form[name].value() or "" for name in form.fields}
        data["partial"] = ""  # an unchecked box is not sent
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302)
        self.ready.refresh_from_db()
        self.assertEqual((self.ready.speaker, self.ready.status, self.ready.reviewed_by),
                         (self.rubio, Status.AUTOMATIC, None))
        record = self.ready.history.latest()
        self.assertEqual(record.history_user, self.editor)
        self.assertTrue(record.history_change_reason.startswith("Reverted to the version of "))

    def test_a_persons_history_shows_inline_alias_edits_with_who_made_them(self):
        alias = self.peskov.aliases.get()
        url = reverse("admin:quotes_person_change", args=[self.peskov.pk])
        response = self.client.post(url, {
            "name": "Dmitry Peskov", "kind": "person", "title": "Kremlin spokesman",
            "organisation": "", "country": "",
            "aliases-TOTAL_FORMS": 2, "aliases-INITIAL_FORMS": 1,
            "aliases-MIN_NUM_FORMS": 0, "aliases-MAX_NUM_FORMS": 1000,
            "aliases-0-id": alias.pk, "aliases-0-person": self.peskov.pk,
            "aliases-0-text": "Kremlin press secretary", "aliases-0-kind": "role",
            "aliases-1-person": self.peskov.pk, "aliases-1-text": "Peskov",
            "aliases-1-kind": "name",
        })
        self.assertEqual(response.status_code, 302, response.content[:3000])
        history = self.client.get(reverse("admin:quotes_person_history", args=[self.peskov.pk]))
        changes = [(c["what"], str(c["user"])) for c in history.context["alias_changes"]]
        self.assertCountEqual(changes, [
            ("Added “Peskov” (name or spelling)", "editor"),
            ("Changed “Kremlin spokesman” (role description) to "
             "“Kremlin press secretary” (role description)", "editor"),
            ("Added “Kremlin spokesman” (role description)", "None"),  # the set-up's
        ])
        self.assertContains(history, "Aliases and roles")

    def test_changing_an_articles_date_moves_its_statements_date(self):
        url = reverse("admin:quotes_article_change", args=[self.article.pk])
        data = {"title": self.article.title, "outlet": self.tass.pk, "url": "", "author": "",
                "published_on": "2025-11-02"}
        for prefix in ("quotes", "claims"):
            total = Quote.objects.count() if prefix == "quotes" else Claim.objects.count()
            data |= {f"{prefix}-TOTAL_FORMS": total, f"{prefix}-INITIAL_FORMS": total,
                     f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000}
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, response.content[:3000])
        self.deadline.refresh_from_db()
        self.assertEqual(self.deadline.published_on, datetime.date(2025, 11, 2))

    def test_article_page_lists_its_statements_with_links(self):
        response = self.client.get(reverse("admin:quotes_article_change", args=[self.article.pk]))
        self.assertContains(response, reverse("admin:quotes_quote_change", args=[self.ready.pk]))
        self.assertContains(response,
                            reverse("admin:quotes_claim_change", args=[self.deadline.pk]))


class StatementActionTests(AdminTestCase):
    def test_verify_action_on_quotes(self):
        response = self.act("quote", "verify", [self.ready.pk, self.agreed.pk])
        self.assertEqual(response.status_code, 302)
        for quote in (self.ready, self.agreed):
            quote.refresh_from_db()
            self.assertEqual((quote.status, quote.reviewed_by), (Status.VERIFIED, self.editor))
            self.assertEqual(quote.history.latest().history_user, self.editor)
        self.script.refresh_from_db()
        self.assertEqual(self.script.status, Status.AUTOMATIC)

    def test_reject_action_from_the_review_queue_acts_on_quotes_and_claims(self):
        uids = [f"quote-{self.ready.pk}", f"claim-{self.deadline.pk}"]
        response = self.act("statement", "reject", uids)
        self.assertEqual(response.status_code, 302)
        self.ready.refresh_from_db()
        self.deadline.refresh_from_db()
        self.assertEqual(self.ready.status, Status.REJECTED)
        self.assertEqual(self.deadline.status, Status.REJECTED)
        self.assertEqual(self.deadline.history.latest().history_change_reason, "Rejected")
        self.assertIsNotNone(self.deadline.reviewed_at)
        # Rejected statements leave the queue.
        queue = self.changelist("statement")
        self.assertNotIn(f"quote-{self.ready.pk}",
                         [s.uid for s in queue.context["cl"].result_list])

    def test_reject_with_a_reason_asks_for_it_and_the_permalink_gives_it(self):
        uids = [f"quote-{self.ready.pk}"]
        page = self.act("statement", "reject_with_reason", uids)
        self.assertEqual(page.status_code, 200)
        self.assertTemplateUsed(page, "admin/quotes/action_form.html")
        self.assertContains(page, "We are ready to talk")
        self.ready.refresh_from_db()
        self.assertEqual(self.ready.status, Status.AUTOMATIC)  # not before it is applied
        reason = "Not a statement: a summary by the writer"
        response = self.act("statement", "reject_with_reason", uids, apply="1", reason=reason)
        self.assertEqual(response.status_code, 302)
        self.ready.refresh_from_db()
        self.assertEqual(self.ready.status, Status.REJECTED)
        self.assertEqual(self.ready.history.latest().history_change_reason, f"Rejected: {reason}")
        permalink = self.client.get(self.ready.get_absolute_url())
        self.assertContains(permalink, reason, status_code=410)

    def test_actions_on_all_matching_rows_respect_the_filters(self):
        # "Select all N" in the queue filtered to low confidence rejects only those.
        url = reverse("admin:quotes_statement_changelist") + "?confidence_band=low"
        response = self.client.post(url, {"action": "reject", "select_across": "1",
                                          "index": "0",
                                          "_selected_action": [f"quote-{self.ready.pk}"]})
        self.assertEqual(response.status_code, 302)
        rejected = {s.text for model in (Quote, Claim)
                    for s in model.objects.filter(status=Status.REJECTED)}
        self.assertEqual(rejected, {"We are ready to talk"})

    def test_reassign_action_asks_for_the_speaker_with_an_autocomplete(self):
        response = self.act("quote", "reassign_speaker", [self.ready.pk])
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "admin/quotes/action_form.html")
        self.assertContains(response, "admin-autocomplete")
        self.assertContains(response, "We are ready to talk")
        self.ready.refresh_from_db()
        self.assertEqual(self.ready.speaker, self.rubio)

    def test_reassign_action_applies_the_chosen_speaker(self):
        uids = [f"quote-{self.ready.pk}", f"quote-{self.agreed.pk}"]
        response = self.act("statement", "reassign_speaker", uids,
                            apply="Reassign", speaker=self.peskov.pk)
        self.assertEqual(response.status_code, 302)
        for quote in (self.ready, self.agreed):
            quote.refresh_from_db()
            self.assertEqual(quote.speaker, self.peskov)
            self.assertEqual(quote.status, Status.CORRECTED)
            self.assertEqual(quote.history.latest().history_user, self.editor)

    def test_reassign_without_a_speaker_shows_the_form_again(self):
        response = self.act("quote", "reassign_speaker", [self.ready.pk], apply="Reassign")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "This field is required")


class PersonMergeActionTests(AdminTestCase):
    def test_merge_action_asks_for_the_target(self):
        dup = make_person("Dmitri Peskov")
        response = self.act("person", "merge_into", [self.peskov.pk, dup.pk])
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "admin-autocomplete")
        self.assertContains(response, "Dmitri Peskov · 0 quotes, 0 claims")
        self.assertContains(response, "Dmitry Peskov · Kremlin spokesman · 1 quotes, 1 claims")
        # The best-quoted person is offered as the one to keep.
        self.assertEqual(response.context["form"].initial["target"], self.peskov)
        self.assertTrue(Person.objects.filter(pk=dup.pk).exists())

    def test_merge_action_folds_duplicates_into_the_target(self):
        dup = make_person("Dmitri Peskov")
        make_quote(self.article, "Nothing is agreed", speaker=dup)
        response = self.act("person", "merge_into", [self.peskov.pk, dup.pk],
                            apply="Merge", target=self.peskov.pk)
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Person.objects.filter(pk=dup.pk).exists())
        self.assertEqual(Quote.objects.filter(speaker=self.peskov).count(), 2)
        self.assertTrue(self.peskov.aliases.filter(text="Dmitri Peskov").exists())
        deleted = Person.history.get(id=dup.pk, history_type="-")
        self.assertEqual(deleted.history_user, self.editor)

    def test_history_of_a_moved_statement_names_the_merged_away_person(self):
        dup = make_person("Dmitri Peskov")
        moved = make_quote(self.article, "Nothing is agreed", speaker=dup)
        self.act("person", "merge_into", [self.peskov.pk, dup.pk], apply="Merge",
                 target=self.peskov.pk)
        response = self.client.get(reverse("admin:quotes_quote_history", args=[moved.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, f"Dmitri Peskov (#{dup.pk}, since deleted)")
        self.assertContains(response, f"Merged Dmitri Peskov (#{dup.pk}) into Dmitry Peskov")
        # The duplicate's own history (its deletion, by whom) stays reachable.
        response = self.client.get(reverse("admin:quotes_person_history", args=[dup.pk]))
        self.assertContains(response, "Deleted")
        self.assertContains(response, "editor")

    def test_the_targets_history_lists_the_aliases_a_merge_moved_and_added(self):
        dup = make_person("Dmitri Peskov")
        dup.aliases.create(text="Kremlin spokesman", kind=PersonAlias.Kind.ROLE)  # a clash
        dup.aliases.create(text="D. S. Peskov")
        self.act("person", "merge_into", [self.peskov.pk, dup.pk], apply="Merge",
                 target=self.peskov.pk)
        response = self.client.get(reverse("admin:quotes_person_history",
                                           args=[self.peskov.pk]))
        changes = [(c["what"], str(c["user"]), c["reason"])
                   for c in response.context["alias_changes"]]
        reason = f"Merged Dmitri Peskov (#{dup.pk}) into Dmitry Peskov (#{self.peskov.pk})"
        self.assertCountEqual(changes[:2], [
            ("Moved “D. S. Peskov” (name or spelling) here", "editor", reason),
            ("Added “Dmitri Peskov” (name or spelling)", "editor", reason),
        ])
        self.assertContains(response, "Moved “D. S. Peskov” (name or spelling) here")
        # The duplicate's own page says where its aliases went.
        response = self.client.get(reverse("admin:quotes_person_history", args=[dup.pk]))
        self.assertContains(response, "Moved “D. S. Peskov” (name or spelling) to Dmitry Peskov")
        self.assertContains(response, "Removed “Kremlin spokesman” (role description)")

    def test_merging_a_person_into_itself_alone_is_refused(self):
        response = self.act("person", "merge_into", [self.peskov.pk], apply="Merge",
                            target=self.peskov.pk)
        self.assertContains(response, "Select at least one other person")


class PersonDeleteTests(AdminTestCase):
    def test_a_person_with_statements_cannot_be_deleted_only_merged(self):
        url = reverse("admin:quotes_person_delete", args=[self.peskov.pk])
        response = self.client.post(url, {"post": "yes"})
        self.assertContains(response, "is the speaker of 2 statement(s)")
        self.assertTrue(Person.objects.filter(pk=self.peskov.pk).exists())
        response = self.act("person", "delete_selected", [self.rubio.pk], post="yes")
        self.assertContains(response, "Marco Rubio is the speaker of 2 statement(s)")
        self.assertTrue(Person.objects.filter(pk=self.rubio.pk).exists())

    def test_a_person_without_statements_can_be_deleted(self):
        nobody = make_person("Nobody Quoted")
        response = self.act("person", "delete_selected", [nobody.pk], post="yes")
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Person.objects.filter(pk=nobody.pk).exists())


class OutletAndArticleTests(AdminTestCase):
    def test_outlet_search_for_autocomplete(self):
        response = self.changelist("outlet", q="TAS")
        self.assertEqual(list(response.context["cl"].result_list), [self.tass])

    def test_article_list_counts_statements(self):
        response = self.changelist("article")
        article = response.context["cl"].result_list[0]
        self.assertEqual((article.quote_count, article.claim_count), (3, 1))
        self.assertIsInstance(article, Article)
        self.assertIsInstance(self.tass, Outlet)

    def test_an_untitled_article_is_listed_by_where_it_came_from(self):
        untitled = make_article("“Fine,” Rubio said.", title="", source="feeds/daily.jsonl line 4")
        response = self.changelist("article")
        link = reverse("admin:quotes_article_change", args=[untitled.pk])
        self.assertContains(response, f'<a href="{link}">feeds/daily.jsonl line 4</a>', html=True)


class ReextractActionTests(AdminTestCase):
    def test_an_editor_reextracts_an_article_without_losing_corrections(self):
        article = make_article(
            "“We are ready to talk,” Peskov said. “The door is open,” Rubio said.\n"
            "Lavrov noted that the talks would go on.",
            outlet=self.tass,
        )
        corrected = make_quote(article, "We are ready to talk,", speaker=self.rubio,
                               status=Status.CORRECTED)
        rejected = make_quote(article, "The door is open,", speaker=self.rubio,
                              status=Status.REJECTED)
        response = self.act("article", "reextract", [article.pk])
        self.assertEqual(response.status_code, 302)
        messages = [str(m) for m in self.client.get(response["Location"]).context["messages"]]
        self.assertIn("Re-extracted 1 article(s): 1 added, 0 updated, 2 kept, 0 removed.",
                      messages)
        corrected.refresh_from_db()
        self.assertEqual((corrected.speaker, corrected.status), (self.rubio, Status.CORRECTED))
        rejected.refresh_from_db()
        self.assertEqual(rejected.status, Status.REJECTED)
        self.assertEqual(Quote.objects.filter(article=article).count(), 2)
        claim = Claim.objects.get(article=article)
        self.assertEqual((claim.text, claim.status), ("the talks would go on", Status.AUTOMATIC))
        article.refresh_from_db()
        self.assertIsNotNone(article.extracted_at)

    def test_reextraction_keeps_an_editors_cue_and_via(self):
        article = make_article("Lavrov noted that the talks would go on.", outlet=self.tass)
        self.act("article", "reextract", [article.pk])
        claim = Claim.objects.get(article=article)
        self.assertEqual((claim.cue, claim.via, claim.status), ("noted", None, Status.AUTOMATIC))
        url = reverse("admin:quotes_claim_change", args=[claim.pk])
        response = self.client.post(url, {
            "text": claim.text, "speaker": claim.speaker_id or "",
            "speaker_mention": claim.speaker_mention, "cue": "stressed", "via": self.tass.pk,
            "stance": claim.stance,
            "status": claim.status, "start": claim.start, "end": claim.end,
        })
        self.assertEqual(response.status_code, 302)
        self.act("article", "reextract", [article.pk])
        claim = Claim.objects.get(article=article)  # still one claim: the editor's
        self.assertEqual((claim.cue, claim.via, claim.status),
                         ("stressed", self.tass, Status.CORRECTED))
