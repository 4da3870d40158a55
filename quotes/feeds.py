"""Atom feeds: a person's newest statements, and the newest of any search."""

from __future__ import annotations

import datetime
import io
import re

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html

from .filters import StatementFilter
from .models import Person, Statement, stance_note

FEED_SIZE = 50
# C0 controls XML 1.0 cannot carry: Django's feed writer raises on them (a 500).
XML_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xml(value):
    return XML_CONTROLS.sub("", value) if isinstance(value, str) else value


class AtomFeed(Atom1Feed):
    """Atom without the control characters XML 1.0 forbids. Article text may
    hold a form feed or a vertical tab (PostgreSQL stores them), and a search
    may hold anything; either would stop the feed with a server error."""

    def __init__(self, title, link, description, **kwargs):
        super().__init__(
            _xml(title), link, _xml(description), **{k: _xml(v) for k, v in kwargs.items()}
        )

    def add_item(self, title, link, description, **kwargs):
        super().add_item(
            _xml(title), link, _xml(description), **{k: _xml(v) for k, v in kwargs.items()}
        )

    def write(self, outfile, encoding):
        # Into a string first, then the response once: written straight to the
        # response, 50 entries were 1,800 small writes, each encoded apart.
        buffer = io.StringIO()
        super().write(buffer, encoding)
        outfile.write(buffer.getvalue())


class StatementFeed(Feed):
    feed_type = AtomFeed

    def item_title(self, item: Statement) -> str:
        who = item.speaker.name if item.speaker else item.speaker_mention or "Unknown speaker"
        text = item.text if len(item.text) <= 100 else item.text[:97] + "..."
        if item.stance != "asserts":
            # "Dmitry Peskov dismissed claims that ...", never the words as his.
            return f"{who} {item.cue or stance_note(item.stance).lower()} {text}"
        return f"{who}: “{text}”" if item.kind == "quote" else f"{who}: {text}"

    def item_description(self, item: Statement) -> str:
        # Atom1Feed labels the summary type="html": build it from escaped parts,
        # or a "<script>" inside a quote would be markup in feed readers.
        who = item.speaker.name if item.speaker else item.speaker_mention or "Unknown speaker"
        article = item.article
        parts = [
            f"{who} {item.cue}" if item.cue else who,
            article.outlet.name if article.outlet else "",
            f"“{article.title}”" if article.title else "",
            f"via {item.via.name}" if item.via else "",
            stance_note(item.stance),
        ]
        return format_html(
            "<p>{}</p><p>— {}</p>", item.text, " · ".join(part for part in parts if part)
        )

    def item_link(self, item: Statement) -> str:
        # Also the entry's <id>: Atom ids must be IRIs, and the permalink
        # outlives any edit of the statement.
        return item.get_absolute_url()

    def item_pubdate(self, item: Statement):
        if item.published_on:
            return timezone.make_aware(
                datetime.datetime.combine(item.published_on, datetime.time()), datetime.UTC
            )
        return item.created_at

    def item_updateddate(self, item: Statement):
        return item.reviewed_at or item.created_at

    def item_author_name(self, item: Statement) -> str:
        return item.speaker.name if item.speaker else item.speaker_mention

    def _newest(self, queryset):
        return list(
            queryset.select_related("speaker", "article__outlet", "via")
            .defer("search_vector", "article__text")
            .order_by("-created_at", "uid")[:FEED_SIZE]
        )


class PersonFeed(StatementFeed):
    def get_object(self, request, slug: str) -> Person:
        return get_object_or_404(Person, slug=slug)

    def title(self, obj: Person) -> str:
        return f"Statements by {obj.name}"

    def link(self, obj: Person) -> str:
        return obj.get_absolute_url()

    def subtitle(self, obj: Person) -> str:
        return f"New quotes and claims attributed to {obj.name}."

    def items(self, obj: Person):
        return self._newest(Statement.objects.listed().filter(speaker=obj))


class SearchFeed(StatementFeed):
    """Any home page URL's filters, as a feed: ``/feeds/search/?q=deadline&speaker=...``."""

    def get_object(self, request):
        return StatementFilter(request.GET, queryset=Statement.objects.listed())

    def title(self, obj: StatementFilter) -> str:
        return "Statements" + obj.describe()

    def _query(self, obj: StatementFilter) -> str:
        query = obj.data.urlencode() if obj.data else ""
        return f"?{query}" if query else ""

    def link(self, obj: StatementFilter) -> str:
        return reverse("home") + self._query(obj)

    def feed_url(self, obj: StatementFilter) -> str:
        # rel="self" must name this very feed, filters included.
        return reverse("search_feed") + self._query(obj)

    def subtitle(self, obj: StatementFilter) -> str:
        return "New quotes and claims matching these filters."

    def items(self, obj: StatementFilter):
        return self._newest(obj.filtered())

