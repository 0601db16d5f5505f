"""The handle-history trigger of migration 0012 on SQLite too (`make run`), so a handle
changed there (settings, the admin, a script) keeps its history as on PostgreSQL."""

from django.db import migrations

CREATE = """
CREATE TRIGGER IF NOT EXISTS accounts_user_handle_history AFTER UPDATE OF handle ON accounts_user
    FOR EACH ROW
    WHEN OLD.handle IS NOT NULL AND OLD.handle IS NOT NEW.handle
BEGIN
    INSERT INTO accounts_handlechange (user_id, old_handle, new_handle, changed_at)
    VALUES (NEW.id, OLD.handle, COALESCE(NEW.handle, ''), strftime('%Y-%m-%d %H:%M:%f', 'now'));
END;
"""

DROP = "DROP TRIGGER IF EXISTS accounts_user_handle_history;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0013_standing_sweep_retries")]
    operations = [migrations.RunPython(forwards, backwards)]
