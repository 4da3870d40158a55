"""The Editors group may view and change sources and view and delete failed
links (issue 13). An existing group keeps every other permission it has."""

from django.db import migrations

from quotes.permissions import grant_editors

MODELS = ["source", "failedlink"]


def grant(apps, schema_editor):
    grant_editors(apps, schema_editor.connection.alias, MODELS)


def revoke(apps, schema_editor):
    grant_editors(apps, schema_editor.connection.alias, MODELS, revoke=True)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("quotes", "0012_statement_stance"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
