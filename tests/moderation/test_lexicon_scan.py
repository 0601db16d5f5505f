"""The lexicon scanner finds exactly the matches of the whole alternation."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from detectors import content_warnings
from detectors.lexicon_scan import (
    WORD_START,
    LexiconScanner,
    StartGated,
    split_alternatives,
    start_scanner,
)

DATA = Path(__file__).resolve().parents[2] / "moderation" / "data"


def _corpus() -> list[str]:
    texts: list[str] = []
    for path in sorted(DATA.glob("phi_dev*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text().splitlines() if line]
    for name in ("curated_incivility.csv", "curated_incivility_eval.csv"):
        with (DATA / name).open(encoding="utf-8") as handle:
            texts += [row["text"] for row in csv.DictReader(handle)]
    texts += [
        "",
        "SI/HI denied. Pt denies SI, endorses HI w/ plan; OD'd twice, BMI of 15",
        "her mother's grave; 800 calories a day; re-killed; anti-suicide; killed-",
        "kill\nkill time killing me softly — suicidal, overdosed, meth-head, crystal-meth",
        "İstanbul café ﬁne ẞ Ǆ K ok",
        "a",
        "ab",
    ]
    return texts


def _spans(matches: object) -> list[tuple[tuple[int, int], str | None]]:
    return [(match.span(), match.lastgroup) for match in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "terms", [content_warnings._TERMS, content_warnings._ABBREVIATIONS], ids=["cues", "abbr"]
)
def test_the_scanner_finds_what_the_whole_pattern_finds(terms: list) -> None:
    scanner = LexiconScanner(WORD_START, [fragment for fragment, _ in terms], r"(?!\w)")
    assert scanner.dispatches
    for text in _corpus():
        for haystack in (text, text.lower(), text.upper()):
            assert _spans(scanner.finditer(haystack)) == _spans(scanner.full.finditer(haystack))


def test_order_decides_between_alternatives_that_start_alike() -> None:
    fragments = ["dead ?lines?|dead[- ]tired", "dead", r"\w+ends", r"ox\w*|o\d+x|(?:a|b)?z"]
    scanner = LexiconScanner(WORD_START, fragments, r"(?!\w)")
    assert scanner.dispatches
    for text in (
        "deadline dead tired dead weekends",
        "dead-tired; dead.",
        "legends ox oxen oxycodone o12x z az bz cz",
    ):
        assert _spans(scanner.finditer(text)) == _spans(scanner.full.finditer(text))


def test_an_alternative_that_can_start_anywhere_falls_back_to_the_whole_pattern() -> None:
    scanner = LexiconScanner(WORD_START, ["kill", r".+ing", r"x?"], r"(?!\w)")
    assert not scanner.dispatches
    text = "killing time, kill it"
    assert _spans(scanner.finditer(text)) == _spans(scanner.full.finditer(text))


def test_alternatives_are_cut_only_at_the_top_level() -> None:
    assert split_alternatives(r"a(?:b|c)|[|\]]d|e\|f|g") == ["a(?:b|c)", r"[|\]]d", r"e\|f", "g"]
    assert split_alternatives(r"[]|]x|y") == ["[]|]x", "y"]
    for fragment, _ in content_warnings._TERMS:
        for part in split_alternatives(fragment):
            re.compile(part)


def test_an_alternative_known_by_its_first_character_is_tried_only_with_its_literal_text() -> None:
    scanner = LexiconScanner(WORD_START, [r"\w+(?:'s|s') grave", r"\d+ kcal"], r"(?!\w)")
    assert scanner.dispatches
    for text in ("nothing here", "mom's grave, 12 kcal", "graves gravel grave", "12kcal 3 kcal"):
        assert _spans(scanner.finditer(text)) == _spans(scanner.full.finditer(text))


def _match_groups(matches: object) -> list[tuple[tuple[int, int], tuple]]:
    return [(m.span(), m.groups()) for m in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "name",
    [
        "numbers._DEVICE_RE",
        "numbers._DEVICE_FAR_RE",
        "signature._CREDENTIAL",
        "dates._DATE_WORDS_RE",
        "dates._DATE_DMY_ABBR_RE",
        "context._PRACTICE_CUE_RE",
        "numbers._RECORD_RE",
        "numbers._RECORD_LOOSE_RE",
        "numbers._SPACED_RECORD_RE",
        "contact._HANDLE_RE",
        "dates._DATE_MD_RE",
        "addresses._ZIP_STATE_RE",
        "_text.PERSON_CONTEXT_RE",
    ],
)
def test_a_pattern_tried_only_where_it_can_begin_finds_what_it_finds_everywhere(name: str) -> None:
    import importlib

    module, attribute = name.split(".")
    gated = getattr(importlib.import_module(f"detectors.identifiers.{module}"), attribute)
    gated = getattr(gated, "fast", gated)  # a case-free pattern runs on the lower-cased post
    assert isinstance(gated, StartGated)
    assert gated.starts is not None
    extra = [
        "the pacemaker serial, pm2219-88431; her dexcom (8kt2291044) and (unit 44719a)",
        "the vns magnet she carries has m-103 44719 etched on it. has pn-44 71902 engraved on it",
        "serial number off his glucose meter - gm44190x. did the id 5520 say? idid 9931",
        "Dana Whitfield, LMFT, PsyD; Program Manager. Seen Tuesday, March 4th, 2025, 05MAR2025",
        "call my office or reach out to our front desk; 14-Feb-2025 and the 3rd of May 1990",
        "MRN 448210, member id W882139047, acct 22 104 88; @dana.r on 12/3; Salem, OR 97301",
    ]
    for text in _corpus() + extra:
        for haystack in (text, text.lower()):
            assert _match_groups(gated.finditer(haystack)) == _match_groups(
                gated.compiled.finditer(haystack)
            )
            for start in range(0, len(haystack), 61):
                for end in (start + 40, start + 160):
                    assert _match_groups(gated.finditer(haystack, start, end)) == _match_groups(
                        gated.compiled.finditer(haystack, start, end)
                    )
                    expected = gated.compiled.search(haystack, start, end)
                    found = gated.search(haystack, start, end)
                    assert (found and found.span()) == (expected and expected.span())


@pytest.mark.parametrize(
    "pattern",
    [
        re.compile(r"\bserial|pump", re.IGNORECASE),  # a flag changes what literals match
        re.compile(r"\b(?:a|b)?"),  # can match the empty string
        re.compile(r"\b.x"),  # can begin with anything
    ],
)
def test_a_pattern_whose_beginnings_are_not_bounded_is_run_as_it_is(pattern: re.Pattern) -> None:
    gated = StartGated(pattern)
    assert start_scanner(pattern) is None
    text = "Serial pump ax bx x"
    assert _match_groups(gated.finditer(text)) == _match_groups(pattern.finditer(text))
