"""Authentication backends: Django's and allauth's, with the session's user read through a
statement compiled once per process (config.precompiled); every signed-in request reads it.
Logging in is unchanged."""

from __future__ import annotations

from typing import Any

from allauth.account import auth_backends
from django.contrib.auth import backends
from django.db.models import QuerySet

from accounts.models import User
from config.precompiled import Precompiled


def _user(*, pk: int) -> QuerySet[User]:
    return User._default_manager.filter(pk=pk)[:1]


_SESSION_USER = Precompiled(_user, pk=9_000_000_000_000_000_021)
MAX_ID = 2**63 - 1


class _SessionUser:
    def get_user(self, user_id: Any) -> User | None:
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        if not 0 < pk <= MAX_ID:
            return None
        user = _SESSION_USER.first(pk=pk)
        return user if user is not None and self.user_can_authenticate(user) else None  # type: ignore[attr-defined]


class ModelBackend(_SessionUser, backends.ModelBackend):
    pass


class AuthenticationBackend(_SessionUser, auth_backends.AuthenticationBackend):
    pass
