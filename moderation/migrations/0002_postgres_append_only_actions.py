"""PostgreSQL only: a trigger that keeps the moderation action log append-only.

Reuses forum_refuse_change() from forum 0002 (created there with CREATE OR REPLACE;
it is re-declared here so this migration does not depend on that one's body).
"""

from django.db import migrations

APPEND_ONLY = """
CREATE OR REPLACE FUNCTION forum_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'rows of % are append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS moderation_action_append_only ON moderation_moderationaction;
CREATE TRIGGER moderation_action_append_only BEFORE UPDATE OR DELETE ON moderation_moderationaction
    FOR EACH ROW EXECUTE FUNCTION forum_refuse_change();
"""
DROP_APPEND_ONLY = (
    "DROP TRIGGER IF EXISTS moderation_action_append_only ON moderation_moderationaction;"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(APPEND_ONLY, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(DROP_APPEND_ONLY)


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("forum", "0002_postgres_search_and_append_only"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
