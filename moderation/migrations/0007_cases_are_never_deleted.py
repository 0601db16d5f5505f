"""PostgreSQL only: a case row is never deleted, so its reasons and its decision cannot
go with it (deleting the row would undo what 0006 keeps). A trigger refuses DELETE;
TRUNCATE is not the app role's to run (config/db_roles.py). The site never deletes a
case: its post is held by the post's append-only revisions (PROTECT)."""

from django.db import migrations

REFUSE_DELETE = """
CREATE OR REPLACE FUNCTION moderation_case_refuse_delete() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'case % cannot be deleted: cases are the record of moderation', OLD.id
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS moderation_case_refuse_delete ON moderation_case;
CREATE TRIGGER moderation_case_refuse_delete BEFORE DELETE ON moderation_case
    FOR EACH ROW EXECUTE FUNCTION moderation_case_refuse_delete();
"""
DROP = """
DROP TRIGGER IF EXISTS moderation_case_refuse_delete ON moderation_case;
DROP FUNCTION IF EXISTS moderation_case_refuse_delete();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REFUSE_DELETE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("moderation", "0006_case_decisions_append_only")]
    operations = [migrations.RunPython(forwards, backwards)]
