"""The journalists' pages: search and browse, person, outlet, article, statement.

Every list is a ``StatementFilter`` over ``Statement`` (quotes and claims as
one view). htmx requests get the ``#results`` partial of the same template;
everything else, including htmx's history-restore requests, the full page.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.formats import date_format
from django_htmx.middleware import HtmxDetails

from .counting import EXACT_BOUND, Scope, count, estimate_label, top
from .filters import StatementFilter, facets
from .models import Article, Outlet, Person, PersonAlias, Stance, Statement, stance_note
from .search import NEWEST, SortKey, seek_page

PAGE_SIZE = 25
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


def browse(
    request: HttpRequest, base, *, facet_names=None, scope=None, tallied: dict | None = None
) -> dict:
    """Filter, search, count, facet and seek-page ``base`` as the request asks.

    ``scope`` is the page's own filter in URL form (exports and feeds keep
    it); ``tallied`` the same in tally form (``{"speaker": (3,)}``, ``{}``
    for everything, None when it is not one: quotes/counting.py).

    Queries: the page's uids, those rows with their speaker, article, outlet
    and via, one or two for the counts and facets, one for the ``after``
    cursor, and one per name filter given. Never per row.
    """
    filterset = StatementFilter(request.GET, queryset=base)
    statements = filterset.filtered()
    q = filterset.query
    if facet_names is None:
        facet_names = ("speaker", "outlet", "via", "kind", "status")
    counted, facet_items = facets(filterset, facet_names, tallied)

    notices = []
    sort = request.GET.get("sort")
    if sort not in ("relevance", "newest"):
        # Ranking reads every match: for a broad search the newest come first.
        sort = "relevance" if q and counted.exact else "newest"
    if q and sort == "relevance" and not counted.exact:
        newest = statements.order_by(*(key.order_by() for key in NEWEST))
        statements = statements.filter(uid__in=newest.values("uid")[:EXACT_BOUND])
        notices.append(f"Best match among the newest {EXACT_BOUND:,} matches.")
    elif q and sort == "newest" and not counted.exact and "sort" not in request.GET:
        notices.append(
            f"Over {EXACT_BOUND:,} matches, so newest first; "
            "“Best match” ranks the newest of them."
        )
    keys = RELEVANCE if q and sort == "relevance" else NEWEST

    ordered = statements.order_by(*(key.order_by() for key in keys))
    after = request.GET.get("after", "")
    cursor = None
    if after:
        names = [key.name for key in keys]
        cursor = statements.filter(uid=after[:30]).values(*names).first()
    uids = seek_page(ordered, keys, cursor, PAGE_SIZE + 1)
    has_next = len(uids) > PAGE_SIZE
    uids = uids[:PAGE_SIZE]

    # A result needs the article's title, not its text (often many kilobytes a row).
    rows = (
        Statement.objects.filter(uid__in=uids)
        .select_related("speaker", "article", "outlet", "via")
        .defer("search_vector", "article__text")
    )
    if q:
        rows = rows.headlines(q)
    by_uid = {row.uid: row for row in rows} if uids else {}
    page = [by_uid[uid] for uid in uids if uid in by_uid]

    export_query = _export_query(request, scope or {})
    return {
        "filter": filterset,
        "form": filterset.form,
        "q": q,
        "description": filterset.describe(),
        "sort": sort,
        "sort_notices": notices,
        "page": page,
        "total": counted.total,
        "total_exact": counted.exact,
        "total_label": f"{counted.total:,}" if counted.exact else estimate_label(counted.total),
        "facet_groups": [(name, FACET_TITLES[name], facet_items[name]) for name in facet_names],
        "export_query": export_query,
        "feed_url": reverse("search_feed") + (f"?{export_query}" if export_query else ""),
        "after": after,
        "next_after": page[-1].uid if has_next and page else None,
    }


def home(request: HtmxHttpRequest) -> HttpResponse:
    context = browse(request, Statement.objects.public(), tallied={})
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
        tallied={"speaker": (person.pk,)},
    )
    context["person"] = person
    filters = StatementFilter.base_filters
    if not any(value for name in filters for value in request.GET.getlist(name)):
        # Unfiltered: their own feed. Filtered, the search feed keeps the filters.
        context["feed_url"] = reverse("person_feed", args=[person.slug])
    if not (request.htmx and not request.htmx.history_restore_request):
        context.update(person.reach())
        context["undated"] = person.statement_count - sum(n for _, n in context["months"])
        context["months"] = [{"month": month, "n": n} for month, n in context["months"]]
    return _render(request, "quotes/person.html", context)


def outlet(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    outlet = get_object_or_404(Outlet, slug=slug)
    statements = Statement.objects.public().filter(Q(outlet=outlet) | Q(via=outlet))
    context = browse(
        request,
        statements,
        facet_names=("speaker", "via", "kind", "status"),
        scope={"outlet": outlet.slug},
    )
    context["outlet"] = outlet
    if not (request.htmx and not request.htmx.history_restore_request):
        # Whom it quoted: in its own articles and where it is credited, as listed
        # below; unfiltered, that is the speaker facet already counted.
        filtered = any(request.GET.getlist(name) for name in StatementFilter.base_filters)
        if filtered:
            speakers = count(Scope(statements, None), ["speaker"])
            context["top_speakers"] = top("speaker", speakers.by_facet["speaker"], 10)
            context["top_speakers_exact"] = speakers.exact
        else:
            facet = dict((name, items) for name, _, items in context["facet_groups"])["speaker"]
            context["top_speakers"] = [(f.value, f.label, f.count) for f in facet[:10]]
            context["top_speakers_exact"] = not any(f.estimated for f in facet)
        context["article_count"] = outlet.articles.count()
        context["articles"] = list(
            Article.objects.filter(outlet=outlet)
            .with_counts()
            .defer("text")
            .order_by("-published_on", "-imported_at")[:20]
        )
        context["credited_count"] = count(Scope(statements, {"via": (outlet.pk,)})).total
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
        uid=f"{kind}-{pk}",
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
    if statement.stance != Stance.ASSERTS:
        # "Dmitry Peskov dismissed claims that ...": the words are what he
        # rejected, so the cue that says so comes first, never dropped.
        cue = statement.cue or stance_note(statement.stance).lower()
        return f"{who} {cue} {text} ({source}, {when}) {url}"
    return f"{who}, {source}, {when}: {text} {url}"
