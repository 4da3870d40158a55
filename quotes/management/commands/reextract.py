"""``manage.py reextract [--article ID ...] [--all] [--here]``: run the extractor again.

Editors' work survives (see :func:`quotes.importing.sync_statements`):
verified and corrected statements are kept, rejected ones stay rejected.
With a broker configured the articles are queued, one task each, for the
workers to share (``quotes.tasks.reextract_article``); ``--here`` or no
broker runs them in this process, one by one.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from quotes import tasks
from quotes.importing import SyncResult, reextract
from quotes.models import Article


class Command(BaseCommand):
    help = "Re-run extraction on stored articles, keeping editors' corrections."

    def add_arguments(self, parser):
        parser.add_argument("--article", type=int, action="append", default=[], metavar="ID",
                            help="an article id (repeatable)")
        parser.add_argument("--all", action="store_true", help="every article")
        parser.add_argument("--here", action="store_true",
                            help="run in this process even when workers are configured")

    def handle(self, *args, **options):
        ids = options["article"]
        if not ids and not options["all"]:
            raise CommandError("Name articles with --article ID, or use --all.")
        articles = Article.objects.order_by("pk")
        if ids:
            articles = articles.filter(pk__in=ids)
            missing = sorted(set(ids) - set(articles.values_list("pk", flat=True)))
            if missing:
                raise CommandError(f"No article with id {', '.join(map(str, missing))}.")
        pks = list(articles.values_list("pk", flat=True))
        if not options["here"] and not tasks.app.conf.task_always_eager:
            for pk in pks:
                tasks.reextract_article.delay(pk)
            if options["verbosity"] >= 1:
                self.stdout.write(f"Queued {len(pks)} articles for re-extraction by the workers.")
            return
        total, failed, done = len(pks), 0, 0
        summary = SyncResult()
        for n, pk in enumerate(pks, start=1):
            article = Article.objects.get(pk=pk)
            try:
                result = reextract(article)
            except Exception as exc:  # noqa: BLE001 - rolled back; the others still run
                failed += 1
                self.stderr.write(f"[{n}/{total}] failed  article {pk}: {exc}")
                continue
            done += 1
            summary += result
            if options["verbosity"] >= 1:
                self.stdout.write(f"[{n}/{total}] article {pk} {article}: {result}")
                for uid in result.unlocated:
                    self.stdout.write(f"    kept {uid}: its words are no longer in the text")
        if options["verbosity"] >= 1:
            self.stdout.write(f"Re-extracted {done} articles, {failed} failed: {summary}.")
        if failed:
            raise CommandError(f"{failed} of {total} articles failed")
