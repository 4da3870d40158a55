"""Nested quotes: a quote inside a claim is not a second result (issue 10).

"Peskov said the talks were “useful”" gives a claim and, inside it, the quote
"useful". The statements table gains ``nested``: true for a quote whose words
lie inside a public claim of the same speaker in the same article. Lists and
their counts leave such quotes out (``StatementQuerySet.listed``) and show the
claim with the quoted words marked; the quote keeps its permalink, its place
in the article, its export row and its part in "also reported".

The view of 0006/0012 gains the column (``quotes_nested()``), the writers are
replaced with versions that list it, the tallies count only rows that are not
nested, and a write to claims refreshes the quotes of the articles it touched
(a claim stored, moved, rejected or deleted after its quotes). Existing rows
are marked at the end, and their tallies follow through the tally triggers.
"""

import importlib
import re

from django.db import migrations, models

BASE = importlib.import_module("quotes.migrations.0006_statement_table")
STANCE = importlib.import_module("quotes.migrations.0012_statement_stance")

NESTED = """
-- Whether a quote lies inside a public claim by the same speaker (the same
-- person, or both unknown and named alike) in the same article.
CREATE OR REPLACE FUNCTION quotes_nested(
    article bigint, first integer, last integer, speaker bigint, mention text
) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT EXISTS (
        SELECT 1 FROM quotes_claim c
        WHERE c.article_id = article AND c.start <= first AND c."end" >= last
          AND c.status <> 'rejected'
          AND (c.speaker_id = speaker
               OR (c.speaker_id IS NULL AND speaker IS NULL
                   AND lower(c.speaker_mention) = lower(mention)))
    )
$$;
"""

SOURCE = STANCE.SOURCE.replace(
    "AS sample, s.stance\nFROM (",
    "AS sample, s.stance,\n"
    "       s.kind = 'quote' AND quotes_nested(s.article_id, s.start, s.\"end\", s.speaker_id,\n"
    "                                          s.speaker_mention) AS nested\nFROM (",
)
assert "AS nested" in SOURCE, "0012's view changed: update this migration"

# Writes to claims also refresh the quotes of the articles they touch: a quote
# stored before its claim, or whose claim is moved, rejected or deleted.
STATEMENT_TRIGGER = """
CREATE OR REPLACE FUNCTION quotes_statement_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM quotes_statement WHERE uid IN (SELECT TG_ARGV[0] || '-' || id FROM old_rows);
        IF TG_ARGV[0] = 'claim' THEN
            UPSERT(kind = 'quote' AND article_id IN (SELECT article_id FROM old_rows));
        END IF;
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        DELETE FROM quotes_statement WHERE uid IN (
            SELECT TG_ARGV[0] || '-' || id FROM old_rows WHERE id NOT IN (SELECT id FROM new_rows)
        );
    END IF;
    UPSERT(kind = TG_ARGV[0] AND statement_id IN (SELECT id FROM new_rows));
    IF TG_ARGV[0] = 'claim' AND TG_OP = 'UPDATE' THEN
        UPSERT(kind = 'quote' AND article_id IN (
            SELECT article_id FROM new_rows UNION SELECT article_id FROM old_rows
        ));
    ELSIF TG_ARGV[0] = 'claim' THEN
        UPSERT(kind = 'quote' AND article_id IN (SELECT article_id FROM new_rows));
    END IF;
    RETURN NULL;
END $$;
"""

COUNTED = "WHERE r.status <> 'rejected'"

# The counts of the nested rows, taken out of the tallies (-1) or put back (1)
# in one grouped statement. The rows are marked, or unmarked, with the tally
# trigger off: through it, a large archive's hundreds of thousands of changed
# rows would travel as two arrays in memory.
RECOUNT_NESTED = """
INSERT INTO quotes_tally AS t (dim, key, dim2, key2, n)
SELECT k.dim, k.key, k.dim2, k.key2, {sign} * count(*)
FROM quotes_statement AS r,
     quotes_tally_keys(r.speaker_id, r.outlet_id, r.via_id, r.kind, r.status,
                       r.published_on) AS k
WHERE r.nested AND r.status <> 'rejected'
GROUP BY 1, 2, 3, 4
ON CONFLICT (dim, key, dim2, key2) DO UPDATE SET n = t.n + EXCLUDED.n;
"""
MARK = (
    "ALTER TABLE quotes_statement DISABLE TRIGGER quotes_tally_update;\n"
    "UPDATE quotes_statement SET nested = true WHERE kind = 'quote'"
    ' AND quotes_nested(article_id, start, "end", speaker_id, speaker_mention);\n'
    + RECOUNT_NESTED.format(sign=-1)
    + "ALTER TABLE quotes_statement ENABLE TRIGGER quotes_tally_update;\n"
)
UNMARK = (
    "ALTER TABLE quotes_statement DISABLE TRIGGER quotes_tally_update;\n"
    + RECOUNT_NESTED.format(sign=1)
    + "UPDATE quotes_statement SET nested = false WHERE nested;\n"
    "ALTER TABLE quotes_statement ENABLE TRIGGER quotes_tally_update;\n"
)


def _tally_add(counted: str) -> str:
    """0006's ``quotes_tally_add``, counting the rows ``counted`` selects."""
    match = re.search(r"CREATE FUNCTION quotes_tally_add\(.*?\$\$;", BASE.FUNCTIONS, re.S)
    sql = match[0].replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION")
    assert COUNTED in sql, "0006's quotes_tally_add changed: update this migration"
    return sql.replace(COUNTED, counted)


def _forward() -> str:
    columns = [*BASE.COLUMNS, "stance", "nested"]
    writers = STANCE._functions(columns)
    assert writers.count(COUNTED) == 1, "0006's rebuild changed: update this migration"
    writers = writers.replace(COUNTED, COUNTED + " AND NOT r.nested")
    upsert = STANCE._upsert(columns)
    trigger = re.sub(
        r"UPSERT\(((?:[^()]|\((?:[^()]|\([^()]*\))*\))*)\);",
        lambda m: upsert.format(where=m[1]) + ";",
        STATEMENT_TRIGGER,
    )
    return "\n".join([
        NESTED, SOURCE, writers, trigger, _tally_add(COUNTED + " AND NOT r.nested"),
        MARK,
    ])


def _backward() -> str:
    columns = [*BASE.COLUMNS, "stance"]
    return "\n".join([
        # Count them again before the column goes.
        UNMARK,
        "DROP VIEW quotes_statement_source;",
        STANCE.SOURCE.replace("CREATE OR REPLACE VIEW", "CREATE VIEW"),
        STANCE._functions(columns),
        _tally_add(COUNTED),
        "DROP FUNCTION quotes_nested(bigint, integer, integer, bigint, text);",
    ])


class Migration(migrations.Migration):

    dependencies = [
        ("quotes", "0014_directory_stamps"),
    ]

    operations = [
        migrations.AddField(
            model_name="statement",
            name="nested",
            field=models.BooleanField(db_default=False, default=False),
        ),
        migrations.RunSQL(_forward(), _backward()),
    ]
