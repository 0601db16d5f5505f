"""Bulk decisions from the queue, claims that lapse, unclaiming and staff take-over, the
next-case link and the keyboard legend (issue 21 item 2)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.powers import grant_powers_outside_a_session
from forum.choices import PostStatus
from forum.models import Post
from moderation import bulk, cases, claims
from moderation.models import ActionKind, Case, CaseState, FlagReason, ModerationAction
from notifications.choices import NotificationKind
from notifications.models import Notification
from tests import factories
from tests.accounts.helpers import sign_in_with_totp
from tests.conftest import make_verified_clinician
from tests.moderation.helpers import CLEAN, IDENTIFYING, first_post, new_topic

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:moderation_case_changelist")


def case_url(case: Case) -> str:
    return reverse("admin:moderation_case_change", args=[case.pk])


def held_case(capture, author, group, title: str = "Consultation request") -> Case:
    post = first_post(new_topic(capture, author=author, group=group, body=IDENTIFYING, title=title))
    return Case.objects.get(post=post)


def flagged_case(capture, author, flagger, group, title: str = "Flagged thread") -> Case:
    """A published post that only a member's flag put in the queue."""
    post = first_post(new_topic(capture, author=author, group=group, body=CLEAN, title=title))
    assert post.status == PostStatus.PUBLISHED
    cases.flag_post(member=flagger, post=post, reason=FlagReason.INCIVILITY)
    return Case.objects.get(post=post)


def powered(user):
    return grant_powers_outside_a_session(user, reason="test")


def choose(client, action: str, chosen: list[Case], **extra):
    """Tick the rows and pick a bulk action in the queue (the admin's action form)."""
    return client.post(
        QUEUE,
        {
            "action": action,
            "index": "0",
            helpers.ACTION_CHECKBOX_NAME: [str(case.pk) for case in chosen],
            **extra,
        },
    )


def apply(client, action: str, chosen: list[Case], reason: str):
    """The intermediate page's form: the same cases, one reason."""
    return client.post(
        QUEUE,
        {
            "action": action,
            "apply": "1",
            "reason": reason,
            helpers.ACTION_CHECKBOX_NAME: [str(case.pk) for case in chosen],
        },
        follow=True,
    )


def state_of(case: Case) -> tuple[str, str]:
    case.refresh_from_db()
    return case.state, Post.objects.values_list("status", flat=True).get(pk=case.post_id)


# Bulk decisions


def test_bulk_approve_asks_one_reason_then_publishes_each_post_and_tells_each_author(
    client, moderator, group, clinician, other_clinician, django_capture_on_commit_callbacks
):
    first = held_case(django_capture_on_commit_callbacks, clinician, group, "First")
    second = held_case(django_capture_on_commit_callbacks, other_clinician, group, "Second")
    sign_in_with_totp(client, moderator)

    page = choose(client, "bulk_approve", [first, second])
    assert page.status_code == 200
    text = page.content.decode()
    assert "Approve the chosen cases" in text and "Reason (required)" in text
    assert f"Case #{first.pk}" in text and f"Case #{second.pk}" in text
    assert state_of(first) == (CaseState.OPEN, PostStatus.HELD)  # nothing decided yet

    done = apply(client, "bulk_approve", [first, second], "Checked: the numbers are fictional")
    assert "2 cases approved" in done.content.decode()
    for case, author in ((first, clinician), (second, other_clinician)):
        assert state_of(case) == (CaseState.RESOLVED, PostStatus.PUBLISHED)
        logged = ModerationAction.objects.get(case=case, action=ActionKind.APPROVE)
        assert logged.actor == moderator and logged.reason == "Checked: the numbers are fictional"
        assert Notification.objects.filter(
            recipient=author, kind=NotificationKind.MODERATION, post_id=case.post_id
        ).exists()


