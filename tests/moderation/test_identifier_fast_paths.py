"""Fast paths of the identifier rules find what the patterns they stand for find."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from detectors.identifiers import contact, loose_numbers, names, plates, signature
from detectors.identifiers._text import CLINICAL_CONTEXT_RE, CaselessSearch, clinical_context

DATA = Path(__file__).resolve().parents[2] / "moderation" / "data"

ODD_TEXTS = [
    "",
    "CLIENT said so",
    "a \u212aid in intake",  # the Kelvin sign matches "k" under IGNORECASE
    "\u017fession notes",  # the long s matches "s"
    "\u0130ntake form",  # dotted capital I
    "Psychiatrist's note; no-show twice",
    "mypsych appointment",
    "n\u00e9e Client",
]


def _texts() -> list[str]:
    texts = list(ODD_TEXTS)
    for path in sorted(DATA.glob("phi_dev*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text().splitlines() if line]
    return texts


def test_the_clinical_context_test_agrees_with_its_case_insensitive_pattern() -> None:
    for text in _texts():
        expected = CLINICAL_CONTEXT_RE.search(text) is not None
        assert clinical_context(text) is expected, text
        assert clinical_context(text, text.lower()) is expected, text


def test_the_about_someone_test_agrees_with_its_case_insensitive_pattern() -> None:
    for text in _texts():
        for line in text.splitlines() + ["HER DOB", "dob: x", "\u212aid's mom", "Mother-Baby"]:
            read = signature._PRONOUN_SET.sub(" ", line) if "/" in line else line
            expected = signature._ABOUT_SOMEONE.search(read) is not None
            assert signature._about_someone(line) is expected, line


def test_lower_case_subjects_are_read_where_the_whole_pattern_finds_them() -> None:
    for text in _texts() + ["maria texts me", ".. jo-ann is here", "\nlena said", "x"]:
        expected = [m.span(1) for m in names._LOWER_SUBJECT_RE.finditer(text)]
        assert [m.span(1) for m in names._lower_subjects(text)] == expected, text


# signature._SENTENCE_END as it was written first, with its lookbehinds before the mark.
_SENTENCE_END_BEFORE_THE_MARK = re.compile(
    r"(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bSt)(?<!\bSte)(?<!\bx)(?<!\bReg)(?<!\bNo)(?<!\bLic)"
    r"(?<!\bext)"
    r"[.!?](?=\s)"
)


def test_a_sentence_end_is_found_where_the_lookbehinds_before_the_mark_find_it() -> None:
    abbreviations = ["Dr. Mr. Ms. St. Ste. x. Reg. No. Lic. ext. Dr!\nAdr. Tx. ok? .", "a.\tb"]
    for text in _texts() + abbreviations:
        expected = [m.span() for m in _SENTENCE_END_BEFORE_THE_MARK.finditer(text)]
        assert [m.span() for m in signature._SENTENCE_END.finditer(text)] == expected, text


def test_a_post_for_a_colleague_is_found_as_its_case_insensitive_pattern_finds_it() -> None:
    extra = [
        "Posting this on behalf of Dr. Lee",
        "SHOUT-OUT FOR MY COLLEAGUE",
        "on behalf of \u212a",
    ]
    for text in _texts() + extra:
        expected = signature._FOR_A_COLLEAGUE.caseless.search(text) is not None
        assert signature._FOR_A_COLLEAGUE.found_in(text) is expected, text


def test_a_caseless_search_takes_only_a_pattern_written_in_lower_case() -> None:
    with pytest.raises(ValueError):
        CaselessSearch(re.compile(r"(?i)\bDOB\b"))
    assert CaselessSearch(re.compile(r"\bdob\W", re.IGNORECASE)).found_in("DOB: 1/2")


def test_number_tokens_are_scanned_from_the_run_before_the_first_digit() -> None:
    odd = [
        "\u0663 AB-CD 12",
        "A-B-C-D #\u2003 12x",
        "x.AB 9",
        "9",
        "a9",
        "\u00e99 z",
        "RING-DB-4471",
    ]
    for text in _texts() + odd:
        if loose_numbers._DIGIT.search(text) is None:
            continue
        expected = [m.span() for m in loose_numbers._TOKEN.finditer(text)]
        first_digit = loose_numbers._DIGIT.search(text).start()
        start = loose_numbers._first_token_start(text, first_digit)
        assert [m.span() for m in loose_numbers._TOKEN.finditer(text, start)] == expected, text


# plates._STATE_THEN_VALUE_RE as it was written first, with its lookbehind before the state.
_STATE_THEN_VALUE_LOOKING_BEHIND_FIRST = re.compile(
    r"(?<![\w-])([A-Z][A-Z]),? (?=[A-Z0-9 -]{0,4}\d)[A-Z0-9]{1,4}[ -]?[A-Z0-9]{2,5}(?![\w-])"
)


def test_a_state_before_a_plate_is_found_where_the_lookbehind_first_finds_it() -> None:
    for text in _texts() + ["-NY 123", "xNY 123", "\nNY 12A", "NV, 8ZT-115", "(TX 4KD 993)"]:
        expected = [m.regs for m in _STATE_THEN_VALUE_LOOKING_BEHIND_FIRST.finditer(text)]
        assert [m.regs for m in plates._STATE_THEN_VALUE_RE.finditer(text)] == expected


def test_a_domain_hint_is_found_wherever_the_letter_first_pattern_finds_one() -> None:
    letter_first = re.compile(rf"[a-z0-9]\.{contact._TLDS}\b")
    for text in _texts() + ["a.com", ".com", "x .org", "9.io!", "e.g.", "a..com"]:
        lower = text.lower()
        expected = letter_first.search(lower) is not None
        assert (contact._TLD_HINT_RE.search(lower) is not None) is expected, text
