"""Highlight detector findings in a text, escaping everything (format_html pieces only)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    css_class: str
    title: str


def identifier_marks(
    identifiers: Iterable[dict[str, object]], labels: dict[str, str]
) -> list[Mark]:
    marks = []
    for span in identifiers:
        kind = str(span.get("kind", ""))
        start, end = int(span.get("start", 0)), int(span.get("end", 0))  # type: ignore[call-overload]
        marks.append(Mark(start, end, "mod-identifier", labels.get(kind, kind)))
    return marks


def driver_marks(text: str, drivers: Sequence[Sequence[object]], limit: int = 12) -> list[Mark]:
    """Occurrences of the words that drove the incivility score (positive weights)."""
    marks = []
    for driver in list(drivers)[:limit]:
        word, weight = str(driver[0]).strip(), float(driver[1])  # type: ignore[arg-type]
        if not word or weight <= 0:
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
        for match in pattern.finditer(text):
            marks.append(
                Mark(match.start(), match.end(), "mod-driver", f"drove the score (+{weight:.2f})")
            )
    return marks


def highlight(text: str, marks: Iterable[Mark]) -> SafeString:
    """`text` with each mark wrapped in <mark>; overlapping later marks are dropped.

    Identifier marks should come first in `marks` so they win over driver words.
    """
    chosen: list[Mark] = []
    for mark in marks:
        if not 0 <= mark.start < mark.end <= len(text):
            continue
        if any(mark.start < other.end and other.start < mark.end for other in chosen):
            continue
        chosen.append(mark)
    chosen.sort(key=lambda m: m.start)
    pieces: list[tuple[str, ...]] = []
    position = 0
    for mark in chosen:
        pieces.append(("{}", text[position : mark.start]))
        pieces.append(
            (
                '<mark class="{}" title="{}">{}</mark>',
                mark.css_class,
                mark.title,
                text[mark.start : mark.end],
            )
        )
        position = mark.end
    pieces.append(("{}", text[position:]))
    return mark_safe(  # noqa: S308 - every piece below went through format_html
        "".join(format_html(template, *args) for template, *args in pieces)
    )


def driver_list(drivers: Sequence[Sequence[object]], limit: int = 12) -> SafeString:
    rows = [(str(d[0]), f"{float(d[1]):+.2f}") for d in list(drivers)[:limit]]  # type: ignore[arg-type]
    return format_html_join(", ", "<code>{}</code> ({})", rows)
