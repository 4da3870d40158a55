"""Rendering statements: highlighted search hits, articles with statements marked
in place, and the person page's chart. All output is built from escaped parts."""

from __future__ import annotations

import calendar
import datetime
import re

from django import template
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from ..models import stance_note
from ..search import mark_headline

register = template.Library()

SPEAKER_COLOURS = 8  # .c0 ... .c7 in app.css
CHART_MONTHS = 36


@register.filter
def marked(statement) -> SafeString:
    """The statement's text, escaped, with search matches in ``<mark>``."""
    headline = getattr(statement, "headline", None)
    return mark_headline(headline) if headline else escape(statement.text)


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
    a page shows 25 and the template took about half of the page's time.
    """
    speaker = statement.speaker if statement.speaker_id else None
    mention = statement.speaker_mention
    if statement.kind == "quote":
        words = format_html('<blockquote class="text"><p>“{}”</p></blockquote>', marked(statement))
    else:
        words = format_html(
            '<p class="text claim-text"><span class="kind-tag" title="Reported speech: the '
            "article's words, not the speaker's\">Reported</span> {}</p>",
            marked(statement),
        )
    by_via = statement.reported_by_via
    if speaker:
        who = format_html('<a class="speaker" href="{}">{}</a>', speaker.get_absolute_url(),
                          speaker.name)
    elif by_via:
        who = format_html('<span class="speaker outlet">reported by <a href="{}">{}</a></span>',
                          statement.via.get_absolute_url(), statement.via.name)
    else:
        who = format_html('<span class="speaker unknown">{}</span>', mention or "Unknown speaker")
    meta = [who]
    if speaker and mention and mention.lower() not in speaker.name.lower():
        meta.append(format_html('<span class="as">(as “{}”)</span>', mention))
    if statement.cue:
        meta.append(format_html('<span class="cue">{}</span>', statement.cue))
    if note := stance_note(statement.stance):
        # Before the words' source: a reader must not take them as the speaker's.
        meta.append(format_html('<strong class="stance {}">{}</strong>', statement.stance, note))
    meta.append(mark_safe('<span class="sep" aria-hidden="true">·</span>'))
    article = statement.article
    if statement.outlet:
        meta.append(format_html(
            '<a href="{}">{}</a>', statement.outlet.get_absolute_url(), statement.outlet.name
        ))
    else:
        meta.append(format_html(
            '<a class="article-title" href="{}">{}</a>',
            article.get_absolute_url(), Truncator(article.heading).words(10, truncate=" …"),
        ))
    if statement.via and not by_via:
        meta.append(format_html(
            '<span class="via">via <a href="{}">{}</a></span>',
            statement.via.get_absolute_url(), statement.via.name,
        ))
    if day := statement.published_on:
        meta.append(format_html(
            '<span class="sep" aria-hidden="true">·</span>\n<time datetime="{}">{}</time>',
            day.isoformat(), _day(day),
        ))
    badges = []
    if statement.kind == "quote" and statement.partial:
        badges.append(mark_safe(
            '<span class="badge partial" title="A fragment quoted inside the writer\'s own '
            'sentence">Partial quote</span>'
        ))
    badges.append(review_badge(statement))
    badges.append(format_html('<a href="{}">Permalink</a>', statement.get_absolute_url()))
    badges.append(format_html(
        '<a href="{}#s-{}">In the article</a>', article.get_absolute_url(), statement.uid
    ))
    return format_html(
        '<article class="statement {}">\n{}\n<p class="meta">\n{}\n</p>\n'
        '<p class="badges">\n{}\n</p>\n</article>',
        statement.kind, words, mark_safe("\n".join(meta)), mark_safe("\n".join(badges)),
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


def _mark_open(statement, colour: int, first: bool) -> str:
    who = speaker_label(statement)
    details = " · ".join(
        part
        for part in (who, statement.cue, stance_note(statement.stance), kind_label(statement),
                     _via(statement))
        if part
    )
    attrs = format_html(
        ' class="st st-{} c{}{}" data-who="{}" title="{}"',
        statement.kind,
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


def render_marked(text: str, statements, *, start: int = 0, end: int | None = None) -> SafeString:
    """Paragraphs of ``text[start:end]``, escaped, each statement in a ``<mark>``.

    Statements may overlap (a claim around a partial quote): each stretch of
    text is wrapped in the marks of every statement covering it, longest
    outermost, and the first stretch of each carries its ``id`` anchor.
    """
    colours = speaker_colours(statements)
    spans = [
        (max(s.start, 0), min(s.end, len(text)), s)
        for s in statements
        if s.end > s.start and s.start < len(text)
    ]
    anchored: set[str] = set()
    html = []
    for p_start, p_end in _paragraphs(text, start, end):
        inside = [span for span in spans if span[0] < p_end and span[1] > p_start]
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
    return mark_safe("\n".join(html))


@register.simple_tag
def article_body(article, statements) -> SafeString:
    return render_marked(article.text, statements)


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
    """Statements per month as SVG bars (the last ``CHART_MONTHS`` months with any)."""
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
        n = counts.get(index, 0)
        day = datetime.date(index // 12, index % 12 + 1, 1)
        name = f"{calendar.month_name[day.month]} {day.year}"
        h = round(n / peak * (height - 16)) if n else 0
        x = i * (bar + gap)
        bar_html = format_html(
            '<g><title>{}: {} statement{}</title>'
            '<rect x="{}" y="{}" width="{}" height="{}" rx="2"></rect>'
            '<text x="{}" y="{}" class="n">{}</text>'
            '<text x="{}" y="{}" class="m">{}</text>'
            '<text x="{}" y="{}" class="m">{}</text></g>',
            name, n, "" if n == 1 else "s",
            x, height - h, bar, h,
            x + bar / 2, height - h - 4, n or "",
            x + bar / 2, height + 14, MONTHS[day.month - 1],
            x + bar / 2, height + 28,
            day.year if i == 0 or day.month == 1 else "",
        )
        if n:
            # A bar links to that month's statements (and takes keyboard focus).
            following = datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)
            until = following - datetime.timedelta(days=1)
            bar_html = format_html(
                '<a href="?since={}&amp;until={}" aria-label="{}: {} statement{}">{}</a>',
                day.isoformat(), until.isoformat(), name, n, "" if n == 1 else "s", bar_html,
            )
        shapes.append(bar_html)
    total = sum(counts.values())
    summary = f"Statements per month, {total} in total, at most {peak} in one month"
    return format_html(
        # role="group", not "img": an image's children (the month links) would be hidden.
        '<svg class="chart" viewBox="0 0 {} {}" width="{}" height="{}" role="group"'
        ' aria-label="{}" preserveAspectRatio="xMinYMin meet">{}</svg>',
        width, height + label_h, width, height + label_h, summary,
        mark_safe("".join(shapes)),
    )
