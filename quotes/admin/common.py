"""Pieces the admin modules share: filters, the intermediate action page, counts."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.utils import get_fields_from_path
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Count, ForeignKey, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.utils import timezone
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


class DefaultChoiceFilter(admin.SimpleListFilter):
    """A list filter that starts on ``DEFAULT`` rather than everything (the
    review queue on what is unreviewed, reports on the open ones); "All" is
    one of its choices, so Django's own "All" is not offered."""

    DEFAULT = ""

    def value(self):
        return super().value() or self.DEFAULT

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }


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


def most_frequent_filter(field: str, title: str, parameter: str = "", limit: int = 15):
    """A list filter on a foreign key that offers only its ``limit`` most frequent values.

    Django's related-field filters list every related row: with thousands of
    speakers the sidebar is a 600 KB page that takes longer to render than the
    queries. Others are found through search, or the "statements" link on a
    person's page (same ``<field>__id__exact`` parameter). "None" finds the
    rows without one (unattributed statements).
    """

    class MostFrequentFilter(admin.SimpleListFilter):
        # Django admin refuses a URL lookup across two relations that is not a
        # field filter ("article__outlet__id__exact"): name those plainly.
        parameter_name = parameter or f"{field}__id__exact"
        NONE = "none"

        def lookups(self, request, model_admin):
            rows = (
                model_admin.get_queryset(request)
                .filter(**{f"{field}__isnull": False})
                .values(field)
                .annotate(n=Count("pk"))
                .order_by("-n", field)[:limit]
            )
            ids = [row[field] for row in rows]
            if self.value() and self.value().isdigit() and int(self.value()) not in ids:
                ids.append(int(self.value()))  # the chosen one stays visible
            related = get_fields_from_path(model_admin.model, field)[-1].related_model
            names = related._default_manager.in_bulk(ids)
            return [(str(pk), str(names[pk])) for pk in ids if pk in names] + [
                (self.NONE, "None")
            ]

        def queryset(self, request, queryset):
            value = self.value()
            if not value:
                return queryset
            if value == self.NONE:
                return queryset.filter(**{f"{field}__isnull": True})
            if not value.isdigit():
                return queryset.none()
            return queryset.filter(**{f"{field}__pk": value})

    MostFrequentFilter.title = title
    MostFrequentFilter.__name__ = f"MostFrequent{field.title().replace('_', '')}Filter"
    return MostFrequentFilter


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
        if value is None:
            return "none"
        if isinstance(value, datetime.datetime):
            # "30 Nov 2026 13:20", local time, as the rest of the page; not ISO.
            return timezone.localtime(value).strftime("%-d %b %Y %H:%M") if timezone.is_aware(
                value
            ) else value.strftime("%-d %b %Y %H:%M")
        if isinstance(value, datetime.date):
            return value.strftime("%-d %b %Y")
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

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # "Revert": save_model needs to know, to say so in the history.
        request.reverting_to = self.model.history.filter(history_id=version_id).first()
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_reason(self, request) -> str | None:
        """"Reverted to the version of 24 Nov 2026 05:14" when saving a revert, else None."""
        version = getattr(request, "reverting_to", None)
        if version is None:
            return None
        when = timezone.localtime(version.history_date).strftime("%d %b %Y %H:%M")
        return f"Reverted to the version of {when}"

    def save_model(self, request, obj, form, change):
        reason = self.revert_reason(request)
        if reason:
            obj._change_reason = reason
        super().save_model(request, obj, form, change)


class VersionedForm(forms.ModelForm):
    """A change form that will not save over what someone saved after it was opened.

    Django admin's default is "last save wins": an editor who opened a
    statement before a colleague reassigned it would silently put the old
    speaker back. The form carries the row's ``updated_at`` as it was when the
    page was opened; on save the row is locked and compared, and a mismatch is
    refused with who changed it and why. Add ``"version"`` to the admin's
    fields so the hidden input is rendered.
    """

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            # From the row, not the instance: history's "revert" form is built
            # from an old version of the instance.
            self.fields["version"].initial = self.current_version()

    def current_version(self, *, lock: bool = False) -> str:
        rows = type(self.instance)._default_manager.filter(pk=self.instance.pk)
        if lock and connection.in_atomic_block:  # admin saves run in a transaction
            rows = rows.select_for_update()
        value = rows.values_list("updated_at", flat=True).first()
        return value.isoformat() if value else ""

    def clean(self):
        data = super().clean()
        sent = self.data.get(self.add_prefix("version"))
        if self.instance.pk is not None and sent and sent != self.current_version(lock=True):
            raise ValidationError(self.conflict_message(), code="changed_meanwhile")
        return data

    def conflict_message(self) -> str:
        what = self.instance._meta.verbose_name
        history = getattr(type(self.instance), "history", None)
        last = None
        if history is not None:
            last = history.filter(id=self.instance.pk).select_related("history_user").first()
        if last is None:
            change = f"Someone changed this {what}"
        else:
            who = last.history_user or "An import or re-extraction"
            when = timezone.localtime(last.history_date).strftime("%H:%M:%S")
            reason = f" ({last.history_change_reason})" if last.history_change_reason else ""
            change = f"{who} changed this {what} at {when}{reason}"
        return (
            f"{change} after you opened this page. Nothing of yours was saved: "
            "reload the page to see their change, then make yours again."
        )
