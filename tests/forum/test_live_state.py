"""Live state on the thread page (forum/views.py post_state, topic_new_posts): the author's
post being screened turns into its outcome, and new replies appear, without a reload."""

from __future__ import annotations

import pytest
from django.urls import reverse

from forum.choices import PostStatus
from forum.models import Post
from forum.posting import post_edit, post_publish, post_set_status, reply_create, topic_set_flags
from tests import factories
from tests.accounts.helpers import sign_in_with_totp

pytestmark = pytest.mark.django_db

SECRET = "Unscreened words about a client named in passing"


def _state_url(post: Post, revision: int | None = None) -> str:
    url = reverse("forum:post_state", args=[post.pk])
    return f"{url}?revision={revision if revision is not None else post.current_revision_id}"


def _after_url(topic, number: int) -> str:
    return reverse("forum:topic_new_posts", args=[topic.pk, number])


@pytest.fixture
def pending(topic, other_clinician):
    """A reply of other_clinician's that screening has not decided on (no after-commit
    callbacks run, so it stays pending)."""
    return reply_create(author=other_clinician, topic=topic, content=factories.content(SECRET))


def test_the_authors_page_polls_their_post_until_screening_publishes_it(
    client, other_clinician, pending, django_capture_on_commit_callbacks
):
    client.force_login(other_clinician)
    page = client.get(pending.topic.get_absolute_url()).content.decode()
    assert "Being screened" in page
    assert f'hx-get="{_state_url(pending)}"' in page and 'hx-trigger="every 1s"' in page
    # Undecided: nothing to swap.
    response = client.get(_state_url(pending))
    assert response.status_code == 204 and response.content == b""
    with django_capture_on_commit_callbacks(execute=True):
        assert post_publish(post_id=pending.pk)
    response = client.get(_state_url(pending))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="post-{pending.pk}"' in html and SECRET in html
    assert "Being screened" not in html and "data-live-state" not in html  # polling stops
    assert f"Your post #{pending.number} is published." in html


def test_a_held_post_turns_into_the_held_notice_for_its_author(client, other_clinician, pending):
    client.force_login(other_clinician)
    post_set_status(post_id=pending.pk, status=PostStatus.HELD)
    html = client.get(_state_url(pending)).content.decode()
    assert "Awaiting review: only you can see this" in html and SECRET in html
    assert "data-live-state" not in html
    assert "awaits a moderator's review" in html


def test_a_post_being_screened_or_held_never_reaches_another_readers_poll(
    client, clinician, organizer, pending, topic
):
    client.force_login(clinician)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert SECRET not in page and "data-live-state" not in page
    assert client.get(_state_url(pending)).status_code == 404
    response = client.get(_after_url(topic, 1))
    assert response.status_code == 204 and SECRET.encode() not in response.content
    post_set_status(post_id=pending.pk, status=PostStatus.HELD)
    for reader in (clinician, organizer):  # an organizer is no moderator
        client.force_login(reader)
        assert client.get(_state_url(pending)).status_code == 404
        assert client.get(_state_url(pending, revision=0)).status_code == 404
        response = client.get(_after_url(topic, 1))
        assert response.status_code == 204 and SECRET.encode() not in response.content


def test_moderators_poll_unpublished_posts_only_in_a_totp_passed_session(
    client, moderator, pending, topic
):
    client.force_login(moderator)  # password only: no moderator powers
    assert client.get(_state_url(pending)).status_code == 404
    assert SECRET.encode() not in client.get(_after_url(topic, 1)).content
    sign_in_with_totp(client, moderator)
    html = client.get(_state_url(pending)).content.decode()
    assert SECRET in html and "Being screened" in html
    assert SECRET in client.get(_after_url(topic, 1)).content.decode()


def test_unknown_posts_and_outsiders_get_no_state(client, outsider, unverified_user, pending):
    client.force_login(unverified_user)  # no verified license: reads no topic
    # Someone else's post awaiting screening is a missing one: a 403 (the refusal naming
    # its topic) would confirm it exists (tests/privacy/test_unseen_post_endpoints.py).
    assert client.get(_state_url(pending)).status_code == 404
    assert client.get(reverse("forum:post_state", args=[2**40])).status_code == 404
    client.force_login(outsider)
    assert client.get(reverse("forum:post_state", args=[2**40])).status_code == 404
    assert client.get(reverse("forum:post_state", args=[2**63])).status_code == 404
    assert client.get(_state_url(pending)).status_code == 404
    client.logout()
    assert client.get(_state_url(pending)).status_code == 302  # to sign in


