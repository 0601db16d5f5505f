"""Street addresses, units, PO boxes and ZIP codes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from detectors.identifiers._text import (
    _STREET_SUFFIX,
    _US_STATE_ABBR,
    _US_STATE_NAMES,
    _Candidate,
    _CaseFree,
    _digit_runs,
    _Doc,
    _merged_windows,
)
from detectors.identifiers.context import _practice_exempt

_ADDRESS_RE = re.compile(
    rf"\b\d{{1,6}}[A-Za-z]?\s+(?:(?:[NSEW]|North|South|East|West|NE|NW|SE|SW)\.?\s+)?"
    rf"(?:[A-Z0-9][A-Za-z0-9'’.-]*\s+){{1,4}}{_STREET_SUFFIX}\b\.?"
    rf"(?:\s+(?:[NSEW]|NE|NW|SE|SW)\b\.?)?"
    rf"(?:,?\s*(?:Apt|Apartment|Unit|Suite|Ste|#|Fl|Floor|Rm|"
    rf"Room)\.?\s*#?\s*[A-Za-z0-9-]{{1,6}}\b)?"
    rf"(?:,?\s*\n?\s*[A-Z][A-Za-z'’.-]+(?:\s+[A-Z][A-Za-z'’.-]+){{0,2}},?\s*\n?\s*"
    rf"(?:{_US_STATE_ABBR}|[A-Z][a-z]+)\b,?\s*(?:\d{{5}}(?:-\d{{4}})?)?)?"
    # A ZIP right after the street ("17 Riverview Ct, 97005").
    rf"(?:,?\s*\d{{5}}(?:-\d{{4}})?\b)?"
)


# A unit on its own ("Apt. 4B", "Suite 292") is part of someone's address.
_UNIT_RE = re.compile(r"\b(?:Apt|Apartment|Suite|Ste|Unit)\.?\s*#?\s*\d{1,5}[A-Za-z]?\b")


# A house number and a compass direction name a street even without "St".
_DIRECTIONAL_ADDRESS_RE = re.compile(
    r"\b\d{1,6}\s+(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West|Northeast|Northwest|Southeast|"
    r"Southwest)\.?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\b"
)


_ADDRESS_PO_RE = _CaseFree(r"(?i)\bP\.?\s?O\.?\s+Box\s+\d{1,6}\b")


_ADDRESS_CUE_RE = _CaseFree(
    r"(?i)\b(?:lives at|living at|lived at|address(?: is|:)?|resides at|residing at|moved to|"
    r"staying at|home at|house at|apartment at)\s+(\d{1,6}\s+[\w'’. -]{3,40}?)(?=[,.;\n]|$)"
)


# A street named without a house number, after a word about where someone lives.
_STREET_NAME_CUE_RE = re.compile(
    r"\b(?:[Ll]ives|[Ll]iving|[Ll]ived|[Mm]oved|[Hh]ouse|[Hh]ome|[Aa]partment|[Aa]pt|[Gg]rew up)"
    rf"\s+(?:on|off|at)\s+((?:[A-Z][a-z]+\s+){{1,3}}{_STREET_SUFFIX})\b"
)


_STREET_NAME_HINTS = ("live", "living", "moved", "house", "home", "apartment", "apt", "grew up")


_ZIP_RE = re.compile(
    rf"(?:\b(?:{_US_STATE_ABBR}|{_US_STATE_NAMES})\.?,?\s+|"
    rf"(?i:\bzip(?:\s?code|\s?\+\s?4)?|\bpostal code)\s*(?:is|was|:|#)?\s*)"
    rf"(\d{{5}}(?:-\d{{4}})?)\b|"
    # A ZIP+4 needs no cue: no date, phone or SSN has its shape.
    r"(?<![\w-])(\d{5}-\d{4})(?![\w-])"
)


def _house_number_possible(text: str, shape: str) -> bool:
    """A digit, a space and a capital or compass letter: the start of "12 Main St"."""
    pos = shape.find("0 ")
    while pos >= 0:
        following = text[pos + 2 : pos + 3]
        if following.isupper() or following.isdigit():
            return True
        pos = shape.find("0 ", pos + 2)
    return False


_ADDRESS_HINTS = (
    "lives at",
    "living at",
    "lived at",
    "address",
    "resides",
    "residing",
    "moved to",
    "staying at",
    "home at",
    "house at",
    "apartment at",
)


def candidates(doc: _Doc) -> Iterator[_Candidate]:
    """Street addresses (with or without a number), units, PO boxes and ZIP codes."""
    text, lower, shape = doc.text, doc.lowered, doc.shape
    if any(map(lower.__contains__, _STREET_NAME_HINTS)):
        for m in _STREET_NAME_CUE_RE.finditer(text):
            if not _practice_exempt(doc, m.start(1), m.end(1)):
                yield _Candidate("address", m.start(1), m.end(1))
    if not doc.digits:
        return
    house_number = _house_number_possible(text, shape)
    for regex in (_ADDRESS_RE, _DIRECTIONAL_ADDRESS_RE) if house_number else ():
        for m in regex.finditer(text):
            if not _practice_exempt(doc, m.start(), m.end()):
                yield _Candidate("address", m.start(), m.end())
    if "Apt" in text or "Suite" in text or "Ste" in text or "Unit" in text:
        for m in _UNIT_RE.finditer(text):
            if not _practice_exempt(doc, m.start(), m.end()):
                yield _Candidate("address", m.start(), m.end())
    if "box" in lower:
        for m in _ADDRESS_PO_RE.finditer(doc):
            if not _practice_exempt(doc, m.start(), m.end()):
                yield _Candidate("address", m.start(), m.end())
    if any(map(lower.__contains__, _ADDRESS_HINTS)):
        for m in _ADDRESS_CUE_RE.finditer(doc):
            if not _practice_exempt(doc, m.start(1), m.end(1)):
                yield _Candidate("address", m.start(1), m.end(1))
    if "00000" in shape:
        # Each five-digit run, with a look back for a state or a "zip" cue.
        for window_start, window_end in _merged_windows(
            list(_digit_runs(shape, 5)), 24, 6, len(text)
        ):
            for m in _ZIP_RE.finditer(text, window_start, window_end):
                group = 1 if m.start(1) >= 0 else 2
                if not _practice_exempt(doc, m.start(group), m.end(group)):
                    yield _Candidate("zip", m.start(group), m.end(group))
