"""``manage.py extract PATH ... [--json]``: run the extractor on text files.

Never touches the database: it reads files, runs :func:`quotes.extraction.extract`
and prints. ``--json`` prints JSON Lines in the format of
``score_extraction.py``; without it, a listing for people. The officials of
``fixtures/people.json`` are the known people (as the database's reviewed
people are for the importer); ``--people FILE`` names another fixture and
``--no-people`` runs with none.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from quotes.extraction import extract
from quotes.extraction.known import people_from_fixture


def text_files(paths: list[str]) -> list[Path]:
    """Expand files and folders (``*.txt``, recursively) in the order given."""
    found = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.txt") if p.is_file()))
        elif path.is_file():
            found.append(path)
        else:
            raise CommandError(f"{raw}: no such file or folder")
    return found


class Command(BaseCommand):
    help = "Print the quotes and claims the extractor finds in text files (no database)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="text files or folders of .txt files")
        parser.add_argument("--json", action="store_true",
                            help="JSON Lines in the format of score_extraction.py")
        parser.add_argument("--people", default=settings.BASE_DIR / "fixtures" / "people.json",
                            type=Path, metavar="FILE",
                            help="fixture of known people, their aliases and roles "
                                 "(default: fixtures/people.json)")
        parser.add_argument("--no-people", action="store_true",
                            help="resolve speakers from the text alone")

    def handle(self, *args, **options):
        people = () if options["no_people"] else self.known_people(options["people"])
        failed = 0
        for path in text_files(options["paths"]):
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                self.stderr.write(f"{path}: not UTF-8 text")
                failed += 1
                continue
            except OSError as exc:
                self.stderr.write(f"{path}: {exc.strerror or exc}")
                failed += 1
                continue
            statements = extract(text, people)
            if options["json"]:
                for statement in statements:
                    row = {"article": path.name, **statement.as_dict()}
                    self.stdout.write(json.dumps(row, ensure_ascii=False))
            else:
                self.print_listing(path, statements)
        if failed:
            # A one-line reason per file was printed; no traceback, non-zero exit.
            sys.exit(1)

    @staticmethod
    def known_people(path: Path):
        try:
            return people_from_fixture(path)
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror or exc}") from None
        except (ValueError, KeyError):
            raise CommandError(f"{path}: not a fixture of people (JSON list of rows)") from None

    def print_listing(self, path: Path, statements) -> None:
        count = f"{len(statements)} statement{'' if len(statements) == 1 else 's'}"
        self.stdout.write(self.style.MIGRATE_HEADING(f"{path} ({count})"))
        for s in statements:
            flags = " partial" if s.partial else ""
            via = f" via {s.via}" if s.via else ""
            self.stdout.write(
                f"  {s.kind:5} {s.confidence:.2f} {s.speaker} [{s.speaker_type}]"
                f" {s.cue!r}{via}{flags}\n        {s.text}"
            )
