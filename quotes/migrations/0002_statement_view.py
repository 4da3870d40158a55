from django.db import migrations

COLUMNS = """
    id AS statement_id, article_id, speaker_id, speaker_mention, text, start, "end",
    cue, partial, via_id, confidence, status, reviewed_at, published_on,
    search_vector, created_at
"""

CREATE = f"""
CREATE VIEW quotes_statement AS
    SELECT 'quote-' || id AS uid, 'quote' AS kind, {COLUMNS} FROM quotes_quote
    UNION ALL
    SELECT 'claim-' || id AS uid, 'claim' AS kind, {COLUMNS} FROM quotes_claim
"""


class Migration(migrations.Migration):
    dependencies = [("quotes", "0001_initial")]

    operations = [
        migrations.RunSQL(CREATE, "DROP VIEW quotes_statement"),
    ]
