"""Screening work: enqueueing it (after the commit that asks for it) and the Celery tasks,
thin callers of moderation.revision_screening.

Transient errors (database connection lost, Redis hiccups) retry with
exponential backoff and jitter; after the last retry the failure is recorded as
a ScreeningFailure row (shown in the admin) and the post stays pending, where
the sweep will pick it up again. acks_late and reject_on_worker_lost are set
globally, so a worker killed mid-task leaves the message for redelivery.

If the broker is down when a revision is written, the post is already saved
(pending); the periodic sweep enqueues every revision left unscreened, so nothing
is lost.
"""

from __future__ import annotations

import gc
import logging
from typing import Any

import redis
from celery import Task, shared_task
from celery.signals import worker_init, worker_process_init
from django.conf import settings
from django.db import InterfaceError, OperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from config.celery import app
from detectors import incivility
from moderation import picture_rereading, revision_screening

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS = (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError)
MAX_RETRIES = 6
# A batch is stored in a fixed number of statements (revision_screening._store_batch),
# so bigger batches cost less per revision; 50 keeps its post locks held for well under
# a second and a worker killed mid-batch rolling back little.
BATCH_SIZE = 50
# Revisions whose result this process committed (or found): their later messages are
# acknowledged without a query. "skipped" is not final (a scheduled post is screened
# when released), nor "deferred" (left for its own task).
_FINAL = {"publish", "queue", "hold", "duplicate", "superseded", "missing"}
_screened_here: set[int] = set()
# Only in a worker process (set at worker start): one database for the process's life.
_remember = False

# Revisions waiting for screening, as a Redis set beside the broker's queue. Every
# revision still gets its own task message (the guarantee); the set only lets the task
# that runs first screen its waiting neighbours in the same batch and commit, so the
# later tasks find their work done. Losing the set loses nothing but speed.
PENDING_KEY = "screening:pending"
_clients: dict[str, Any] = {}


def pending_client() -> Any:
    """Redis client for the pending set (the broker's Redis), or None when tasks run
    in-process or on another broker."""
    url = str(app.conf.broker_url or "")
    if app.conf.task_always_eager or not url.startswith(("redis://", "rediss://")):
        return None
    if url not in _clients:
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
    """Send one revision to the screening queue; never raises (the sweep retries)."""
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


def on_revision_awaits_screening(sender: object, *, revision_id: int, **_: object) -> None:
    """Receiver of forum.signals.revision_awaits_screening (connected in apps.py); the
    forum sends it after the commit that wrote the revision or released its post."""
    enqueue_screening(revision_id)


class ScreeningTask(Task):
    def on_failure(
        self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any
    ) -> None:
        revision_id = args[0] if args else kwargs.get("revision_id")
        try:
            revision_screening.record_failure(
                revision_id=int(revision_id),
                task_id=task_id,
                attempts=self.request.retries + 1,
                error=f"{type(exc).__name__}: {exc}",
            )
        except Exception:  # the database itself may be what failed; the log still has it
            logger.exception("could not record the screening failure of revision %s", revision_id)


@shared_task(
    base=ScreeningTask,
    queue="screening",
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=True,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=MAX_RETRIES,
)
def screen_revision(revision_id: int) -> str:
    """Screen this revision, and in the same batch and commit up to BATCH_SIZE - 1 others
    waiting in the pending set (their own messages then find them done)."""
    revision_id = int(revision_id)
    if _remember and revision_id in _screened_here:
        return "duplicate"
    ids = [revision_id] + [r for r in take_pending(BATCH_SIZE - 1) if r not in _screened_here]
    outcomes = revision_screening.screen_revisions(ids, own=revision_id)
    if _remember:
        if len(_screened_here) > 200_000:
            _screened_here.clear()
        _screened_here.update(r for r, outcome in outcomes.items() if outcome in _FINAL)
    return outcomes[revision_id]


@shared_task(queue="default")
def sweep_unscreened() -> int:
    """Enqueue every revision left unscreened (the broker was down, a task was lost).
    Runs every minute from beat on the default worker (a stopped screening worker must not
    stop the sweep); duplicates are harmless (the task is idempotent)."""
    ids = revision_screening.unscreened_revision_ids()
    for revision_id in ids:
        enqueue_screening(revision_id)
    if ids:
        logger.info("sweep: enqueued %d unscreened revisions", len(ids))
    return len(ids)


@worker_init.connect
@worker_process_init.connect
def warm_detectors(**_: object) -> None:
    """Load the model once per worker process, before the first task, not per task.

    worker_init covers the solo pool (and lets prefork children inherit the loaded
    model); worker_process_init makes sure each prefork child has it.
    """
    global _remember
    _remember = True
    try:
        database = settings.DATABASES["default"]
        if not database.get("CONN_MAX_AGE"):
            # Keep the worker's connection between tasks (checked before reuse): opening
            # one per task was a large share of each task's time.
            database["CONN_MAX_AGE"] = 300
            database["CONN_HEALTH_CHECKS"] = True
    except Exception:
        logger.exception("could not keep the worker's database connection")
    try:
        incivility.score("warm up")
        # The loaded model and Django are long-lived: move them out of the collector's
        # generations, so a full collection does not walk them in the middle of a task.
        gc.collect()
        gc.freeze()
    except Exception:
        logger.exception("could not warm the incivility model")


@shared_task(
    queue="screening",
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=True,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=MAX_RETRIES,
)
def reread_pictures(post_ids: list[int]) -> dict[str, str]:
    """A moderator's "Read the pictures again" (the queue's action): on the screening
    worker, where Tesseract is, read again the pictures of these posts and screen them
    again, those still held for unreadable pictures alone (moderation/picture_rereading.py);
    what happened to each post, by id. Without Tesseract there, nothing changes."""
    waiting = [
        item
        for item in picture_rereading.waiting_posts(post_ids=[int(pk) for pk in post_ids])
        if item.claimed_by is None
    ]
    if not waiting:
        return {}
    try:
        picture_rereading.check_reader()
    except picture_rereading.NoReader as error:
        logger.error("could not read pictures again (posts %s): %s", post_ids, error)
        return {str(item.post_id): "no reader" for item in waiting}
    return {str(item.post_id): picture_rereading.reread(item) for item in waiting}
