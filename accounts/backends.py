"""Authentication backends: Django's and allauth's, with the session's user read through a
statement compiled once per process (config.precompiled); every signed-in request reads it.
Logging in is unchanged.

A page can read the session's user in the same round trip as its own first statements
(`together_with_session_user`): the user read that way goes through Django's usual checks
(the session's backend, the user's active flag, the session's auth hash), and the page's
results are used only if the request's user is then that user.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextvars import ContextVar
from typing import Any

from allauth.account import auth_backends
from django.contrib.auth import SESSION_KEY, backends
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest

from accounts.choices import LicenseState
from accounts.models import License, User
from accounts.standing import suspension_closes_reading
from config.precompiled import Call, Precompiled, together

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


# The user together_with_session_user read, while it has Django check them.
_READ_ALREADY: ContextVar[User | None] = ContextVar("session_user_read_already", default=None)


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
        user = _READ_ALREADY.get()
        if user is None or user.pk != pk:
            user = _SESSION_USER.first(pk=pk)
        return user if user is not None and self.user_can_authenticate(user) else None  # type: ignore[attr-defined]


class ModelBackend(_SessionUser, backends.ModelBackend):
    pass


class AuthenticationBackend(_SessionUser, auth_backends.AuthenticationBackend):
    pass


def together_with_session_user(
    request: HttpRequest, calls: Callable[[int], Sequence[Call]]
) -> list[Any] | None:
    """The results of the statements `calls(user_id)` gives for the user the session names,
    read in one round trip with that user (config.precompiled.together), or None.

    None when the session names no one, or when the request's user, once Django has
    checked the session, is not that user (signed out since, deactivated, password
    changed): the caller then reads as usual. The user is read whole, as the backends
    read it, and Django's checks run on it here, so `request.user` is settled on return.
    """
    pk = _user_pk(request.session.get(SESSION_KEY))
    if pk is None:
        return None
    user, *results = together([Call(_SESSION_USER, {"pk": pk}), *calls(pk)])
    token = _READ_ALREADY.set(user)
    try:
        signed_in = request.user.is_authenticated and request.user.pk == pk
    finally:
        _READ_ALREADY.reset(token)
    return results if signed_in else None
