"""Group topic lists (keyset pages, cached HTML) and the home page's recent topics."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from forum.choices import PostStatus, TopicPurpose
from forum.models import Group, Topic
from forum.posting import post_set_status, reply_create, topic_create, topic_set_flags
from forum.topic_lists import Cursor
from tests import factories
from tests.accounts.helpers import sign_in_with_totp

pytestmark = pytest.mark.django_db

ROW = re.compile(r'<a class="topic-title" href="/topics/(\d+)/">')
OLDER = re.compile(r'href="\?after=([^"]+)"')
NEWER = re.compile(r'href="\?before=([^"]+)"')


def _list(client, group: Group, **params: str) -> tuple[list[int], str | None, str | None]:
    response = client.get(group.get_absolute_url(), params)
    assert response.status_code == 200
    html = response.content.decode()
    older, newer = OLDER.search(html), NEWER.search(html)
    return (
        [int(pk) for pk in ROW.findall(html)],
        older.group(1) if older else None,
        newer.group(1) if newer else None,
    )


def _topics(group: Group, author: User, count: int, *, pinned: int = 0) -> list[Topic]:
    """`count` visible topics; every third pair shares a last-activity time (ties)."""
    base = timezone.now() - timedelta(days=1)
    topics = [
        Topic(
            group=group,
            author=author,
            title=f"Topic {n}",
            purpose=TopicPurpose.OTHER,
            is_visible=True,
            is_pinned=n < pinned,
            last_activity_at=base + timedelta(minutes=(n // 2) * 2 if n % 3 else n),
        )
        for n in range(count)
    ]
    created = Topic.objects.bulk_create(topics)
    # bulk_create's auto_now_add overwrote last_activity_at: set the intended times.
    for topic, wanted in zip(created, topics, strict=True):
        Topic.objects.filter(pk=topic.pk).update(last_activity_at=wanted.last_activity_at)
    return created


def _expected_order(group: Group) -> list[int]:
    return list(
        Topic.objects.filter(group=group, is_visible=True)
        .order_by("-is_pinned", "-last_activity_at", "-id")
        .values_list("pk", flat=True)
    )


def test_older_and_newer_links_walk_every_topic_once_pinned_first_with_ties(
    client, clinician, group, settings
):
    settings.FORUM_TOPICS_PER_PAGE = 7
    _topics(group, clinician, 40, pinned=3)
    expected = _expected_order(group)
    client.force_login(clinician)

    pages: list[list[int]] = []
    rows, older, newer = _list(client, group)
    assert newer is None
    pages.append(rows)
    while older:
        rows, older, newer = _list(client, group, after=older)
        assert newer is not None
        pages.append(rows)
    walked = [pk for page in pages for pk in page]
    assert walked == expected
    assert len(pages) == 6 and all(len(page) == 7 for page in pages[:-1])
    assert walked[:3] == list(
        Topic.objects.filter(group=group, is_pinned=True)
        .order_by("-last_activity_at", "-id")
        .values_list("pk", flat=True)
    )

    # Back up with "newer" from the last page: the same pages in reverse.
    back: list[list[int]] = [pages[-1]]
    rows, older, newer = _list(client, group, after=_cursor_before(pages[-1][0]))
    while newer:
        rows, older, newer = _list(client, group, before=newer)
        back.append(rows)
    assert back[::-1] == pages


def _cursor_before(topic_id: int) -> str:
    """The "older" cursor whose page starts at this topic (the row just before it)."""
    topic = Topic.objects.get(pk=topic_id)
    order = _expected_order(topic.group)
    previous = Topic.objects.get(pk=order[order.index(topic_id) - 1])
    return Cursor.of(previous).encode()


def test_a_newer_link_near_the_top_shows_the_first_page(client, clinician, group, settings):
    settings.FORUM_TOPICS_PER_PAGE = 5
    _topics(group, clinician, 12)
    expected = _expected_order(group)
    client.force_login(clinician)
    second_page_start = Topic.objects.get(pk=expected[2])
    rows, _, newer = _list(client, group, before=Cursor.of(second_page_start).encode())
    assert rows == expected[:5]
    assert newer is None


@pytest.mark.parametrize(
    "value",
    [
        "",
        "x",
        "1-2",
        "2-1-1",
        "1-99999999999999999999-1",
        "0-1-0",
        "-1-1-1",
        "１-1-1",
        "0-1-" + "9" * 40,
    ],
)
def test_malformed_cursors_show_the_first_page(client, clinician, group, value):
    _topics(group, clinician, 3)
    client.force_login(clinician)
    for param in ("after", "before"):
        rows, _, _ = _list(client, group, **{param: value})
        assert rows == _expected_order(group)


def test_the_group_page_takes_a_fixed_number_of_queries_however_many_topics(
    client, clinician, group, settings, django_assert_max_num_queries
):
    settings.FORUM_TOPICS_PER_PAGE = 10
    # As in production: a member's posting notice (three queries to make) is read from the
    # cache in the list's round trip.
    settings.FORUM_POSTING_NOTICE_CACHE_SECONDS = 30
    _topics(group, clinician, 45)
    client.force_login(clinician)
    _list(client, group)
    with django_assert_max_num_queries(4):
        rows, older, _ = _list(client, group)
    assert len(rows) == 10
    with django_assert_max_num_queries(5):
        rows, _, _ = _list(client, group, after=older)
    assert len(rows) == 10


def _publish(django_capture_on_commit_callbacks, create):  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        return create()


def test_the_cached_list_shows_a_new_topic_a_reply_a_hold_and_a_pin(
    client, clinician, other_clinician, group, topic, django_capture_on_commit_callbacks
):
    client.force_login(clinician)
    assert _list(client, group)[0] == [topic.pk]

    newer = _publish(
        django_capture_on_commit_callbacks,
        lambda: topic_create(
            author=other_clinician,
            group=group,
            title="Supervision hours",
            purpose=TopicPurpose.OTHER,
            content=factories.content("Board rules on supervision hours."),
        ),
    )
    assert _list(client, group)[0] == [newer.pk, topic.pk]

    _publish(
        django_capture_on_commit_callbacks,
        lambda: reply_create(author=other_clinician, topic=topic, content=factories.content()),
    )
    html = client.get(group.get_absolute_url()).content.decode()
    assert _list(client, group)[0] == [topic.pk, newer.pk]
    assert "1 reply" in html

    post_set_status(post_id=newer.posts.get(number=1).pk, status=PostStatus.HELD)
    assert _list(client, group)[0] == [topic.pk]

    later = _publish(
        django_capture_on_commit_callbacks,
        lambda: topic_create(
            author=other_clinician,
            group=group,
            title="Telehealth",
            purpose=TopicPurpose.OTHER,
            content=factories.content("Which state counts?"),
        ),
    )
    assert _list(client, group)[0] == [later.pk, topic.pk]
    topic_set_flags(topic=topic, pinned=True)
    assert _list(client, group)[0] == [topic.pk, later.pk]


def test_an_author_sees_their_topic_awaiting_review_and_others_do_not(
    client, clinician, other_clinician, moderator, group, topic
):
    held = topic_create(
        author=other_clinician,
        group=group,
        title="Awaiting screening",
        purpose=TopicPurpose.OTHER,
        content=factories.content(),
    )  # on_commit screening not run: the first post stays pending, the topic hidden
    client.force_login(clinician)
    assert _list(client, group)[0] == [topic.pk]  # fills the shared cache
    client.force_login(other_clinician)
    rows = _list(client, group)[0]
    assert rows == [held.pk, topic.pk]
    assert "Awaiting review" in client.get(group.get_absolute_url()).content.decode()
    sign_in_with_totp(client, moderator)
    assert _list(client, group)[0] == [held.pk, topic.pk]
    client.force_login(clinician)
    assert _list(client, group)[0] == [topic.pk]


def test_private_group_lists_stay_private_after_a_member_filled_the_cache(
    client, clinician, outsider, group, topic
):
    Group.objects.filter(pk=group.pk).update(is_private=True)
    client.force_login(clinician)
    assert topic.title in client.get(group.get_absolute_url()).content.decode()
    assert topic.title in client.get(reverse("forum:home")).content.decode()
    client.force_login(outsider)
    assert topic.title not in client.get(group.get_absolute_url()).content.decode()
    assert topic.title not in client.get(reverse("forum:home")).content.decode()


def test_home_shows_new_topics_and_drops_held_ones_despite_the_cache(
    client, clinician, other_clinician, group, topic, django_capture_on_commit_callbacks
):
    client.force_login(clinician)
    home = reverse("forum:home")
    assert topic.title in client.get(home).content.decode()
    newer = _publish(
        django_capture_on_commit_callbacks,
        lambda: topic_create(
            author=other_clinician,
            group=group,
            title="Grief groups near Portland",
            purpose=TopicPurpose.REFERRAL,
            content=factories.content("Looking for a grief group."),
        ),
    )
    html = client.get(home).content.decode()
    assert html.index(newer.title) < html.index(topic.title)
    post_set_status(post_id=newer.posts.get(number=1).pk, status=PostStatus.HIDDEN)
    assert newer.title not in client.get(home).content.decode()


def test_home_takes_a_fixed_number_of_queries(
    client, clinician, group, django_assert_max_num_queries
):
    _topics(group, clinician, 30)
    client.force_login(clinician)
    with django_assert_max_num_queries(11):
        client.get(reverse("forum:home"))
    # Session, user, readable groups, the posting notice (3, uncached in tests), unread count,
    # the reader's "N new" counts (forum/reading_positions.py).
    with django_assert_max_num_queries(9):
        html = client.get(reverse("forum:home")).content.decode()
    assert html.count('class="topic-row') == 20


@pytest.mark.parametrize("notice_seconds", [0, 30])
def test_home_shows_the_posting_notice_read_with_the_cached_list(
    client, group, topic, settings, notice_seconds
):
    from tests.conftest import make_verified_clinician

    settings.FORUM_POSTING_NOTICE_CACHE_SECONDS = notice_seconds
    # A licensed reader who may not post yet: their email is not confirmed.
    member = make_verified_clinician(verified_email=False)
    factories.MembershipFactory(group=group, user=member)
    client.force_login(member)
    for _ in range(2):  # the second request reads the notice and the list from the cache
        html = client.get(reverse("forum:home")).content.decode()
        assert "Before you can post" in html and "Verify your email" in html
        assert topic.title in html
    client.force_login(group.memberships.get(role="organizer").user)
    assert "Before you can post" not in client.get(reverse("forum:home")).content.decode()
