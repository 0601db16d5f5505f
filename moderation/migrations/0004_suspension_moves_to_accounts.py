"""Suspension now lives in accounts (accounts/0004, same table): the action's foreign key
targets that model, and moderation forgets its own. State only: the table, its rows and
the action's constraint to it are unchanged."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0003_moderation_actions_point_at_suspensions"),
        ("accounts", "0004_suspension"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="moderationaction",
                    name="suspension",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="moderation_actions",
                        to="accounts.suspension",
                    ),
                ),
                migrations.DeleteModel(name="Suspension"),
            ],
        ),
    ]
