from __future__ import annotations

from django.http import HttpRequest

from accounts.access import is_moderator


def site(request: HttpRequest) -> dict[str, object]:
    user = request.user
    if not user.is_authenticated:
        return {"unread_notifications": 0, "is_moderator": False}
    from forum.notifications import unread_count

    return {
        "unread_notifications": unread_count(user),
        "is_moderator": is_moderator(user),
    }
