"""Enqueueing screening work. Posting calls enqueue_screening after commit.

If the broker is down the post is already saved (pending); the periodic sweep
enqueues every revision left unscreened, so nothing is lost.
"""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


def enqueue_screening(revision_id: int) -> None:
    from moderation.tasks import screen_revision

    try:
        # No publish retries: a web request must not wait on a dead broker; the sweep retries.
        screen_revision.apply_async((revision_id,), retry=False)
    except Exception as exc:  # broker unreachable: the sweep will pick this revision up
        logger.warning(
            "broker unavailable (%s: %s); revision %s left for the sweep",
            type(exc).__name__,
            exc,
            revision_id,
        )
