"""Screening tasks (thin callers of moderation.screening)."""

from __future__ import annotations

from celery import shared_task


@shared_task(queue="screening")
def screen_revision(revision_id: int) -> str:
    from moderation.screening import screen_revision as run

    return run(revision_id=revision_id)


@shared_task(queue="screening")
def sweep_unscreened() -> int:
    from moderation.screening import sweep_unscreened as run

    return run()
