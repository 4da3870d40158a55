"""How long importing one article takes, in an empty archive and in a large one.

    DATABASE_URL=postgres://... .venv/bin/python benchmarks/import_speed.py [--articles 40]

Imports the seed articles of ``fixtures/seeds`` again and again, each time
under a new URL (so each is a new article, extracted and stored with its
statements, history rows, tallies and search documents), through the same
``quotes.importing`` functions as ``manage.py import_articles``. Prints the
median and p95 time an article, and the part spent outside the extractor
(the database's share), then deletes what it imported and vacuums the tables
it wrote to: the archive is left as it was. Run it against an empty database
(``migrate`` plus the fixtures) and against one built by ``make scale-db`` to
compare.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


# What an import writes, and the benchmark's clean-up deletes from.
VACUUMED = ("quotes_article", "quotes_quote", "quotes_claim", "quotes_statement", "quotes_tally",
            "quotes_historicalquote", "quotes_historicalclaim")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=40)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diplomacy.settings")
    os.environ.setdefault("DEBUG", "true")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from quotes import extraction, importing
    from quotes.models import Article, Person, Statement

    call_command("migrate", verbosity=0)
    if not Person.objects.exists():
        call_command("loaddata", "fixtures/people.json", "fixtures/outlets.json", verbosity=0)
    seeds = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
    texts = [importing.normalise_text(path.read_text()) for path in seeds]
    extraction.extract(texts[0], ())  # load the language model before timing

    archive = Statement.objects.count()
    people = Person.objects.count()
    run = f"{time.time_ns():x}"
    totals, extracting = [], []
    real_extract = importing.storing.extract_for

    def timed_extract(article, directory):
        start = time.perf_counter()
        try:
            return real_extract(article, directory)
        finally:
            extracting.append(time.perf_counter() - start)

    importing.storing.extract_for = timed_extract  # what import_source calls
    try:
        for i in range(args.articles):
            meta = importing.Metadata(
                url=f"https://import-speed.example.org/{run}/{i}", outlet="Reuters", title=f"#{i}"
            )
            source = importing.Source(texts[i % len(texts)], f"import-speed-{i}", meta, f"#{i}")
            start = time.perf_counter()
            outcome = importing.import_source(source)
            totals.append(time.perf_counter() - start)
            if outcome.status != "created":
                print(f"article {i}: {outcome.status} {outcome.reason}", file=sys.stderr)
                return 1
    finally:
        importing.storing.extract_for = real_extract
        Article.objects.filter(url__startswith=f"https://import-speed.example.org/{run}/").delete()
        # The deleted rows lie at the top of the newest-first indexes: until
        # vacuumed, every feed and list walks past them (a search feed 9 ms
        # to 130 ms after a few runs).
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM (ANALYZE) {', '.join(VACUUMED)}")

    stored = [total - ext for total, ext in zip(totals, extracting, strict=True)]

    def ms(values, q=None):
        values = sorted(values)
        value = statistics.median(values) if q is None else values[int(q * (len(values) - 1))]
        return f"{value * 1000:6.1f} ms"

    print(f"archive: {archive:,} statements, {people:,} people; {len(totals)} articles imported")
    print(f"  per article     p50 {ms(totals)}   p95 {ms(totals, 0.95)}")
    print(f"  of which stored p50 {ms(stored)}   p95 {ms(stored, 0.95)}  (all but extraction)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
