"""Hashed TF-IDF features of text, computed with the standard library and numpy alone.

The incivility model is linear over hashed feature spaces (word 1-2-grams, char_wb
n-grams and, since 2026.12.06, the cue terms of `detectors.incivility_cues`; sublinear
TF-IDF, rows L2-normalised). Training uses scikit-learn's
HashingVectorizer and TfidfTransformer; serving reproduces their output here from the
artifact's arrays, so screening never imports scikit-learn or SciPy (importing them was
most of `score_posts`' cold start). `tests/moderation/test_hashed_text.py` checks the
features against scikit-learn's on real posts.

A batch's distinct terms are hashed together, vectorised over numpy arrays
(`abs_hashes`), and each post is tokenised and hashed once for every model that reads it
through the batch's `BatchHashes`, which the caller makes and drops. Nothing here is kept
between calls: no post's text or terms stay in the process (the privacy rule covers
caches too).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import chain, pairwise
from typing import Any

import numpy as np

_C1, _C2, _MASK = 0xCC9E2D51, 0x1B873593, 0xFFFFFFFF
_WHITE_SPACES = re.compile(r"\s\s+")


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


_U32 = np.uint32
_C1_U32, _C2_U32 = _U32(_C1), _U32(_C2)
_TAIL_MASKS = np.array([0, 0xFF, 0xFFFF, 0xFFFFFF], dtype=_U32)  # by length % 4


def _rotl(values: np.ndarray, shift: int) -> np.ndarray:
    return (values << _U32(shift)) | (values >> _U32(32 - shift))


def abs_hashes(terms: Sequence[str]) -> np.ndarray:
    """abs(murmurhash3_32(term)) of each term as int64, computed over all the terms at once.

    The terms' UTF-8 bytes are laid end to end and read as a little-endian uint32 at every
    byte offset; a term's blocks are those at its start, start + 4, ...; its tail of 1-3
    bytes is the next one masked to its length (the integer the algorithm mixes). uint32
    arithmetic wraps as the algorithm's masks do. The blocks are taken one position at a
    time over the terms that have a whole block there (longest first, so those are a
    prefix)."""
    count = len(terms)
    if not count:
        return np.zeros(0, dtype=np.int64)
    joined = "".join(terms)
    if joined.isascii():
        data = joined.encode("ascii")
        lengths = np.fromiter(map(len, terms), np.int64, count)
    else:
        encoded = [term.encode("utf-8") for term in terms]
        data = b"".join(encoded)
        lengths = np.fromiter(map(len, encoded), np.int64, count)
    starts = np.zeros(count, dtype=np.int64)
    np.cumsum(lengths[:-1], out=starts[1:])
    return _abs_hashes_at(data, starts, lengths)


def _abs_hashes_at(data: bytes, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """abs_hashes of the terms at these byte offsets and lengths of `data` (int64 arrays;
    the terms may overlap, as a word's n-grams do)."""
    count = len(starts)
    if not count:
        return np.zeros(0, dtype=np.int64)
    raw = np.frombuffer(data + b"\0\0\0\0", dtype=np.uint8).astype(_U32)
    words = raw[:-3] | (raw[1:-2] << _U32(8)) | (raw[2:-1] << _U32(16)) | (raw[3:] << _U32(24))
    whole = lengths >> 2
    order = np.argsort(-whole, kind="stable")
    starts, whole, lengths = starts[order], whole[order], lengths[order]
    active = count - np.searchsorted(whole[::-1], np.arange(int(whole[0])), side="right")
    h1 = np.zeros(count, dtype=_U32)
    for position, size in enumerate(active.tolist()):
        k1 = _rotl(words[starts[:size] + 4 * position] * _C1_U32, 15) * _C2_U32
        h1[:size] = _rotl(h1[:size] ^ k1, 13) * _U32(5) + _U32(0xE6546B64)
    tailed = np.flatnonzero(lengths & 3)
    if tailed.size:
        tail = words[starts[tailed] + 4 * whole[tailed]] & _TAIL_MASKS[lengths[tailed] & 3]
        h1[tailed] ^= _rotl(tail * _C1_U32, 15) * _C2_U32
    h1 ^= lengths.astype(_U32)
    h1 ^= h1 >> _U32(16)
    h1 *= _U32(0x85EBCA6B)
    h1 ^= h1 >> _U32(13)
    h1 *= _U32(0xC2B2AE35)
    h1 ^= h1 >> _U32(16)
    unsigned = np.empty(count, dtype=np.int64)
    unsigned[order] = h1
    # The signed hash's absolute value: 2**32 - h for h >= 2**31 (so 2**31 for -2**31).
    return np.where(unsigned >= 2**31, 2**32 - unsigned, unsigned)


class BatchHashes:
    """The term hashes of one batch of texts, made by the caller for that batch and passed
    to every feature space that reads it, so the content-warning and incivility models
    tokenise and hash a post once between them. It lives as long as the caller keeps it
    (a screening batch); no module keeps one, so no post's text or terms outlive the call.

    Holds: each (kind of terms, text)'s row of hashes, each term's hash and each word's
    char_wb n-gram hashes per n-gram range."""

    def __init__(self) -> None:
        self.rows: dict[tuple[Any, ...], np.ndarray] = {}
        self.terms: dict[str, int] = {}
        self.word_grams: dict[tuple[int, int], _WordGrams] = {}

    def term_hashes(self, terms: list[str]) -> np.ndarray:
        """abs_hashes of these terms, each distinct term hashed once per batch."""
        known = self.terms
        # Each term's first position among them, in one pass; the distinct terms' hashes
        # are then looked up or made once each and spread to every position with numpy.
        first: dict[str, int] = {}
        at = np.fromiter(map(first.setdefault, terms, range(len(terms))), np.int64, len(terms))
        missing = [term for term in first if term not in known]
        if missing:
            known.update(zip(missing, abs_hashes(missing).tolist(), strict=True))
        hashes = np.empty(len(terms), dtype=np.int64)
        hashes[np.fromiter(first.values(), np.int64, len(first))] = np.fromiter(
            map(known.__getitem__, first), np.int64, len(first)
        )
        return hashes[at]

    def word_gram_hashes(
        self, words: list[str], low: int, high: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """The hashes of these words' char_wb n-grams end to end, and each word's count of
        them; each distinct word's n-grams made and hashed once per batch."""
        table = self.word_grams.get((low, high))
        if table is None:
            table = self.word_grams[low, high] = _WordGrams(low, high)
        return table.hashes_of(words)


class _WordGrams:
    """A batch's words' char_wb n-gram hashes for one n-gram range, end to end in `flat`:
    word `ids[word]` has `sizes[id]` of them from `starts[id]` on."""

    def __init__(self, low: int, high: int) -> None:
        self.low, self.high = low, high
        self.ids: dict[str, int] = {}
        self.flat = np.zeros(0, dtype=np.int64)
        self.starts = np.zeros(0, dtype=np.int64)
        self.sizes = np.zeros(0, dtype=np.int64)

    def hashes_of(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        missing = set(words).difference(self.ids)
        if missing:
            # ASCII words' n-grams are hashed where they stand in the words laid end to
            # end (a character is a byte); the others' are made one by one.
            plain = [word for word in missing if word.isascii()]
            other = [word for word in missing if not word.isascii()]
            grams = [char_wb_ngrams(word, self.low, self.high) for word in other]
            plain_hashes, plain_sizes = ascii_word_gram_hashes(plain, self.low, self.high)
            sizes = np.concatenate((plain_sizes, np.fromiter(map(len, grams), np.int64)))
            first = len(self.ids)
            added = plain + other
            self.ids.update(zip(added, range(first, first + len(added)), strict=True))
            self.starts = np.concatenate((self.starts, len(self.flat) + np.cumsum(sizes) - sizes))
            self.sizes = np.concatenate((self.sizes, sizes))
            self.flat = np.concatenate(
                (self.flat, plain_hashes, abs_hashes(list(chain.from_iterable(grams))))
            )
        ids = np.fromiter(map(self.ids.__getitem__, words), np.int64, len(words))
        sizes = self.sizes[ids]
        # Each word's run of `flat`, one after another: position i of the output reads
        # flat[i - (where the word's run starts in the output) + (where it starts in flat)].
        out_starts = np.cumsum(sizes) - sizes
        index = np.arange(int(sizes.sum())) + np.repeat(self.starts[ids] - out_starts, sizes)
        return self.flat[index], sizes


def columns_of_hashes(hashes: np.ndarray, n_features: int) -> np.ndarray:
    """hashed_column over an int64 array of absolute hashes (abs_hashes' values). For
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


def ascii_word_gram_hashes(
    words: list[str], min_n: int, max_n: int
) -> tuple[np.ndarray, np.ndarray]:
    """abs_hashes of the char_wb_ngrams of ASCII words, end to end in the same order, and
    each word's count of them, without making the n-grams: each is hashed where it stands in
    the padded words laid end to end (an ASCII character is one byte)."""
    if not words:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    data = "".join(f" {word} " for word in words).encode("ascii")
    padded = np.fromiter(map(len, words), np.int64, len(words)) + 2
    offsets = np.cumsum(padded) - padded
    sizes_n = np.arange(min_n, max_n + 1, dtype=np.int64)
    # Per word (rows) and n (columns), as char_wb_ngrams makes them: a word at least n long
    # gives its length - n + 1 n-grams; a shorter one gives itself once, at the first n,
    # and nothing after.
    fits = padded[:, None] >= sizes_n[None, :]
    counts = np.where(fits, padded[:, None] - sizes_n[None, :] + 1, 0)
    counts[:, 0] = np.where(fits[:, 0], counts[:, 0], 1)
    lengths = np.where(fits, sizes_n[None, :], padded[:, None]).ravel()
    counts = counts.ravel()
    block_starts = np.repeat(offsets, len(sizes_n))
    total = int(counts.sum())
    first_of_block = np.cumsum(counts) - counts
    within = np.arange(total, dtype=np.int64) - np.repeat(first_of_block, counts)
    hashes = _abs_hashes_at(
        data, np.repeat(block_starts, counts) + within, np.repeat(lengths, counts)
    )
    return hashes, counts.reshape(len(words), len(sizes_n)).sum(axis=1)


class HashedSpace:
    """One hashed TF-IDF feature space of a trained model: its kind ("word" or "char_wb"),
    its parameters and its fitted idf."""

    def __init__(self, *, kind: str, params: dict[str, Any], idf: np.ndarray) -> None:
        self.kind = kind
        self.n_features = int(params["n_features"])
        self.ngram_range = tuple(int(n) for n in params.get("ngram_range", (1, 1)))
        self.idf = np.asarray(idf, dtype=np.float32)
        # Spaces whose terms depend only on these parameters share each text's row of
        # hashes within a batch (the incivility and content-warning models read the same
        # post): see BatchHashes.
        self._row_key: tuple[Any, ...]
        if kind == "word":
            self._row_key = ("word", params["token_pattern"])
            if self.ngram_range != (1, 2):
                raise ValueError(f"word n-grams {self.ngram_range} are not supported")
            self.terms: Callable[[str], list[str]] = word_terms_function(params["token_pattern"])
        elif kind == "cue":
            # The incivility model's cue terms (detectors.incivility_cues), hashed as the
            # word terms are: served only with the version of the terms trained on.
            from detectors.incivility_cues import terms_for_version

            self.terms = terms_for_version(int(params.get("cues_version", -1)))
            self._row_key = ("cue", int(params.get("cues_version", -1)))
        elif kind == "char_wb":
            self._row_key = ("char_wb", *self.ngram_range)
        else:
            raise ValueError(f"unknown feature space {kind!r}")

    def term_column(self, term: str) -> int:
        return abs(murmurhash3_32(term)) % self.n_features

    def term_columns(self, terms: list[str], hashes: BatchHashes | None = None) -> list[int]:
        """term_column of each term, in order (from the batch's hashes when given)."""
        found = hashes.term_hashes(terms) if hashes is not None else abs_hashes(terms)
        return columns_of_hashes(found, self.n_features).tolist()

    def _rows(self, texts: list[str], hashes: BatchHashes) -> list[np.ndarray]:
        """The hashes of each text's terms, in order (repeats kept), computed once per
        batch for every space of the same kind and parameters."""
        stored = hashes.rows
        key = self._row_key
        missing = [text for text in dict.fromkeys(texts) if (key, text) not in stored]
        if missing:
            if self.kind == "char_wb":
                # sklearn's char_wb analyzer: each whitespace-separated word of the
                # lower-cased text, its n-grams one word after another.
                words = [text.lower().split() for text in missing]
                flat, sizes = hashes.word_gram_hashes(
                    list(chain.from_iterable(words)), *self.ngram_range
                )
                word_ends = np.cumsum(np.fromiter(map(len, words), np.int64, len(words)))
                gram_ends = np.concatenate(([0], np.cumsum(sizes)))[word_ends]
                stored.update(
                    zip(
                        ((key, text) for text in missing),
                        np.split(flat, gram_ends[:-1]),
                        strict=True,
                    )
                )
            else:
                terms = [self.terms(text) for text in missing]
                flat = hashes.term_hashes(list(chain.from_iterable(terms)))
                ends = np.cumsum(np.fromiter(map(len, terms), np.int64, len(terms)))
                stored.update(
                    zip(((key, text) for text in missing), np.split(flat, ends[:-1]), strict=True)
                )
        return [stored[key, text] for text in texts]

    def counts(
        self, texts: list[str], hashes: BatchHashes | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(indptr, columns, counts) of each text's terms: CSR rows with sorted, unique
        columns, as the hashing vectorizer gives them."""
        rows = self._rows(texts, hashes if hashes is not None else BatchHashes())
        indptr = [0]
        total = 0
        for row in rows:
            total += len(row)
            indptr.append(total)
        flat = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
        return _unique_per_row(columns_of_hashes(flat, self.n_features), indptr, self.n_features)

    def tfidf(
        self, texts: list[str], hashes: BatchHashes | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(indptr, columns, values): sublinear TF times idf, each row L2-normalised, in
        float32 as sklearn computes it. `hashes`: the batch's (see BatchHashes)."""
        indptr, columns, counts = self.counts(texts, hashes)
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
