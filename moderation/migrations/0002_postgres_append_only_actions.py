"""PostgreSQL only: a trigger that keeps the moderation action log append-only."""

from django.db import migrations

from config.append_only import append_only_operation


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("forum", "0002_postgres_search_and_append_only"),
    ]
    operations = [
        append_only_operation(
            table="moderation_moderationaction", trigger="moderation_action_append_only"
        )
    ]
