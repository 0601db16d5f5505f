"""A member's notices: the list, the header's unread count, marking them read."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from notifications.models import Notification

AnyUser = AbstractBaseUser | AnonymousUser

# Which of a reader's notices this session may read is decided above this app (the forum
# knows who may read a post now): such filters are registered here from AppConfig.ready().
_readable_filters: list[Callable[[AnyUser], Q]] = []


def register_readable_filter(readable: Callable[[AnyUser], Q]) -> None:
    """Hide the notices `readable(user)` does not match from the reader's list."""
    if readable not in _readable_filters:
        _readable_filters.append(readable)


def _unread_key(user_id: int) -> str:
    return f"unread-notifications:{user_id}"


def unread_changed(user_id: int) -> None:
    """Forget the cached count once the change is committed (at once outside a transaction)."""
    key = _unread_key(user_id)
    transaction.on_commit(lambda: cache.delete(key))


def unread_count_key(user: AnyUser) -> str | None:
    """The cache key of the header's unread count, for a page's own get_many."""
    return _unread_key(user.pk) if user.is_authenticated else None


def unread_count(user: AbstractBaseUser, *, cached: int | None = None) -> int:
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


def notifications_for(user: AbstractBaseUser, limit: int = 50) -> list[Notification]:
    """The reader's notices, less those about what this session may not read (a moderator
    is told of mentions in the private groups they moderate, but reads them, and the
    notice's title, only in a session that passed TOTP)."""
    notices = Notification.objects.filter(recipient=user).select_related("actor")
    for readable in _readable_filters:
        notices = notices.filter(readable(user))
    return list(notices[:limit])


def mark_all_read(*, user: AbstractBaseUser) -> int:
    marked = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    unread_changed(user.pk)
    return marked


def open_notice(*, user: AbstractBaseUser, notification_id: int) -> Notification | None:
    """The reader's own notice, marked read now (issue 22.9: opening it reads it); None
    when it is not theirs or this session may not read what it is about."""
    notices = Notification.objects.filter(recipient=user, pk=notification_id)
    for readable in _readable_filters:
        notices = notices.filter(readable(user))
    notice = notices.first()
    if notice is None:
        return None
    if notice.read_at is None:
        Notification.objects.filter(pk=notice.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        unread_changed(user.pk)
    return notice
