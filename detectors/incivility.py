"""Incivility detector: the deployed model's probability and the words that drove it.

Loads the versioned skops artifact named by ``detectors/artifacts/CURRENT``
once per process (workers score many posts; loading takes ~100 ms). Pure
Python, no database, safe to call from Celery tasks, views and commands.

Public API::

    score(text) -> IncivilityResult(probability, drivers, spans)
    score_many(texts) -> list[float]
    model_version() -> str
    thresholds() -> (queue, hold)
    load_model(version=None) -> LoadedModel
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.pipeline import Pipeline
from sklearn.utils import murmurhash3_32

ARTIFACT_DIR = Path(__file__).resolve().parent / "artifacts"

# Bounded cost per post: scoring beyond this many characters adds latency, not
# signal. Keep the head and tail so padding a post cannot bury an attack at the end.
MAX_CHARS = 20_000

# The only types the artifact may contain. skops refuses anything else, so a
# tampered artifact cannot make load() execute arbitrary code.
TRUSTED_TYPES: list[str] = [
    "sklearn.pipeline.Pipeline",
    "sklearn.pipeline.FeatureUnion",
    "sklearn.feature_extraction.text.HashingVectorizer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "numpy.float32",
    "numpy.float64",
    "numpy.int64",
    "numpy.ndarray",
    "numpy.dtype",
    "builtins.slice",
]

TOP_DRIVERS = 8

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ModelNotFoundError(RuntimeError):
    """No artifact for the requested version (or no CURRENT file)."""


@dataclass(frozen=True)
class IncivilityResult:
    probability: float
    # Word n-grams pushing toward incivility, largest contribution first:
    # (n-gram, tfidf value x coefficient). Shown to moderators and authors.
    drivers: list[tuple[str, float]] = field(default_factory=list)
    # Character spans (start, end) of the drivers in the original text.
    spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class LoadedModel:
    version: str
    pipeline: Pipeline
    metadata: dict[str, Any]
    word_coef: np.ndarray
    word_features: int
    char_coef: np.ndarray
    intercept: float

    @property
    def word_pipeline(self) -> Pipeline:
        return self.pipeline.named_steps["features"].transformer_list[0][1]

    @property
    def char_pipeline(self) -> Pipeline:
        return self.pipeline.named_steps["features"].transformer_list[1][1]

    def probabilities(self, texts: list[str]) -> np.ndarray:
        """Same numbers as pipeline.predict_proba, without FeatureUnion's hstack copy."""
        return self._probabilities(self.word_matrix(texts), texts)

    # Whether the hand-built counts apply, and the word terms, decided once per loaded
    # model (checking a hasher's parameters costs about as much as a post's drivers).
    @cached_property
    def _word_counts_apply(self) -> bool:
        steps = self.word_pipeline.named_steps
        return _word_fast_path_applies(steps.get("hash")) and len(steps) == 2

    @cached_property
    def _char_counts_apply(self) -> bool:
        steps = self.char_pipeline.named_steps
        return _char_fast_path_applies(steps.get("hash")) and len(steps) == 2

    @cached_property
    def word_terms(self) -> Callable[[str], list[str]]:
        """The word analyzer's terms of a (cleaned) post: on the fast path's configuration,
        the terms _word_counts hashes, without sklearn's analyzer (a third of the drivers'
        time on the bench posts)."""
        hasher = self.word_pipeline.named_steps["hash"]
        if _word_fast_path_applies(hasher):
            return _fast_word_terms(hasher)
        return hasher.build_analyzer()

    def word_matrix(self, texts: list[str]) -> Any:
        """The word pipeline's output for these (cleaned) texts."""
        steps = self.word_pipeline.named_steps
        if self._word_counts_apply:
            return steps["tfidf"].transform(_word_counts(steps["hash"], texts))
        return self.word_pipeline.transform(texts)

    def _probabilities(self, word_matrix: Any, texts: list[str]) -> np.ndarray:
        steps = self.char_pipeline.named_steps
        if self._char_counts_apply:
            char_matrix = steps["tfidf"].transform(_char_counts(steps["hash"], texts))
        else:
            char_matrix = self.char_pipeline.transform(texts)
        logits = word_matrix @ self.word_coef + char_matrix @ self.char_coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.asarray(logits, dtype=np.float64)))


