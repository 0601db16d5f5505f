"""One append-only base: every model built on it refuses changes in the ORM and, on
PostgreSQL, has a trigger that refuses them in raw SQL."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection

from accounts.models import LicenseStatusChange
from config.append_only import AppendOnlyError, AppendOnlyModel
from forum.models import Revision
from moderation.models import ModerationAction


def _append_only_models() -> list[type[AppendOnlyModel]]:
    return [model for model in apps.get_models() if issubclass(model, AppendOnlyModel)]


def test_the_append_only_models_share_the_one_base() -> None:
    assert set(_append_only_models()) >= {Revision, LicenseStatusChange, ModerationAction}


@pytest.mark.django_db
def test_a_bulk_change_names_what_is_refused() -> None:
    with pytest.raises(AppendOnlyError, match="^Moderation actions cannot be changed.$"):
        ModerationAction.objects.all().update(reason="x")
    with pytest.raises(AppendOnlyError, match="^License status changes cannot be deleted.$"):
        LicenseStatusChange.objects.all().delete()


def test_every_append_only_table_has_its_postgres_trigger(require_postgres) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE NOT t.tgisinternal AND t.tgenabled = 'O'"
        )
        guarded = {row[0] for row in cursor.fetchall()}
    missing = {m._meta.db_table for m in _append_only_models()} - guarded
    assert not missing, f"append-only tables without their trigger: {sorted(missing)}"
