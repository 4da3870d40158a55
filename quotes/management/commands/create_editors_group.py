from django.core.management.base import BaseCommand

from quotes.permissions import EDITORS_GROUP, ensure_editors_group


class Command(BaseCommand):
    help = (
        f'Create the "{EDITORS_GROUP}" group, or reset its permissions to the '
        "editors' set (safe to run again)."
    )

    def handle(self, *args, **options):
        group, created = ensure_editors_group()
        verb = "Created" if created else "Updated"
        self.stdout.write(
            f'{verb} group "{group.name}" with {group.permissions.count()} permissions. '
            "Add editors in admin: Users > (user) > Groups, and tick Staff status."
        )
