"""Serving features without scikit-learn: detectors.hashed_text reproduces the hashed
TF-IDF features and the probabilities of the pipeline training fits."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
from sklearn.utils import murmurhash3_32 as sklearn_murmurhash

from detectors import hashed_text, incivility
from moderation import training

DATA = Path(__file__).resolve().parents[2] / "moderation" / "data"
BLNS = Path(__file__).resolve().parents[3] / "shared" / "data" / "naughty-strings" / "blns.txt"


def _texts() -> list[str]:
    with (DATA / "curated_incivility_eval.csv").open(encoding="utf-8") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    texts += ["", "one", "Two words", "it's O'Brien's don't", "Ünïcödé  ẞ İ text\tand\nlines"]
    if BLNS.exists():
        texts += BLNS.read_text(encoding="utf-8").split("\n")
    return [incivility.clean_text(text) for text in texts]


def test_murmurhash_equals_sklearns_on_every_length_and_script() -> None:
    terms = ["", "a", "ab", "abc", "abcd", "abcde", "idiot you", "é", "日本語", "🙂 x", " ab "]
    terms += [t for t in _texts()[:300]]
    for term in terms:
        assert hashed_text.murmurhash3_32(term) == sklearn_murmurhash(term, seed=0), term


@pytest.fixture(scope="module")
def fitted() -> tuple[object, incivility.LoadedModel]:
    texts = _texts()
    labels = [int("stupid" in t.lower() or "you" in t.lower()) for t in texts]
    pipeline = training.fit(texts, labels, ["curated"] * len(texts))
    arrays, features = training.export_linear(pipeline)
    word = hashed_text.HashedSpace(kind="word", params=features["word"], idf=arrays["word_idf"])
    char = hashed_text.HashedSpace(kind="char_wb", params=features["char"], idf=arrays["char_idf"])
    cue = hashed_text.HashedSpace(kind="cue", params=features["cue"], idf=arrays["cue_idf"])
    model = incivility.LoadedModel(
        version="test",
        metadata={},
        word=word,
        char=char,
        word_coef=arrays["word_coef"],
        char_coef=arrays["char_coef"],
        intercept=float(arrays["intercept"]),
        cue=cue,
        cue_coef=arrays["cue_coef"],
    )
    return pipeline, model


@pytest.mark.parametrize("part", ["word", "char", "cue"])
def test_features_equal_the_pipelines(fitted: tuple[object, incivility.LoadedModel], part: str):
    pipeline, model = fitted
    union = pipeline.named_steps["features"]  # type: ignore[attr-defined]
    expected = dict(union.transformer_list)[part].transform(_texts()).tocsr()
    space = {"word": model.word, "char": model.char, "cue": model.cue}[part]
    assert space is not None
    indptr, columns, values = space.tfidf(_texts())
    assert np.array_equal(indptr, expected.indptr)
    assert np.array_equal(columns, expected.indices)
    assert np.allclose(values, expected.data, atol=1e-6)


def test_probabilities_equal_the_pipelines(fitted: tuple[object, incivility.LoadedModel]) -> None:
    pipeline, model = fitted
    texts = _texts()
    expected = pipeline.predict_proba(texts)[:, 1]  # type: ignore[attr-defined]
    assert np.allclose(model.probabilities(texts), expected, atol=1e-6)


def test_a_model_without_cue_terms_is_served_as_before() -> None:
    # Artifacts before 2026.12.06 have word and character spaces only.
    texts = _texts()[:50]
    labels = [int("you" in t.lower()) for t in texts]
    if len(set(labels)) < 2:
        labels[0] = 1 - labels[0]
    pipeline = training.build_pipeline(cues=False)
    pipeline.fit(texts, labels)
    arrays, features = training.export_linear(pipeline)
    assert "cue" not in features and "cue_coef" not in arrays
    model = incivility.LoadedModel(
        version="test",
        metadata={},
        word=hashed_text.HashedSpace(kind="word", params=features["word"], idf=arrays["word_idf"]),
        char=hashed_text.HashedSpace(
            kind="char_wb", params=features["char"], idf=arrays["char_idf"]
        ),
        word_coef=arrays["word_coef"],
        char_coef=arrays["char_coef"],
        intercept=float(arrays["intercept"]),
    )
    expected = pipeline.predict_proba(texts)[:, 1]
    assert np.allclose(model.probabilities(texts), expected, atol=1e-6)


def test_cue_terms_of_another_version_are_refused() -> None:
    with pytest.raises(ValueError, match="version"):
        hashed_text.HashedSpace(
            kind="cue", params={"n_features": 8, "cues_version": -7}, idf=np.ones(8)
        )


def test_an_artifact_of_another_shape_is_refused(tmp_path: Path) -> None:
    import json

    (tmp_path / "CURRENT").write_text("x\n")
    (tmp_path / "incivility-x.json").write_text(json.dumps({"thresholds": {}}))
    np.savez(tmp_path / "incivility-x.npz", word_idf=np.ones(2))
    with pytest.raises(incivility.ModelNotFoundError, match="features"):
        incivility.load_artifact(tmp_path)


def test_screening_does_not_import_scikit_learn_or_scipy() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from detectors import screen; screen.screen_text('You idiot.', None); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'scipy')))"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True
    )
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("ngram_range", [(3, 5), (2, 4), (1, 1), (4, 4)])
def test_ascii_words_ngrams_hashed_in_place_equal_the_ngrams_made_one_by_one(
    ngram_range: tuple[int, int],
) -> None:
    words = [w for text in _texts() for w in text.lower().split()]
    words = list(dict.fromkeys(words + ["a", "ab", "abc", "abcd", "x" * 40, "Ünï", "日本語"]))
    plain = [w for w in words if w.isascii()]
    grams = [hashed_text.char_wb_ngrams(w, *ngram_range) for w in plain]
    hashes, sizes = hashed_text.ascii_word_gram_hashes(plain, *ngram_range)
    assert sizes.tolist() == [len(g) for g in grams]
    expected = hashed_text.abs_hashes([g for word in grams for g in word])
    np.testing.assert_array_equal(hashes, expected)
    # Through a batch's table, ASCII and other words together, in any order and repeated.
    flat, sizes = hashed_text.BatchHashes().word_gram_hashes(words[::-1] + words, *ngram_range)
    grams = [hashed_text.char_wb_ngrams(w, *ngram_range) for w in words[::-1] + words]
    assert sizes.tolist() == [len(g) for g in grams]
    np.testing.assert_array_equal(flat, hashed_text.abs_hashes([g for w in grams for g in w]))


def test_a_batchs_term_hashes_are_each_terms_hash_in_order_however_often_asked() -> None:
    terms = [t for text in _texts() for t in text.lower().split()]
    hashes = hashed_text.BatchHashes()
    assert hashes.term_hashes([]).tolist() == []
    for part in (terms[: len(terms) // 2], terms, terms[::-1] + ["new term", "é"]):
        np.testing.assert_array_equal(hashes.term_hashes(part), hashed_text.abs_hashes(part))
