"""Thread pages by post-number range, and their cached HTML (forum/thread_html.py)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.cache import cache

from forum.choices import PostStatus
from forum.models import Post
from forum.posting import reply_create
from tests import factories
from tests.accounts.helpers import sign_in_with_totp

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


@pytest.mark.parametrize("size", [7, 30])
def test_each_page_size_shows_its_whole_range(client, clinician, long_topic, settings, size):
    # The rows statement is compiled once per page size, with that size as its limit.
    settings.FORUM_PAGE_SIZE = size
    client.force_login(clinician)
    html = client.get(long_topic.get_absolute_url()).content.decode()
    assert html.count('class="post card') == size
    assert f"Reply number {size}<" in html and f"Reply number {size + 1}<" not in html
    html = client.get(long_topic.get_absolute_url(), {"page": 2}).content.decode()
    assert html.count('class="post card') == min(size, 45 - size)
    assert f"Reply number {size + 1}<" in html and f"Reply number {min(2 * size, 45)}<" in html


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


def test_an_edit_shows_at_once_on_a_page_read_before(client, clinician, long_topic):
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


def test_readers_see_no_edit_marker_until_the_edit_is_published(
    client, clinician, other_clinician, long_topic
):
    """The "edited (N times)" marker counts the revisions this reader is shown: an edit
    still being screened is not announced to others (issue 18 item 3)."""
    from forum.posting import post_edit, publish_screened_edit

    first = Post.objects.get(topic=long_topic, number=1)
    revision = post_edit(
        editor=clinician,
        post=first,
        content=factories.content("A corrected first post"),
        reason="Fixed a date",
    )
    client.force_login(other_clinician)
    html = client.get(long_topic.get_absolute_url()).content.decode()
    assert "A corrected first post" not in html
    assert "edited (" not in html
    first.refresh_from_db()
    assert publish_screened_edit(post=first, revision=revision)
    html = client.get(long_topic.get_absolute_url()).content.decode()
    assert "A corrected first post" in html
    assert "edited (1 time)" in html


def test_the_thread_page_takes_at_most_twelve_queries_under_test_settings(
    client, clinician, long_topic, django_assert_max_num_queries
):
    client.force_login(clinician)
    client.get(long_topic.get_absolute_url(), {"page": 2})
    with django_assert_max_num_queries(12):
        # Test settings: database sessions and a fresh posting notice (3 queries the
        # production configuration serves from Redis), so 8 + 4 at most here.
        client.get(long_topic.get_absolute_url(), {"page": 2})


# --- Shared page HTML (forum/thread_html.py) -------------------------------------------


def _posts_section(html):
    return html.split('aria-label="Posts"', 1)[1].split("</section>", 1)[0]


def _shared_html(reader, topic, number, *, is_member=True, moderates=False):
    from forum import thread_html

    shared = thread_html.shared_page(
        reader=thread_html.Reader(user=reader, is_member=is_member, moderates=moderates),
        topic=topic,
        number=number,
    )
    return None if shared is None else shared.html


def test_readers_with_nothing_on_a_page_share_its_html_and_skip_the_post_queries(
    client, organizer, long_topic
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def body_reads(queries):
        # Only the page query reads the posts' rendered bodies (the rows query does not).
        return [q["sql"] for q in queries if "body_html" in q["sql"]]

    client.force_login(organizer)
    assert _shared_html(organizer, long_topic, 2) is None
    with CaptureQueriesContext(connection) as missed:
        first = client.get(long_topic.get_absolute_url(), {"page": 2}).content.decode()
    assert body_reads(missed)  # rendered: the page query ran
    assert _shared_html(organizer, long_topic, 2) is not None
    with CaptureQueriesContext(connection) as queries:
        second = client.get(long_topic.get_absolute_url(), {"page": 2}).content.decode()
    assert _posts_section(second) == _posts_section(first)
    assert "Reply number 21" in second and second.count('class="post card') == 20
    assert body_reads(queries) == []  # served from the cache


def test_readers_with_posts_on_the_page_get_their_own_controls_in_the_shared_html(
    client, clinician, other_clinician, organizer, long_topic
):
    client.force_login(organizer)
    client.get(long_topic.get_absolute_url(), {"page": 2})
    shared = _shared_html(organizer, long_topic, 2)
    # Sam wrote the odd-numbered posts on page 2, all published: the shared HTML serves him.
    assert _shared_html(other_clinician, long_topic, 2) == shared is not None
    client.force_login(other_clinician)
    own = _posts_section(client.get(long_topic.get_absolute_url(), {"page": 2}).content.decode())
    sams = Post.objects.filter(topic=long_topic, number__in=[21, 23])
    dana = Post.objects.get(topic=long_topic, number=22)
    for post in sams:
        assert f"/posts/{post.pk}/edit/" in own and f"/posts/{post.pk}/withdraw/" in own
        assert f"/moderation/posts/{post.pk}/flag/" not in own
    assert f"/posts/{dana.pk}/edit/" not in own and f"/moderation/posts/{dana.pk}/flag/" in own
    # Withdrawing asks first (issue 22.9): links to the confirmation, no forms, no tokens.
    assert own.count("csrfmiddlewaretoken") == 0
    client.force_login(organizer)
    page = client.get(long_topic.get_absolute_url(), {"page": 2}).content.decode()
    section = _posts_section(page)
    assert "/edit/" not in section and "Withdraw" not in section
    assert "csrfmiddlewaretoken" not in section


@dataclass
class Spliced:
    spliced: str  # the shared HTML with the reader's footers put in
    alone: str  # the page rendered for the reader alone
    anyone: str  # the shared HTML
    own: int  # footers that are the reader's


def _spliced_and_alone(reader_user, topic, *, token, is_member=True):
    """Page 2 of `topic` for `reader_user`, spliced and rendered alone."""
    from django.template.loader import render_to_string

    from forum import queries, thread_html

    topic.refresh_from_db()
    reader = thread_html.Reader(user=reader_user, is_member=is_member, moderates=False)
    shared = thread_html.shared_page(reader=reader, topic=topic, number=2)
    thread = queries.thread_page(user=reader_user, topic=topic, page=2, moderates=False)
    context = {
        "topic": topic,
        "page": thread.page,
        "badges": thread.badges,
        "is_member": is_member,
        "moderates": False,
    }
    alone = render_to_string(
        thread_html.TEMPLATE, {**context, "user": reader_user, "csrf_token": token}
    )
    anyone = thread_html.render({**context, "user": thread_html.ANY_READER})
    spliced = thread_html.with_reader_controls(
        anyone,
        shared,
        context={"user": reader_user, "csrf_token": token, "topic": topic, "is_member": is_member},
    )
    return Spliced(spliced=spliced, alone=alone, anyone=anyone, own=len(shared.own))


@pytest.mark.parametrize("held", [False, True], ids=["all-published", "one-reply-held"])
def test_spliced_controls_match_a_page_rendered_for_the_reader_alone(clinician, long_topic, held):
    """The topic's author (helpful forms on every reply, edit forms on her own posts); a
    held reply by someone else is in the page's rows but not in its HTML."""
    if held:
        Post.objects.filter(topic=long_topic, number=25).update(status=PostStatus.HELD)
    page = _spliced_and_alone(clinician, long_topic, token="fixed-token-for-the-comparison")
    assert page.own == 20
    assert "Mark as helpful feedback" in page.alone
    assert "Mark as helpful feedback" not in page.anyone
    assert ("Reply number 25" in page.alone) is not held
    assert page.spliced == page.alone


