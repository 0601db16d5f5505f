"""What the identifier detector found in a text, by kind: shared by the pure identifier tests."""

from __future__ import annotations

from detectors.identifiers import find_identifiers


def kinds_found(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for span in find_identifiers(text):
        found.setdefault(span.kind, []).append(span.text)
    return found
