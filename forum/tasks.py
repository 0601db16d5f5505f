"""Celery tasks for the forum: thin callers of the domain functions."""

from __future__ import annotations

from celery import shared_task

from forum.digests import send_due_digests
from forum.scheduling import publish_due


@shared_task(queue="default")
def publish_due_posts() -> int:
    return publish_due()


@shared_task(queue="default")
def send_digests() -> int:
    """Hourly: the members whose digest is due (after 7:00 in their zone) get it."""
    return send_due_digests()
