"""Pins the served hashed features to the values the code computed before the screening
speed-up of 2026-12-06 (speed4): the deployed models were trained against these columns and
values, so a faster hashing path must give them bit for bit. The figures below were
computed by the code on main at 1974202 (before the change) for these texts and model
versions; the versions are named, so a newly deployed model does not move them."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from detectors import hashed_text, incivility, warning_model

TEXTS = [
    "Wow, what a brilliant idea. Did you even read the HIPAA module?",
    "Client (28F) reports passive SI, no plan; we did a Columbia screen. Thoughts?",
    "it's O'Brien's don't  \u00dcn\u00efc\u00f6d\u00e9 \u1e9e \u0130 text\tand\nlines \U0001f642",
    "",
]
VERSION = "2026.12.06-2"

# sha256 (first 32 hex digits) of indptr (int64), columns (int64), values (float32).
DIGESTS = {
    "inc_word": "cef871136e9d2acdaea24cea6de13a11",
    "inc_char": "e34a8a0fc0d2dcc1b19e6e9e7ec565b3",
    "inc_cue": "440b4449fe0f213c37ef1c46364caecc",
    "war_word": "045a960aa686ccf367ed25db4712ede9",
    "war_char": "745fccb85b71fa24bbcb84b64fa7c1d9",
}
INCIVILITY = [
    "0.993872892634593",
    "0.028785125721336086",
    "0.11158439568787362",
    "0.19547231251720126",
]
WARNINGS = [
    [
        "0.004610762230874479",
        "0.03040250179864277",
        "0.007746638993714207",
        "0.0032832685401365555",
        "0.0026213755596353576",
        "0.008366032170360154",
        "0.009865596949348417",
    ],
    [
        "0.09963275627794599",
        "0.024982688267369258",
        "0.016221796322036144",
        "0.005841479395524494",
        "0.003621870223140677",
        "0.018818124908781368",
        "0.0056638473409677545",
    ],
    [
        "0.019763600964747805",
        "0.006003312082429712",
        "0.007891528656531819",
        "0.02202922833170699",
        "0.010951993114328665",
        "0.006923950108808817",
        "0.012797317205473658",
    ],
    [
        "0.01550567715052305",
        "0.010994220288742695",
        "0.00845487969780367",
        "0.01807627342045322",
        "0.01061218450793868",
        "0.008496496393719037",
        "0.008672232943303446",
    ],
]
COLUMNS = {
    "you": [45980, 45980, 45980],
    "did you": [16454, 16454, 16454],
    " wow": [55847, 55847, 186919],
    "\u1e9e \u0130": [91978, 26442, 223050],
    "\U0001f642": [24675, 24675, 155747],
}  # term -> (incivility word, warning word, incivility cue)
NONZERO = [65, 372, 372]  # incivility word, incivility char, warning char


def _digest(rows: tuple[np.ndarray, np.ndarray, np.ndarray]) -> str:
    digest = hashlib.sha256()
    for array, dtype in zip(rows, (np.int64, np.int64, np.float32), strict=True):
        digest.update(np.asarray(array, dtype=dtype).tobytes())
    return digest.hexdigest()[:32]


@pytest.fixture(scope="module")
def models() -> tuple[incivility.LoadedModel, warning_model.WarningModel, list[str]]:
    texts = [incivility.clean_text(text) for text in TEXTS]
    return incivility.load_model(VERSION), warning_model.load_model(VERSION), texts


def test_features_and_probabilities_are_the_pinned_ones(models) -> None:
    inc, war, texts = models
    # Each space on its own batch, then all on one batch: the second time every space after
    # the first of its kind finds the texts' rows and the term hashes in the batch.
    for shared in (None, hashed_text.BatchHashes()):
        spaces = {
            "inc_word": inc.word,
            "inc_char": inc.char,
            "inc_cue": inc.cue,
            "war_word": war.word,
            "war_char": war.char,
        }
        digests = {name: _digest(space.tfidf(texts, shared)) for name, space in spaces.items()}
        assert digests == DIGESTS
        assert [len(inc.word.tfidf(texts)[1]), len(inc.char.tfidf(texts)[1])] == NONZERO[:2]
        assert len(war.char.tfidf(texts)[1]) == NONZERO[2]
        assert inc.probabilities(texts).tolist() == [float(p) for p in INCIVILITY]
        assert war.probabilities(texts).tolist() == [[float(p) for p in row] for row in WARNINGS]
        for term, columns in COLUMNS.items():
            got = [
                inc.word.term_column(term),
                war.word.term_column(term),
                inc.cue.term_column(term),
            ]
            assert got == columns, term


def test_a_batch_in_another_order_or_split_gives_the_same_rows(models) -> None:
    inc, war, texts = models
    whole = [_digest(inc.char.tfidf(texts)), _digest(war.word.tfidf(texts))]
    batch = hashed_text.BatchHashes()
    war.word.tfidf(texts[2:][::-1], batch)  # some of the rows and hashes first, reversed
    assert [_digest(inc.char.tfidf(texts, batch)), _digest(war.word.tfidf(texts, batch))] == whole
    assert inc.word.term_columns(list(COLUMNS), batch) == [c[0] for c in COLUMNS.values()]
    assert war.word.term_columns(list(COLUMNS)) == [c[1] for c in COLUMNS.values()]


def test_vectorised_hashes_equal_murmurhash3_on_every_length_and_script() -> None:
    words = ["", "a", "ab", "abc", "abcd", "abcde", "did you", " wow ", *TEXTS]
    words += ["\u1e9e \u0130", "\U0001f642" * 3, "na\u00efve", "a" * 41, "\u00e9" * 7]
    words += [TEXTS[2][:n] for n in range(len(TEXTS[2]))]
    for terms in (words, [w for w in words if w.isascii()], words[:1], []):
        expected = [abs(hashed_text.murmurhash3_32(t)) for t in terms]
        assert hashed_text.abs_hashes(terms).tolist() == expected


@pytest.mark.parametrize("n_features", [2**17, 2**18, 1000, 99991])
def test_vectorised_columns_equal_sklearns_rule(n_features: int) -> None:
    terms = ["you", "did you", " wow ", "\u1e9e \u0130", "\U0001f642", "", "a" * 41]
    terms += [f"term {n}" for n in range(500)]
    hashes = np.array([abs(hashed_text.murmurhash3_32(t)) for t in terms], dtype=np.int64)
    expected = [hashed_text.hashed_column(t, n_features) for t in terms]
    assert hashed_text.columns_of_hashes(hashes, n_features).tolist() == expected
    # The one hash whose absolute value is out of int32: sklearn's special case.
    special = (2147483647 - (n_features - 1)) % n_features
    assert hashed_text.columns_of_hashes(np.array([2**31]), n_features).tolist() == [special]
