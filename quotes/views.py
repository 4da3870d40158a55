"""The journalists' pages: search and browse, person, outlet, article, statement.

Every list is a ``StatementFilter`` over ``Statement`` (quotes and claims as
one view). htmx requests get the ``#results`` partial of the same template;
everything else, including htmx's history-restore requests, the full page.
"""

from __future__ import annotations

import re

from django import forms
from django.db import connection
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.formats import date_format
from django_htmx.middleware import HtmxDetails

from . import checking, directory, editing
from .counting import (
    EXACT_BOUND,
    FACET_LIMIT,
    PLANNER_SETTINGS,
    Scope,
    count,
    estimate_label,
    top,
    within,
)
from .editing import corrections
from .filters import SHOW_ALL_LIMIT, StatementFilter, facet_values, facets
from .models import (
    Article,
    ErrorReport,
    Outlet,
    Person,
    PersonAlias,
    RemovedStatement,
    Stance,
    Statement,
    StatementBase,
    quoted_inside,
    stance_note,
)
from .search import (
    NEWEST,
    OLDEST,
    STOP_WORDS,
    STOP_WORDS_BOUND,
    SortKey,
    only_stop_words,
    parse_query,
    quoted,
    seek_page,
    seek_page_before,
)

PAGE_SIZE = 25
RELEVANCE = [SortKey("rank", descending=True), *NEWEST]
SORTS = {"relevance": RELEVANCE, "newest": NEWEST, "oldest": OLDEST}
# A search with over EXACT_BOUND matches, by date: walking the date index and
# checking each statement finds a page within a few thousand rows, where the
# planner, which cannot tell how many statements a phrase matches, reads every
# match and sorts them ("oil price" at a million statements: 4 ms against
# 37 ms). Capped (10 ms), in case the matches lie far down the index; past it
# the planner's own plan runs.
WALK_MS = 10
# What a result (``statement_item``) shows, and nothing else: the columns of
# five tables were a third of the rows query's Python (compiling and building
# instances), and an article's text is often many kilobytes.
LISTED = (
    "uid", "kind", "statement_id", "text", "speaker_mention", "cue", "stance", "partial",
    "status", "reviewed_at", "published_on", "created_at",
    "article", "article__title", "article__opening",
    "speaker", "speaker__name", "speaker__slug",
    "outlet", "outlet__name", "outlet__slug", "via", "via__name", "via__slug",
)


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
    for name in ("after", "before", "page", "sort"):
        query.pop(name, None)
    for name, value in scope.items():
        query.setlist(name, [value])
    return query.urlencode()


