"""Quotes and claims listed from one table, kept in step by the database.

The ``quotes_statement`` view (a UNION ALL of quotes_quote and quotes_claim)
becomes a table with the columns every page filters, sorts and searches on:
the article's outlet, a search document holding the speaker's and outlets'
names, keys for "also reported" and a 1 % sample. Triggers keep it exact on
every write (importer, admin, merges, cascades), and keep ``quotes_tally``:
counts per facet value and per pair of values, so that counting a million
statements is an index lookup. ``quotes_rebuild_derived()`` refills both from
scratch (this migration, and the scale generator after a bulk COPY).

Writes still go to quotes_quote and quotes_claim, whose history, admin and
permissions stay as they were.
"""

import re

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

# Every column of quotes_statement, computed from the tables it is derived
# from. The triggers and the rebuild read it, so it is written once.
SOURCE = """
CREATE VIEW quotes_statement_source AS
SELECT s.kind || '-' || s.id AS uid, s.kind, s.id AS statement_id, s.article_id,
       a.outlet_id, s.speaker_id, s.speaker_mention, s.text, s.start, s."end", s.cue,
       s.partial, s.via_id, s.confidence, s.status, s.reviewed_at, a.published_on,
       s.created_at,
       quotes_statement_document(s.text, s.speaker_mention, s.speaker_id, a.outlet_id, s.via_id)
           AS search_vector,
       quotes_head_key(s.text) AS head_key, quotes_tail_key(s.text) AS tail_key,
       (((hashtextextended(s.kind || '-' || s.id, 0) % 100) + 100) % 100)::smallint AS sample
FROM (
    -- Columns by name: the two tables do not list them in the same order.
    SELECT 'quote' AS kind, {BASE} FROM quotes_quote
    UNION ALL
    SELECT 'claim' AS kind, {BASE} FROM quotes_claim
) s
JOIN quotes_article a ON a.id = s.article_id;
""".replace(
    "{BASE}",
    "id, article_id, speaker_id, speaker_mention, text, start, \"end\", cue, partial, via_id, "
    "confidence, status, reviewed_at, created_at",
)

COLUMNS = (
    "kind statement_id article_id outlet_id speaker_id speaker_mention text start \"end\" cue "
    "partial via_id confidence status reviewed_at published_on created_at search_vector "
    "head_key tail_key sample"
).split()
_SET = ", ".join(f"{c} = EXCLUDED.{c}" for c in COLUMNS)
_OLD = ", ".join(f"quotes_statement.{c}" for c in COLUMNS)
_NEW = ", ".join(f"EXCLUDED.{c}" for c in COLUMNS)
_LIST = ", ".join(["uid", *COLUMNS])
# Insert or refresh the rows of quotes_statement_source matching a condition;
# a row whose values did not change is not written (nor counted again). Each
# trigger function has it as static SQL, not EXECUTE: PL/pgSQL then plans it
# once per connection instead of once per row (3 ms a statement).
UPSERT = f"""
INSERT INTO quotes_statement ({_LIST}) SELECT {_LIST} FROM quotes_statement_source
WHERE {{where}}
ON CONFLICT (uid) DO UPDATE SET {_SET}
WHERE ({_OLD}) IS DISTINCT FROM ({_NEW})"""

