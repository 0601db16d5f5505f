"""Licence plates beside a vehicle: by the shapes states issue and the words around them.

numbers.py finds a plate right after its own cue ("plate", "tag", "registration"). Plates
are as often written the other ways round: after the state that issued them ("Texas MKW
8821", "NY plate KGT-5521", "MA 4FZK19"), before it ("8KXT412 (CA plates)", "BZR4418,
Washington"), or as what a vehicle "is" ("the car is ALB2093", "her ex's truck, H42 8LK").
Each of those counts only in a post that speaks of a vehicle (car, truck, drives,
parked, ...), and only for a value in a plate's shape: written in capitals, five to eight
letters and digits with at most one space or dash between two groups, at least one letter
and one digit, and not a clinical or product code ("COVID-19", "ICD-10", "F-150").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from detectors.identifiers._text import _US_STATE_ABBR, _US_STATE_NAMES, _Candidate, _CaseFree, _Doc
from detectors.identifiers.context import _practice_exempt

# A post about a vehicle: the gate for every path here (a plate-shaped code elsewhere is a
# code). "licence" alone is not one: a clinician's licence number has a state beside it too.
_VEHICLE_RE = _CaseFree(
    r"(?i)\b(?:cars?|trucks?|van|minivan|suv|sedan|pickup|pick-up|jeep|hatchback|coupe|"
    r"motorcycle|motorbike|vehicles?|plates?|tags|tag (?:number|no\.?|#)|registration|"
    r"registered|drives|driving|drove|parked|parks|parking|dmv|dash ?cam|camry|civic|corolla|"
    r"accord|prius|altima|silverado|malibu|subaru|honda|toyota|ford|chevy|chevrolet|nissan|kia|"
    r"hyundai|tesla|dodge|buick|mazda|volkswagen|vw|bmw|lexus)\b"
)
_VEHICLE_HINTS = (
    "car",
    "truck",
    "van",
    "suv",
    "sedan",
    "pick",
    "jeep",
    "hatchback",
    "coupe",
    "motor",
    "vehicle",
    "plate",
    "tag",
    "regist",
    "driv",
    "drove",
    "park",
    "dmv",
    "dash",
)

# A plate-shaped value, matched on the original text (plates are written in capitals): one
# group of five to eight, or two groups joined by a space or a dash.
# Tried at every token start, both shapes ("OH PJP 0496": "OH PJP" is no plate, "PJP 0496" is).
_TOKEN_START_RE = re.compile(r"(?<![\w/.-])[A-Z0-9]")
_VALUE_RES = (
    re.compile(r"[A-Z0-9]{1,4}[ -][A-Z0-9]{2,5}(?![\w-]|\.\d)"),
    re.compile(r"[A-Z0-9]{5,8}(?![\w-]|\.\d)"),
)
_STATE = rf"(?:{_US_STATE_NAMES}|{_US_STATE_ABBR})"

# What stands before a plate: its state ("Texas MKW 8821", "NY plate KGT-5521", "Illinois
# plates DL 48215", "Virginia tags UVX-9083", "Florida license JTN K47"), or a vehicle or a
# plate that "is" it ("the car is ALB2093", "a client's car, SUNNYD8", "his truck: H42 8LK",
# "plates read KM7 T22").
_STATE_BEFORE_RE = re.compile(
    rf"(?<![\w-]){_STATE}(?:'s)?\s+(?:(?:licen[cs]e\s+)?(?:plates?|tags?)(?:\s+(?:number|no\.?|#))?"
    r"\s*[:#]?\s*|licen[cs]e\s+|registration\s+)?$"
)
_VEHICLE_IS_RE = re.compile(
    r"\b(?:car|truck|van|minivan|suv|sedan|pickup|jeep|hatchback|motorcycle|vehicle|plates?|"
    r"tags?)(?:'s)?(?:\s+(?:plate|tag|number|no\.?|#))?\s*(?:(?:is|was|reads|read|says|said|"
    r"shows|showed|:|,|-|–)\s*)+$"
)
# "the plate of the man who approached her: NZL4476".
_PLATE_OF_RE = re.compile(
    r"\b(?:plate|tag)s?(?: number)? of (?:the|a|an|his|her|their|that)\b[^.:\n]{0,60}:\s*$"
)
# What stands after one: its state ("8KXT412 (CA plates)", "BZR4418 (Washington)",
# "7TRW338, California", "H42 8LK, Oregon plates", "DFT 3091, Ohio").
_STATE_AFTER_RE = re.compile(
    rf"\s*(?:,\s*|\(\s*)(?:registered in\s+)?{_STATE}(?:\s+(?:plates?|tags?))?(?=[,;.)]|$|\s)"
)
# Codes that look like plates: clinical scales and classifications, vehicle models.
_NOT_PLATE_RE = re.compile(
    r"^(?:COVID|ICD|DSM|CPT|PHQ|GAD|PCL|HIV|MOCA|SSRI|SNRI|ADHD|PTSD|OCD|CBT|DBT|EMDR|IOP|PHP|"
    r"F|CR|CX|RAV|HR|RX|MX|GT|SE|LE|XLE|EX|LX|SR)[ -]?\d"
)


def _plate_value(value: str) -> bool:
    letters = sum(ch.isalpha() for ch in value)
    digits = sum(ch.isdigit() for ch in value)
    return (
        5 <= letters + digits <= 8
        and letters >= 1
        and digits >= 1
        and not _NOT_PLATE_RE.match(value)
    )


def candidates(doc: _Doc) -> Iterator[_Candidate]:
    """Plates after or before a state, or given as a vehicle's, in a post about a vehicle."""
    text, lower = doc.text, doc.lowered
    if doc.digits == 0 or not any(map(lower.__contains__, _VEHICLE_HINTS)):
        return
    vehicle: bool | None = None
    for token in _TOKEN_START_RE.finditer(text):
        m = next(
            (
                v
                for r in _VALUE_RES
                if (v := r.match(text, token.start())) and _plate_value(v.group())
            ),
            None,
        )
        if m is None:
            continue
        start, end = m.span()
        before = text[max(0, start - 40) : start]
        before_lower = lower[max(0, start - 80) : start] if doc.lower is not None else ""
        if not (
            _STATE_BEFORE_RE.search(before)
            or _STATE_AFTER_RE.match(text, end)
            or _VEHICLE_IS_RE.search(before_lower)
            or _PLATE_OF_RE.search(before_lower)
        ):
            continue
        if vehicle is None:
            vehicle = _VEHICLE_RE.search(doc) is not None
        if not vehicle:
            return
        if not _practice_exempt(doc, start, end):
            yield _Candidate("license_plate", start, end)
