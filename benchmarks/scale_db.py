#!/usr/bin/env python
"""Build an archive-scale database: N generated statements with a newsroom's shape.

    make scale-db [STATEMENTS=1000000] [REPLACE=1]
    .venv/bin/python benchmarks/scale_db.py --statements N [--seed S] [--replace]

Per million statements: about 100,000 articles from about 2,000 outlets over
the last five years, and about 20,000 speakers, of whom the officials of
``fixtures/people.json`` say most (Zipf). 60 % are quotes, 40 % claims; a
quarter are an earlier statement re-reported by another outlet a few days
later (the "also reported" groups); some were verified, corrected or
rejected by two editors. The rows are what the importer and the admin
write, history included, and PostgreSQL computes the generated columns
(search vectors, openings). Texts come from ``benchmarks/scale/vocabulary.py``,
never from an evaluation corpus.

The database is ``DATABASE_URL``, else the embedded server in
``EMBEDDED_DB_DIR`` (``make scale-db`` uses ``var/pgdata-scale``, away from
the demo's data). A database with articles, people or outlets is refused
unless ``--replace`` is given, which empties the project's tables first.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def count(text: str) -> int:
    value = int(text.replace("_", "").replace(",", ""))
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--statements", type=count, default=1_000_000,
                        help="how many quotes and claims (default 1,000,000)")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same archive")
    parser.add_argument("--replace", action="store_true",
                        help="empty the project's tables first if they hold data")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diplomacy.settings")
    # A local tool that signs nothing and serves no one: no SECRET_KEY needed.
    os.environ.setdefault("DEBUG", "true")
    import django
    from django.core.management import call_command

    from diplomacy import SettingsError

    try:
        django.setup()
        from benchmarks.scale import Refused, build

        call_command("migrate", interactive=False, verbosity=0)
        summary = build(args.statements, seed=args.seed, replace=args.replace,
                        progress=lambda line: print(line, file=sys.stderr, flush=True))
    except SettingsError as exc:
        print(f"Configuration error: {exc}", file=sys.stderr)
        return 1
    except Refused as exc:
        print(exc, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
