"""Verified credentials shown next to members' names.

Until licenses exist (license-verification work) nobody has a credential.
"""

from __future__ import annotations

from collections.abc import Iterable


def credential_badges(user_ids: Iterable[int]) -> dict[int, str]:
    """One query at most: user id -> "LCSW · Oregon · verified" for verified licenses."""
    return {}
