"""Vocabularies for licenses: types, jurisdictions, verification states."""

from __future__ import annotations

from django.db import models

from forum.choices import COUNTRIES, US_JURISDICTIONS


class LicenseType(models.TextChoices):
    LCSW = "LCSW", "LCSW: licensed clinical social worker"
    LICSW = "LICSW", "LICSW: licensed independent clinical social worker"
    LMSW = "LMSW", "LMSW: licensed master social worker"
    LPC = "LPC", "LPC: licensed professional counselor"
    LPCC = "LPCC", "LPCC: licensed professional clinical counselor"
    LMHC = "LMHC", "LMHC: licensed mental health counselor"
    LMFT = "LMFT", "LMFT: licensed marriage and family therapist"
    LCPC = "LCPC", "LCPC: licensed clinical professional counselor"
    PSYCHOLOGIST = "PSYCHOLOGIST", "Licensed psychologist (PhD/PsyD)"
    PSYCHIATRIST = "PSYCHIATRIST", "Psychiatrist (MD/DO)"
    PMHNP = "PMHNP", "PMHNP: psychiatric-mental health nurse practitioner"
    LAC = "LAC", "LAC: licensed addiction counselor"
    OTHER = "OTHER", "Other (describe)"


# Short forms shown next to a member's name.
LICENSE_TYPE_SHORT = {
    LicenseType.PSYCHOLOGIST: "Psychologist",
    LicenseType.PSYCHIATRIST: "Psychiatrist",
}

JURISDICTIONS = [(code, name) for code, name in US_JURISDICTIONS] + [
    (code, name) for code, name in COUNTRIES
]
JURISDICTION_LABELS = dict(JURISDICTIONS)
US_CODES = {code for code, _ in US_JURISDICTIONS}


class LicenseState(models.TextChoices):
    UNVERIFIED = "unverified", "Unverified: add evidence or an NPI"
    PENDING = "pending", "Pending review"
    VERIFIED = "verified", "Verified"
    REJECTED = "rejected", "Rejected"
    EXPIRED = "expired", "Expired"
    REVOKED = "revoked", "Revoked"


# The verification workflow. Anything not listed here is refused.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    LicenseState.UNVERIFIED: frozenset({LicenseState.PENDING, LicenseState.EXPIRED}),
    LicenseState.PENDING: frozenset(
        {LicenseState.VERIFIED, LicenseState.REJECTED, LicenseState.EXPIRED}
    ),
    LicenseState.VERIFIED: frozenset({LicenseState.EXPIRED, LicenseState.REVOKED}),
    LicenseState.REJECTED: frozenset(),
    LicenseState.EXPIRED: frozenset(),
    LicenseState.REVOKED: frozenset(),
}

# States in which a license still stands for its number (a duplicate is refused).
LIVE_STATES = (LicenseState.UNVERIFIED, LicenseState.PENDING, LicenseState.VERIFIED)


class VerificationMethod(models.TextChoices):
    NONE = "", "Not verified"
    REGISTRY = "registry", "NPPES registry"
    MANUAL = "manual", "Moderator review"


class RegistryStatus(models.TextChoices):
    NOT_APPLICABLE = "", "No NPI given"
    QUEUED = "queued", "Queued"
    CHECKING = "checking", "Checking"
    MATCHED = "matched", "Matched"
    NO_MATCH = "no_match", "No match"
    UNAVAILABLE = "unavailable", "Registry did not answer"
    INVALID_ANSWER = "invalid_answer", "Registry answer unreadable"


REMINDER_DAYS = (30, 7)
