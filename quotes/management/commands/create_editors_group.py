from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from quotes.permissions import EDITORS_GROUP, ensure_editors_group, make_editor


class Command(BaseCommand):
    help = (
        f'Create the "{EDITORS_GROUP}" group, or reset its permissions to the '
        "editors' set (safe to run again); optionally make users editors."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--user",
            action="append",
            default=[],
            metavar="USERNAME",
            help="An existing user to add to the group, with staff status (repeatable).",
        )

    def handle(self, *args, **options):
        User = get_user_model()
        users = []
        for username in options["user"]:
            try:
                users.append(User.objects.get_by_natural_key(username))
            except User.DoesNotExist:
                raise CommandError(f"No user named {username!r}.") from None
        group, created = ensure_editors_group()
        verb = "Created" if created else "Updated"
        self.stdout.write(
            f'{verb} group "{group.name}" with {group.permissions.count()} permissions.'
        )
        for user in users:
            make_editor(user)
            self.stdout.write(f"{user.get_username()} is now an editor (staff, {group.name}).")
