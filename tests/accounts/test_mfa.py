"""Moderators and staff must use MFA before they reach the admin or moderation pages."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.accounts.helpers import current_totp_code, enroll_totp


@pytest.mark.parametrize("role", [{"is_staff": True, "is_superuser": True}, {"is_moderator": True}])
def test_without_mfa_staff_and_moderators_are_sent_to_set_it_up(
    client: Client, db: None, role
) -> None:  # type: ignore[no-untyped-def]
    user = factories.UserFactory(**role)
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    # allauth asks for the password again before an authenticator is added.
    follow = client.get(response["Location"], follow=True)
    assert follow.status_code == 200


def test_with_mfa_staff_reach_the_admin_once_this_session_passed_totp(
    client: Client, db: None
) -> None:
    user = factories.UserFactory(is_staff=True, is_superuser=True)
    enroll_totp(user)
    client.force_login(user)  # a session that passed no TOTP: sent to confirm first
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    client.post(reverse("mfa_reauthenticate"), {"code": current_totp_code()})
    assert client.get(reverse("admin:index")).status_code == 200


def test_members_are_not_asked_for_mfa(client: Client, clinician) -> None:  # type: ignore[no-untyped-def]
    client.force_login(clinician)
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_staff_sign_in_with_password_and_a_totp_code(client: Client, db: None) -> None:
    user = factories.UserFactory(is_staff=True, is_moderator=True, email="mod@example.org")
    enroll_totp(user)
    response = client.post(
        reverse("account_login"),
        {"login": "mod@example.org", "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    # Without the code the session is not signed in.
    assert client.get(reverse("admin:index")).status_code == 302
    response = client.post(reverse("mfa_authenticate"), {"code": current_totp_code()})
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_wrong_totp_code_is_refused(client: Client, db: None) -> None:
    user = factories.UserFactory(is_staff=True, email="staff@example.org")
    enroll_totp(user)
    client.post(
        reverse("account_login"),
        {"login": "staff@example.org", "password": "correct horse battery staple"},
    )
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
