"""Small factories for tests: real rows in the real database, with sane defaults."""

from __future__ import annotations

import datetime
import itertools

from quotes.models import Article, Claim, Outlet, Person, Quote

_counter = itertools.count(1)


def make_person(name: str = "Dmitry Peskov", **fields) -> Person:
    return Person.objects.create(name=name, **fields)


def make_outlet(name: str = "TASS", **fields) -> Outlet:
    return Outlet.objects.create(name=name, **fields)


def make_article(
    text: str = "“We are ready,” Peskov said.", *, outlet=None, published_on=None, **fields
) -> Article:
    n = next(_counter)
    fields.setdefault("title", f"Article {n}")
    fields.setdefault("source", f"tests/article-{n}.txt")
    if published_on is None:
        published_on = datetime.date(2025, 10, 1)
    return Article.objects.create(text=text, outlet=outlet, published_on=published_on, **fields)


def _statement(model, article: Article, text: str, **fields):
    """A statement whose offsets point at ``text`` inside the article."""
    start = article.text.find(text)
    if start < 0:
        raise ValueError(f"{text!r} is not in the article text")
    fields.setdefault("confidence", 0.9)
    return model.objects.create(
        article=article, text=text, start=start, end=start + len(text), **fields
    )


def make_quote(article: Article, text: str, **fields) -> Quote:
    return _statement(Quote, article, text, **fields)


def make_claim(article: Article, text: str, **fields) -> Claim:
    return _statement(Claim, article, text, **fields)
