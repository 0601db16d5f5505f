"""Triage in the Django admin: claim, see the evidence, resolve with one action and a reason."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Suspension
from accounts.standing import suspension_block_reason
from forum.choices import PostStatus
from moderation.models import ActionKind, Case, CaseState, ModerationAction
from notifications.choices import NotificationKind
from notifications.models import Notification
from tests.accounts.helpers import sign_in_with_totp
from tests.conftest import make_verified_clinician
from tests.moderation.helpers import IDENTIFYING, UNWARNED, first_post, new_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def held_case(group, clinician, django_capture_on_commit_callbacks) -> Case:
    post = first_post(
        new_topic(
            django_capture_on_commit_callbacks, author=clinician, group=group, body=IDENTIFYING
        )
    )
    return Case.objects.get(post=post)


@pytest.fixture
def queued_case(group, clinician, django_capture_on_commit_callbacks) -> Case:
    post = first_post(
        new_topic(django_capture_on_commit_callbacks, author=clinician, group=group, body=UNWARNED)
    )
    return Case.objects.get(post=post)


def case_url(case: Case) -> str:
    return reverse("admin:moderation_case_change", args=[case.pk])


def resolve(client, case: Case, action: str, reason: str = "Per the rules", **extra):
    return client.post(case_url(case), {"action": action, "reason": reason, **extra})


def test_a_moderator_sees_the_queue_ordered_identifiers_first(
    client, moderator, held_case, queued_case
):
    sign_in_with_totp(client, moderator)
    response = client.get(reverse("admin:moderation_case_changelist"))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index(f"/{held_case.pk}/change/") < page.index(f"/{queued_case.pk}/change/")


def test_the_queue_filters_by_reason_group_state_and_age(client, moderator, held_case, queued_case):
    sign_in_with_totp(client, moderator)
    url = reverse("admin:moderation_case_changelist")
    for query in (
        "?reason=identifiers",
        f"?group={held_case.group_id}",
        "?state=open",
        "?age=1h",
        "?queue=all",
    ):
        response = client.get(url + query)
        assert response.status_code == 200, query
        assert f"/{held_case.pk}/change/" in response.content.decode(), query
    assert f"/{held_case.pk}/change/" not in client.get(url + "?age=older").content.decode()


def test_the_case_page_highlights_identifiers_and_escapes_the_post(
    client, moderator, group, clinician, django_capture_on_commit_callbacks
):
    body = "<script>alert(1)</script> DOB 04/02/1961 & MRN 448812"
    post = first_post(
        new_topic(django_capture_on_commit_callbacks, author=clinician, group=group, body=body)
    )
    case = Case.objects.get(post=post)
    sign_in_with_totp(client, moderator)
    page = client.get(case_url(case)).content.decode()
    assert '<mark class="mod-identifier" title="Specific date">04/02/1961</mark>' in page
    assert "<script>alert(1)</script>" not in page
    # The tone model may mark words inside it ("script"): the brackets stay escaped.
    at = page.index(" DOB ")
    body_html = page[at - 300 : at]
    assert "<script" not in body_html and "&lt;/" in body_html and "&gt;" in body_html
    assert "Author&#x27;s history" in page or "Author's history" in page


def test_a_moderator_claims_a_case(client, moderator, held_case):
    sign_in_with_totp(client, moderator)
    response = client.post(case_url(held_case), {"claim": "1"})
    assert response.status_code == 302
    held_case.refresh_from_db()
    assert held_case.state == CaseState.CLAIMED
    assert held_case.claimed_by == moderator
    other = make_verified_clinician(is_moderator=True)
    sign_in_with_totp(client, other)
    resolve(client, held_case, ActionKind.APPROVE)
    held_case.refresh_from_db()
    assert held_case.state == CaseState.CLAIMED  # someone else's claim stands


@pytest.mark.parametrize(
    ("action", "status"),
    [
        (ActionKind.APPROVE, PostStatus.PUBLISHED),
        (ActionKind.HIDE, PostStatus.HIDDEN),
        (ActionKind.REMOVE, PostStatus.REMOVED),
        (ActionKind.ASK_EDIT, PostStatus.NEEDS_EDIT),
        (ActionKind.WARN, PostStatus.PUBLISHED),
        (ActionKind.SUSPEND, PostStatus.HIDDEN),
    ],
)
def test_each_action_resolves_the_case_logs_it_and_tells_the_author(
    client, moderator, held_case, clinician, action, status
):
    sign_in_with_totp(client, moderator)
    post_after = "publish" if action == ActionKind.WARN else "hide"
    response = resolve(
        client, held_case, action, penalty_length="7", penalty_unit="days", post_after=post_after
    )
    assert response.status_code == 302
    held_case.refresh_from_db()
    held_case.post.refresh_from_db()
    assert held_case.state == CaseState.RESOLVED
    assert held_case.resolution == action
    assert held_case.post.status == status
    logged = ModerationAction.objects.get(case=held_case, action=action)
    assert logged.actor == moderator and logged.reason == "Per the rules"
    notice = Notification.objects.filter(recipient=clinician, kind=NotificationKind.MODERATION)
    latest = notice.order_by("-id").first()
    assert "Rule:" in latest.message and "appeal" in latest.message
    assert latest.url == reverse("moderation:case", args=[held_case.pk])
    if action == ActionKind.SUSPEND:
        assert Suspension.objects.filter(user=clinician).exists()
        assert "suspended" in suspension_block_reason(clinician)
    else:
        assert suspension_block_reason(clinician) is None


def test_a_reason_is_required(client, moderator, held_case):
    sign_in_with_totp(client, moderator)
    response = resolve(client, held_case, ActionKind.REMOVE, reason="")
    assert response.status_code == 200
    held_case.refresh_from_db()
    assert held_case.state == CaseState.OPEN
    assert not ModerationAction.objects.filter(case=held_case).exists()


def test_escalation_keeps_the_case_open_for_staff(client, moderator, held_case):
    sign_in_with_totp(client, moderator)
    resolve(client, held_case, ActionKind.ESCALATE, reason="Needs legal view")
    held_case.refresh_from_db()
    assert held_case.state == CaseState.OPEN and held_case.escalated_at is not None
    resolve(client, held_case, ActionKind.REMOVE)
    held_case.refresh_from_db()
    assert held_case.state == CaseState.OPEN  # a moderator cannot decide an escalated case
    staff = make_verified_clinician(is_staff=True)
    sign_in_with_totp(client, staff)
    resolve(client, held_case, ActionKind.REMOVE)
    held_case.refresh_from_db()
    assert held_case.state == CaseState.RESOLVED


def test_asked_to_edit_the_post_returns_once_an_edit_passes(
    client, moderator, held_case, clinician, django_capture_on_commit_callbacks
):
    from forum.posting import post_edit
    from tests import factories

    sign_in_with_totp(client, moderator)
    resolve(client, held_case, ActionKind.ASK_EDIT)
    post = held_case.post
    post.refresh_from_db()
    assert post.status == PostStatus.NEEDS_EDIT
    with django_capture_on_commit_callbacks(execute=True):
        post_edit(
            editor=clinician,
            post=post,
            content=factories.content("A client in her 60s came in for intake last spring."),
            reason="Removed details",
        )
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED


def test_an_appeal_reopens_the_case_for_a_different_moderator(
    client, moderator, held_case, clinician
):
    sign_in_with_totp(client, moderator)
    resolve(client, held_case, ActionKind.REMOVE)
    client.force_login(clinician)
    page = client.get(reverse("moderation:case", args=[held_case.pk]))
    assert page.status_code == 200
    assert "Per the rules" in page.content.decode()
    response = client.post(
        reverse("moderation:case", args=[held_case.pk]), {"text": "These were invented details."}
    )
    assert response.status_code == 302
    held_case.refresh_from_db()
    assert held_case.state == CaseState.APPEALED
    assert held_case.excluded_moderator == moderator
    sign_in_with_totp(client, moderator)
    resolve(client, held_case, ActionKind.APPROVE)
    held_case.refresh_from_db()
    assert held_case.state == CaseState.APPEALED
    second = make_verified_clinician(is_moderator=True)
    sign_in_with_totp(client, second)
    resolve(client, held_case, ActionKind.APPROVE, reason="Details were invented")
    held_case.refresh_from_db()
    held_case.post.refresh_from_db()
    assert held_case.state == CaseState.RESOLVED
    assert held_case.post.status == PostStatus.PUBLISHED
    assert list(
        ModerationAction.objects.filter(case=held_case).values_list("action", flat=True)
    ) == [ActionKind.REMOVE, ActionKind.APPEAL, ActionKind.APPROVE]
    client.force_login(clinician)
    response = client.post(reverse("moderation:case", args=[held_case.pk]), {"text": "Again"})
    assert response.status_code in (200, 400)  # approval is not appealable by its author


def test_only_the_author_sees_their_case_page(client, other_clinician, held_case):
    client.force_login(other_clinician)
    assert client.get(reverse("moderation:case", args=[held_case.pk])).status_code == 404


def test_the_overview_shows_the_last_30_days(client, moderator, held_case, queued_case):
    sign_in_with_totp(client, moderator)
    resolve(client, held_case, ActionKind.REMOVE)
    response = client.get(reverse("admin:moderation_case_overview"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<svg" in page and "median time to first decision" in page
    assert "Remove (tombstone): <strong>1</strong>" in page


def test_the_queue_page_has_a_bounded_number_of_queries(
    client,
    moderator,
    group,
    other_clinician,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    for i in range(8):
        new_topic(
            django_capture_on_commit_callbacks,
            author=other_clinician,
            group=group,
            body=IDENTIFYING,
            title=f"Case {i}",
        )
    sign_in_with_totp(client, moderator)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("admin:moderation_case_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("action", [ActionKind.WARN, ActionKind.SUSPEND])
def test_warn_and_suspend_need_a_choice_for_the_post(client, moderator, held_case, action):
    sign_in_with_totp(client, moderator)
    response = resolve(client, held_case, action, penalty_length="7", penalty_unit="days")
    assert response.status_code == 200
    assert "published or stays hidden" in response.content.decode()
    held_case.refresh_from_db()
    held_case.post.refresh_from_db()
    assert held_case.state == CaseState.OPEN
    assert held_case.post.status == PostStatus.HELD


@pytest.mark.parametrize(
    ("action", "post_after", "status", "told"),
    [
        (ActionKind.WARN, "publish", PostStatus.PUBLISHED, "your post is visible"),
        (ActionKind.WARN, "hide", PostStatus.HIDDEN, "your post stays hidden"),
        (ActionKind.SUSPEND, "publish", PostStatus.PUBLISHED, "your post is visible"),
        (ActionKind.SUSPEND, "hide", PostStatus.HIDDEN, "your post stays hidden"),
    ],
)
def test_warn_and_suspend_leave_a_held_post_visible_or_hidden_and_say_which(
    client, moderator, held_case, clinician, action, post_after, status, told
):
    sign_in_with_totp(client, moderator)
    resolve(
        client, held_case, action, penalty_length="3", penalty_unit="days", post_after=post_after
    )
    held_case.refresh_from_db()
    held_case.post.refresh_from_db()
    assert held_case.state == CaseState.RESOLVED
    assert held_case.post.status == status
    assert not Case.objects.filter(post=held_case.post).exclude(state=CaseState.RESOLVED).exists()
    notice = Notification.objects.filter(recipient=clinician, kind=NotificationKind.MODERATION)
    assert told in notice.latest("id").message


def test_a_moderator_cannot_decide_the_case_on_their_own_post(
    client, moderator, group, django_capture_on_commit_callbacks
):
    from moderation import cases
    from tests import factories

    factories.MembershipFactory(group=group, user=moderator)
    post = first_post(
        new_topic(
            django_capture_on_commit_callbacks, author=moderator, group=group, body=IDENTIFYING
        )
    )
    case = Case.objects.get(post=post)
    sign_in_with_totp(client, moderator)
    page = client.get(case_url(case)).content.decode()
    assert "Record the decision" not in page and "Claim this case" not in page
    assert "own post" in page
    client.post(case_url(case), {"claim": "1"})
    resolve(client, case, ActionKind.APPROVE)
    case.refresh_from_db()
    post.refresh_from_db()
    assert case.state == CaseState.OPEN and case.claimed_by is None
    assert post.status == PostStatus.HELD
    assert not ModerationAction.objects.filter(case=case).exists()
    from django.core.exceptions import PermissionDenied

    from accounts.powers import grant_powers_outside_a_session

    powered = grant_powers_outside_a_session(moderator, reason="test")
    with pytest.raises(PermissionDenied, match="own post"):
        cases.resolve_case(
            case_id=case.pk, moderator=powered, action=ActionKind.APPROVE, reason="mine"
        )
    other = make_verified_clinician(is_moderator=True)
    sign_in_with_totp(client, other)
    resolve(client, case, ActionKind.APPROVE)
    case.refresh_from_db()
    assert case.state == CaseState.RESOLVED and case.resolved_by == other


def test_a_decision_ends_the_escalation_so_an_appeal_is_not_shown_escalated(
    client, moderator, clinician, held_case
):
    from accounts.powers import grant_powers_outside_a_session
    from moderation import cases
    from moderation.next_case import decidable_cases

    sign_in_with_totp(client, moderator)
    resolve(client, held_case, ActionKind.ESCALATE, reason="Needs a second view")
    staff = make_verified_clinician(is_staff=True)
    sign_in_with_totp(client, staff)
    resolve(client, held_case, ActionKind.HIDE)
    held_case.refresh_from_db()
    assert held_case.state == CaseState.RESOLVED and held_case.escalated_at is None
    # The escalation stays on the record.
    assert held_case.actions.filter(action=ActionKind.ESCALATE).count() == 1

    cases.appeal_case(author=clinician, case_id=held_case.pk, text="It was de-identified.")
    held_case.refresh_from_db()
    assert held_case.state == CaseState.APPEALED and held_case.escalated_at is None
    # The appeal of staff's decision is the moderator's to decide: the old escalation
    # neither refuses them nor shows the case as escalated in the queue or the overview.
    assert cases.decision_refusal(held_case, moderator) is None
    powered = grant_powers_outside_a_session(moderator, reason="test")
    assert held_case in decidable_cases(powered)
    sign_in_with_totp(client, moderator)
    changelist = reverse("admin:moderation_case_changelist")
    assert (
        f"/{held_case.pk}/change/"
        not in client.get(changelist, {"queue": "escalated"}).content.decode()
    )
    assert f"/{held_case.pk}/change/" in client.get(changelist).content.decode()
    stats = client.get(reverse("admin:moderation_case_overview")).context["stats"]
    assert stats["escalated_open"] == 0 and stats["queue_now"] == 1
    page = client.get(case_url(held_case)).content.decode()
    assert "escalated to staff" not in page and "Record the decision" in page


def test_the_escalating_moderator_cannot_claim_and_strand_the_case(client, moderator, held_case):
    sign_in_with_totp(client, moderator)
    resolve(client, held_case, ActionKind.ESCALATE, reason="Needs a second view")
    client.post(case_url(held_case), {"claim": "1"})
    held_case.refresh_from_db()
    assert held_case.claimed_by is None
    page = client.get(case_url(held_case)).content.decode()
    assert "Record the decision" not in page and "You escalated this case" in page


def test_another_moderator_or_staff_can_always_take_an_escalated_case(client, moderator, held_case):
    sign_in_with_totp(client, moderator)
    resolve(client, held_case, ActionKind.ESCALATE, reason="Needs a second view")
    second = make_verified_clinician(is_moderator=True)
    sign_in_with_totp(client, second)
    client.post(case_url(held_case), {"claim": "1"})
    held_case.refresh_from_db()
    assert held_case.claimed_by == second
    staff = make_verified_clinician(is_staff=True)
    sign_in_with_totp(client, staff)
    page = client.get(case_url(held_case)).content.decode()
    assert "Record the decision" in page  # staff get the form, whoever claimed it
    resolve(client, held_case, ActionKind.HIDE)
    held_case.refresh_from_db()
    assert held_case.state == CaseState.RESOLVED and held_case.resolved_by == staff


def test_the_migration_ends_escalations_decided_before_the_fix(
    client, moderator, group, clinician, django_capture_on_commit_callbacks
):
    import importlib

    from django.apps import apps

    from tests.moderation.helpers import first_post, new_topic

    migration = importlib.import_module("moderation.migrations.0010_a_decision_ends_the_escalation")
    decided, waiting = (
        Case.objects.get(
            post=first_post(
                new_topic(
                    django_capture_on_commit_callbacks,
                    author=clinician,
                    group=group,
                    body=IDENTIFYING,
                    title=title,
                )
            )
        )
        for title in ("Decided after escalation", "Still escalated")
    )
    sign_in_with_totp(client, moderator)
    for case in (decided, waiting):
        resolve(client, case, ActionKind.ESCALATE, reason="Needs a second view")
    sign_in_with_totp(client, make_verified_clinician(is_staff=True))
    resolve(client, decided, ActionKind.HIDE)
    escalated_at = Case.objects.get(pk=waiting.pk).escalated_at
    Case.objects.filter(pk=decided.pk).update(escalated_at=escalated_at)  # as before the fix

    migration.end_decided_escalations(apps, None)
    assert Case.objects.get(pk=decided.pk).escalated_at is None
    assert Case.objects.get(pk=waiting.pk).escalated_at == escalated_at
