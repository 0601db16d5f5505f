"""Who may read (issue 22 item 2): topic bodies are for members with a current verified
license (or moderators using their powers), decided by accounts.access.can_read_topics.
Everyone else sees groups' descriptions, purposes, rules and topic titles at most, and an
explanation with the way to fix their license wherever bodies would be."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from accounts.access import can_read_topics, holds_current_license, reading_block_reason
from accounts.models import User
from forum import thread_html
from forum.models import Group
from forum.posting import reply_create, topic_create
from notifications.models import Notification
from tests import factories
from tests.accounts.helpers import (
    UNLICENSED_STANDINGS,
    give_license_in_standing,
    grant_verified_license,
    sign_in_with_totp,
    with_powers,
)
from tests.conftest import make_verified_clinician

pytestmark = pytest.mark.django_db

BODY = factories.content().body  # the topic fixture's first post


def _member(group: Group, standing: str, **kwargs: object) -> User:
    user = factories.UserFactory(**kwargs)
    give_license_in_standing(user, standing)
    factories.MembershipFactory(group=group, user=user)
    return user


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("standing", UNLICENSED_STANDINGS)
def test_no_current_license_reads_no_topic_bodies(standing):
    user = factories.UserFactory()
    give_license_in_standing(user, standing)
    assert not holds_current_license(user)
    assert not can_read_topics(user)
    assert reading_block_reason(user) is not None


def test_a_current_verified_license_reads(clinician):
    assert holds_current_license(clinician) and can_read_topics(clinician)
    assert reading_block_reason(clinician) is None


def test_moderators_and_staff_read_with_their_powers_only():
    moderator = factories.UserFactory(is_moderator=True)
    staff = factories.UserFactory(is_staff=True)
    for user in (moderator, staff):
        assert not can_read_topics(user)  # no license, and no TOTP-passed session
        assert can_read_topics(with_powers(User.objects.get(pk=user.pk)))
    assert "authenticator" in reading_block_reason(moderator)


def test_a_deactivated_member_reads_nothing(clinician):
    clinician.is_active = False
    assert not can_read_topics(clinician)


@pytest.mark.parametrize(
    ("standing", "says", "links_to"),
    [
        ("no_license", "Declare your license", "accounts:license_add"),
        ("pending", "awaiting verification", "accounts:profile"),
        ("lapsed", "has expired", "accounts:license_add"),
        ("expired", "has expired", "accounts:license_add"),
        ("rejected", "could not be verified or was revoked", "accounts:license_add"),
        ("revoked", "could not be verified or was revoked", "accounts:license_add"),
    ],
)
def test_opening_a_topic_explains_why_and_how_to_fix_it(
    client, group, topic, standing, says, links_to
):
    reader = _member(group, standing)
    client.force_login(reader)
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 403
    html = response.content.decode()
    assert topic.title in html and says in html
    assert f'href="{reverse(links_to)}' in html
    assert BODY not in html
    assert "You can't do that here" not in html  # not the bare 403 page


def test_every_body_reading_url_refuses_with_the_explanation(client, group, topic, other_clinician):
    with_reply = reply_create(
        author=other_clinician, topic=topic, content=factories.content("Try a slower ladder.")
    )
    post = topic.posts.get(number=1)
    reader = _member(group, "pending")
    client.force_login(reader)
    urls = [
        reverse("forum:post", args=[post.pk]),
        reverse("forum:post_history", args=[post.pk]),
        reverse("forum:revision", args=[post.pk, 1]),
        reverse("forum:reply", args=[topic.pk]),
        reverse("forum:reply", args=[topic.pk]) + f"?to={with_reply.pk}",
        reverse("forum:member", args=[topic.author_id]),
        reverse("forum:search") + "?q=adolescent",
    ]
    for url in urls:
        response = client.get(url, follow=True)
        html = response.content.decode()
        assert response.status_code == 403, url
        assert "awaiting verification" in html, url
        assert BODY not in html and "slower ladder" not in html, url


def test_search_explains_instead_of_matching(client, group, topic):
    client.force_login(_member(group, "expired"))
    response = client.get(reverse("forum:search"), {"q": "adolescent"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "has expired" in html and "Search looks inside posts" in html
    assert topic.title not in html and "adolescent" not in html.split("<main", 1)[1]


def test_the_group_page_and_home_show_titles_and_why_not_more(client, group, topic):
    client.force_login(_member(group, "pending"))
    group_html = client.get(group.get_absolute_url()).content.decode()
    assert topic.title in group_html and "You see these topics' titles only" in group_html
    assert BODY not in group_html
    home = client.get(reverse("forum:home")).content.decode()
    assert topic.title in home and "Before you can read topics" in home
    assert BODY not in home


def test_a_private_groups_topic_stays_a_404_for_an_unlicensed_outsider(
    client, organizer, django_capture_on_commit_callbacks
):
    private = factories.GroupFactory(created_by=organizer, slug="closed", is_private=True)
    factories.MembershipFactory(group=private, user=organizer)
    with django_capture_on_commit_callbacks(execute=True):
        topic = topic_create(
            author=organizer,
            group=private,
            title="A closed circle question",
            purpose=factories.DEFAULT_PURPOSE,
            content=factories.content(),
        )
    outsider = factories.UserFactory()
    client.force_login(outsider)
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 404
    assert topic.title not in response.content.decode()
    # A member of it without a license sees its title and the explanation.
    member = _member(private, "no_license")
    client.force_login(member)
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 403 and topic.title in response.content.decode()


def test_an_author_without_a_current_license_still_reads_their_own_posts(
    client, group, django_capture_on_commit_callbacks
):
    author = make_verified_clinician()
    factories.MembershipFactory(group=group, user=author)
    with django_capture_on_commit_callbacks(execute=True):
        topic = topic_create(
            author=author,
            group=group,
            title="My own question",
            purpose=factories.DEFAULT_PURPOSE,
            content=factories.content("My own words about a stalled exposure ladder."),
        )
    author.licenses.update(state="expired")
    post = topic.posts.get(number=1)
    client.force_login(author)
    response = client.get(reverse("forum:post", args=[post.pk]))
    assert response.url == reverse("forum:post_history", args=[post.pk])
    history = client.get(response.url)
    assert history.status_code == 200 and "Version 1" in history.content.decode()
    revision = client.get(reverse("forum:revision", args=[post.pk, 1]))
    assert "stalled exposure ladder" in revision.content.decode()
    profile = client.get(reverse("forum:member", args=[author.pk]))
    assert profile.status_code == 200 and "My own question" in profile.content.decode()
    # The thread opens on their own posts only (test below).
    assert client.get(topic.get_absolute_url()).status_code == 200


def test_an_author_whose_license_lapsed_opens_their_topic_on_their_own_posts_only(
    client, group, other_clinician, django_capture_on_commit_callbacks
):
    author = make_verified_clinician()
    factories.MembershipFactory(group=group, user=author)
    with django_capture_on_commit_callbacks(execute=True):
        topic = topic_create(
            author=author,
            group=group,
            title="My own question",
            purpose=factories.DEFAULT_PURPOSE,
            content=factories.content("My own words about a stalled exposure ladder."),
        )
        reply_create(
            author=other_clinician,
            topic=topic,
            content=factories.content("A colleague's answer about graded hierarchies."),
        )
        reply_create(
            author=author, topic=topic, content=factories.content("My follow-up on the ladder.")
        )
    author.licenses.update(state="expired")
    client.force_login(author)
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "My own question" in page
    assert "stalled exposure ladder" in page and "My follow-up on the ladder" in page
    assert "graded hierarchies" not in page
    # The same notice as the refusal says why the rest is closed and how to fix it.
    assert str(reading_block_reason(author)) in page
    assert reverse("forum:post_history", args=[topic.posts.get(number=1).pk]) in page
    # Nothing to reply with, and nobody else's page: a member without posts there is refused.
    assert reverse("forum:reply", args=[topic.pk]) not in page
    stranger = _member(group, "expired")
    refused = _client(stranger).get(topic.get_absolute_url())
    assert refused.status_code == 403 and "stalled exposure ladder" not in refused.content.decode()


def test_a_cached_thread_page_is_never_served_to_an_unlicensed_reader(group, topic, clinician):
    licensed = thread_html.Reader(user=clinician, is_member=True, moderates=False)
    assert thread_html.shared_page(reader=licensed, topic=topic, number=1) is not None
    reader = _member(group, "revoked")
    unlicensed = thread_html.Reader(user=reader, is_member=True, moderates=False)
    assert not unlicensed.reads_topics
    with pytest.raises(PermissionDenied):
        thread_html.shared_page(reader=unlicensed, topic=topic, number=1)


def test_a_licensed_thread_page_in_the_cache_does_not_reach_an_unlicensed_member(
    group, topic, clinician
):
    assert BODY in _client(clinician).get(topic.get_absolute_url()).content.decode()
    response = _client(_member(group, "lapsed")).get(topic.get_absolute_url())
    assert response.status_code == 403 and BODY not in response.content.decode()


def test_unlicensed_members_are_not_told_of_posts(
    group, topic, other_clinician, django_capture_on_commit_callbacks, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    pending = _member(group, "pending", handle="penny")
    licensed = make_verified_clinician(handle="lena")
    with django_capture_on_commit_callbacks(execute=True):
        reply_create(
            author=other_clinician,
            topic=topic,
            content=factories.content("Asking @penny and @lena: zebrafinch ladders?"),
        )
    assert Notification.objects.filter(recipient=licensed).exists()
    assert not Notification.objects.filter(recipient=pending).exists()
    assert all(pending.email not in message.to for message in mail.outbox)


def test_a_notice_from_before_a_lapse_is_hidden_until_the_license_is_current(
    client, group, topic, other_clinician, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reply_create(author=other_clinician, topic=topic, content=factories.content("A reply."))
    author = topic.author
    assert Notification.objects.filter(recipient=author).exists()
    client.force_login(author)
    assert "replied in" in client.get(reverse("notifications:list")).content.decode()
    author.licenses.update(state="revoked")
    assert "replied in" not in client.get(reverse("notifications:list")).content.decode()
    grant_verified_license(author)
    assert "replied in" in client.get(reverse("notifications:list")).content.decode()


def test_a_moderator_without_a_license_reads_in_a_totp_session_only(client, group, topic):
    moderator = factories.UserFactory(is_moderator=True)
    client.force_login(moderator)
    refused = client.get(topic.get_absolute_url())
    assert refused.status_code == 403 and "authenticator" in refused.content.decode()
    sign_in_with_totp(client, moderator)
    assert BODY in client.get(topic.get_absolute_url()).content.decode()


def test_the_session_user_carries_the_license_date_in_its_own_query(
    client, clinician, django_assert_num_queries, require_postgres
):
    """The rule costs no query of its own on a page that reads the user (the session's
    user query brings the latest verified expiry date)."""
    from accounts.backends import CURRENT_LICENSE_ATTRIBUTE, ModelBackend

    user = ModelBackend().get_user(clinician.pk)
    assert CURRENT_LICENSE_ATTRIBUTE in user.__dict__
    with django_assert_num_queries(0):
        assert can_read_topics(user)


def test_a_page_reads_no_license_of_its_own_for_the_session_user(
    client, clinician, topic, require_postgres
):
    """The request's user (a lazy object around the session's user) carries the date too:
    neither the thread page nor the group page asks the licenses table again."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(clinician)
    for path in (topic.get_absolute_url(), topic.group.get_absolute_url()):
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        license_reads = [
            q["sql"]
            for q in queries
            if q["sql"].startswith(
                (
                    'SELECT %s AS "a" FROM "accounts_license"',
                    'SELECT 1 AS "a" FROM "accounts_license"',
                )
            )
        ]
        assert license_reads == [], license_reads