# Character n-grams of one word, hashed: the char_wb analyzer makes each word's n-grams
# independently of its neighbours, so they are computed once per distinct word.
_WORD_FEATURES: dict[str, np.ndarray] = {}
_WORD_FEATURES_LIMIT = 300_000


def _char_fast_path_applies(hasher: Any) -> bool:
    """The fast path reproduces exactly this HashingVectorizer configuration."""
    if hasher is None or type(hasher).__name__ != "HashingVectorizer":
        return False
    params = hasher.get_params()
    return (
        params["analyzer"] == "char_wb"
        and params["lowercase"] is True
        and params["strip_accents"] is None
        and params["preprocessor"] is None
        and params["input"] == "content"
        and params["alternate_sign"] is False
        and params["binary"] is False
        and params["norm"] is None
    )


# Word unigrams and bigrams, hashed: each distinct term is hashed once per process.
_TERM_FEATURES: dict[str, int] = {}
_TERM_FEATURES_LIMIT = 500_000


def _word_fast_path_applies(hasher: Any) -> bool:
    """The fast path reproduces exactly this HashingVectorizer configuration."""
    if hasher is None or type(hasher).__name__ != "HashingVectorizer":
        return False
    params = hasher.get_params()
    return (
        params["analyzer"] == "word"
        and tuple(params["ngram_range"]) == (1, 2)
        and params["lowercase"] is True
        and params["strip_accents"] is None
        and params["preprocessor"] is None
        and params["tokenizer"] is None
        and params["stop_words"] is None
        and params["input"] == "content"
        and params["alternate_sign"] is False
        and params["binary"] is False
        and params["norm"] is None
        and re.compile(params["token_pattern"]).groups == 0
    )


def _fast_word_terms(hasher: Any) -> Callable[[str], list[str]]:
    """A text's terms for the word configuration above: its lower-cased tokens, then
    their "a b" bigrams."""
    tokens_of = re.compile(hasher.token_pattern).findall

    def terms(text: str) -> list[str]:
        tokens = tokens_of(text.lower())
        return tokens + [f"{first} {second}" for first, second in pairwise(tokens)]

    return terms


def _word_counts(hasher: Any, texts: list[str]) -> Any:
    """The same matrix as hasher.transform(texts), for the word configuration above:
    lower-case, the token pattern, unigrams then "a b" bigrams, each term hashed once."""

    n_features = hasher.n_features
    terms_of = _fast_word_terms(hasher)
    cache = _TERM_FEATURES
    if len(cache) > _TERM_FEATURES_LIMIT:
        cache.clear()
    indices: list[int] = []
    indptr = [0]
    for text in texts:
        terms = terms_of(text)
        try:
            indices += [cache[term] for term in terms]
        except KeyError:
            for term in terms:
                if term not in cache:
                    cache[term] = _hashed_index(term, n_features)
            indices += [cache[term] for term in terms]
        indptr.append(len(indices))
    return _count_matrix(np.asarray(indices, dtype=np.int64), indptr, n_features, hasher.dtype)


def _count_matrix(columns: np.ndarray, indptr: list[int], n_features: int, dtype: Any) -> Any:
    """CSR counts of each row's columns (row r holds columns[indptr[r]:indptr[r + 1]]),
    indices sorted and duplicates summed: the canonical matrix sum_duplicates() gives,
    from one sort of (row, column) keys instead of a sort per row."""
    import scipy.sparse as sp

    rows = len(indptr) - 1
    row_of = np.repeat(np.arange(rows, dtype=np.int64), np.diff(np.asarray(indptr, dtype=np.int64)))
    keys = row_of * n_features + columns
    keys.sort()
    first = np.empty(len(keys), dtype=bool)
    first[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    unique = keys[starts]
    counts = np.diff(np.append(starts, len(keys))).astype(dtype)
    unique_rows = unique // n_features
    row_ends = np.zeros(rows + 1, dtype=np.int32)
    np.cumsum(np.bincount(unique_rows, minlength=rows), out=row_ends[1:])
    return sp.csr_array(
        (counts, (unique - unique_rows * n_features).astype(np.int32), row_ends),
        dtype=dtype,
        shape=(rows, n_features),
    )


def _hashed_index(term: str, n_features: int) -> int:
    # As sklearn's _hashing_transform (murmurhash3 of the UTF-8 bytes, seed 0).
    h = murmurhash3_32(term, seed=0)
    if h == -2147483648:
        return (2147483647 - (n_features - 1)) % n_features
    return abs(h) % n_features


def _char_counts(hasher: Any, texts: list[str]) -> Any:
    """The same matrix as hasher.transform(texts), for the char_wb configuration above:
    n-gram generation and hashing are done once per distinct word and cached."""

    n_features = hasher.n_features
    ngrams_of = hasher._char_wb_ngrams
    cache = _WORD_FEATURES
    if len(cache) > _WORD_FEATURES_LIMIT:
        cache.clear()
    pieces: list[np.ndarray] = []
    indptr = [0]
    total = 0
    for text in texts:
        words = text.lower().split()
        try:
            row = [cache[word] for word in words]
        except KeyError:
            for word in words:
                if word not in cache:
                    cache[word] = np.fromiter(
                        (_hashed_index(gram, n_features) for gram in ngrams_of(word)),
                        dtype=np.int32,
                    )
            row = [cache[word] for word in words]
        pieces += row
        total += sum(map(len, row))
        indptr.append(total)
    columns = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int32)
    return _count_matrix(columns, indptr, n_features, hasher.dtype)


