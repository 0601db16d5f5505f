"""Helpers for tests across the suite: make a user a verified clinician."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from accounts.choices import LicenseState, LicenseType, VerificationMethod
from accounts.models import License, LicenseStatusChange, User

_numbers = itertools.count(1000)


def grant_verified_license(
    user: User,
    *,
    license_type: str = LicenseType.LCSW,
    jurisdiction: str = "US-OR",
    expires_on: datetime.date | None = None,
) -> License:
    """A verified, current license (with its history), as a moderator would leave it.

    Moderators and staff personas also get a TOTP authenticator, because the
    product requires MFA before they reach the admin and moderation pages.
    """
    now = timezone.now()
    license = License.objects.create(
        user=user,
        license_type=license_type,
        jurisdiction=jurisdiction,
        number=f"T{next(_numbers)}",
        holder_name=user.display_name or user.email,
        expires_on=expires_on or (timezone.localdate() + datetime.timedelta(days=365)),
        state=LicenseState.VERIFIED,
        verification_method=VerificationMethod.MANUAL,
        verified_at=now,
    )
    LicenseStatusChange.objects.create(
        license=license,
        from_state=LicenseState.PENDING,
        to_state=LicenseState.VERIFIED,
        method=VerificationMethod.MANUAL,
        reason="Granted by a test fixture.",
    )
    if user.is_staff or user.is_superuser or user.is_moderator:
        enroll_totp(user)
    return license


TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # noqa: S105 -- test-only secret


def enroll_totp(user: User, secret: str = TEST_TOTP_SECRET) -> None:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP

    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        return
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)


def current_totp_code(secret: str = TEST_TOTP_SECRET) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    counter = int(timezone.now().timestamp()) // 30
    return format_hotp_value(hotp_value(secret, counter))