def test_an_edit_being_screened_is_polled_until_it_is_published(
    client, clinician, topic, django_capture_on_commit_callbacks
):
    first = topic.posts.get(number=1)
    revision = post_edit(
        editor=clinician,
        post=first,
        content=factories.content("A revised question"),
        reason="Clearer",
    )
    client.force_login(clinician)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "Your edit is being screened" in page
    assert f'hx-get="{_state_url(first, revision.pk)}"' in page
    assert client.get(_state_url(first, revision.pk)).status_code == 204
    # A newer edit than the one the page shows: the post is answered again (its new state).
    assert client.get(_state_url(first, revision.pk - 1)).status_code == 200


def test_new_replies_appear_for_another_reader_and_the_poll_moves_on(
    client, clinician, other_clinician, organizer, topic, django_capture_on_commit_callbacks
):
    client.force_login(clinician)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert f'hx-get="{_after_url(topic, 1)}"' in page and 'id="thread-posts"' in page
    assert client.get(_after_url(topic, 1)).status_code == 204
    with django_capture_on_commit_callbacks(execute=True):
        published = reply_create(
            author=other_clinician, topic=topic, content=factories.content("A published reply")
        )
    # Another reply stays pending (no screening run): it is not shown to clinician.
    reply_create(author=organizer, topic=topic, content=factories.content(SECRET))
    html = client.get(_after_url(topic, 1)).content.decode()
    assert "A published reply" in html and SECRET not in html
    assert 'hx-swap-oob="beforeend:#thread-posts"' in html
    assert f'hx-get="{_after_url(topic, published.number)}"' in html
    assert "1 new reply below." in html
    # The reader's own controls come with the new post (Flag, Reply), as on the page.
    assert reverse("moderation:flag", args=[published.pk]) in html
    assert client.get(_after_url(topic, published.number)).status_code == 204


def test_a_pending_reply_published_later_still_appears_after_the_last_one_shown(
    client, clinician, organizer, topic, django_capture_on_commit_callbacks
):
    late = reply_create(author=organizer, topic=topic, content=factories.content(SECRET))
    client.force_login(clinician)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert f'hx-get="{_after_url(topic, 1)}"' in page  # the last post the reader sees
    assert client.get(_after_url(topic, 1)).status_code == 204
    with django_capture_on_commit_callbacks(execute=True):
        post_publish(post_id=late.pk)
    assert SECRET in client.get(_after_url(topic, 1)).content.decode()


def test_a_locked_topic_has_no_poller_and_stops_one_running(client, clinician, topic):
    client.force_login(clinician)
    topic_set_flags(topic=topic, locked=True)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert 'id="thread-live"' not in page
    assert client.get(_after_url(topic, 1)).status_code == 286  # htmx: stop polling


def test_only_the_last_page_polls_for_new_replies(
    client, clinician, other_clinician, topic, settings, django_capture_on_commit_callbacks
):
    settings.FORUM_PAGE_SIZE = 2
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            reply_create(author=other_clinician, topic=topic, content=factories.content(f"R{n}"))
    client.force_login(clinician)
    first = client.get(topic.get_absolute_url()).content.decode()
    last = client.get(topic.get_absolute_url(), {"page": 2}).content.decode()
    assert 'id="thread-live"' not in first
    assert f'hx-get="{_after_url(topic, 4)}"' in last


def test_a_poll_takes_a_few_queries_however_many_new_replies(
    client,
    clinician,
    other_clinician,
    topic,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
    settings,
):
    # As in production: the reader's posting notice (the Reply links of the new replies)
    # is read from the cache.
    settings.FORUM_POSTING_NOTICE_CACHE_SECONDS = 30
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(12):
            reply_create(author=other_clinician, topic=topic, content=factories.content(f"R{n}"))
    client.force_login(clinician)
    client.get(_after_url(topic, 1))
    # Session, user, topic with role, posts, referenced posts, badges, read position.
    with django_assert_max_num_queries(9):
        html = client.get(_after_url(topic, 1)).content.decode()
    assert html.count('class="post card') == 12
    with django_assert_max_num_queries(5):
        assert client.get(_after_url(topic, 13)).status_code == 204
