"""Notification moves to the notifications app (issue 19's layering), keeping its table.

The database keeps forum_notification and every row. Only the foreign key from
notification.post_id to forum_post is dropped: notifications sit below the forum and keep
the post's id as a plain column (its index and the one-notice-per-post-event constraint
stay). notifications/0001 then takes the model over in Django's state.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0004_group_topics_version"),
    ]

    operations = [
        migrations.AlterField(
            model_name="notification",
            name="post",
            field=models.BigIntegerField(blank=True, null=True, db_index=True, db_column="post_id"),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Notification")],
            database_operations=[],
        ),
    ]
