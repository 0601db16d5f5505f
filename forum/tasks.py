"""Celery tasks for the forum: thin callers of the domain functions."""

from __future__ import annotations

from celery import shared_task

from forum.scheduling import publish_due


@shared_task(queue="default")
def publish_due_posts() -> int:
    return publish_due()