def test_signup_and_visitor_pages_say_topics_need_a_verified_license(client, group, topic):
    signup = client.get(reverse("account_signup")).content.decode()
    assert "Topics are for clinicians with a verified license" in signup
    assert "Until it is verified you see groups' descriptions" in signup
    visitor = client.get(group.get_absolute_url()).content.decode()
    assert "Topics are for clinicians with a verified license" in visitor
    assert topic.title not in visitor


def test_no_digest_and_no_watch_notices_without_a_current_license(
    group, clinician, mailoutbox, django_capture_on_commit_callbacks
):
    """The digest quotes posts' text and watch notices name every new topic: neither goes
    to a member whose license lapsed, until it is current again."""
    from datetime import timedelta

    from django.utils import timezone

    from forum import digests
    from forum.choices import NotifyLevel
    from forum.models import Membership
    from notifications.choices import DigestFrequency, NotificationKind
    from tests.moderation.helpers import new_topic

    lapsed = _member(group, "lapsed")
    licensed = make_verified_clinician()
    factories.MembershipFactory(group=group, user=licensed)
    for user in (lapsed, licensed):
        Membership.objects.filter(user=user, group=group).update(notify_level=NotifyLevel.WATCH)
        User.objects.filter(pk=user.pk).update(digest=DigestFrequency.DAILY)
    new_topic(
        django_capture_on_commit_callbacks,
        author=clinician,
        group=group,
        title="Pacing exposure with teens",
    )
    assert Notification.objects.filter(recipient=licensed, kind=NotificationKind.WATCHED)
    assert not Notification.objects.filter(recipient=lapsed, kind=NotificationKind.WATCHED)
    mailoutbox.clear()
    now = timezone.now() + timedelta(minutes=1)
    assert not digests.send_digest(User.objects.get(pk=lapsed.pk), now)
    assert mailoutbox == []
    assert digests.send_digest(User.objects.get(pk=licensed.pk), now)
    assert "Pacing exposure with teens" in mailoutbox[0].body
    assert mailoutbox[0].to == [licensed.email]
