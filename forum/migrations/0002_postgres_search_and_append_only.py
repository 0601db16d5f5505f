"""PostgreSQL only: the GIN index for search and a trigger that keeps revisions append-only."""

from django.db import migrations

GIN_INDEX = "CREATE INDEX IF NOT EXISTS post_search_vector_gin ON forum_post USING gin (search_vector);"
DROP_GIN_INDEX = "DROP INDEX IF EXISTS post_search_vector_gin;"

APPEND_ONLY = """
CREATE OR REPLACE FUNCTION forum_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'rows of % are append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS forum_revision_append_only ON forum_revision;
CREATE TRIGGER forum_revision_append_only BEFORE UPDATE OR DELETE ON forum_revision
    FOR EACH ROW EXECUTE FUNCTION forum_refuse_change();
"""
DROP_APPEND_ONLY = "DROP TRIGGER IF EXISTS forum_revision_append_only ON forum_revision;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(GIN_INDEX)
    schema_editor.execute(APPEND_ONLY, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(DROP_GIN_INDEX)
    schema_editor.execute(DROP_APPEND_ONLY)


class Migration(migrations.Migration):
    dependencies = [("forum", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
