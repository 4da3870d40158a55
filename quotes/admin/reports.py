"""Readers' error reports ("Report an error" on the public pages): editors read
each one, fix what is wrong, and mark it resolved."""

from __future__ import annotations

from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from quotes.models import ErrorReport

from .common import DefaultChoiceFilter, excerpt


class OpenFilter(DefaultChoiceFilter):
    """Open reports first: the list opens on what still needs an editor."""

    title = "state"
    parameter_name = "state"
    DEFAULT = "open"

    def lookups(self, request, model_admin):
        return [("open", "Open"), ("resolved", "Resolved"), ("all", "All")]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(resolved_at__isnull=True)
        if self.value() == "resolved":
            return queryset.filter(resolved_at__isnull=False)
        return queryset


@admin.register(ErrorReport)
class ErrorReportAdmin(admin.ModelAdmin):
    list_display = ["report", "about", "email", "created_at", "resolved"]
    list_display_links = ["report"]
    list_filter = [OpenFilter]
    list_select_related = ["article__outlet", "resolved_by"]
    search_fields = ["message", "email", "article__title"]
    ordering = ["-created_at"]
    actions = ["resolve"]
    fields = ["message", "email", "about", "created_at", "note", "resolved_at", "resolved_by"]
    readonly_fields = ["message", "email", "about", "created_at", "resolved_at", "resolved_by"]

    def has_add_permission(self, request):
        return False  # readers write them

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.display(description="what is wrong", ordering="message")
    def report(self, obj):
        return excerpt(obj.message, 120)

    @admin.display(description="about")
    def about(self, obj):
        parts = []
        if url := obj.statement_url():
            kind, _, pk = obj.statement_uid.partition("-")
            parts.append(format_html(
                '<a href="{}">{} #{}</a> (<a href="{}">public page</a>)',
                reverse(f"admin:quotes_{kind}_change", args=[int(pk)]), kind, pk, url,
            ))
        article = obj.article
        parts.append(format_html(
            'in <a href="{}">{}</a>', article.get_absolute_url(), excerpt(article.heading, 60)
        ))
        return format_html(" ".join(["{}"] * len(parts)), *parts)

    @admin.display(description="resolved", ordering="resolved_at")
    def resolved(self, obj):
        if obj.resolved_at is None:
            return "open"
        when = timezone.localtime(obj.resolved_at).strftime("%-d %b %Y %H:%M")
        return f"{when} by {obj.resolved_by or 'an editor'}"

    def save_model(self, request, obj, form, change):
        # Saving with a note resolves the report.
        if obj.note and obj.resolved_at is None:
            obj.resolved_at, obj.resolved_by = timezone.now(), request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Mark selected reports resolved", permissions=["change"])
    def resolve(self, request, queryset):
        count = queryset.filter(resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolved_by=request.user
        )
        self.message_user(request, f"Resolved {count} report(s).", messages.SUCCESS)
