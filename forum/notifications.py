"""In-site notifications, written in the same transaction as the event; email follows."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.access import AnyUser
from accounts.models import User
from forum.access import recipient_can_read_group_topics
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


def _send_emails_later(notification_ids: list[int]) -> None:
    """One task message for notices written together (a publish of many posts)."""
    if len(notification_ids) == 1:
        _send_email_later(notification_ids[0])
        return
    from forum.tasks import email_notifications

    try:
        email_notifications.delay(notification_ids)
    except Exception:  # broker down: the in-site notices exist; email is best effort
        import logging

        logging.getLogger(__name__).warning(
            "could not enqueue email for notifications %s", notification_ids
        )


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


def notify_posts_published(posts: Sequence[Post]) -> None:
    """Tell the replied-to author, the topic's author and those mentioned about newly
    published posts: one query for everyone mentioned, one for notices already sent, one
    insert. Called with the posts locked, which is what keeps two publishes of a post
    from both passing the check for notices already sent."""
    mentions = {post.pk: mentioned_handles(_body(post)) for post in posts}
    handles = set().union(*mentions.values())
    by_handle = (
        {user.handle: user for user in User.objects.filter(handle__in=handles, is_active=True)}
        if handles
        else {}
    )
    wanted: list[Notification] = []
    for post in posts:
        notified: set[int] = {post.author_id}
        for recipient, kind, message in _published_targets(post, mentions[post.pk], by_handle):
            # A mention must not tell an outsider that a private group's topic exists.
            if recipient.pk in notified or not recipient_can_read_group_topics(
                recipient, post.topic.group
            ):
                continue
            notified.add(recipient.pk)
            wanted.append(
                Notification(
                    recipient=recipient,
                    kind=kind,
                    actor=post.author,
                    post=post,
                    message=message[:300],
                    url=post.get_absolute_url(),
                )
            )
    if not wanted:
        return
    sent = set(
        Notification.objects.filter(
            post_id__in={n.post_id for n in wanted}, kind__in={n.kind for n in wanted}
        ).values_list("recipient_id", "kind", "post_id")
    )
    created = Notification.objects.bulk_create(
        [n for n in wanted if (n.recipient_id, n.kind, n.post_id) not in sent]
    )
    ids = [n.pk for n in created]
    transaction.on_commit(lambda: _send_emails_later(ids))
    for recipient_id in {n.recipient_id for n in created}:
        _unread_changed(recipient_id)


def _published_targets(
    post: Post, handles: set[str], by_handle: dict[str, User]
) -> list[tuple[User, str, str]]:
    """(recipient, kind, message) in order of precedence: the replied-to author, the
    topic's author, then those mentioned (each told once, by the first that applies)."""
    author, topic = post.author, post.topic
    targets: list[tuple[User, str, str]] = []
    if not post.is_first_post:
        replied = f"{author.public_name} replied in “{topic.title}”"
        if post.reply_to_id is not None and post.reply_to is not None:
            targets.append((post.reply_to.author, NotificationKind.REPLY, replied))
        targets.append((topic.author, NotificationKind.REPLY, replied))
    mentioned = f"{author.public_name} mentioned you in “{topic.title}”"
    targets += [
        (by_handle[handle], NotificationKind.MENTION, mentioned)
        for handle in sorted(handles)
        if handle in by_handle
    ]
    return targets


def _body(post: Post) -> str:
    return post.current_revision.body if post.current_revision else ""


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


def unread_count_key(user: AnyUser) -> str | None:
    """The cache key of the header's unread count, for a page's own get_many."""
    return _unread_key(user.pk) if user.is_authenticated else None


def unread_count(user: User, *, cached: int | None = None) -> int:
    """The header's unread count on every page, cached briefly per member.

    Each new notification and "mark all read" forget it; the timeout bounds a count read
    just before a change and stored just after it. `cached`: the value a caller already
    read under unread_count_key (None: not read, or not in the cache).
    """
    key = _unread_key(user.pk)
    count = cached if cached is not None else cache.get(key)
    if count is None:
        count = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        cache.set(key, count, settings.FORUM_UNREAD_COUNT_CACHE_SECONDS)
    return count
