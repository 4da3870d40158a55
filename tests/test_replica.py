"""The read-replica router against a second, real database on the same server:
journalists' page reads go to the replica; admin, writes and logins do not."""

from __future__ import annotations

import pytest
from django.db import connection, connections
from django.db.utils import load_backend
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from diplomacy.routers import ReplicaMiddleware
from quotes.models import Outlet

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def replica(transactional_db):
    """A second database with the outlets table, standing in for a replica
    that is a little behind: it has a row the primary does not."""
    name = f"{connection.settings_dict['NAME']}_replica"[:63]
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    # Set as a connection, not a configured alias: the test case forbids
    # connecting to configured aliases it was not told about.
    replica = load_backend(connection.settings_dict["ENGINE"]).DatabaseWrapper(
        {**connection.settings_dict, "NAME": name}, "replica"
    )
    connections["replica"] = replica
    try:
        with connections["replica"].cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        with connections["replica"].schema_editor() as editor:
            editor.create_model(Outlet)
        Outlet.objects.using("replica").create(name="Only On The Replica", slug="replica-only")
        with override_settings(DATABASE_ROUTERS=["diplomacy.routers.ReplicaRouter"]):
            yield
    finally:
        replica.close()
        del connections["replica"]
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def outlets_seen(path: str, method: str = "get") -> list[str]:
    seen = []

    def view(request):
        seen.extend(Outlet.objects.values_list("slug", flat=True))
        return HttpResponse()

    ReplicaMiddleware(view)(getattr(RequestFactory(), method)(path))
    return seen


def test_public_pages_read_the_replica_and_admin_the_primary(replica):
    Outlet.objects.create(name="On The Primary", slug="primary")  # a write: the primary
    assert outlets_seen("/people/dmitry-peskov/") == ["replica-only"]
    assert outlets_seen("/admin/quotes/outlet/") == ["primary"]
    assert outlets_seen("/", method="post") == ["primary"]
    assert list(Outlet.objects.values_list("slug", flat=True)) == ["primary"]  # no request


def test_logins_never_read_the_replica(replica):
    from django.contrib.auth.models import User
    from django.contrib.sessions.models import Session

    from diplomacy.routers import ReplicaRouter, _on_replica

    token = _on_replica.set(True)
    try:
        assert ReplicaRouter().db_for_read(Session) == "default"
        assert ReplicaRouter().db_for_read(User) == "default"
        assert ReplicaRouter().db_for_read(Outlet) == "replica"
    finally:
        _on_replica.reset(token)
