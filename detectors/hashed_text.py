"""Hashed TF-IDF features of text, computed with the standard library and numpy alone.

The incivility model is linear over hashed feature spaces (word 1-2-grams, char_wb
n-grams and, since 2026.12.06, the cue terms of `detectors.incivility_cues`; sublinear
TF-IDF, rows L2-normalised). Training uses scikit-learn's
HashingVectorizer and TfidfTransformer; serving reproduces their output here from the
artifact's arrays, so screening never imports scikit-learn or SciPy (importing them was
most of `score_posts`' cold start). `tests/moderation/test_hashed_text.py` checks the
features against scikit-learn's on real posts.

Each distinct term (a word n-gram, or a word's character n-grams) is hashed once per
process and cached, so a worker's steady cost is a dictionary look-up per term.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable
from contextlib import suppress
from itertools import pairwise
from typing import Any

import numpy as np

_C1, _C2, _MASK = 0xCC9E2D51, 0x1B873593, 0xFFFFFFFF
_WHITE_SPACES = re.compile(r"\s\s+")
_CACHE_LIMIT = 500_000


def murmurhash3_32(term: str) -> int:
    """MurmurHash3 x86 32-bit (seed 0) of the UTF-8 bytes, signed: sklearn's
    murmurhash3_32(term, seed=0), which its hashing vectorizers use."""
    key = term.encode("utf-8")
    length = len(key)
    h1 = 0
    rounded = length & ~3
    for k1 in memoryview(key[:rounded]).cast("I") if rounded else ():
        k1 = (k1 * _C1) & _MASK
        k1 = ((k1 << 15) | (k1 >> 17)) & _MASK
        h1 ^= (k1 * _C2) & _MASK
        h1 = ((h1 << 13) | (h1 >> 19)) & _MASK
        h1 = (h1 * 5 + 0xE6546B64) & _MASK
    tail = length & 3
    if tail:
        k1 = int.from_bytes(key[rounded:], "little")
        k1 = (k1 * _C1) & _MASK
        k1 = ((k1 << 15) | (k1 >> 17)) & _MASK
        h1 ^= (k1 * _C2) & _MASK
    h1 ^= length
    h1 ^= h1 >> 16
    h1 = (h1 * 0x85EBCA6B) & _MASK
    h1 ^= h1 >> 13
    h1 = (h1 * 0xC2B2AE35) & _MASK
    h1 ^= h1 >> 16
    return h1 - 0x100000000 if h1 & 0x80000000 else h1


def hashed_column(term: str, n_features: int) -> int:
    """The column sklearn's hashing vectorizers give a term (alternate_sign=False)."""
    h = murmurhash3_32(term)
    if h == -2147483648:
        return (2147483647 - (n_features - 1)) % n_features
    return abs(h) % n_features


class _TermHashes(dict):
    """term -> abs(murmurhash3_32(term)), computed on a miss: `map(cache.__getitem__,
    terms)` runs at C speed for terms already seen. Shared by every feature space of the process
    (the hash does not depend on the space; the column is the hash modulo its size)."""

    def __missing__(self, term: str) -> int:
        if len(self) > _CACHE_LIMIT:
            self.clear()
        h = self[term] = abs(murmurhash3_32(term))
        return h


class _WordGramHashes(dict):
    """word -> the hashes of its char_wb n-grams (one n-gram range), computed on a miss."""

    def __init__(self, low: int, high: int) -> None:
        super().__init__()
        self.low, self.high = low, high

    def __missing__(self, word: str) -> np.ndarray:
        if len(self) > _CACHE_LIMIT:
            self.clear()
        grams = char_wb_ngrams(word, self.low, self.high)
        hashes = self[word] = np.fromiter(
            map(_TERM_HASHES.__getitem__, grams), np.int64, len(grams)
        )
        return hashes


_TERM_HASHES = _TermHashes()
_WORD_GRAM_HASHES: dict[tuple[int, int], _WordGramHashes] = {}


