"""The archive-scale generator (benchmarks/scale_db.py), kept honest at 1,000 statements.

One archive is built for the whole module (COPY and VACUUM need real
transactions, so outside the tests' own), first over a smaller one, so that
what the tests read is also what ``--replace`` leaves. Speed is measured by
hand (README, "Archive scale"), never asserted here.
"""

import pytest
from django.contrib.auth.models import User
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Count

from benchmarks import scale_db
from benchmarks.scale import build
from benchmarks.scale.cast import fixture
from benchmarks.scale.loading import EDITORS, project_tables
from quotes.models import Article, Claim, Outlet, Person, PersonAlias, Quote, Statement

N = 1_000


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        build(300, seed=2)
        summary = build(N, seed=1, replace=True)
        yield summary
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {', '.join(project_tables())} RESTART IDENTITY CASCADE")
        User.objects.filter(username__in=EDITORS).delete()


pytestmark = pytest.mark.django_db


def statements():
    return [*Quote.objects.select_related("article"), *Claim.objects.select_related("article")]


def test_archive_has_the_shape_of_issue_9(archive):
    quotes, claims = Quote.objects.count(), Claim.objects.count()
    assert quotes + claims == N == archive.statements
    assert 0.5 < quotes / N < 0.7
    assert 70 <= Article.objects.count() <= 130  # about one article per ten statements
    assert Outlet.objects.count() == archive.outlets
    assert Person.objects.count() == archive.people
    dates = Article.objects.exclude(published_on=None).values_list("published_on", flat=True)
    assert (max(dates) - min(dates)).days > 4 * 365
    # The replaced archive left nothing behind: ids start again at 1.
    assert Quote.objects.order_by("-pk").first().pk == quotes


def test_every_statement_is_its_articles_words_on_its_date(archive):
    rows = statements()
    assert rows
    for row in rows:
        assert row.article.text[row.start : row.end] == row.text
        assert row.published_on == row.article.published_on


def test_postgres_fills_the_statements_table_search_vectors_and_openings(archive):
    # quotes_rebuild_derived() filled the statements table the pages read.
    assert Statement.objects.count() == Quote.objects.count() + Claim.objects.count()
    talks = Statement.objects.filter(search_vector=SearchQuery("talks", config="english"))
    assert 0.1 * Statement.objects.count() < talks.count() < Statement.objects.count()
    assert Statement.objects.search("talks").exists()
    article = Article.objects.order_by("pk").first()
    assert article.opening == article.text.split("\n")[0][:200]


def test_officials_of_the_fixtures_say_the_most(archive):
    top = (
        Statement.objects.exclude(speaker=None).values("speaker__slug")
        .annotate(n=Count("pk")).order_by("-n")[:3]
    )
    people = fixture("people.json")
    officials = {p["fields"]["slug"] for p in people if p["model"] == "quotes.person"}
    assert top[0]["speaker__slug"] == "dmitry-peskov"
    assert {row["speaker__slug"] for row in top} <= officials
    assert PersonAlias.objects.filter(person__slug="dmitry-peskov", text="Peskov").exists()


def test_some_statements_are_reported_again_elsewhere(archive):
    assert archive.rereports > 0.15 * N
    candidates = Statement.objects.exclude(speaker=None).order_by("uid")[:200]
    assert any(Statement.objects.also_reported(s).exists() for s in candidates)


def test_editors_reviewed_some_and_history_tells_who(archive):
    statuses = {row["status"] for row in Statement.objects.values("status").distinct()}
    assert statuses == {"automatic", "verified", "corrected", "rejected"}
    reviewed = Quote.objects.exclude(status="automatic")
    assert not reviewed.filter(reviewed_at=None).exists()
    assert set(reviewed.values_list("reviewed_by__username", flat=True)) <= set(EDITORS)
    # One '+' row per statement as imported; an editor's change on top.
    assert Quote.history.filter(history_type="+").count() == Quote.objects.count()
    corrected = Quote.objects.filter(status="corrected").first() or Claim.objects.filter(
        status="corrected").first()
    change = corrected.history.filter(history_type="~").get()
    assert change.history_user.username in EDITORS
    assert change.history_change_reason.startswith(("Speaker ", "Corrected "))
    assert corrected.history.get(history_type="+").status == "automatic"


def test_indexes_and_sequences_are_back(archive):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes "
            "WHERE tablename IN ('quotes_quote', 'quotes_statement')"
        )
        indexes = {name for (name,) in cursor.fetchall()}
    assert {"quote_speaker_date", "statement_search", "statement_newest"} <= indexes
    article = Article.objects.first()
    quote = Quote.objects.create(article=article, text="new", start=0, end=3)
    assert quote.pk > Quote.objects.exclude(pk=quote.pk).order_by("-pk").first().pk


def test_refuses_to_overwrite_an_archive_without_replace(archive, capsys):
    assert scale_db.main(["--statements", "50"]) == 1
    error = capsys.readouterr().err
    assert "already has" in error and "--replace" in error
    assert len(error.strip().splitlines()) == 1
    assert Quote.objects.count() + Claim.objects.count() == N
