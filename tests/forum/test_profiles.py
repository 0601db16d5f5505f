"""Member profiles (#22.11): bylines link to them; they show only what the viewer may read."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from accounts.models import User
from forum.choices import PostStatus, TopicPurpose
from forum.models import Group, Membership, Post
from forum.posting import reply_create, topic_create
from tests import factories
from tests.accounts.helpers import sign_in_with_totp

pytestmark = pytest.mark.django_db


def _profile(client, member: User) -> str:
    response = client.get(reverse("forum:member", args=[member.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _topic(group: Group, author: User, title: str, capture) -> Post:
    with capture(execute=True):
        topic = topic_create(
            author=author,
            group=group,
            title=title,
            purpose=TopicPurpose.CASE_CONSULTATION,
            content=factories.content(f"Body of {title}"),
        )
    return topic.posts.get(number=1)


@pytest.fixture
def private_group(organizer, clinician) -> Group:
    group = factories.GroupFactory(
        created_by=organizer, name="Private Supervision Circle", slug="circle", is_private=True
    )
    factories.MembershipFactory(group=group, user=organizer, role=Membership.Role.ORGANIZER)
    factories.MembershipFactory(group=group, user=clinician)
    return group


@pytest.fixture
def posts(group, private_group, clinician, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    made = {
        status: _topic(group, clinician, f"Topic that is {status}", capture)
        for status in (
            PostStatus.PUBLISHED,
            PostStatus.HELD,
            PostStatus.PENDING,
            PostStatus.SCHEDULED,
            PostStatus.WITHDRAWN,
            PostStatus.HIDDEN,
        )
    }
    for status, post in made.items():
        Post.objects.filter(pk=post.pk).update(status=status)
    made["private"] = _topic(private_group, clinician, "Topic in the private circle", capture)
    return made


def test_bylines_on_thread_pages_and_lists_link_to_the_profile(client, clinician, topic):
    client.force_login(clinician)
    profile_url = reverse("forum:member", args=[clinician.pk])
    thread = client.get(topic.get_absolute_url()).content.decode()
    assert re.search(
        rf'<a class="byline" href="{profile_url}" title="Dana Reyes · @dana">.*Dana Reyes', thread
    )
    listing = client.get(topic.group.get_absolute_url()).content.decode()
    assert f'<a class="author-link" href="{profile_url}">Dana Reyes</a>' in listing


def test_a_profile_shows_name_badges_and_the_groups_the_viewer_may_see(
    client, clinician, outsider, organizer, group, private_group
):
    User.objects.filter(pk=clinician.pk).update(credentials_suffix="LCSW")
    client.force_login(outsider)
    page = _profile(client, clinician)
    assert "<h1>Dana Reyes, LCSW</h1>" in page
    assert "LCSW · Oregon · verified" in page
    assert group.name in page and private_group.name not in page
    client.force_login(organizer)  # a fellow member of the private group
    assert private_group.name in _profile(client, clinician)


def test_recent_posts_are_only_published_ones_in_groups_the_viewer_reads(
    client, clinician, outsider, organizer, moderator, posts
):
    # Whoever may read the group's topics (forum.access.readable_groups_q: its members, and
    # global moderators in a session that passed TOTP) sees its posts listed; nobody else
    # learns of them. A moderator with a password alone reads as a member.
    for viewer, sees_private in ((outsider, False), (moderator, False), (clinician, True)):
        client.force_login(viewer)
        page = _profile(client, clinician)
        assert "Topic that is published" in page
        for status in ("held", "pending", "scheduled", "withdrawn", "hidden"):
            assert f"Topic that is {status}" not in page, (viewer, status)
        assert ("Topic in the private circle" in page) == sees_private, viewer
        assert "Body of" not in page  # titles and links only, never a post's text
    client.force_login(organizer)
    assert "Topic in the private circle" in _profile(client, clinician)
    client.logout()
    sign_in_with_totp(client, moderator)
    page = _profile(client, clinician)
    assert "Topic in the private circle" in page and "Topic that is held" not in page


def test_a_profile_is_for_readers_of_the_forum(client, clinician, outsider):
    url = reverse("forum:member", args=[clinician.pk])
    assert "/accounts/login/" in client.get(url)["Location"]
    client.force_login(outsider)
    assert client.get(reverse("forum:member", args=[2**63])).status_code == 404
    User.objects.filter(pk=clinician.pk).update(deactivated_at=clinician.date_joined)
    assert client.get(url).status_code == 404


def test_a_profile_page_takes_few_queries(
    client, outsider, clinician, posts, django_assert_max_num_queries
):
    client.force_login(outsider)
    _profile(client, clinician)
    with django_assert_max_num_queries(12):
        _profile(client, clinician)


def test_a_renamed_member_shows_at_once_in_cached_topic_lists(
    client, clinician, other_clinician, topic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reply_create(author=other_clinician, topic=topic, content=factories.content("Hi"))
    client.force_login(other_clinician)
    url = topic.group.get_absolute_url()
    assert "Dana Reyes" in client.get(url).content.decode()  # now cached
    client.force_login(clinician)
    client.post(
        reverse("accounts:settings"),
        {
            "display_name": "Dana Reyes-Okafor",
            "credentials_suffix": "LCSW",
            "time_zone": "UTC",
            "email_notices": "each",
        },
    )
    client.force_login(other_clinician)
    listing = client.get(url).content.decode()
    assert "Dana Reyes-Okafor, LCSW" in listing and "Dana Reyes<" not in listing
    thread = client.get(topic.get_absolute_url()).content.decode()
    assert "Dana Reyes-Okafor, LCSW" in thread


def test_a_new_picture_shows_at_once_on_a_cached_thread_page(client, clinician, topic):
    client.force_login(clinician)
    before = client.get(topic.get_absolute_url()).content.decode()
    assert 'class="avatar avatar-small initials' in before
    User.objects.filter(pk=clinician.pk).update(avatar="avatars/" + "ab" * 16 + ".jpg")
    after = client.get(topic.get_absolute_url()).content.decode()
    assert f'src="/members/{clinician.pk}/picture/{"ab" * 16}.jpg"' in after
