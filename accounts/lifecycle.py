"""Leaving: a member deactivates their account. (Their data export: config.member_data.)"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.avatars import avatar_remove
from accounts.models import User
from accounts.signals import send_standing_changed


def deactivate_account(*, user: User) -> User:
    """The member leaves: sign-in stops, posts stay, attributed to a former member."""
    # is_active=False also ends every session: the auth backend refuses inactive users.
    with transaction.atomic():
        User.objects.filter(pk=user.pk, deactivated_at__isnull=True).update(
            deactivated_at=timezone.now(), is_active=False
        )
        send_standing_changed(user.pk)
    user.refresh_from_db()
    # A former member's picture is never shown again: remove the file too.
    avatar_remove(user=user)
    return user
