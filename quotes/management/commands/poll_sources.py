"""``manage.py poll_sources``: queue a poll of every source that is due.

Run it from cron every minute, or let ``celery -A diplomacy beat`` run the
same task (README, "Scheduling"). Without a broker the polls, and the imports
they find, run here and now.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from quotes import tasks


class Command(BaseCommand):
    help = "Queue a poll of every active source whose interval has passed."

    def handle(self, *args, **options):
        queued = tasks.poll_due_sources()
        if options["verbosity"] >= 1:
            where = "done here" if tasks.app.conf.task_always_eager else "queued for the workers"
            self.stdout.write(f"{queued} source{'' if queued == 1 else 's'} due, {where}.")
