"""``manage.py setup_demo`` and the seed articles: the demo a fresh clone gets."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from quotes.extraction.scoring import score
from quotes.models import Article, Claim, Outlet, Person, PersonAlias, Quote, Statement
from quotes.speakers import Directory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "seeds_gold.jsonl"


def counts():
    return [m.objects.count() for m in (Article, Quote, Claim, Person, PersonAlias, Outlet)]


@pytest.fixture
def demo(db):
    out = StringIO()
    call_command("setup_demo", stdout=out)
    return out.getvalue()


def test_setup_demo_loads_people_outlets_and_the_five_seeds(demo):
    assert Article.objects.count() == 5
    assert Person.objects.filter(slug="dmitry-peskov", reviewed=True).exists()
    assert Outlet.objects.filter(slug="tass").exists()
    assert "5 created, 0 updated, 0 unchanged, 0 failed" in demo
    assert "http://127.0.0.1:8000/" in demo
    assert "manage.py createsuperuser" in demo
    # The manifest's metadata, and nothing it does not give.
    article = Article.objects.get(source__endswith="002_33bfbcdc92a121be.txt")
    assert (article.outlet.name, article.author) == ("Brussels Morning", "Sarhan Basem")
    assert not Article.objects.exclude(url=None).exists()
    assert not Article.objects.exclude(published_on=None).exists()


def test_setup_demo_twice_changes_nothing(demo):
    before = counts()
    statements = list(Quote.objects.values_list("pk", "speaker_id", "text", "updated_at"))
    out = StringIO()
    call_command("setup_demo", stdout=out)
    assert "0 created, 0 updated, 5 unchanged, 0 failed" in out.getvalue()
    assert counts() == before
    assert list(Quote.objects.values_list("pk", "speaker_id", "text", "updated_at")) == statements


def test_setup_demo_is_silent_at_verbosity_zero(db):
    out = StringIO()
    call_command("setup_demo", stdout=out, verbosity=0)
    assert out.getvalue() == ""
    assert Article.objects.count() == 5


def test_importing_the_seeds_twice_creates_them_once(reference_data):
    out = StringIO()
    call_command("import_articles", str(ROOT / "fixtures" / "seeds"), stdout=out)
    assert "5 created, 0 updated, 0 unchanged, 0 failed" in out.getvalue()
    before = counts()
    out = StringIO()
    call_command("import_articles", str(ROOT / "fixtures" / "seeds"), stdout=out)
    assert out.getvalue().count(" unchanged  fixtures/seeds/") == 5
    assert "0 created, 0 updated, 5 unchanged, 0 failed" in out.getvalue()
    assert counts() == before


def test_every_seed_statement_points_into_its_article(demo):
    for model in (Quote, Claim):
        for row in model.objects.select_related("article"):
            assert row.article.text[row.start : row.end] == row.text


def test_page_furniture_in_the_seeds_gives_no_statements(demo):
    furniture = ("Read more", "Leave a Reply", "Back to top", "Share This Article")
    for model in (Quote, Claim):
        for row in model.objects.all():
            assert not any(word.lower() in row.text.lower() for word in furniture), row.text


def test_every_gold_speaker_of_the_seeds_exists_after_the_import(demo):
    gold = [json.loads(line) for line in GOLD.read_text().splitlines() if line.strip()]
    directory = Directory.load()
    # An outlet that reports ("Bloomberg reported that") is an Outlet, never a Person.
    outlets = {row["speaker"] for row in gold if row["speaker_type"] == "outlet"}
    assert outlets and not any(directory.find(name) for name in outlets)
    assert set(Outlet.objects.filter(name__in=outlets).values_list("name", flat=True)) == outlets
    assert {row["speaker"] for row in gold
            if row["speaker"] not in outlets and directory.find(row["speaker"]) is None} == set()
    # Speakers nobody put in the fixtures were created by the import, unreviewed.
    for name in ("EU leaders", "NATO leaders"):
        person = directory.find(name)
        assert (person.kind, person.reviewed) == (Person.Kind.GROUP, False)


def test_the_demo_shows_every_gold_statement_with_its_speaker(demo):
    """Issue 3's promise: each gold statement of the seeds is in the demo, with the
    speaker's Person row (not just the words as written) rightly attributed."""
    gold = [json.loads(line) for line in GOLD.read_text().splitlines() if line.strip()]
    stored = [
        {
            "article": Path(row.article.source).name,
            "kind": row.kind,
            # "reported by Bloomberg": the outlet credited is the source.
            "speaker": row.speaker.name if row.speaker else row.via.name if row.via else None,
            "start": row.start,
            "end": row.end,
        }
        for model in (Quote, Claim)
        for row in model.objects.select_related("article", "speaker", "via")
    ]
    report = score(gold, stored)
    for kind in ("quote", "claim"):
        assert report[kind]["misses"] == [], kind
        assert report[kind]["wrong"] == [], kind
    assert report["quote"]["extras"] == []

def test_no_words_are_listed_twice_in_the_demo(demo, client):
    """Issue 10: partial quotes inside a claim of the same speaker (several in
    the seeds) are shown inside that claim, not as a second result."""
    listed = Statement.objects.listed()
    assert listed.count() < Statement.objects.public().count()
    quotes = listed.filter(kind="quote")
    for claim in listed.filter(kind="claim"):
        inside = quotes.filter(
            article_id=claim.article_id, start__gte=claim.start, end__lte=claim.end,
            speaker_id=claim.speaker_id,
        )
        assert not inside.exists(), (claim.text, list(inside.values_list("text", flat=True)))
    page = client.get("/", {"kind": ["quote", "claim"]})
    assert page.context["total"] == listed.count()
    assert '<span class="quoted">' in page.content.decode()


def test_reextracting_the_freshly_imported_seeds_changes_nothing(demo):
    statements = Quote.objects.count() + Claim.objects.count()
    out = StringIO()
    call_command("reextract", "--all", stdout=out)
    assert out.getvalue().splitlines()[-1] == (
        f"Re-extracted 5 articles, 0 failed: 0 added, 0 updated, {statements} kept, 0 removed."
    )
