"""PostgreSQL triggers that make a table append-only (revisions, license history, actions).

The ORM already refuses updates and deletes on these models; the trigger holds the
same rule against raw SQL. Migrations build their operation with `append_only_operation`.
"""

from __future__ import annotations

from django.db import migrations

# One shared function; CREATE OR REPLACE keeps each migration independent of the others.
_REFUSE_FUNCTION = """
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'rows of % are append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
"""


def append_only_operation(
    *, table: str, trigger: str, function: str = "forum_refuse_change"
) -> migrations.RunPython:
    create = _REFUSE_FUNCTION.format(function=function) + (
        f"DROP TRIGGER IF EXISTS {trigger} ON {table};\n"
        f"CREATE TRIGGER {trigger} BEFORE UPDATE OR DELETE ON {table}\n"
        f"    FOR EACH ROW EXECUTE FUNCTION {function}();\n"
    )
    drop = f"DROP TRIGGER IF EXISTS {trigger} ON {table};"

    def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(create, params=None)

    def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(drop)

    return migrations.RunPython(forwards, backwards)