def columns_of_hashes(hashes: np.ndarray, n_features: int) -> np.ndarray:
    """hashed_column over an int64 array of absolute hashes (_TERM_HASHES' values). For
    the hash -2**31 sklearn takes (2**31 - 1 - (n - 1)) % n, which is 2**31 % n: the
    absolute value's remainder, as for every other hash."""
    if n_features & (n_features - 1) == 0:
        return hashes & (n_features - 1)
    return hashes % n_features


def word_terms_function(token_pattern: str) -> Callable[[str], list[str]]:
    """A text's word 1-2-gram terms: its lower-cased tokens, then their "a b" bigrams (the
    word analyzer's terms for ngram_range (1, 2), no stop words, no preprocessor)."""
    tokens_of = re.compile(token_pattern).findall

    def terms(text: str) -> list[str]:
        tokens = tokens_of(text.lower())
        return tokens + [f"{first} {second}" for first, second in pairwise(tokens)]

    return terms


def char_wb_ngrams(word: str, min_n: int, max_n: int) -> list[str]:
    """sklearn's char_wb n-grams of one word: padded with a space each side; a word shorter
    than n gives its padded self once."""
    padded = f" {word} "
    length = len(padded)
    grams = []
    for n in range(min_n, max_n + 1):
        offset = 0
        grams.append(padded[:n])
        while offset + n < length:
            offset += 1
            grams.append(padded[offset : offset + n])
        if offset == 0:
            break
    return grams


