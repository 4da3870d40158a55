"""``manage.py setup_demo``: a database ready for the demo, safe to run again.

Migrates, loads the officials and outlets of ``fixtures/`` (matched by
natural keys, so a second run updates rows instead of duplicating them) and
imports the seed articles (unchanged ones are skipped).
"""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

FIXTURES = settings.BASE_DIR / "fixtures"


class Command(BaseCommand):
    help = "Migrate, load reference people and outlets, and import the seed articles."

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        output = {"stdout": self.stdout, "stderr": self.stderr}
        self.heading("Database", verbosity)
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0), **output)
        self.heading("Reference people and outlets", verbosity)
        call_command(
            "loaddata", FIXTURES / "people.json", FIXTURES / "outlets.json",
            verbosity=verbosity, **output,
        )
        self.heading("Seed articles", verbosity)
        call_command("import_articles", FIXTURES / "seeds", verbosity=verbosity, **output)
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS("\nThe demo is ready at http://127.0.0.1:8000/")
                + " once the server runs (`make demo` starts it)."
                + "\nTo edit in the admin (http://127.0.0.1:8000/admin/), create a login first:\n"
                "    DEBUG=true .venv/bin/python manage.py createsuperuser"
            )

    def heading(self, text: str, verbosity: int) -> None:
        if verbosity >= 1:
            self.stdout.write(self.style.MIGRATE_HEADING(text))
