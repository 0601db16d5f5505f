"""Authentication backends: Django's and allauth's, with the session's user read through a
statement compiled once per process (config.precompiled); every signed-in request reads it.
Logging in is unchanged.
"""

from __future__ import annotations

from typing import Any

from allauth.account import auth_backends
from django.contrib.auth import backends
from django.db.models import OuterRef, QuerySet, Subquery

from accounts.choices import LicenseState
from accounts.models import License, User
from accounts.standing import suspension_closes_reading
from config.precompiled import Precompiled

# Set on the session's user (read with it, no query of its own): the latest expiry date
# among the user's verified licenses, or None when they hold none or a suspension in force
# closes their reading (accounts.access.holds_current_license).
CURRENT_LICENSE_ATTRIBUTE = "verified_license_until"


def _user(*, pk: int) -> QuerySet[User]:
    """The user, with the latest expiry date of their verified licenses (None: they hold
    none, or are suspended), which accounts.access.holds_current_license reads instead of a
    query."""
    until = (
        License.objects.filter(user=OuterRef("pk"), state=LicenseState.VERIFIED)
        .exclude(suspension_closes_reading(OuterRef("user_id")))
        .order_by("-expires_on")
        .values("expires_on")[:1]
    )
    return User._default_manager.filter(pk=pk).annotate(
        **{CURRENT_LICENSE_ATTRIBUTE: Subquery(until)}
    )[:1]


_SESSION_USER = Precompiled(_user, pk=9_000_000_000_000_000_021)
MAX_ID = 2**63 - 1


def _user_pk(user_id: Any) -> int | None:
    try:
        pk = int(user_id)
    except (TypeError, ValueError):
        return None
    return pk if 0 < pk <= MAX_ID else None


class _SessionUser:
    def get_user(self, user_id: Any) -> User | None:
        pk = _user_pk(user_id)
        if pk is None:
            return None
        user = _SESSION_USER.first(pk=pk)
        return user if user is not None and self.user_can_authenticate(user) else None  # type: ignore[attr-defined]


class ModelBackend(_SessionUser, backends.ModelBackend):
    pass


class AuthenticationBackend(_SessionUser, auth_backends.AuthenticationBackend):
    pass
