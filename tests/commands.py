"""Running management commands in tests, with their output and one-line errors."""

from io import StringIO

from django.core.management import CommandError, call_command


def run(*args, **options):
    """Run import_articles; return (stdout, stderr, error message or None)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("import_articles", *map(str, args), stdout=out, stderr=err, **options)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), str(exc)
    return out.getvalue(), err.getvalue(), None
