"""The dominant query of each journalist's page, with its plan.

Renders each page in-process (Django's test client, no server), finds the
query that took longest, and prints ``EXPLAIN (ANALYZE, BUFFERS)`` of it:
the plans docs/performance.md quotes. Run it against a database built by
``make scale-db``:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/diplomacy_scale \\
        .venv/bin/python benchmarks/explain_pages.py [--pages home,search,...]

Read-only: it changes nothing in the database.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def pages(most_quoted: str, statement_url: str, cursor: str, article: int, outlet: str) -> dict:
    return {
        "home": "/",
        "search": "/?q=sanctions",
        "phrase": '/?q="no plans"',
        "negation": "/?q=meeting -Trump",
        "speaker": f"/?speaker={most_quoted}",
        "person": f"/people/{most_quoted}/",
        "permalink": statement_url,
        "page2": f"/?after={cursor}",
        "article": f"/articles/{article}/",
        "outlet": f"/outlets/{outlet}/",
        "person_feed": f"/feeds/people/{most_quoted}/",
        "search_feed": "/feeds/search/?q=sanctions",
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", help="comma-separated page names (default: all)")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diplomacy.settings")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", "explain-pages-signs-nothing")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("STATIC_MANIFEST", "false")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    with connection.cursor() as cursor:
        # Plain SQL, so that it runs on any version of the schema.
        cursor.execute(
            "SELECT p.slug, p.id FROM quotes_person p JOIN quotes_quote q ON q.speaker_id = p.id "
            "WHERE q.id IN (SELECT id FROM quotes_quote ORDER BY id LIMIT 20000) "
            "GROUP BY p.slug, p.id ORDER BY count(*) DESC LIMIT 1"
        )
        slug, person_id = cursor.fetchone()
        cursor.execute(
            "SELECT id, article_id FROM quotes_quote WHERE speaker_id = %s "
            "ORDER BY id DESC LIMIT 1", [person_id]
        )
        quote_id, article_id = cursor.fetchone()
        cursor.execute(
            "SELECT o.slug FROM quotes_outlet o JOIN quotes_article a ON a.outlet_id = o.id "
            "WHERE a.id IN (SELECT id FROM quotes_article ORDER BY id LIMIT 5000) "
            "GROUP BY o.slug ORDER BY count(*) DESC LIMIT 1"
        )
        (outlet,) = cursor.fetchone()
    client = Client()
    # Page 1's "Older statements" link: <a rel="next" href="?after=quote-12">.
    found = re.search(r'rel="next" href="\?after=([\w-]+)"', client.get("/").text)
    cursor_uid = found.group(1) if found else ""
    wanted = pages(slug, f"/quote/{quote_id}/", cursor_uid, article_id, outlet)
    names = args.pages.split(",") if args.pages else list(wanted)
    for name in names:
        url = wanted[name]
        client.get(url)  # warm the caches: the plan of a second visit
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        slowest = max(captured.captured_queries, key=lambda q: float(q["time"]))
        total = sum(float(q["time"]) for q in captured.captured_queries)
        print(f"\n## {name}: {url}")
        print(f"{len(captured.captured_queries)} queries, {total * 1000:.1f} ms in the database; "
              f"the slowest ({float(slowest['time']) * 1000:.1f} ms):\n")
        print(slowest["sql"][:600] + (" ..." if len(slowest["sql"]) > 600 else ""))
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
            print("\n" + "\n".join(row[0] for row in cursor.fetchall()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
