"""Enqueueing screening work. Posting calls enqueue_screening after commit.

If the broker is down the post is already saved (pending); the periodic sweep
enqueues every revision left unscreened, so nothing is lost.
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)

# Revisions waiting for screening, as a Redis set beside the broker's queue. Every
# revision still gets its own task message (the guarantee); the set only lets the task
# that runs first screen its waiting neighbours in the same batch and commit, so the
# later tasks find their work done. Losing the set loses nothing but speed.
PENDING_KEY = "screening:pending"
_clients: dict[str, Any] = {}


def pending_client() -> Any:
    """Redis client for the pending set (the broker's Redis), or None when tasks run
    in-process or on another broker."""
    from config.celery import app

    url = str(app.conf.broker_url or "")
    if app.conf.task_always_eager or not url.startswith(("redis://", "rediss://")):
        return None
    if url not in _clients:
        import redis

        _clients[url] = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
    return _clients[url]


def take_pending(count: int) -> list[int]:
    """Up to `count` waiting revision ids, removed from the set (never raises)."""
    client = pending_client()
    if client is None or count <= 0:
        return []
    try:
        return [int(raw) for raw in client.spop(PENDING_KEY, count) or []]
    except Exception as exc:  # a hint only: each revision's own message still holds it
        logger.warning("could not read the pending screening set: %s", exc)
        return []


def enqueue_screening(revision_id: int) -> None:
    from moderation.tasks import screen_revision

    try:
        client = pending_client()
        if client is not None:
            client.sadd(PENDING_KEY, revision_id)
        # No publish retries: a web request must not wait on a dead broker; the sweep retries.
        screen_revision.apply_async((revision_id,), retry=False)
    except Exception as exc:  # broker unreachable: the sweep will pick this revision up
        logger.warning(
            "broker unavailable (%s: %s); revision %s left for the sweep",
            type(exc).__name__,
            exc,
            revision_id,
        )
