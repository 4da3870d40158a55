"""Who the client is, and how much they may ask: the client address behind a
trusted proxy, the admin login lock-out, and the rate limit of exports and feeds.

Behind a reverse proxy every request comes from the proxy's address, so a
lock-out by address would lock out everyone at once and a rate limit would
throttle everyone together. ``client_ip()`` takes the address the trusted
proxy saw instead (``TRUSTED_PROXY_HEADER``, ``TRUSTED_PROXY_COUNT``); both
django-axes and the rate limit ask it.
"""

from __future__ import annotations

import functools
import ipaddress
import time

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
PERIOD_NAMES = {1: "second", 60: "minute", 3600: "hour", 86400: "day"}


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: ``REMOTE_ADDR``, or behind ``TRUSTED_PROXY_COUNT``
    proxies the address the outermost one saw, read from ``TRUSTED_PROXY_HEADER``.

    Each proxy appends the address it was connected from, so only the last
    ``TRUSTED_PROXY_COUNT`` entries are theirs; anything further left came from
    the client and could be made up. A missing or malformed header falls back
    to ``REMOTE_ADDR``, which then is the proxy's address.
    """
    remote = request.META.get("REMOTE_ADDR") or None  # None: axes' "unknown"
    header = settings.TRUSTED_PROXY_HEADER
    if not header:
        return remote
    key = "HTTP_" + header.upper().replace("-", "_")
    hops = [hop for hop in request.META.get(key, "").split(",") if hop.strip()]
    if len(hops) < settings.TRUSTED_PROXY_COUNT:
        return remote
    return _valid_ip(hops[-settings.TRUSTED_PROXY_COUNT]) or remote


class LoginAttempts(AxesDatabaseHandler):
    """django-axes' database handler, plus a limit per address across usernames.

    Failures count per (username, address) pair (``AXES_FAILURE_LIMIT``), so
    someone guessing an editor's password from one address never locks that
    editor out at another. Failures from one address over all usernames count
    too (``AXES_ADDRESS_FAILURE_LIMIT``), so guessing across usernames is
    limited as well. axes compares one number with one limit; the address's
    count is scaled so that it reaches ``AXES_FAILURE_LIMIT`` when it reaches
    its own limit.
    """

    def get_failures(self, request, credentials=None) -> int:
        pair = super().get_failures(request, credentials)
        address = getattr(request, "axes_ip_address", None)
        if not address:
            return pair
        attempts = AccessAttempt.objects.filter(ip_address=address)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        from_address = attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
        limit = get_failure_limit(request, credentials)
        return max(pair, from_address * limit // settings.AXES_ADDRESS_FAILURE_LIMIT)


def parse_rate(rate: str) -> tuple[int, int]:
    """``"10/m"`` as (10, 60): requests per period in seconds ("s", "m", "h", "d")."""
    count, _, period = rate.partition("/")
    if not count.isdigit() or period not in PERIODS or int(count) < 1:
        raise ValueError(f"{rate!r} is not a rate such as 10/m (per s, m, h or d)")
    return int(count), PERIODS[period]


def seconds_over_limit(request: HttpRequest, scope: str, rate: str) -> int | None:
    """Count this request against the client's limit for ``scope``; None while
    within it, else the seconds until the current window ends.

    A fixed window in Django's cache (``RATE_LIMIT_CACHE``): with a per-process
    cache (the default) each server process counts apart, so N processes allow
    up to N times the rate; a shared cache (``CACHE_URL``) counts them together.
    """
    count, period = parse_rate(rate)
    now = time.time()
    key = f"rate:{scope}:{client_ip(request)}:{int(now // period)}"
    cache = caches[settings.RATE_LIMIT_CACHE]
    if cache.add(key, 1, period + 1):
        used = 1
    else:
        try:
            used = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, period + 1)
            used = 1
    if used <= count:
        return None
    return int(period - now % period) + 1


class QueryLimitMiddleware:
    """Query strings no page can use, refused with a plain 400 that says why,
    before any view runs:

    - more parameters than ``DATA_UPLOAD_MAX_NUMBER_FIELDS``: left to the
      view, the error came out halfway through a streamed export (a 200 cut
      off), and as a logged traceback everywhere else;
    - a NUL character (``%00``): PostgreSQL can neither store nor compare it,
      so the admin's search (``?q=%00``) was a server error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            query = request.GET  # parsed now, once, for the view too
        except (TooManyFieldsSent, RequestDataTooBig):
            return _bad_request(
                f"Too many parameters: at most {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:,}."
            )
        if any("\x00" in key or any("\x00" in v for v in values) for key, values in query.lists()):
            return _bad_request("Parameters cannot contain NUL characters (%00).")
        return self.get_response(request)


def _bad_request(reason: str) -> HttpResponse:
    return HttpResponseBadRequest(f"{reason}\n", content_type="text/plain; charset=utf-8")


def rate_limited(scope: str, setting: str):
    """A view decorator: past ``settings.<setting>`` requests per client, 429
    with a reason and ``Retry-After``, before the view runs."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            rate = getattr(settings, setting)
            wait = seconds_over_limit(request, scope, rate) if rate else None
            if wait is not None:
                count, period = parse_rate(rate)
                response = HttpResponse(
                    f"Too many {scope} requests from your address: at most {count} a "
                    f"{PERIOD_NAMES[period]}. Try again in {wait} s.\n",
                    status=429,
                    content_type="text/plain; charset=utf-8",
                )
                response["Retry-After"] = str(wait)
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
