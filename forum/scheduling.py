"""Scheduled ("sleep on it") posts: due ones move to screening, once."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from accounts.access import posting_block_reason
from accounts.models import User
from forum.choices import PostStatus
from forum.models import Post
from forum.nudges import record_cancelled
from forum.signals import revision_awaits_screening_on_commit
from notifications.choices import NotificationKind
from notifications.delivery import notify


class ReleaseBlocked(ValidationError):
    """The author may not post now (suspended, license lapsed, ...): the post stays
    scheduled, held back with no time, until the author publishes it or cancels it."""


def release_scheduled(*, post_id: int) -> bool:
    """Move one scheduled post into screening. Cancelled or already released: no-op.

    The author's standing is read again here (issue 18 item 5): a member suspended, or
    whose license lapsed, since scheduling does not publish through the schedule. Such a
    post stays scheduled with no time (publish_due no longer picks it), and the author is
    told once, in the same transaction; ReleaseBlocked says why.
    """
    blocked: str | None = None
    with transaction.atomic():
        post = (
            Post.objects.select_for_update(of=("self",))
            .select_related("author", "topic")
            .filter(pk=post_id, status=PostStatus.SCHEDULED, scheduled_for__lte=timezone.now())
            .first()
        )
        if post is None:
            return False
        reason = posting_block_reason(post.author)
        if reason is not None:
            blocked = strip_tags(str(reason))
            Post.objects.filter(pk=post.pk).update(scheduled_for=None)
            notify(
                recipient=post.author,
                kind=NotificationKind.MODERATION,
                message=(
                    f"Your scheduled post in “{post.topic.title[:80]}” was not published: "
                    f"{blocked} It waits in your scheduled posts; publish or cancel it there."
                ),
                url=reverse("forum:scheduled"),
                post_id=post.pk,
            )
        else:
            Post.objects.filter(pk=post.pk).update(status=PostStatus.PENDING)
            revision_awaits_screening_on_commit(revision_id=post.current_revision_id)
    if blocked is not None:
        raise ReleaseBlocked(f"Not published: {blocked}")
    return True


def publish_due() -> int:
    due = Post.objects.filter(
        status=PostStatus.SCHEDULED, scheduled_for__lte=timezone.now()
    ).values_list("pk", flat=True)
    released = 0
    for post_id in list(due):
        try:
            released += release_scheduled(post_id=post_id)
        except ReleaseBlocked:
            continue
    return released


def scheduled_posts_for(user: User) -> QuerySet[Post]:
    """The author's posts waiting to publish, soonest first."""
    return (
        Post.objects.filter(author=user, status=PostStatus.SCHEDULED)
        .select_related("topic", "topic__group", "current_revision")
        .order_by("scheduled_for", "pk")
    )


def _scheduled_post(author: User, post_id: int) -> Post:
    post = Post.objects.filter(pk=post_id, author=author, status=PostStatus.SCHEDULED).first()
    if post is None:
        raise ValidationError("This post is no longer scheduled: it was published or cancelled.")
    return post


def cancel_scheduled(*, author: User, post_id: int) -> Post:
    """Cancel a slept-on post before it publishes. It never publishes afterwards."""
    post = _scheduled_post(author, post_id)
    with transaction.atomic():
        # Conditional: if the publish task released it a moment ago, that wins.
        changed = Post.objects.filter(pk=post.pk, status=PostStatus.SCHEDULED).update(
            status=PostStatus.CANCELLED
        )
        if not changed:
            raise ValidationError("This post was just published; withdraw it from the topic.")
        record_cancelled(post_id=post.pk)
    post.status = PostStatus.CANCELLED
    return post


def publish_now(*, author: User, post_id: int) -> bool:
    """Stop sleeping on it: release a scheduled post to screening now (ReleaseBlocked when
    the author may not post now; the post then stays scheduled)."""
    post = _scheduled_post(author, post_id)
    Post.objects.filter(pk=post.pk, status=PostStatus.SCHEDULED).update(
        scheduled_for=timezone.now()
    )
    return release_scheduled(post_id=post.pk)


def reschedule(*, author: User, post_id: int, when: datetime) -> Post:
    post = _scheduled_post(author, post_id)
    if when <= timezone.now():
        raise ValidationError("Pick a time in the future.")
    Post.objects.filter(pk=post.pk, status=PostStatus.SCHEDULED).update(scheduled_for=when)
    post.scheduled_for = when
    return post
