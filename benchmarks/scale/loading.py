"""Sending the archive to PostgreSQL: COPY in rounds, in one transaction.

``build()`` empties the quotes app's tables, drops the secondary indexes and
constraints of the tables it fills, streams the rows with COPY as the
articles are written, puts the indexes back, sets the sequences past the ids
used, lets the derived tables rebuild, commits, and runs VACUUM (ANALYZE).
A failure anywhere before the commit leaves the database as it was.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.db import connection, transaction

from quotes.models import Article, Claim, Outlet, Person, PersonAlias, Quote
from quotes.permissions import EDITORS_GROUP

from .archive import ARTICLE_COLUMNS, HISTORY_COLUMNS, STATEMENT_COLUMNS, Archive, Built

ROUND = 20_000  # statements per round of COPY commands: what memory holds at once
PROGRESS_EVERY = 100_000
EDITORS = ("scale-editor-ana", "scale-editor-ben")
# The function another change may add to rebuild tables derived from these
# (its triggers stay off during the load).
REBUILD_DERIVED = "quotes_rebuild_derived()"


class Refused(Exception):
    """The database already holds data and ``replace`` was not given."""


def loaded_models() -> list:
    """The models whose tables the archive fills, history tables included."""
    models = [Outlet, Person, PersonAlias, Article, Quote, Claim]
    return models + [model.history.model for model in (Outlet, Person, PersonAlias, Quote, Claim)]


def project_tables() -> list[str]:
    """Every table of the quotes app: what ``replace`` empties."""
    return [model._meta.db_table for model in apps.get_app_config("quotes").get_models()
            if model._meta.managed]


def refuse_unless_empty() -> None:
    """Raise Refused if the database already has articles, people or outlets."""
    found = {"articles": Article.objects.count(), "people": Person.objects.count(),
             "outlets": Outlet.objects.count()}
    if any(found.values()):
        held = ", ".join(f"{n:,} {what}" for what, n in found.items() if n)
        where = repr(connection.settings_dict["NAME"])
        if connection.settings_dict["ENGINE"] == "diplomacy.embedded":
            where += f" (embedded server in {settings.EMBEDDED_DB_DIR})"
        raise Refused(
            f"Database {where} already has {held}; "
            "give --replace (make scale-db REPLACE=1) to empty it first."
        )


def editor_ids() -> list[int]:
    """The two staff users, in the Editors group, who reviewed statements."""
    group = Group.objects.filter(name=EDITORS_GROUP).first()
    ids = []
    for username in EDITORS:
        user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        if group is not None:
            user.groups.add(group)
        ids.append(user.pk)
    return ids


def without_indexes(cursor, tables: list[str]) -> list[str]:
    """Drop the secondary indexes, unique and foreign-key constraints of ``tables``;
    return the statements that put them back.

    Building a GIN index once over a million rows is many times faster than
    updating it a million times, and one join checks a foreign key faster than
    a lookup per row (pg_restore loads the same way). All of it happens in the
    load's transaction: a failed load leaves every index in place.
    """
    cursor.execute(
        """
        SELECT format('ALTER TABLE %%s ADD CONSTRAINT %%I %%s', conrelid::regclass, conname,
                      pg_get_constraintdef(oid)),
               format('ALTER TABLE %%s DROP CONSTRAINT %%I', conrelid::regclass, conname)
        FROM pg_constraint
        WHERE conrelid = ANY(%s::regclass[]) AND contype IN ('f', 'u')
        ORDER BY contype = 'u', conname
        """,
        [tables],
    )
    constraints = cursor.fetchall()  # foreign keys first: one may need a unique index
    cursor.execute(
        """
        SELECT pg_get_indexdef(i.indexrelid), format('DROP INDEX %%s', i.indexrelid::regclass)
        FROM pg_index i
        WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary
          AND NOT EXISTS (SELECT FROM pg_constraint c
                          WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
        ORDER BY 1
        """,
        [tables],
    )
    indexes = cursor.fetchall()
    for _, drop in constraints + indexes:
        cursor.execute(drop)
    return [create for create, _ in indexes] + [add for add, _ in reversed(constraints)]


class Loader:
    """Rows of finished articles, sent with one COPY per table every ``ROUND``
    statements. ``FREEZE``: the tables were emptied in this transaction, so the
    rows go in frozen and VACUUM has nothing to rewrite later."""

    TABLES = {
        "articles": (Article, ARTICLE_COLUMNS),
        "quotes": (Quote, STATEMENT_COLUMNS),
        "claims": (Claim, STATEMENT_COLUMNS),
        "quote_history": (Quote.history.model, STATEMENT_COLUMNS + HISTORY_COLUMNS),
        "claim_history": (Claim.history.model, STATEMENT_COLUMNS + HISTORY_COLUMNS),
    }

    def __init__(self, cursor):
        self.cursor = cursor
        self.copied = 0  # rows, all tables
        self.pending = 0  # statements not sent yet
        self.rows: dict[str, list[tuple]] = {name: [] for name in self.TABLES}

    def add(self, built: Built) -> None:
        for name, rows in self.rows.items():
            rows.extend(getattr(built, name))
        self.pending += len(built.quotes) + len(built.claims)
        if self.pending >= ROUND:
            self.flush()

    def flush(self) -> None:
        for name, rows in self.rows.items():
            self.copy(*self.TABLES[name], rows)
            rows.clear()
        self.pending = 0

    def copy(self, model, columns: tuple[str, ...], rows) -> None:
        quote = connection.ops.quote_name
        sql = (f"COPY {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) "
               "FROM STDIN (FREEZE)")
        with self.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
        self.copied += len(rows)


@dataclass
class Summary:
    statements: int
    quotes: int
    claims: int
    rereports: int
    articles: int
    outlets: int
    people: int
    seconds: float

    def __str__(self) -> str:
        return (
            f"{self.statements:,} statements ({self.quotes:,} quotes, {self.claims:,} claims, "
            f"{self.rereports:,} re-reports) in {self.articles:,} articles from "
            f"{self.outlets:,} outlets, {self.people:,} people; {self.seconds:.0f} s"
        )


def build(statements: int, *, seed: int = 1, replace: bool = False,
          progress: Callable[[str], None] = lambda line: None,
          today: datetime.date | None = None) -> Summary:
    """Fill the database with an archive of ``statements`` statements.

    Raises Refused if it already has articles, people or outlets, unless
    ``replace``: then every table of the quotes app is emptied first, in the
    same transaction as the load. Runs its own transaction, so not inside one.
    """
    started = time.perf_counter()

    def say(line: str) -> None:
        progress(f"{line}  ({time.perf_counter() - started:.0f} s)")

    tables = [model._meta.db_table for model in loaded_models()]
    everything = project_tables()
    with transaction.atomic(durable=True), connection.cursor() as cursor:
        if not replace:
            refuse_unless_empty()
        # Triggers (derived tables, counts) would fire per row; the derived
        # tables are rebuilt once at the end instead.
        for table in everything:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        cursor.execute(f"TRUNCATE {', '.join(everything)} RESTART IDENTITY CASCADE")
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        restore = without_indexes(cursor, tables)
        archive = Archive(statements, seed, editor_ids(), today)
        loader = Loader(cursor)
        for built in archive:
            before = archive.done - len(built.quotes) - len(built.claims)
            loader.add(built)
            if archive.done // PROGRESS_EVERY > before // PROGRESS_EVERY:
                rate = loader.copied / (time.perf_counter() - started)
                say(f"{archive.done:>12,} statements, {loader.copied:,} rows ({rate:,.0f} rows/s)")
        loader.flush()
        for model, columns, rows in archive.reference_rows():
            loader.copy(model, columns, rows)
        say(f"{archive.done:,} statements, {loader.copied:,} rows copied; building indexes")
        for sql in restore:
            cursor.execute(sql)
        for model in loaded_models():
            table, key = model._meta.db_table, model._meta.pk.column
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, %s), COALESCE(MAX({key}), 0) + 1,"
                f" false) FROM {table}",
                [table, key],
            )
        for table in everything:
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        # The rows changed under disabled triggers: tell running importers.
        cursor.execute("SELECT to_regclass('quotes_directorystamp') IS NOT NULL")
        if cursor.fetchone()[0]:
            cursor.execute("UPDATE quotes_directorystamp SET "
                           "people = nextval('quotes_directorystamp_change'), "
                           "outlets = nextval('quotes_directorystamp_change')")
        cursor.execute("SELECT to_regprocedure(%s) IS NOT NULL", [REBUILD_DERIVED])
        if cursor.fetchone()[0]:
            say("rebuilding derived tables")
            cursor.execute(f"SELECT {REBUILD_DERIVED}")
        say("committing")
    say("vacuum (analyze)")
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {', '.join(tables)}")
    return Summary(archive.done, archive.counts["quote"], archive.counts["claim"],
                   archive.rereports, archive.articles, len(archive.outlets),
                   len(archive.people), time.perf_counter() - started)
