"""The members a standing_changed receiver failed for are rows (StandingRetry) with their
attempts, the next one and when the sweep gave up, instead of StandingSweep.retry_user_ids,
which were told again every minute forever (accounts.standing). The members on that list
move to rows, due at once, as their first failed attempt."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def keep_the_listed_members(apps, schema_editor):
    StandingSweep = apps.get_model("accounts", "StandingSweep")
    StandingRetry = apps.get_model("accounts", "StandingRetry")
    User = apps.get_model("accounts", "User")
    listed = set()
    for sweep in StandingSweep.objects.all():
        listed |= {int(pk) for pk in sweep.retry_user_ids or []}
    now = timezone.now()
    StandingRetry.objects.bulk_create(
        [
            StandingRetry(
                user_id=pk,
                attempts=1,
                first_failed_at=now,
                last_failed_at=now,
                next_attempt_at=now,
                last_error="kept on the sweep's list before attempts were counted",
            )
            for pk in sorted(listed)
            if User.objects.filter(pk=pk).exists()
        ]
    )


def list_the_kept_members(apps, schema_editor):
    StandingSweep = apps.get_model("accounts", "StandingSweep")
    StandingRetry = apps.get_model("accounts", "StandingRetry")
    StandingSweep.objects.filter(pk=1).update(
        retry_user_ids=sorted(StandingRetry.objects.values_list("user_id", flat=True))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0014_handle_history_on_sqlite"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="StandingRetry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("attempts", models.PositiveSmallIntegerField(default=0)),
                ("first_failed_at", models.DateTimeField()),
                ("last_failed_at", models.DateTimeField()),
                ("next_attempt_at", models.DateTimeField(blank=True, null=True)),
                ("gave_up_at", models.DateTimeField(blank=True, null=True)),
                ("last_error", models.TextField(blank=True)),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="standing_retry",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "standing change not yet announced",
                "verbose_name_plural": "standing changes not yet announced",
                "indexes": [
                    models.Index(fields=["next_attempt_at"], name="standing_retry_next")
                ],
            },
        ),
        migrations.RunPython(keep_the_listed_members, list_the_kept_members),
        migrations.RemoveField(model_name="standingsweep", name="retry_user_ids"),
    ]
