"""Screening a revision. PLACEHOLDER until the screening issue lands: publishes.

The screening work (issue 4) replaces this with detectors, a policy and cases.
"""

from __future__ import annotations

from forum.models import Revision
from forum.posting import post_publish


def screen_revision(*, revision_id: int) -> str:
    revision = Revision.objects.select_related("post").get(pk=revision_id)
    if revision.post.current_revision_id != revision.pk:
        return "superseded"
    post_publish(post_id=revision.post_id)
    return "publish"


def sweep_unscreened() -> int:
    return 0