FUNCTIONS = r"""
-- The words of a text: lower case, punctuation and quotation marks dropped.
CREATE FUNCTION quotes_words(body text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT regexp_split_to_array(btrim(regexp_replace(lower(body), '[^[:alnum:]]+', ' ', 'g')), ' ')
$$;

-- Hashes of the first and of the last six words: two reports of the same
-- words, or of the same words cut short at one end, share one of them.
CREATE FUNCTION quotes_head_key(body text) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT hashtextextended(array_to_string((quotes_words(body))[1:6], ' '), 0)
$$;

CREATE FUNCTION quotes_tail_key(body text) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT hashtextextended(array_to_string(w[greatest(cardinality(w) - 5, 1):], ' '), 0)
    FROM quotes_words(body) AS w
$$;

-- What a search matches: the words (A), the speaker as written and by their
-- canonical name (B), the outlet and the agency credited (C).
CREATE FUNCTION quotes_statement_document(
    body text, mention text, speaker bigint, outlet bigint, via bigint
) RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT setweight(to_tsvector('english', coalesce(body, '')), 'A')
        || setweight(to_tsvector('english', coalesce(mention, '')), 'B')
        || setweight(to_tsvector('english',
               coalesce((SELECT name FROM quotes_person WHERE id = speaker), '')), 'B')
        || setweight(to_tsvector('english', concat_ws(' ',
               (SELECT name FROM quotes_outlet WHERE id = outlet),
               (SELECT name FROM quotes_outlet WHERE id = via))), 'C')
$$;

-- The tally rows one public statement counts in (see StatementTally).
CREATE FUNCTION quotes_tally_keys(
    speaker bigint, outlet bigint, via bigint, kind text, status text, published date
) RETURNS TABLE (dim smallint, key bigint, dim2 smallint, key2 bigint)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    WITH facet (dim, key) AS (
        SELECT * FROM (VALUES
            (1::smallint, speaker), (2::smallint, outlet), (3::smallint, via),
            (4::smallint, CASE kind WHEN 'quote' THEN 0 ELSE 1 END::bigint),
            (5::smallint, CASE status WHEN 'verified' THEN 1 WHEN 'corrected' THEN 2
                          ELSE 0 END::bigint)
        ) AS v (dim, key)
        WHERE key IS NOT NULL
    )
    SELECT 0::smallint, 0::bigint, 0::smallint, 0::bigint
    UNION ALL SELECT 0::smallint, 0::bigint, dim, key FROM facet
    UNION ALL SELECT dim, key, 0::smallint, 0::bigint FROM facet
    UNION ALL SELECT a.dim, a.key, b.dim, b.key FROM facet a JOIN facet b ON a.dim <> b.dim
    UNION ALL SELECT 1::smallint, speaker, 6::smallint,
                     (extract(year FROM published) * 100 + extract(month FROM published))::bigint
              WHERE speaker IS NOT NULL AND published IS NOT NULL
$$;

-- Add (sign 1) or take away (-1) the public rows among ``changed``. Keys are
-- locked in one order, and every call starts with the (0, 0, 0, 0) row, so
-- concurrent imports queue there and cannot deadlock.
CREATE FUNCTION quotes_tally_add(changed quotes_statement[], sign integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO quotes_tally AS t (dim, key, dim2, key2, n)
    SELECT k.dim, k.key, k.dim2, k.key2, sign * count(*)
    FROM unnest(changed) AS r,
         quotes_tally_keys(r.speaker_id, r.outlet_id, r.via_id, r.kind, r.status,
                           r.published_on) AS k
    WHERE r.status <> 'rejected'
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (dim, key, dim2, key2) DO UPDATE SET n = t.n + EXCLUDED.n;
END $$;

CREATE FUNCTION quotes_tally_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM quotes_tally_add((SELECT array_agg(r::quotes_statement) FROM old_rows r), -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM quotes_tally_add((SELECT array_agg(r::quotes_statement) FROM new_rows r), 1);
    END IF;
    RETURN NULL;
END $$;

-- Quotes or claims were written: refresh their rows (TG_ARGV[0] is the kind).
-- Once per SQL statement, not per row: the importer stores an article's
-- statements in one INSERT, and the tallies then change once for all of them.
CREATE FUNCTION quotes_statement_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM quotes_statement WHERE uid IN (SELECT TG_ARGV[0] || '-' || id FROM old_rows);
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        DELETE FROM quotes_statement WHERE uid IN (
            SELECT TG_ARGV[0] || '-' || id FROM old_rows WHERE id NOT IN (SELECT id FROM new_rows)
        );
    END IF;
    UPSERT(kind = TG_ARGV[0] AND statement_id IN (SELECT id FROM new_rows));
    RETURN NULL;
END $$;

-- An article's outlet or date changed: so did its statements' rows.
CREATE FUNCTION quotes_article_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPSERT(article_id = NEW.id);
    RETURN NULL;
END $$;

-- A person or outlet was renamed: search documents name them.
CREATE FUNCTION quotes_person_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPSERT(speaker_id = NEW.id);
    RETURN NULL;
END $$;

CREATE FUNCTION quotes_outlet_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPSERT(via_id = NEW.id OR article_id IN (SELECT id FROM quotes_article WHERE outlet_id = NEW.id));
    RETURN NULL;
END $$;

-- Refill quotes_statement and quotes_tally from scratch. Indexes are dropped
-- and built again afterwards: far faster than maintaining them row by row.
CREATE FUNCTION quotes_rebuild_derived() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    definitions text[];
    definition text;
BEGIN
    SET LOCAL maintenance_work_mem = '512MB';
    SET LOCAL work_mem = '256MB';
    SELECT coalesce(array_agg(pg_get_indexdef(indexrelid)), '{}') INTO definitions
    FROM pg_index WHERE indrelid = 'quotes_statement'::regclass AND NOT indisprimary;
    FOR definition IN
        SELECT format('DROP INDEX %s', indexrelid::regclass)
        FROM pg_index WHERE indrelid = 'quotes_statement'::regclass AND NOT indisprimary
    LOOP
        EXECUTE definition;
    END LOOP;
    ALTER TABLE quotes_statement DISABLE TRIGGER USER;
    TRUNCATE quotes_statement, quotes_tally;
    -- The 1 % sample first: its rows then share a few hundred pages, and an
    -- estimate reads those instead of one page a row. Rows added later go
    -- where there is room; the next rebuild gathers them again.
    INSERT INTO quotes_statement (COLUMN_LIST)
        SELECT COLUMN_LIST FROM quotes_statement_source WHERE sample = 0;
    INSERT INTO quotes_statement (COLUMN_LIST)
        SELECT COLUMN_LIST FROM quotes_statement_source WHERE sample <> 0;
    INSERT INTO quotes_tally (dim, key, dim2, key2, n)
    SELECT k.dim, k.key, k.dim2, k.key2, count(*)
    FROM quotes_statement AS r,
         quotes_tally_keys(r.speaker_id, r.outlet_id, r.via_id, r.kind, r.status,
                           r.published_on) AS k
    WHERE r.status <> 'rejected'
    GROUP BY 1, 2, 3, 4;
    ALTER TABLE quotes_statement ENABLE TRIGGER USER;
    FOREACH definition IN ARRAY definitions LOOP
        EXECUTE definition;
    END LOOP;
    -- Fresh statistics, or the planner guesses (5,000 statements an article).
    ANALYZE quotes_statement;
    ANALYZE quotes_tally;
END $$;
"""

