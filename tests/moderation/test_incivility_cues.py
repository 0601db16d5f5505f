"""The cue terms of the incivility model (detectors.incivility_cues): what they mark.

The model learns every weight; these check only that the terms describe a post as the
module says (word classes, their pairs, marks in the raw text), cheaply and on any input.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from detectors.incivility_cues import (
    CLASSES,
    CUES_VERSION,
    cue_terms,
    cue_terms_v1,
    terms_for_version,
)
from moderation import training

BLNS = Path(training.default_data_dir()) / "naughty-strings" / "blns.txt"


def test_mock_praise_is_praise_together_with_second_person_address() -> None:
    terms = cue_terms("Oh wow, what a stunning plan. Your clients must be thrilled.")
    assert {"c:PRAISE", "c:YOU", "p:PRAISE+YOU", "s:INTERJ", "b:PRAISE plan"} <= set(terms)
    # An unseen praise word shares the class features of a seen one.
    other = cue_terms("Oh wow, what a magnificent plan. Your clients must be thrilled.")
    assert "b:PRAISE plan" in other


def test_marks_in_the_raw_text() -> None:
    terms = cue_terms('Must be nice. Your "trauma-informed" approach 🙄 *slow clap* SO helpful...')
    for mark in (
        "m:must-be-nice",
        "m:scare-quote",
        "m:eyeroll",
        "m:action",
        "m:caps-emphasis",
        "m:ellipsis",
    ):
        assert mark in terms, mark
    quoted = cue_terms('My client said "you are useless and I hope you lose your license" today.')
    assert "m:long-quote" in quoted and "m:scare-quote" not in quoted
    assert "m:you-question" in cue_terms("Did you even read the privacy rule?")
    assert "k:must _ nice" in cue_terms("must be nice")


def test_privacy_words_and_ignorance_words_pair_up() -> None:
    terms = cue_terms("Did you sleep through the HIPAA module?")
    assert {"p:IGNORANT+PRIVACY", "p:PRIVACY+YOU"} <= set(terms)


def test_every_class_is_named_and_terms_are_stable() -> None:
    assert {"PRAISE", "YOU", "PRIVACY", "GRATITUDE", "CERTAIN", "ENDEAR"} <= set(CLASSES)
    text = "Thanks so much, you clearly know HIPAA!"
    assert cue_terms(text) == cue_terms(text)
    assert cue_terms("") == []


def test_any_string_gives_terms_without_raising() -> None:
    strings = ["", " ", "\x00\x01", "\ud800 lone", "a" * 100_000, "?!?!", "*" * 50, '"' * 9]
    if BLNS.is_file():
        strings += BLNS.read_text(encoding="utf-8").split("\n")
    for text in strings:
        assert all(isinstance(term, str) for term in cue_terms(text))


def test_version_2_adds_the_posts_length_in_words_as_a_bin() -> None:
    assert CUES_VERSION == 2
    bins = {
        "Go ahead.": "n:len2-3",
        "Mm-hm.": "n:len1",
        "You really care about your running club.": "n:len4-7",
        "Honestly the new documentation rules ask for forty fields on every check-in.": "n:len8-15",
    }
    for text, expected in bins.items():
        lengths = [t for t in cue_terms(text) if t.startswith("n:")]
        assert lengths == [expected], text
        # Version 1 (the 2026.12.06-1 model's terms) has no length term and is otherwise equal.
        assert cue_terms_v1(text) == [t for t in cue_terms(text) if not t.startswith("n:")]
    assert [t for t in cue_terms("word " * 40) if t.startswith("n:")] == ["n:len16+"]


def test_a_model_is_served_the_cue_terms_of_its_own_version() -> None:
    assert terms_for_version(2) is cue_terms
    assert terms_for_version(1) is cue_terms_v1
    for unknown in (0, 3, -1):
        with pytest.raises(ValueError, match="version"):
            terms_for_version(unknown)
