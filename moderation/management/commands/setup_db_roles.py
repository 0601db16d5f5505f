"""Create the owner and app database roles and their rights (config/db_roles.py).

Run by an administrator, with a superuser's connection in ADMIN_DATABASE_URL (or
--admin-url): the app's role and password come from DATABASE_URL, the owner's from
MIGRATE_DATABASE_URL. Idempotent. --migrate also runs the migrations as the owner in
between, so one command prepares a fresh database or brings an old one up to date.
"""

from __future__ import annotations

import os
from typing import Any

import psycopg
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS

from config.db_roles import Role, RoleSetupError, append_only_tables, conninfo, setup_roles


class Command(BaseCommand):
    help = "Create the owner (migrations) and app database roles, with the app's grants."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--admin-url",
            default=os.environ.get("ADMIN_DATABASE_URL", ""),
            help="A superuser on the same server (default: $ADMIN_DATABASE_URL). Its "
            "database is only used to create the app's when it is missing.",
        )
        parser.add_argument(
            "--migrate", action="store_true", help="Also run the migrations, as the owner."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        app_db = settings.DATABASES[DEFAULT_DB_ALIAS]
        owner_db = getattr(settings, "MIGRATE_DATABASE", None)
        if app_db["ENGINE"] != "django.db.backends.postgresql":
            raise CommandError("Database roles are for PostgreSQL; DATABASE_URL is not one.")
        if owner_db is None:
            raise CommandError(
                "Set MIGRATE_DATABASE_URL to the owner role's URL (the role migrations run as)."
            )
        if not options["admin_url"]:
            raise CommandError("Set ADMIN_DATABASE_URL (or --admin-url) to a superuser's URL.")
        if (owner_db["NAME"], owner_db.get("HOST"), str(owner_db.get("PORT") or "")) != (
            app_db["NAME"],
            app_db.get("HOST"),
            str(app_db.get("PORT") or ""),
        ):
            raise CommandError("DATABASE_URL and MIGRATE_DATABASE_URL must name one database.")
        try:
            import environ

            admin = conninfo(environ.Env.db_url_config(options["admin_url"]))
            owner = Role(owner_db.get("USER") or "", owner_db.get("PASSWORD") or "")
            app = Role(app_db.get("USER") or "", app_db.get("PASSWORD") or "")
            step = {"database": app_db["NAME"], "owner": owner, "app": app, "log": self._say}
            setup_roles(admin, append_only=append_only_tables(), **step)
            if options["migrate"]:
                call_command("migrate", interactive=False, verbosity=options["verbosity"])
                # The tables the migrations added get their grants and revocations.
                setup_roles(admin, append_only=append_only_tables(), **step)
        except RoleSetupError as exc:
            raise CommandError(str(exc)) from exc
        except psycopg.Error as exc:
            raise CommandError(f"PostgreSQL refused: {exc}".strip()) from exc
        self.stdout.write(self.style.SUCCESS("Database roles are set up."))

    def _say(self, message: str) -> None:
        self.stdout.write(f"  {message}")
