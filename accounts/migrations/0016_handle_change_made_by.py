"""Who made each handle change: HandleChange.changed_by ("member", "staff" or "unknown")
and actor. The database's trigger still writes a row for every change, whatever the path
(migrations 0012 and 0014), now as "unknown": it cannot know the user. The member's
settings and the admin's user form say who in the same transaction
(accounts.handles.changes_made_by), and only the member's own changes count towards their
limit. Changes recorded before this migration stay "unknown" (who made them was not
kept), so for up to 30 days a member's limit counts fewer changes than they made.

Both databases' triggers are written again to name the column. On SQLite the trigger is
dropped before the table is rebuilt for the new columns and made again after, so the
rebuild never meets a trigger that names a table it is replacing."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

POSTGRESQL = """
CREATE OR REPLACE FUNCTION accounts_record_handle_change() RETURNS trigger AS $$
BEGIN
    INSERT INTO accounts_handlechange (user_id, old_handle, new_handle, changed_at, changed_by)
    VALUES (NEW.id, OLD.handle, COALESCE(NEW.handle, ''), now(), 'unknown');
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""

POSTGRESQL_BEFORE = """
CREATE OR REPLACE FUNCTION accounts_record_handle_change() RETURNS trigger AS $$
BEGIN
    INSERT INTO accounts_handlechange (user_id, old_handle, new_handle, changed_at)
    VALUES (NEW.id, OLD.handle, COALESCE(NEW.handle, ''), now());
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""

SQLITE = """
CREATE TRIGGER IF NOT EXISTS accounts_user_handle_history AFTER UPDATE OF handle ON accounts_user
    FOR EACH ROW
    WHEN OLD.handle IS NOT NULL AND OLD.handle IS NOT NEW.handle
BEGIN
    INSERT INTO accounts_handlechange (user_id, old_handle, new_handle, changed_at, changed_by)
    VALUES (NEW.id, OLD.handle, COALESCE(NEW.handle, ''),
            strftime('%Y-%m-%d %H:%M:%f', 'now'), 'unknown');
END;
"""

SQLITE_DROP = "DROP TRIGGER IF EXISTS accounts_user_handle_history;"


def drop_sqlite_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP, params=None)


def make_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE, params=None)
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL, params=None)


def make_sqlite_trigger_as_before(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        from importlib import import_module

        before = import_module("accounts.migrations.0014_handle_history_on_sqlite")
        schema_editor.execute(before.CREATE, params=None)


def unmake_triggers(apps, schema_editor):
    # Backwards: SQLite's goes before its table is rebuilt (made again as it was after);
    # PostgreSQL's writes the columns it had.
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP, params=None)
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_BEFORE, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0015_standing_retries_bounded"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(drop_sqlite_trigger, make_sqlite_trigger_as_before),
        migrations.AddField(
            model_name="handlechange",
            name="changed_by",
            field=models.CharField(
                choices=[
                    ("member", "the member"),
                    ("staff", "staff"),
                    ("unknown", "not known (a script or SQL)"),
                ],
                db_default="unknown",
                max_length=8,
            ),
        ),
        migrations.AddField(
            model_name="handlechange",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(make_triggers, unmake_triggers),
    ]