def test_a_hold_or_removal_shows_at_once_on_a_cached_page(client, organizer, moderator, long_topic):
    client.force_login(organizer)
    client.get(long_topic.get_absolute_url(), {"page": 2})
    held = Post.objects.get(topic=long_topic, number=25)
    removed = Post.objects.get(topic=long_topic, number=26)
    # Straight SQL-level updates, as a worker or the admin would make them: no hook runs.
    Post.objects.filter(pk=held.pk).update(status=PostStatus.HELD)
    Post.objects.filter(pk=removed.pk).update(status=PostStatus.REMOVED)
    html = client.get(long_topic.get_absolute_url(), {"page": 2}).content.decode()
    assert "Reply number 25" not in html and html.count('class="post card') == 19
    assert "Reply number 26" not in html and "Removed by a moderator." in html
    sign_in_with_totp(client, moderator)
    html = client.get(long_topic.get_absolute_url(), {"page": 2}).content.decode()
    assert "Reply number 25" in html and "Awaiting review" in html


def test_a_renamed_author_or_a_revoked_license_shows_at_once_on_a_cached_page(
    client, organizer, other_clinician, long_topic
):
    from accounts.choices import LicenseState
    from accounts.models import License, User

    client.force_login(organizer)
    before = client.get(long_topic.get_absolute_url(), {"page": 2}).content.decode()
    assert "Sam Ortiz" in before
    badges_before = before.count('class="credential"')
    User.objects.filter(pk=other_clinician.pk).update(display_name="Samuel Ortiz-Lee")
    License.objects.filter(user=other_clinician).update(state=LicenseState.REVOKED)
    after = client.get(long_topic.get_absolute_url(), {"page": 2}).content.decode()
    assert "Samuel Ortiz-Lee" in after and "Sam Ortiz<" not in after
    assert after.count('class="credential"') == badges_before - 10


