"""The hand-built count matrices are exactly the deployed hashers' output."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from detectors import incivility

DATA = Path(__file__).resolve().parents[2] / "moderation" / "data"


def _texts() -> list[str]:
    with (DATA / "curated_incivility_eval.csv").open(encoding="utf-8") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    texts += ["", "one", "Two words", "it's O'Brien's don't", "Ünïcödé  ẞ İ text\tand\nlines"]
    return [incivility.clean_text(text) for text in texts]


def _same(left: object, right: object) -> None:
    assert left.shape == right.shape  # type: ignore[attr-defined]
    for name in ("indptr", "indices", "data"):
        assert np.array_equal(getattr(left, name), getattr(right, name)), name
    assert left.data.dtype == right.data.dtype  # type: ignore[attr-defined]


@pytest.mark.parametrize("step", ["word", "char"])
def test_counts_equal_the_hashing_vectorizer(step: str) -> None:
    model = incivility.load_model()
    pipeline = model.word_pipeline if step == "word" else model.char_pipeline
    hasher = pipeline.named_steps["hash"]
    counts = incivility._word_counts if step == "word" else incivility._char_counts
    applies = (
        incivility._word_fast_path_applies if step == "word" else incivility._char_fast_path_applies
    )
    assert applies(hasher)
    texts = _texts()
    _same(counts(hasher, texts), hasher.transform(texts))


def test_batch_probabilities_equal_the_pipeline_transforms() -> None:
    model = incivility.load_model()
    texts = _texts()
    expected = model._probabilities(model.word_pipeline.transform(texts), texts)
    assert np.array_equal(model.probabilities(texts), expected)
