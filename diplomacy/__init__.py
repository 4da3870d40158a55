"""The diplomacy project: settings, URLs, WSGI/ASGI and the embedded database backend."""

from django.core.exceptions import ImproperlyConfigured


class SettingsError(ImproperlyConfigured):
    """A missing or bad environment variable: ``manage.py`` prints the message alone."""
