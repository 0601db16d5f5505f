"""Verified credentials shown next to members' names."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from accounts.choices import LicenseState
from accounts.models import License
from accounts.timezones import site_today

# The order a member's badges are shown in: oldest verification first.
BADGE_ORDER = ("verified_at", "id")


def badge_licenses(today: object = None) -> QuerySet[License]:
    """The licenses badges show: verified and not expired on `today` (default: today)."""
    return License.objects.filter(
        state=LicenseState.VERIFIED, expires_on__gte=today or site_today()
    )


def credential_badges(user_ids: Iterable[int]) -> dict[int, str]:
    """One query: user id -> "LCSW · Oregon · verified" for verified, current licenses.

    A member with several verified licenses shows them all, oldest verification first.
    """
    ids = {user_id for user_id in user_ids if user_id is not None}
    if not ids:
        return {}
    licenses = (
        badge_licenses()
        .filter(user_id__in=ids)
        .only("user_id", "license_type", "license_type_other", "jurisdiction")
        .order_by("user_id", *BADGE_ORDER)
    )
    parts: dict[int, list[str]] = {}
    for license in licenses:
        text = license.badge
        seen = parts.setdefault(license.user_id, [])
        if text not in seen:
            seen.append(text)
    return {user_id: "; ".join(texts) for user_id, texts in parts.items()}


def member_badges(user_id: int) -> list[str]:
    """One member's badges, one per verified, current license, oldest verification first."""
    licenses = (
        badge_licenses()
        .filter(user_id=user_id)
        .only("license_type", "license_type_other", "jurisdiction")
        .order_by(*BADGE_ORDER)
    )
    return list(dict.fromkeys(license.badge for license in licenses))
