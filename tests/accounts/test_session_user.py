"""The session's user: read with their license date, and Django's checks on it hold."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_thread_and_group_pages_send_a_stale_session_to_sign_in(client, clinician, topic):
    client.force_login(clinician)
    assert client.get(topic.get_absolute_url()).status_code == 200
    clinician.set_password("a-new-and-different-passphrase")
    clinician.save()
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 302 and "/accounts/login/" in response.url
    page = client.get(topic.group.get_absolute_url()).content.decode()
    assert topic.title not in page and "Sign in to join." in page
