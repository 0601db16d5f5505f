"""Suspensions get a kind (suspension or silence), an end that may be open (null: until a
moderator lifts it; `until` renamed `ends_at`, existing rows keep their end), and lifts
are recorded in an append-only table (PostgreSQL refuses changes with a trigger)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from config.append_only import append_only_operation


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_user_digest"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(model_name="suspension", name="moderation__user_id_43b638_idx"),
        migrations.RenameField(model_name="suspension", old_name="until", new_name="ends_at"),
        migrations.AlterField(
            model_name="suspension",
            name="ends_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddIndex(
            model_name="suspension",
            index=models.Index(fields=["user", "-ends_at"], name="moderation__user_id_43b638_idx"),
        ),
        migrations.AddField(
            model_name="suspension",
            name="kind",
            field=models.CharField(
                choices=[("suspend", "Suspension"), ("silence", "Silence (read-only)")],
                default="suspend",
                max_length=8,
            ),
        ),
        migrations.CreateModel(
            name="SuspensionLift",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("reason", models.TextField()),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("lifted_by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                ("suspension", models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name="lift", to="accounts.suspension")),
            ],
            options={
                "constraints": [models.CheckConstraint(condition=models.Q(("reason", ""), _negated=True), name="suspension_lift_reason")],
            },
        ),
        append_only_operation(table="accounts_suspensionlift", trigger="suspension_lift_append_only"),
    ]