def test_members_outsiders_and_moderators_do_not_share_a_page(
    client, organizer, outsider, moderator, long_topic
):
    Post.objects.filter(topic=long_topic, number=30).update(status=PostStatus.HELD)
    client.force_login(organizer)
    member = client.get(long_topic.get_absolute_url(), {"page": 2}).content.decode()
    client.force_login(outsider)
    visitor = client.get(long_topic.get_absolute_url(), {"page": 2}).content.decode()
    sign_in_with_totp(client, moderator)
    moderating = client.get(long_topic.get_absolute_url(), {"page": 2}).content.decode()
    assert "?to=" in member and "?to=" not in visitor
    assert "Reply number 30" not in member and "Reply number 30" not in visitor
    assert "Reply number 30" in moderating


def test_a_reply_does_not_name_the_held_post_it_answers(
    client, organizer, moderator, clinician, other_clinician, topic,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        question = reply_create(
            author=other_clinician, topic=topic, content=factories.content("A question")
        )
        reply_create(
            author=clinician,
            topic=topic,
            reply_to=question,
            content=factories.content("An answer to it"),
        )
    Post.objects.filter(pk=question.pk).update(status=PostStatus.HELD)
    client.force_login(organizer)
    html = client.get(topic.get_absolute_url()).content.decode()
    assert "An answer to it" in html
    assert "In reply to" not in html and f"#{question.number}" not in html
    sign_in_with_totp(client, moderator)
    html = client.get(topic.get_absolute_url()).content.decode()
    assert "In reply to" in html and f"Sam Ortiz (#{question.number})" in html


def test_html_rendered_from_a_changed_page_is_not_filed_under_the_old_state(organizer, long_topic):
    from forum import thread_html

    reader = thread_html.Reader(user=organizer, is_member=True, moderates=False)
    shared = thread_html.shared_page(reader=reader, topic=long_topic, number=2)
    assert shared is not None and shared.html is None
    Post.objects.filter(topic=long_topic, number=27).update(status=PostStatus.HELD)
    thread_html.store(shared, "<p>stale</p>", reader=reader, topic=long_topic, number=2)
    assert cache.get(shared.key) is None
    fresh = thread_html.shared_page(reader=reader, topic=long_topic, number=2)
    thread_html.store(fresh, "<p>current</p>", reader=reader, topic=long_topic, number=2)
    assert cache.get(fresh.key) == "<p>current</p>"


def test_the_precompiled_rows_query_reads_what_the_orm_would(long_topic):
    from datetime import datetime

    from django.db import connection
    from django.utils import timezone

    from forum import thread_html

    raw = thread_html._rows(long_topic, 2)
    today = timezone.localdate() if connection.vendor == "postgresql" else None
    orm = list(
        thread_html._rows_queryset(topic=long_topic.pk, low=20, high=40, size=20, today=today)
    )
    assert raw == orm
    assert len(raw) == 20 and raw[0][thread_html._LAST] == 45
    created, number = thread_html._ROW.index("created_at"), thread_html._ROW.index("number")
    assert [row[number] for row in raw] == list(range(21, 41))
    # Timestamps come as text (digested, never shown from here), each post's own.
    stored = dict(Post.objects.filter(topic=long_topic).values_list("number", "created_at"))
    for row in raw:
        text = row[created]
        assert isinstance(text, str)
        parsed = datetime.fromisoformat(text.replace(" ", "T"))
        if parsed.tzinfo is None:  # SQLite keeps naive UTC text
            parsed = parsed.replace(tzinfo=stored[row[number]].tzinfo)
        assert parsed == stored[row[number]]
    if connection.vendor == "postgresql":
        # Then the author's badge source: every fixture author holds one verified license.
        width = len(thread_html._ROW)
        assert all(row[width].count(":") == 3 for row in raw)


def test_the_cached_unread_count_follows_new_notifications_and_mark_read(
    client, organizer, topic, django_capture_on_commit_callbacks
):
    from notifications.delivery import notify

    client.force_login(organizer)
    assert 'aria-label="1 unread"' not in client.get(topic.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=organizer, kind="mention", message="You were mentioned")
    assert 'aria-label="1 unread"' in client.get(topic.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/notifications/read/")
    assert 'aria-label="1 unread"' not in client.get(topic.get_absolute_url()).content.decode()


def test_a_cached_page_reads_the_reader_the_topic_and_the_rows_once_each(
    client, organizer, long_topic, require_postgres
):
    """Besides the session (the database engine here; the cache in production): the reader
    (with their license date), the topic with their role or the group with their
    membership, the page's rows, and the read positions; no post bodies."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(organizer)
    for path in (long_topic.get_absolute_url() + "?page=2", long_topic.group.get_absolute_url()):
        client.get(path)  # cached now, and the header's count and notice with it
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        statements = [q["sql"] for q in queries]
        assert len([sql for sql in statements if sql.startswith('SELECT "accounts_user"')]) == 1
        assert len([sql for sql in statements if "forum_topicread" in sql]) == 1, statements
        assert not [sql for sql in statements if "body_html" in sql], statements
        if "page=2" in path:
            topic_reads = [sql for sql in statements if sql.startswith('SELECT "forum_topic"')]
            rows = [sql for sql in statements if sql.startswith('SELECT "forum_post"')]
            assert len(topic_reads) == 1 and len(rows) == 1, statements
        else:
            group_reads = [sql for sql in statements if sql.startswith('SELECT "forum_group"')]
            assert len(group_reads) == 1, statements


# --- Shared pages in Redis ----------------------------------------------------------


@pytest.fixture
def redis_page_cache(settings, require_redis):
    """The production arrangement: the Redis cache (a key prefix of this test's own)."""
    import uuid

    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": require_redis,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }


def test_an_edit_or_a_hold_shows_at_once_with_pages_cached_in_redis(
    client, organizer, moderator, long_topic, redis_page_cache, django_capture_on_commit_callbacks
):
    from forum.posting import post_edit, post_set_status

    client.force_login(organizer)
    url = long_topic.get_absolute_url()
    assert "Reply number 22" in client.get(url, {"page": 2}).content.decode()
    post = Post.objects.get(topic=long_topic, number=22)
    with django_capture_on_commit_callbacks(execute=False) as screening:
        post_edit(
            editor=post.author,
            post=post,
            content=factories.content("Edited reply 22"),
            reason="typo",
        )
    # Not screened yet: readers keep the published version (issue 18 item 3).
    page = client.get(url, {"page": 2}).content.decode()
    assert "Reply number 22" in page and "Edited reply 22" not in page
    for callback in screening:
        callback()
    page = client.get(url, {"page": 2}).content.decode()
    assert "Edited reply 22" in page and "Reply number 22" not in page
    held = Post.objects.get(topic=long_topic, number=23)
    post_set_status(post_id=held.pk, status=PostStatus.HELD)
    page = client.get(url, {"page": 2}).content.decode()
    assert "Reply number 23" not in page and "Edited reply 22" in page


def test_a_page_with_the_readers_own_controls_masks_one_csrf_token_for_all_its_forms(
    clinician, long_topic
):
    import re

    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(clinician)  # wrote post 1 and every even reply: controls on page 1
    client.get(long_topic.get_absolute_url())  # the CSRF cookie a browser would have
    html = client.get(long_topic.get_absolute_url()).content.decode()
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert len(tokens) > 3 and len(set(tokens)) == 1  # the header's form and the posts'
    response = client.post("/accounts/logout/", {"csrfmiddlewaretoken": tokens[0]})
    assert response.status_code == 302


def test_footers_kept_in_the_process_follow_each_change_to_what_they_show(
    clinician, other_clinician, long_topic
):
    """The footers rendered once per process (thread_html._footer_key) against the page
    rendered for the reader alone, as the post, the topic, the membership, the reader and
    the token change."""
    from forum.posting import mark_helpful

    states = {"first": _spliced_and_alone(clinician, long_topic, token="token-one")}
    states["another token"] = _spliced_and_alone(clinician, long_topic, token="token-two")
    assert "token-two" in states["another token"].spliced
    assert "token-one" not in states["another token"].spliced
    # A colleague's reply (the topic's author cannot mark their own, issue 22.4).
    mark_helpful(user=clinician, post=Post.objects.get(topic=long_topic, number=23))
    states["marked helpful"] = _spliced_and_alone(clinician, long_topic, token="token-two")
    assert "Unmark helpful" in states["marked helpful"].spliced
    long_topic.is_locked = True
    long_topic.save(update_fields=["is_locked"])
    states["locked"] = _spliced_and_alone(clinician, long_topic, token="t")
    long_topic.is_locked = False
    long_topic.save(update_fields=["is_locked"])
    states["not a member"] = _spliced_and_alone(clinician, long_topic, token="t", is_member=False)
    states["another reader"] = _spliced_and_alone(other_clinician, long_topic, token="t")
    assert "Mark as helpful feedback" not in states["another reader"].spliced
    assert "Withdraw" in states["another reader"].spliced
    for name, page in states.items():
        assert page.spliced == page.alone, name
    shown = {name: ">Reply</a>" in page.spliced for name, page in states.items()}
    assert shown == {
        "first": True,
        "another token": True,
        "marked helpful": True,
        "locked": False,
        "not a member": False,
        "another reader": True,
    }
