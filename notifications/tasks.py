"""Email for notices: thin Celery tasks, each notice mailed at most once."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from notifications.choices import EmailNotices
from notifications.emails import render_email
from notifications.models import Notification

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
    queue="default",
)
def email_notification(self, notification_id: int) -> bool:  # type: ignore[no-untyped-def]
    """Email one notification, once: the row is claimed before the mail is sent."""
    return _email_once(notification_id)


@shared_task(queue="default")
def email_notifications(notification_ids: list[int]) -> int:
    """Email the notices written together (a screening batch's replies) from one message;
    one whose mail fails is handed to email_notification, which retries it alone."""
    sent = 0
    for notification_id in notification_ids:
        try:
            sent += _email_once(notification_id)
        except OSError as exc:
            logger.warning(
                "email for notification %s failed (%s); retrying alone", notification_id, exc
            )
            email_notification.delay(notification_id)
    return sent


def send_message(message: EmailMultiAlternatives) -> None:
    """The one place a notice leaves for the mail server (its failures are retried)."""
    message.send()


def _email_once(notification_id: int) -> bool:
    with transaction.atomic():
        claimed = Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
    if not claimed:
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    recipient = notification.recipient
    if not recipient.is_active or recipient.deactivated_at is not None:
        return False
    if recipient.email_notices == EmailNotices.NONE:  # the member reads notices on the site
        return False
    site = settings.SITE_URL.rstrip("/")
    link = (
        f"{site}{reverse('notifications:open', args=[notification.pk])}" if notification.url else ""
    )
    message = render_email(
        "notice", to=[recipient.email], context={"notification": notification, "link": link}
    )
    try:
        send_message(message)
    except OSError:
        # Un-claim so the retry can send it.
        Notification.objects.filter(pk=notification_id).update(emailed_at=None)
        raise
    return True
