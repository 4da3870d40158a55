"""The journalists' pages: search and browse, person, outlet, article, statement.

Every list is a ``StatementFilter`` over ``Statement`` (quotes and claims as
one view). htmx requests get the ``#results`` partial of the same template;
everything else, including htmx's history-restore requests, the full page.
"""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q
from django.db.models.functions import TruncMonth
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.formats import date_format
from django_htmx.middleware import HtmxDetails

from .filters import StatementFilter, facets
from .models import Article, Outlet, Person, PersonAlias, Statement
from .search import SortKey, seek_after

PAGE_SIZE = 25
NEWEST = [
    SortKey("published_on", descending=True),
    SortKey("created_at", descending=True),
    SortKey("uid", descending=False),
]
RELEVANCE = [SortKey("rank", descending=True), *NEWEST]


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _render(request: HtmxHttpRequest, template: str, context: dict) -> HttpResponse:
    """The ``#results`` partial for htmx swaps, the whole page otherwise."""
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _split_uid(uid: str) -> tuple[str, int] | None:
    kind, _, number = (uid or "").partition("-")
    if kind in ("quote", "claim") and number.isdigit():
        return kind, int(number)
    return None


def _by_uid(queryset, uids):
    """Rows of the view by uid, through (kind, id) so each table uses its primary key."""
    pairs = [p for p in map(_split_uid, uids) if p]
    return queryset.filter(
        statement_id__in={number for _, number in pairs}, uid__in=[f"{k}-{n}" for k, n in pairs]
    )


FACET_TITLES = {
    "speaker": "Speaker",
    "outlet": "Published by",
    "via": "Via agency",
    "kind": "Kind",
    "status": "Review",
}


def _export_query(request: HttpRequest, scope: dict) -> str:
    """The request's filters (not its page) plus the page's own scope, urlencoded."""
    query = request.GET.copy()
    for name in ("after", "sort"):
        query.pop(name, None)
    for name, value in scope.items():
        query.setlist(name, [value])
    return query.urlencode()


def browse(request: HttpRequest, base, *, facet_names=None, scope=None) -> dict:
    """Filter, search, count, facet and seek-page ``base`` as the request asks.

    Queries: one per facet, one count, one for the page's uids and one for
    those rows with their speaker, article, outlet and via; plus one for the
    ``after`` cursor and one per name filter given. Never per row.
    """
    filterset = StatementFilter(request.GET, queryset=base)
    statements = filterset.filtered()
    q = filterset.query
    sort = "relevance" if q and request.GET.get("sort") != "newest" else "newest"
    keys = RELEVANCE if sort == "relevance" else NEWEST

    ordered = statements.order_by(*(key.order_by() for key in keys))
    after = request.GET.get("after", "")
    if after:
        names = [key.name for key in keys]
        cursor = _by_uid(statements, [after]).values(*names).first()
        if cursor:
            ordered = seek_after(ordered, keys, cursor)
    uids = list(ordered.values_list("uid", flat=True)[: PAGE_SIZE + 1])
    has_next = len(uids) > PAGE_SIZE
    uids = uids[:PAGE_SIZE]

    # A result needs the article's title, not its text (often many kilobytes a row).
    rows = (
        _by_uid(Statement.objects.all(), uids)
        .select_related("speaker", "article__outlet", "via")
        .defer("search_vector", "article__text")
    )
    if q:
        rows = rows.headlines(q)
    by_uid = {row.uid: row for row in rows} if uids else {}
    page = [by_uid[uid] for uid in uids if uid in by_uid]

    if facet_names is None:
        facet_names = ("speaker", "outlet", "via", "kind", "status")
    facet_counts = facets(filterset, facet_names)
    export_query = _export_query(request, scope or {})
    return {
        "filter": filterset,
        "form": filterset.form,
        "q": q,
        "description": filterset.describe(),
        "sort": sort,
        "page": page,
        "total": statements.count(),
        "facet_groups": [(name, FACET_TITLES[name], facet_counts[name]) for name in facet_names],
        "export_query": export_query,
        "feed_url": reverse("search_feed") + (f"?{export_query}" if export_query else ""),
        "after": after,
        "next_after": page[-1].uid if has_next and page else None,
    }


def home(request: HtmxHttpRequest) -> HttpResponse:
    context = browse(request, Statement.objects.public())
    return _render(request, "quotes/home.html", context)


