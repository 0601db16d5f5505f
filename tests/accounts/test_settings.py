"""The member's settings page (#22.10): name, credentials, time zone, email notices."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from accounts.models import User
from notifications.choices import EmailNotices
from notifications.models import Notification
from notifications.tasks import email_notification

pytestmark = pytest.mark.django_db

URL = reverse("accounts:settings")


def _form(**overrides: str) -> dict[str, str]:
    return {
        "display_name": "Dana Reyes",
        "credentials_suffix": "LCSW",
        "time_zone": "America/New_York",
        "email_notices": EmailNotices.EACH,
        "digest": "none",
        **overrides,
    }


def test_settings_need_a_signed_in_member(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_member_changes_their_name_suffix_zone_and_email_notices(client, clinician):
    client.force_login(clinician)
    page = client.get(URL).content.decode()
    assert 'value="Dana Reyes"' in page
    assert '<option value="Europe/Paris">Europe/Paris</option>' in page
    response = client.post(
        URL,
        _form(
            display_name=" Dana  R. Reyes ",
            credentials_suffix="LCSW, CCTP",
            time_zone="Europe/Paris",
            email_notices=EmailNotices.NONE,
        ),
    )
    assert response.status_code == 302 and response["Location"] == URL
    clinician.refresh_from_db()
    assert clinician.public_name == "Dana R. Reyes, LCSW, CCTP"
    assert clinician.time_zone == "Europe/Paris"
    assert clinician.email_notices == EmailNotices.NONE
    assert "Your settings are saved." in client.get(URL).content.decode()


def test_errors_are_summarised_first_and_tied_to_their_inputs(client, clinician):
    client.force_login(clinician)
    response = client.post(
        URL, _form(display_name="see www.reyes-therapy.com", time_zone="Mars/Olympus_Mons")
    )
    assert response.status_code == 400
    page = response.content.decode()
    summary = page.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert page.index('class="error-summary"') < page.index('name="display_name"')
    assert "There are 2 problems" in summary
    assert 'href="#id_display_name"' in summary and 'href="#id_time_zone"' in summary
    for name in ("display_name", "time_zone"):
        tag = re.search(rf"<(?:input|select)[^>]*name=\"{name}\"[^>]*>", page).group(0)
        assert 'aria-invalid="true"' in tag
        assert f"id_{name}_error" in tag and f'id="id_{name}_error"' in page
    clinician.refresh_from_db()
    assert clinician.display_name == "Dana Reyes" and clinician.time_zone == "UTC"


def test_a_zone_alias_the_browser_gave_stays_selectable(client, clinician):
    User.objects.filter(pk=clinician.pk).update(time_zone="Asia/Calcutta")
    client.force_login(clinician)
    page = client.get(URL).content.decode()
    assert '<option value="Asia/Calcutta" selected>' in page


def test_no_email_for_a_member_who_reads_notices_on_the_site(
    clinician, other_clinician, mailoutbox
):
    quiet = Notification.objects.create(recipient=clinician, kind="reply", message="quiet")
    User.objects.filter(pk=clinician.pk).update(email_notices=EmailNotices.NONE)
    loud = Notification.objects.create(recipient=other_clinician, kind="reply", message="loud")
    assert email_notification(quiet.pk) is False
    assert email_notification(loud.pk) is True
    assert [mail.to for mail in mailoutbox] == [[other_clinician.email]]
