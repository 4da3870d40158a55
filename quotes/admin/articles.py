"""Articles, with their statements inline and re-extraction as an action."""

from __future__ import annotations

import logging

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from quotes import importing
from quotes.models import Article, Claim, Quote

from .common import count_of, excerpt

logger = logging.getLogger(__name__)


class StatementInline(admin.TabularInline):
    """Read-only list of an article's statements; each links to its own change page."""

    fields = ["statement", "speaker", "speaker_mention", "cue", "status", "confidence"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["start"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("speaker")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="statement")
    def statement(self, obj):
        url = reverse(f"admin:quotes_{obj.kind}_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, excerpt(obj.text, 90))


class QuoteInline(StatementInline):
    model = Quote


class ClaimInline(StatementInline):
    model = Claim


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "headline",
        "outlet",
        "published_on",
        "quote_count",
        "claim_count",
        "imported_at",
        "extracted_at",
    ]
    list_filter = [("outlet", admin.RelatedOnlyFieldListFilter), "published_on", "imported_at"]
    list_select_related = ["outlet"]
    search_fields = ["title", "url", "source", "author"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["outlet"]
    fields = [
        "title",
        "outlet",
        "url",
        "author",
        "published_on",
        "public_page",
        "article_text",
        "source",
        "content_hash",
        "imported_at",
        "updated_at",
        "extracted_at",
    ]
    # The text is what the statements' offsets point into: it changes only by
    # re-importing, never by hand.
    readonly_fields = [
        "public_page",
        "article_text",
        "source",
        "content_hash",
        "imported_at",
        "updated_at",
        "extracted_at",
    ]
    inlines = [QuoteInline, ClaimInline]
    actions = ["reextract"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        match = getattr(request, "resolver_match", None)
        if match and match.url_name == "quotes_article_changelist":
            queryset = queryset.defer("text").annotate(
                quote_count=count_of(Quote, "article"), claim_count=count_of(Claim, "article")
            )
        return queryset

    @admin.display(description="article", ordering="title")
    def headline(self, obj):
        # Two seeds have no title: a blank first column would leave nothing to click.
        return obj.title or obj.source

    @admin.display(description="quotes", ordering="quote_count")
    def quote_count(self, obj):
        return obj.quote_count

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, obj):
        return obj.claim_count

    @admin.display(description="public page")
    def public_page(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.get_absolute_url())

    @admin.display(description="text")
    def article_text(self, obj):
        return format_html('<div class="article-text">{}</div>', obj.text)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "published_on" in form.changed_data:
            # Statements carry a copy of the date for the speaker + date index.
            for model in (Quote, Claim):
                model.objects.filter(article=obj).update(published_on=obj.published_on)

    @admin.action(description="Re-run extraction (keeps editors' corrections)",
                  permissions=["change"])
    def reextract(self, request, queryset):
        total, done = importing.SyncResult(), 0
        for article in queryset:
            try:
                total += importing.reextract(article)
            except importing.BadInput as exc:  # past IMPORT_EXTRACTION_SECONDS
                self.message_user(request, f"{article}: re-extraction failed ({exc})",
                                  messages.ERROR)
                continue
            except Exception as exc:
                # One broken article must not hide what happened to the others.
                logger.exception("Re-extraction failed for article %s", article.pk)
                self.message_user(request, f"{article}: re-extraction failed ({exc})",
                                  messages.ERROR)
                continue
            done += 1
        if done:
            level = messages.WARNING if total.unlocated else messages.SUCCESS
            self.message_user(request, f"Re-extracted {done} article(s): {total}.", level)
