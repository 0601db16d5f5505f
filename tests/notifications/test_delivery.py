"""Notices: written with the event, one per post event, counted, read and mailed once."""

from __future__ import annotations

from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from notifications import inbox, tasks
from notifications.choices import NotificationKind
from notifications.delivery import Notice, notify, notify_many
from notifications.models import Notification


def test_nobody_is_told_of_their_own_act(clinician):
    assert (
        notify(recipient=clinician, kind=NotificationKind.HELPFUL, message="x", actor=clinician)
        is None
    )
    assert not Notification.objects.exists()


def test_a_post_event_is_told_once_but_moderation_outcomes_each_time(
    clinician, other_clinician, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = notify(
            recipient=clinician, kind=NotificationKind.REPLY, message="a reply", post_id=41
        )
        again = notify(
            recipient=clinician, kind=NotificationKind.REPLY, message="a reply", post_id=41
        )
        outcomes = [
            notify(recipient=clinician, kind=NotificationKind.MODERATION, message=m, post_id=41)
            for m in ("held", "approved")
        ]
    assert first is not None and again is None
    assert all(outcome is not None for outcome in outcomes)
    assert Notification.objects.filter(recipient=clinician).count() == 3
    assert sorted(message.subject for message in mail.outbox) == sorted(
        f"[Clinician Commons] {m}" for m in ("a reply", "held", "approved")
    )


def test_notify_many_skips_the_post_events_already_told(
    clinician, other_clinician, django_capture_on_commit_callbacks
):
    reply = Notice(recipient_id=clinician.pk, kind=NotificationKind.REPLY, message="r", post_id=7)
    mention = Notice(
        recipient_id=other_clinician.pk, kind=NotificationKind.MENTION, message="m", post_id=7
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert len(notify_many([reply])) == 1
        created = notify_many([reply, mention])
    assert [(n.recipient_id, n.kind) for n in created] == [
        (other_clinician.pk, NotificationKind.MENTION)
    ]
    assert Notification.objects.count() == 2
    assert len(mail.outbox) == 2


def test_the_unread_count_is_forgotten_when_a_notice_arrives_and_when_all_are_read(
    client, clinician, django_capture_on_commit_callbacks
):
    assert inbox.unread_count(clinician) == 0
    assert cache.get(inbox.unread_count_key(clinician)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=clinician, kind=NotificationKind.MEMBERSHIP, message="welcome")
    assert inbox.unread_count(clinician) == 1
    client.force_login(clinician)
    page = client.get(reverse("notifications:list"))
    assert "welcome" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("notifications:read"))
    assert response.status_code == 302 and response["Location"] == reverse("notifications:list")
    assert inbox.unread_count(clinician) == 0
    assert not Notification.objects.filter(recipient=clinician, read_at__isnull=True).exists()


def test_a_batch_email_that_fails_is_retried_alone(clinician, other_clinician, monkeypatch):
    notices = [
        _notice(recipient, text) for recipient, text in ((clinician, "a"), (other_clinician, "b"))
    ]
    real_send = tasks.send_message
    failures = []

    def send_message(message):
        if message.to == [clinician.email] and not failures:
            failures.append(message)
            raise OSError("mail server hung up")
        return real_send(message)

    monkeypatch.setattr(tasks, "send_message", send_message)
    # The batch mails the second notice; the first fails, is un-claimed, and its own
    # task (run at once here, tasks being eager in tests) sends it.
    assert tasks.email_notifications([n.pk for n in notices]) == 1
    assert len(failures) == 1
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [clinician.email, other_clinician.email]
    )
    assert not Notification.objects.filter(pk__in=[n.pk for n in notices], emailed_at=None).exists()


def _notice(recipient, text):
    return Notification.objects.create(
        recipient=recipient, kind=NotificationKind.MODERATION, message=text, url="/"
    )
