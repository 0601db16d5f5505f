"""Two database roles: an owner that runs migrations, and the app's, which owns nothing.

The web process, the workers and beat connect as the app role (DATABASE_URL): it may
read and write rows, and nothing else. It owns no table, so it cannot disable or drop
the append-only triggers (ALTER TABLE needs ownership); TRUNCATE, which fires no row
trigger, is not granted; and on the append-only tables UPDATE and DELETE are revoked
as well, behind the trigger that refuses them anyway. Migrations run as the owner
(MIGRATE_DATABASE_URL), which owns the schema's tables, sequences and functions.

`setup_roles` needs a superuser (ADMIN_DATABASE_URL): it creates or updates both roles,
the database if it is missing, hands every object of the schema to the owner (a database
that was migrated as a superuser is adopted), and grants the app role what it needs. It
is idempotent: run it before migrating (roles, default privileges) and after (the grants
and revocations on the tables migrations added). `manage.py setup_db_roles --migrate`
does all three steps.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

# The app's rights on every table, and on every sequence (ids).
APP_TABLE_PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE")
APP_SEQUENCE_PRIVILEGES = ("USAGE", "SELECT")
# Tables the app reads but never writes.
READ_ONLY_TABLES = ("django_migrations",)
SCHEMA = "public"
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class RoleSetupError(Exception):
    """The roles cannot be set up as asked (a clear message for the operator)."""


@dataclass(frozen=True)
class Role:
    name: str
    password: str = ""

    def __post_init__(self) -> None:
        if not _NAME.match(self.name or ""):
            raise RoleSetupError(
                f"Role name {self.name!r}: use lower-case letters, digits and underscores."
            )


def append_only_tables() -> list[str]:
    """The tables of every AppendOnlyModel (their rows are never changed or deleted)."""
    from django.apps import apps

    from config.append_only import AppendOnlyModel

    return sorted(
        model._meta.db_table
        for model in apps.get_models()
        if issubclass(model, AppendOnlyModel) and not model._meta.proxy
    )


def conninfo(settings_dict: dict[str, Any], **override: str) -> str:
    """A libpq connection string from a Django DATABASES entry."""
    params = {
        "dbname": settings_dict.get("NAME") or "",
        "user": settings_dict.get("USER") or "",
        "password": settings_dict.get("PASSWORD") or "",
        "host": settings_dict.get("HOST") or "",
        "port": str(settings_dict.get("PORT") or ""),
    }
    params.update(override)
    return psycopg.conninfo.make_conninfo(**{k: v for k, v in params.items() if v})


def setup_roles(
    admin: str,
    *,
    database: str,
    owner: Role,
    app: Role,
    append_only: list[str],
    log: Any = None,
) -> None:
    """Create or update the owner and app roles and their rights on `database`.

    `admin` is a libpq connection string of a superuser; its database is used to create
    `database` when it is missing (the roles are the cluster's, not the database's)."""
    say = log or (lambda _message: None)
    if owner.name == app.name:
        raise RoleSetupError("The owner role and the app role must be two different roles.")
    with psycopg.connect(admin, autocommit=True) as conn:
        _require_superuser(conn)
        for role in (owner, app):
            _refuse_a_superuser(conn, role)
        _retrying(lambda: _ensure_roles(conn, owner, app))
        say(f"roles: {owner.name} (owner, runs migrations), {app.name} (the app)")
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
        if exists.fetchone() is None:
            conn.execute(
                sql.SQL("CREATE DATABASE {} OWNER {}").format(
                    sql.Identifier(database), sql.Identifier(owner.name)
                )
            )
            say(f"database {database} created")
    target = psycopg.conninfo.make_conninfo(admin, dbname=database)
    with psycopg.connect(target, autocommit=True) as conn, conn.transaction():
        _grant_database(conn, database, owner, app)
        adopted = _adopt_objects(conn, owner)
        _grant_tables(conn, owner, app, append_only)
    say(
        f"database {database}: {adopted} object(s) handed to {owner.name}; "
        f"{app.name} may read and write rows, no TRUNCATE, "
        f"no UPDATE or DELETE on {len(append_only)} append-only table(s)"
    )


def _require_superuser(conn: psycopg.Connection[Any]) -> None:
    row = conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()
    if not row or not row[0]:
        raise RoleSetupError(
            "Setting up the roles needs a superuser connection (ADMIN_DATABASE_URL)."
        )


def _refuse_a_superuser(conn: psycopg.Connection[Any], role: Role) -> None:
    row = conn.execute(
        "SELECT rolsuper OR rolname = current_user FROM pg_roles WHERE rolname = %s", [role.name]
    ).fetchone()
    if row and row[0]:
        raise RoleSetupError(
            f"Role {role.name} is a superuser (or the admin connection's own role): "
            "give the app and migrations roles of their own, not the administrator's."
        )


def _retrying(step: Any, attempts: int = 5) -> None:
    # Roles belong to the whole cluster: two setups at once (concurrent test runs) can
    # race on the same role's row ("tuple concurrently updated", a duplicate name).
    for attempt in range(attempts):
        try:
            step()
            return
        except (psycopg.errors.UniqueViolation, psycopg.errors.DuplicateObject,
                psycopg.errors.InternalError_):  # fmt: skip
            if attempt == attempts - 1:
                raise
            time.sleep(0.2 * (attempt + 1))


def _ensure_roles(conn: psycopg.Connection[Any], owner: Role, app: Role) -> None:
    common = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
    with conn.transaction():
        for role, extra in ((owner, ""), (app, " NOINHERIT")):
            name = sql.Identifier(role.name)
            found = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role.name])
            verb = "ALTER" if found.fetchone() else "CREATE"
            statement = sql.SQL(f"{verb} ROLE {{}} {common}{extra}").format(name)  # noqa: S608
            if role.password:
                statement += sql.SQL(" PASSWORD {}").format(sql.Literal(role.password))
            conn.execute(statement)
        # The app role must not act as the owner through membership.
        member = conn.execute(
            "SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
            "JOIN pg_roles u ON u.oid = m.member WHERE r.rolname = %s AND u.rolname = %s",
            [owner.name, app.name],
        ).fetchone()
        if member:
            conn.execute(
                sql.SQL("REVOKE {} FROM {}").format(
                    sql.Identifier(owner.name), sql.Identifier(app.name)
                )
            )


def _grant_database(conn: psycopg.Connection[Any], database: str, owner: Role, app: Role) -> None:
    ident = sql.Identifier
    conn.execute(
        sql.SQL("GRANT CONNECT, TEMPORARY ON DATABASE {} TO {}, {}").format(
            ident(database), ident(owner.name), ident(app.name)
        )
    )
    # Only the owner creates objects in the schema (PostgreSQL before 15 lets everyone).
    conn.execute(sql.SQL("REVOKE CREATE ON SCHEMA {} FROM PUBLIC").format(ident(SCHEMA)))
    conn.execute(
        sql.SQL("GRANT USAGE, CREATE ON SCHEMA {} TO {}").format(ident(SCHEMA), ident(owner.name))
    )
    conn.execute(
        sql.SQL("REVOKE CREATE ON SCHEMA {} FROM {}").format(ident(SCHEMA), ident(app.name))
    )
    conn.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(ident(SCHEMA), ident(app.name)))


def _adopt_objects(conn: psycopg.Connection[Any], owner: Role) -> int:
    """Hand the schema's tables, views, sequences and functions to the owner (objects of
    extensions stay where they are). Tables first: their own sequences move with them."""
    kinds = {
        "r": "TABLE",
        "p": "TABLE",
        "v": "VIEW",
        "m": "MATERIALIZED VIEW",
        "f": "FOREIGN TABLE",
    }
    adopted = 0
    relations = """
        SELECT c.relname, c.relkind FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = %s AND c.relkind = ANY(%s)
          AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = %s)
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                          AND d.objid = c.oid AND d.deptype = 'e')
        ORDER BY c.relname
    """
    for name, kind in conn.execute(relations, [SCHEMA, list(kinds), owner.name]).fetchall():
        conn.execute(
            sql.SQL(f"ALTER {kinds[kind]} {{}}.{{}} OWNER TO {{}}").format(  # noqa: S608
                sql.Identifier(SCHEMA), sql.Identifier(name), sql.Identifier(owner.name)
            )
        )
        adopted += 1
    for (name,) in conn.execute(relations, [SCHEMA, ["S"], owner.name]).fetchall():
        conn.execute(
            sql.SQL("ALTER SEQUENCE {}.{} OWNER TO {}").format(
                sql.Identifier(SCHEMA), sql.Identifier(name), sql.Identifier(owner.name)
            )
        )
        adopted += 1
    functions = conn.execute(
        """
        SELECT p.proname, pg_get_function_identity_arguments(p.oid) FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = %s AND p.prokind IN ('f', 'p')
          AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = %s)
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                          AND d.objid = p.oid AND d.deptype = 'e')
        """,
        [SCHEMA, owner.name],
    ).fetchall()
    for name, arguments in functions:
        conn.execute(
            sql.SQL("ALTER ROUTINE {}.{}({}) OWNER TO {}").format(
                sql.Identifier(SCHEMA),
                sql.Identifier(name),
                sql.SQL(arguments),
                sql.Identifier(owner.name),
            )
        )
        adopted += 1
    return adopted


def _grant_tables(
    conn: psycopg.Connection[Any], owner: Role, app: Role, append_only: list[str]
) -> None:
    ident = sql.Identifier
    schema, app_name, owner_name = ident(SCHEMA), ident(app.name), ident(owner.name)
    table_rights = sql.SQL(", ".join(APP_TABLE_PRIVILEGES))
    sequence_rights = sql.SQL(", ".join(APP_SEQUENCE_PRIVILEGES))
    # Tables the owner creates from now on (the next migrations) get the same grants.
    conn.execute(
        sql.SQL(
            "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA {} GRANT {} ON TABLES TO {}"
        ).format(owner_name, schema, table_rights, app_name)
    )
    conn.execute(
        sql.SQL(
            "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA {} GRANT {} ON SEQUENCES TO {}"
        ).format(owner_name, schema, sequence_rights, app_name)
    )
    conn.execute(
        sql.SQL("GRANT {} ON ALL TABLES IN SCHEMA {} TO {}").format(table_rights, schema, app_name)
    )
    conn.execute(
        sql.SQL("GRANT {} ON ALL SEQUENCES IN SCHEMA {} TO {}").format(
            sequence_rights, schema, app_name
        )
    )
    # TRUNCATE empties a table without firing a row trigger: nobody but the owner has it.
    for grantee in (app_name, sql.SQL("PUBLIC")):
        conn.execute(
            sql.SQL(
                "REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA {} FROM {}"
            ).format(schema, grantee)
        )
    revoke_writes(conn, app.name, append_only)


def revoke_writes(conn: psycopg.Connection[Any], app: str, append_only: list[str]) -> None:
    """No UPDATE or DELETE for the app role on the append-only tables, and nothing but
    SELECT on django_migrations. The tables' owner may run it (migrate does, right after
    migrating, so a new append-only table is never writable in between)."""
    schema, app_name = sql.Identifier(SCHEMA), sql.Identifier(app)
    existing = {
        name
        for (name,) in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s", [SCHEMA]
        ).fetchall()
    }
    for table in sorted(set(append_only) & existing):
        conn.execute(
            sql.SQL("REVOKE UPDATE, DELETE ON {}.{} FROM {}").format(
                schema, sql.Identifier(table), app_name
            )
        )
    for table in sorted(set(READ_ONLY_TABLES) & existing):
        conn.execute(
            sql.SQL("REVOKE INSERT, UPDATE, DELETE ON {}.{} FROM {}").format(
                schema, sql.Identifier(table), app_name
            )
        )


@contextmanager
def connected_as(alias: str, settings_dict: dict[str, Any]) -> Iterator[None]:
    """Within the block, Django's `alias` connection logs in with these settings (the
    owner's, for migrations); the app's own settings are back afterwards."""
    from django.db import connections

    connection = connections[alias]
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(
        {key: settings_dict[key] for key in ("NAME", "USER", "PASSWORD", "HOST", "PORT")}
    )
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)