def browse(
    request: HttpRequest, base, *, facet_names=None, scope=None, tallied: dict | None = None,
    facet_scope: dict | None = None,
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
    # Ranking reads every match: for a broad search the newest come first.
    default_sort = "relevance" if q and counted.exact else "newest"
    sort = request.GET.get("sort")
    if sort not in SORTS or (sort == "relevance" and not q):
        sort = default_sort
    if q and sort == "relevance" and not counted.exact:
        newest = statements.order_by(*(key.order_by() for key in NEWEST))
        statements = statements.filter(uid__in=newest.values("uid")[:EXACT_BOUND])
        notices.append(f"Best match among the newest {EXACT_BOUND:,} matches.")
    elif q and sort == "newest" and not counted.exact and "sort" not in request.GET:
        notices.append(
            f"Over {EXACT_BOUND:,} matches, so newest first; "
            "“Best match” ranks the newest of them."
        )
    if q and only_stop_words(parse_query(q)):
        notices.append(
            f"{quoted(q)} has only common words, which the search index leaves out: "
            f"the newest {STOP_WORDS_BOUND:,} statements were searched. "
            "Add a less common word to search them all."
        )
    keys = SORTS[sort]
    paged = None
    if q and not counted.exact and sort != "relevance":
        paged = within(WALK_MS, _page, request, statements, keys, off=PLANNER_SETTINGS)
    if paged is None:
        paged = _page(request, statements, keys)
    uids = paged["uids"]

    rows = (
        Statement.objects.filter(uid__in=uids)
        .select_related("speaker", "article", "outlet", "via")
        .only(*LISTED)
        .annotate(quoted=quoted_inside())
    )
    if q:
        rows = rows.headlines(q)
    by_uid = {row.uid: row for row in rows} if uids else {}
    page = [by_uid[uid] for uid in uids if uid in by_uid]

    undated = None
    if (left_out := filterset.undated_left_out()) is not None:
        undated = count(Scope(left_out, None))

    suggestion = None
    if q and not page and not request.GET.get("after") and "speaker" in facet_names:
        suggestion = _suggest_speaker(request, q)
    export_query = _export_query(request, scope or {})
    facet_query = _export_query(request, scope or {} if facet_scope is None else facet_scope)
    return {
        "suggestion": suggestion,
        "show_all_facets": {name: FACET_NOUNS[name][1] for name in SHOW_ALL},
        "facet_limit": FACET_LIMIT,
        "facet_query": facet_query,
        "filter": filterset,
        "form": filterset.form,
        "q": q,
        "description": filterset.describe(),
        "sort": sort,
        "default_sort": default_sort,
        "sort_notices": notices,
        "page": page,
        "total": counted.total,
        "total_exact": counted.exact,
        "total_label": f"{counted.total:,}" if counted.exact else estimate_label(counted.total),
        "facet_groups": [(name, FACET_TITLES[name], facet_items[name]) for name in facet_names],
        "export_query": export_query,
        "feed_url": reverse("search_feed") + (f"?{export_query}" if export_query else ""),
        "after": paged["after"],
        "next_after": page[-1].uid if paged["has_next"] and page else None,
        "previous_before": page[0].uid if paged["has_previous"] and page else None,
        "page_number": paged["number"],
        "position": _position(paged["number"], len(page), counted),
        "undated_left_out": (
            None if undated is None or not undated.total
            else (f"{undated.total:,}" if undated.exact else estimate_label(undated.total))
        ),
    }


def _page_number(request: HttpRequest) -> int | None:
    """The page's number as the pager links give it; None if absent or not one."""
    raw = request.GET.get("page", "")
    return int(raw) if raw.isdigit() and 0 < int(raw) <= 100_000 else None


def _page(request: HttpRequest, statements, keys) -> dict:
    """This page's uids, seek-paged from ``after`` (next) or ``before`` (previous).

    The number of the page travels in the links (``page=3``), since a cursor
    says where a page starts, not how far down it is; without it the position
    is not shown. Queries: one for the cursor's sort values, one or two for
    the uids (quotes.search), and paging back, the first page once more when
    the top is reached before a whole page.
    """
    after, before = request.GET.get("after", ""), request.GET.get("before", "")
    number = _page_number(request)
    names = [key.name for key in keys]
    if before and not after:
        cursor = statements.filter(uid=before[:30]).values(*names).first()
        if cursor is not None:
            uids = seek_page_before(statements, keys, cursor, PAGE_SIZE + 1)
            if len(uids) > PAGE_SIZE:
                number = number if number and number > 1 else None
                return {"uids": uids[1:], "after": before, "has_next": True,
                        "has_previous": True, "number": number}
        # At the top (or an unknown cursor): the first page, whole.
        uids = seek_page(statements, keys, None, PAGE_SIZE + 1)
        return {"uids": uids[:PAGE_SIZE], "after": "", "has_next": len(uids) > PAGE_SIZE,
                "has_previous": False, "number": 1}
    cursor = None
    if after:
        cursor = statements.filter(uid=after[:30]).values(*names).first()
    uids = seek_page(statements, keys, cursor, PAGE_SIZE + 1)
    if cursor is None:
        number = 1
    return {"uids": uids[:PAGE_SIZE], "after": after if cursor else "",
            "has_next": len(uids) > PAGE_SIZE, "has_previous": cursor is not None,
            "number": number}


def _position(number: int | None, shown: int, counted) -> dict | None:
    """"26–50 of 1,234" (or "of about 120,000") for page ``number``."""
    if not shown or number is None:
        return None
    first = (number - 1) * PAGE_SIZE + 1
    total = counted.total if counted.exact else None
    return {
        "first": f"{first:,}",
        "last": f"{first + shown - 1:,}",
        "of": f"{total:,}" if total is not None else estimate_label(counted.total),
        "exact": counted.exact,
    }


def _suggest_speaker(request: HttpRequest, q: str) -> dict | None:
    """For a search that found nothing: "Did you mean Dmitry Peskov?" when one of
    its words is close to a speaker's name or alias, with a link to the same
    search with that word dropped and the speaker ticked instead."""
    words = [
        word
        for group in parse_query(q)
        for term in group
        if not term.negated
        for word in re.findall(r"[^\W\d_]{3,}", term.text)
        if word.lower() not in STOP_WORDS
    ][:8]
    found = Person.objects.misspelt(words)
    if found is None:
        return None
    word, person = found
    query = request.GET.copy()
    for name in ("after", "q"):
        query.pop(name, None)
    rest = " ".join(re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", " ", q).split()).strip(' "')
    if re.search(r"\w", rest):
        query["q"] = rest
    if person.slug not in query.getlist("speaker"):
        query.appendlist("speaker", person.slug)
    return {"name": person.name, "query": query.urlencode()}


def home(request: HtmxHttpRequest) -> HttpResponse:
    context = browse(request, Statement.objects.listed(), tallied={})
    return _render(request, "quotes/home.html", context)


def person(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(
        Person.objects.with_counts().prefetch_related(
            Prefetch("aliases", queryset=PersonAlias.objects.order_by("kind", "text"))
        ),
        slug=slug,
    )
    statements = Statement.objects.listed().filter(speaker=person)
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
    statements = Statement.objects.listed().filter(Q(outlet=outlet) | Q(via=outlet))
    context = browse(
        request,
        statements,
        facet_names=("speaker", "via", "kind", "status"),
        scope={"outlet": outlet.slug},
        facet_scope={"within": outlet.slug},
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
        request,
        "quotes/article.html",
        {
            "article": article,
            "statements": statements,
            "report_form": ReportForm(),
            "reported": "reported" in request.GET,
        },
    )


def statement(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind not in ("quote", "claim") or pk > BIGINT_MAX:
        raise Http404("No such statement.")
    statement = (
        Statement.objects.select_related("speaker", "article__outlet", "via")
        .filter(uid=f"{kind}-{pk}")
        .first()
    )
    if statement is None or statement.status == StatementBase.Status.REJECTED:
        return withdrawn(request, kind, pk, statement)
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
            "corrections": corrections(statement.kind, statement.statement_id)
            if statement.status == StatementBase.Status.CORRECTED
            else [],
            "report_form": ReportForm(),
            "reported": "reported" in request.GET,
        },
    )


BIGINT_MAX = 2**63 - 1  # ids are bigints: a larger one names no statement


def check_quote(request: HttpRequest) -> HttpResponse:
    """Check a quote: paste words attributed to someone, see whether and where the
    archive has them (quotes/checking.py). A GET form, so a check can be shared."""
    text = request.GET.get("text", "")
    speaker = request.GET.get("speaker", "")[:200]
    result = checking.check(text, speaker) if text.strip() else None
    return render(
        request,
        "quotes/check.html",
        {"text": text, "speaker": speaker, "check": result, "min_words": checking.MIN_WORDS},
    )


def withdrawn(request: HttpRequest, kind: str, pk: int, rejected: Statement | None) -> HttpResponse:
    """410 Gone for a statement editors rejected or re-extraction removed: when,
    why (when given) and the article it came from; 404 for one never stored."""
    if rejected is not None:
        context = {
            "kind": kind,
            "text": rejected.text,
            "speaker": rejected.speaker,
            "speaker_mention": rejected.speaker_mention,
            "article": rejected.article,
            "when": rejected.reviewed_at,
            "reason": editing.rejection_reason(rejected),
            "how": "rejected",
        }
    else:
        removed = (
            RemovedStatement.objects.select_related("speaker", "article__outlet")
            .defer("article__text")
            .filter(kind=kind, statement_id=pk)
            .first()
        )
        if removed is None:
            raise Http404("No such statement.")
        context = {
            "kind": kind,
            "text": removed.text,
            "speaker": removed.speaker,
            "speaker_mention": removed.speaker_mention,
            "article": removed.article,
            "when": removed.removed_at,
            "reason": removed.reason,
            "how": "removed",
        }
    return render(request, "quotes/withdrawn.html", context, status=410)


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


INDEX_SIZE = 50


def _index_context(request: HttpRequest, ranked, kinds) -> dict:
    """Paging and position of a people or outlets index (``page`` as in browse)."""
    number = _page_number(request)
    if not request.GET.get("after") and not request.GET.get("before"):
        number = 1
    elif request.GET.get("before") and not ranked.has_previous:
        number = 1
    rows = ranked.rows
    first = (number - 1) * INDEX_SIZE + 1 if number else None
    return {
        "rows": rows,
        "total": ranked.total,
        "total_label": f"{ranked.total:,}" if ranked.total <= directory.COUNT_BOUND
        else f"more than {directory.COUNT_BOUND:,}",
        "position": {"first": f"{first:,}", "last": f"{first + len(rows) - 1:,}"}
        if first and rows else None,
        "next_after": ranked.cursor(rows[-1]) if ranked.has_next and rows else None,
        "previous_before": ranked.cursor(rows[0]) if ranked.has_previous and rows else None,
        "page_number": number,
        "find": request.GET.get("q", "")[:100].strip(),
        "kind": request.GET.get("kind", ""),
        "kinds": kinds,
    }


def _index_args(request: HttpRequest, kinds) -> dict:
    kind = request.GET.get("kind", "")
    return {
        "find": " ".join(request.GET.get("q", "")[:100].split()),
        "kind": kind if kind in dict(kinds) else "",
        "after": directory.parse_cursor(request.GET.get("after", "")),
        "before": directory.parse_cursor(request.GET.get("before", "")),
        "size": INDEX_SIZE,
    }


def people(request: HtmxHttpRequest) -> HttpResponse:
    """Everyone quoted, most quoted first; search by name or alias, filter by kind."""
    kinds = Person.Kind.choices
    ranked = directory.people(**_index_args(request, kinds))
    return _render(request, "quotes/people.html", _index_context(request, ranked, kinds))


def outlets(request: HtmxHttpRequest) -> HttpResponse:
    """Every outlet, by statements published or credited to it."""
    kinds = Outlet.Kind.choices
    ranked = directory.outlets(**_index_args(request, kinds))
    return _render(request, "quotes/outlets.html", _index_context(request, ranked, kinds))


ARTICLE_ORDER = [
    # The article_date index: published_on DESC (NULLS FIRST), imported_at DESC.
    SortKey("published_on", descending=True, index_nulls_first=True),
    SortKey("imported_at", descending=True),
    SortKey("id", descending=True),
]


def articles(request: HttpRequest) -> HttpResponse:
    """Every article, newest first (undated last), seek-paged like the statements."""
    base = Article.objects.all()
    outlet = None
    if slug := request.GET.get("outlet"):
        outlet = Outlet.objects.filter(slug=slug[:200]).first()
        if outlet:
            base = base.filter(outlet=outlet)
    names = [key.name for key in ARTICLE_ORDER]

    def cursor_of(raw):
        if not raw.isdigit() or len(raw) > 18:
            return None
        return base.filter(pk=int(raw)).values(*names).first()

    after = cursor_of(request.GET.get("after", ""))
    before = cursor_of(request.GET.get("before", ""))
    number = _page_number(request)
    if before and not after:
        ids = seek_page_before(base, ARTICLE_ORDER, before, INDEX_SIZE + 1, pk="id")
        has_previous = len(ids) > INDEX_SIZE
        ids, has_next = ids[-INDEX_SIZE:], True
        if not has_previous:
            number = 1
    else:
        ids = seek_page(base, ARTICLE_ORDER, after, INDEX_SIZE + 1, pk="id")
        has_next, has_previous, ids = len(ids) > INDEX_SIZE, after is not None, ids[:INDEX_SIZE]
        if after is None:
            number = 1
    found = Article.objects.filter(pk__in=ids).select_related("outlet").with_counts().defer("text")
    by_id = {article.pk: article for article in found} if ids else {}
    rows = [by_id[pk] for pk in ids if pk in by_id]
    total = article_count(base)
    first = (number - 1) * INDEX_SIZE + 1 if number else None
    context = {
        "rows": rows,
        "outlet": outlet,
        "total_label": f"{total[0]:,}" if total[1] else estimate_label(total[0]),
        "total_exact": total[1],
        "position": {"first": f"{first:,}", "last": f"{first + len(rows) - 1:,}"}
        if first and rows else None,
        "next_after": rows[-1].pk if has_next and rows else None,
        "previous_before": rows[0].pk if has_previous and rows else None,
        "page_number": number,
    }
    return render(request, "quotes/articles.html", context)


def article_count(articles) -> tuple[int, bool]:
    """How many articles ``articles`` holds, exact up to ``EXACT_BOUND``; past it,
    the planner's estimate of the table (unfiltered) or the bound itself."""
    n = articles.order_by().values("pk")[: EXACT_BOUND + 1].count()
    if n <= EXACT_BOUND:
        return n, True
    if articles.query.where:
        return n, False
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = 'quotes_article'")
        estimate = cursor.fetchone()[0]
    return max(estimate, n), False


SHOW_ALL = ("speaker", "outlet", "via")
# What one value of a facet is called: "Show all speakers", "Find an agency".
FACET_NOUNS = {"speaker": ("speaker", "speakers"), "outlet": ("outlet", "outlets"),
               "via": ("agency", "agencies")}


def facet(request: HtmxHttpRequest, name: str) -> HttpResponse:
    """All values of the speaker, outlet or via facet of a list, busiest first, with
    a search among their names: "Show all" under a facet. With htmx, the facet
    itself (checkboxes in the page's form) or, for the search box, its list;
    without, a page of links to the list with that value added."""
    if name not in SHOW_ALL:
        raise Http404("No such facet.")
    base, tallied, back = Statement.objects.listed(), {}, reverse("home")
    within = None
    if slug := request.GET.get("within"):
        within = get_object_or_404(Outlet, slug=slug[:200])
        base = base.filter(Q(outlet=within) | Q(via=within))
        tallied, back = None, within.get_absolute_url()
    filterset = StatementFilter(request.GET, queryset=base)
    find = " ".join(request.GET.get("find", "")[:100].split())
    items, exact = facet_values(filterset, name, tallied, find)
    query = request.GET.copy()
    for param in ("find", "after", "before", "page"):
        query.pop(param, None)
    links = []
    for item in items:
        target = query.copy()
        target.pop("within", None)
        if item.value not in target.getlist(name):
            target.appendlist(name, item.value)
        links.append((item, f"{back}?{target.urlencode()}"))
    context = {
        "name": name,
        "title": FACET_TITLES[name],
        "noun": FACET_NOUNS[name][0],
        "nouns": FACET_NOUNS[name][1],
        "items": items,
        "links": links,
        "exact": exact,
        "find": find,
        "facet_query": query.urlencode(),
        "description": filterset.describe(),
        "back_url": f"{back}?{_strip(query, 'within').urlencode()}",
        "limit": SHOW_ALL_LIMIT,
        "within": within,
    }
    template = "quotes/facet.html"
    if request.htmx and not request.htmx.history_restore_request:
        # In the page's form: checkboxes, like the facet they replace.
        template = "quotes/_facet_all.html"
        if request.htmx.target == f"facet-{name}-list":
            template += "#checkboxes"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def _strip(query, *names):
    query = query.copy()
    for name in names:
        query.pop(name, None)
    return query


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "quotes/about.html")


class ReportForm(forms.ModelForm):
    """A reader's "Report an error": what is wrong, and an e-mail if they want an answer."""

    class Meta:
        model = ErrorReport
        fields = ["message", "email"]
        labels = {"message": "What is wrong?", "email": "Your e-mail (optional)"}
        help_texts = {"email": "Only if you would like an answer. Editors alone see it."}
        widgets = {"message": forms.Textarea(attrs={"rows": 4, "maxlength": 2000})}


def _report_target(data) -> tuple[Article | None, Statement | None]:
    """The article (and statement) a report is about, from ``article`` and
    ``statement`` parameters; (None, None) if there is no such article."""
    raw = data.get("article", "")
    article = Article.objects.defer("text").filter(pk=int(raw)).first() if (
        raw.isdigit() and len(raw) < 18
    ) else None
    statement = None
    if article and (uid := data.get("statement", "")[:30]):
        statement = Statement.objects.public().filter(uid=uid, article=article).first()
    return article, statement


def report_form(request: HttpRequest) -> HttpResponse:
    """The form on a page of its own (the statement and article pages carry it too)."""
    article, statement = _report_target(request.GET)
    if article is None:
        raise Http404("No such article.")
    return render(request, "quotes/report.html",
                  {"form": ReportForm(), "article": article, "statement": statement})


def report(request: HttpRequest) -> HttpResponse:
    """Store a reader's report for the editors (admin: Error reports), then back to
    the page it came from, which thanks them. POST only, CSRF-checked, limited per
    address (``REPORT_RATE_LIMIT``)."""
    article, statement = _report_target(request.POST)
    if article is None:
        raise Http404("No such article.")
    form = ReportForm(request.POST)
    if not form.is_valid():
        return render(request, "quotes/report.html",
                      {"form": form, "article": article, "statement": statement}, status=400)
    report = form.save(commit=False)
    report.article = article
    report.statement_uid = statement.uid if statement else ""
    report.save()
    page = statement.get_absolute_url() if statement else article.get_absolute_url()
    return redirect(f"{page}?reported=1#report")
