"""Screening tasks: thin callers of moderation.screening.

Transient errors (database connection lost, Redis hiccups) retry with
exponential backoff and jitter; after the last retry the failure is recorded as
a ScreeningFailure row (shown in the admin) and the post stays pending, where
the sweep will pick it up again. acks_late and reject_on_worker_lost are set
globally, so a worker killed mid-task leaves the message for redelivery.
"""

from __future__ import annotations

import gc
import logging
from typing import Any

from celery import Task, shared_task
from celery.signals import worker_init, worker_process_init
from django.db import InterfaceError, OperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS = (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError)
MAX_RETRIES = 6
# A batch is stored in a fixed number of statements (moderation.screening._store_batch),
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


class ScreeningTask(Task):
    def on_failure(
        self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any
    ) -> None:
        revision_id = args[0] if args else kwargs.get("revision_id")
        try:
            from moderation.screening import record_failure

            record_failure(
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
    from moderation.pipeline import take_pending
    from moderation.screening import screen_revisions

    revision_id = int(revision_id)
    if _remember and revision_id in _screened_here:
        return "duplicate"
    ids = [revision_id] + [r for r in take_pending(BATCH_SIZE - 1) if r not in _screened_here]
    outcomes = screen_revisions(ids, own=revision_id)
    if _remember:
        if len(_screened_here) > 200_000:
            _screened_here.clear()
        _screened_here.update(r for r, outcome in outcomes.items() if outcome in _FINAL)
    return outcomes[revision_id]


@shared_task(queue="screening")
def sweep_unscreened() -> int:
    from moderation.screening import sweep_unscreened as run

    return run()


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
        from django.conf import settings

        database = settings.DATABASES["default"]
        if not database.get("CONN_MAX_AGE"):
            # Keep the worker's connection between tasks (checked before reuse): opening
            # one per task was a large share of each task's time.
            database["CONN_MAX_AGE"] = 300
            database["CONN_HEALTH_CHECKS"] = True
    except Exception:
        logger.exception("could not keep the worker's database connection")
    try:
        from detectors import incivility

        incivility.score("warm up")
        # The loaded model and Django are long-lived: move them out of the collector's
        # generations, so a full collection does not walk them in the middle of a task.
        gc.collect()
        gc.freeze()
    except Exception:
        logger.exception("could not warm the incivility model")