def person(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(
        Person.objects.with_counts().prefetch_related(
            Prefetch("aliases", queryset=PersonAlias.objects.order_by("kind", "text"))
        ),
        slug=slug,
    )
    statements = Statement.objects.public().filter(speaker=person)
    context = browse(
        request,
        statements,
        facet_names=("outlet", "via", "kind", "status"),
        scope={"speaker": person.slug},
    )
    context["person"] = person
    filters = StatementFilter.base_filters
    if not any(value for name in filters for value in request.GET.getlist(name)):
        # Unfiltered: their own feed. Filtered, the search feed keeps the filters.
        context["feed_url"] = reverse("person_feed", args=[person.slug])
    if not (request.htmx and not request.htmx.history_restore_request):
        context["months"] = list(
            statements.filter(published_on__isnull=False)
            .annotate(month=TruncMonth("published_on"))
            .values("month")
            .annotate(n=Count("pk"))
            .order_by("month")
        )
        context["undated"] = person.statement_count - sum(row["n"] for row in context["months"])
        # Who carried their words: the outlets that published them, and the
        # agencies credited ("via TASS"). One row per outlet, so no cap is needed
        # for the count; the lists show the busiest.
        published = list(
            statements.filter(article__outlet__isnull=False)
            .values("article__outlet__name", "article__outlet__slug")
            .annotate(n=Count("pk"))
            .order_by("-n", "article__outlet__name")
        )
        credited = list(
            statements.filter(via__isnull=False)
            .values("via__name", "via__slug")
            .annotate(n=Count("pk"))
            .order_by("-n", "via__name")
        )
        context["published_by"] = published[:10]
        context["credited"] = credited[:10]
        context["outlet_count"] = len(
            {row["article__outlet__slug"] for row in published}
            | {row["via__slug"] for row in credited}
        )
    return _render(request, "quotes/person.html", context)


def outlet(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    outlet = get_object_or_404(Outlet, slug=slug)
    statements = Statement.objects.public().filter(Q(article__outlet=outlet) | Q(via=outlet))
    context = browse(
        request,
        statements,
        facet_names=("speaker", "via", "kind", "status"),
        scope={"outlet": outlet.slug},
    )
    context["outlet"] = outlet
    if not (request.htmx and not request.htmx.history_restore_request):
        # Whom it quoted: in its own articles and where it is credited, as listed below.
        context["top_speakers"] = list(
            statements.filter(speaker__isnull=False)
            .values("speaker__name", "speaker__slug")
            .annotate(n=Count("pk"))
            .order_by("-n", "speaker__name")[:10]
        )
        context["article_count"] = outlet.articles.count()
        context["articles"] = list(
            outlet.articles.annotate(
                quote_count=Count("quotes", distinct=True),
                claim_count=Count("claims", distinct=True),
            ).order_by("-published_on", "-imported_at")[:20]
        )
        context["credited_count"] = Statement.objects.public().filter(via=outlet).count()
    return _render(request, "quotes/outlet.html", context)


def article(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("outlet"), pk=pk)
    statements = list(
        Statement.objects.public()
        .filter(article=article)
        .select_related("speaker", "via")
        .order_by("start", "-end")
    )
    return render(
        request, "quotes/article.html", {"article": article, "statements": statements}
    )


def statement(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind not in ("quote", "claim"):
        raise Http404("No such kind of statement.")
    statement = get_object_or_404(
        Statement.objects.public().select_related("speaker", "article__outlet", "via"),
        kind=kind,
        statement_id=pk,
    )
    also = list(
        Statement.objects.also_reported(statement)
        .select_related("article__outlet", "via")
        .defer("search_vector", "article__text")[:20]
    )
    return render(
        request,
        "quotes/statement.html",
        {
            "statement": statement,
            "article": statement.article,
            "also_reported": also,
            "citation": citation(request, statement),
        },
    )


def citation(request: HttpRequest, statement: Statement) -> str:
    """Speaker, outlet (and via), date, text and URL, ready to paste into a story."""
    who = statement.speaker.name if statement.speaker else statement.speaker_mention or "Unknown"
    article = statement.article
    if article.outlet:
        source = f"reported by {article.outlet.name}"
    elif article.title:
        source = f"reported in “{article.title}”"
    else:
        source = "reported by an unknown outlet"
    if statement.via:
        source += f", citing {statement.via.name}"
    when = date_format(statement.published_on, "j F Y") if statement.published_on else "undated"
    # A quote often ends where the writer's sentence goes on ("...,” he said):
    # the citation stands alone, so drop the dangling comma or colon.
    text = statement.text.rstrip().rstrip(",;:").rstrip()
    text = f"“{text}”" if statement.kind == "quote" else text
    url = statement.article.url or request.build_absolute_uri(statement.get_absolute_url())
    return f"{who}, {source}, {when}: {text} {url}"
