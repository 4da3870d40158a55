"""Quotes, claims, and the review queue over both (the ``Statement`` view)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.urls import reverse
from django.utils.html import format_html

from quotes import editing
from quotes.models import Claim, ErrorReport, Person, Quote, Statement, StatementBase

from .common import (
    ConfidenceBandFilter,
    DefaultChoiceFilter,
    HistoryAdmin,
    VersionedForm,
    action_page,
    excerpt,
    most_frequent_filter,
)

# Characters of article text shown on each side of a statement, within its paragraph.
CONTEXT_CHARS = 400


def statement_in_context(statement: StatementBase):
    """The statement's paragraph, escaped, with the statement in ``<mark>``."""
    text = statement.article.text
    start, end = statement.start, statement.end
    if not 0 <= start <= end <= len(text):
        return format_html(
            '<p class="errornote">The offsets {}-{} are outside the article text.</p>', start, end
        )
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    low, high = max(para_start, start - CONTEXT_CHARS), min(para_end, end + CONTEXT_CHARS)
    html = format_html(
        '<div class="statement-context">{}{}<mark>{}</mark>{}{}</div>',
        "…" if low > para_start else "",
        text[low:start],
        text[start:end],
        text[end:high],
        "…" if high < para_end else "",
    )
    if text[start:end] != statement.text:
        html += format_html(
            '<p class="errornote">The marked article text differs from the statement text.</p>'
        )
    return html


SpeakerFilter = most_frequent_filter("speaker", "speaker (most frequent)")
OutletFilter = most_frequent_filter("article__outlet", "outlet (most frequent)", "outlet")
ViaFilter = most_frequent_filter("via", "via (most frequent)")


