"""The statement filters of the search page, and their facet counts."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django_filters.fields import ModelMultipleChoiceField

from .counting import Scope, count, estimate_label, top
from .models import Outlet, Person, PersonAlias, Stance, Statement, StatementBase
from .search import normalise_query, quoted

KIND_CHOICES = [("quote", "Quotes"), ("claim", "Claims (reported speech)")]
STATUS_CHOICES = [
    (StatementBase.Status.VERIFIED, "Verified"),
    (StatementBase.Status.CORRECTED, "Corrected"),
    (StatementBase.Status.AUTOMATIC, "Not reviewed yet"),
]
SLUG_FILTERS = ("speaker", "outlet", "via")
# The filters StatementTally counts by.
TALLIED = ("speaker", "outlet", "via", "kind", "status")


class KnownSlugsField(ModelMultipleChoiceField):
    """The objects of the slugs that exist; unknown slugs are dropped, not fatal.

    A bookmarked ``?speaker=dmitry-peskov&speaker=merged-away`` should still
    show Peskov rather than ignore the whole speaker filter;
    ``StatementFilter.notices`` names what was dropped.
    """

    def clean(self, value):
        # Nothing chosen: an empty list, not ``queryset.none()``, which every
        # truth test of the page would compile into SQL to learn it is empty.
        if not value and not self.required:
            return []
        return super().clean(value)

    def _check_values(self, value):
        for slug in value:
            self.validate_no_null_characters(slug)
        return self.queryset.filter(**{f"{self.to_field_name}__in": set(value)})


class SlugsFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = KnownSlugsField

    def __init__(self, field_name, queryset, **kwargs):
        # No DISTINCT needed: every relation filtered here is to-one.
        super().__init__(
            field_name=field_name,
            queryset=queryset,
            to_field_name="slug",
            distinct=False,
            widget=forms.CheckboxSelectMultiple,
            **kwargs,
        )

    def filter(self, qs, value):
        # By id on the statements table's own column, never a join on the slug:
        # then "speaker_id = X ORDER BY newest LIMIT 26" is one index range.
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__in": [obj.pk for obj in value]})


def _empty(value) -> bool:
    """A filter left blank: nothing to apply (an empty queryset is not run to learn it)."""
    if isinstance(value, QuerySet):
        return value.query.is_empty()
    return value in (None, "", [], ())


class StatementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label="Search")
    # Slugs in the URL.
    speaker = SlugsFilter("speaker", Person.objects.all(), label="Speaker")
    outlet = SlugsFilter("outlet", Outlet.objects.all(), label="Published by")
    via = SlugsFilter("via", Outlet.objects.all(), label="Via agency")
    kind = django_filters.MultipleChoiceFilter(
        choices=KIND_CHOICES,
        distinct=False, widget=forms.CheckboxSelectMultiple
    )
    status = django_filters.MultipleChoiceFilter(
        choices=STATUS_CHOICES,
        distinct=False, label="Review", widget=forms.CheckboxSelectMultiple
    )
    stance = django_filters.MultipleChoiceFilter(
        choices=Stance.choices, distinct=False, label="Stance",
        widget=forms.CheckboxSelectMultiple,
    )
    since = django_filters.DateFilter(
        field_name="published_on",
        lookup_expr="gte",
        label="From",
        method="filter_since",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        field_name="published_on",
        lookup_expr="lte",
        label="To",
        method="filter_until",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    # With a date range, also the statements of undated articles ("include").
    undated = django_filters.ChoiceFilter(
        choices=[("include", "Include undated statements")],
        method="filter_nothing",
        label="Undated",
    )

    class Meta:
        model = Statement
        fields = ["q", "speaker", "outlet", "via", "kind", "status", "stance", "since", "until",
                  "undated"]

    def get_form_class(self):
        # django-filter builds a new form class per request; its fields are the
        # same every time (each form deep-copies them), so build it once.
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_since(self, queryset, name, value):
        return self._dated(queryset, Q(published_on__gte=value))

    def filter_until(self, queryset, name, value):
        return self._dated(queryset, Q(published_on__lte=value))

    def _dated(self, queryset, condition):
        if self.form.cleaned_data.get("undated"):
            condition |= Q(published_on__isnull=True)
        return queryset.filter(condition)

    def filter_nothing(self, queryset, name, value):
        return queryset  # read by filter_since and filter_until

    @property
    def dated(self) -> bool:
        """A date range is applied."""
        self.errors  # noqa: B018 (fills cleaned_data)
        cleaned = self.form.cleaned_data
        return bool(cleaned.get("since") or cleaned.get("until"))

    def undated_left_out(self):
        """The statements the date range leaves out for having no date: the
        list's other filters, undated (None when no range applies or they are
        already included)."""
        self.errors  # noqa: B018 (fills cleaned_data)
        if not self.dated or self.form.cleaned_data.get("undated"):
            return None
        return self.filtered(without=("since", "until")).filter(published_on__isnull=True)

    @property
    def query(self) -> str:
        """The normalised search text ("" when not searching).

        Still the search when another filter is invalid: ``filtered()`` applies
        it then too, so the page must rank and highlight it.
        """
        self.errors  # noqa: B018 (fills cleaned_data)
        return normalise_query(self.form.cleaned_data.get("q"))

    @property
    def notices(self) -> list[str]:
        """What in the URL was ignored or cannot match, in words a reader follows."""
        self.errors  # noqa: B018 (fills cleaned_data)
        cleaned, notices = self.form.cleaned_data, []
        for name, field in self.form.fields.items():
            raw = self.selected(name)
            if name in self.form.errors:
                shown = ", ".join(f"“{value}”" for value in raw if value) or "this value"
                reason = " ".join(self.form.errors[name])
                notices.append(f"{field.label}: {shown} ignored. {reason}")
            elif name in SLUG_FILTERS and raw:
                known = {obj.slug for obj in cleaned.get(name) or ()}
                unknown = [value for value in raw if value and value not in known]
                if unknown:
                    listed = ", ".join(f"“{value}”" for value in unknown)
                    notices.append(f"{field.label}: {listed} not found, ignored.")
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            notices.append("The “From” date is after the “To” date, so nothing can match.")
        return notices

    def describe(self) -> str:
        """The applied filters in words: ' by Dmitry Peskov via TASS matching “deadline”'."""
        self.errors  # noqa: B018 (fills cleaned_data)
        cleaned = self.form.cleaned_data
        labels = (dict(KIND_CHOICES) | {"claim": "claims"} | dict(STATUS_CHOICES)
                  | dict(Stance.choices))
        parts = [
            f"({', '.join(labels[value].lower() for value in cleaned[name])})"
            for name in ("kind", "status", "stance")
            if cleaned.get(name)
        ]
        for name, prefix in (("speaker", "by"), ("outlet", "in"), ("via", "via")):
            if cleaned.get(name):
                parts.append(f"{prefix} {' or '.join(obj.name for obj in cleaned[name])}")
        if cleaned.get("since"):
            parts.append(f"from {cleaned['since']:%Y-%m-%d}")
        if cleaned.get("until"):
            parts.append(f"until {cleaned['until']:%Y-%m-%d}")
        if self.dated and cleaned.get("undated"):
            parts.append("or undated")
        if self.query:
            parts.append(f"matching {quoted(self.query)}")
        return "".join(f" {part}" for part in parts)

    def filtered(self, queryset=None, *, without: str | tuple | None = None):
        """``queryset`` with every valid filter applied except ``without``.

        Facet counts use this so each facet's numbers reflect the *other*
        active filters; the form is validated once, not once per facet.
        """
        self.errors  # noqa: B018 (validates the form and fills cleaned_data)
        if queryset is None:
            # A page asks for the same set several times (rows, counts, facets).
            cache = self.__dict__.setdefault("_filtered", {})
            if without not in cache:
                cache[without] = self.filtered(self.queryset, without=without)
            return cache[without]
        skip = (without,) if isinstance(without, str) else without or ()
        for name, value in self.form.cleaned_data.items():
            if name not in skip and name in self.filters and not _empty(value):
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def scope(self, tallied: dict | None, *, without: str | None = None) -> Scope:
        """The statements this list shows (less filter ``without``), for counting.

        ``tallied`` is the page's own scope in tally terms (``{}`` for all,
        None when it has none, as the outlet page's "in it or via it"); the
        set has tally terms too when, besides it, only facet filters apply.
        """
        self.errors  # noqa: B018 (fills cleaned_data)
        cleaned = self.form.cleaned_data
        queryset = self.filtered(without=without)
        plain = tallied is not None and not any(
            # The tallies do not count by stance: a stance filter counts rows.
            cleaned.get(name) for name in ("q", "stance", "since", "until")
        )
        if not plain:
            return Scope(queryset, None)
        values = dict(tallied)
        for name in TALLIED:
            chosen = cleaned.get(name)
            if name == without or not chosen:
                continue
            keys = {getattr(value, "pk", value) for value in chosen}
            values[name] = tuple(sorted(keys & set(values[name]) if name in values else keys))
        return Scope(queryset, values)

    def selected(self, name: str) -> list[str]:
        """The raw values of filter ``name`` in the request, valid or not."""
        return self.data.getlist(name) if hasattr(self.data, "getlist") else []


def facets(filterset: StatementFilter, names, tallied: dict | None = None):
    """The list's size and each facet's values: ``(Counted, {name: [Facet, ...]})``.

    Each facet counts the list less its own filter (so ticking a speaker
    still shows the other speakers); ``quotes.counting.count`` answers each
    such set exactly, or estimated past a bound (``Facet.estimated``). Choice
    facets (kind, status) list every choice, with 0 where nothing matches;
    name facets the busiest ``FACET_LIMIT`` values plus whatever is selected,
    so a selection can always be undone.
    """
    filterset.errors  # noqa: B018 (fills cleaned_data)
    cleaned = filterset.form.cleaned_data
    choices = {"kind": KIND_CHOICES, "status": STATUS_CHOICES}
    own = [name for name in names if cleaned.get(name)]
    counted = count(filterset.scope(tallied), [name for name in names if name not in own])
    by_facet = {name: (counted.by_facet[name], counted.exact) for name in counted.by_facet}
    labels = dict(counted.labels)
    for name in own:
        alone = count(filterset.scope(tallied, without=name), [name])
        by_facet[name] = (alone.by_facet[name], alone.exact)
        labels.update(alone.labels)
    result = {}
    for name in names:
        counts, exact = by_facet[name]
        # What is applied, not what the URL says: an ignored value is not ticked.
        applied = cleaned.get(name) or ()
        selected = {getattr(value, "slug", value) for value in applied}
        if name in choices:
            result[name] = [
                Facet(value, label, counts.get(value, 0), value in selected, not exact)
                for value, label in choices[name]
            ]
            continue
        items = [
            Facet(slug, label, n, slug in selected, not exact)
            for slug, label, n in top(name, counts, labels=labels)
        ]
        shown = {item.value for item in items}
        # Selected values beyond the cut: the form already loaded their objects.
        for obj in applied:
            if obj.slug not in shown:
                items.append(Facet(obj.slug, obj.name, None, True, False))
        result[name] = items
    return counted, result


class Facet:
    """One value of a facet: what the URL says, what people read, how many
    (``estimated``: from the 1 % sample, shown as "about")."""

    __slots__ = ("value", "label", "count", "checked", "estimated")

    def __init__(self, value, label, count, checked, estimated=False):
        self.value, self.label, self.count, self.checked = value, label, count, checked
        self.estimated = estimated

    @property
    def count_label(self) -> str:
        if self.count is None:
            return ""
        return estimate_label(self.count) if self.estimated else f"{self.count:,}"


# "Show all" lists this many of a facet's values, busiest first; a name search
# inside the facet looks among at most FIND_LIMIT people or outlets.
SHOW_ALL_LIMIT = 200
FIND_LIMIT = 500


def matching_ids(name: str, find: str) -> list[int]:
    """Ids of the people (by name or alias) or outlets (by name) whose name
    contains ``find``: the trigram indexes on their upper-cased names serve it."""
    if name == "speaker":
        by_name = Person.objects.filter(name__icontains=find).order_by().values_list(
            "pk", flat=True
        )
        by_alias = PersonAlias.objects.filter(text__icontains=find).order_by().values_list(
            "person_id", flat=True
        )
        return sorted(set(by_name[:FIND_LIMIT]) | set(by_alias[:FIND_LIMIT]))
    outlets = Outlet.objects.filter(name__icontains=find).order_by()
    return list(outlets.values_list("pk", flat=True)[:FIND_LIMIT])


def facet_values(filterset: StatementFilter, name: str, tallied: dict | None, find: str = ""):
    """Every value of name facet ``name`` over the list less its own filter,
    busiest first (at most ``SHOW_ALL_LIMIT``), or those whose name contains
    ``find``: ``(items, exact)``."""
    filterset.errors  # noqa: B018 (fills cleaned_data)
    scope = filterset.scope(tallied, without=name)
    among = (name, matching_ids(name, find)) if find else None
    if among is not None and not among[1]:
        return [], True
    counted = count(scope, [name], limit=SHOW_ALL_LIMIT, among=among)
    selected = {obj.slug for obj in filterset.form.cleaned_data.get(name) or ()}
    items = [
        Facet(slug, label, n, slug in selected, not counted.exact)
        for slug, label, n in top(name, counted.by_facet[name], SHOW_ALL_LIMIT, counted.labels)
    ]
    return items, counted.exact
