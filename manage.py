#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys

# Commands that read files and print, touching neither the database nor anything
# signed: they run without a SECRET_KEY even with DEBUG off (settings.py).
OFFLINE_COMMANDS = {"extract"}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diplomacy.settings")
    if len(sys.argv) > 1 and sys.argv[1] in OFFLINE_COMMANDS:
        os.environ["DIPLOMACY_OFFLINE_COMMAND"] = sys.argv[1]
    from django.core.management import execute_from_command_line

    from diplomacy import SettingsError

    try:
        execute_from_command_line(sys.argv)
    except SettingsError as exc:
        # A configuration mistake is the user's to fix; a traceback would bury it.
        sys.exit(f"Configuration error: {exc}")


if __name__ == "__main__":
    main()