def test_bulk_hide_hides_each_post(
    client, moderator, group, clinician, other_clinician, django_capture_on_commit_callbacks
):
    chosen = [
        flagged_case(django_capture_on_commit_callbacks, clinician, other_clinician, group, "A"),
        held_case(django_capture_on_commit_callbacks, clinician, group, "B"),
    ]
    sign_in_with_totp(client, moderator)
    done = apply(client, "bulk_hide", chosen, "Off-topic for this group")
    assert "2 cases hidden" in done.content.decode()
    for case in chosen:
        assert state_of(case) == (CaseState.RESOLVED, PostStatus.HIDDEN)
        assert case.resolution == ActionKind.HIDE


def test_dismissing_flags_keeps_a_flagged_post_visible_and_skips_what_screening_held(
    client, moderator, group, clinician, other_clinician, django_capture_on_commit_callbacks
):
    flagged = flagged_case(django_capture_on_commit_callbacks, clinician, other_clinician, group)
    held = held_case(django_capture_on_commit_callbacks, clinician, group, "Held one")
    sign_in_with_totp(client, moderator)
    done = apply(client, "bulk_dismiss_flags", [flagged, held], "The reply is civil")
    page = done.content.decode()
    assert "1 case dismissed (flags)" in page
    assert f"Case #{held.pk} skipped: No member flagged this post" in page
    assert state_of(flagged) == (CaseState.RESOLVED, PostStatus.PUBLISHED)
    assert flagged.resolution == ActionKind.APPROVE
    assert state_of(held) == (CaseState.OPEN, PostStatus.HELD)
    assert not ModerationAction.objects.filter(case=held).exists()


def test_dismissing_flags_never_publishes_a_held_post_that_was_also_flagged(
    moderator, group, clinician, other_clinician, django_capture_on_commit_callbacks
):
    held = held_case(django_capture_on_commit_callbacks, clinician, group)
    cases.flag_post(member=other_clinician, post=held.post, reason=FlagReason.PRIVACY)
    outcome = bulk.bulk_decide(
        case_ids=[held.pk], moderator=powered(moderator), decision="dismiss_flags", reason="ok"
    )
    assert outcome.decided == []
    assert outcome.skipped == [
        (held.pk, "Not only flags put this case in the queue: decide it on its page.")
    ]
    assert state_of(held) == (CaseState.OPEN, PostStatus.HELD)


def test_a_bulk_decision_without_a_reason_changes_nothing(
    client, moderator, group, clinician, django_capture_on_commit_callbacks
):
    case = held_case(django_capture_on_commit_callbacks, clinician, group)
    sign_in_with_totp(client, moderator)
    response = apply(client, "bulk_approve", [case], "   ")
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert state_of(case) == (CaseState.OPEN, PostStatus.HELD)
    assert not ModerationAction.objects.filter(case=case).exists()
    with pytest.raises(ValidationError):
        bulk.bulk_decide(
            case_ids=[case.pk], moderator=powered(moderator), decision="approve", reason=" "
        )
    with pytest.raises(ValidationError):
        bulk.bulk_decide(
            case_ids=[case.pk], moderator=powered(moderator), decision="remove", reason="x"
        )


def test_bulk_skips_the_moderators_own_post_and_another_moderators_claim_and_says_why(
    client, moderator, group, clinician, django_capture_on_commit_callbacks
):
    factories.MembershipFactory(group=group, user=moderator)
    own = held_case(django_capture_on_commit_callbacks, moderator, group, "My own")
    claimed = held_case(django_capture_on_commit_callbacks, clinician, group, "Claimed")
    plain = held_case(django_capture_on_commit_callbacks, clinician, group, "Plain")
    colleague = make_verified_clinician(display_name="Cora Colleague", is_moderator=True)
    cases.claim_case(case_id=claimed.pk, moderator=powered(colleague))

    sign_in_with_totp(client, moderator)
    page = apply(client, "bulk_approve", [own, claimed, plain], "Fine").content.decode()
    assert "1 case approved" in page
    assert f"Case #{own.pk} skipped: Nobody decides a case on their own post" in page
    assert f"Case #{claimed.pk} skipped: Cora Colleague has claimed this case." in page
    assert state_of(own) == (CaseState.OPEN, PostStatus.HELD)
    assert state_of(claimed) == (CaseState.CLAIMED, PostStatus.HELD)
    assert state_of(plain) == (CaseState.RESOLVED, PostStatus.PUBLISHED)


