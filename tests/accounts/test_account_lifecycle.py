"""Sign-up through allauth, data export, and leaving."""

from __future__ import annotations

import json

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse

from accounts.access import can_post
from accounts.models import User
from forum.models import Post


def test_a_newcomer_signs_up_verifies_the_email_and_is_asked_for_a_license(
    client: Client, db: None, mailoutbox
) -> None:  # type: ignore[no-untyped-def]
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new.clinician@example.org",
            "display_name": "Jamie Lee",
            "time_zone": "America/Chicago",
            "password1": "a-long passphrase 42",
            "password2": "a-long passphrase 42",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.clinician@example.org")
    assert user.username == "new.clinician@example.org"
    assert (user.public_name, user.time_zone) == ("Jamie Lee", "America/Chicago")
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mailoutbox) == 1
    link = next(
        line for line in mailoutbox[0].body.splitlines() if "/accounts/confirm-email/" in line
    )
    path = link[link.index("/accounts/") :].strip()
    client.post(path)
    assert EmailAddress.objects.get(user=user).verified
    assert not can_post(user)
    response = client.post(
        reverse("account_login"),
        {"login": "new.clinician@example.org", "password": "a-long passphrase 42"},
    )
    assert response["Location"] == reverse("accounts:license_add")


def test_two_sign_ups_get_distinct_usernames(client: Client, db: None) -> None:
    for email in ("a@example.org", "b@example.org"):
        Client().post(
            reverse("account_signup"),
            {
                "email": email,
                "display_name": "A Colleague",
                "password1": "a-long passphrase 42",
                "password2": "a-long passphrase 42",
            },
        )
    assert User.objects.filter(email__in=["a@example.org", "b@example.org"]).count() == 2


def test_the_export_contains_profile_licenses_posts_and_revisions(
    client: Client, clinician, topic
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(clinician)
    response = client.get(reverse("accounts:export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profile"]["email"] == clinician.email
    assert data["licenses"][0]["state"] == "verified"
    assert data["licenses"][0]["history"]
    post = data["posts"][0]
    assert post["topic"] == topic.title
    assert post["revisions"][0]["body"].startswith("A question about pacing")
    assert "password" not in json.dumps(data)


def test_the_export_holds_only_the_members_own_data(client: Client, other_clinician, topic) -> None:  # type: ignore[no-untyped-def]
    client.force_login(other_clinician)
    data = json.loads(client.get(reverse("accounts:export")).content)
    assert data["posts"] == []
    assert data["profile"]["email"] == other_clinician.email


def test_deactivation_signs_out_keeps_posts_as_a_former_member(
    client: Client, clinician, topic
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(clinician)
    page = client.get(reverse("accounts:deactivate"))
    assert page.status_code == 200
    unconfirmed = client.post(reverse("accounts:deactivate"), {})
    assert unconfirmed.status_code == 400  # not confirmed: the form says so
    assert "Tick the box to confirm" in unconfirmed.content.decode()
    response = client.post(reverse("accounts:deactivate"), {"confirm": "on"})
    assert response.status_code == 302
    clinician.refresh_from_db()
    assert clinician.deactivated_at is not None and not clinician.is_active
    assert str(clinician) == "Former member"
    assert Post.objects.filter(author=clinician).exists()
    assert client.get(reverse("accounts:profile")).status_code == 302  # signed out
    login = client.post(
        reverse("account_login"),
        {"login": clinician.email, "password": "correct horse battery staple"},
    )
    assert "_auth_user_id" not in client.session
    assert login.status_code in (200, 302)


@pytest.mark.parametrize(
    "path_name", ["accounts:export", "accounts:deactivate", "accounts:license_add"]
)
def test_account_pages_need_a_sign_in(client: Client, db: None, path_name: str) -> None:
    response = client.get(reverse(path_name))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
