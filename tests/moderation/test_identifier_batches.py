"""Screening finds identifiers with less work per post than it did, and finds the same ones:
the signature blocks are worked out once per post (`signature.Blocks`), and every step
that reads them gives what it gave reading them itself; a batch of posts asks each learned
token model once (`find_identifiers_many`) and finds in each post what it finds alone."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest

from detectors.identifiers import (
    candidate_spans,
    find_identifiers,
    find_identifiers_many,
    loose_names,
    loose_numbers,
    own_details,
    signature,
    token_model,
)
from detectors.jsonl import run
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


def test_a_batch_finds_in_each_post_what_the_post_alone_gives(dev_texts: list[str]) -> None:
    texts = [*dev_texts, None, 42, "Chart 4471902 for J. Ortiz.", *dev_texts[:50]]
    for learned_tokens in (True, False):
        batch = find_identifiers_many(texts, learned_tokens=learned_tokens)
        assert batch == [
            find_identifiers(text, learned_tokens=learned_tokens)  # type: ignore[arg-type]
            for text in texts
        ]
    assert find_identifiers_many([]) == []


def test_the_token_models_asked_once_for_a_batch_hold_what_each_post_holds(
    dev_texts: list[str],
) -> None:
    for module in (loose_numbers, loose_names):
        model = module.load_model()
        asked = [module.asked(text, candidate_spans(text)) for text in dev_texts]
        assert sum(len(spans) for spans, _ in asked) > 100
        held = token_model.held_many(model, asked)
        assert held == [token_model.held(model, rows, spans) for spans, rows in asked]
        assert any(held)
        rows = [row for _, post_rows in asked for row in post_rows]
        # Hashed together or one post at a time, each row has the same probability.
        np.testing.assert_array_equal(
            model.probabilities(rows),
            np.concatenate([model.probabilities(r) for _, r in asked if r]),
        )


def test_score_posts_answers_the_same_whatever_the_batch_size(dev_texts: list[str]) -> None:
    lines = "".join(
        json.dumps({"id": n, "text": text, "trigger_warnings": ["none"] if n % 2 else None}) + "\n"
        for n, text in enumerate(dev_texts[::7])
    ).encode()
    answers = []
    for batch_size in (1, 64, 512):
        out = io.StringIO()
        run(io.BytesIO(lines), out, batch_size=batch_size)
        answers.append(out.getvalue())
    assert answers[0] == answers[1] == answers[2]
    assert '"decision": "hold"' in answers[0]
