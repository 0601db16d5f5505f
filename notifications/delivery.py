"""Writing notices, in the same transaction as the event they tell of; email follows.

Other apps decide who is told (the forum: a reply, a mention, a helpful mark; moderation:
an outcome; accounts: a license's status) and call notify or notify_many here.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction

from notifications.choices import REPEATABLE_KINDS
from notifications.inbox import unread_changed
from notifications.models import Notification
from notifications.tasks import email_notification, email_notifications

logger = logging.getLogger(__name__)

MESSAGE_MAX = 300


@dataclass(frozen=True)
class Notice:
    """One notice to write with notify_many."""

    recipient_id: int
    kind: str
    message: str
    url: str = ""
    actor_id: int | None = None
    post_id: int | None = None


def notify(
    *,
    recipient: AbstractBaseUser,
    kind: str,
    message: str,
    url: str = "",
    actor: AbstractBaseUser | None = None,
    post_id: int | None = None,
) -> Notification | None:
    """Tell one member; nobody is told of their own act, and a notice already sent for the
    same post and kind (a retried delivery) is skipped, not fatal."""
    if actor is not None and recipient.pk == actor.pk:
        return None
    try:
        # A savepoint so a duplicate (same recipient, kind and post) is skipped, not fatal.
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient,
                kind=kind,
                actor=actor,
                post_id=post_id,
                message=message[:MESSAGE_MAX],
                url=url,
            )
    except IntegrityError:
        return None
    transaction.on_commit(lambda: _send_email_later(notification.pk))
    unread_changed(recipient.pk)
    return notification


def notify_many(notices: Sequence[Notice]) -> list[Notification]:
    """Write many notices in one insert (one query for those already sent, one insert, one
    email task message). The caller holds the locks that keep two calls for the same
    posts from both passing the check for notices already sent (forum: the posts' rows)."""
    if not notices:
        return []
    deduped = [n for n in notices if n.post_id is not None and n.kind not in REPEATABLE_KINDS]
    sent = (
        set(
            Notification.objects.filter(
                post_id__in={n.post_id for n in deduped}, kind__in={n.kind for n in deduped}
            ).values_list("recipient_id", "kind", "post_id")
        )
        if deduped
        else set()
    )
    created = Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=n.recipient_id,
                kind=n.kind,
                actor_id=n.actor_id,
                post_id=n.post_id,
                message=n.message[:MESSAGE_MAX],
                url=n.url,
            )
            for n in notices
            if (n.recipient_id, n.kind, n.post_id) not in sent
        ]
    )
    ids = [n.pk for n in created]
    if ids:
        transaction.on_commit(lambda: _send_emails_later(ids))
    for recipient_id in {n.recipient_id for n in created}:
        unread_changed(recipient_id)
    return created


def _send_emails_later(notification_ids: list[int]) -> None:
    """One task message for notices written together (a publish of many posts)."""
    if len(notification_ids) == 1:
        _send_email_later(notification_ids[0])
        return
    try:
        email_notifications.delay(notification_ids)
    except Exception:  # broker down: the in-site notices exist; email is best effort
        logger.warning("could not enqueue email for notifications %s", notification_ids)


def _send_email_later(notification_id: int) -> None:
    try:
        email_notification.delay(notification_id)
    except Exception:  # broker down: the in-site notice exists; email is best effort
        logger.warning("could not enqueue email for notification %s", notification_id)
