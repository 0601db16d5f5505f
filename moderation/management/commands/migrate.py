"""Django's migrate, connected as the schema's owner when MIGRATE_DATABASE_URL is set.

The app's own role (DATABASE_URL) owns no table and may not create one, so migrations
log in as the owner role instead (config/db_roles.py). Here, in the top layer, because
it migrates every app; without MIGRATE_DATABASE_URL it is Django's command unchanged.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.commands import migrate
from django.db import DEFAULT_DB_ALIAS, connections

from config.db_roles import append_only_tables, connected_as, revoke_writes


class Command(migrate.Command):
    def handle(self, *args: Any, **options: Any) -> None:
        owner = getattr(settings, "MIGRATE_DATABASE", None)
        if owner is None or options["database"] != DEFAULT_DB_ALIAS:
            return super().handle(*args, **options)
        if options["verbosity"] >= 1:
            self.stdout.write(f"Migrating as {owner.get('USER') or 'the default user'}")
        app = settings.DATABASES[DEFAULT_DB_ALIAS].get("USER") or ""
        with connected_as(DEFAULT_DB_ALIAS, owner):
            super().handle(*args, **options)
            if app and app != owner.get("USER"):
                # The default privileges give a new table the app's row rights; an
                # append-only one loses UPDATE and DELETE before the app sees it.
                self._revoke_writes(app)

    def _revoke_writes(self, app: str) -> None:
        connection = connections[DEFAULT_DB_ALIAS]
        connection.ensure_connection()
        raw = connection.connection
        if raw.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [app]).fetchone():
            revoke_writes(raw, app, append_only_tables())
