"""Journalists' reads from a read replica (docs/scaling.md), when one is configured.

``ReplicaMiddleware`` marks a GET or HEAD request to a public page; while it
runs, ``ReplicaRouter`` sends reads to the ``replica`` database. Everything
else reads and writes the primary: admin (an editor must see their own
correction at once), imports and workers, and the tables a login depends on
(sessions, users, lockouts), which a replica a second behind would get wrong
right after a login.
"""

from __future__ import annotations

from contextvars import ContextVar

REPLICA = "replica"
PRIMARY_ONLY_APPS = {"sessions", "auth", "axes", "admin", "contenttypes"}

_on_replica: ContextVar[bool] = ContextVar("on_replica", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _on_replica.get() and model._meta.app_label not in PRIMARY_ONLY_APPS:
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary: same rows, same ids

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"  # the replica follows the primary by replication


class ReplicaMiddleware:
    """Reads of a public page (GET or HEAD, not under /admin/) go to the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        public = request.method in ("GET", "HEAD") and not request.path.startswith("/admin/")
        token = _on_replica.set(public)
        try:
            return self.get_response(request)
        finally:
            _on_replica.reset(token)
