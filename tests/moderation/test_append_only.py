"""The moderation action log cannot be changed or deleted, by the ORM or by raw SQL; a
case's reasons only grow, a resolved case keeps its decision, and no case is deleted."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from config.append_only import AppendOnlyError
from moderation.models import ActionKind, Case, CaseReason, CaseState, ModerationAction
from tests.accounts.helpers import sign_in_with_totp
from tests.conftest import make_verified_clinician
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


# A case's decision (issue 18 item 9): its reasons only grow, and once resolved its
# resolution stands; a reopen or an appeal is logged before the case leaves "resolved".


@pytest.fixture
def resolved_case(client, group, clinician, moderator, django_capture_on_commit_callbacks):
    post = first_post(
        new_topic(
            django_capture_on_commit_callbacks, author=clinician, group=group, body=IDENTIFYING
        )
    )
    case = Case.objects.get(post=post)
    sign_in_with_totp(client, moderator)
    admin_url = reverse("admin:moderation_case_change", args=[case.pk])
    response = client.post(admin_url, {"action": ActionKind.REMOVE, "reason": "Identifiers"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.RESOLVED and case.resolution == ActionKind.REMOVE
    return case


def _refused(statement: str, params: list[object]) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, params)
    except DatabaseError:
        return True
    return False


def test_postgres_keeps_a_resolved_cases_decision(require_postgres, resolved_case):
    table = Case._meta.db_table
    someone_else = make_verified_clinician(is_moderator=True)
    for assignment in (
        "resolution = 'approve'",
        "resolution = ''",
        "resolved_at = resolved_at - interval '1 day'",
        f"resolved_by_id = {someone_else.pk}",
        # Out of "resolved" without a logged reopen or appeal.
        "state = 'open', resolution = '', resolved_at = NULL",
    ):
        statement = f"UPDATE {table} SET {assignment} WHERE id = %s"  # noqa: S608
        assert _refused(statement, [resolved_case.pk]), assignment
    stored = Case.objects.get(pk=resolved_case.pk)
    assert (stored.state, stored.resolution, stored.resolved_at, stored.resolved_by_id) == (
        CaseState.RESOLVED,
        ActionKind.REMOVE,
        resolved_case.resolved_at,
        resolved_case.resolved_by_id,
    )


def test_postgres_lets_a_cases_reasons_only_grow(require_postgres, resolved_case):
    table = Case._meta.db_table
    reasons = list(resolved_case.reasons)
    assert reasons
    for rewrite in ("'[]'::jsonb", "reasons - 0", "'[\"other: rewritten\"]'::jsonb || reasons"):
        statement = f"UPDATE {table} SET reasons = {rewrite} WHERE id = %s"  # noqa: S608
        assert _refused(statement, [resolved_case.pk]), rewrite
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET reasons = reasons || '[\"note: added\"]'::jsonb WHERE id = %s",  # noqa: S608
            [resolved_case.pk],
        )
    assert Case.objects.get(pk=resolved_case.pk).reasons == [*reasons, "note: added"]


def test_staff_still_reopen_a_resolved_case(client, resolved_case):
    staff = make_verified_clinician(is_moderator=True, is_staff=True)
    sign_in_with_totp(client, staff)
    response = client.post(
        reverse("admin:moderation_case_change", args=[resolved_case.pk]),
        {"reopen": "1", "reason": "A complaint about this decision"},
    )
    assert response.status_code == 302
    resolved_case.refresh_from_db()
    assert (resolved_case.state, resolved_case.resolution) == (CaseState.OPEN, "")
    assert list(resolved_case.actions.values_list("action", flat=True)) == [
        ActionKind.REMOVE,
        ActionKind.REOPEN,
    ]


def test_postgres_never_deletes_a_case(require_postgres, resolved_case, topic):
    open_case = Case.objects.create(
        post=topic.posts.get(number=1), group=topic.group, reason=CaseReason.FLAG_OTHER
    )
    table = Case._meta.db_table
    for case in (resolved_case, open_case):
        assert _refused(f"DELETE FROM {table} WHERE id = %s", [case.pk]), case  # noqa: S608
    assert Case.objects.filter(pk__in=[resolved_case.pk, open_case.pk]).count() == 2
