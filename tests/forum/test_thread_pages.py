"""Thread pages by post-number range, and the cached post fragments (forum/fragments.py)."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from forum.choices import PostStatus
from forum.models import Post
from forum.posting import reply_create
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_topic(topic, clinician, other_clinician, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(44):
            reply_create(
                author=other_clinician if n % 2 else clinician,
                topic=topic,
                content=factories.content(f"Reply number {n + 2}"),
            )
    return topic


def test_a_thread_page_holds_its_range_of_post_numbers(client, clinician, long_topic):
    client.force_login(clinician)
    html = client.get(long_topic.get_absolute_url(), {"page": 3}).content.decode()
    assert html.count('class="post card') == 5
    assert "Reply number 41" in html and "Reply number 45" in html
    assert "Page 3 of 3" in html
    # Out of range and nonsense page numbers land on a real page.
    assert "Page 3 of 3" in client.get(long_topic.get_absolute_url(), {"page": 99}).content.decode()
    assert (
        "Page 1 of 3" in client.get(long_topic.get_absolute_url(), {"page": "x"}).content.decode()
    )


def test_a_post_link_opens_the_page_that_holds_it(client, clinician, long_topic):
    client.force_login(clinician)
    post = Post.objects.get(topic=long_topic, number=23)
    response = client.get(post.get_absolute_url())
    assert response.url.endswith(f"?page=2#post-{post.pk}")


def test_a_held_post_leaves_a_gap_only_for_other_readers(
    client, clinician, other_clinician, long_topic
):
    held = Post.objects.get(topic=long_topic, number=42)
    Post.objects.filter(pk=held.pk).update(status=PostStatus.HELD)
    author = held.author
    reader = other_clinician if author.pk == clinician.pk else clinician
    client.force_login(reader)
    html = client.get(long_topic.get_absolute_url(), {"page": 3}).content.decode()
    assert html.count('class="post card') == 4
    client.force_login(author)
    html = client.get(long_topic.get_absolute_url(), {"page": 3}).content.decode()
    assert html.count('class="post card') == 5 and "Awaiting review" in html


def test_cached_post_html_never_carries_another_readers_controls(
    client, clinician, other_clinician, long_topic
):
    cache.clear()
    client.force_login(clinician)
    own = client.get(long_topic.get_absolute_url()).content.decode()
    client.force_login(other_clinician)
    theirs = client.get(long_topic.get_absolute_url()).content.decode()
    first = Post.objects.get(topic=long_topic, number=1)
    edit_link = f"/posts/{first.pk}/edit/"
    assert edit_link in own and edit_link not in theirs
    assert "Mark as helpful feedback" in own and "Mark as helpful feedback" not in theirs


def test_an_edit_shows_at_once_despite_the_fragment_cache(client, clinician, long_topic):
    from forum.posting import post_edit

    client.force_login(clinician)
    client.get(long_topic.get_absolute_url())
    first = Post.objects.get(topic=long_topic, number=1)
    post_edit(
        editor=clinician,
        post=first,
        content=factories.content("A corrected first post"),
        reason="Fixed a date",
    )
    html = client.get(long_topic.get_absolute_url()).content.decode()
    assert "A corrected first post" in html
    assert "edited (1 time)" in html


def test_the_thread_page_takes_at_most_eight_queries(
    client, clinician, long_topic, django_assert_max_num_queries
):
    client.force_login(clinician)
    client.get(long_topic.get_absolute_url(), {"page": 2})
    with django_assert_max_num_queries(12):
        # Test settings: database sessions and a fresh posting notice (3 queries the
        # production configuration serves from Redis), so 8 + 4 at most here.
        client.get(long_topic.get_absolute_url(), {"page": 2})
