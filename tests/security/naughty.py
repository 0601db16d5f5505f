"""The Big List of Naughty Strings, and a page check that tells our markup from the user's."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from django.conf import settings

from tests.html_safety import executable_markup

BLNS = Path(settings.MODERATION_DATA_DIR) / "naughty-strings" / "blns.txt"


def naughty_strings() -> list[str]:
    """The strings in the list (split on "\\n" only); comment and blank lines are not strings.

    `make test` takes every third string (one of each family, in a few minutes);
    `make security-full` (HOSTILE_FULL=1) takes every one of them.
    """
    if not BLNS.exists():
        return []
    text = BLNS.read_text(encoding="utf-8")
    strings = [line for line in text.split("\n") if line and not line.startswith("#")]
    return strings if os.environ.get("HOSTILE_FULL") == "1" else strings[::3]


def chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


PER_POST_MARKUP = {"<form>", "<input>"}


def foreign_markup(html: str, baseline: str) -> list[str]:
    """Executable markup in `html` beyond what the same page shows for harmless input.

    Our own <script src> tags (htmx, site.js) appear in both; anything more came from
    the input. Escaped input can never make a tag, and the sanitizer drops forms, so the
    forms and inputs our templates repeat per post are compared by kind, not by count.
    """
    found, ours = executable_markup(html), executable_markup(baseline)
    extra = Counter(found) - Counter(ours)
    # Our templates hold a form per post action; their number follows the number of posts.
    return sorted(p for p in extra.elements() if not (p in PER_POST_MARKUP and p in ours))