class _TextHashes:
    """The term hashes of recently seen texts, per kind of terms: a screening batch gives
    the same posts to the content-warning model and to the incivility model, whose word
    (and char_wb) terms are the same, so the second to read a post finds them here. Least recently
    used texts go first once the rows hold more than `limit` hashes in all."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.total = 0
        self._rows: OrderedDict[tuple[Any, str], np.ndarray] = OrderedDict()

    def rows(
        self, key: tuple[Any, ...], texts: list[str], compute: Callable[[str], np.ndarray]
    ) -> list[np.ndarray]:
        stored = self._rows
        out = []
        for text in texts:
            entry = (key, text)
            row = stored.get(entry)
            if row is None:
                row = compute(text)
                stored[entry] = row
                self.total += len(row)
                while self.total > self.limit and len(stored) > 1:
                    try:
                        _, dropped = stored.popitem(last=False)
                    except KeyError:  # another thread emptied it (a threaded dev server)
                        break
                    self.total -= len(dropped)
            else:
                with suppress(KeyError):  # another thread dropped it meanwhile
                    stored.move_to_end(entry)
            out.append(row)
        return out


_TEXT_HASHES = _TextHashes(limit=2_000_000)


class HashedSpace:
    """One hashed TF-IDF feature space of a trained model: its kind ("word" or "char_wb"),
    its parameters and its fitted idf."""

    def __init__(self, *, kind: str, params: dict[str, Any], idf: np.ndarray) -> None:
        self.kind = kind
        self.n_features = int(params["n_features"])
        self.ngram_range = tuple(int(n) for n in params.get("ngram_range", (1, 1)))
        self.idf = np.asarray(idf, dtype=np.float32)
        # Spaces whose terms depend only on these parameters share each text's term hashes
        # (the incivility and content-warning models read the same post): see _TextHashes.
        self._shared_key: tuple[Any, ...] | None = None
        if kind == "word":
            self._shared_key = ("word", params["token_pattern"])
            if self.ngram_range != (1, 2):
                raise ValueError(f"word n-grams {self.ngram_range} are not supported")
            self.terms: Callable[[str], list[str]] = word_terms_function(params["token_pattern"])
        elif kind == "cue":
            # The incivility model's cue terms (detectors.incivility_cues), hashed as the
            # word terms are: served only with the version of the terms trained on.
            from detectors.incivility_cues import terms_for_version

            self.terms = terms_for_version(int(params.get("cues_version", -1)))
        elif kind == "char_wb":
            self._shared_key = ("char_wb", *self.ngram_range)
            self._word_grams = _WORD_GRAM_HASHES.setdefault(
                self.ngram_range, _WordGramHashes(*self.ngram_range)
            )
        else:
            raise ValueError(f"unknown feature space {kind!r}")

    def term_column(self, term: str) -> int:
        return _TERM_HASHES[term] % self.n_features

    def term_columns(self, terms: list[str]) -> list[int]:
        """term_column of each term, in order."""
        hashes = np.fromiter(map(_TERM_HASHES.__getitem__, terms), np.int64, len(terms))
        return columns_of_hashes(hashes, self.n_features).tolist()

    def _row_hashes(self, text: str) -> np.ndarray:
        """The hashes of one text's terms, in order (repeats kept)."""
        if self.kind == "char_wb":
            pieces = list(map(self._word_grams.__getitem__, text.lower().split()))
            if not pieces:
                return np.zeros(0, dtype=np.int64)
            return pieces[0] if len(pieces) == 1 else np.concatenate(pieces)
        terms = self.terms(text)
        return np.fromiter(map(_TERM_HASHES.__getitem__, terms), np.int64, len(terms))

    def counts(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(indptr, columns, counts) of each text's terms: CSR rows with sorted, unique
        columns, as the hashing vectorizer gives them."""
        if self._shared_key is None:
            rows = [self._row_hashes(text) for text in texts]
        else:
            rows = _TEXT_HASHES.rows(self._shared_key, texts, self._row_hashes)
        indptr = [0]
        total = 0
        for row in rows:
            total += len(row)
            indptr.append(total)
        flat = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
        return _unique_per_row(columns_of_hashes(flat, self.n_features), indptr, self.n_features)

    def tfidf(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(indptr, columns, values): sublinear TF times idf, each row L2-normalised, in
        float32 as sklearn computes it."""
        indptr, columns, counts = self.counts(texts)
        values = (np.log(counts) + np.float32(1.0)) * self.idf[columns]
        lengths = np.diff(indptr)
        nonempty = lengths > 0
        norms = np.zeros(len(lengths), dtype=np.float64)
        if values.size:
            squares = values.astype(np.float64) ** 2
            norms[nonempty] = np.sqrt(np.add.reduceat(squares, indptr[:-1][nonempty]))
        per_value = np.repeat(norms, lengths)
        return indptr, columns, (values / per_value).astype(np.float32)


def _unique_per_row(
    columns: np.ndarray, indptr: list[int], n_features: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rows = len(indptr) - 1
    bounds = np.asarray(indptr, dtype=np.int64)
    # (row, column) as one sortable key; in int32 when it fits (a batch of up to 4,096
    # posts in the largest space), which sorts faster and gives the same order.
    dtype = np.int32 if rows * n_features < 2**31 else np.int64
    keys = np.repeat(np.arange(0, rows * n_features, n_features, dtype=dtype), np.diff(bounds))
    keys += columns.astype(dtype, copy=False)
    keys.sort()
    first = np.empty(len(keys), dtype=bool)
    first[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    unique = keys[starts]
    counts = np.diff(np.append(starts, len(keys))).astype(np.float32)
    unique_rows = unique // n_features
    row_ends = np.zeros(rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(unique_rows, minlength=rows), out=row_ends[1:])
    return row_ends, (unique - unique_rows * n_features).astype(np.int64, copy=False), counts


def row_dot(
    indptr: np.ndarray, columns: np.ndarray, values: np.ndarray, weights: np.ndarray
) -> np.ndarray:
    """Each row's dot product with a weight vector (the linear model's logit part)."""
    products = (values if values.dtype == np.float64 else values.astype(np.float64)) * weights[
        columns
    ]
    out = np.zeros(len(indptr) - 1, dtype=np.float64)
    lengths = np.diff(indptr)
    nonempty = lengths > 0
    if products.size:
        sums = np.add.reduceat(products, indptr[:-1][nonempty])
        out[nonempty] = sums
    return out
