"""A member's data export ("everything you declared and wrote", /me/export.json).

Each app knows its own part and registers it here in its AppConfig.ready(), so no app
imports the ones above it to build the export: accounts gives the profile and licenses,
the forum memberships and posts, moderation flags and appeals, notifications the notices.
A part returns only the member's own data, never another member's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

FORMAT = "clinician-commons-export/2"

Part = Callable[[Any], Any]
_parts: dict[str, Part] = {}


def register(section: str, part: Part) -> None:
    """Add `part(user)` to the export under `section` (once per section)."""
    if section in ("format", "exported_at") or _parts.get(section, part) is not part:
        raise ImproperlyConfigured(f"The export section {section!r} is already taken.")
    _parts[section] = part


def sections() -> list[str]:
    return list(_parts)


def export_member_data(*, user: Any) -> dict[str, Any]:
    """The member's export: every registered part, each asked for this member alone."""
    return {
        "format": FORMAT,
        "exported_at": timezone.now().isoformat(),
        **{section: part(user) for section, part in _parts.items()},
    }


def iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
