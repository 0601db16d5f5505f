"""Privacy: text screening has not published reaches nobody but its author and the group's
moderators, not even a cache. After the detectors screen a draft, no detector module (nor
anything else in the process) still holds its text or one of its words: a batch's term
hashes live in a `BatchHashes` the caller drops (detectors/hashed_text.py)."""

from __future__ import annotations

import gc
import uuid

import pytest

from detectors import hashed_text
from detectors.content_warnings import assess_many
from detectors.screen import screen_many, screen_text


def _unique_word() -> str:
    # Letters only, so the tokenisers keep it whole; made at run time, so never interned.
    return "Zq" + "".join(chr(ord("a") + int(c, 16)) for c in uuid.uuid4().hex[:12])


def _screen_a_draft(word: str) -> list[str]:
    """Screen a draft naming `word` every way the detectors are called (the draft check,
    the worker's batches with drivers, score_posts' without, the content-warning check);
    the driver terms of the reports."""
    draft = f"Session notes: {word} said the group was a waste of time. Thoughts, {word}?"
    reports = [
        screen_text(draft, None),
        screen_text(f"{word}\u2019s \u00e9tude, you idiot", None),  # not ASCII
        *screen_many([(draft, ["none"]), (draft + " Again.", None)], drivers=True),
        *screen_many([(draft, None)], drivers=False),
    ]
    assess_many([draft])
    return [term for report in reports for term, _ in report.drivers]


def _holders_of(words: list[str]) -> list[str]:
    """The types of the objects that refer to a string containing one of `words` in any
    case: every object the collector tracks and, through them, the dicts and tuples it
    does not (those that hold only strings and numbers)."""
    keys = [word[1:] for word in words]  # "q" and lower-case letters, in either case
    own = {id(text) for text in (*words, *keys)}
    gc.collect()
    found: list[str] = []
    for holder in gc.get_objects():
        for item in gc.get_referents(holder):
            if id(item) in own:
                continue
            # type(), not isinstance(): isinstance reads __class__, which sets up a lazy
            # object (a spent request's CSP nonce raises then).
            if issubclass(type(item), str):
                if any(key in item for key in keys):
                    found.append(type(holder).__name__)
            elif issubclass(type(item), dict | tuple) and not gc.is_tracked(item):
                values = [*item.keys(), *item.values()] if isinstance(item, dict) else item
                if any(isinstance(v, str) and any(k in v for k in keys) for v in values):
                    found.append(f"{type(holder).__name__} -> {type(item).__name__}")
    return found


def test_the_process_wide_text_caches_are_gone() -> None:
    for name in ("_TEXT_HASHES", "_TERM_HASHES", "_WORD_GRAM_HASHES"):
        assert not hasattr(hashed_text, name), name


def test_a_screened_drafts_words_stay_nowhere_in_the_process() -> None:
    # Drafts until one's unique word drives its incivility score, so the drivers' spans
    # (found without a regex per term, which re would cache) are covered too.
    words: list[str] = []
    for _ in range(50):
        words.append(_unique_word())
        if any(words[-1].lower() in term for term in _screen_a_draft(words[-1])):
            break
    else:
        pytest.fail("no draft's word drove its score: the drivers' spans went untested")
    assert _holders_of(words) == []
