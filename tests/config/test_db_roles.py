"""The app runs as a database role that owns nothing (issue 18 item 9).

Connected as the app role, nothing empties or unguards the append-only tables: no
TRUNCATE, no ALTER TABLE ... DISABLE TRIGGER, no DROP TRIGGER, no UPDATE or DELETE of a
revision or a logged action; and yet the site's ordinary writes work as that role.
PostgreSQL only: skipped on SQLite, a failure under CI=true.
"""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, transaction
from django.test import override_settings
from django.urls import reverse

from config.db_roles import append_only_tables, connected_as, conninfo
from forum.choices import Disclaimer, PostStatus, TopicPurpose
from forum.models import Post, Revision
from moderation.models import ActionKind, Case, CaseState, ModerationAction
from tests.accounts.helpers import sign_in_with_totp
from tests.db_roles import APP, OWNER, app_role_settings
from tests.moderation.helpers import CLEAN, IDENTIFYING, first_post, new_topic

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app_db(require_postgres: None) -> dict[str, object]:
    return app_role_settings()


@pytest.fixture
def logged_action(group, clinician, moderator, django_capture_on_commit_callbacks):
    post = first_post(
        new_topic(
            django_capture_on_commit_callbacks, author=clinician, group=group, body=IDENTIFYING
        )
    )
    return ModerationAction.objects.create(
        case=Case.objects.get(post=post), actor=moderator, action=ActionKind.WARN, reason="Careful"
    )


def test_the_app_role_is_no_superuser_and_owns_nothing(app_db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rolsuper, rolcreatedb, rolcreaterole, rolbypassrls, rolcanlogin "
            "FROM pg_roles WHERE rolname = %s",
            [APP.name],
        )
        assert cursor.fetchone() == (False, False, False, False, True)
        cursor.execute(
            "SELECT DISTINCT pg_get_userbyid(c.relowner) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
        )
        assert {row[0] for row in cursor.fetchall()} == {OWNER.name}


def test_the_app_role_cannot_empty_or_unguard_the_append_only_tables(app_db, logged_action):
    revision = Revision.objects.get(post=logged_action.case.post)
    assert revision is not None
    refused = [
        ("TRUNCATE moderation_moderationaction CASCADE", []),
        ("TRUNCATE forum_revision CASCADE", []),
        ("TRUNCATE moderation_case CASCADE", []),
        (
            "ALTER TABLE moderation_moderationaction DISABLE TRIGGER moderation_action_append_only",
            [],
        ),
        ("ALTER TABLE forum_revision DISABLE TRIGGER ALL", []),
        ("DROP TRIGGER forum_revision_append_only ON forum_revision", []),
        ("DROP TRIGGER moderation_case_keep_decision ON moderation_case", []),
        ("DROP TABLE moderation_moderationaction CASCADE", []),
        ("SET session_replication_role = replica", []),  # would skip every trigger
        ("DELETE FROM forum_revision WHERE id = %s", [revision.pk]),
        ("UPDATE forum_revision SET body = 'rewritten' WHERE id = %s", [revision.pk]),
        ("DELETE FROM moderation_moderationaction WHERE id = %s", [logged_action.pk]),
        ("UPDATE moderation_moderationaction SET reason = 'x' WHERE id = %s", [logged_action.pk]),
        ("INSERT INTO django_migrations (app, name, applied) VALUES ('x', 'y', now())", []),
        ("CREATE TABLE moderation_shadow (id integer)", []),
    ]
    with psycopg.connect(conninfo(app_db), autocommit=True) as app:
        assert app.execute("SELECT current_user").fetchone() == (APP.name,)
        for statement, params in refused:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                app.execute(statement, params)
    assert ModerationAction.objects.filter(pk=logged_action.pk, reason="Careful").exists()
    assert Revision.objects.filter(pk=revision.pk, body=revision.body).exists()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'O' "
            "AND tgname IN ('forum_revision_append_only', 'moderation_action_append_only')"
        )
        assert cursor.fetchone() == (2,)


@pytest.fixture
def as_app_role(app_db):
    """Django's own connection logs in as the app role for the test (fixtures too)."""
    with connected_as(DEFAULT_DB_ALIAS, app_db):
        yield app_db


def _topic_form(body: str) -> dict[str, object]:
    return {
        "title": "Pacing exposure work",
        "purpose": TopicPurpose.CASE_CONSULTATION,
        "body": body,
        "trigger_warnings": ["none"],
        "disclaimer": Disclaimer.DEIDENTIFIED,
        "confirm_identifiers": "1",
        "nudge_choice": "post",
    }