def test_bulk_skips_a_case_the_moderator_escalated_and_one_outside_their_groups(
    moderator, group, clinician, organizer, django_capture_on_commit_callbacks
):
    escalated = held_case(django_capture_on_commit_callbacks, clinician, group)
    me = powered(moderator)
    cases.resolve_case(
        case_id=escalated.pk, moderator=me, action=ActionKind.ESCALATE, reason="Second view"
    )
    elsewhere = factories.GroupFactory(created_by=organizer, name="DBT", slug="dbt")
    factories.MembershipFactory(group=elsewhere, user=clinician)
    outside = held_case(django_capture_on_commit_callbacks, clinician, elsewhere, "Elsewhere")
    moderator.moderated_groups.add(group)  # scoped to the CBT group only
    outcome = bulk.bulk_decide(
        case_ids=[escalated.pk, outside.pk], moderator=me, decision="hide", reason="No"
    )
    assert outcome.decided == []
    assert dict(outcome.skipped) == {
        escalated.pk: "You escalated this case: staff or another moderator decide it.",
        outside.pk: "You do not moderate this case's group.",
    }


def test_bulk_decisions_need_a_totp_passed_session(
    client, moderator, group, clinician, django_capture_on_commit_callbacks
):
    case = held_case(django_capture_on_commit_callbacks, clinician, group)
    client.force_login(moderator)  # a password-only session: no powers
    response = apply(client, "bulk_approve", [case], "Fine")
    assert "reauthenticate" in response.redirect_chain[-1][0]  # asked to pass TOTP first
    assert state_of(case) == (CaseState.OPEN, PostStatus.HELD)
    with pytest.raises(PermissionDenied):
        bulk.bulk_decide(case_ids=[case.pk], moderator=moderator, decision="approve", reason="x")
    assert not ModerationAction.objects.filter(case=case).exists()


def test_staff_bulk_decisions_take_over_a_moderators_claim(
    client, moderator, group, clinician, django_capture_on_commit_callbacks
):
    case = held_case(django_capture_on_commit_callbacks, clinician, group)
    cases.claim_case(case_id=case.pk, moderator=powered(moderator))
    staff = make_verified_clinician(is_staff=True)
    sign_in_with_totp(client, staff)
    assert "1 case hidden" in apply(client, "bulk_hide", [case], "Staff call").content.decode()
    assert state_of(case) == (CaseState.RESOLVED, PostStatus.HIDDEN)
    assert case.resolved_by == staff


def test_the_queue_has_row_checkboxes_and_the_three_bulk_actions(
    client, moderator, group, clinician, django_capture_on_commit_callbacks
):
    case = held_case(django_capture_on_commit_callbacks, clinician, group)
    sign_in_with_totp(client, moderator)
    page = client.get(QUEUE).content.decode()
    assert f'name="_selected_action" value="{case.pk}"' in page
    for name in ("bulk_approve", "bulk_hide", "bulk_dismiss_flags"):
        assert f'value="{name}"' in page
    assert 'value="delete_selected"' not in page


# Claims: lapse, unclaim, take-over


