"""The moderation part of a member's data export (config.member_data): the flags they
raised and the appeals they wrote. Nothing of the cases themselves (other members' flags,
detector findings, moderators' notes) is theirs to export."""

from __future__ import annotations

from typing import Any

from accounts.models import User
from config import member_data
from config.member_data import iso
from moderation.models import Appeal, Flag


def flags(user: User) -> list[dict[str, Any]]:
    return [
        {
            "post": flag.post_id,
            "reason": flag.reason,
            "text": flag.text,
            "created_at": iso(flag.created_at),
        }
        for flag in Flag.objects.filter(member=user).order_by("id")
    ]


def appeals(user: User) -> list[dict[str, Any]]:
    return [
        {
            "post": appeal.case.post_id,
            "decision_appealed": appeal.action.action,
            "text": appeal.text,
            "created_at": iso(appeal.created_at),
        }
        for appeal in Appeal.objects.filter(author=user)
        .select_related("case", "action")
        .order_by("id")
    ]


def register() -> None:
    member_data.register("flags", flags)
    member_data.register("appeals", appeals)
