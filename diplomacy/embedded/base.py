"""Database backend: Django's PostgreSQL backend, pointed at the embedded server."""

from django.db.backends.postgresql import base

from . import connection_params


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        params.update(connection_params())
        return params
