"""Line and word diffs between two revisions, as escaped HTML-ready segments."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class DiffLine:
    op: str  # "equal", "insert", "delete"
    text: str


def diff_lines(old: str, new: str) -> list[DiffLine]:
    """A line diff; templates escape `text`, so any input is safe to show."""
    old_lines = old.splitlines()
    new_lines = new.splitlines()
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    lines: list[DiffLine] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            lines.extend(DiffLine("equal", line) for line in old_lines[i1:i2])
            continue
        lines.extend(DiffLine("delete", line) for line in old_lines[i1:i2])
        lines.extend(DiffLine("insert", line) for line in new_lines[j1:j2])
    return lines


def diff_summary(old: str, new: str) -> tuple[int, int]:
    """(lines added, lines removed)."""
    lines = diff_lines(old, new)
    return (
        sum(1 for line in lines if line.op == "insert"),
        sum(1 for line in lines if line.op == "delete"),
    )