class StatementForm(VersionedForm):
    """Offsets follow the text: the editor types words from the article, not numbers.

    Refuses to save over a change made since the page was opened (VersionedForm).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start", "end"):
            if name in self.fields:
                self.fields[name].required = False

    def clean(self):
        data = super().clean()
        article = data.get("article")
        if article is None and self.instance.article_id:
            article = self.instance.article
        text = data.get("text")
        if article is None or not text:
            return data
        start = data.get("start")
        if start is None:
            start = self.instance.start or 0
        if article.text[start : start + len(text)] != text:
            at = editing.locate(article.text, text, near=start)
            if at is None:
                self.add_error("text", "This text does not occur in the article; copy it exactly.")
                return data
            start = at
        data["start"], data["end"] = start, start + len(text)
        # The add form has no offset fields, so set them on the instance too.
        self.instance.start, self.instance.end = data["start"], data["end"]
        return data


class RejectForm(forms.Form):
    reason = forms.CharField(
        max_length=300, required=False, widget=forms.TextInput(attrs={"size": 80}),
        help_text="Shown on the statement's permalink, which says it was withdrawn: "
        "e.g. “Not a statement: the writer's summary”.",
    )


class ReassignForm(forms.Form):
    speaker = forms.ModelChoiceField(
        queryset=Person.objects.all(),
        help_text="Type part of a name, alias or role. Add a new person first if needed.",
    )

    def __init__(self, *args, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["speaker"]
        field.widget = AutocompleteSelect(Quote._meta.get_field("speaker"), admin_site)
        field.widget.choices = field.choices  # what the field sets up for its own widget


class ReviewActions:
    """Verify / reject / reassign, shared by the quote, claim and queue admins."""

    actions = ["verify", "reject", "reject_with_reason", "reassign_speaker"]

    def statements_for(self, queryset) -> list[StatementBase]:
        return list(queryset)

    @admin.action(description="Verify selected statements (speaker and text are right)",
                  permissions=["review"])
    def verify(self, request, queryset):
        count = editing.verify(self.statements_for(queryset), request.user)
        self.message_user(request, f"Verified {count} statement(s).", messages.SUCCESS)

    @admin.action(description="Reject selected (not a statement; hidden from readers)",
                  permissions=["review"])
    def reject(self, request, queryset):
        count = editing.reject(self.statements_for(queryset), request.user)
        self.message_user(request, f"Rejected {count} statement(s).", messages.SUCCESS)

    def _confirm(self, request, queryset, form, **texts):
        """The action's confirmation page: each statement in its paragraph (who
        says it is read from the text), and ``form``."""
        return action_page(
            request,
            self,
            queryset.select_related("article", "speaker"),
            form,
            describe=lambda obj: format_html(
                "<strong>{}</strong>{}", speaker_display(obj), statement_in_context(obj)
            ),
            **texts,
        )

    @admin.action(description="Reject selected, with a reason for readers…",
                  permissions=["review"])
    def reject_with_reason(self, request, queryset):
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            count = editing.reject(self.statements_for(queryset), request.user, reason=reason)
            self.message_user(request, f"Rejected {count} statement(s).", messages.SUCCESS)
            return None
        return self._confirm(
            request,
            queryset,
            form,
            title="Reject, with a reason",
            intro="These statements leave lists, exports and feeds; their permalinks "
            "say they were withdrawn by the editors, when, and the reason you give.",
            submit_label="Reject",
        )

    @admin.action(description="Reassign selected to another speaker…", permissions=["review"])
    def reassign_speaker(self, request, queryset):
        data = request.POST if "apply" in request.POST else None
        form = ReassignForm(data, admin_site=self.admin_site)
        if form.is_valid():
            speaker = form.cleaned_data["speaker"]
            try:
                count = editing.reassign(self.statements_for(queryset), speaker, request.user)
            except editing.Gone as gone:
                self.message_user(request, str(gone), messages.ERROR)
                return None
            self.message_user(
                request, f"Credited {count} statement(s) to {speaker}.", messages.SUCCESS
            )
            return None
        return self._confirm(
            request,
            queryset,
            form,
            title="Reassign to another speaker",
            intro="Credit these statements to the speaker you choose. "
            "They will be marked corrected, with you as the reviewer.",
            submit_label="Reassign",
        )


@admin.display(description="speaker", ordering="speaker__name")
def speaker_display(obj):
    if obj.speaker_id:
        return obj.speaker
    return format_html("<em>{}</em>", obj.speaker_mention or "unknown")


@admin.display(description="outlet", ordering="article__outlet__name")
def outlet_display(obj):
    return obj.article.outlet or "–"


@admin.display(description="article", ordering="article__title")
def article_display(obj):
    return excerpt(str(obj.article), 50)


@admin.display(description="date", ordering="published_on")
def date_display(obj):
    return obj.published_on


@admin.display(description="confidence", ordering="confidence")
def confidence_display(obj):
    return f"{obj.confidence:.2f}"


class QuoteAndClaimAdmin(ReviewActions, HistoryAdmin):
    """Admin for Quote and Claim (same fields, see StatementBase)."""

    form = StatementForm
    # Confidence and status next to the words and speaker: what an editor
    # judges first, and visible without scrolling on a laptop screen.
    list_display = [
        "excerpt",
        speaker_display,
        confidence_display,
        "status",
        article_display,
        outlet_display,
        date_display,
    ]
    list_display_links = ["excerpt"]
    list_filter = [
        "status",
        ConfidenceBandFilter,
        SpeakerFilter,
        OutletFilter,
        ViaFilter,
        "partial",
        "stance",
    ]
    list_select_related = ["speaker", "article__outlet"]
    search_fields = ["text", "speaker_mention", "speaker__name", "cue", "article__title"]
    search_help_text = "Words of the statement, the speaker, the cue or the article title."
    ordering = ["-published_on", "-id"]
    autocomplete_fields = ["speaker", "via", "article"]
    readonly_fields = [
        "in_article",
        "article_link",
        "confidence",
        "reviewed_at",
        "reviewed_by",
        "published_on",
        "created_at",
        "updated_at",
    ]

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            first = ["article", "text", "speaker", "speaker_mention", "cue", "stance", "partial",
                     "via"]
            return [(None, {"fields": first}), ("Review", {"fields": ["status"]})]
        return [
            (None, {"fields": ["in_article", "text", "speaker", "speaker_mention", "cue",
                               "stance", "partial", "via", "version"]}),
            ("Review", {"fields": ["status", "confidence", "reviewed_at", "reviewed_by"]}),
            ("Where", {"fields": ["article_link", "published_on", "start", "end",
                                  "created_at", "updated_at"], "classes": ["collapse"]}),
        ]

    def has_review_permission(self, request):
        return self.has_change_permission(request)

    @admin.display(description="statement", ordering="text")
    def excerpt(self, obj):
        return excerpt(obj.text)

    @admin.display(description="in the article")
    def in_article(self, obj):
        return statement_in_context(obj)

    @admin.display(description="article")
    def article_link(self, obj):
        url = reverse("admin:quotes_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, obj.article)

    def save_model(self, request, obj, form, change):
        reverted = self.revert_reason(request)
        if reverted:
            # The form was filled from the old version, so changed_data is empty.
            editing.record_revert(obj, request.user, reverted)
        elif change:
            editing.record_edit(obj, form.changed_data, request.user)
        else:
            editing.record_addition(obj, request.user)
        super().save_model(request, obj, form, change)


admin.site.register(Quote, QuoteAndClaimAdmin)
admin.site.register(Claim, QuoteAndClaimAdmin)


class QueueStatusFilter(DefaultChoiceFilter):
    """Status, defaulting to "to review" so the queue opens on unreviewed statements."""

    title = "status"
    parameter_name = "status"
    DEFAULT = StatementBase.Status.AUTOMATIC

    def lookups(self, request, model_admin):
        labels = {StatementBase.Status.AUTOMATIC: "To review (automatic)"}
        return [
            *((value, labels.get(value, label)) for value, label in StatementBase.Status.choices),
            ("all", "All"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "all":
            return queryset
        return queryset.filter(status=self.value())


class KindFilter(admin.SimpleListFilter):
    title = "kind"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [("quote", "Quotes"), ("claim", "Claims (reported speech)")]

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(Statement)
class ReviewQueueAdmin(ReviewActions, admin.ModelAdmin):
    """Quotes and claims together, lowest confidence first: the editors' review queue.

    Read-only over the ``quotes_statement`` view; the actions and the links
    act on the Quote and Claim rows behind it, so the view needs no permissions
    of its own: whoever may change quotes and claims may work the queue.
    """

    list_display = [
        "statement_link",
        "kind",
        speaker_display,
        confidence_display,
        "status",
        article_display,
        outlet_display,
        date_display,
    ]
    list_display_links = None
    list_filter = [
        QueueStatusFilter,
        KindFilter,
        ConfidenceBandFilter,
        SpeakerFilter,
        OutletFilter,
        ViaFilter,
        "stance",
    ]
    list_select_related = ["speaker", "article__outlet"]
    search_fields = ["text", "speaker_mention", "speaker__name", "article__title"]
    ordering = ["confidence", "-published_on", "uid"]
    list_per_page = 50

    def statements_for(self, queryset):
        return editing.concrete_statements(queryset)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perms(["quotes.view_quote", "quotes.view_claim"])

    def has_review_permission(self, request):
        return request.user.has_perms(["quotes.change_quote", "quotes.change_claim"])

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # The readers' open error reports, linked above the queue (one indexed count).
        open_reports = ErrorReport.objects.filter(resolved_at__isnull=True).count()
        # Without the admin's menu of models, the queue's columns (status,
        # article, outlet, date) fit beside its filters at 1280 px.
        context = {"title": "Review queue", "open_reports": open_reports,
                   "is_nav_sidebar_enabled": False}
        return super().changelist_view(request, {**context, **(extra_context or {})})

    @admin.display(description="statement", ordering="text")
    def statement_link(self, obj):
        url = reverse(f"admin:quotes_{obj.kind}_change", args=[obj.statement_id])
        return format_html('<a href="{}">{}</a>', url, excerpt(obj.text))
