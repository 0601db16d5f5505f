"""Shared pieces of the identifier patterns: the post as the patterns read it (_Doc), case-free
patterns, candidates, date and place fragments.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from detectors.lexicon_scan import StartGated

# Words for a client or someone in a client's life ("the boy's hearing", "her client's
# mother"): a detail in their sentence is a person's, not a practice's or an event's.
CLIENT_OR_KIN_WORDS = (
    r"clients?|patients?|pt|son|daughter|mom|mother|dad|father|wife|husband|sister|brother|"
    r"kid|child|teen|boy|girl|baby|infant|parents?|guardian|grand\w+|niece|nephew|boyfriend|"
    r"girlfriend|roommate"
)
CLIENT_OR_KIN_RE = re.compile(rf"(?i)\b(?:{CLIENT_OR_KIN_WORDS})\b")

# CPT codes of psychiatric services, psychological testing, adaptive-behaviour treatment,
# telehealth and office visits: 90785-90899, 96105-96171, 97151-97158, 98000-98016 (audio-video
# and audio-only visits, 2025), 98960-98981 (education, telephone, online and remote
# therapeutic monitoring), 99202-99499. No record system issues five digits in these ranges
# to one person.
BILLING_CODE = (
    r"9(?:07(?:8[5-9]|9\d)|08\d\d|61(?:0[5-9]|[1-6]\d|7[01])|715[1-8]|8(?:0(?:0\d|1[0-6])|"
    r"9(?:[67]\d|8[01]))|9(?:20[2-9]|2[1-9]\d|[34]\d\d))"
)
BILLING_CODE_RE = re.compile(BILLING_CODE)


def _lower_pattern(pattern: str) -> str:
    """Lower-case a regex's literals, leaving escapes (\\W, \\S, \\D, \\B) alone."""
    out: list[str] = []
    escaped = False
    for char in pattern:
        out.append(char if escaped else char.lower())
        escaped = not escaped and char == "\\"
    return "".join(out)


