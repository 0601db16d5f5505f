"""Scheduled ("sleep on it") posts: due ones move to screening, once."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from forum.choices import PostStatus
from forum.models import Post
from forum.nudges import record_cancelled
from forum.signals import revision_awaits_screening_on_commit


def release_scheduled(*, post_id: int) -> bool:
    """Move one scheduled post into screening. Cancelled or already released: no-op."""
    with transaction.atomic():
        changed = Post.objects.filter(
            pk=post_id, status=PostStatus.SCHEDULED, scheduled_for__lte=timezone.now()
        ).update(status=PostStatus.PENDING)
        if not changed:
            return False
        revision_id = Post.objects.values_list("current_revision_id", flat=True).get(pk=post_id)
        revision_awaits_screening_on_commit(revision_id=revision_id)
    return True


def publish_due() -> int:
    due = Post.objects.filter(
        status=PostStatus.SCHEDULED, scheduled_for__lte=timezone.now()
    ).values_list("pk", flat=True)
    return sum(1 for post_id in list(due) if release_scheduled(post_id=post_id))


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
    """Stop sleeping on it: release a scheduled post to screening now."""
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
