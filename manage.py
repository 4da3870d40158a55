#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diplomacy.settings")
    from django.core.management import execute_from_command_line

    from diplomacy import SettingsError

    try:
        execute_from_command_line(sys.argv)
    except SettingsError as exc:
        # A configuration mistake is the user's to fix; a traceback would bury it.
        sys.exit(f"Configuration error: {exc}")


if __name__ == "__main__":
    main()
