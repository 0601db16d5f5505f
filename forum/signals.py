"""What the forum tells the layers above it. The forum never imports moderation: screening
connects to these in moderation/apps.py."""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal

from forum.models import Revision

# A revision is waiting for its screening: sent after the commit that wrote it (a new post,
# a reply or an edit) or released its scheduled post. Keyword argument: revision_id. Until
# screening publishes the revision, nobody but its author (and moderators) reads it.
revision_awaits_screening = Signal()


def revision_awaits_screening_on_commit(*, revision_id: int) -> None:
    """Send revision_awaits_screening once the running transaction commits (at once outside
    one); a rolled-back write sends nothing."""
    transaction.on_commit(
        lambda: revision_awaits_screening.send(sender=Revision, revision_id=revision_id)
    )
