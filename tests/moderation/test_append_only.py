"""The moderation action log cannot be changed or deleted, by the ORM or by raw SQL."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from config.append_only import AppendOnlyError
from moderation.models import ActionKind, Case, ModerationAction
from tests.moderation.helpers import IDENTIFYING, first_post, new_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_action(group, clinician, moderator, django_capture_on_commit_callbacks):
    post = first_post(
        new_topic(
            django_capture_on_commit_callbacks, author=clinician, group=group, body=IDENTIFYING
        )
    )
    case = Case.objects.get(post=post)
    return ModerationAction.objects.create(
        case=case, actor=moderator, action=ActionKind.WARN, reason="Be careful"
    )


def test_an_action_cannot_be_changed_through_the_orm(logged_action):
    logged_action.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        logged_action.save()
    with pytest.raises(AppendOnlyError):
        ModerationAction.objects.filter(pk=logged_action.pk).update(reason="rewritten")


def test_an_action_cannot_be_deleted_through_the_orm(logged_action):
    with pytest.raises(AppendOnlyError):
        logged_action.delete()
    with pytest.raises(AppendOnlyError):
        ModerationAction.objects.filter(pk=logged_action.pk).delete()
    assert ModerationAction.objects.filter(pk=logged_action.pk, reason="Be careful").exists()


def test_an_action_needs_a_reason(logged_action):
    with pytest.raises(DatabaseError), transaction.atomic():
        ModerationAction.objects.create(
            case=logged_action.case, actor=logged_action.actor, action=ActionKind.WARN, reason=""
        )


def test_postgres_refuses_raw_updates_and_deletes(require_postgres, logged_action):
    table = ModerationAction._meta.db_table
    for statement in (
        f"UPDATE {table} SET reason = 'rewritten' WHERE id = %s",  # noqa: S608
        f"DELETE FROM {table} WHERE id = %s",  # noqa: S608
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [logged_action.pk])
    assert ModerationAction.objects.filter(pk=logged_action.pk, reason="Be careful").exists()
