"""People (with aliases) and outlets."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import smart_split, unescape_string_literal

from quotes import editing
from quotes.models import Article, Claim, Outlet, Person, PersonAlias, Quote

from .common import HistoryAdmin, VersionedForm, action_page, count_of


def alias_history(person_id: int) -> list[dict]:
    """Every change to the aliases this person has or had, newest first.

    Aliases are edited inline on the person's page (and moved or dropped by
    merges), so the person's History page lists them too: who, when, what,
    and why. Two queries; each record is compared with the alias's previous one.
    """
    ever = PersonAlias.history.filter(person_id=person_id).values("id")
    records = list(
        PersonAlias.history.filter(id__in=ever)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    names = dict(Person.objects.filter(pk__in={r.person_id for r in records})
                 .values_list("pk", "name"))
    changes, previous = [], {}
    for record in records:
        before = previous.get(record.id)
        previous[record.id] = record
        here = record.person_id == person_id
        was_here = before is not None and before.person_id == person_id
        label = f"“{record.text}” ({record.get_kind_display().lower()})"
        if record.history_type == "+":
            what = f"Added {label}" if here else None
        elif record.history_type == "-":
            what = f"Removed {label}" if here else None
        elif here and not was_here:
            what = f"Moved {label} here"
        elif was_here and not here:
            to = names.get(record.person_id, f"person #{record.person_id}")
            what = f"Moved {label} to {to}"
        elif here and (before.text, before.kind) != (record.text, record.kind):
            what = f"Changed “{before.text}” ({before.get_kind_display().lower()}) to {label}"
        else:
            what = None
        if what:
            changes.append({"date": record.history_date, "user": record.history_user,
                            "reason": record.history_change_reason, "what": what})
    return sorted(changes, key=lambda change: change["date"], reverse=True)


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    fields = ["text", "kind"]
    extra = 1


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Person.objects.all(),
        label="Merge into",
        help_text="The person to keep. Every other selected person is merged into them "
        "and deleted; their names become aliases.",
    )

    def __init__(self, *args, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["target"]
        field.widget = AutocompleteSelect(PersonAlias._meta.get_field("person"), admin_site)
        field.widget.choices = field.choices  # what the field sets up for its own widget


@admin.register(Person)
class PersonAdmin(HistoryAdmin):
    list_display = [
        "name",
        "kind",
        "title",
        "organisation",
        "country",
        "reviewed",
        "quote_count",
        "claim_count",
        "statement_count",
    ]
    list_filter = ["kind", "reviewed", "country"]
    search_fields = ["name", "title", "organisation"]  # and aliases: get_search_results
    search_help_text = "Name, alias, role or organisation."
    inlines = [PersonAliasInline]
    readonly_fields = ["slug", "statements", "created_at", "updated_at"]
    actions = ["merge_into", "mark_reviewed"]
    form = VersionedForm
    object_history_template = "admin/quotes/person/object_history.html"

    def get_fields(self, request, obj=None):
        fields = ["name", "kind", "title", "organisation", "country", "reviewed"]
        return fields if obj is None else [*fields, "slug", "statements", "created_at",
                                           "updated_at", "version"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        # Counts only for the list: the autocomplete and forms do not need them.
        match = getattr(request, "resolver_match", None)
        if match and match.url_name == "quotes_person_changelist":
            queryset = queryset.with_counts()
        return queryset

    def get_search_results(self, request, queryset, search_term):
        """Django's search, plus any alias containing the word.

        Searching ``aliases__text`` through search_fields joins the aliases and
        needs DISTINCT over every matching person and their statement counts
        (half a second with 5,000 people); EXISTS needs neither.
        """
        queryset, duplicates = super().get_search_results(request, queryset, "")
        for word in smart_split(search_term):
            if word.startswith(('"', "'")) and word[0] == word[-1]:  # as Django does
                word = unescape_string_literal(word)
            aliases = PersonAlias.objects.filter(person=OuterRef("pk"), text__icontains=word)
            queryset = queryset.filter(
                Q(name__icontains=word) | Q(title__icontains=word)
                | Q(organisation__icontains=word) | Exists(aliases)
            )
        return queryset, duplicates

    def get_deleted_objects(self, objs, request):
        """Refuse to delete anyone who is credited with statements: merge them instead.

        Deleting would leave their quotes and claims without a speaker (SET_NULL).
        """
        to_delete, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        speakers = Person.objects.filter(pk__in=[p.pk for p in objs]).annotate(
            n=count_of(Quote, "speaker") + count_of(Claim, "speaker")
        ).filter(n__gt=0)
        protected = [*protected, *(
            f"{p.name} is the speaker of {p.n} statement(s): merge them into another person"
            for p in speakers
        )]
        return to_delete, counts, perms_needed, protected

    def save_model(self, request, obj, form, change):
        # Saving only the aliases inline would otherwise add an empty "Changed"
        # record to the person's history; the alias changes are listed below it.
        if change and not form.has_changed() and not self.revert_reason(request):
            return
        super().save_model(request, obj, form, change)

    def history_view(self, request, object_id, extra_context=None):
        try:
            changes = alias_history(int(unquote(object_id)))
        except ValueError:
            changes = []  # not a person id: the history view answers 404
        context = {"alias_changes": changes, **(extra_context or {})}
        return super().history_view(request, object_id, context)

    @admin.display(description="quotes", ordering="quote_count")
    def quote_count(self, obj):
        return obj.quote_count

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, obj):
        return obj.claim_count

    @admin.display(description="statements", ordering="statement_count")
    def statement_count(self, obj):
        return obj.statement_count

    @admin.display(description="statements")
    def statements(self, obj):
        quotes = Quote.objects.filter(speaker=obj).count()
        claims = Claim.objects.filter(speaker=obj).count()
        url = reverse("admin:quotes_statement_changelist")
        return format_html(
            '<a href="{}?speaker__id__exact={}&amp;status=all">{} quotes, {} claims</a>'
            ' · <a href="{}">public page</a>',
            url, obj.pk, quotes, claims, obj.get_absolute_url(),
        )

    @admin.action(description="Merge selected into one person…", permissions=["delete"])
    def merge_into(self, request, queryset):
        people = queryset.annotate(
            quote_total=count_of(Quote, "speaker"), claim_total=count_of(Claim, "speaker")
        ).order_by("-quote_total", "-claim_total", "name")
        data = request.POST if "apply" in request.POST else None
        # The best-quoted person is usually the one to keep.
        form = MergeForm(data, admin_site=self.admin_site, initial={"target": people.first()})
        if form.is_valid():
            target = form.cleaned_data["target"]
            duplicates = [p for p in queryset if p.pk != target.pk]
            if duplicates:
                try:
                    result = editing.merge_people(duplicates, target, request.user)
                except editing.Gone as gone:
                    self.message_user(request, str(gone), messages.ERROR)
                    return None
                self.message_user(
                    request,
                    f"Merged {result.people_deleted} into {target}: "
                    f"{result.statements_moved} statement(s) and {result.aliases_moved} "
                    f"alias(es) moved, {result.aliases_added} name(s) added as aliases.",
                    messages.SUCCESS,
                )
                return None
            form.add_error("target", "Select at least one other person to merge into this one.")
        return action_page(
            request,
            self,
            people,
            form,
            title="Merge people",
            intro="Choose the person to keep. The others are merged into them: their "
            "quotes, claims and aliases move over and they are deleted.",
            submit_label="Merge",
            describe=lambda p: " · ".join(
                filter(None, [p.name, p.title, p.organisation,
                              f"{p.quote_total} quotes, {p.claim_total} claims"])
            ),
        )

    @admin.action(description="Mark selected as reviewed", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        count = 0
        for person in Person.objects.filter(pk__in=queryset.values("pk"), reviewed=False):
            person.reviewed = True
            person._history_user = request.user
            person._change_reason = "Marked reviewed"
            person.save()
            count += 1
        self.message_user(request, f"Marked {count} person(s) reviewed.", messages.SUCCESS)


@admin.register(PersonAlias)
class PersonAliasAdmin(HistoryAdmin):
    list_display = ["text", "kind", "person"]
    list_filter = ["kind"]
    list_select_related = ["person"]
    search_fields = ["text", "person__name"]
    autocomplete_fields = ["person"]


@admin.register(Outlet)
class OutletAdmin(HistoryAdmin):
    list_display = [
        "name",
        "kind",
        "country",
        "domain_list",
        "article_count",
        "statement_count",
        "credited_count",
    ]
    list_filter = ["kind", "country"]
    search_fields = ["name", "slug"]
    readonly_fields = ["slug", "created_at"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        match = getattr(request, "resolver_match", None)
        if match and match.url_name == "quotes_outlet_changelist":
            queryset = queryset.annotate(
                article_count=count_of(Article, "outlet"),
                statement_count=count_of(Quote, "article__outlet")
                + count_of(Claim, "article__outlet"),
                credited_count=count_of(Quote, "via") + count_of(Claim, "via"),
            )
        return queryset

    @admin.display(description="domains")
    def domain_list(self, obj):
        return ", ".join(obj.domains or [])

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, obj):
        return obj.article_count

    @admin.display(description="statements published", ordering="statement_count")
    def statement_count(self, obj):
        return obj.statement_count

    @admin.display(description="statements credited (via)", ordering="credited_count")
    def credited_count(self, obj):
        return obj.credited_count



class RoleAutocomplete(AutocompleteJsonView):
    """Admin's autocomplete, with a person's role after the name: "Dmitry
    Peskov — Kremlin spokesman, Kremlin (Russia)", so namesakes differ."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if isinstance(obj, Person):
            role = ", ".join(part for part in (obj.title, obj.organisation) if part)
            if obj.country:
                role = f"{role} ({obj.country})" if role else obj.country
            if role:
                result["text"] = f"{obj.name} — {role}"
        return result


def autocomplete_view(request):
    return RoleAutocomplete.as_view(admin_site=admin.site)(request)