def test_the_site_posts_screens_and_moderates_as_the_app_role(
    as_app_role, client, group, clinician, moderator
):
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        assert cursor.fetchone() == (APP.name,)
    client.force_login(clinician)
    create = reverse("forum:topic_create", args=[group.slug])
    assert client.post(create, _topic_form(CLEAN)).status_code == 302
    assert client.post(create, _topic_form(IDENTIFYING)).status_code == 302
    clean, held = Post.objects.filter(author=clinician).order_by("id")
    assert clean.status == PostStatus.PUBLISHED
    assert held.status != PostStatus.PUBLISHED
    case = Case.objects.get(post=held)
    sign_in_with_totp(client, moderator)
    response = client.post(
        reverse("admin:moderation_case_change", args=[case.pk]),
        {"action": ActionKind.REMOVE, "reason": "Identifiers"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.state, case.resolution) == (CaseState.RESOLVED, ActionKind.REMOVE)
    # The decision stands, whoever asks in SQL.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE moderation_case SET resolution = 'approve' WHERE id = %s", [case.pk])


def test_migrate_logs_in_as_the_owner(app_db):
    owner = {**app_db, "USER": OWNER.name, "PASSWORD": OWNER.password}
    out = StringIO()
    with override_settings(MIGRATE_DATABASE=owner):
        call_command("migrate", interactive=False, stdout=out)
    assert f"Migrating as {OWNER.name}" in out.getvalue()
    assert "No migrations to apply" in out.getvalue()
    with connection.cursor() as cursor:  # the app's own connection is its own again
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == connection.settings_dict["USER"]


def test_setup_db_roles_refuses_to_work_with_a_superuser(app_db):
    admin = f"postgres://{connection.settings_dict['USER']}@127.0.0.1/postgres"
    with override_settings(MIGRATE_DATABASE=None), pytest.raises(CommandError, match="MIGRATE_"):
        call_command("setup_db_roles", admin_url=admin)
    # The test settings connect as a superuser: that role must never become the app's.
    owner = {**app_db, "USER": OWNER.name, "PASSWORD": OWNER.password}
    with override_settings(MIGRATE_DATABASE=owner), pytest.raises(CommandError, match="superuser"):
        call_command("setup_db_roles", admin_url=admin)


def _manage(*command: str) -> subprocess.CompletedProcess[str]:
    """manage.py in production mode (TESTING off), with the app's, the owner's and the
    superuser's URLs on the test database."""
    s = connection.settings_dict
    host = f"{s.get('HOST') or '127.0.0.1'}:{s.get('PORT') or 5432}"
    env = {
        **os.environ,
        "TESTING": "",
        "SECRET_KEY": "setup-db-roles-test-key-0123456789abcdef",
        "DATABASE_URL": f"postgres://{APP.name}:{APP.password}@{host}/{s['NAME']}",
        "MIGRATE_DATABASE_URL": f"postgres://{OWNER.name}:{OWNER.password}@{host}/{s['NAME']}",
        "ADMIN_DATABASE_URL": f"postgres://{s['USER']}@{host}/postgres",
    }
    run = [sys.executable, "manage.py", *command]
    return subprocess.run(run, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)  # noqa: S603


def _app_may(privilege: str, table: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT has_table_privilege(%s, %s, %s)", [APP.name, table, privilege])
        return bool(cursor.fetchone()[0])


def test_setup_db_roles_migrates_as_the_owner_and_is_idempotent(app_db):
    for _ in range(2):
        done = _manage("setup_db_roles", "--migrate")
        assert done.returncode == 0, done.stdout + done.stderr
        assert f"Migrating as {OWNER.name}" in done.stdout
        assert "Database roles are set up." in done.stdout
    assert _app_may("INSERT", "forum_revision") and _app_may("UPDATE", "forum_post")
    assert not _app_may("UPDATE", "forum_revision") and not _app_may("TRUNCATE", "forum_post")


def test_the_app_role_has_no_truncate_anywhere_and_no_rewrite_of_append_only_rows(app_db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        tables = [row[0] for row in cursor.fetchall()]
    assert "moderation_case" in tables
    assert not [t for t in tables if _app_may("TRUNCATE", t)]
    assert not [t for t in tables if not _app_may("SELECT", t)]
    for table in append_only_tables():
        assert _app_may("INSERT", table), table
        assert not _app_may("UPDATE", table) and not _app_may("DELETE", table), table


def test_plain_migrate_runs_as_the_owner_and_keeps_append_only_tables_unwritable(app_db):
    # As a new append-only table would stand: the owner's default privileges gave the app
    # its row rights. migrate takes UPDATE and DELETE away again before it returns.
    with connection.cursor() as cursor:
        cursor.execute(f"GRANT UPDATE, DELETE ON forum_revision TO {APP.name}")
    assert _app_may("UPDATE", "forum_revision")
    done = _manage("migrate", "--noinput")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Migrating as {OWNER.name}" in done.stdout
    assert not _app_may("UPDATE", "forum_revision") and not _app_may("DELETE", "forum_revision")
