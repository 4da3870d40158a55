"""``manage.py import_articles PATH_OR_URL ...``: import articles and their statements.

Text files, HTML pages, JSON Lines feeds, folders of them, and http(s) URLs.
The work is in :mod:`quotes.importing`; this prints progress and the summary.
"""

from __future__ import annotations

from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from quotes import importing
from quotes.sources import polling

STATUSES = ("created", "updated", "unchanged", "failed")


class Command(BaseCommand):
    help = (
        "Import news articles (text, HTML, JSON Lines, folders, http(s) URLs), "
        "extract their quotes and claims, and store them. Re-importing is safe."
    )

    def add_arguments(self, parser):
        parser.add_argument("targets", nargs="+", metavar="PATH_OR_URL",
                            help=".txt, .html, .jsonl files, folders of them, or http(s) URLs")
        parser.add_argument("--outlet", help="outlet name, slug or domain (created if unknown)")
        parser.add_argument("--url", help="the article's URL (one article only)")
        parser.add_argument("--title", help="the article's title")
        parser.add_argument("--date", help="publication date, e.g. 2025-10-01")
        parser.add_argument("--author", help="the article's author")
        parser.add_argument(
            "--dry-run", action="store_true",
            help="show what would be stored, statements included, and store nothing",
        )

    def handle(self, *args, **options):
        try:
            overrides = importing.metadata_from_options(
                title=options["title"], url=options["url"], author=options["author"],
                outlet=options["outlet"], date=options["date"],
            )
        except importing.BadInput as exc:
            raise CommandError(str(exc)) from None
        if options["url"] and len(options["targets"]) > 1:
            raise CommandError(
                f"--url names one article, but there are {len(options['targets'])} inputs"
            )
        try:
            pending = polling.collect(options["targets"], overrides)
            if options["url"] and len(pending) > 1:
                raise CommandError(
                    f"--url names one article, but there are {len(pending)} inputs"
                )
            counts = self.import_all(pending, options)
        except KeyboardInterrupt:
            # Ctrl-C: the article in progress rolled back with its transaction.
            raise CommandError(
                "interrupted; the article in progress was not stored",
                returncode=130,
            ) from None
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} of {counts.total()} inputs failed")

    def import_all(self, pending: list[importing.Pending], options) -> Counter:
        verbosity = options["verbosity"]
        dry_run = options["dry_run"]
        counts = Counter()
        sync = importing.SyncResult()
        statements = 0
        total = len(pending)
        width = len(str(total))
        try:
            for n, outcome in enumerate(importing.run(pending, dry_run=dry_run), start=1):
                counts[outcome.status] += 1
                sync += outcome.sync
                statements += outcome.statements
                # A feed fetched from a URL can hold more articles than were counted.
                total = max(total, n)
                counter = f"[{n:>{width}}/{total}]"
                if outcome.failed:
                    self.stderr.write(f"{counter} failed     {outcome.label}: {outcome.reason}")
                    continue
                if verbosity >= 1:
                    self.stdout.write(self.progress_line(counter, outcome))
                if dry_run and verbosity >= 1:
                    for text in outcome.preview:
                        self.stdout.write(f"    {text}")
        except KeyboardInterrupt:
            self.summary(counts, statements, sync, dry_run, verbosity)  # what was done
            raise
        self.summary(counts, statements, sync, dry_run, verbosity)
        return counts

    def summary(self, counts, statements, sync, dry_run, verbosity):
        if verbosity >= 1:
            summary = ", ".join(f"{counts[s]} {s}" for s in STATUSES)
            self.stdout.write(
                ("Dry run, nothing stored: " if dry_run else "")
                + f"{summary}. Statements: {statements} in these articles ({sync})."
            )

    @staticmethod
    def progress_line(counter: str, outcome: importing.Outcome) -> str:
        n = outcome.statements
        line = f"{counter} {outcome.status:<10} {outcome.label}  "
        line += f"({n} statement{'' if n == 1 else 's'})"
        for uid in outcome.sync.unlocated:
            line += f"\n    kept {uid}: its words are no longer in the article text"
        if outcome.new_outlets:
            line += f"\n    new outlet: {', '.join(outcome.new_outlets)}"
        if outcome.new_people:
            line += f"\n    new people, unreviewed: {', '.join(outcome.new_people)}"
        return line
