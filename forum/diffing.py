"""Differences between two revisions: lines, and within a changed line the words.

A changed line is shown twice, as removed and as added, each with the words that
changed marked (issue 22, item 13); lines only removed or only added are marked whole.
Templates escape every segment's text, so any input is safe to show.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

# Words, runs of spaces, and single other characters: a changed comma is one token.
_TOKENS = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
# Below this share of equal characters, word marks are noise: the line is marked whole.
MIN_WORD_SIMILARITY = 0.3
# Lines this long are compared whole (word matching grows with the square of tokens).
MAX_WORD_DIFF_CHARS = 5_000


@dataclass(frozen=True)
class Segment:
    changed: bool  # removed (on a "delete" line) or added (on an "insert" line)
    text: str


@dataclass(frozen=True)
class DiffLine:
    op: str  # "equal", "insert", "delete"
    text: str
    segments: tuple[Segment, ...] = ()

    @property
    def parts(self) -> tuple[Segment, ...]:
        """What the template shows: the word segments, or the line as one segment."""
        if self.segments:
            return self.segments
        return (Segment(changed=self.op != "equal", text=self.text),)


def _merge(segments: list[Segment]) -> tuple[Segment, ...]:
    merged: list[Segment] = []
    for segment in segments:
        if not segment.text:
            continue
        if merged and merged[-1].changed == segment.changed:
            merged[-1] = Segment(segment.changed, merged[-1].text + segment.text)
        else:
            merged.append(segment)
    return tuple(merged)


def word_segments(old: str, new: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    """The old and new line as segments, the words that differ marked; ((), ()) when the
    lines share too little for word marks to help."""
    if len(old) > MAX_WORD_DIFF_CHARS or len(new) > MAX_WORD_DIFF_CHARS:
        return (), ()
    old_tokens, new_tokens = _TOKENS.findall(old), _TOKENS.findall(new)
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    same = sum(len("".join(old_tokens[i : i + n])) for i, _, n in matcher.get_matching_blocks())
    if same < MIN_WORD_SIMILARITY * max(len(old), len(new), 1):
        return (), ()
    removed: list[Segment] = []
    added: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old_text, new_text = "".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2])
        if tag == "equal":
            removed.append(Segment(False, old_text))
            added.append(Segment(False, new_text))
        else:
            removed.append(Segment(True, old_text))
            added.append(Segment(True, new_text))
    return _merge(removed), _merge(added)


def _changed_block(old_lines: list[str], new_lines: list[str]) -> list[DiffLine]:
    """A replaced block: each old line paired with the new line in its place, removed
    lines first, then added ones (as a unified diff reads)."""
    removed: list[DiffLine] = []
    added: list[DiffLine] = []
    for index in range(max(len(old_lines), len(new_lines))):
        old = old_lines[index] if index < len(old_lines) else None
        new = new_lines[index] if index < len(new_lines) else None
        old_segments: tuple[Segment, ...] = ()
        new_segments: tuple[Segment, ...] = ()
        if old is not None and new is not None:
            old_segments, new_segments = word_segments(old, new)
        if old is not None:
            removed.append(DiffLine("delete", old, old_segments))
        if new is not None:
            added.append(DiffLine("insert", new, new_segments))
    return removed + added


def diff_lines(old: str, new: str) -> list[DiffLine]:
    """A line diff with word marks inside changed lines."""
    old_lines = old.splitlines()
    new_lines = new.splitlines()
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    lines: list[DiffLine] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            lines.extend(DiffLine("equal", line) for line in old_lines[i1:i2])
        elif tag == "replace":
            lines.extend(_changed_block(old_lines[i1:i2], new_lines[j1:j2]))
        else:
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
