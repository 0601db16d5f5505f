"""PostgreSQL only: a trigger that keeps the license status history append-only."""

from django.db import migrations

from config.append_only import append_only_operation


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_licenses")]
    operations = [
        append_only_operation(
            table="accounts_licensestatuschange",
            trigger="accounts_license_history_append_only",
            function="accounts_refuse_change",
        )
    ]
