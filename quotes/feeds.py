"""Atom feeds: a person's newest statements, and the newest of any search."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html

from .filters import StatementFilter
from .models import Person, Statement

FEED_SIZE = 50


class StatementFeed(Feed):
    feed_type = Atom1Feed

    def item_title(self, item: Statement) -> str:
        who = item.speaker.name if item.speaker else item.speaker_mention or "Unknown speaker"
        text = item.text if len(item.text) <= 100 else item.text[:97] + "..."
        return f"{who}: “{text}”" if item.kind == "quote" else f"{who}: {text}"

    def item_description(self, item: Statement) -> str:
        # Atom1Feed labels the summary type="html": build it from escaped parts,
        # or a "<script>" inside a quote would be markup in feed readers.
        source = item.article.outlet.name if item.article.outlet else ""
        if item.via:
            source += f" (via {item.via.name})"
        html = format_html("<p>{}</p>", item.text)
        if source:
            html += format_html("<p>— {}, {}</p>", source, item.article.title)
        return html

    def item_link(self, item: Statement) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Statement) -> str:
        return item.uid

    item_guid_is_permalink = False

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
            queryset.select_related("speaker", "article__outlet", "via").order_by(
                "-created_at", "uid"
            )[:FEED_SIZE]
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
        return self._newest(Statement.objects.public().filter(speaker=obj))


class SearchFeed(StatementFeed):
    """Any home page URL's filters, as a feed: ``/feeds/search/?q=deadline&speaker=...``."""

    def get_object(self, request):
        return StatementFilter(request.GET, queryset=Statement.objects.public())

    def title(self, obj: StatementFilter) -> str:
        return f"Statements matching “{obj.query}”" if obj.query else "Statements"

    def link(self, obj: StatementFilter) -> str:
        query = obj.data.urlencode() if obj.data else ""
        return reverse("home") + (f"?{query}" if query else "")

    def subtitle(self, obj: StatementFilter) -> str:
        return "New quotes and claims matching these filters."

    def items(self, obj: StatementFilter):
        return self._newest(obj.filtered())
