"""Numbers that identify: Social Security numbers, record, account, plan and ID numbers, licence
plates, device serials.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from detectors.identifiers._text import (
    _YEAR_ONLY_RE,
    _Candidate,
    _CaseFree,
    _digit_runs,
    _Doc,
    _luhn_ok,
    _merged_windows,
)
from detectors.identifiers.context import _practice_exempt

_SSN_RE = re.compile(r"(?<![\d-])(?!000|666|9\d\d)\d{3}[- ](?!00)\d{2}[- ](?!0000)\d{4}(?![\d-])")


_SSN_CUE_RE = _CaseFree(
    r"(?i)\b(?:SSN|SS#|social security(?: number| no\.?| #)?|social)\s*(?:#|no\.?|"
    r"number)?\s*[:#]?\s*"
    r"(?:is\s+|of\s+|ending in\s+|last (?:4|four)\s*(?:digits)?\s*)?(\d{3}[- ]?\d{2}[- ]?\d{4}|"
    r"\d{4})\b|"
    # Other introducers: "soc sec #", "SS number", "taxpayer number", "the last four of
    # her social, 8812", "(his SSN) 519 20 7714".
    r"\b(?:soc(?:ial)?\.? ?sec(?:urity)?\.?|ss|taxpayer|tin|itin|last (?:4|four)(?: digits)? of "
    r"(?:her|his|their|the|my client'?s|the client'?s) (?:ssn|social(?: security(?: number)?)?))"
    r"\s*(?:#|no\.?|number|num|id)?\s*\)?\s*(?:is|was|of|:|#|,)?\s*"
    r"(\d{3}[- ]?\d{2}[- ]?\d{4}|\d{4})\b"
)


_DATE_LIKE_RE = re.compile(r"^\d{1,4}-\d{1,2}-\d{1,4}$")
_SSN_HINTS = ("ssn", "ss#", "ss ", "social", "soc ", "soc.", "taxpayer", "tin", "last four")

_RECORD_RE = _CaseFree(
    r"(?i)\b(?:MRN|med(?:ical)? rec(?:ord)?s?(?: number| no\.?| #)?|record(?: number| no\.?| #|"
    r" num)|"
    r"chart(?: number| no\.?| #| num)?|acct|account|a/c|member(?: id| number| no\.?| #)?|"
    r"subscriber(?: id| number| no\.?| #)?|policy(?: number| no\.?| #| id)?|plan(?: number| no\.?|"
    r" #| id)|"
    r"group(?: number| no\.?| #)|insurance(?: id| number| #| no\.?)|medicaid(?: id| number| #|"
    r" no\.?)?|"
    r"medicare(?: id| number| #| no\.?)?|mbi|hicn|beneficiary(?: id| number| #)?|case(?: number|"
    r" no\.?| #| id)|"
    r"claim(?: number| no\.?| #| id)?|patient(?: id| number| #| no\.?)|pt(?: id| #)|client(?: id|"
    r" #| number)|"
    r"encounter(?: id| number| #)?|fin|csn|visit(?: id| number| #)|ID(?:\s?#| number| no\.?)|"
    r"driver'?s? licen[cs]e(?: number| no\.?| #)?|DL(?: number| no\.?| #)?|passport(?: number|"
    r" no\.?| #)?|"
    r"certificate(?: number| no\.?| #)|student(?: id| number| #)|inmate(?: id| number| #)|"
    r"booking(?: number| no\.?| #)|docket(?: number| no\.?| #)?|case file)"
    r"(?:\s*(?:number|no\.?|num|#|id))?\s*(?:is|was|of|:|#|=)?\s*[:#]?\s*"
    r"(?=[A-Z0-9-]*\d)([A-Z0-9][A-Z0-9-]{2,19}[A-Z0-9]|\d{3,})(?![\w-])"
)


# Record numbers called by other names, with up to four words between the noun and the
# number ("member number with the plan is H44812093", "authorization number for her
# sessions is 0098123471"). The number has at least four digits and is not a year.
_RECORD_LOOSE_RE = _CaseFree(
    r"(?i)\b(?:account|acct|member|subscriber|policy|claim|case|file|chart|record|mrn|encounter|"
    r"visit|admission|referral|authori[sz]ation|auth|prior auth|reference|ref|confirmation|"
    r"student|inmate|booking|docket|patient|client|beneficiary|medicaid|medicare|insurance|"
    r"identification|id|employee|badge|permit|tracking|voucher|ticket|pa)"
    r"(?:\s*(?:number|no\.?|num|#|id|code))?"
    r"(?:\s+(?!(?:is|was)\b)[a-z']+){0,4}?\s*"
    r"(?:is|was|reads|shows|came back as|of|=|:|#)?\s*[:#]?\s*"
    r"((?=(?:[A-Z-]*\d){4})[A-Z0-9][A-Z0-9-]{4,19}[A-Z0-9])(?![\w-])"
)

# Payment card and IBAN account numbers are account numbers under Safe Harbor.
_CARD_RE = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")


_IBAN_RE = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b")


_RECORD_SHAPE_RE = re.compile(r"\b(?:MRN|ACCT|ACC|CSN|FIN)[#:-]?\d{4,}\b")


_PLATE_RE = _CaseFree(
    r"(?i)\b(?:licen[cs]e plate|plate(?: number| no\.?| #)?|tags?)\s*(?:is|was|as|of|:|#|"
    r"number)?\s*[:#]?\s*"
    r"(?=[A-Z0-9 -]*\d)([A-Z0-9]{1,4}[ -]?[A-Z0-9]{2,5})\b"
)


_DEVICE_RE = _CaseFree(
    r"(?i)\b(?:serial(?: number| no\.?| #)?|s/n|device(?: id| number| #)|imei|mac address|udi)\s*"
    r"(?:is|was|:|#)?\s*[:#]?\s*(?=[A-Z0-9:-]*\d)([A-Z0-9][A-Z0-9:-]{4,30}[A-Z0-9])\b"
)


_DEVICE_HINTS = ("serial", "s/n", "device", "imei", "mac address", "udi")


_RECORD_HINTS = (
    "mrn",
    "mbi",
    "hicn",
    " id",
    "#",
    "member",
    "policy",
    "account",
    "acct",
    "claim",
    "case",
    "chart",
    "record",
    "medicaid",
    "medicare",
    "licen",
    "passport",
    "subscriber",
    "beneficiary",
)


def candidates(doc: _Doc) -> Iterator[_Candidate]:
    """SSNs, record numbers (by cue, by shape, card and IBAN), licence plates, devices."""
    text, lower, shape, digits = doc.text, doc.lowered, doc.shape, doc.digits
    if not digits:
        return
    if digits >= 9 and ("000-00-0000" in shape or "000 00 0000" in shape):
        for m in _SSN_RE.finditer(text):
            yield _Candidate("ssn", m.start(), m.end())
    if digits >= 4 and any(map(lower.__contains__, _SSN_HINTS)):
        for m in _SSN_CUE_RE.finditer(doc):
            group = 1 if m.start(1) >= 0 else 2
            yield _Candidate("ssn", m.start(group), m.end(group))
    if "000" not in shape and digits >= 3 and any(map(lower.__contains__, _RECORD_HINTS)):
        # IDs with digits spread out ("1EG4-TE5-MK73"): scan the whole post.
        for m in _RECORD_RE.finditer(doc):
            if not _YEAR_ONLY_RE.match(m.group(1)) and not _practice_exempt(
                doc, m.start(), m.end()
            ):
                yield _Candidate("record_number", m.start(1), m.end(1))
    if "000" not in shape:
        return
    # Record numbers: look back from each run of 3+ digits for the cue.
    seen_records: set[tuple[int, int]] = set()
    runs = list(_digit_runs(shape, 3))
    for window_start, window_end in _merged_windows(runs, 50, 25, len(text)):
        for m in _RECORD_RE.finditer(doc, window_start, window_end):
            span = m.span(1)
            if span in seen_records or not any(span[0] <= rs < span[1] for rs, _ in runs):
                continue
            seen_records.add(span)
            # "on Medicaid since 2019" gives a year, not a member number.
            if _YEAR_ONLY_RE.match(m.group(1)) or _practice_exempt(doc, m.start(), m.end()):
                continue
            yield _Candidate("record_number", span[0], span[1])
    for window_start, window_end in _merged_windows(list(_digit_runs(shape, 4)), 60, 25, len(text)):
        for m in _RECORD_LOOSE_RE.finditer(doc, window_start, window_end):
            span = m.span(1)
            value = m.group(1)
            if span in seen_records or _YEAR_ONLY_RE.match(value) or _DATE_LIKE_RE.match(value):
                continue
            if _practice_exempt(doc, m.start(), m.end()):
                continue
            seen_records.add(span)
            yield _Candidate("record_number", span[0], span[1])
    if "MRN" in text or "ACC" in text or "CSN" in text or "FIN" in text:
        for m in _RECORD_SHAPE_RE.finditer(text):
            yield _Candidate("record_number", m.start(), m.end())
    if digits >= 13 and "0000" in shape:
        for m in _CARD_RE.finditer(text):
            if _luhn_ok(m.group()):
                yield _Candidate("record_number", m.start(), m.end())
    if digits >= 10 and "0000" in shape:
        for m in _IBAN_RE.finditer(text):
            yield _Candidate("record_number", m.start(), m.end())
    if "plate" in lower or "tag" in lower:
        for m in _PLATE_RE.finditer(doc):
            yield _Candidate("license_plate", m.start(1), m.end(1))
    if any(map(lower.__contains__, _DEVICE_HINTS)):
        for m in _DEVICE_RE.finditer(doc):
            yield _Candidate("device_id", m.start(1), m.end(1))
