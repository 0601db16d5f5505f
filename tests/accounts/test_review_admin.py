"""Moderators review licenses in the Django admin; evidence opens only for them and the owner."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import verification
from accounts.choices import LicenseState, LicenseType
from accounts.models import License
from notifications.models import Notification
from tests import factories
from tests.accounts import files
from tests.accounts.helpers import enroll_totp, sign_in_with_totp


@pytest.fixture
def reviewer(moderator):  # type: ignore[no-untyped-def]
    """The moderator persona (accounts/admin_site.py opens the admin to moderators)."""
    return moderator


@pytest.fixture
def applicant(db: None):  # type: ignore[no-untyped-def]
    return factories.UserFactory(display_name="Jamie Lee", email="jamie@example.org")


@pytest.fixture
def pending(applicant) -> License:  # type: ignore[no-untyped-def]
    return verification.license_submit(
        user=applicant,
        license_type=LicenseType.LMFT,
        jurisdiction="US-CA",
        number="LMFT 54321",
        holder_name="Jamie Lee",
        expires_on=timezone.localdate() + datetime.timedelta(days=200),
        evidence=files.png_upload(),
    )


def test_the_queue_lists_pending_licenses_oldest_first(client: Client, reviewer, applicant) -> None:  # type: ignore[no-untyped-def]
    older = verification.license_submit(
        user=applicant,
        license_type=LicenseType.LPC,
        jurisdiction="US-WA",
        number="LH111",
        holder_name="Jamie Lee",
        expires_on=timezone.localdate() + datetime.timedelta(days=200),
        evidence=files.pdf_upload(),
    )
    License.objects.filter(pk=older.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )
    newer = verification.license_submit(
        user=applicant,
        license_type=LicenseType.LMFT,
        jurisdiction="US-CA",
        number="LMFT222",
        holder_name="Jamie Lee",
        expires_on=timezone.localdate() + datetime.timedelta(days=200),
        evidence=files.pdf_upload(),
    )
    sign_in_with_totp(client, reviewer)
    response = client.get(reverse("admin:accounts_license_changelist"))
    assert response.status_code == 200
    shown = list(response.context["cl"].result_list)
    assert shown[0] == older and newer in shown
    assert all(lic.state == LicenseState.PENDING for lic in shown)


def test_a_moderator_approves_in_the_admin_and_the_member_is_told(
    client: Client,
    reviewer,
    pending: License,
    applicant,
    mailoutbox,
    django_capture_on_commit_callbacks,
) -> None:  # type: ignore[no-untyped-def]
    sign_in_with_totp(client, reviewer)
    url = reverse("admin:accounts_license_review", args=[pending.pk])
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert reverse("accounts:evidence_file", args=[pending.pk]) in body
    assert "Jamie Lee" in body
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"review-decision": "approve", "review-reason": "Matches the CA BBS lookup"}
        )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.state == LicenseState.VERIFIED
    assert pending.history.last().actor == reviewer
    assert Notification.objects.filter(recipient=applicant, kind="license").exists()
    assert any("verified" in m.subject for m in mailoutbox)


def test_a_rejection_without_a_reason_is_refused_with_a_message(
    client: Client, reviewer, pending: License
) -> None:  # type: ignore[no-untyped-def]
    sign_in_with_totp(client, reviewer)
    url = reverse("admin:accounts_license_review", args=[pending.pk])
    response = client.post(url, {"review-decision": "reject", "review-reason": ""})
    assert response.status_code == 200
    assert "required" in response.content.decode().lower()
    pending.refresh_from_db()
    assert pending.state == LicenseState.PENDING


def test_a_rejection_reaches_the_member_with_the_reason(
    client: Client, reviewer, pending: License, applicant
) -> None:  # type: ignore[no-untyped-def]
    sign_in_with_totp(client, reviewer)
    url = reverse("admin:accounts_license_review", args=[pending.pk])
    client.post(url, {"review-decision": "reject", "review-reason": "The scan is unreadable"})
    pending.refresh_from_db()
    assert pending.state == LicenseState.REJECTED
    notice = Notification.objects.get(recipient=applicant, kind="license")
    assert "unreadable" in notice.message


def test_members_and_scoped_moderators_cannot_review(
    client: Client, clinician, pending: License, group
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(clinician)
    url = reverse("admin:accounts_license_review", args=[pending.pk])
    assert client.get(url).status_code in (302, 403)
    scoped = factories.UserFactory(is_moderator=True)
    enroll_totp(scoped)
    scoped.moderated_groups.add(group)
    sign_in_with_totp(client, scoped)
    assert client.get(url).status_code in (302, 403)
    assert client.post(url, {"review-decision": "approve", "review-reason": "x"}).status_code in (
        302,
        403,
    )
    pending.refresh_from_db()
    assert pending.state == LicenseState.PENDING


def test_evidence_opens_for_the_owner_and_moderators_only(
    client: Client, reviewer, pending: License, applicant, clinician, staff_user
) -> None:  # type: ignore[no-untyped-def]
    url = reverse("accounts:evidence_file", args=[pending.pk])
    assert client.get(url).status_code == 404  # visitor
    client.force_login(clinician)
    assert client.get(url).status_code == 404  # another member: not even its existence
    client.force_login(applicant)
    own = client.get(url)
    assert own.status_code == 200
    assert own["Content-Type"] == "image/png"
    assert b"".join(own.streaming_content).startswith(b"\x89PNG")
    assert "no-store" in own["Cache-Control"]
    assert "sandbox" in own["Content-Security-Policy"]
    sign_in_with_totp(client, reviewer)
    assert client.get(url).status_code == 200
    sign_in_with_totp(client, staff_user)
    assert client.get(url).status_code == 200


def test_evidence_is_not_under_a_public_url(pending: License, settings) -> None:  # type: ignore[no-untyped-def]
    from django.conf import settings as django_settings

    assert not str(django_settings.STATIC_ROOT).startswith(str(django_settings.PRIVATE_MEDIA_ROOT))
    with pytest.raises(ValueError):
        _ = pending.evidence.url


@pytest.fixture
def staff_user(db: None):  # type: ignore[no-untyped-def]
    user = factories.UserFactory(is_staff=True, is_superuser=True)
    enroll_totp(user)
    return user
