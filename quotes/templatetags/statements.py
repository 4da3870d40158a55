"""Rendering statements: highlighted search hits, articles with statements marked
in place, and the person page's chart. All output is built from escaped parts."""

from __future__ import annotations

import calendar
import datetime
import html
import itertools
import re

from django import template
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from ..extraction.furniture import furniture_lines
from ..models import stance_note
from ..paths import page_path
from ..search import START, STOP, mark_headline

register = template.Library()



def _e(value) -> str:
    """``value`` as text, HTML-escaped (what ``{}`` in format_html gives)."""
    return html.escape(str(value))


SPEAKER_COLOURS = 8  # .c0 ... .c7 in app.css
CHART_MONTHS = 36


@register.filter
def marked(statement) -> SafeString:
    """The statement's text, escaped, with search matches in ``<mark>``."""
    headline = getattr(statement, "headline", None)
    return mark_headline(headline) if headline else escape(statement.text)


_SENTINEL = re.compile(f"([{START}{STOP}])")


def quoted_marked(statement, quoted: list[dict]) -> str:
    """A claim's text like ``marked``, with the words of the quotes inside it
    (``quoted``: article offsets, from ``models.quoted_inside``) in
    ``<span class="quoted">``. Each stretch is wrapped on its own, so search
    matches and quoted words may overlap and the HTML stays well formed."""
    spans = [(q["start"] - statement.start, q["end"] - statement.start) for q in quoted]
    cuts = sorted({edge for span in spans for edge in span})
    display = getattr(statement, "headline", None) or statement.text
    out, at, matched = [], 0, False
    for piece in _SENTINEL.split(display):
        if piece in (START, STOP):
            matched = piece == START
            continue
        edges = [0, *(cut - at for cut in cuts if at < cut < at + len(piece)), len(piece)]
        for begin, end in itertools.pairwise(edges):
            if begin == end:
                continue
            words = escape(piece[begin:end])
            if matched:
                words = f"<mark>{words}</mark>"
            if any(first <= at + begin < last for first, last in spans):
                words = f'<span class="quoted">{words}</span>'
            out.append(words)
        at += len(piece)
    return "".join(out)


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(value) -> str:
    """"1 Oct 2025", as the template filter ``date:"j M Y"`` writes it."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


@register.simple_tag
def review_badge(statement) -> SafeString:
    """"Verified 3 Nov 2025" or "Corrected ...", for statements an editor checked."""
    if statement.status not in ("verified", "corrected"):
        return mark_safe("")
    when = statement.reviewed_at
    stamp = (
        format_html(' <time datetime="{}">{}</time>', timezone.localtime(when).isoformat(),
                    _day(when))
        if when else ""
    )
    return format_html(
        '<span class="badge {}">{}{}</span>', statement.status, statement.status.title(), stamp
    )


@register.simple_tag
def statement_item(statement) -> SafeString:
    """One statement of a result list: its words (search matches marked), who
    said it as whom, the outlet or article, "via", the date and its badges.

    Built in Python, from escaped parts, rather than as an included template:
    a page shows 25 and the template took about half of the page's time. Plain
    ``escape`` and f-strings, not format_html: it costs a third as much.
    """
    speaker = statement.speaker if statement.speaker_id else None
    mention = statement.speaker_mention
    if statement.kind == "quote":
        words = f'<blockquote class="text"><p>“{marked(statement)}”</p></blockquote>'
    else:
        quoted = getattr(statement, "quoted", None)
        text = quoted_marked(statement, quoted) if quoted else marked(statement)
        words = (
            '<p class="text claim-text"><span class="kind-tag" title="Reported speech: the '
            "article's words, not the speaker's\">Reported</span> "
            f"{text}</p>"
        )
    by_via = statement.reported_by_via
    if speaker:
        url = _e(speaker.get_absolute_url())
        meta = [f'<a class="speaker" href="{url}">{_e(speaker.name)}</a>']
    elif by_via:
        # "Bloomberg reported that ...": the outlet is the source (issue 10).
        url = _e(statement.via.get_absolute_url())
        meta = [f'<span class="speaker outlet">reported by <a href="{url}">'
                f'{_e(statement.via.name)}</a></span>']
    else:
        meta = [f'<span class="speaker unknown">{_e(mention or "Unknown speaker")}</span>']
    if speaker and mention and mention.lower() not in speaker.name.lower():
        meta.append(f'<span class="as">(as “{_e(mention)}”)</span>')
    if statement.cue:
        meta.append(f'<span class="cue">{_e(statement.cue)}</span>')
    if note := stance_note(statement.stance):
        # Before the words' source: a reader must not take them as the speaker's.
        meta.append(f'<strong class="stance {_e(statement.stance)}">{_e(note)}</strong>')
    meta.append('<span class="sep" aria-hidden="true">·</span>')
    article = statement.article
    article_url = _e(article.get_absolute_url())
    if outlet := statement.outlet:
        meta.append(f'<a href="{_e(outlet.get_absolute_url())}">{_e(outlet.name)}</a>')
    else:
        heading = Truncator(article.heading).words(10, truncate=" …")
        meta.append(f'<a class="article-title" href="{article_url}">{_e(heading)}</a>')
    if (via := statement.via) and not by_via:
        url = _e(via.get_absolute_url())
        meta.append(f'<span class="via">via <a href="{url}">{_e(via.name)}</a></span>')
    if day := statement.published_on:
        meta.append(
            '<span class="sep" aria-hidden="true">·</span>\n'
            f'<time datetime="{day.isoformat()}">{_day(day)}</time>'
        )
    badges = []
    if statement.kind == "quote" and statement.partial:
        badges.append(
            '<span class="badge partial" title="A fragment quoted inside the writer\'s own '
            'sentence">Partial quote</span>'
        )
    if statement.kind == "claim":
        for quote in getattr(statement, "quoted", None) or ():
            # The quote lists leave out (``Statement.nested``) keeps its permalink.
            url = _e(page_path("statement", "quote", quote["id"]))
            opening = _e(Truncator(quote["text"]).words(6, truncate=" …"))
            badges.append(f'<a class="quoted-link" href="{url}">Quote “{opening}”</a>')
    badges.append(review_badge(statement))
    badges.append(f'<a href="{_e(statement.get_absolute_url())}">Permalink</a>')
    badges.append(f'<a href="{article_url}#s-{_e(statement.uid)}">In the article</a>')
    meta_html = "\n".join(meta)
    badges_html = "\n".join(badges)
    return mark_safe(
        f'<article class="statement {_e(statement.kind)}">\n{words}\n<p class="meta">\n'
        f'{meta_html}\n</p>\n<p class="badges">\n{badges_html}\n</p>\n</article>'
    )


@register.filter(name="stance_note")
def stance_note_filter(stance: str) -> str:
    return stance_note(stance)


@register.filter
def kind_label(statement) -> str:
    if statement.kind == "claim":
        return "reported speech"
    return "partial quote" if statement.partial else "quote"


@register.filter
def speaker_label(statement) -> str:
    if statement.speaker_id:
        return statement.speaker.name
    return statement.speaker_mention or "Unknown speaker"


def speaker_colours(statements) -> dict:
    """A colour index per speaker, in order of first appearance."""
    colours: dict = {}
    for statement in statements:
        key = statement.speaker_id or statement.speaker_mention.lower()
        colours.setdefault(key, len(colours) % SPEAKER_COLOURS)
    return colours


@register.simple_tag
def article_legend(statements) -> list[dict]:
    """One entry per speaker: name, link (if known), colour, how many statements."""
    colours = speaker_colours(statements)
    legend: dict = {}
    for statement in statements:
        key = statement.speaker_id or statement.speaker_mention.lower()
        entry = legend.setdefault(
            key,
            {
                "name": speaker_label(statement),
                "url": statement.speaker.get_absolute_url() if statement.speaker_id else "",
                "colour": colours[key],
                "count": 0,
            },
        )
        entry["count"] += 1
    return list(legend.values())


def _paragraphs(text: str, start: int = 0, end: int | None = None):
    """(start, end) of each non-empty line of ``text`` within [start, end)."""
    end = len(text) if end is None else end
    for match in re.finditer(r"[^\n]+", text[start:end]):
        if match.group().strip():
            yield start + match.start(), start + match.end()


REVIEWED = {"verified": "verified by an editor", "corrected": "corrected by an editor"}


def _mark_open(statement, colour: int, first: bool) -> str:
    who = speaker_label(statement)
    details = " · ".join(
        part
        for part in (
            who, statement.cue, stance_note(statement.stance), kind_label(statement),
            _via(statement), REVIEWED.get(statement.status, "not reviewed yet"),
        )
        if part
    )
    attrs = format_html(
        ' class="st st-{} st-{} c{}{}" data-who="{}" title="{}"',
        statement.kind,
        statement.status,
        colour,
        "" if statement.stance == "asserts" else f" st-{statement.stance}",
        details,
        details,
    )
    if first:
        attrs += format_html(' id="s-{}" tabindex="0"', statement.uid)
    return f"<mark{attrs}>"


def _via(statement) -> str:
    return f"via {statement.via.name}" if statement.via_id and statement.via else ""


def render_marked(
    text: str, statements, *, start: int = 0, end: int | None = None, fold: bool = False
) -> SafeString:
    """Paragraphs of ``text[start:end]``, escaped, each statement in a ``<mark>``.

    Statements may overlap (a claim around a partial quote): each stretch of
    text is wrapped in the marks of every statement covering it, longest
    outermost, and the first stretch of each carries its ``id`` anchor.
    With ``fold``, runs of page furniture ("Skip to content", "Leave a
    Reply", a repeated headline: the lines the extractor skips, from
    quotes/extraction/furniture.py) holding no statement are folded into a
    ``<details>``, dimmed.
    """
    colours = speaker_colours(statements)
    spans = [
        (max(s.start, 0), min(s.end, len(text)), s)
        for s in statements
        if s.end > s.start and s.start < len(text)
    ]
    anchored: set[str] = set()
    html = []
    paragraphs = list(_paragraphs(text, start, end))
    furniture = furniture_lines(text, paragraphs) if fold else set()
    folded: list[str] = []

    def flush():
        if folded:
            lines = "line" if len(folded) == 1 else "lines"
            html.append(
                f'<details class="furniture"><summary>{len(folded)} {lines} of page furniture '
                "(menus, buttons, repeated headlines)</summary>" + "\n".join(folded) + "</details>"
            )
            folded.clear()

    for index, (p_start, p_end) in enumerate(paragraphs):
        inside = [span for span in spans if span[0] < p_end and span[1] > p_start]
        if index in furniture and not inside:
            folded.append("<p>" + escape(text[p_start:p_end]) + "</p>")
            continue
        flush()
        cuts = sorted(
            {p_start, p_end}
            | {min(max(a, p_start), p_end) for a, _, _ in inside}
            | {min(max(b, p_start), p_end) for _, b, _ in inside}
        )
        parts = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            if a == b:
                continue
            covering = sorted(
                (span for span in inside if span[0] <= a and span[1] >= b),
                key=lambda span: (span[0] - span[1], span[0]),
            )
            opening = ""
            for _, _, statement in covering:
                first = statement.uid not in anchored
                anchored.add(statement.uid)
                key = statement.speaker_id or statement.speaker_mention.lower()
                opening += _mark_open(statement, colours[key], first)
            parts.append(opening + escape(text[a:b]) + "</mark>" * len(covering))
        html.append("<p>" + "".join(parts) + "</p>")
    flush()
    return mark_safe("\n".join(html))


@register.simple_tag
def article_body(article, statements) -> SafeString:
    return render_marked(article.text, statements, fold=True)


@register.simple_tag
def statement_paragraph(statement) -> SafeString:
    """The paragraph(s) around ``statement`` with it marked."""
    text = statement.article.text
    start = text.rfind("\n", 0, max(statement.start, 0)) + 1
    end = text.find("\n", min(statement.end, len(text)))
    return render_marked(text, [statement], start=start, end=None if end < 0 else end)


def _month_index(day: datetime.date) -> int:
    return day.year * 12 + day.month - 1


@register.simple_tag
def month_chart(months) -> SafeString:
    """Statements per month as SVG bars (the last ``CHART_MONTHS`` months with any).

    Every value written is a number or a month's name, so the SVG is put
    together with f-strings: format_html's escaping of each of ~300 values
    was most of the person page's rendering time.
    """
    if not months:
        return mark_safe("")
    counts = {_month_index(row["month"]): row["n"] for row in months}
    last = max(counts)
    first = max(min(counts), last - CHART_MONTHS + 1)
    peak = max(counts.values())
    bar, gap, height, label_h = 28, 6, 120, 34
    width = (last - first + 1) * (bar + gap)
    shapes = []
    for i, index in enumerate(range(first, last + 1)):
        n = int(counts.get(index, 0))
        year, month = divmod(index, 12)
        month += 1
        name = f"{calendar.month_name[month]} {year}"
        plural = "" if n == 1 else "s"
        h = round(n / peak * (height - 16)) if n else 0
        x = i * (bar + gap)
        middle = x + bar / 2
        bar_html = (
            f"<g><title>{name}: {n} statement{plural}</title>"
            f'<rect x="{x}" y="{height - h}" width="{bar}" height="{h}" rx="2"></rect>'
            f'<text x="{middle}" y="{height - h - 4}" class="n">{n or ""}</text>'
            f'<text x="{middle}" y="{height + 14}" class="m">{MONTHS[month - 1]}</text>'
            f'<text x="{middle}" y="{height + 28}" class="m">'
            f'{year if i == 0 or month == 1 else ""}</text></g>'
        )
        if n:
            # A bar links to that month's statements (and takes keyboard focus).
            day = datetime.date(year, month, 1)
            until = datetime.date(year, month, calendar.monthrange(year, month)[1])
            bar_html = (
                f'<a href="?since={day.isoformat()}&amp;until={until.isoformat()}" '
                f'aria-label="{name}: {n} statement{plural}">{bar_html}</a>'
            )
        shapes.append(bar_html)
    total = sum(counts.values())
    summary = f"Statements per month, {total} in total, at most {peak} in one month"
    return mark_safe(
        # role="group", not "img": an image's children (the month links) would be hidden.
        f'<svg class="chart" viewBox="0 0 {width} {height + label_h}" width="{width}" '
        f'height="{height + label_h}" role="group" aria-label="{summary}" '
        f'preserveAspectRatio="xMinYMin meet">{"".join(shapes)}</svg>'
    )