class _CaseFree:
    """A case-insensitive pattern, run case-sensitively on the lower-cased post.

    Python's re is several times slower with IGNORECASE; lower-casing the post
    once and matching a lower-cased pattern gives the same offsets whenever
    lower-casing keeps the length, which `_Doc` checks.
    """

    __slots__ = ("fast", "slow")

    def __init__(self, pattern: str) -> None:
        body = pattern.removeprefix("(?i)")
        self.fast: re.Pattern[str] | StartGated = re.compile(_lower_pattern(body))
        self.slow = re.compile(body, re.IGNORECASE)

    def gate(self) -> None:
        """Try the pattern only where a match can begin (lexicon_scan.StartGated: the same
        matches): for a pattern that opens with a long list of cue words, which re would
        otherwise try in full at every word of the post. Costs ~20 ms at import."""
        if isinstance(self.fast, re.Pattern):
            self.fast = StartGated(self.fast)

    def finditer(
        self, doc: _Doc, pos: int = 0, endpos: int | None = None
    ) -> Iterator[re.Match[str]]:
        regex, hay = (self.fast, doc.lower) if doc.lower is not None else (self.slow, doc.text)
        return regex.finditer(hay, pos, len(hay) if endpos is None else endpos)

    def match(self, doc: _Doc, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        regex, hay = (self.fast, doc.lower) if doc.lower is not None else (self.slow, doc.text)
        return regex.match(hay, pos, len(hay) if endpos is None else endpos)

    def search(self, doc: _Doc, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        regex, hay = (self.fast, doc.lower) if doc.lower is not None else (self.slow, doc.text)
        return regex.search(hay, pos, len(hay) if endpos is None else endpos)


class _Doc:
    """A post as the patterns read it, with the cheap gates every kind's module shares.

    `shape` writes every digit as "0": substring tests on it ("000-0000" in shape) gate
    each numeric pattern at C speed, because a regex scan costs ~10 us per post even when
    it finds nothing. `lowered` is the lower-cased text for substring gates (its offsets
    may differ from the text's; `lower` is set only when they do not).
    """

    __slots__ = ("digits", "lower", "lowered", "shape", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.shape = text.translate(_SHAPE_TABLE)
        self.digits = self.shape.count("0")
        lower = text.lower()
        self.lowered = lower
        self.lower: str | None = lower if len(lower) == len(text) else None


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MONTHS = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|Jun(?:e|\.)?|Jul(?:y|\.)?|"
    r"Aug(?:ust|\.)?|Sep(?:t(?:ember)?)?\.?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)


_WEEKDAYS = (
    r"(?:Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?|Fri(?:day)?|"
    r"Sat(?:urday)?|Sun(?:day)?)"
)


_DAY = r"(?:0?[1-9]|[12]\d|3[01])"


_MON_NUM = r"(?:0?[1-9]|1[0-2])"


_ORD = r"(?:st|nd|rd|th)"


_YEAR = r"(?:19\d\d|20\d\d|'\d\d)"


# A capitalised name token: Maria, O'Brien, McKenzie, DeShawn, Mary-Kate, José, Stanisław,
# Ştefan, Thị (Latin-1, Latin Extended-A and the Vietnamese letters of Latin Extended
# Additional; the extended blocks alternate upper and lower case, so each is read whole).
# Starting with a character class (not an optional group) lets re skip ahead fast.
_NAME_UPPER = "A-ZÀ-ÖØ-ÞĀ-ž"
_NAME_LOWER = "a-zß-öø-ÿĀ-žẠ-ỹ"
_NAME_LETTERS = f"[{_NAME_LOWER}]+"
_NAME_TOKEN = (  # noqa: S105 (a pattern, not a secret)
    rf"[{_NAME_UPPER}](?:['’][A-Z])?{_NAME_LETTERS}(?:[A-Z]{_NAME_LETTERS})?"
    # "Ja'Nyah", "De'Andre": a capital after the apostrophe (not a possessive's "s").
    rf"(?:['’][A-Z]{_NAME_LETTERS})?(?:-[A-Z]{_NAME_LETTERS})?"
)


_STREET_SUFFIX = (
    r"(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Dr|Drive|Ln|Lane|Ct|Court|Way|Pl|Place|"
    r"Ter|Terrace|Cir|Circle|Pkwy|Parkway|Hwy|Highway|Trl|Trail|Sq|Square|Loop|Row|Pike|Plz|Plaza|"
    r"Aly|Alley|Cres|Crescent|Run|Path|Walk|Close|Grove|Gardens)"
)


_US_STATE_ABBR = (
    r"(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|"
    r"NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR)"
)


_US_STATE_NAMES = (
    r"(?:Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|"
    r"Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|"
    r"Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|"
    r"New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|"
    r"Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|"
    r"West Virginia|Wisconsin|Wyoming)"
)


@dataclass(frozen=True, slots=True)
class _Candidate:
    kind: str
    start: int
    end: int


_YEAR_ONLY_RE = re.compile(r"^(?:19|20)\d\d$")


_SHAPE_TABLE = str.maketrans("123456789", "000000000")


def _merged_windows(
    runs: list[tuple[int, int]], before: int, after: int, length: int
) -> list[tuple[int, int]]:
    """Windows around digit runs, merged where they overlap, so each part of
    the post is scanned once however many numbers it holds."""
    windows: list[tuple[int, int]] = []
    for run_start, run_end in runs:
        start, end = max(0, run_start - before), min(length, run_end + after)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    return windows


def _digit_runs(shape: str, min_length: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of at least `min_length` digits in a shape string."""
    needle = "0" * min_length
    pos = shape.find(needle)
    while pos >= 0:
        end = pos + min_length
        while end < len(shape) and shape[end] == "0":
            end += 1
        yield pos, end
        pos = shape.find(needle, end)


def _luhn_ok(value: str) -> bool:
    numbers = [int(ch) for ch in value if ch.isdigit()]
    checksum = 0
    for index, digit in enumerate(reversed(numbers)):
        if index % 2:
            digit *= 2
            if digit > 9:
                digit -= 9
        checksum += digit
    return checksum % 10 == 0


# A post about clients: some weak shapes (a lower-case name opening a clause, a weekday
# abbreviation before a month/day) count only there.
CLINICAL_CONTEXT_RE = re.compile(
    r"(?i)\b(?:client|patient|session|therap|counsel|consult|intake|supervis|caseload|"
    r"treatment|clinician|dbt|cbt|emdr|assessment|referr|diagnos|appointment|appt|check-in|"
    r"boundar|psych|crisis|mental health|medication|symptom|custody|caregiver|collateral|"
    r"no-show|no show|late-cancel|late cancel|discharg|telehealth)"
)


class CaselessSearch:
    """Whether a case-insensitive pattern, written in lower case, finds anything, found
    faster: re matches IGNORECASE character by character, two to three times slower than
    a case-sensitive pattern. On ASCII text, where lower-casing changes only A-Z (offsets
    kept) and no other character matches a letter under IGNORECASE, the pattern without
    IGNORECASE runs over the lower-cased text; other text (the Kelvin sign matches "k",
    the long s "s") is searched with the pattern itself."""

    __slots__ = ("caseless", "lower")

    def __init__(self, caseless: re.Pattern[str]) -> None:
        source = caseless.pattern.removeprefix("(?i)")
        if re.search(r"(?<!\\)[A-Z]", source) or "(?-i" in source:
            raise ValueError(f"not a lower-case pattern: {source[:40]!r}")
        self.caseless = caseless
        self.lower = re.compile(source, caseless.flags & ~re.IGNORECASE)

    def found_in(self, text: str, lowered: str | None = None) -> bool:
        """`caseless.search(text) is not None` (`lowered`: text.lower(), if at hand)."""
        if text.isascii():
            return self.lower.search(text.lower() if lowered is None else lowered) is not None
        return self.caseless.search(text) is not None


_CLINICAL_CONTEXT = CaselessSearch(CLINICAL_CONTEXT_RE)


def clinical_context(text: str, lowered: str | None = None) -> bool:
    """Whether CLINICAL_CONTEXT_RE finds a clinical word in `text` (`lowered`: its
    lower-cased form, when the caller has it)."""
    return _CLINICAL_CONTEXT.found_in(text, lowered)


# A post about a person: a clinical word or a third-person pronoun.
PERSON_CONTEXT_RE = re.compile(r"\b(?:[Ss]he|[Hh]e|[Hh]er|[Hh]is|[Hh]im|[Tt]hey|[Tt]heir)\b")
PERSON_CONTEXT_RE = StartGated(PERSON_CONTEXT_RE)  # tried only where a match can begin
