"""Where a moderator or staff member goes to earn their powers in this session.

A password alone gives a member's view (accounts/access.py). allauth's mfa_reauthenticate
asks for a code from the authenticator and records the pass in the session, which is what
the powers need; a moderator without an authenticator sets one up first.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode


def _with_next(url_name: str, next_path: str) -> str:
    if not url_has_allowed_host_and_scheme(next_path, allowed_hosts=None):
        next_path = "/"
    return f"{reverse(url_name)}?{urlencode({'next': next_path})}"


def step_up_url(next_path: str) -> str:
    """Confirm with the authenticator, then come back to `next_path`."""
    return _with_next("mfa_reauthenticate", next_path)


def activation_url(next_path: str) -> str:
    """Set up an authenticator (allauth asks for the password again first)."""
    return _with_next("mfa_activate_totp", next_path)
