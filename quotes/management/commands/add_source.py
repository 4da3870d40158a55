"""``manage.py add_source URL [--outlet NAME] [--every 15m] [--kind KIND]``.

Adds (or updates) a feed, sitemap or page that ``poll_sources`` polls. The
work is in :mod:`quotes.sources.polling`; this parses options and prints.
"""

from __future__ import annotations

import datetime
import re

from django.core.management.base import BaseCommand, CommandError

from quotes import importing
from quotes.models import Source
from quotes.sources import polling
from quotes.speakers import Outlets

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def interval(text: str) -> datetime.timedelta:
    """ "15m", "1h", "30s", "1d" (or a bare number of minutes) as a timedelta."""
    found = re.fullmatch(r"\s*(\d+)\s*([smhd]?)\s*", text.lower())
    if not found or int(found[1]) == 0:
        raise CommandError(f"--every: {text!r} is not an interval such as 15m, 1h or 1d")
    return datetime.timedelta(seconds=int(found[1]) * UNITS[found[2] or "m"])


class Command(BaseCommand):
    help = "Add a feed, sitemap or page to poll for new articles (or update one)."

    def add_arguments(self, parser):
        parser.add_argument("url", metavar="URL")
        parser.add_argument("--outlet", help="outlet name, slug or domain (created if unknown)")
        parser.add_argument("--every", default="15m", help="poll interval: 15m, 1h, 1d ...")
        parser.add_argument(
            "--kind", choices=Source.Kind.values,
            help="feed, sitemap or page (default: fetched once and recognised)",
        )

    def handle(self, *args, **options):
        try:
            url = importing.check_url(options["url"])
            kind = options["kind"] or polling.detect_kind(url)
        except importing.BadInput as exc:
            raise CommandError(f"{options['url']}: {exc}") from None
        outlet = None
        if options["outlet"]:
            outlet = Outlets.load().get_or_create(options["outlet"], url)
        source, created = Source.objects.update_or_create(
            url=url,
            defaults={"kind": kind, "every": interval(options["every"]), "outlet": outlet,
                      "active": True},
        )
        self.stdout.write(
            f"{'Added' if created else 'Updated'} {source.get_kind_display().lower()} "
            f"{source.url} ({source.outlet or 'outlet from each page'}), "
            f"polled every {source.every}."
        )
