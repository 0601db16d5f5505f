"""The Moderation link's count of cases waiting, for moderators in a TOTP-passed session."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from accounts.access import is_moderator
from moderation.access import cases_for_moderator
from moderation.models import ACTIVE_CASE_STATES


def pending_cases(user: object) -> int:
    """Open, claimed and appealed cases in the groups this moderator covers."""
    return cases_for_moderator(user).filter(state__in=ACTIVE_CASE_STATES).count()


def moderation(request: HttpRequest) -> dict[str, object]:
    user = request.user
    if not (user.is_authenticated and is_moderator(user)):
        return {}
    # Counted only if the header shows it: one query, on moderators' pages only.
    return {"moderation_pending": SimpleLazyObject(lambda: pending_cases(user))}
