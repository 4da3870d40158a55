"""The statement filters of the search page, and their facet counts."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Count

from .models import NameMatches, Outlet, Person, Statement, StatementBase
from .search import normalise_query

KIND_CHOICES = [("quote", "Quotes"), ("claim", "Claims (reported speech)")]
STATUS_CHOICES = [
    (StatementBase.Status.VERIFIED, "Verified"),
    (StatementBase.Status.CORRECTED, "Corrected"),
    (StatementBase.Status.AUTOMATIC, "Not reviewed yet"),
]
# Long facet lists are cut to the busiest values (the selected ones always stay).
FACET_LIMIT = 15


class StatementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label="Search statements")
    # Slugs in the URL; no DISTINCT needed, every relation here is to-one.
    speaker = django_filters.ModelMultipleChoiceFilter(
        field_name="speaker__slug",
        distinct=False,
        queryset=Person.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )
    outlet = django_filters.ModelMultipleChoiceFilter(
        field_name="article__outlet__slug",
        distinct=False,
        queryset=Outlet.objects.all(),
        to_field_name="slug",
        label="Published by",
        widget=forms.CheckboxSelectMultiple,
    )
    via = django_filters.ModelMultipleChoiceFilter(
        field_name="via__slug",
        distinct=False,
        queryset=Outlet.objects.all(),
        to_field_name="slug",
        label="Via agency",
        widget=forms.CheckboxSelectMultiple,
    )
    kind = django_filters.MultipleChoiceFilter(
        choices=KIND_CHOICES,
        distinct=False, widget=forms.CheckboxSelectMultiple
    )
    status = django_filters.MultipleChoiceFilter(
        choices=STATUS_CHOICES,
        distinct=False, label="Review", widget=forms.CheckboxSelectMultiple
    )
    since = django_filters.DateFilter(
        field_name="published_on",
        lookup_expr="gte",
        label="From",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        field_name="published_on",
        lookup_expr="lte",
        label="To",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Statement
        fields = ["q", "speaker", "outlet", "via", "kind", "status", "since", "until"]

    def filter_search(self, queryset, name, value):
        # Every facet count re-applies the search; look the names up once.
        if getattr(self, "_names", None) is None or self._names_for != value:
            self._names, self._names_for = NameMatches.find(value), value
        return queryset.search(value, names=self._names)

    @property
    def query(self) -> str:
        """The normalised search text ("" when not searching)."""
        return normalise_query(self.form.cleaned_data.get("q")) if self.is_valid() else ""

    def filtered(self, queryset=None, *, without: str | None = None):
        """``queryset`` with every valid filter applied except ``without``.

        Facet counts use this so each facet's numbers reflect the *other*
        active filters; the form is validated once, not once per facet.
        """
        self.errors  # noqa: B018 (validates the form and fills cleaned_data)
        queryset = self.queryset if queryset is None else queryset
        for name, value in self.form.cleaned_data.items():
            if name != without and name in self.filters:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def selected(self, name: str) -> list[str]:
        """The raw values of filter ``name`` in the request, valid or not."""
        return self.data.getlist(name) if hasattr(self.data, "getlist") else []


def facets(filterset: StatementFilter, names=("speaker", "outlet", "via", "kind", "status")):
    """Counts per value for each facet, one query each: ``{name: [Facet, ...]}``.

    Choice facets (kind, status) list every choice, with 0 where nothing
    matches; name facets list the busiest ``FACET_LIMIT`` values plus whatever
    is selected, so a selection can always be undone.
    """
    queries = {
        "speaker": ("speaker__slug", "speaker__name"),
        "outlet": ("article__outlet__slug", "article__outlet__name"),
        "via": ("via__slug", "via__name"),
        "kind": ("kind", None),
        "status": ("status", None),
    }
    choices = {"kind": KIND_CHOICES, "status": STATUS_CHOICES}
    cleaned = filterset.form.cleaned_data if filterset.is_valid() else {}
    result = {}
    for name in names:
        value_field, label_field = queries[name]
        selected = set(filterset.selected(name))
        rows = (
            filterset.filtered(without=name)
            .filter(**{f"{value_field}__isnull": False})
            .values(value_field, *([label_field] if label_field else []))
            .annotate(n=Count("pk"))
            .order_by("-n", label_field or value_field)
        )
        if name in choices:
            counts = {row[value_field]: row["n"] for row in rows}
            result[name] = [
                Facet(value, label, counts.get(value, 0), value in selected)
                for value, label in choices[name]
            ]
            continue
        items = [
            Facet(row[value_field], row[label_field], row["n"], row[value_field] in selected)
            for row in rows[:FACET_LIMIT]
        ]
        shown = {item.value for item in items}
        # Selected values beyond the cut: the form already loaded their objects.
        for obj in cleaned.get(name) or ():
            if obj.slug not in shown:
                items.append(Facet(obj.slug, obj.name, None, True))
        result[name] = items
    return result


class Facet:
    """One value of a facet: what the URL says, what people read, how many."""

    __slots__ = ("value", "label", "count", "checked")

    def __init__(self, value, label, count, checked):
        self.value, self.label, self.count, self.checked = value, label, count, checked
