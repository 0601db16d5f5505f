"""Suspension moves here from moderation (a member's standing is an account fact), keeping
its table (moderation_suspension) and rows: state only."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_postgres_append_only_license_history"),
        # The table in the shape this state describes: without its case column.
        ("moderation", "0003_moderation_actions_point_at_suspensions"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Suspension",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("until", models.DateTimeField()),
                        ("reason", models.TextField()),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("lifted_at", models.DateTimeField(blank=True, null=True)),
                        ("created_by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="suspensions", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "db_table": "moderation_suspension",
                        "indexes": [models.Index(fields=["user", "-until"], name="moderation__user_id_43b638_idx")],
                    },
                ),
            ],
        ),
    ]
