"""Signals the accounts app sends for work the apps above it do (issue 19's layering:
accounts imports no forum code; forum connects its receivers in forum/apps.py)."""

from __future__ import annotations

from django.dispatch import Signal

# A member's byline changed (display name, credentials suffix or picture): pages that
# show it under keys of their own (a group's topic list) must show the new one.
# Sent inside the transaction that changes it, with `user_id`.
byline_changed = Signal()
