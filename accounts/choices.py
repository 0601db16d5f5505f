"""Vocabularies for licenses: types, jurisdictions, verification states."""

from __future__ import annotations

from django.db import models


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

# US states, DC and territories; regional groups use these codes or a country code.
US_JURISDICTIONS = [
    ("US-AL", "Alabama"), ("US-AK", "Alaska"), ("US-AZ", "Arizona"), ("US-AR", "Arkansas"),
    ("US-CA", "California"), ("US-CO", "Colorado"), ("US-CT", "Connecticut"),
    ("US-DE", "Delaware"), ("US-DC", "District of Columbia"), ("US-FL", "Florida"),
    ("US-GA", "Georgia"), ("US-HI", "Hawaii"), ("US-ID", "Idaho"), ("US-IL", "Illinois"),
    ("US-IN", "Indiana"), ("US-IA", "Iowa"), ("US-KS", "Kansas"), ("US-KY", "Kentucky"),
    ("US-LA", "Louisiana"), ("US-ME", "Maine"), ("US-MD", "Maryland"),
    ("US-MA", "Massachusetts"), ("US-MI", "Michigan"), ("US-MN", "Minnesota"),
    ("US-MS", "Mississippi"), ("US-MO", "Missouri"), ("US-MT", "Montana"),
    ("US-NE", "Nebraska"), ("US-NV", "Nevada"), ("US-NH", "New Hampshire"),
    ("US-NJ", "New Jersey"), ("US-NM", "New Mexico"), ("US-NY", "New York"),
    ("US-NC", "North Carolina"), ("US-ND", "North Dakota"), ("US-OH", "Ohio"),
    ("US-OK", "Oklahoma"), ("US-OR", "Oregon"), ("US-PA", "Pennsylvania"),
    ("US-RI", "Rhode Island"), ("US-SC", "South Carolina"), ("US-SD", "South Dakota"),
    ("US-TN", "Tennessee"), ("US-TX", "Texas"), ("US-UT", "Utah"), ("US-VT", "Vermont"),
    ("US-VA", "Virginia"), ("US-WA", "Washington"), ("US-WV", "West Virginia"),
    ("US-WI", "Wisconsin"), ("US-WY", "Wyoming"), ("US-AS", "American Samoa"),
    ("US-GU", "Guam"), ("US-MP", "Northern Mariana Islands"), ("US-PR", "Puerto Rico"),
    ("US-VI", "U.S. Virgin Islands"),
]  # fmt: skip
COUNTRIES = [
    ("CA", "Canada"), ("GB", "United Kingdom"), ("IE", "Ireland"), ("AU", "Australia"),
    ("NZ", "New Zealand"), ("DE", "Germany"), ("FR", "France"), ("NL", "Netherlands"),
    ("MX", "Mexico"), ("IN", "India"), ("ZA", "South Africa"), ("OTHER", "Other country"),
]  # fmt: skip
# Where a license is issued, and the region of a regional group.
JURISDICTIONS = US_JURISDICTIONS + COUNTRIES
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