def test_a_claim_lapses_after_the_set_minutes_and_then_counts_as_no_claim(
    client, moderator, group, clinician, settings, django_capture_on_commit_callbacks
):
    settings.MODERATION_CLAIM_MINUTES = 30
    case = held_case(django_capture_on_commit_callbacks, clinician, group)
    cases.claim_case(case_id=case.pk, moderator=powered(moderator))
    case.refresh_from_db()
    assert claims.claim_holder_id(case) == moderator.pk
    Case.objects.filter(pk=case.pk).update(claimed_at=timezone.now() - timedelta(minutes=31))
    case.refresh_from_db()
    assert claims.claim_holder_id(case) is None
    assert not Case.objects.filter(claims.live_claim_q(), pk=case.pk).exists()

    second = make_verified_clinician(display_name="Second Moderator", is_moderator=True)
    sign_in_with_totp(client, second)
    page = client.get(case_url(case)).content.decode()
    assert "Claim this case" in page and "Record the decision" in page
    assert "claimed by Max Moderator" not in page and "Open (claim lapsed)" in page
    queue = client.get(QUEUE).content.decode()
    assert "Open (claim lapsed)" in queue and "Max Moderator" not in queue
    client.post(case_url(case), {"claim": "1"})
    case.refresh_from_db()
    assert case.claimed_by == second
    assert ModerationAction.objects.filter(case=case, action=ActionKind.CLAIM).count() == 2


def test_the_claim_lifetime_is_a_setting(
    moderator, group, clinician, settings, django_capture_on_commit_callbacks
):
    case = held_case(django_capture_on_commit_callbacks, clinician, group)
    cases.claim_case(case_id=case.pk, moderator=powered(moderator))
    Case.objects.filter(pk=case.pk).update(claimed_at=timezone.now() - timedelta(minutes=10))
    case.refresh_from_db()
    settings.MODERATION_CLAIM_MINUTES = 30
    assert claims.claim_holder_id(case) == moderator.pk
    other = powered(make_verified_clinician(is_moderator=True))
    with pytest.raises(ValidationError):
        cases.resolve_case(case_id=case.pk, moderator=other, action="approve", reason="x")
    settings.MODERATION_CLAIM_MINUTES = 5
    assert claims.claim_holder_id(case) is None
    cases.resolve_case(case_id=case.pk, moderator=other, action="approve", reason="x")
    assert state_of(case) == (CaseState.RESOLVED, PostStatus.PUBLISHED)


def test_the_claimer_unclaims_and_the_case_opens_to_anyone_with_a_logged_unclaim(
    client, moderator, group, clinician, django_capture_on_commit_callbacks
):
    case = held_case(django_capture_on_commit_callbacks, clinician, group)
    sign_in_with_totp(client, moderator)
    client.post(case_url(case), {"claim": "1"})
    assert "Unclaim this case" in client.get(case_url(case)).content.decode()
    response = client.post(case_url(case), {"unclaim": "1"}, follow=True)
    assert "Claim released" in response.content.decode()
    case.refresh_from_db()
    assert case.state == CaseState.OPEN and case.claimed_by is None and case.claimed_at is None
    logged = ModerationAction.objects.get(case=case, action=ActionKind.UNCLAIM)
    assert logged.actor == moderator and logged.reason == "Unclaimed"


def test_another_moderator_cannot_unclaim_but_staff_can_release_any_claim(
    client, moderator, group, clinician, django_capture_on_commit_callbacks
):
    case = held_case(django_capture_on_commit_callbacks, clinician, group)
    cases.claim_case(case_id=case.pk, moderator=powered(moderator))
    other = make_verified_clinician(is_moderator=True)
    sign_in_with_totp(client, other)
    assert "Unclaim" not in client.get(case_url(case)).content.decode()
    client.post(case_url(case), {"unclaim": "1"})
    case.refresh_from_db()
    assert case.claimed_by == moderator
    with pytest.raises(PermissionDenied, match="Only the moderator who claimed"):
        claims.unclaim_case(case_id=case.pk, moderator=powered(other))

    staff = make_verified_clinician(is_staff=True)
    sign_in_with_totp(client, staff)
    assert "Release Max Moderator's claim" in client.get(case_url(case)).content.decode()
    client.post(case_url(case), {"unclaim": "1"})
    case.refresh_from_db()
    assert case.claimed_by is None and case.state == CaseState.OPEN
    assert ModerationAction.objects.get(case=case, action=ActionKind.UNCLAIM).actor == staff


