"""Email templates (issue 22.15): a text and an HTML part, greeted, titled and signed with
the site's name, never the host the request came in on."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from notifications import tasks
from notifications.choices import NotificationKind
from notifications.models import Notification

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "email": "jamie.lee@example.org",
    "display_name": "Jamie Lee",
    "credentials_suffix": "LMFT",
    "time_zone": "America/Chicago",
    "password1": "a long calm passphrase 42",
    "password2": "a long calm passphrase 42",
}


def _html(message) -> str:
    [(html, kind)] = message.alternatives
    assert kind == "text/html"
    return html


def test_the_verification_email_is_from_the_site_by_name_with_an_html_part(client):
    response = client.post(reverse("account_signup"), SIGN_UP, HTTP_HOST="127.0.0.1")
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.subject.startswith("[Clinician Commons] ")
    assert message.body.startswith("Hello from Clinician Commons,")
    assert "Hello from 127.0.0.1" not in message.body
    assert "/accounts/confirm-email/" in message.body
    html = _html(message)
    assert "Hello from Clinician Commons," in html
    assert "Confirm my email address" in html and "/accounts/confirm-email/" in html
    assert "127.0.0.1!" not in html


@override_settings(SITE_NAME="Commons Staging", ACCOUNT_EMAIL_SUBJECT_PREFIX="[Commons Staging] ")
def test_the_site_name_comes_from_the_setting(client):
    client.post(reverse("account_signup"), SIGN_UP)
    [message] = mail.outbox
    assert message.subject.startswith("[Commons Staging] ")
    assert "Hello from Commons Staging," in message.body
    assert "— Commons Staging" in message.body


def test_a_password_reset_email_uses_the_template(client, clinician):
    client.post(reverse("account_reset_password"), {"email": clinician.email})
    [message] = mail.outbox
    assert message.body.startswith("Hello from Clinician Commons,")
    assert "Choose a new password" in _html(message)


@override_settings(SITE_URL="https://commons.example")
def test_a_notice_email_has_both_parts_and_opens_through_the_notice(clinician):
    notice = Notification.objects.create(
        recipient=clinician,
        kind=NotificationKind.REPLY,
        message="Sam Ortiz replied to “Exposure pacing with an anxious teen”",
        url="/posts/7/",
    )
    assert tasks.email_notification(notice.pk) is True
    [message] = mail.outbox
    assert message.subject == (
        "[Clinician Commons] Sam Ortiz replied to “Exposure pacing with an anxious teen”"
    )
    opened = f"https://commons.example{reverse('notifications:open', args=[notice.pk])}"
    assert message.body.startswith("Hello from Clinician Commons,")
    assert opened in message.body
    html = _html(message)
    assert f'href="{opened}"' in html and "Sam Ortiz replied to" in html
    assert "https://commons.example/me/settings/" in html
