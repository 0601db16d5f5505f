"""A member's standing: suspensions imposed by moderators, read wherever a write happens."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from accounts.models import Suspension, User


def suspend(*, user: User, until: datetime, reason: str, by: User) -> Suspension:
    """Suspend a member's posting until `until` (moderation records the action that did)."""
    return Suspension.objects.create(user=user, until=until, reason=reason, created_by=by)


def active_suspension(user: User | AnonymousUser) -> Suspension | None:
    if not user.is_authenticated:
        return None
    return (
        Suspension.objects.filter(user=user, until__gt=timezone.now(), lifted_at__isnull=True)
        .order_by("-until")
        .first()
    )


def suspension_block_reason(user: User | AnonymousUser) -> str | None:
    """For accounts.access.posting_block_reason: why a suspended author may not post."""
    suspension = active_suspension(user)
    if suspension is None:
        return None
    until = timezone.localtime(suspension.until).strftime("%b %-d, %Y %H:%M %Z")
    return f"Your posting is suspended by the moderators until {until}."
