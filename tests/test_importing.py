"""The importer as a library: inputs, metadata, idempotency, transactions, and
the survival rules of editors' work through re-import and re-extraction."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest
from simple_history.manager import HistoryManager

from quotes import importing
from quotes.extraction import Statement as Extracted
from quotes.importing import BadInput, Metadata, reextract, sync_statements
from quotes.models import Article, Claim, Outlet, Person, Quote
from tests.factories import make_article, make_quote

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data" / "import"
Status = Quote.Status


def import_paths(*targets, **overrides):
    pending = importing.collect([str(t) for t in targets], Metadata(**overrides))
    return list(importing.run(pending))


def only(outcomes):
    assert len(outcomes) == 1, [(o.label, o.status, o.reason) for o in outcomes]
    return outcomes[0]


def rows(article):
    return sorted(
        [*Quote.objects.filter(article=article), *Claim.objects.filter(article=article)],
        key=lambda r: r.start,
    )


# Inputs and metadata ----------------------------------------------------------------


def test_text_file_takes_its_metadata_from_the_sidecar_over_the_manifest(reference_data):
    outcome = only(import_paths(DATA / "text" / "peskov.txt"))
    assert outcome.status == "created"
    article = outcome.article
    assert article.title == "Kremlin says it is ready for talks"  # sidecar beats manifest
    assert article.outlet.slug == "tass"
    assert article.published_on == datetime.date(2025, 10, 6)
    assert article.author == "Invented Reporter"
    assert article.url == "https://tass.com/politics/1000001"
    assert article.source == "tests/data/import/text/peskov.txt"
    assert article.extracted_at is not None
    [quote] = Quote.objects.filter(article=article)
    assert quote.text == "We are ready for a meeting at any moment,"
    assert article.text[quote.start : quote.end] == quote.text
    assert quote.speaker.name == "Dmitry Peskov" and quote.speaker_mention == "Peskov"
    assert quote.published_on == article.published_on
    assert quote.status == Status.AUTOMATIC


def test_text_file_takes_its_metadata_from_the_manifest(reference_data):
    article = only(import_paths(DATA / "text" / "rubio.txt")).article
    assert article.title == "Rubio on diplomacy"
    assert article.outlet.slug == "brussels-morning"
    assert article.published_on == datetime.date(2025, 10, 7)
    assert article.url is None
    assert Quote.objects.get(article=article).speaker.name == "Marco Rubio"


def test_options_override_every_other_source_of_metadata(reference_data):
    article = only(
        import_paths(
            DATA / "text" / "peskov.txt", title="Own title", outlet="Le Point",
            published_on=datetime.date(2025, 1, 2), author="Someone", url="https://x.example/1",
        )
    ).article
    assert (article.title, article.outlet.slug, article.published_on, article.author,
            article.url) == ("Own title", "le-point", datetime.date(2025, 1, 2), "Someone",
                             "https://x.example/1")


def test_html_page_gives_text_title_date_site_and_canonical_url(reference_data):
    article = only(import_paths(DATA / "html" / "tass-page.html")).article
    assert article.title == "Lavrov says Moscow awaits a reply"
    assert article.url == "https://tass.com/world/2000002"  # <link rel="canonical">
    assert article.outlet.slug == "tass"  # the canonical URL's domain
    assert article.published_on == datetime.date(2025, 10, 8)
    assert article.author == "Invented Correspondent"
    assert article.text.startswith("MOSCOW, October 8.")  # headline not repeated
    # Navigation, share buttons, "Read more", comments and footer are gone...
    for furniture in ("Subscribe", "Share This Article", "Read more", "Leave a Reply",
                      "Back to top", "Nothing is agreed"):
        assert furniture not in article.text
    # ... so the only quote is the article's own.
    quotes = Quote.objects.filter(article=article)
    assert [q.text for q in quotes] == [
        "We have sent our proposals and we are waiting for an answer,"
    ]
    assert quotes[0].speaker.name == "Sergey Lavrov"


def test_jsonl_feed_imports_every_good_line_and_names_the_bad_ones(reference_data):
    outcomes = import_paths(DATA / "feeds" / "feed.jsonl")
    assert [(o.label.rsplit(" ", 1)[-1], o.status) for o in outcomes] == [
        ("1", "created"), ("2", "failed"), ("3", "created"), ("4", "failed"),
    ]
    assert outcomes[1].label.endswith("feed.jsonl line 2")
    assert outcomes[1].reason.startswith("malformed JSON")
    assert outcomes[3].reason == 'no "text" or "html"'
    text_item, html_item = outcomes[0].article, outcomes[2].article
    assert text_item.outlet.slug == "ria-novosti"
    assert text_item.published_on == datetime.date(2025, 10, 9)
    assert text_item.source == "https://example.org/news/1"
    assert html_item.published_on == datetime.date(2025, 10, 10)  # "October 10, 2025"
    assert html_item.outlet.slug == "nbc-news"
    assert "<p>" not in html_item.text
    speakers = {q.speaker.name for q in Quote.objects.filter(article__in=[text_item, html_item])}
    assert speakers == {"Kirill Dmitriev", "Volodymyr Zelenskyy"}
    assert Article.objects.count() == 2


def test_folders_are_walked_recursively_and_unknown_files_skipped(reference_data):
    outcomes = import_paths(DATA / "folder")
    assert sorted(o.label.split("folder/")[1] for o in outcomes) == ["nested/two.txt", "one.txt"]
    assert all(o.status == "created" for o in outcomes)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2025-10-01", datetime.date(2025, 10, 1)),
        ("2025-10-01T23:30:00Z", datetime.date(2025, 10, 1)),
        ("2025-10-01 08:00:00+03:00", datetime.date(2025, 10, 1)),
        ("1 October 2025", datetime.date(2025, 10, 1)),
        ("Oct 1, 2025", datetime.date(2025, 10, 1)),
        ("September 30, 2025", datetime.date(2025, 9, 30)),
        ("", None),
        (None, None),
    ],
)
def test_dates_in_common_unambiguous_formats(value, expected):
    assert importing.parse_date(value) == expected


@pytest.mark.parametrize(
    "value, reason",
    [
        ("03/04/2025", "unknown date format '03/04/2025' (use YYYY-MM-DD)"),
        ("yesterday", "unknown date format 'yesterday' (use YYYY-MM-DD)"),
        ("2025-13-01", "no such date '2025-13-01'"),
        ("2025-02-30", "no such date '2025-02-30'"),
        ("31 February 2025", "no such date '31 February 2025'"),
    ],
)
def test_ambiguous_or_impossible_dates_are_refused(value, reason):
    with pytest.raises(BadInput) as refused:
        importing.parse_date(value)
    assert str(refused.value) == reason


# Bad inputs --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, reason",
    [
        ("bad/empty.txt", "empty file"),
        ("bad/binary.txt", "binary file, not text"),
        ("bad/latin1.txt", "not UTF-8 text (invalid byte at position 15)"),
        ("bad/bad-date.txt", "unknown date format '03/04/2025' (use YYYY-MM-DD)"),
        ("html/no-article.html", "no article text found in the HTML"),
        ("does/not/exist.txt", "no such file or folder"),
    ],
)
def test_bad_inputs_fail_with_a_reason_and_store_nothing(reference_data, name, reason):
    people, outlets = Person.objects.count(), Outlet.objects.count()
    outcome = only(import_paths(DATA / name))
    assert (outcome.status, outcome.reason) == ("failed", reason)
    assert Article.objects.count() == 0 and Quote.objects.count() == 0
    assert (Person.objects.count(), Outlet.objects.count()) == (people, outlets)


def test_oversized_files_are_refused(reference_data, settings):
    settings.IMPORT_MAX_BYTES = 100
    outcome = only(import_paths(DATA / "text" / "peskov.txt"))
    assert outcome.status == "failed"
    assert outcome.reason.startswith("file too large")
    assert Article.objects.count() == 0


def test_a_failure_midway_leaves_nothing_half_written_and_the_rest_imports(
    reference_data, monkeypatch, tmp_path
):
    (tmp_path / "a.txt").write_text(
        "“We are ready,” Peskov said. “It is done,” Maria Zakharova said."
    )
    (tmp_path / "b.txt").write_text("“The door is open,” Rubio said.")
    people = Person.objects.count()
    original = HistoryManager.bulk_history_create

    def fail_after_storing_the_quotes(self, objs, *args, **kwargs):
        # Article a's quotes are in the table by now; their history fails.
        if any(obj.text.startswith("It is done") for obj in objs):
            raise RuntimeError("disk full")
        return original(self, objs, *args, **kwargs)

    monkeypatch.setattr(HistoryManager, "bulk_history_create", fail_after_storing_the_quotes)
    a, b = import_paths(tmp_path)
    assert (a.status, a.reason) == ("failed", "RuntimeError: disk full")
    assert b.status == "created"
    # Article a, its quotes and the new person Maria Zakharova all rolled back.
    assert list(Article.objects.values_list("source", flat=True)) == [b.article.source]
    assert Quote.objects.count() == 1
    assert Person.objects.count() == people


# Idempotency and updates -------------------------------------------------------------


def test_reimporting_the_same_article_changes_nothing(reference_data):
    first = only(import_paths(DATA / "text" / "peskov.txt"))
    quote = Quote.objects.get(article=first.article)
    again = only(import_paths(DATA / "text" / "peskov.txt"))
    assert again.status == "unchanged" and again.article == first.article
    assert again.statements == 1
    assert Article.objects.count() == 1
    assert list(Quote.objects.values_list("pk", "updated_at")) == [(quote.pk, quote.updated_at)]


def test_the_same_text_from_another_path_is_the_same_article(reference_data, tmp_path):
    shutil.copy(DATA / "folder" / "one.txt", tmp_path / "copy.txt")
    only(import_paths(DATA / "folder" / "one.txt"))
    assert only(import_paths(tmp_path / "copy.txt")).status == "unchanged"
    assert Article.objects.count() == 1


def test_an_article_whose_text_changed_is_updated_and_reextracted(reference_data, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("“We are ready,” Peskov said.\n\n“Not yet,” Rubio said.\n")
    article = only(import_paths(path)).article
    ready = Quote.objects.get(article=article, text="We are ready,")
    path.write_text("Intro.\n\n“We are ready,” Peskov said.\n\n“Talks resume,” Lavrov said.\n")
    outcome = only(import_paths(path))
    assert outcome.status == "updated" and outcome.article.pk == article.pk
    assert (outcome.sync.added, outcome.sync.updated, outcome.sync.removed) == (1, 1, 1)
    assert Article.objects.count() == 1
    ready.refresh_from_db()  # same row, same permalink, new offsets
    assert outcome.article.text[ready.start : ready.end] == "We are ready,"
    assert {q.text for q in Quote.objects.filter(article=article)} == {
        "We are ready,", "Talks resume,"
    }


def test_new_metadata_for_the_same_text_updates_the_article_only(reference_data):
    article = only(import_paths(DATA / "folder" / "one.txt")).article
    quote = Quote.objects.get(article=article)
    outcome = only(import_paths(DATA / "folder" / "one.txt", outlet="TASS",
                                published_on=datetime.date(2025, 3, 1)))
    assert outcome.status == "updated"
    quote.refresh_from_db()
    assert quote.published_on == datetime.date(2025, 3, 1)  # the copy follows the article
    assert Article.objects.get().outlet.slug == "tass"
    # Metadata not given again is kept, not blanked.
    assert only(import_paths(DATA / "folder" / "one.txt")).status == "unchanged"
    assert Article.objects.get().outlet.slug == "tass"


def test_feed_lines_without_urls_keep_their_articles_when_a_line_is_added_above(
    reference_data, tmp_path
):
    feed = tmp_path / "feed.jsonl"
    alpha = {"title": "Alpha", "text": "“We are ready,” Peskov told reporters."}
    bravo = {"title": "Bravo", "text": "“The door is open,” Rubio said."}
    feed.write_text("\n".join(json.dumps(line) for line in (alpha, bravo)))
    first = {o.article.title: o.article.pk for o in import_paths(feed)}
    charlie = {"title": "Charlie", "text": "“Talks resume,” Lavrov said."}
    feed.write_text("\n".join(json.dumps(line) for line in (charlie, alpha, bravo)))
    outcomes = import_paths(feed)
    # "line 1" is now Charlie: a new article, not Alpha overwritten.
    assert [o.status for o in outcomes] == ["created", "unchanged", "unchanged"]
    assert {a.title: a.pk for a in Article.objects.exclude(title="Charlie")} == first
    assert Quote.objects.get(article__title="Alpha").text == "We are ready,"


def test_only_http_urls_are_stored_as_an_articles_link(reference_data, tmp_path):
    # Pages link to Article.url: a feed must not plant "javascript:" there.
    feed = tmp_path / "feed.jsonl"
    lines = [
        {"url": "javascript:alert(document.cookie)", "text": "“We are ready,” Peskov said."},
        {"url": "https://tass.com/politics/7", "text": "“The door is open,” Rubio said."},
    ]
    feed.write_text("\n".join(json.dumps(line) for line in lines))
    bad, good = import_paths(feed)
    assert (bad.status, bad.reason) == (
        "failed", "not an http(s) URL: 'javascript:alert(document.cookie)'"
    )
    assert good.status == "created"
    assert list(Article.objects.values_list("url", flat=True)) == ["https://tass.com/politics/7"]


def test_a_canonical_url_that_cannot_be_stored_is_ignored(reference_data, tmp_path):
    # The page's metadata is a hint: the article still imports, without it.
    page = tmp_path / "page.html"
    page.write_text(
        f'<html><head><link rel="canonical" href="https://tass.com/{"a" * 2100}"></head>'
        "<body><article><p>“We are ready to talk at any time, today or tomorrow,” Peskov "
        "told reporters.</p></article></body></html>"
    )
    outcome = only(import_paths(page))
    assert outcome.status == "created" and outcome.article.url is None


def test_the_url_is_the_natural_key_when_known(reference_data, tmp_path):
    (tmp_path / "v1.txt").write_text("“We are ready,” Peskov said.")
    (tmp_path / "v2.txt").write_text("“We are ready now,” Peskov said.")
    url = "https://tass.com/politics/42"
    assert only(import_paths(tmp_path / "v1.txt", url=url)).status == "created"
    assert only(import_paths(tmp_path / "v2.txt", url=url)).status == "updated"
    assert Article.objects.get().url == url
    assert Quote.objects.get().text == "We are ready now,"


def test_dry_run_stores_nothing_but_shows_the_statements(reference_data):
    pending = importing.collect([str(DATA / "text" / "peskov.txt")])
    [outcome] = importing.run(pending, dry_run=True)
    assert outcome.status == "created" and outcome.statements == 1
    assert any("Dmitry Peskov" in line and "We are ready" in line for line in outcome.preview)
    assert not Article.objects.exists() and not Quote.objects.exists()


# Survival rules (issue 5) ------------------------------------------------------------

TEXT = "“We are ready,” Peskov said.\n\n“The door is open,” Rubio said.\n"


def extracted(article, text, speaker="Dmitry Peskov", kind="quote", **fields):
    start = article.text.index(text)
    return Extracted(kind=kind, text=text, start=start, end=start + len(text),
                     speaker=speaker, speaker_mention=speaker.split()[-1], **fields)


@pytest.fixture
def article(reference_data):
    return make_article(TEXT)


def test_sync_adds_new_statements_and_refreshes_automatic_ones_in_place(article):
    result = sync_statements(article, [extracted(article, "We are ready,", confidence=0.6)])
    assert (result.added, result.updated, result.kept, result.removed) == (1, 0, 0, 0)
    quote = Quote.objects.get()
    result = sync_statements(article, [
        extracted(article, "We are ready,", confidence=0.9, cue="said"),
        extracted(article, "The door is open,", speaker="Marco Rubio"),
    ])
    assert (result.added, result.updated, result.kept, result.removed) == (1, 1, 0, 0)
    quote.refresh_from_db()
    assert (quote.confidence, quote.cue) == (0.9, "said")
    door = extracted(article, "The door is open,", speaker="Marco Rubio")
    result = sync_statements(article, [door])
    assert (result.added, result.updated, result.kept, result.removed) == (0, 0, 1, 1)
    assert not Quote.objects.filter(pk=quote.pk).exists()


def test_verified_and_corrected_statements_are_kept_as_the_editor_left_them(article):
    lavrov = Person.objects.get(slug="sergey-lavrov")
    verified = make_quote(article, "We are ready,", status=Status.VERIFIED,
                          speaker=Person.objects.get(slug="dmitry-peskov"), confidence=0.4)
    corrected = make_quote(article, "The door is open,", status=Status.CORRECTED,
                           speaker=lavrov, speaker_mention="Rubio")
    result = sync_statements(article, [
        extracted(article, "We are ready,", confidence=0.95, cue="said"),
        extracted(article, "The door is open,", speaker="Marco Rubio"),
    ])
    assert (result.added, result.updated, result.kept, result.removed) == (0, 0, 2, 0)
    verified.refresh_from_db()
    corrected.refresh_from_db()
    assert (verified.status, verified.confidence, verified.cue) == (Status.VERIFIED, 0.4, "")
    assert (corrected.status, corrected.speaker) == (Status.CORRECTED, lavrov)
    # The extractor finding nothing removes neither.
    assert sync_statements(article, []).removed == 0
    assert Quote.objects.count() == 2


def test_rejected_statements_are_never_brought_back(article):
    rejected = make_quote(article, "We are ready,", status=Status.REJECTED)
    same_span = extracted(article, "We are ready,")
    result = sync_statements(article, [same_span])
    assert (result.added, result.kept) == (0, 1)
    # Same words at another span, or as a claim, are the same rejected statement.
    moved = Extracted(kind="claim", text="We are ready,", start=0, end=13, speaker="Dmitry Peskov")
    assert sync_statements(article, [moved]).added == 0
    rejected.refresh_from_db()
    assert rejected.status == Status.REJECTED
    assert Quote.objects.count() == 1 and Claim.objects.count() == 0


def test_reextract_keeps_corrections_and_adds_what_is_new(article):
    lavrov = Person.objects.get(slug="sergey-lavrov")
    corrected = make_quote(article, "We are ready,", status=Status.CORRECTED, speaker=lavrov)
    result = reextract(article)
    assert (result.added, result.kept) == (1, 1)
    corrected.refresh_from_db()
    assert corrected.speaker == lavrov and corrected.status == Status.CORRECTED
    assert Quote.objects.get(text="The door is open,").speaker.name == "Marco Rubio"
    article.refresh_from_db()
    assert article.extracted_at is not None
    # Running it again changes nothing.
    again = reextract(article)
    assert (again.added, again.updated, again.removed, again.kept) == (0, 0, 0, 2)


def test_reimport_keeps_admin_corrections_and_relocates_them(reference_data, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(TEXT)
    article = only(import_paths(path)).article
    lavrov = Person.objects.get(slug="sergey-lavrov")
    ready = Quote.objects.get(text="We are ready,")
    ready.speaker, ready.status = lavrov, Status.CORRECTED
    ready.save()
    door = Quote.objects.get(text="The door is open,")
    door.status = Status.REJECTED
    door.save()

    path.write_text("New first paragraph.\n\n" + TEXT + "\n“Talks resume,” Peskov said.\n")
    outcome = only(import_paths(path))
    assert outcome.status == "updated"
    assert (outcome.sync.added, outcome.sync.kept, outcome.sync.unlocated) == (1, 2, [])
    ready.refresh_from_db()
    door.refresh_from_db()
    text = Article.objects.get(pk=article.pk).text
    assert text[ready.start : ready.end] == "We are ready,"  # moved with its words
    assert (ready.speaker, ready.status) == (lavrov, Status.CORRECTED)
    assert door.status == Status.REJECTED
    assert text[door.start : door.end] == "The door is open,"
    assert Quote.objects.filter(text="The door is open,").count() == 1
    assert Quote.objects.get(text="Talks resume,").status == Status.AUTOMATIC


def test_a_kept_statement_whose_words_are_gone_is_kept_and_reported(reference_data, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(TEXT)
    article = only(import_paths(path)).article
    ready = Quote.objects.get(text="We are ready,")
    ready.status = Status.VERIFIED
    ready.save()
    path.write_text("“The door is open,” Rubio said.\n")
    outcome = only(import_paths(path))
    assert outcome.sync.unlocated == [f"quote-{ready.pk}"]
    ready.refresh_from_db()
    assert (ready.text, ready.status, ready.article_id) == ("We are ready,", Status.VERIFIED,
                                                            article.pk)


def test_manifest_errors_are_one_line_reasons(reference_data, tmp_path):
    (tmp_path / "a.txt").write_text("“We are ready,” Peskov said.")
    (tmp_path / "manifest.json").write_text("{not json")
    outcome = only(import_paths(tmp_path))
    assert outcome.status == "failed" and "not a valid manifest" in outcome.reason
    (tmp_path / "manifest.json").write_text(json.dumps({"articles": [{"file": "a.txt"}]}))
    assert only(import_paths(tmp_path)).status == "created"


def test_a_shifted_boundary_does_not_bring_back_a_rejected_statement(article):
    make_quote(article, "We are ready,", status=Status.REJECTED)
    shorter = extracted(article, "We are ready")  # the comma left out
    wider = extracted(article, "“We are ready,”")  # marks included
    assert sync_statements(article, [shorter]).added == 0
    assert sync_statements(article, [wider]).added == 0
    assert Quote.objects.get().status == Status.REJECTED


def test_a_short_quote_nested_in_a_rejected_one_is_its_own_statement(reference_data):
    article = make_article("“We are ready, and the talks can start next week,” Peskov said.")
    make_quote(article, "We are ready, and the talks can start next week,",
               status=Status.REJECTED)
    result = sync_statements(article, [extracted(article, "the talks")])
    assert result.added == 1


def test_an_automatic_statement_keeps_its_id_when_its_boundary_moves(article):
    sync_statements(article, [extracted(article, "We are ready")])
    quote = Quote.objects.get()
    result = sync_statements(article, [extracted(article, "We are ready,")])
    assert (result.added, result.updated, result.removed) == (0, 1, 0)
    assert Quote.objects.get().pk == quote.pk
    assert Quote.objects.get().text == "We are ready,"


def test_the_admin_action_reextracts_with_the_same_rules(article, client, django_user_model):
    admin = django_user_model.objects.create_superuser("chief", "chief@example.org", "pw-123456")
    client.force_login(admin)
    lavrov = Person.objects.get(slug="sergey-lavrov")
    make_quote(article, "We are ready,", status=Status.CORRECTED, speaker=lavrov)
    response = client.post(
        "/admin/quotes/article/",
        {"action": "reextract", "_selected_action": [article.pk]},
        follow=True,
    )
    assert "Re-extracted 1 article(s): 1 added, 0 updated, 1 kept, 0 removed." in (
        response.content.decode()
    )
    assert Quote.objects.get(text="We are ready,").speaker == lavrov
    assert Quote.objects.get(text="The door is open,").status == Status.AUTOMATIC


def test_metadata_files_named_by_a_shell_glob_are_not_articles(reference_data, tmp_path):
    outcomes = import_paths(*sorted((DATA / "text").iterdir()))
    assert [o.label.rsplit("/", 1)[-1] for o in outcomes] == ["peskov.txt", "rubio.txt"]
    (tmp_path / "feed.json").write_text("{}")
    outcome = only(import_paths(tmp_path / "feed.json"))
    assert outcome.reason == "a .json file is metadata; feeds are .jsonl"


@pytest.mark.django_db(transaction=True)
def test_two_imports_of_the_same_new_article_at_once_store_it_once(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    path = tmp_path / "story.txt"
    path.write_text(TEXT * 20)  # long enough that both threads are extracting at once

    def work():
        try:
            return only(import_paths(path)).status
        finally:
            connection.close()

    with ThreadPoolExecutor(2) as pool:
        statuses = sorted(pool.map(lambda _: work(), range(2)))
    assert statuses == ["created", "unchanged"]
    assert Article.objects.count() == 1


def test_an_html_sidecar_overrides_what_the_page_says(reference_data, tmp_path):
    shutil.copy(DATA / "html" / "tass-page.html", tmp_path / "page.html")
    (tmp_path / "page.json").write_text(json.dumps({"title": "Edited title", "outlet": "AP"}))
    article = only(import_paths(tmp_path / "page.html")).article
    assert (article.title, article.outlet.slug) == ("Edited title", "associated-press")
    assert article.url == "https://tass.com/world/2000002"  # not given: the page's own


def test_an_html_page_in_a_declared_legacy_encoding_is_read(reference_data, tmp_path):
    page = (DATA / "html" / "tass-page.html").read_text(encoding="utf-8")
    page = page.replace('charset="utf-8"', 'charset="windows-1251"')
    page = page.replace("Moscow on Wednesday", "Москве on Wednesday")
    (tmp_path / "page.html").write_bytes(page.encode("windows-1251", errors="replace"))
    article = only(import_paths(tmp_path / "page.html")).article
    assert "Москве on Wednesday" in article.text
