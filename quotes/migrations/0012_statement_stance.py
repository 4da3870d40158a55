"""Stance: whether the speaker asserts a statement's words or rejects them.

Quotes and claims get ``stance`` ("asserts" for every existing row), and the
statements table of migration 0006 carries it: the view it is computed from,
the trigger functions that upsert it and ``quotes_rebuild_derived()`` are
replaced with versions that list the new column (the same SQL as 0006 with
``stance`` appended, built from 0006's own text so the two cannot drift).
"""

import importlib
import re

from django.db import migrations, models

BASE = importlib.import_module("quotes.migrations.0006_statement_table")
# Functions of 0006 that write every column of quotes_statement.
WRITERS = ("quotes_statement_trigger", "quotes_article_trigger", "quotes_person_trigger",
           "quotes_outlet_trigger", "quotes_rebuild_derived")


def _upsert(columns: list[str]) -> str:
    """0006's UPSERT for ``columns``."""
    listed = ", ".join(["uid", *columns])
    return f"""
INSERT INTO quotes_statement ({listed}) SELECT {listed} FROM quotes_statement_source
WHERE {{where}}
ON CONFLICT (uid) DO UPDATE SET {", ".join(f"{c} = EXCLUDED.{c}" for c in columns)}
WHERE ({", ".join(f"quotes_statement.{c}" for c in columns)}) IS DISTINCT FROM (\
{", ".join(f"EXCLUDED.{c}" for c in columns)})"""


def _functions(columns: list[str]) -> str:
    """CREATE OR REPLACE of the writers of 0006, for ``columns``."""
    upsert = _upsert(columns)
    blocks = []
    for match in re.finditer(r"CREATE FUNCTION (\w+)\(.*?\$\$;", BASE.FUNCTIONS, re.S):
        if match[1] in WRITERS:
            blocks.append(match[0].replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION"))
    sql = "\n\n".join(blocks)
    sql = re.sub(r"UPSERT\((.*)\);", lambda m: upsert.format(where=m[1]) + ";", sql)
    return sql.replace("COLUMN_LIST", ", ".join(["uid", *columns]))


# The view gains the column last (CREATE OR REPLACE VIEW may only add at the end).
SOURCE = (
    BASE.SOURCE.replace("CREATE VIEW", "CREATE OR REPLACE VIEW")
    .replace("AS sample\nFROM (", "AS sample, s.stance\nFROM (")
    .replace("created_at FROM quotes_quote", "created_at, stance FROM quotes_quote")
    .replace("created_at FROM quotes_claim", "created_at, stance FROM quotes_claim")
)
assert SOURCE.count("stance") == 3, "0006's view changed: update this migration"
FORWARD = SOURCE + _functions([*BASE.COLUMNS, "stance"])
# Back: the view without the column (dropped: a view cannot lose one in place).
BACKWARD = ("DROP VIEW quotes_statement_source;\n" + BASE.SOURCE
            + _functions(list(BASE.COLUMNS)))


class Migration(migrations.Migration):

    dependencies = [
        ('quotes', '0011_statement_head_tail_keys'),
    ]

    operations = [
        migrations.AddField(
            model_name='claim',
            name='stance',
            field=models.CharField(choices=[('asserts', 'Asserts'), ('denies', 'Denies'), ('dismisses', 'Dismisses'), ('declines', 'Declines to say')], db_default='asserts', default='asserts', help_text='"Dismisses" for "dismissed claims that ...": the words are not the speaker\'s assertion.', max_length=10),
        ),
        migrations.AddField(
            model_name='historicalclaim',
            name='stance',
            field=models.CharField(choices=[('asserts', 'Asserts'), ('denies', 'Denies'), ('dismisses', 'Dismisses'), ('declines', 'Declines to say')], db_default='asserts', default='asserts', help_text='"Dismisses" for "dismissed claims that ...": the words are not the speaker\'s assertion.', max_length=10),
        ),
        migrations.AddField(
            model_name='historicalquote',
            name='stance',
            field=models.CharField(choices=[('asserts', 'Asserts'), ('denies', 'Denies'), ('dismisses', 'Dismisses'), ('declines', 'Declines to say')], db_default='asserts', default='asserts', help_text='"Dismisses" for "dismissed claims that ...": the words are not the speaker\'s assertion.', max_length=10),
        ),
        migrations.AddField(
            model_name='quote',
            name='stance',
            field=models.CharField(choices=[('asserts', 'Asserts'), ('denies', 'Denies'), ('dismisses', 'Dismisses'), ('declines', 'Declines to say')], db_default='asserts', default='asserts', help_text='"Dismisses" for "dismissed claims that ...": the words are not the speaker\'s assertion.', max_length=10),
        ),
        migrations.AddField(
            model_name='statement',
            name='stance',
            field=models.CharField(choices=[('asserts', 'Asserts'), ('denies', 'Denies'), ('dismisses', 'Dismisses'), ('declines', 'Declines to say')], db_default='asserts', default='asserts', max_length=10),
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
