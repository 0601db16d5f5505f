"""PostgreSQL only: a trigger that keeps the license status history append-only."""

from django.db import migrations

APPEND_ONLY = """
CREATE OR REPLACE FUNCTION accounts_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'rows of % are append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS accounts_license_history_append_only ON accounts_licensestatuschange;
CREATE TRIGGER accounts_license_history_append_only
    BEFORE UPDATE OR DELETE ON accounts_licensestatuschange
    FOR EACH ROW EXECUTE FUNCTION accounts_refuse_change();
"""
DROP_APPEND_ONLY = (
    "DROP TRIGGER IF EXISTS accounts_license_history_append_only ON accounts_licensestatuschange;"
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
    dependencies = [("accounts", "0002_licenses")]
    operations = [migrations.RunPython(forwards, backwards)]
