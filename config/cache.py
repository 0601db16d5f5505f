"""A Redis cache that degrades to "no cache" while Redis is down, instead of failing requests.

The cache holds nothing that must survive: sessions are cached_db (the database has them),
rate-limit counters fail open for the outage (config/ratelimit.py), and everything else
is recomputed. So a Redis outage costs speed, never a 500 or a lost post.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def _warn(operation: str, exc: BaseException) -> None:
    logger.warning("cache unavailable during %s (%s: %s)", operation, type(exc).__name__, exc)


class ResilientRedisCache(RedisCache):
    """Every operation degrades while Redis is down. A delete that fails (a logout's
    session entry, say) is remembered in this process and replayed before its next
    operation once Redis answers again, so a session flushed during an outage is not read
    back from the cache afterwards (issue 18 item 11). The list is bounded; past it the
    oldest keys are dropped and logged."""

    PENDING_DELETES_MAX = 10_000

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._pending_deletes: OrderedDict[str, None] = OrderedDict()
        self._pending_lock = threading.Lock()

    def _remember_failed_delete(self, keys: list[str]) -> None:
        with self._pending_lock:
            for key in keys:
                self._pending_deletes[key] = None
            while len(self._pending_deletes) > self.PENDING_DELETES_MAX:
                dropped, _ = self._pending_deletes.popitem(last=False)
                logger.error("cache delete of %r dropped: too many pending deletes", dropped)

    def _replay_deletes(self) -> bool:
        """Deletes that failed earlier, replayed first; False while Redis is still down
        (the caller then answers as for an outage without trying)."""
        if not self._pending_deletes:
            return True
        with self._pending_lock:
            keys = list(self._pending_deletes)
        try:
            self._cache.delete_many(keys)
        except UNAVAILABLE:
            return False
        with self._pending_lock:
            for key in keys:
                self._pending_deletes.pop(key, None)
        logger.warning("replayed %d cache deletes that failed during an outage", len(keys))
        return True

    def delete_is_pending(self, key: Any, version: int | None = None) -> bool:
        """Whether a delete of `key` failed in an outage and waits to be replayed (a
        sign-out then also ends the member's older sessions: accounts/sessions.py)."""
        full_key = self.make_and_validate_key(key, version=version)
        with self._pending_lock:
            return full_key in self._pending_deletes

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        if not self._replay_deletes():
            return default
        try:
            return super().get(key, default, version)
        except UNAVAILABLE as exc:
            _warn("get", exc)
            return default

    def get_many(self, keys: Any, version: int | None = None) -> dict[Any, Any]:
        if not self._replay_deletes():
            return {}
        try:
            return super().get_many(keys, version)
        except UNAVAILABLE as exc:
            _warn("get_many", exc)
            return {}

    def has_key(self, key: Any, version: int | None = None) -> bool:
        if not self._replay_deletes():
            return False
        try:
            return super().has_key(key, version)
        except UNAVAILABLE as exc:
            _warn("has_key", exc)
            return False

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        try:
            return super().add(key, value, timeout, version)
        except UNAVAILABLE as exc:
            _warn("add", exc)
            return False

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        try:
            super().set(key, value, timeout, version)
        except UNAVAILABLE as exc:
            _warn("set", exc)

    def set_many(
        self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> list[Any]:
        try:
            return super().set_many(data, timeout, version)
        except UNAVAILABLE as exc:
            _warn("set_many", exc)
            return list(data)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        try:
            return super().touch(key, timeout, version)
        except UNAVAILABLE as exc:
            _warn("touch", exc)
            return False

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> Any:
        try:
            return super().incr(key, delta, version)
        except UNAVAILABLE as exc:
            _warn("incr", exc)
            # As for a missing key (Django's contract): callers start a new count.
            raise ValueError(f"Key {key!r} not found: the cache is unavailable") from exc

    def decr(self, key: Any, delta: int = 1, version: int | None = None) -> Any:
        try:
            return super().decr(key, delta, version)
        except UNAVAILABLE as exc:
            _warn("decr", exc)
            raise ValueError(f"Key {key!r} not found: the cache is unavailable") from exc

    def delete(self, key: Any, version: int | None = None) -> bool:
        full_key = self.make_and_validate_key(key, version=version)
        try:
            return super().delete(key, version)
        except UNAVAILABLE as exc:
            # A stale session entry could outlive a logout: replayed once Redis is back.
            logger.error("cache delete of %r failed (%s); Redis is down", key, exc)
            self._remember_failed_delete([full_key])
            return False

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        full_keys = [self.make_and_validate_key(key, version=version) for key in keys]
        try:
            super().delete_many(keys, version)
        except UNAVAILABLE as exc:
            logger.error("cache delete_many failed (%s); Redis is down", exc)
            self._remember_failed_delete(full_keys)


class RecentTexts:
    """Texts kept in this process under keys that name their content, least recently used
    dropped first once their total length passes `limit` characters.

    For values that never change under their key (a digest of everything they are made
    of): a copy here needs no invalidating, and saves the shared cache's round trip and
    the value's transfer. Thread-safe; `limit` is read on each store, so a setting can
    change it (0 keeps nothing).
    """

    def __init__(self, limit: Any) -> None:
        self._limit = limit  # an int, or a callable giving one
        self._texts: OrderedDict[str, str] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> str | None:
        with self._lock:
            text = self._texts.get(key)
            if text is not None:
                self._texts.move_to_end(key)
            return text

    def put(self, key: str, text: str) -> None:
        limit = self._limit() if callable(self._limit) else self._limit
        with self._lock:
            previous = self._texts.pop(key, None)
            if previous is not None:
                self._size -= len(previous)
            if len(text) <= limit:
                self._texts[key] = text
                self._size += len(text)
            while self._size > limit:  # also when the limit has come down
                _, dropped = self._texts.popitem(last=False)
                self._size -= len(dropped)

    def clear(self) -> None:
        with self._lock:
            self._texts.clear()
            self._size = 0

    def __len__(self) -> int:
        return len(self._texts)
