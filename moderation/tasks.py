"""Screening tasks: thin callers of moderation.screening.

Transient errors (database connection lost, Redis hiccups) retry with
exponential backoff and jitter; after the last retry the failure is recorded as
a ScreeningFailure row (shown in the admin) and the post stays pending, where
the sweep will pick it up again. acks_late and reject_on_worker_lost are set
globally, so a worker killed mid-task leaves the message for redelivery.
"""

from __future__ import annotations

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
    from moderation.screening import screen_revision as run

    return run(revision_id=revision_id)


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
    try:
        from moderation.detectors import incivility

        incivility.score("warm up")
    except Exception:
        logger.exception("could not warm the incivility model")
