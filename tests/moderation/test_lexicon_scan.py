"""The lexicon scanner finds exactly the matches of the whole alternation."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from detectors import content_warnings
from detectors.lexicon_scan import WORD_START, LexiconScanner, split_alternatives

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
