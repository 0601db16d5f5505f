"""Privacy: text screening has not published reaches nobody but its author and the group's
moderators, not even a cache. After the detectors screen a draft, no detector module (nor
anything else in the process) still holds its text or one of its words: a batch's term
hashes live in a `BatchHashes` the caller drops (detectors/hashed_text.py)."""

from __future__ import annotations

import gc
import uuid

from detectors import hashed_text
from detectors.content_warnings import assess_many
from detectors.screen import screen_many


def _unique_word() -> str:
    # Letters only, so the tokenisers keep it whole; made at run time, so never interned.
    return "Zq" + "".join(chr(ord("a") + int(c, 16)) for c in uuid.uuid4().hex[:12])


def _screen_a_draft(word: str) -> None:
    """Screen a draft naming `word` as `score_posts` and the content-warning check do."""
    draft = f"Session notes: {word} said the group was a waste of time. Thoughts, anyone?"
    screen_many([(draft, ["none"]), (draft + " Again.", None)], drivers=False)
    assess_many([draft])


def _holders_of(word: str) -> list[str]:
    """The types of the objects that refer to a string containing `word`: every object
    the collector tracks and, through them, the dicts and tuples it does not (those that
    hold only strings and numbers)."""
    gc.collect()
    found: list[str] = []
    for holder in gc.get_objects():
        for item in gc.get_referents(holder):
            if item is word:
                continue
            if isinstance(item, str):
                if word in item:
                    found.append(type(holder).__name__)
            elif isinstance(item, dict | tuple) and not gc.is_tracked(item):
                values = [*item.keys(), *item.values()] if isinstance(item, dict) else item
                if any(isinstance(v, str) and word in v for v in values):
                    found.append(f"{type(holder).__name__} -> {type(item).__name__}")
    return found


def test_the_process_wide_text_caches_are_gone() -> None:
    for name in ("_TEXT_HASHES", "_TERM_HASHES", "_WORD_GRAM_HASHES"):
        assert not hasattr(hashed_text, name), name


def test_a_screened_drafts_words_stay_nowhere_in_the_process() -> None:
    word = _unique_word()
    _screen_a_draft(word)
    assert _holders_of(word) == []
