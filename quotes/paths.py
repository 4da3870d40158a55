"""Paths of the public pages, as ``reverse()`` writes them, at a fraction of its cost.

A result page links each of its 25 statements, speakers, outlets and articles:
a hundred ``reverse()`` calls, about a tenth of the page's Python time. Each
URL pattern is reversed once per script prefix with stand-in arguments, and
the stand-ins are then replaced by the real (quoted) values. The URLconf stays
the only place that spells a path; tests/test_pages.py checks both agree.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

from django.urls import get_script_prefix, reverse

# reverse() quotes each argument this way (django.urls.resolvers).
_SAFE = "!$&'()*+,;=/~:@"
# Values every converter of quotes/urls.py accepts (int, slug, str) and that
# no path otherwise contains.
_STAND_INS = ("91827364", "73645182")


@lru_cache(maxsize=64)
def _template(name: str, arity: int, prefix: str) -> tuple[str, ...]:
    path = reverse(name, args=_STAND_INS[:arity])
    parts = [path]
    for stand_in in _STAND_INS[:arity]:
        head, tail = parts[-1].split(stand_in)
        parts[-1:] = [head, tail]
    return tuple(parts)


def page_path(name: str, *args) -> str:
    """``reverse(name, args=args)`` for the app's own patterns."""
    parts = _template(name, len(args), get_script_prefix())
    out = [parts[0]]
    for arg, part in zip(args, parts[1:], strict=True):
        out.append(quote(str(arg), safe=_SAFE))
        out.append(part)
    return "".join(out)
