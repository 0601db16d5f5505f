"""Restrictions that end by their time and licenses whose date passes are announced by a
periodic sweep (accounts.standing.announce_lapses): the row where it got to, and the
indexes that keep each run to what lapsed since the last."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0008_suspension_kinds_lengths_and_lifts"),
    ]

    operations = [
        migrations.CreateModel(
            name="StandingSweep",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("restrictions_until", models.DateTimeField()),
                ("licenses_before", models.DateField()),
            ],
            options={
                "constraints": [models.CheckConstraint(condition=models.Q(("id", 1)), name="one_standing_sweep")],
            },
        ),
        migrations.AddIndex(
            model_name="license",
            index=models.Index(fields=["state", "expires_on"], name="license_lapses"),
        ),
        migrations.AddIndex(
            model_name="suspension",
            index=models.Index(
                condition=models.Q(("lifted_at__isnull", True)), fields=["ends_at"], name="suspension_ends"
            ),
        ),
    ]
