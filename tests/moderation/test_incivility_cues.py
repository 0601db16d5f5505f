"""The cue terms of the incivility model (detectors.incivility_cues): what they mark.

The model learns every weight; these check only that the terms describe a post as the
module says (word classes, their pairs, marks in the raw text), cheaply and on any input.
"""

from __future__ import annotations

from pathlib import Path

from detectors.incivility_cues import CLASSES, cue_terms
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
