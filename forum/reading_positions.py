"""Unread markers: how far each member has read each topic (TopicRead), and what is new.

A thread page view moves the member's position to the last post number of the page, in
one conditional upsert that also answers the position before it (the page marks the
first post after it). Topic lists count, in one query per list, the published posts
after each position ("3 new"). Only published posts count: a post screening has not
published is nobody's news. A topic the member never opened has no position and no
count.

The lists' HTML is cached and shared (forum/topic_lists.py), so a row carries only a
placeholder (`<!--unread:ID-->`, in forum/_topic_row.html) that with_unread_counts fills
per request; nothing per reader is ever stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.conf import settings
from django.db import connection
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from accounts.access import AnyUser
from forum.choices import PostStatus
from forum.models import TopicRead

_PLACEHOLDER = re.compile(r"<!--unread:(\d+)-->")

# The previous position and the upsert in one statement: every part of a statement sees
# the same snapshot, so `previous` is the row as it was before `saved` moved it. The
# update runs only when the position moves forward (a page read again writes nothing).
_MARK_SQL = """
WITH previous AS (
    SELECT last_read_post_number FROM forum_topicread WHERE user_id = %s AND topic_id = %s
), saved AS (
    INSERT INTO forum_topicread (user_id, topic_id, last_read_post_number, updated_at)
    VALUES (%s, %s, %s, NOW())
    ON CONFLICT (user_id, topic_id) DO UPDATE
        SET last_read_post_number = EXCLUDED.last_read_post_number,
            updated_at = EXCLUDED.updated_at
        WHERE forum_topicread.last_read_post_number < EXCLUDED.last_read_post_number
    RETURNING 1
)
SELECT (SELECT last_read_post_number FROM previous)
"""


def mark_read(*, user: AnyUser, topic_id: int, up_to: int) -> int | None:
    """Move the member's position in the topic forward to post number `up_to`; return the
    position before (None: the topic was never opened). One statement on PostgreSQL."""
    if not user.is_authenticated or up_to <= 0:
        return None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_MARK_SQL, [user.pk, topic_id, user.pk, topic_id, up_to])
            row = cursor.fetchone()
        return None if row is None else row[0]
    found = TopicRead.objects.filter(user=user, topic_id=topic_id).first()
    if found is None:
        TopicRead.objects.get_or_create(
            user=user, topic_id=topic_id, defaults={"last_read_post_number": up_to}
        )
        return None
    TopicRead.objects.filter(pk=found.pk, last_read_post_number__lt=up_to).update(
        last_read_post_number=up_to
    )
    return found.last_read_post_number


def read_up_to(*, number: int, last_number: int) -> int:
    """The last post number on page `number` of a thread whose last post is `last_number`."""
    return min(number * settings.FORUM_PAGE_SIZE, last_number)


def unread_counts(*, user: AnyUser, topic_ids: Iterable[int]) -> dict[int, tuple[int, int]]:
    """topic id -> (published posts after the member's position, that position), for the
    topics among `topic_ids` they opened and that have any: one query."""
    ids = list(topic_ids)
    if not user.is_authenticated or not ids:
        return {}
    # The posts' conditions in the join (not an aggregate FILTER): each topic's new posts
    # are a range on the (topic, status, number) index, whatever the topic's length; a
    # topic with none has no row. Plain SQL: building the ORM's query cost ~0.9 ms a list.
    marks = ", ".join(["%s"] * len(ids))
    # `marks` is placeholders only: every value is a parameter.
    sql = (
        "SELECT r.topic_id, COUNT(*), r.last_read_post_number"  # noqa: S608
        " FROM forum_topicread r"
        " JOIN forum_post p ON p.topic_id = r.topic_id AND p.status = %s"
        " AND p.number > r.last_read_post_number"
        f" WHERE r.user_id = %s AND r.topic_id IN ({marks})"
        " GROUP BY r.topic_id, r.last_read_post_number"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [PostStatus.PUBLISHED.value, user.pk, *ids])
        rows = cursor.fetchall()
    return {topic_id: (new, position) for topic_id, new, position in rows}


def with_unread_counts(html: str, *, user: AnyUser, reads_topics: bool) -> SafeString:
    """A topic list's HTML with each row's placeholder replaced by the reader's "N new"
    link (or nothing): one query when the list has rows and the reader may open them
    (`reads_topics`; a member without a license sees titles only, and no counts)."""
    ids = {int(found) for found in _PLACEHOLDER.findall(html)}
    if not ids:
        return mark_safe(html)  # noqa: S308 -- rendered by our templates
    counts = unread_counts(user=user, topic_ids=ids) if reads_topics else {}
    size = settings.FORUM_PAGE_SIZE

    def badge(match: re.Match[str]) -> str:
        topic_id = int(match.group(1))
        if topic_id not in counts:
            return ""
        new, position = counts[topic_id]
        return render_to_string(
            "forum/_unread_count.html",
            {"topic_id": topic_id, "new": new, "page": position // size + 1},
        ).strip()

    return mark_safe(_PLACEHOLDER.sub(badge, html))  # noqa: S308 -- our templates only


UNREAD_MARKER = '<p class="unread-divider" id="unread"><span>New since your last visit</span></p>\n'


def with_first_unread_marker(
    html: str, *, previous: int | None, posts: Iterable[tuple[int, int, str]]
) -> SafeString:
    """The thread page's posts with a divider before the first published post after the
    reader's previous position. `posts`: (id, number, status) of the page's posts in
    order; a post missing from the HTML (not shown to this reader) is skipped."""
    if previous is None:
        return mark_safe(html)  # noqa: S308 -- rendered by our templates
    for post_id, number, status in posts:
        if number <= previous or status != PostStatus.PUBLISHED:
            continue
        # A post's opening tag, which no body can forge (bodies are sanitized: "<" escaped).
        found = re.search(f'<article class="post card[^"]*" id="post-{post_id}"', html)
        if found is not None:
            start = found.start()
            return mark_safe(html[:start] + UNREAD_MARKER + html[start:])  # noqa: S308
    return mark_safe(html)  # noqa: S308 -- rendered by our templates
