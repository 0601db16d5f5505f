"""The verification state machine and its append-only history."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from accounts import verification
from accounts.choices import ALLOWED_TRANSITIONS, LicenseState, LicenseType
from accounts.models import License, LicenseStatusChange
from config.append_only import AppendOnlyError
from notifications.models import Notification
from tests import factories
from tests.accounts.files import pdf_upload
from tests.accounts.helpers import with_powers


def declare(user, **overrides) -> License:  # type: ignore[no-untyped-def]
    fields = dict(
        user=user,
        license_type=LicenseType.LPC,
        jurisdiction="US-WA",
        number="LH 60123456",
        holder_name="Jamie Lee",
        expires_on=timezone.localdate() + datetime.timedelta(days=400),
    )
    fields.update(overrides)
    return verification.license_submit(**fields)


@pytest.fixture
def moderator(moderator):  # type: ignore[no-untyped-def]
    """The suite's moderator, acting as in a session that passed TOTP (accounts.access)."""
    return with_powers(moderator)


@pytest.fixture
def applicant(db: None):  # type: ignore[no-untyped-def]
    return factories.UserFactory(display_name="Jamie Lee")


def test_a_license_without_npi_or_evidence_stays_unverified(applicant) -> None:  # type: ignore[no-untyped-def]
    license = declare(applicant)
    assert license.state == LicenseState.UNVERIFIED
    assert license.number == "LH60123456"
    assert [c.to_state for c in license.history.all()] == [LicenseState.UNVERIFIED]


def test_evidence_sends_the_license_to_review_with_history(applicant) -> None:  # type: ignore[no-untyped-def]
    license = declare(applicant, evidence=pdf_upload())
    assert license.state == LicenseState.PENDING
    history = list(license.history.all())
    assert [(c.from_state, c.to_state) for c in history] == [
        ("", LicenseState.UNVERIFIED),
        (LicenseState.UNVERIFIED, LicenseState.PENDING),
    ]
    assert all(c.actor_id == applicant.pk for c in history)


def test_approve_verifies_records_who_and_why_and_tells_the_member(applicant, moderator) -> None:  # type: ignore[no-untyped-def]
    license = declare(applicant, evidence=pdf_upload())
    verification.license_approve(moderator=moderator, license=license, reason="Board lookup ok")
    license.refresh_from_db()
    assert license.state == LicenseState.VERIFIED
    assert license.verification_method == "manual"
    last = license.history.last()
    assert (last.actor_id, last.reason, last.to_state) == (
        moderator.pk,
        "Board lookup ok",
        LicenseState.VERIFIED,
    )
    notice = Notification.objects.get(recipient=applicant, kind="license")
    assert "verified" in notice.message


def test_reject_requires_a_reason(applicant, moderator) -> None:  # type: ignore[no-untyped-def]
    license = declare(applicant, evidence=pdf_upload())
    with pytest.raises(ValidationError):
        verification.license_reject(moderator=moderator, license=license, reason="   ")
    license.refresh_from_db()
    assert license.state == LicenseState.PENDING


def test_refused_transitions(applicant, moderator) -> None:  # type: ignore[no-untyped-def]
    license = declare(applicant)  # unverified
    with pytest.raises(verification.InvalidTransition):
        verification.license_approve(moderator=moderator, license=license, reason="ok")
    with pytest.raises(verification.InvalidTransition):
        verification.license_revoke(moderator=moderator, license=license, reason="no")
    license.refresh_from_db()
    assert license.state == LicenseState.UNVERIFIED


def test_terminal_states_allow_nothing() -> None:
    for state in (LicenseState.REJECTED, LicenseState.EXPIRED, LicenseState.REVOKED):
        assert ALLOWED_TRANSITIONS[state] == frozenset()
    assert LicenseState.VERIFIED in ALLOWED_TRANSITIONS[LicenseState.PENDING]
    assert LicenseState.VERIFIED not in ALLOWED_TRANSITIONS[LicenseState.UNVERIFIED]


def test_a_decision_on_a_stale_copy_is_refused(applicant, moderator) -> None:  # type: ignore[no-untyped-def]
    license = declare(applicant, evidence=pdf_upload())
    stale = License.objects.get(pk=license.pk)
    verification.license_reject(moderator=moderator, license=license, reason="Blurry scan")
    with pytest.raises(verification.InvalidTransition):
        verification.license_approve(moderator=moderator, license=stale, reason="looks fine")
    stale.refresh_from_db()
    assert stale.state == LicenseState.REJECTED
    assert stale.history.filter(to_state=LicenseState.VERIFIED).count() == 0


def test_revoke_then_posting_stops(applicant, moderator) -> None:  # type: ignore[no-untyped-def]
    from accounts.access import can_post

    license = declare(applicant, evidence=pdf_upload())
    verification.license_approve(moderator=moderator, license=license, reason="ok")
    assert can_post(applicant)
    verification.license_revoke(moderator=moderator, license=license, reason="Board discipline")
    assert not can_post(applicant)


def test_members_cannot_review_and_moderators_cannot_review_their_own(
    applicant, moderator, clinician
) -> None:  # type: ignore[no-untyped-def]
    license = declare(applicant, evidence=pdf_upload())
    with pytest.raises(PermissionDenied):
        verification.license_approve(moderator=clinician, license=license, reason="ok")
    own = declare(moderator, number="LH-999", evidence=pdf_upload())
    with pytest.raises(PermissionDenied):
        verification.license_approve(moderator=moderator, license=own, reason="ok")


def test_history_rows_cannot_be_changed_or_deleted_through_the_orm(applicant) -> None:  # type: ignore[no-untyped-def]
    license = declare(applicant)
    change = license.history.get()
    change.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        change.save()
    with pytest.raises(AppendOnlyError):
        change.delete()
    with pytest.raises(AppendOnlyError):
        LicenseStatusChange.objects.filter(pk=change.pk).update(reason="x")
    with pytest.raises(AppendOnlyError):
        LicenseStatusChange.objects.filter(pk=change.pk).delete()


def test_history_is_append_only_in_postgresql_too(require_postgres, applicant) -> None:  # type: ignore[no-untyped-def]
    license = declare(applicant)
    change = license.history.get()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE accounts_licensestatuschange SET reason = 'x' WHERE id = %s", [change.pk]
        )
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM accounts_licensestatuschange WHERE id = %s", [change.pk])
