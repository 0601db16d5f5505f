"""Penalties (issue 21 items 3 and 4): suspend or silence for hours, days, until a moment or
indefinitely; what each blocks; lifting with a reason; the author's history on the case
page; canned replies and "hide and message"."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts import standing
from accounts.access import posting_block_reason
from accounts.models import Suspension, SuspensionKind, SuspensionLift
from config.append_only import AppendOnlyError
from forum.choices import PostStatus
from forum.models import Post
from forum.posting import post_edit, reply_create, topic_create
from forum.scheduling import ReleaseBlocked, release_scheduled
from moderation import cases, penalties
from moderation.models import ActionKind, CannedReply, Case, CaseState, FlagReason
from notifications.choices import NotificationKind
from notifications.models import Notification
from tests import factories
from tests.accounts.helpers import sign_in_with_totp, with_powers
from tests.conftest import make_verified_clinician
from tests.moderation.helpers import CLEAN, IDENTIFYING, first_post, new_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def held_case(group, clinician, django_capture_on_commit_callbacks) -> Case:
    post = first_post(
        new_topic(
            django_capture_on_commit_callbacks, author=clinician, group=group, body=IDENTIFYING
        )
    )
    return Case.objects.get(post=post)


def case_url(case: Case) -> str:
    return reverse("admin:moderation_case_change", args=[case.pk])


def penalise(client, case: Case, action: str = ActionKind.SUSPEND, **fields):
    data = {"action": action, "reason": "Identifiers again", "post_after": "hide", **fields}
    return client.post(case_url(case), data)


def latest_notice(user) -> Notification:
    return Notification.objects.filter(recipient=user, kind=NotificationKind.MODERATION).latest(
        "id"
    )


# Lengths


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"penalty_length": "3", "penalty_unit": "hours"}, timedelta(hours=3)),
        ({"penalty_length": "10", "penalty_unit": "days"}, timedelta(days=10)),
    ],
)
def test_a_suspension_lasts_the_hours_or_days_chosen_on_the_case_page(
    client, moderator, held_case, clinician, fields, expected
):
    sign_in_with_totp(client, moderator)
    before = timezone.now()
    response = penalise(client, held_case, **fields)
    assert response.status_code == 302
    suspension = Suspension.objects.get(user=clinician)
    assert suspension.kind == SuspensionKind.SUSPEND
    assert before + expected <= suspension.ends_at <= timezone.now() + expected
    assert "suspended" in str(posting_block_reason(clinician))


def test_until_a_moment_is_read_in_the_moderators_time_zone(
    client, moderator, held_case, clinician
):
    moderator.time_zone = "America/Chicago"
    moderator.save(update_fields=["time_zone"])
    sign_in_with_totp(client, moderator)
    day = (timezone.now() + timedelta(days=5)).date()
    penalise(client, held_case, penalty_unit="until", penalty_until=f"{day:%Y-%m-%d}T09:30")
    suspension = Suspension.objects.get(user=clinician)
    chicago = datetime(day.year, day.month, day.day, 9, 30, tzinfo=ZoneInfo("America/Chicago"))
    assert suspension.ends_at == chicago


def test_an_indefinite_suspension_has_no_end_and_says_so(client, moderator, held_case, clinician):
    sign_in_with_totp(client, moderator)
    penalise(client, held_case, penalty_unit="indefinite")
    suspension = Suspension.objects.get(user=clinician)
    assert suspension.ends_at is None
    assert Suspension.objects.in_force().filter(pk=suspension.pk).exists()
    assert "until a moderator lifts it" in str(posting_block_reason(clinician))
    assert "indefinitely" in latest_notice(clinician).message
    action = held_case.actions.get(action=ActionKind.SUSPEND)
    assert action.suspension == suspension and action.suspended_until is None


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"penalty_unit": "days"},
        {"penalty_length": "0", "penalty_unit": "hours"},
        {"penalty_length": "366", "penalty_unit": "days"},
        {"penalty_unit": "until"},
        {"penalty_unit": "until", "penalty_until": "2001-01-01T10:00"},
        {"penalty_unit": "fortnights", "penalty_length": "2"},
    ],
)
def test_a_missing_or_bad_length_changes_nothing_and_says_why(
    client, moderator, held_case, clinician, fields
):
    sign_in_with_totp(client, moderator)
    response = penalise(client, held_case, **fields)
    assert response.status_code == 200
    assert b"errorlist" in response.content or b"messagelist" in response.content
    assert not Suspension.objects.filter(user=clinician).exists()
    held_case.refresh_from_db()
    assert held_case.state != CaseState.RESOLVED


def test_penalty_end_rejects_a_past_moment_and_accepts_each_unit():
    now = timezone.now()
    assert penalties.penalty_end(2, "hours", None, now=now).ends_at == now + timedelta(hours=2)
    assert penalties.penalty_end(2, "days", None, now=now).ends_at == now + timedelta(days=2)
    assert penalties.penalty_end(None, "indefinite", None, now=now).ends_at is None
    later = now + timedelta(days=1)
    assert penalties.penalty_end(None, "until", later, now=now).ends_at == later
    with pytest.raises(ValidationError):
        penalties.penalty_end(None, "until", now - timedelta(minutes=1), now=now)


def test_a_suspension_ends_by_itself(clinician, moderator):
    suspension = standing.suspend(
        user=clinician, ends_at=timezone.now() + timedelta(hours=1), reason="x", by=moderator
    )
    assert posting_block_reason(clinician) is not None
    Suspension.objects.filter(pk=suspension.pk).update(
        ends_at=timezone.now() - timedelta(seconds=1)
    )
    assert posting_block_reason(clinician) is None


# Silence: read-only


@pytest.fixture
def silenced(client, moderator, held_case, clinician) -> Suspension:
    sign_in_with_totp(client, moderator)
    penalise(client, held_case, action=ActionKind.SILENCE, penalty_length="2", penalty_unit="days")
    client.logout()
    return Suspension.objects.get(user=clinician)


def test_silencing_from_the_case_page_records_a_silence_and_tells_the_author(silenced, clinician):
    assert silenced.kind == SuspensionKind.SILENCE
    reason = str(posting_block_reason(clinician))
    assert "silenced" in reason and "read and appeal" in reason and "until" in reason
    notice = latest_notice(clinician)
    assert "silenced you" in notice.message and "until" in notice.message


def test_a_silenced_member_cannot_post_reply_edit_or_flag(
    topic, silenced, clinician, group, other_clinician, django_capture_on_commit_callbacks
):
    with pytest.raises(PermissionDenied, match="silenced"):
        topic_create(
            author=clinician,
            group=group,
            title="Another question",
            purpose=factories.DEFAULT_PURPOSE,
            content=factories.content(CLEAN),
        )
    with pytest.raises(PermissionDenied, match="silenced"):
        reply_create(author=clinician, topic=topic, content=factories.content(CLEAN))
    own = first_post(topic)
    with pytest.raises(PermissionDenied, match="silenced"):
        post_edit(editor=clinician, post=own, content=factories.content(CLEAN), reason="typo")
    with django_capture_on_commit_callbacks(execute=True):
        theirs = reply_create(author=other_clinician, topic=topic, content=factories.content(CLEAN))
    with pytest.raises(ValidationError, match="silenced"):
        cases.flag_post(member=clinician, post=theirs, reason=FlagReason.INCIVILITY)


def test_a_silenced_members_scheduled_post_is_not_released(
    clinician, topic, moderator, django_capture_on_commit_callbacks
):
    scheduled = reply_create(
        author=clinician,
        topic=topic,
        content=factories.content(CLEAN),
        schedule_at=timezone.now() + timedelta(hours=2),
    )
    standing.suspend(
        user=clinician,
        ends_at=timezone.now() + timedelta(days=1),
        reason="Cooling off",
        by=moderator,
        kind=SuspensionKind.SILENCE,
    )
    Post.objects.filter(pk=scheduled.pk).update(scheduled_for=timezone.now() - timedelta(seconds=1))
    with pytest.raises(ReleaseBlocked, match="silenced"):
        release_scheduled(post_id=scheduled.pk)
    scheduled.refresh_from_db()
    assert scheduled.status == PostStatus.SCHEDULED


def test_a_silenced_member_still_reads_topics_and_can_appeal(topic, silenced, client, clinician):
    client.force_login(clinician)
    page = client.get(reverse("forum:topic", args=[topic.pk]))
    assert page.status_code == 200
    assert "silenced" in page.content.decode()
    case = silenced.moderation_actions.get().case
    response = client.post(
        reverse("moderation:case", args=[case.pk]), {"text": "The details were invented."}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.APPEALED


# Lifting


def test_a_global_moderator_lifts_a_silence_with_a_reason_and_the_member_is_told(
    silenced, client, clinician
):
    lifter = make_verified_clinician(display_name="Gail Global", is_moderator=True)
    sign_in_with_totp(client, lifter)
    case = silenced.moderation_actions.get().case
    page = client.get(case_url(case)).content.decode()
    assert 'name="lift_suspension"' in page
    response = client.post(
        case_url(case),
        {"lift_suspension": "1", "suspension": silenced.pk, "lift_reason": "Apologised"},
    )
    assert response.status_code == 302
    silenced.refresh_from_db()
    assert silenced.lifted_at is not None
    assert not Suspension.objects.in_force().filter(pk=silenced.pk).exists()
    lift = SuspensionLift.objects.get(suspension=silenced)
    assert lift.lifted_by == lifter and lift.reason == "Apologised"
    assert posting_block_reason(clinician) is None
    notice = latest_notice(clinician)
    assert "lifted your silence" in notice.message and "Apologised" in notice.message
    with pytest.raises(AppendOnlyError):
        lift.save()
    page = client.get(case_url(case)).content.decode()
    assert "Apologised" in page


def test_lifting_needs_a_reason(silenced, client, clinician):
    sign_in_with_totp(client, make_verified_clinician(is_moderator=True))
    case = silenced.moderation_actions.get().case
    client.post(
        case_url(case), {"lift_suspension": "1", "suspension": silenced.pk, "lift_reason": " "}
    )
    silenced.refresh_from_db()
    assert silenced.lifted_at is None
    assert not SuspensionLift.objects.exists()


def test_a_scoped_moderator_cannot_lift(silenced, client, group):
    scoped = make_verified_clinician(is_moderator=True)
    scoped.moderated_groups.add(group)
    sign_in_with_totp(client, scoped)
    case = silenced.moderation_actions.get().case
    page = client.get(case_url(case)).content.decode()
    assert 'name="lift_suspension"' not in page
    client.post(
        case_url(case), {"lift_suspension": "1", "suspension": silenced.pk, "lift_reason": "x"}
    )
    silenced.refresh_from_db()
    assert silenced.lifted_at is None
    with pytest.raises(PermissionDenied):
        penalties.lift_suspension(
            suspension_id=silenced.pk, moderator=with_powers(scoped), reason="x"
        )


def test_a_global_moderator_without_a_totp_session_cannot_lift(silenced, client):
    lifter = make_verified_clinician(is_moderator=True)
    client.force_login(lifter)  # password only
    case = silenced.moderation_actions.get().case
    client.post(
        case_url(case), {"lift_suspension": "1", "suspension": silenced.pk, "lift_reason": "x"}
    )
    silenced.refresh_from_db()
    assert silenced.lifted_at is None
    with pytest.raises(PermissionDenied):
        penalties.lift_suspension(suspension_id=silenced.pk, moderator=lifter, reason="x")


def test_staff_lift_and_a_lifted_suspension_cannot_be_lifted_again(silenced):
    staff = with_powers(make_verified_clinician(is_staff=True))
    penalties.lift_suspension(suspension_id=silenced.pk, moderator=staff, reason="Error")
    with pytest.raises(ValidationError):
        penalties.lift_suspension(suspension_id=silenced.pk, moderator=staff, reason="Again")
    assert SuspensionLift.objects.count() == 1


# The author's history


def test_the_case_page_shows_flags_given_received_and_their_accuracy(
    client, moderator, group, clinician, other_clinician, django_capture_on_commit_callbacks
):
    powered = with_powers(moderator)
    third = make_verified_clinician(display_name="Third Member")
    factories.MembershipFactory(group=group, user=third)
    # The clinician flags three of other_clinician's posts: one case is acted on (hide),
    # one dismissed (approve), one still open. Accuracy: 1 of 2 decided, 50%.
    posts = [
        first_post(
            new_topic(
                django_capture_on_commit_callbacks,
                author=other_clinician,
                group=group,
                title=f"Question {n}",
            )
        )
        for n in range(3)
    ]
    for post in posts:
        cases.flag_post(member=clinician, post=post, reason=FlagReason.INCIVILITY)
    for post, action in zip(posts[:2], (ActionKind.HIDE, ActionKind.APPROVE), strict=True):
        case = Case.objects.get(post=post, state__in=["open", "claimed"])
        cases.resolve_case(case_id=case.pk, moderator=powered, action=action, reason="Looked")
    # The clinician's own post is flagged by a third member: one flag received.
    own = first_post(
        new_topic(django_capture_on_commit_callbacks, author=clinician, group=group, body=CLEAN)
    )
    cases.flag_post(member=third, post=own, reason=FlagReason.MISINFORMATION)
    figures = penalties.flag_figures(clinician)
    assert figures["flags_given"] == 3
    assert figures["flags_received"] == 1
    assert figures["flags_decided"] == 2 and figures["flags_upheld"] == 1
    assert figures["flag_accuracy"] == 50
    sign_in_with_totp(client, moderator)
    case = Case.objects.get(post=own)
    page = client.get(case_url(case)).content.decode()
    assert "Flags given: 3" in page and "flags on their posts: 1" in page
    assert "flag accuracy: 50%" in page


def test_a_scoped_moderator_sees_no_history_from_other_groups(
    client, group, organizer, clinician, moderator, django_capture_on_commit_callbacks
):
    elsewhere = factories.GroupFactory(created_by=organizer, name="EMDR", slug="emdr")
    factories.MembershipFactory(group=elsewhere, user=clinician)
    away = first_post(
        new_topic(
            django_capture_on_commit_callbacks, author=clinician, group=elsewhere, body=IDENTIFYING
        )
    )
    here = first_post(
        new_topic(
            django_capture_on_commit_callbacks, author=clinician, group=group, body=IDENTIFYING
        )
    )
    cases.resolve_case(
        case_id=Case.objects.get(post=away).pk,
        moderator=with_powers(moderator),
        action=ActionKind.SUSPEND,
        reason="Secret elsewhere",
        penalty=penalties.penalty_end(1, "days", None),
        post_after="hide",
    )
    scoped = make_verified_clinician(is_moderator=True)
    scoped.moderated_groups.add(group)
    sign_in_with_totp(client, scoped)
    page = client.get(case_url(Case.objects.get(post=here))).content.decode()
    assert "Secret elsewhere" not in page
    sign_in_with_totp(client, make_verified_clinician(is_moderator=True))
    page = client.get(case_url(Case.objects.get(post=here))).content.decode()
    assert "Secret elsewhere" in page


# Canned replies: hide and message


def test_staff_manage_canned_replies_and_a_moderator_cannot(client, moderator):
    url = reverse("admin:moderation_cannedreply_add")
    data = {
        "title": "Identifiers",
        "message": "Please remove dates and record numbers.",
        "rule": "No patient identifiers.",
        "is_active": "on",
    }
    sign_in_with_totp(client, moderator)
    assert client.post(url, data).status_code == 403
    assert not CannedReply.objects.exists()
    staff = make_verified_clinician(is_staff=True)
    sign_in_with_totp(client, staff)
    assert client.post(url, data).status_code == 302
    assert CannedReply.objects.get().rule == "No patient identifiers."


def test_hide_and_message_hides_the_post_and_sends_the_edited_reply_with_its_rule(
    client, moderator, held_case, clinician
):
    reply = CannedReply.objects.create(
        title="Identifiers",
        message="Please remove the dates.",
        rule="No patient identifiers (Safe Harbor).",
    )
    CannedReply.objects.create(title="Retired", message="Old", rule="Old", is_active=False)
    sign_in_with_totp(client, moderator)
    page = client.get(case_url(held_case)).content.decode()
    assert "Please remove the dates." in page and "Retired" not in page
    response = client.post(
        case_url(held_case),
        {
            "hide_and_message": "1",
            "canned_reply": reply.pk,
            "message": "Please remove the dates and the MRN.",
        },
    )
    assert response.status_code == 302
    held_case.refresh_from_db()
    held_case.post.refresh_from_db()
    assert held_case.state == CaseState.RESOLVED and held_case.resolution == ActionKind.HIDE
    assert held_case.post.status == PostStatus.HIDDEN
    action = held_case.actions.get(action=ActionKind.HIDE)
    assert action.reason == "Please remove the dates and the MRN."
    assert action.rule == "No patient identifiers (Safe Harbor)."
    notice = latest_notice(clinician)
    assert "hid your post" in notice.message
    assert "Please remove the dates and the MRN." in notice.message
    assert "No patient identifiers (Safe Harbor)." in notice.message
    assert notice.url == reverse("moderation:case", args=[held_case.pk])
    client.force_login(clinician)
    author_page = client.get(notice.url).content.decode()
    assert "No patient identifiers (Safe Harbor)." in author_page
    assert "Please remove the dates and the MRN." in author_page


@pytest.mark.parametrize(
    "data",
    [
        {"canned_reply": "", "message": "x"},
        {"canned_reply": "999999", "message": "x"},
        {"canned_reply": "REPLY", "message": "   "},
    ],
)
def test_hide_and_message_with_bad_input_changes_nothing(
    client, moderator, held_case, clinician, data
):
    reply = CannedReply.objects.create(title="T", message="M", rule="R")
    if data["canned_reply"] == "REPLY":
        data = {**data, "canned_reply": reply.pk}
    told = Notification.objects.filter(recipient=clinician).count()
    sign_in_with_totp(client, moderator)
    response = client.post(case_url(held_case), {"hide_and_message": "1", **data})
    assert response.status_code == 302
    held_case.refresh_from_db()
    held_case.post.refresh_from_db()
    assert held_case.state != CaseState.RESOLVED
    assert held_case.post.status == PostStatus.HELD
    assert Notification.objects.filter(recipient=clinician).count() == told


def test_a_long_canned_message_is_cut_in_the_notice_but_kept_whole_on_the_case(
    moderator, held_case, clinician
):
    reply = CannedReply.objects.create(title="Long", message="x", rule="Rule R.")
    long = "Please edit. " * 60
    penalties.hide_and_message(
        case_id=held_case.pk,
        moderator=with_powers(moderator),
        canned_reply_id=reply.pk,
        message=long,
    )
    notice = latest_notice(clinician)
    assert "Rule R." in notice.message and "…" in notice.message
    assert notice.message.endswith("or appeal.")
    assert held_case.actions.get(action=ActionKind.HIDE).reason == long.strip()


def test_the_history_lists_decisions_on_earlier_cases_not_claims_or_this_case(
    moderator, group, clinician, django_capture_on_commit_callbacks
):
    from moderation.triage import author_history

    powered = with_powers(moderator)
    earlier = first_post(
        new_topic(
            django_capture_on_commit_callbacks, author=clinician, group=group, body=IDENTIFYING
        )
    )
    earlier_case = Case.objects.get(post=earlier)
    cases.claim_case(case_id=earlier_case.pk, moderator=powered)
    cases.resolve_case(
        case_id=earlier_case.pk, moderator=powered, action=ActionKind.HIDE, reason="Earlier"
    )
    now = first_post(
        new_topic(
            django_capture_on_commit_callbacks,
            author=clinician,
            group=group,
            body=IDENTIFYING,
            title="Another",
        )
    )
    this_case = Case.objects.get(post=now)
    cases.claim_case(case_id=this_case.pk, moderator=powered)
    history = author_history(clinician, exclude_case=this_case, viewer=powered)
    assert [(a.case_id, a.action) for a in history["actions"]] == [
        (earlier_case.pk, ActionKind.HIDE)
    ]
    assert [c.pk for c in history["cases"]] == [earlier_case.pk]
