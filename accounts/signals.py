"""Signals the accounts app sends for work the apps above it do (issue 19's layering:
accounts imports no forum code; forum connects its receivers in forum/apps.py)."""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal

# A member's byline changed (display name, credentials suffix or picture): pages that
# show it under keys of their own (a group's topic list) must show the new one.
# Sent inside the transaction that changes it, with `user_id`.
byline_changed = Signal()

# A member's standing may have changed: a license moved state (expired, revoked, verified
# again), a suspension or silence was imposed or lifted, or the account was deactivated.
# Sent on commit, with `user_id`; moderation re-ranks the open cases this member flagged
# (a flag counts only while its author holds a current license, issue 18 item 6), and the
# forum forgets the member's cached "before you can post" notice.
standing_changed = Signal()


def send_standing_changed(user_id: int) -> None:
    """Tell the apps above, once the transaction that changed it commits."""
    transaction.on_commit(lambda: standing_changed.send(sender=None, user_id=user_id))
