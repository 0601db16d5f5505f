"""Notification, moved here from the forum with its table (forum_notification) and rows:
state only; forum/0005 dropped the foreign key to forum_post first."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        # The table exists, in the shape this state describes, once forum/0005 has run.
        ("forum", "0005_notification_moves_to_notifications"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Notification",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("kind", models.CharField(choices=[("reply", "Reply"), ("mention", "Mention"), ("moderation", "Moderation outcome"), ("license", "License status"), ("membership", "Membership"), ("helpful", "Marked helpful")], max_length=16)),
                        ("post_id", models.BigIntegerField(blank=True, db_index=True, null=True)),
                        ("message", models.CharField(max_length=300)),
                        ("url", models.CharField(blank=True, max_length=300)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("read_at", models.DateTimeField(blank=True, null=True)),
                        ("emailed_at", models.DateTimeField(blank=True, null=True)),
                        ("actor", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("recipient", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="notifications", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "db_table": "forum_notification",
                        "ordering": ["-created_at", "-id"],
                        "indexes": [models.Index(fields=["recipient", "read_at", "-created_at"], name="forum_notif_recipie_6ab819_idx")],
                        "constraints": [models.UniqueConstraint(condition=models.Q(("post_id__isnull", False), models.Q(("kind", "moderation"), _negated=True), models.Q(("kind", "license"), _negated=True)), fields=("recipient", "kind", "post_id"), name="one_notice_per_post_event")],
                    },
                ),
            ],
        ),
    ]
