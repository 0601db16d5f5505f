"""The "suspend" action points at the suspension it imposed, instead of the suspension
pointing at the case: suspensions move to accounts (moderation/0004), which must not
point up at moderation.

Existing rows are linked by case and end time (the action and its suspension were written
together with the same `until`). The action log is append-only, so on PostgreSQL its
trigger is set aside for that one UPDATE, inside this migration's transaction; the new
column is all it writes.
"""

import django.db.models.deletion
from django.db import migrations, models

_LINK = """
UPDATE moderation_moderationaction SET suspension_id = (
    SELECT s.id FROM moderation_suspension s
    WHERE s.case_id = moderation_moderationaction.case_id
      AND s.until = moderation_moderationaction.suspended_until
    ORDER BY s.id LIMIT 1
)
WHERE action = 'suspend' AND suspended_until IS NOT NULL
"""
_UNLINK = """
UPDATE moderation_suspension SET case_id = (
    SELECT a.case_id FROM moderation_moderationaction a
    WHERE a.suspension_id = moderation_suspension.id
    ORDER BY a.id LIMIT 1
)
"""
_TRIGGER = "moderation_action_append_only"


def link_actions_to_suspensions(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE moderation_moderationaction DISABLE TRIGGER {_TRIGGER}"
        )
        schema_editor.execute(_LINK)
        schema_editor.execute(f"ALTER TABLE moderation_moderationaction ENABLE TRIGGER {_TRIGGER}")
    else:
        schema_editor.execute(_LINK)


def link_suspensions_to_cases(apps, schema_editor):  # type: ignore[no-untyped-def]
    schema_editor.execute(_UNLINK)


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0002_postgres_append_only_actions"),
    ]

    operations = [
        migrations.AddField(
            model_name="moderationaction",
            name="suspension",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="moderation_actions",
                to="moderation.suspension",
            ),
        ),
        migrations.RunPython(link_actions_to_suspensions, link_suspensions_to_cases),
        migrations.RemoveField(model_name="suspension", name="case"),
    ]
