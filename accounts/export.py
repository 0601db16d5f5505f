"""The accounts part of a member's data export (config.member_data): profile and licenses."""

from __future__ import annotations

from typing import Any

from accounts.models import License, User
from config import member_data
from config.member_data import iso


def profile(user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "display_name": user.display_name,
        "credentials_suffix": user.credentials_suffix,
        "has_picture": bool(user.avatar),
        "email_notices": user.email_notices,
        "handle": user.handle,
        "handle_changes": [
            {
                "from": change.old_handle,
                "to": change.new_handle,
                "at": iso(change.changed_at),
                "by": change.changed_by,
            }
            for change in user.handle_changes.order_by("changed_at", "id")
        ],
        "digest": user.digest,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "time_zone": user.time_zone,
        "date_joined": iso(user.date_joined),
        "is_organizer": user.is_organizer,
        "is_moderator": user.is_moderator,
    }


def licenses(user: User) -> list[dict[str, Any]]:
    return [
        {
            "license_type": lic.license_type,
            "license_type_other": lic.license_type_other,
            "jurisdiction": lic.jurisdiction,
            "number": lic.number,
            "holder_name": lic.holder_name,
            "npi": lic.npi,
            "expires_on": iso(lic.expires_on),
            "state": lic.state,
            "verification_method": lic.verification_method,
            "verified_at": iso(lic.verified_at),
            "has_evidence": bool(lic.evidence),
            "history": [
                {
                    "from": change.from_state,
                    "to": change.to_state,
                    "reason": change.reason,
                    "at": iso(change.created_at),
                }
                for change in lic.history.all()
            ],
        }
        for lic in License.objects.filter(user=user).prefetch_related("history").order_by("id")
    ]


def register() -> None:
    member_data.register("profile", profile)
    member_data.register("licenses", licenses)
