"""Signals the accounts app sends for work the apps above it do (issue 19's layering:
accounts imports no forum code; forum connects its receivers in forum/apps.py)."""

from __future__ import annotations

import logging

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


logger = logging.getLogger(__name__)


def standing_changed_failures(user_id: int) -> list[str]:
    """Send standing_changed to every receiver, even when one raises: the others still do
    their part (send_robust). Each failure is logged with the member's id and the receiver;
    returns them ("receiver: error"), empty when every receiver succeeded."""
    failures = []
    for receiver, outcome in standing_changed.send_robust(sender=None, user_id=user_id):
        if isinstance(outcome, Exception):
            name = getattr(receiver, "__qualname__", repr(receiver))
            failures.append(f"{name}: {type(outcome).__name__}: {outcome}")
            logger.error(
                "standing_changed receiver %s failed for user %s",
                name,
                user_id,
                exc_info=outcome,
            )
    return failures


def tell_standing_changed(user_id: int) -> bool:
    """standing_changed_failures, as True when every receiver succeeded."""
    return not standing_changed_failures(user_id)


def send_standing_changed(user_id: int) -> None:
    """Tell the apps above, once the transaction that changed it commits. A member a
    receiver failed for is told again by the standing sweep (accounts.standing, with
    back-off, a bounded number of times); a success forgets any earlier failure."""
    transaction.on_commit(lambda: _tell_or_retry(user_id))


def _tell_or_retry(user_id: int) -> None:
    from accounts.standing import record_outcomes  # accounts.standing imports this module

    record_outcomes({user_id: standing_changed_failures(user_id)})
