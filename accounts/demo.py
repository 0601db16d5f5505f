"""Demo licenses and MFA for `seed_demo`: idempotent, one member in each license state."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from accounts.choices import LicenseState, LicenseType, RegistryStatus, VerificationMethod
from accounts.models import License, LicenseStatusChange, User

DEMO_PASSWORD = "commons-demo-2026"  # noqa: S105 -- demo accounts only, printed by make run
# Demo accounts only: printed by `make run` so a newcomer can sign in as the moderator or staff.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPCLINCOMM"  # noqa: S105 -- base32, demo only


@dataclass(frozen=True)
class DemoLicense:
    handle: str
    license_type: str
    jurisdiction: str
    number: str
    state: str
    days_to_expiry: int = 365
    npi: str = ""
    method: str = VerificationMethod.MANUAL
    reason: str = "Checked against the board's public license lookup."


# Licenses of the forum's demo people (they post, so they are verified).
MEMBER_LICENSES = [
    DemoLicense("morgan", LicenseType.LCSW, "US-WA", "LW60551234", LicenseState.VERIFIED),
    DemoLicense("olivia", LicenseType.LMFT, "US-CA", "LMFT104233", LicenseState.VERIFIED),
    DemoLicense(
        "dana",
        LicenseType.LPC,
        "US-OR",
        "C4417",
        LicenseState.VERIFIED,
        npi="1245319599",
        method=VerificationMethod.REGISTRY,
        reason="The registry record matches name, status, taxonomy and license.",
    ),
    DemoLicense("sam", LicenseType.PSYCHOLOGIST, "US-OR", "PSY2871", LicenseState.VERIFIED),
    DemoLicense("priya", LicenseType.PSYCHIATRIST, "US-CA", "A158842", LicenseState.VERIFIED),
    # Lee's license runs out in 20 days: the 30-day reminder is due.
    DemoLicense("lee", LicenseType.LCSW, "US-OR", "L9902", LicenseState.VERIFIED, 20),
]


@dataclass(frozen=True)
class DemoApplicant:
    email: str
    name: str
    handle: str
    license: DemoLicense


# Members in every other state, so the admin queue is not empty.
APPLICANTS = [
    DemoApplicant(
        "riley@demo.clinician-commons.org",
        "Riley Chen",
        "riley",
        DemoLicense("riley", LicenseType.LMHC, "US-NY", "009871", LicenseState.PENDING, 500),
    ),
    DemoApplicant(
        "jordan@demo.clinician-commons.org",
        "Jordan Blake",
        "jordan",
        DemoLicense(
            "jordan",
            LicenseType.LCSW,
            "US-OR",
            "L7781",
            LicenseState.PENDING,
            400,
            npi="1003000126",
            reason="",
        ),
    ),
    DemoApplicant(
        "casey@demo.clinician-commons.org",
        "Casey Morgan",
        "casey",
        DemoLicense("casey", LicenseType.LPCC, "US-CA", "LPCC3320", LicenseState.UNVERIFIED),
    ),
    DemoApplicant(
        "alex@demo.clinician-commons.org",
        "Alex Rivera",
        "alex",
        DemoLicense(
            "alex",
            LicenseType.LMFT,
            "US-TX",
            "LMFT5521",
            LicenseState.REJECTED,
            reason="The scan does not show the license number; please upload a clearer copy.",
        ),
    ),
    DemoApplicant(
        "taylor@demo.clinician-commons.org",
        "Taylor Brooks",
        "taylor",
        DemoLicense("taylor", LicenseType.LPC, "US-WA", "LH4410", LicenseState.EXPIRED, -10),
    ),
    DemoApplicant(
        "quinn@demo.clinician-commons.org",
        "Quinn Harper",
        "quinn",
        DemoLicense(
            "quinn",
            LicenseType.LCPC,
            "US-IL",
            "180.0091",
            LicenseState.REVOKED,
            reason="The board lists this license as surrendered.",
        ),
    ),
]

PATHS = {
    LicenseState.UNVERIFIED: [LicenseState.UNVERIFIED],
    LicenseState.PENDING: [LicenseState.UNVERIFIED, LicenseState.PENDING],
    LicenseState.VERIFIED: [LicenseState.UNVERIFIED, LicenseState.PENDING, LicenseState.VERIFIED],
    LicenseState.REJECTED: [LicenseState.UNVERIFIED, LicenseState.PENDING, LicenseState.REJECTED],
    LicenseState.EXPIRED: [
        LicenseState.UNVERIFIED,
        LicenseState.PENDING,
        LicenseState.VERIFIED,
        LicenseState.EXPIRED,
    ],
    LicenseState.REVOKED: [
        LicenseState.UNVERIFIED,
        LicenseState.PENDING,
        LicenseState.VERIFIED,
        LicenseState.REVOKED,
    ],
}


def _demo_scan(name: str) -> ContentFile:
    image = Image.new("RGB", (600, 380), (244, 241, 232))
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 10, 590, 370), outline=(60, 60, 60), width=3)
    draw.text((40, 40), "DEMO STATE BOARD OF BEHAVIORAL HEALTH", fill=(20, 20, 20))
    draw.text((40, 120), f"Licensee: {name}", fill=(20, 20, 20))
    draw.text((40, 160), "This is demo evidence, not a real license.", fill=(120, 20, 20))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue())


def _grant(user: User, spec: DemoLicense, moderator: User | None) -> License:
    today = timezone.localdate()
    existing = License.objects.filter(
        license_type=spec.license_type, jurisdiction=spec.jurisdiction, number=spec.number
    ).first()
    if existing is not None:
        return existing
    expires_on = today + datetime.timedelta(days=spec.days_to_expiry)
    verified = LicenseState.VERIFIED in PATHS[spec.state]
    license = License(
        user=user,
        license_type=spec.license_type,
        jurisdiction=spec.jurisdiction,
        number=spec.number,
        holder_name=user.display_name.split(",")[0],
        npi=spec.npi,
        expires_on=expires_on,
        state=spec.state,
        verification_method=spec.method if verified else "",
        verified_at=timezone.now() if verified else None,
        registry_status=(
            RegistryStatus.MATCHED
            if spec.npi and verified
            else RegistryStatus.UNAVAILABLE
            if spec.npi
            else ""
        ),
        registry_notes=(
            ["Registry did not answer: a moderator reviews this license."]
            if spec.npi and not verified
            else []
        ),
    )
    wants_evidence = not spec.npi or spec.state in (LicenseState.PENDING, LicenseState.REJECTED)
    if wants_evidence and spec.state != LicenseState.UNVERIFIED:
        license.evidence.save("evidence.png", _demo_scan(license.holder_name), save=False)
        license.evidence_content_type = "image/png"
    license.save()
    path = PATHS[spec.state]
    previous = ""
    for state in path:
        system = state == LicenseState.EXPIRED or spec.method == VerificationMethod.REGISTRY
        decided = state in (LicenseState.VERIFIED, LicenseState.REJECTED, LicenseState.REVOKED)
        LicenseStatusChange.objects.create(
            license=license,
            from_state=previous,
            to_state=state,
            actor=None if system and decided else (moderator if decided else user),
            method=spec.method if decided else "",
            reason={
                LicenseState.UNVERIFIED: "Declared by the member.",
                LicenseState.PENDING: "Submitted for verification.",
                LicenseState.EXPIRED: f"The license expired on {expires_on:%B %-d, %Y}.",
            }.get(state, spec.reason or "Demo decision."),
        )
        previous = state
    return license


def enroll_demo_totp(user: User) -> None:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists():
        RecoveryCodes.activate(user)


def current_totp_code(secret: str = DEMO_TOTP_SECRET) -> str:
    return format_hotp_value(hotp_value(secret, int(timezone.now().timestamp()) // 30))


@transaction.atomic
def seed_accounts(people: dict[str, User]) -> list[User]:
    """Licenses for the demo people, applicants in each state, MFA for moderator and staff."""
    moderator = people.get("morgan")
    for spec in MEMBER_LICENSES:
        if spec.handle in people:
            # Nobody reviews their own license: the staff account approved the moderator's.
            reviewer = people.get("staff.admin") if spec.handle == "morgan" else moderator
            _grant(people[spec.handle], spec, reviewer)
    applicants: list[User] = []
    for applicant in APPLICANTS:
        user, created = User.objects.get_or_create(
            email=applicant.email,
            defaults={
                "username": applicant.email,
                "display_name": applicant.name,
                "handle": applicant.handle,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(
            user=user, email=applicant.email, defaults={"verified": True, "primary": True}
        )
        _grant(user, applicant.license, moderator)
        applicants.append(user)
    for user in people.values():
        if user.is_staff or user.is_moderator:
            enroll_demo_totp(user)
    return applicants
