"""The session engine with Redis: Django's cached_db, and a sign-out that cannot be undone
by an outage (issue 18 item 11).

Signing out deletes the session from the database and from the cache. When Redis is down
the cache delete fails (config.cache.ResilientRedisCache keeps it to replay before this
process's next read), but another process would still find the old session in Redis once
it answers again. So when the delete could not reach Redis, the member's session epoch is
raised (accounts.models.User.session_epoch): every session signed before it fails Django's
session hash check and is flushed on its next use. The cost, only during an outage: the
member's other devices are signed out too.
"""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.base import UpdateError
from django.db import InterfaceError, OperationalError
from django.db.models import F

from accounts.models import User


class SessionStore(cached_db.SessionStore):
    def save(self, must_create: bool = False) -> None:
        """Django turns any database error while saving a session into UpdateError, which
        its middleware answers as 400 "the session was deleted". When the database
        connection itself failed (dropped, restarted), that is a server error: raise it, so
        the member gets the 500 page that says to try again, not a false "signed out"."""
        try:
            super().save(must_create)
        except UpdateError as error:
            cause = error.__context__
            if isinstance(cause, (OperationalError, InterfaceError)):
                raise cause from None
            raise

    def flush(self) -> None:
        user_id = self.get(SESSION_KEY)
        session_key = self.session_key
        super().flush()
        if user_id is None or session_key is None:
            return
        pending = getattr(self._cache, "delete_is_pending", None)
        if pending is not None and pending(self.cache_key_prefix + session_key):
            User.objects.filter(pk=user_id).update(session_epoch=F("session_epoch") + 1)
