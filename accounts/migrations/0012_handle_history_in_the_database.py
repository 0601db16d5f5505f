"""Every change of a member's @handle is recorded (accounts.HandleChange), whichever path
makes it: settings (accounts.handles.handle_change), the Django admin's user form, a
script's save() or queryset update(), raw SQL. A PostgreSQL trigger on accounts_user
writes the row in the same statement, so no path can skip it: the old handle stays held
for its member and mentions of it still reach them (accounts/handles.py).

A handle given for the first time (from none) is not a change; one cleared by staff is
recorded with an empty new handle (the old one is held all the same)."""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION accounts_record_handle_change() RETURNS trigger AS $$
BEGIN
    INSERT INTO accounts_handlechange (user_id, old_handle, new_handle, changed_at)
    VALUES (NEW.id, OLD.handle, COALESCE(NEW.handle, ''), now());
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS accounts_user_handle_history ON accounts_user;
CREATE TRIGGER accounts_user_handle_history AFTER UPDATE OF handle ON accounts_user
    FOR EACH ROW
    WHEN (OLD.handle IS NOT NULL AND OLD.handle IS DISTINCT FROM NEW.handle)
    EXECUTE FUNCTION accounts_record_handle_change();
"""

DROP = """
DROP TRIGGER IF EXISTS accounts_user_handle_history ON accounts_user;
DROP FUNCTION IF EXISTS accounts_record_handle_change();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0011_handle_is_not_a_slug")]
    operations = [migrations.RunPython(forwards, backwards)]