TRIGGERS = """
CREATE TRIGGER quotes_tally_insert AFTER INSERT ON quotes_statement
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION quotes_tally_trigger();
CREATE TRIGGER quotes_tally_update AFTER UPDATE ON quotes_statement
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION quotes_tally_trigger();
CREATE TRIGGER quotes_tally_delete AFTER DELETE ON quotes_statement
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION quotes_tally_trigger();

CREATE TRIGGER quotes_statement_insert AFTER INSERT ON quotes_quote
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION quotes_statement_trigger('quote');
CREATE TRIGGER quotes_statement_update AFTER UPDATE ON quotes_quote
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION quotes_statement_trigger('quote');
CREATE TRIGGER quotes_statement_delete AFTER DELETE ON quotes_quote
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION quotes_statement_trigger('quote');
CREATE TRIGGER quotes_statement_insert AFTER INSERT ON quotes_claim
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION quotes_statement_trigger('claim');
CREATE TRIGGER quotes_statement_update AFTER UPDATE ON quotes_claim
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION quotes_statement_trigger('claim');
CREATE TRIGGER quotes_statement_delete AFTER DELETE ON quotes_claim
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION quotes_statement_trigger('claim');
CREATE TRIGGER quotes_statement_sync AFTER UPDATE OF outlet_id, published_on ON quotes_article
    FOR EACH ROW
    WHEN (OLD.outlet_id IS DISTINCT FROM NEW.outlet_id
          OR OLD.published_on IS DISTINCT FROM NEW.published_on)
    EXECUTE FUNCTION quotes_article_trigger();
CREATE TRIGGER quotes_statement_sync AFTER UPDATE OF name ON quotes_person
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION quotes_person_trigger();
CREATE TRIGGER quotes_statement_sync AFTER UPDATE OF name ON quotes_outlet
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION quotes_outlet_trigger();
"""

DROP = """
DROP TRIGGER quotes_statement_insert ON quotes_quote;
DROP TRIGGER quotes_statement_update ON quotes_quote;
DROP TRIGGER quotes_statement_delete ON quotes_quote;
DROP TRIGGER quotes_statement_insert ON quotes_claim;
DROP TRIGGER quotes_statement_update ON quotes_claim;
DROP TRIGGER quotes_statement_delete ON quotes_claim;
DROP TRIGGER quotes_statement_sync ON quotes_article;
DROP TRIGGER quotes_statement_sync ON quotes_person;
DROP TRIGGER quotes_statement_sync ON quotes_outlet;
DROP VIEW quotes_statement_source;
DROP FUNCTION quotes_rebuild_derived, quotes_outlet_trigger, quotes_person_trigger,
    quotes_article_trigger, quotes_statement_trigger, quotes_tally_trigger, quotes_tally_add,
    quotes_tally_keys, quotes_statement_document, quotes_tail_key, quotes_head_key, quotes_words;
"""


