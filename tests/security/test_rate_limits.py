"""Abuse limits: sign-up, login, password reset (allauth); posts, edits, draft checks,
flags and join requests (one mechanism, config/ratelimit.py).

Each test drives the real view until the limit, then checks that the next attempt is
refused, that nothing was stored for it, and that the person is told why in words.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from accounts.models import User
from config import ratelimit
from forum.choices import Disclaimer, TopicPurpose
from forum.models import Group, Post, Topic

pytestmark = pytest.mark.django_db

RIGHT_PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's


@pytest.fixture(autouse=True)
def _fresh_counters(settings: object) -> None:
    cache.clear()
    # Failed logins still hash; a cheap hasher keeps these tests quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]  # noqa: E501


def _topic_data(n: int) -> dict[str, object]:
    return {
        "title": f"Question {n} about supervision hours",
        "purpose": TopicPurpose.REGULATION,
        "body": f"Does supervision hour {n} count under the new rule?",
        "trigger_warnings": ["none"],
        "disclaimer": Disclaimer.NOT_CLINICAL_ADVICE,
    }


def test_the_production_settings_set_every_limit() -> None:
    # The suite runs with the posting, edit and join limits off (TESTING); production has
    # them on.
    for action in ("login", "login_failed", "signup", "reset_password"):
        assert settings.ACCOUNT_RATE_LIMITS[action]
    for limit in ("FORUM_DRAFT_CHECK_RATE_LIMIT", "MODERATION_FLAG_RATE_LIMIT"):
        assert ratelimit.parse(getattr(settings, limit)), limit
    assert ratelimit.parse("8/m,60/h") == [
        ratelimit.Window(8, 60, "minute"),
        ratelimit.Window(60, 3600, "hour"),
    ]


def test_posting_stops_at_the_limit_with_a_clear_message(
    client: Client, clinician: User, group: Group, settings: object
) -> None:
    settings.FORUM_POSTING_RATE_LIMIT = "3/m"  # type: ignore[attr-defined]
    client.force_login(clinician)
    url = reverse("forum:topic_create", args=[group.slug])
    for n in range(3):
        assert client.post(url, _topic_data(n)).status_code == 302
    refused = client.post(url, _topic_data(99))
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "limit of 3 new posts per minute" in page
    assert "Your draft is still here" in page
    assert "Question 99 about supervision hours" in page  # the draft is kept in the form
    assert not Topic.objects.filter(title="Question 99 about supervision hours").exists()


def test_replies_count_toward_the_same_limit(
    client: Client, other_clinician: User, topic: Topic, settings: object
) -> None:
    settings.FORUM_POSTING_RATE_LIMIT = "2/m"  # type: ignore[attr-defined]
    client.force_login(other_clinician)
    url = reverse("forum:reply", args=[topic.pk])
    data = _topic_data(1)
    for n in range(2):
        data["body"] = f"Reply number {n}"
        assert client.post(url, data).status_code == 302
    before = Post.objects.count()
    data["body"] = "One reply too many"
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "limit of 2 new posts per minute" in refused.content.decode()
    assert Post.objects.count() == before


def test_one_member_at_the_limit_does_not_stop_another(
    client: Client, clinician: User, other_clinician: User, group: Group, settings: object
) -> None:
    settings.FORUM_POSTING_RATE_LIMIT = "1/m"  # type: ignore[attr-defined]
    url = reverse("forum:topic_create", args=[group.slug])
    client.force_login(clinician)
    assert client.post(url, _topic_data(1)).status_code == 302
    assert client.post(url, _topic_data(2)).status_code == 200
    other = Client()
    other.force_login(other_clinician)
    assert other.post(url, _topic_data(3)).status_code == 302


def test_a_refused_draft_does_not_use_up_the_limit(
    client: Client, clinician: User, group: Group, settings: object
) -> None:
    settings.FORUM_POSTING_RATE_LIMIT = "1/m"  # type: ignore[attr-defined]
    client.force_login(clinician)
    url = reverse("forum:topic_create", args=[group.slug])
    assert client.post(url, {**_topic_data(1), "body": "   "}).status_code == 200
    assert client.post(url, _topic_data(1)).status_code == 302


def test_edits_stop_at_the_limit_with_a_clear_message(
    client: Client, clinician: User, topic: Topic, settings: object
) -> None:
    settings.FORUM_EDIT_RATE_LIMIT = "2/m"  # type: ignore[attr-defined]
    client.force_login(clinician)
    post = topic.posts.get(number=1)
    url = reverse("forum:post_edit", args=[post.pk])
    data = {**_topic_data(0), "reason": "clarify"}
    for n in range(2):
        data["body"] = f"the question now asks about supervision hour {n} too"
        assert client.post(url, data).status_code == 302
    data["body"] = "one edit too many"
    refused = client.post(url, data)
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "You have reached the limit of 2 edits per minute." in page
    assert "Your edit is still here." in page and "one edit too many" in page
    assert post.revisions.count() == 3
    assert not post.revisions.filter(body="one edit too many").exists()


def test_join_requests_stop_at_the_limit_with_a_clear_message(
    client: Client, outsider: User, group: Group, settings: object
) -> None:
    """Leaving and asking again notifies the organizers each time: it is limited."""
    from forum.choices import MembershipPolicy
    from forum.models import Membership
    from notifications.models import Notification

    settings.FORUM_JOIN_RATE_LIMIT = "2/m"  # type: ignore[attr-defined]
    Group.objects.filter(pk=group.pk).update(membership_policy=MembershipPolicy.APPROVAL)
    client.force_login(outsider)
    join = reverse("forum:group_join", args=[group.slug])
    leave = reverse("forum:group_leave", args=[group.slug])
    for _ in range(2):
        assert client.post(join).status_code == 302
        assert client.post(leave).status_code == 302
    told = Notification.objects.filter(kind="membership").count()
    refused = client.post(join, follow=True)
    assert refused.status_code == 200
    assert "You have reached the limit of 2 join requests per minute." in (refused.content.decode())
    assert not Membership.objects.filter(group=group, user=outsider).exists()
    assert Notification.objects.filter(kind="membership").count() == told


def test_login_failures_are_limited_with_a_clear_message(clinician: User) -> None:
    client = Client()
    url = reverse("account_login")
    pages = [
        client.post(url, {"login": clinician.email, "password": f"wrong-{n}"}).content.decode()
        for n in range(6)
    ]
    assert "Too many failed login attempts" not in pages[0]
    assert "Too many failed login attempts. Try again later." in pages[-1]
    # The right password is refused too from this address while the limit lasts (no
    # guessing around it).
    client.post(url, {"login": clinician.email, "password": RIGHT_PASSWORD})
    assert "_auth_user_id" not in client.session


def test_logins_from_one_address_are_limited_with_a_clear_page(clinician: User) -> None:
    client = Client()
    url = reverse("account_login")
    statuses = [
        client.post(url, {"login": f"nobody{n}@example.org", "password": "x"}).status_code
        for n in range(32)
    ]
    assert statuses[-1] == 429, statuses
    page = client.post(url, {"login": "x@example.org", "password": "x"}).content.decode()
    assert "Too many attempts" in page
    assert "please wait a few minutes" in page


def test_sign_up_is_limited_per_address() -> None:
    client = Client()
    url = reverse("account_signup")
    statuses = []
    for _ in range(25):
        response = client.post(url, {"email": "bad-address", "password1": "x", "password2": "x"})
        statuses.append(response.status_code)
        client.logout()
    assert statuses[-1] == 429, statuses
    assert "Too many attempts" in client.post(url, {"email": "x"}).content.decode()


def test_password_reset_is_limited_per_email(clinician: User) -> None:
    client = Client()
    url = reverse("account_reset_password")
    statuses = [client.post(url, {"email": clinician.email}).status_code for _ in range(8)]
    assert 429 in statuses, statuses
    assert statuses.index(429) <= 6
    assert "Too many attempts" in client.post(url, {"email": clinician.email}).content.decode()


def _check_submit(n: int) -> dict[str, object]:
    # The composer's "Check my post" button submitted without htmx (no JavaScript).
    return {**_topic_data(n), "check": "1", "composer": "topic"}


def test_the_no_js_draft_check_is_limited_with_a_clear_message(
    client: Client, clinician: User, group: Group, settings: object
) -> None:
    from forum.models import NudgeEvent

    settings.FORUM_DRAFT_CHECK_RATE_LIMIT = "3/m"  # type: ignore[attr-defined]
    client.force_login(clinician)
    url = reverse("forum:topic_create", args=[group.slug])
    for n in range(3):
        answer = client.post(url, _check_submit(n))
        assert answer.status_code == 200
        assert "draft checks per minute" not in answer.content.decode()
    checks_recorded = NudgeEvent.objects.count()
    refused = client.post(url, _check_submit(99))
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "You have reached the limit of 3 draft checks per minute." in page
    assert "Please wait a minute and try again." in page
    assert "Question 99 about supervision hours" in page  # the draft stays in the form
    assert NudgeEvent.objects.count() == checks_recorded  # the refused check did not run
    assert not Topic.objects.exists()


def test_the_htmx_and_no_js_draft_checks_share_one_budget(
    client: Client, clinician: User, other_clinician: User, group: Group, settings: object,
) -> None:  # fmt: skip
    settings.FORUM_DRAFT_CHECK_RATE_LIMIT = "2/m"  # type: ignore[attr-defined]
    client.force_login(clinician)
    create_url = reverse("forum:topic_create", args=[group.slug])
    check_url = reverse("forum:draft_check")
    htmx = {"body": "Does supervision count?", "composer": "topic", "title": "Q"}
    assert client.post(check_url, htmx, HTTP_HX_REQUEST="true").status_code == 200
    assert client.post(create_url, _check_submit(1)).status_code == 200
    limited = client.post(check_url, htmx, HTTP_HX_REQUEST="true")
    assert limited.status_code == 429
    assert "Please wait a minute and try again." in limited.content.decode()
    page = client.post(create_url, _check_submit(2)).content.decode()
    assert "You have reached the limit of 2 draft checks per minute." in page
    # The budget is per member.
    client.force_login(other_clinician)
    assert (
        "draft checks per minute" not in client.post(create_url, _check_submit(3)).content.decode()
    )


def test_flagging_stops_at_the_hourly_limit_with_a_clear_message(
    client: Client, clinician: User, other_clinician: User, group: Group,
    django_capture_on_commit_callbacks: object,
) -> None:  # fmt: skip
    from moderation.models import Flag

    flags_per_hour = ratelimit.parse(settings.MODERATION_FLAG_RATE_LIMIT)[0].count  # type: ignore[attr-defined]

    client.force_login(clinician)
    create_url = reverse("forum:topic_create", args=[group.slug])
    # Screening runs after commit; until then a post is not shown to other members.
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        for n in range(flags_per_hour + 1):
            assert client.post(create_url, _topic_data(n)).status_code == 302
    posts = list(Post.objects.filter(topic__group=group).order_by("pk"))
    client.force_login(other_clinician)
    for post in posts[:flags_per_hour]:
        answer = client.post(reverse("moderation:flag", args=[post.pk]), {"reason": "privacy"})
        assert answer.status_code == 302
    refused = client.post(reverse("moderation:flag", args=[posts[-1].pk]), {"reason": "privacy"})
    assert refused.status_code in (200, 400, 429)
    page = refused.content.decode()
    assert f"You have reached the limit of {flags_per_hour} flags per hour." in page
    assert "Moderators will see the flags you have already raised." in page
    assert Flag.objects.filter(member=other_clinician).count() == flags_per_hour
    assert not Flag.objects.filter(post=posts[-1]).exists()


def test_an_attackers_failures_do_not_lock_the_clinician_out(clinician: User) -> None:
    url = reverse("account_login")
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    pages = [
        attacker.post(url, {"login": clinician.email, "password": f"guess-{n}"}).content.decode()
        for n in range(8)
    ]
    assert "Too many failed login attempts" in pages[-1]
    attacker.post(url, {"login": clinician.email, "password": RIGHT_PASSWORD})
    assert "_auth_user_id" not in attacker.session  # the attacker's address stays refused
    own = Client(REMOTE_ADDR="198.51.100.7")
    own.post(url, {"login": clinician.email, "password": RIGHT_PASSWORD})
    assert own.session.get("_auth_user_id") == str(clinician.pk)
