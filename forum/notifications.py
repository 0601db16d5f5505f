"""In-site notifications, written in the same transaction as the event; email follows."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from forum.access import can_read_group_topics
from forum.choices import NotificationKind
from forum.models import Notification, Post
from forum.rendering import mentioned_handles


def _notify(
    *,
    recipient: User,
    kind: str,
    message: str,
    url: str,
    actor: User | None = None,
    post: Post | None = None,
) -> Notification | None:
    if actor is not None and recipient.pk == actor.pk:
        return None
    try:
        # A savepoint so a duplicate (same recipient, kind and post) is skipped, not fatal.
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient,
                kind=kind,
                actor=actor,
                post=post,
                message=message[:300],
                url=url,
            )
    except IntegrityError:
        return None
    transaction.on_commit(lambda: _send_email_later(notification.pk))
    _unread_changed(recipient.pk)
    return notification


def _send_email_later(notification_id: int) -> None:
    from forum.tasks import email_notification

    try:
        email_notification.delay(notification_id)
    except Exception:  # broker down: the in-site notice exists; email is best effort
        import logging

        logging.getLogger(__name__).warning(
            "could not enqueue email for notification %s", notification_id
        )


def notify(
    *, recipient: User, kind: str, message: str, url: str = "", post: Post | None = None
) -> Notification | None:
    """For other apps (moderation outcomes, license status)."""
    return _notify(recipient=recipient, kind=kind, message=message, url=url, post=post)


def notify_post_published(post: Post) -> None:
    author = post.author
    topic = post.topic
    url = post.get_absolute_url()
    notified: set[int] = {author.pk}
    if not post.is_first_post:
        targets: list[User] = []
        if post.reply_to_id is not None and post.reply_to is not None:
            targets.append(post.reply_to.author)
        targets.append(topic.author)
        for target in targets:
            if target.pk in notified or not can_read_group_topics(target, topic.group):
                continue
            notified.add(target.pk)
            _notify(
                recipient=target,
                kind=NotificationKind.REPLY,
                actor=author,
                post=post,
                message=f"{author.public_name} replied in “{topic.title}”",
                url=url,
            )
    body = post.current_revision.body if post.current_revision else ""
    handles = mentioned_handles(body)
    if handles:
        for user in User.objects.filter(handle__in=handles, is_active=True):
            if user.pk in notified:
                continue
            if not can_read_group_topics(user, topic.group):
                # A mention must not tell an outsider that a private group's topic exists.
                continue
            notified.add(user.pk)
            _notify(
                recipient=user,
                kind=NotificationKind.MENTION,
                actor=author,
                post=post,
                message=f"{author.public_name} mentioned you in “{topic.title}”",
                url=url,
            )


def notify_helpful(*, post: Post, marked_by: User) -> None:
    _notify(
        recipient=post.author,
        kind=NotificationKind.HELPFUL,
        actor=marked_by,
        post=post,
        message=f"{marked_by.public_name} marked your reply in “{post.topic.title}” as helpful",
        url=post.get_absolute_url(),
    )


def mark_all_read(*, user: User) -> int:
    marked = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    _unread_changed(user.pk)
    return marked


def _unread_key(user_id: int) -> str:
    return f"unread-notifications:{user_id}"


def _unread_changed(user_id: int) -> None:
    """Forget the cached count once the change is committed (at once outside a transaction)."""
    key = _unread_key(user_id)
    transaction.on_commit(lambda: cache.delete(key))


def unread_count(user: User) -> int:
    """The header's unread count on every page, cached briefly per member.

    Each new notification and "mark all read" forget it; the timeout bounds a count read
    just before a change and stored just after it.
    """
    key = _unread_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        cache.set(key, count, settings.FORUM_UNREAD_COUNT_CACHE_SECONDS)
    return count
