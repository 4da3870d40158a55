"""Pieces the admin modules share: filters, the intermediate action page, counts."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin import helpers
from django.db.models import Count, ForeignKey, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from quotes.models import StatementBase

# How many selected objects an intermediate page names before "and N more".
LISTED = 30


def excerpt(text: str, length: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def count_of(model, path: str):
    """A correlated COUNT of ``model`` rows whose ``path`` is the outer row.

    Rejected statements are not counted. Subqueries, unlike Count() over two
    joins, do not multiply every quote by every claim before counting.
    """
    rows = model.objects.filter(**{path: OuterRef("pk")})
    if issubclass(model, StatementBase):
        rows = rows.exclude(status=StatementBase.Status.REJECTED)
    rows = rows.order_by().values(path).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


class ConfidenceBandFilter(admin.SimpleListFilter):
    """Low / medium / high confidence, so an editor can look at the risky ones."""

    title = "confidence"
    parameter_name = "confidence_band"
    BANDS = {
        "low": ("Low (under 0.5)", 0.0, 0.5),
        "medium": ("Medium (0.5 to 0.8)", 0.5, 0.8),
        "high": ("High (0.8 and over)", 0.8, None),
    }

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _, _) in self.BANDS.items()]

    def queryset(self, request, queryset):
        if self.value() not in self.BANDS:
            return queryset
        _, low, high = self.BANDS[self.value()]
        queryset = queryset.filter(confidence__gte=low)
        return queryset if high is None else queryset.filter(confidence__lt=high)


def action_page(
    request, model_admin, queryset, form, *, title: str, intro: str, submit_label: str,
    describe=str,
):
    """The confirmation page of an action that needs input (a speaker, a target person).

    Posts back to the same changelist URL with the selected primary keys and
    ``apply``, which Django routes to the same action again.
    """
    opts = model_admin.model._meta
    objects = [describe(obj) for obj in queryset[:LISTED]]
    total = queryset.count()
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "intro": intro,
        "submit_label": submit_label,
        "opts": opts,
        "form": form,
        "objects": objects,
        "more": total - len(objects),
        "selected_pks": [str(pk) for pk in queryset.values_list("pk", flat=True)],
        "action": request.POST.get("action", ""),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": model_admin.media + form.media,
    }
    return TemplateResponse(request, "admin/quotes/action_form.html", context)


class HistoryContextHelper(HistoricalRecordContextHelper):
    """Shows an empty foreign key as "none", not "Deleted user (pk=None)", and a
    deleted person (merged away) by the name their own history last had."""

    def prepare_delta_change_value(self, change, value):
        if isinstance(value, DeletedObject):
            if value.pk is None:
                return "none"
            history = getattr(value.model, "history", None)
            last = None
            if history is not None:
                key = value.model._meta.pk.attname  # the historical table's pk is history_id
                last = history.filter(**{key: value.pk}).order_by("-history_date").first()
            if last is not None:
                return f"{last.instance} (#{value.pk}, since deleted)"
        return super().prepare_delta_change_value(change, value)


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin: each object's History page lists who changed what, old -> new."""

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        # simple-history calls select_related() with no names when a model has no
        # tracked foreign keys, which Django 6.1 deprecates; name them ourselves.
        records = history_manager.filter(**{pk_name: object_id}).select_related("history_user")
        keys = [f.name for f in history_manager.model.tracked_fields if isinstance(f, ForeignKey)]
        return records.select_related(*keys) if keys else records

    def get_historical_record_context_helper(self, request, historical_record):
        return HistoryContextHelper(self.model, historical_record)
