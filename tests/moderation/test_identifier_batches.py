"""Screening finds identifiers with less work per post than it did, and finds the same ones:
the signature blocks are worked out once per post (`signature.Blocks`), and every step
that reads them gives what it gave reading them itself."""

from __future__ import annotations

import pytest

from detectors.identifiers import (
    candidate_spans,
    find_identifiers,
    loose_names,
    loose_numbers,
    own_details,
    signature,
)
from moderation.evaluation import read_dev_vignettes

SIGNED = (
    "Anyone have a good CBT-I workbook for teens? My client (16) keeps asking.\n\n"
    "Thanks,\nDana Whitfield, LMFT\nRiverbend Counseling Collective\n503-555-0101\n"
    "NPI 1457382910"
)
LEADING = (
    "Dr. Marcus Bell, MD | Psychiatrist | Cedar Grove Family Therapy\n"
    "503-555-0144 | mbell@cedargrove.example\n\n"
    "Her son Jaylen Okafor called from 541-555-0128 about his MRN 448210."
)
INLINE = "Happy to consult on this one. Warmly, Dana Whitfield, LMFT | riverbend.example"


@pytest.fixture(scope="module")
def dev_texts() -> list[str]:
    return [row["text"] for row in read_dev_vignettes()] + [SIGNED, LEADING, INLINE, "", "a"]


def test_a_posts_blocks_are_what_the_signature_functions_give(dev_texts: list[str]) -> None:
    for text in dev_texts:
        blocks = signature.Blocks(text)
        assert blocks.start == signature.signature_start(text)
        assert blocks.leading_end == signature.leading_signature_end(text)
    assert signature.Blocks(SIGNED).start is not None
    assert signature.Blocks(LEADING).leading_end is not None
    assert signature.Blocks(INLINE).start is not None


def test_each_block_is_worked_out_once_however_many_steps_read_it(monkeypatch) -> None:
    calls: list[str] = []
    start, leading_end = signature.signature_start, signature.leading_signature_end
    monkeypatch.setattr(signature, "signature_start", lambda t: calls.append("s") or start(t))
    monkeypatch.setattr(
        signature, "leading_signature_end", lambda t: calls.append("l") or leading_end(t)
    )
    find_identifiers(SIGNED)
    find_identifiers(LEADING)
    assert calls.count("s") == 2
    assert calls.count("l") == 2


def test_the_steps_give_the_same_with_the_posts_blocks_as_without(dev_texts: list[str]) -> None:
    for text in dev_texts:
        found = candidate_spans(text)
        blocks = signature.Blocks(text)
        numbers = loose_numbers.learned_numbers(text, found)
        assert loose_numbers.learned_numbers(text, found, blocks=blocks) == numbers
        candidates = found + numbers
        own = signature.clinician_own(text, candidates)
        assert signature.clinician_own(text, candidates, blocks) == own
        kept = own_details.not_own(text, own)
        assert own_details.not_own(text, own, blocks=blocks) == kept
        if kept:
            names = loose_names.learned_names(text, found)
            assert loose_names.learned_names(text, found, blocks=blocks) == names
