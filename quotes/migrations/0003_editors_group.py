from django.db import migrations

from quotes.permissions import EDITORS_GROUP, ensure_editors_group


def create_group(apps, schema_editor):
    ensure_editors_group(apps, using=schema_editor.connection.alias)


def delete_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name=EDITORS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("quotes", "0002_statement_view"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
