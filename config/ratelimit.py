"""Fixed-window rate limits counted in the cache (Redis in production, shared by every process).

The one mechanism for what members do at volume: posts, edits, draft checks, flags and
join requests (allauth's own limits cover sign-up, login and password reset). Each action
has a setting written like allauth's: "6/m,30/h" (counts per second, minute, hour or day);
empty means no limit. Past a limit, `enforce` raises RateLimited, a ValidationError whose
message says what the limit is and how long to wait: forms and pages show it, never a 500.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, ValidationError

logger = logging.getLogger(__name__)
_UNITS = {"s": (1, "second"), "m": (60, "minute"), "h": (3600, "hour"), "d": (86400, "day")}


@dataclass(frozen=True)
class Window:
    count: int
    seconds: int
    unit: str  # "minute", "hour", ...


def parse(spec: str | None) -> list[Window]:
    """'6/m,30/h' -> two windows; empty or None means no limit."""
    windows: list[Window] = []
    for part in (spec or "").split(","):
        part = part.strip()
        if not part:
            continue
        count, _, unit = part.partition("/")
        if unit not in _UNITS or not count.isdigit():
            raise ImproperlyConfigured(f"Bad rate limit {part!r}: write it like '6/m'.")
        seconds, name = _UNITS[unit]
        windows.append(Window(int(count), seconds, name))
    return windows


def _increment(key: str, timeout: int) -> int:
    try:
        if cache.add(key, 1, timeout=timeout):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # the window expired between add and incr: start a new one
            cache.add(key, 1, timeout=timeout)
            return 1
    except Exception as exc:  # cache down: fail open; posting matters more than the limit
        logger.warning("rate limit %s not counted: cache unavailable (%s)", key, exc)
        return 0


def hit(action: str, who: object, spec: str | None) -> Window | None:
    """Count one `action` by `who`; return the window it exceeds, or None when allowed."""
    exceeded: Window | None = None
    for window in parse(spec):
        used = _increment(f"ratelimit:{action}:{who}:{window.seconds}", window.seconds)
        if used > window.count and exceeded is None:
            exceeded = window
    return exceeded


def message(window: Window, *, doing: str) -> str:
    plural = "" if window.count == 1 else "s"
    article = "an" if window.unit == "hour" else "a"
    return (
        f"You have reached the limit of {window.count} {doing}{plural} per {window.unit}. "
        f"Please wait {article} {window.unit} and try again."
    )


class RateLimited(ValidationError):
    """A member went past an action's limit; the message says which and how long to wait."""


def enforce(action: str, *, who: object, spec: str | None, doing: str, then: str = "") -> None:
    """Count one `action` by `who`; past `spec`, raise RateLimited with the limit's message
    (`doing` names one action, "new post"; `then` is said after it, "Your draft is kept.")."""
    exceeded = hit(action, who, spec)
    if exceeded is not None:
        raise RateLimited(" ".join(filter(None, [message(exceeded, doing=doing), then])))
