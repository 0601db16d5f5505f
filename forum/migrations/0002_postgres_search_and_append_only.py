"""PostgreSQL only: the GIN index for search and a trigger that keeps revisions append-only."""

from django.db import migrations

from config.append_only import append_only_operation

GIN_INDEX = "CREATE INDEX IF NOT EXISTS post_search_vector_gin ON forum_post USING gin (search_vector);"
DROP_GIN_INDEX = "DROP INDEX IF EXISTS post_search_vector_gin;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(GIN_INDEX)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(DROP_GIN_INDEX)


class Migration(migrations.Migration):
    dependencies = [("forum", "0001_initial")]
    operations = [
        migrations.RunPython(forwards, backwards),
        append_only_operation(table="forum_revision", trigger="forum_revision_append_only"),
    ]
