"""Sources polled for new articles, and the links given up on with their reasons."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count

from quotes import tasks
from quotes.models import FailedLink, Source
from quotes.sources.documents import Link

from .common import excerpt


class FailingFilter(admin.SimpleListFilter):
    title = "health"
    parameter_name = "health"

    def lookups(self, request, model_admin):
        return [("failing", "Last poll failed"), ("stopped", "Stopped after failures")]

    def queryset(self, request, queryset):
        if self.value() == "failing":
            return queryset.exclude(last_error="")
        if self.value() == "stopped":
            return queryset.filter(active=False).exclude(last_error="")
        return queryset


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = [
        "url", "kind", "outlet", "every", "active", "last_polled_at", "last_success_at",
        "error", "found_count", "imported_count", "failed_links",
    ]
    list_filter = ["active", "kind", FailingFilter]
    search_fields = ["url", "outlet__name", "last_error"]
    autocomplete_fields = ["outlet"]
    readonly_fields = [
        "last_polled_at", "last_success_at", "last_error_at", "last_error", "failures_in_a_row",
        "found_count", "imported_count", "etag", "last_modified", "created_at",
    ]
    actions = ["poll_now", "turn_on"]

    def get_readonly_fields(self, request, obj=None):
        # Who may not add a source may not point one at another site either
        # (permissions.py: editors change sources, administrators add them).
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and not self.has_add_permission(request):
            return ["url", *fields]
        return fields

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("outlet")
            .annotate(failed_link_count=Count("failed_links"))
        )

    @admin.display(description="last error")
    def error(self, obj):
        return excerpt(obj.last_error, 80) if obj.last_error else ""

    @admin.display(description="links given up", ordering="failed_link_count")
    def failed_links(self, obj):
        return obj.failed_link_count

    @admin.action(description="Poll now", permissions=["change"])
    def poll_now(self, request, queryset):
        for pk in queryset.values_list("pk", flat=True):
            tasks.poll_source.delay(pk)
        self.message_user(request, f"Queued a poll of {queryset.count()} sources.")

    @admin.action(description="Turn on again (clears the failure count)", permissions=["change"])
    def turn_on(self, request, queryset):
        n = queryset.update(active=True, failures_in_a_row=0)
        self.message_user(request, f"{n} sources will be polled on schedule.", messages.SUCCESS)


@admin.register(FailedLink)
class FailedLinkAdmin(admin.ModelAdmin):
    list_display = ["url", "source", "reason", "attempts", "failed_at"]
    list_filter = ["source"]
    search_fields = ["url", "reason"]
    readonly_fields = ["url", "source", "reason", "attempts", "failed_at"]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    # It removes the links from this list, as deleting them would.
    @admin.action(description="Try again now", permissions=["delete"])
    def retry(self, request, queryset):
        failures = list(queryset)
        for failure in failures:
            failure.delete()  # first: a link listed here is skipped
            tasks.import_link.delay(Link(url=failure.url).as_dict(), failure.source_id)
        self.message_user(request, f"Queued {len(failures)} links again.")