def _current_version(directory: Path) -> str:
    current = directory / "CURRENT"
    if not current.is_file():
        raise ModelNotFoundError(f"{current} does not exist; train a model first")
    return current.read_text(encoding="utf-8").strip()


def load_artifact(directory: Path, version: str | None = None) -> LoadedModel:
    """Load one artifact from a directory (uncached; tests and commands use it)."""
    import skops.io as sio

    version = version or _current_version(directory)
    model_path = directory / f"incivility-{version}.skops"
    meta_path = directory / f"incivility-{version}.json"
    if not model_path.is_file() or not meta_path.is_file():
        raise ModelNotFoundError(f"no artifact {model_path.name} with its .json in {directory}")
    untrusted = [t for t in sio.get_untrusted_types(file=model_path) if t not in TRUSTED_TYPES]
    if untrusted:
        raise ModelNotFoundError(f"{model_path.name} holds untrusted types: {untrusted}")
    pipeline = sio.load(model_path, trusted=TRUSTED_TYPES)
    metadata = json.loads(meta_path.read_text(encoding="utf-8"))
    word = pipeline.named_steps["features"].transformer_list[0][1]
    n_word = word.named_steps["hash"].n_features
    classifier = pipeline.named_steps["clf"]
    coef = classifier.coef_[0].astype(np.float64)
    return LoadedModel(
        version=version,
        pipeline=pipeline,
        metadata=metadata,
        word_coef=coef[:n_word],
        word_features=n_word,
        char_coef=coef[n_word:],
        intercept=float(classifier.intercept_[0]),
    )


@lru_cache(maxsize=4)
def load_model(version: str | None = None) -> LoadedModel:
    """The deployed model (or a named version), loaded once per process."""
    return load_artifact(ARTIFACT_DIR, version)


def model_version() -> str:
    return load_model().version


def thresholds() -> tuple[float, float]:
    """(queue, hold) from the artifact, overridable by settings."""
    meta = load_model().metadata["thresholds"]
    queue, hold = float(meta["queue"]), float(meta["hold"])
    try:
        from django.conf import settings

        if settings.configured:
            override_queue = getattr(settings, "MODERATION_QUEUE_THRESHOLD", None)
            override_hold = getattr(settings, "MODERATION_HOLD_THRESHOLD", None)
            queue = float(override_queue) if override_queue is not None else queue
            hold = float(override_hold) if override_hold is not None else hold
    except ImportError:  # pragma: no cover
        pass
    return queue, hold


def clean_text(text: object) -> str:
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if len(text) > MAX_CHARS:
        half = MAX_CHARS // 2
        text = text[:half] + " " + text[-half:]
    # Lone surrogates (from bad decoding upstream) are legal in str but break
    # encoders further down; control characters carry no meaning for tone.
    text = text.encode("utf-8", "replace").decode("utf-8")
    return _CONTROL.sub(" ", text)


def score_many(texts: list[str]) -> list[float]:
    """Probabilities for many posts in one vectorised pass (fast path for workers)."""
    if not texts:
        return []
    model = load_model()
    cleaned = [clean_text(t) for t in texts]
    return [float(p) for p in model.probabilities(cleaned)]


