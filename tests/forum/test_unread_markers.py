"""Unread markers (forum/reading_positions.py): a member's read position per topic, "N new"
in topic lists, and the divider before the first unread post on the thread page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from forum.choices import PostStatus
from forum.models import TopicRead
from forum.posting import post_set_status, reply_create
from forum.topic_lists import list_key
from tests import factories

pytestmark = pytest.mark.django_db

NEW = re.compile(r'<a class="tag unread-count" href="/topics/(\d+)/\?page=(\d+)#unread">(\d+) new')
DIVIDER = '<p class="unread-divider" id="unread">'


def _replies(topic, author, count, on_commit, start=0):
    posts = []
    with on_commit(execute=True):
        for n in range(count):
            posts.append(
                reply_create(
                    author=author, topic=topic, content=factories.content(f"Reply {start + n}")
                )
            )
    return posts


def _counts(html: str) -> dict[int, int]:
    return {int(topic): int(new) for topic, _, new in NEW.findall(html)}


def test_viewing_a_thread_moves_the_read_position_forward_only(
    client, clinician, other_clinician, topic, settings, django_capture_on_commit_callbacks
):
    settings.FORUM_PAGE_SIZE = 3
    _replies(topic, other_clinician, 4, django_capture_on_commit_callbacks)  # posts 2..5
    client.force_login(clinician)
    assert not TopicRead.objects.filter(user=clinician).exists()
    client.get(topic.get_absolute_url(), {"page": 2})
    assert TopicRead.objects.get(user=clinician, topic=topic).last_read_post_number == 5
    client.get(topic.get_absolute_url())  # page 1 read again: the position stays
    assert TopicRead.objects.get(user=clinician, topic=topic).last_read_post_number == 5
    assert TopicRead.objects.filter(topic=topic).count() == 1  # one row per member and topic


def test_the_group_page_and_home_count_new_published_posts_only(
    client, clinician, other_clinician, organizer, topic, django_capture_on_commit_callbacks
):
    client.force_login(clinician)
    client.get(topic.get_absolute_url())  # read up to #1
    group_url = topic.group.get_absolute_url()
    assert _counts(client.get(group_url).content.decode()) == {}
    published = _replies(topic, other_clinician, 3, django_capture_on_commit_callbacks)
    # Pending (no screening run) and held replies are nobody's news.
    reply_create(author=organizer, topic=topic, content=factories.content("Pending"))
    post_set_status(post_id=published[0].pk, status=PostStatus.HELD)
    group_html = client.get(group_url).content.decode()
    assert _counts(group_html) == {topic.pk: 2}
    assert f'href="/topics/{topic.pk}/?page=1#unread">2 new' in group_html
    assert _counts(client.get(reverse("forum:home")).content.decode()) == {topic.pk: 2}
    # Another member who never opened the topic sees no count; the cached list is shared.
    client.force_login(other_clinician)
    assert _counts(client.get(group_url).content.decode()) == {}
    # Reading the thread clears the count.
    client.force_login(clinician)
    client.get(topic.get_absolute_url())
    assert _counts(client.get(group_url).content.decode()) == {}


def test_the_cached_topic_list_holds_no_readers_count(
    client, clinician, other_clinician, topic, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    client.force_login(clinician)
    client.get(topic.get_absolute_url())
    _replies(topic, other_clinician, 2, django_capture_on_commit_callbacks)
    assert _counts(client.get(topic.group.get_absolute_url()).content.decode()) == {topic.pk: 2}
    topic.group.refresh_from_db()
    cached = cache.get(list_key(topic.group, "top"))
    assert cached is not None and f"<!--unread:{topic.pk}-->" in cached
    assert "unread-count" not in cached


def test_the_thread_page_marks_the_first_unread_post(
    client, clinician, other_clinician, topic, django_capture_on_commit_callbacks
):
    client.force_login(clinician)
    html = client.get(topic.get_absolute_url()).content.decode()
    assert DIVIDER not in html  # first visit: nothing is marked
    first, second = _replies(topic, other_clinician, 2, django_capture_on_commit_callbacks)
    html = client.get(topic.get_absolute_url()).content.decode()
    assert html.count(DIVIDER) == 1
    divider = html.index(DIVIDER)
    assert html.index(f'id="post-{first.pk}"') > divider > html.index('id="post-')
    assert "Reply 0" in html[divider:]
    # Read: no marker on the next view.
    assert DIVIDER not in client.get(topic.get_absolute_url()).content.decode()


def test_the_marker_skips_posts_the_reader_does_not_see(
    client, clinician, other_clinician, topic, django_capture_on_commit_callbacks
):
    client.force_login(clinician)
    client.get(topic.get_absolute_url())
    held, shown = _replies(topic, other_clinician, 2, django_capture_on_commit_callbacks)
    post_set_status(post_id=held.pk, status=PostStatus.HELD)
    html = client.get(topic.get_absolute_url()).content.decode()
    assert f'id="post-{held.pk}"' not in html
    assert html.index(DIVIDER) < html.index(f'id="post-{shown.pk}"')


def test_the_author_of_a_post_being_screened_gets_the_marker_on_their_own_page(
    client, clinician, other_clinician, topic, django_capture_on_commit_callbacks
):
    client.force_login(other_clinician)
    client.get(topic.get_absolute_url())
    (new,) = _replies(topic, clinician, 1, django_capture_on_commit_callbacks)
    reply_create(author=other_clinician, topic=topic, content=factories.content("Mine, pending"))
    html = client.get(topic.get_absolute_url()).content.decode()  # rendered for them alone
    assert "Being screened" in html
    assert html.index(DIVIDER) < html.index(f'id="post-{new.pk}"')


def test_a_member_without_a_license_sees_titles_without_counts(
    client, unverified_user, group, topic
):
    from forum.models import Membership

    Membership.objects.create(user=unverified_user, group=group, state=Membership.State.ACTIVE)
    TopicRead.objects.create(user=unverified_user, topic=topic, last_read_post_number=0)
    client.force_login(unverified_user)
    html = client.get(group.get_absolute_url()).content.decode()
    assert topic.title in html and "unread-count" not in html and "<!--unread:" not in html


def test_topic_lists_take_one_query_more_for_the_counts_however_many_topics(
    client,
    clinician,
    other_clinician,
    group,
    settings,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    from forum.choices import TopicPurpose
    from forum.posting import topic_create

    settings.FORUM_TOPICS_PER_PAGE = 10
    # As in production: a member's posting notice is read from the cache with the list.
    settings.FORUM_POSTING_NOTICE_CACHE_SECONDS = 30
    with django_capture_on_commit_callbacks(execute=True):
        topics = [
            topic_create(
                author=other_clinician,
                group=group,
                title=f"Topic {n}",
                purpose=TopicPurpose.OTHER,
                content=factories.content(),
            )
            for n in range(12)
        ]
    for topic in topics:
        TopicRead.objects.create(user=clinician, topic=topic, last_read_post_number=0)
    client.force_login(clinician)
    client.get(group.get_absolute_url())
    # The group page's 4 (tests/forum/test_topic_lists.py) and one for the counts.
    with django_assert_max_num_queries(5):
        html = client.get(group.get_absolute_url()).content.decode()
    assert len(_counts(html)) == 10 and set(_counts(html).values()) == {1}
    client.get(reverse("forum:home"))
    with django_assert_max_num_queries(9):
        html = client.get(reverse("forum:home")).content.decode()
    assert len(_counts(html)) == 12


def test_the_members_export_holds_their_read_positions_by_topic_id(client, clinician, topic):
    import json

    client.force_login(clinician)
    client.get(topic.get_absolute_url())
    data = json.loads(client.get(reverse("accounts:export")).content)
    assert [(r["topic_id"], r["last_read_post_number"]) for r in data["reading_positions"]] == [
        (topic.pk, 1)
    ]
    assert topic.title not in json.dumps(data["reading_positions"])