def test_unclaiming_needs_a_live_claim_and_a_totp_session(
    client, moderator, group, clinician, settings, django_capture_on_commit_callbacks
):
    case = held_case(django_capture_on_commit_callbacks, clinician, group)
    with pytest.raises(ValidationError, match="Nobody holds a claim"):
        claims.unclaim_case(case_id=case.pk, moderator=powered(moderator))
    cases.claim_case(case_id=case.pk, moderator=powered(moderator))
    with pytest.raises(PermissionDenied):
        # A User object without a TOTP-passed session behind it.
        claims.unclaim_case(case_id=case.pk, moderator=User.objects.get(pk=moderator.pk))
    client.force_login(moderator)
    client.post(case_url(case), {"unclaim": "1"})
    case.refresh_from_db()
    assert case.claimed_by == moderator
    assert not ModerationAction.objects.filter(case=case, action=ActionKind.UNCLAIM).exists()


def test_staff_take_over_any_claim_and_the_log_says_whose(
    client, moderator, group, clinician, django_capture_on_commit_callbacks
):
    case = held_case(django_capture_on_commit_callbacks, clinician, group)
    cases.claim_case(case_id=case.pk, moderator=powered(moderator))
    staff = make_verified_clinician(is_staff=True)
    sign_in_with_totp(client, staff)
    page = client.get(case_url(case)).content.decode()
    assert "Take over this case" in page and "Record the decision" in page
    response = client.post(case_url(case), {"claim": "1"}, follow=True)
    assert "You took this case over from Max Moderator." in response.content.decode()
    case.refresh_from_db()
    assert case.claimed_by == staff
    taken = ModerationAction.objects.filter(case=case, action=ActionKind.CLAIM).last()
    assert taken.actor == staff and taken.reason == "Took over the claim of Max Moderator"
    # A moderator without staff powers takes over nobody's claim.
    other = powered(make_verified_clinician(is_moderator=True))
    with pytest.raises(ValidationError, match="already claimed"):
        cases.claim_case(case_id=case.pk, moderator=other)


# The case page: next case and keyboard legend


def test_the_next_case_link_follows_the_queue_and_skips_what_the_moderator_cannot_take(
    client, moderator, group, clinician, django_capture_on_commit_callbacks
):
    factories.MembershipFactory(group=group, user=moderator)
    current = held_case(django_capture_on_commit_callbacks, clinician, group, "Current")
    own = held_case(django_capture_on_commit_callbacks, moderator, group, "Own post")
    claimed = held_case(django_capture_on_commit_callbacks, clinician, group, "Claimed")
    following = held_case(django_capture_on_commit_callbacks, clinician, group, "Following")
    cases.claim_case(
        case_id=claimed.pk, moderator=powered(make_verified_clinician(is_moderator=True))
    )
    sign_in_with_totp(client, moderator)
    page = client.get(case_url(current)).content.decode()
    assert f'href="{case_url(following)}" id="next-case"' in page
    assert f'href="{case_url(own)}" id="next-case"' not in page
    # From the last case, the link goes back to the top of the queue.
    page = client.get(case_url(following)).content.decode()
    assert f'href="{case_url(current)}" id="next-case"' in page
    cases.resolve_case(
        case_id=current.pk, moderator=powered(moderator), action="approve", reason="ok"
    )
    assert "No other case waits for you." in client.get(case_url(following)).content.decode()


def test_the_case_page_shows_the_keyboard_legend_and_loads_the_script(
    client, moderator, group, clinician, django_capture_on_commit_callbacks
):
    case = held_case(django_capture_on_commit_callbacks, clinician, group)
    sign_in_with_totp(client, moderator)
    page = client.get(case_url(case)).content.decode()
    assert 'id="keyboard-shortcuts"' in page and "<kbd>a</kbd>" in page
    assert "<kbd>e</kbd>" in page and "<kbd>h</kbd>" in page and "<kbd>j</kbd>" in page
    assert "moderation/case_keys" in page
