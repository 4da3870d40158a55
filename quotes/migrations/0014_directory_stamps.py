"""Stamps the database sets whenever people, aliases or outlets change, so
that an importer learns whether its cached people directory is still current
from sixteen small rows, not by hashing every name (16 ms an article among
20,000 people, and growing with them).

Each change writes a new number from a sequence into a slot, in its
transaction: the new value is seen exactly when the change is, so a reader
that reads the stamps, then the rows, never keeps a copy older than the
stamps say. A sequence, not a counter: after a rolled-back change (or
savepoint), the next change would bring a counter back to a value a reader
may have seen; a sequence never gives a number twice. Sixteen slots, one
per backend (``pg_backend_pid() % 16``), so that two workers creating people
at the same time do not wait on one row until each other's commit.
"""

from django.db import migrations

SLOTS = 16

FORWARD = f"""
CREATE SEQUENCE quotes_directorystamp_change;
CREATE TABLE quotes_directorystamp (
    slot smallint PRIMARY KEY,
    people bigint NOT NULL DEFAULT 0,
    outlets bigint NOT NULL DEFAULT 0
);
INSERT INTO quotes_directorystamp (slot) SELECT generate_series(0, {SLOTS - 1});

CREATE FUNCTION quotes_directory_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    this_slot smallint := pg_backend_pid() % {SLOTS};
BEGIN
    -- An upsert, so that a truncated stamp table still counts.
    INSERT INTO quotes_directorystamp (slot) VALUES (this_slot) ON CONFLICT (slot) DO NOTHING;
    IF TG_ARGV[0] = 'people' THEN
        UPDATE quotes_directorystamp SET people = nextval('quotes_directorystamp_change')
        WHERE slot = this_slot;
    ELSE
        UPDATE quotes_directorystamp SET outlets = nextval('quotes_directorystamp_change')
        WHERE slot = this_slot;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER quotes_person_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON quotes_person FOR EACH STATEMENT EXECUTE FUNCTION quotes_directory_changed('people');
CREATE TRIGGER quotes_personalias_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON quotes_personalias FOR EACH STATEMENT EXECUTE FUNCTION quotes_directory_changed('people');
CREATE TRIGGER quotes_outlet_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON quotes_outlet FOR EACH STATEMENT EXECUTE FUNCTION quotes_directory_changed('outlets');
"""

BACKWARD = """
DROP TRIGGER quotes_outlet_stamp ON quotes_outlet;
DROP TRIGGER quotes_personalias_stamp ON quotes_personalias;
DROP TRIGGER quotes_person_stamp ON quotes_person;
DROP FUNCTION quotes_directory_changed();
DROP TABLE quotes_directorystamp;
DROP SEQUENCE quotes_directorystamp_change;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("quotes", "0013_editors_source_permissions"),
    ]

    operations = [
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