def _term_column(term: str, n_features: int) -> int:
    """The hashed column of a word term, as the word features use it (cached per process)."""
    column = _TERM_FEATURES.get(term)
    if column is None:
        if len(_TERM_FEATURES) > _TERM_FEATURES_LIMIT:
            _TERM_FEATURES.clear()
        column = _TERM_FEATURES[term] = _hashed_index(term, n_features)
    return column


@lru_cache(maxsize=4096)
def _term_pattern(term: str) -> re.Pattern[str]:
    """Where a driver term stands in a post: its words as whole words, any non-word
    characters between them, in any case."""
    words = [re.escape(w) for w in term.split()]
    return re.compile(r"(?<!\w)" + r"\W+".join(words) + r"(?!\w)", re.IGNORECASE)


def _spans_by_regex(text: str, terms: list[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for term in terms:
        spans += [(match.start(), match.end()) for match in _term_pattern(term).finditer(text)]
    return sorted(set(spans))


def _spans_for(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """The spans of the driver terms in the post: what _spans_by_regex finds.

    For ASCII text, where lower-casing is exactly what the case-insensitive match does,
    each term's pattern is tried only where its first word occurs (str.find) instead of at
    every position; after a match the next is looked for from its end, as finditer does.
    A seventh of the time on the bench posts (the worker's batches call it per post).
    """
    if not text.isascii():
        return _spans_by_regex(text, terms)
    lowered = text.lower()
    spans: set[tuple[int, int]] = set()
    for term in terms:
        words = term.split()
        if not words or not term.isascii():
            spans.update(_spans_by_regex(text, [term]))
            continue
        first, match, find = words[0].lower(), _term_pattern(term).match, lowered.find
        position = find(first)
        while position >= 0:
            found = match(text, position)
            if found is None:
                position = find(first, position + 1)
            else:
                spans.add((position, found.end()))
                position = find(first, found.end())
    return sorted(spans)


def score(text: str) -> IncivilityResult:
    """Probability of incivility with the word n-grams that drove it."""
    model = load_model()
    cleaned = clean_text(text)
    # One word transform serves both the probability and the drivers.
    vector = model.word_pipeline.transform([cleaned])
    probability = float(model._probabilities(vector, [cleaned])[0])
    return _with_drivers(model, text, cleaned, probability, vector.indices, vector.data)


def score_many_with_drivers(texts: list[str]) -> list[IncivilityResult]:
    """score() for many posts: one vectorised pass (as score_many) for the probabilities
    and the word features, then each post's drivers from its row. Same results as
    score() on each text (the screening worker's batches use it)."""
    if not texts:
        return []
    model = load_model()
    cleaned = [clean_text(t) for t in texts]
    word_matrix = model.word_matrix(cleaned).tocsr()
    probabilities = model._probabilities(word_matrix, cleaned)
    indptr, indices, data = word_matrix.indptr, word_matrix.indices, word_matrix.data
    return [
        _with_drivers(
            model,
            text,
            clean,
            float(probability),
            indices[indptr[row] : indptr[row + 1]],
            data[indptr[row] : indptr[row + 1]],
        )
        for row, (text, clean, probability) in enumerate(
            zip(texts, cleaned, probabilities, strict=True)
        )
    ]


def _with_drivers(
    model: LoadedModel,
    text: str,
    cleaned: str,
    probability: float,
    indices: np.ndarray,
    data: np.ndarray,
) -> IncivilityResult:
    """The result for one post, given its row of word features (hashed column, value)."""
    # Each feature's contribution to the logit, kept where it pushes towards incivility;
    # then the terms of the post that hash to those columns.
    weighted = np.asarray(data, dtype=np.float64) * model.word_coef[indices]
    pushing = weighted > 0
    positive = dict(zip(indices[pushing].tolist(), weighted[pushing].tolist(), strict=True))
    contributions: dict[str, float] = {}
    if positive:
        for term in set(model.word_terms(cleaned)):
            contribution = positive.get(_term_column(term, model.word_features))
            if contribution is not None:
                contributions[term] = contribution
    drivers = sorted(contributions.items(), key=lambda item: -item[1])[:TOP_DRIVERS]
    drivers = [(term, round(value, 4)) for term, value in drivers]
    spans = _spans_for(cleaned, [term for term, _ in drivers]) if len(cleaned) == len(text) else []
    return IncivilityResult(probability=probability, drivers=drivers, spans=spans)
