"""Scheduled ("sleep on it") posts: due ones move to screening, once."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from forum.choices import PostStatus
from forum.models import Post


def release_scheduled(*, post_id: int) -> bool:
    """Move one scheduled post into screening. Cancelled or already released: no-op."""
    from moderation.pipeline import enqueue_screening

    with transaction.atomic():
        changed = Post.objects.filter(
            pk=post_id, status=PostStatus.SCHEDULED, scheduled_for__lte=timezone.now()
        ).update(status=PostStatus.PENDING)
        if not changed:
            return False
        revision_id = Post.objects.values_list("current_revision_id", flat=True).get(pk=post_id)
        transaction.on_commit(lambda: enqueue_screening(revision_id))
    return True


def publish_due() -> int:
    due = Post.objects.filter(
        status=PostStatus.SCHEDULED, scheduled_for__lte=timezone.now()
    ).values_list("pk", flat=True)
    return sum(1 for post_id in list(due) if release_scheduled(post_id=post_id))
