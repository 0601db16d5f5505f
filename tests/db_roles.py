"""The owner and app database roles in the test database, for tests and the harness.

pytest-django creates and migrates the test database as the superuser of DATABASE_URL;
`app_role_settings` sets the two roles up there (idempotent, config/db_roles.py): the
schema's objects pass to the owner role, and the app role gets only its grants. The
processes the fault and load tests start (gunicorn, workers, beat) connect as the app
role, as they do in production. Needs committed rows: use it from
django_db(transaction=True) tests.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.db import connection

from config.db_roles import Role, append_only_tables, conninfo, setup_roles

OWNER = Role("commons_test_owner", "commons-test-owner-only")
APP = Role("commons_test_app", "commons-test-app-only")


def app_role_settings() -> dict[str, Any]:
    """Set the roles up in the test database; the app role's DATABASES entry."""
    admin = dict(connection.settings_dict)
    setup_roles(
        conninfo(admin),
        database=admin["NAME"],
        owner=OWNER,
        app=APP,
        append_only=append_only_tables(),
    )
    return {**admin, "USER": APP.name, "PASSWORD": APP.password}


def app_role_url(application_name: str = "") -> str:
    """DATABASE_URL for a process that runs as the app role."""
    s = app_role_settings()
    host = f"{s.get('HOST') or '127.0.0.1'}:{s.get('PORT') or 5432}"
    query = f"?application_name={application_name}" if application_name else ""
    return f"postgres://{quote(APP.name)}:{quote(APP.password)}@{host}/{s['NAME']}{query}"


def app_role_conninfo() -> str:
    return conninfo(app_role_settings())
