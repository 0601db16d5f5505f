"""The notifications part of a member's data export (config.member_data): the notices
the member received."""

from __future__ import annotations

from typing import Any

from config import member_data
from config.member_data import iso
from notifications.models import Notification


def notifications(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "kind": notice.kind,
            "message": notice.message,
            "url": notice.url,
            "created_at": iso(notice.created_at),
            "read_at": iso(notice.read_at),
        }
        for notice in Notification.objects.filter(recipient=user).order_by("id")
    ]


def register() -> None:
    member_data.register("notifications", notifications)