class Migration(migrations.Migration):
    dependencies = [("quotes", "0005_article_opening")]

    operations = [
        migrations.RunSQL("DROP VIEW quotes_statement"),
        migrations.DeleteModel(name="Statement"),
        migrations.RemoveIndex(model_name="claim", name="claim_date"),
        migrations.RemoveIndex(model_name="claim", name="claim_search"),
        migrations.RemoveIndex(model_name="claim", name="claim_text_trgm"),
        migrations.RemoveIndex(model_name="quote", name="quote_date"),
        migrations.RemoveIndex(model_name="quote", name="quote_search"),
        migrations.RemoveIndex(model_name="quote", name="quote_text_trgm"),
        migrations.RemoveField(model_name="claim", name="search_vector"),
        migrations.RemoveField(model_name="quote", name="search_vector"),
        migrations.CreateModel(
            name="Statement",
            fields=[
                ("uid", models.CharField(max_length=30, primary_key=True, serialize=False)),
                ("kind", models.CharField(max_length=5)),
                ("statement_id", models.BigIntegerField()),
                ("speaker_mention", models.CharField(max_length=300)),
                ("text", models.TextField()),
                ("start", models.PositiveIntegerField()),
                ("end", models.PositiveIntegerField()),
                ("cue", models.CharField(max_length=200)),
                ("partial", models.BooleanField()),
                ("confidence", models.FloatField()),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("automatic", "Automatic"),
                            ("verified", "Verified"),
                            ("corrected", "Corrected"),
                            ("rejected", "Rejected"),
                        ],
                        max_length=12,
                    ),
                ),
                ("reviewed_at", models.DateTimeField(null=True)),
                ("published_on", models.DateField(null=True)),
                ("created_at", models.DateTimeField()),
                ("search_vector", django.contrib.postgres.search.SearchVectorField()),
                ("head_key", models.BigIntegerField()),
                ("tail_key", models.BigIntegerField()),
                ("sample", models.SmallIntegerField()),
                (
                    "article",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="quotes.article",
                    ),
                ),
                (
                    "outlet",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        help_text="The article's outlet.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="quotes.outlet",
                    ),
                ),
                (
                    "speaker",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="quotes.person",
                    ),
                ),
                (
                    "via",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="quotes.outlet",
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "review queue",
                "db_table": "quotes_statement",
                "ordering": ["-published_on", "-created_at", "uid"],
            },
        ),
        migrations.CreateModel(
            name="StatementTally",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "dim", "key", "dim2", "key2",
                        blank=True, editable=False, primary_key=True, serialize=False,
                    ),
                ),
                ("dim", models.SmallIntegerField(choices=[(0, "All"), (1, "Speaker"), (2, "Outlet"), (3, "Via"), (4, "Kind"), (5, "Status"), (6, "Month")])),  # noqa: E501
                ("key", models.BigIntegerField()),
                ("dim2", models.SmallIntegerField(choices=[(0, "All"), (1, "Speaker"), (2, "Outlet"), (3, "Via"), (4, "Kind"), (5, "Status"), (6, "Month")])),  # noqa: E501
                ("key2", models.BigIntegerField()),
                ("n", models.BigIntegerField()),
            ],
            options={"db_table": "quotes_tally"},
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(models.OrderBy(models.F('published_on'), descending=True, nulls_last=True), models.OrderBy(models.F('created_at'), descending=True), models.OrderBy(models.F('uid')), name='statement_newest'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(models.F('speaker'), models.OrderBy(models.F('published_on'), descending=True, nulls_last=True), models.OrderBy(models.F('created_at'), descending=True), models.OrderBy(models.F('uid')), name='statement_speaker_newest'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(models.F('outlet'), models.OrderBy(models.F('published_on'), descending=True, nulls_last=True), models.OrderBy(models.F('created_at'), descending=True), models.OrderBy(models.F('uid')), name='statement_outlet_newest'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(models.F('via'), models.OrderBy(models.F('published_on'), descending=True, nulls_last=True), models.OrderBy(models.F('created_at'), descending=True), models.OrderBy(models.F('uid')), name='statement_via_newest'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['article', 'start'], name='statement_article'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['status', 'confidence'], name='statement_review_queue'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['speaker', 'head_key'], name='statement_speaker_head'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(fields=['speaker', 'tail_key'], name='statement_speaker_tail'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_vector'], name='statement_search'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=django.contrib.postgres.indexes.GinIndex(condition=models.Q(('sample', 0)), fields=['search_vector'], name='statement_sample_search'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(condition=models.Q(('sample', 0)), fields=['published_on'], name='statement_sample'),
        ),
        migrations.AddIndex(
            model_name='statementtally',
            index=models.Index(models.F('dim'), models.F('key'), models.F('dim2'), models.OrderBy(models.F('n'), descending=True), name='tally_top'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(models.OrderBy(models.F('created_at'), descending=True), models.F('uid'), name='statement_created'),
        ),
        migrations.AddIndex(
            model_name='statement',
            index=models.Index(models.F('speaker'), models.OrderBy(models.F('created_at'), descending=True), models.F('uid'), name='statement_speaker_created'),
        ),
        migrations.RunSQL(
            re.sub(r"UPSERT\((.*)\);", lambda m: UPSERT.format(where=m[1]) + ";", FUNCTIONS)
            .replace("COLUMN_LIST", _LIST) + SOURCE
            + TRIGGERS,
            DROP,
        ),
        migrations.RunSQL("SELECT quotes_rebuild_derived()", migrations.RunSQL.noop),
    ]
