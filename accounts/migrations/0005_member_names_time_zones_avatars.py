"""Credentials suffix, avatar and email-notice fields; names and zones for existing members.

Members made before sign-up asked for a display name are given "Member <id>" (nothing
taken from their email; issue 18, item 12), and a zone name Python does not know is
reset to UTC.
"""

from zoneinfo import available_timezones

from django.db import migrations, models
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat

import accounts.models


def name_and_zone_existing_members(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.filter(display_name="").update(
        display_name=Concat(Value("Member "), Cast("id", CharField()))
    )
    known = available_timezones() - {"localtime", "Factory", "posixrules"}
    User.objects.exclude(time_zone__in=known).update(time_zone="UTC")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_suspension"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="avatar",
            field=models.FileField(
                blank=True, max_length=100, storage=accounts.models.private_storage, upload_to=""
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="credentials_suffix",
            field=models.CharField(
                blank=True, help_text='Shown after the name, e.g. "LCSW".', max_length=40
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="email_notices",
            field=models.CharField(
                choices=[
                    ("each", "Email me each notice as it happens"),
                    ("none", "No email: I read notices on the site"),
                ],
                default="each",
                max_length=16,
            ),
        ),
        migrations.RunPython(name_and_zone_existing_members, migrations.RunPython.noop),
    ]
