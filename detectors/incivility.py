"""Incivility detector: the deployed model's probability and the words that drove it.

Loads the versioned artifact named by ``detectors/artifacts/CURRENT`` once per
process: ``incivility-<version>.npz`` (the linear model's arrays, read with
``allow_pickle=False``, so loading runs no code) and ``incivility-<version>.json``
(feature parameters, thresholds, training data and metrics). Features (word and
character n-grams, and since 2026.12.06 the cue terms of ``detectors.incivility_cues``)
are computed by ``detectors.hashed_text`` with numpy alone: screening never imports
scikit-learn, which training uses. Pure Python, no database, safe to call from
Celery tasks, views and commands.

Public API::

    score(text) -> IncivilityResult(probability, drivers, spans)
    score_many(texts) -> list[float]
    model_version() -> str
    thresholds() -> (queue, hold)
    load_model(version=None) -> LoadedModel
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from re import _casefix, _compiler  # type: ignore[attr-defined]
from typing import Any

import numpy as np

from detectors.artifact_files import artifact_files
from detectors.hashed_text import BatchHashes, HashedSpace, row_dot

ARTIFACT_DIR = Path(__file__).resolve().parent / "artifacts"

# Bounded cost per post: scoring beyond this many characters adds latency, not
# signal. Keep the head and tail so padding a post cannot bury an attack at the end.
MAX_CHARS = 20_000

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
    metadata: dict[str, Any]
    word: HashedSpace
    char: HashedSpace
    word_coef: np.ndarray
    char_coef: np.ndarray
    intercept: float
    # The cue terms (detectors.incivility_cues) of models since 2026.12.06; None before.
    cue: HashedSpace | None = None
    cue_coef: np.ndarray | None = None

    @property
    def word_features(self) -> int:
        return self.word.n_features

    def word_terms(self, text: str) -> list[str]:
        """The word terms of a (cleaned) post, as the model's word features count them."""
        return self.word.terms(text)

    def word_rows(
        self, texts: list[str], hashes: BatchHashes | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The word features of these (cleaned) texts as CSR (indptr, columns, values)."""
        return self.word.tfidf(texts, hashes)

    def probabilities(self, texts: list[str], hashes: BatchHashes | None = None) -> np.ndarray:
        """The model's probability of incivility for each (cleaned) text. `hashes`: the
        screening batch's term hashes (a fresh set when not given)."""
        hashes = hashes if hashes is not None else BatchHashes()
        return self._probabilities(self.word_rows(texts, hashes), texts, hashes=hashes)

    def cue_rows(
        self, texts: list[str], hashes: BatchHashes | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """The cue features of these (cleaned) texts as CSR, or None for a model without."""
        return self.cue.tfidf(texts, hashes) if self.cue is not None else None

    def _probabilities(
        self,
        word_rows: tuple[np.ndarray, np.ndarray, np.ndarray],
        texts: list[str],
        cue_rows: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
        hashes: BatchHashes | None = None,
    ) -> np.ndarray:
        logits = (
            row_dot(*word_rows, self.word_coef)
            + row_dot(*self.char.tfidf(texts, hashes), self.char_coef)
            + self.intercept
        )
        if self.cue is not None and self.cue_coef is not None:
            rows = cue_rows if cue_rows is not None else self.cue.tfidf(texts, hashes)
            logits += row_dot(*rows, self.cue_coef)
        return 1.0 / (1.0 + np.exp(-logits))


def load_artifact(directory: Path, version: str | None = None) -> LoadedModel:
    """Load one artifact from a directory (uncached; tests and commands use it)."""
    version, arrays_path, metadata = artifact_files(
        directory, "incivility", "CURRENT", version, ModelNotFoundError
    )
    meta_path = arrays_path.with_suffix(".json")
    features = metadata.get("features")
    if not isinstance(features, dict) or {"word", "char"} - set(features):
        raise ModelNotFoundError(f"{meta_path.name} does not describe its features")
    with np.load(arrays_path, allow_pickle=False) as arrays:
        word = HashedSpace(kind="word", params=features["word"], idf=arrays["word_idf"])
        char = HashedSpace(kind="char_wb", params=features["char"], idf=arrays["char_idf"])
        word_coef = arrays["word_coef"].astype(np.float64)
        char_coef = arrays["char_coef"].astype(np.float64)
        intercept = float(arrays["intercept"])
        cue = cue_coef = None
        if "cue" in features:
            try:
                cue = HashedSpace(kind="cue", params=features["cue"], idf=arrays["cue_idf"])
            except (ValueError, KeyError) as error:
                raise ModelNotFoundError(f"{meta_path.name}: {error}") from error
            cue_coef = arrays["cue_coef"].astype(np.float64)
    if len(word_coef) != word.n_features or len(char_coef) != char.n_features:
        raise ModelNotFoundError(f"{arrays_path.name} does not match its feature parameters")
    if cue is not None and (cue_coef is None or len(cue_coef) != cue.n_features):
        raise ModelNotFoundError(f"{arrays_path.name} does not match its cue parameters")
    return LoadedModel(
        version=version,
        metadata=metadata,
        word=word,
        char=char,
        word_coef=word_coef,
        char_coef=char_coef,
        intercept=intercept,
        cue=cue,
        cue_coef=cue_coef,
    )


@lru_cache(maxsize=4)
def load_model(version: str | None = None) -> LoadedModel:
    """The deployed model (or a named version), loaded once per process."""
    return load_artifact(ARTIFACT_DIR, version)


def model_version() -> str:
    return load_model().version


def thresholds() -> tuple[float, float]:
    """(queue, hold) from the artifact, overridable by settings."""
    from django.conf import settings

    meta = load_model().metadata["thresholds"]
    queue, hold = float(meta["queue"]), float(meta["hold"])
    if settings.configured:
        override_queue = getattr(settings, "MODERATION_QUEUE_THRESHOLD", None)
        override_hold = getattr(settings, "MODERATION_HOLD_THRESHOLD", None)
        queue = float(override_queue) if override_queue is not None else queue
        hold = float(override_hold) if override_hold is not None else hold
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


def score_many(texts: list[str], *, hashes: BatchHashes | None = None) -> list[float]:
    """Probabilities for many posts in one vectorised pass (fast path for workers).
    `hashes`: the batch's term hashes, shared with the content-warning model."""
    if not texts:
        return []
    model = load_model()
    cleaned = [clean_text(t) for t in texts]
    return [float(p) for p in model.probabilities(cleaned, hashes)]


def _term_pattern(term: str) -> re.Pattern[str]:
    """Where a driver term stands in a post: its words as whole words, any non-word
    characters between them, in any case. Compiled afresh each time, outside `re`'s own
    cache: a driver term is words of a post, maybe unpublished, which no cache may keep.
    Only the reference (`_spans_by_regex`) and the rare texts `_spans_for` cannot read
    without it use it."""
    words = [re.escape(w) for w in term.split()]
    pattern = r"(?<!\w)" + r"\W+".join(words) + r"(?!\w)"
    return _compile_uncached(pattern, re.IGNORECASE)


# re.compile keeps the last 512 patterns in the re module; re._compiler.compile (what
# re.compile calls on a miss) compiles without keeping anything.
_compile_uncached = _compiler.compile

# The characters for which a case-insensitive match is not "the same once lower-cased":
# those re folds together beyond lower() (re._casefix: Turkish dotless i, long s, Greek
# and Cyrillic variants, ...), U+0130 (lower() makes it two characters) and the Kelvin sign.
_FOLD_SENSITIVE = re.compile(
    "["
    + "".join(
        re.escape(chr(code))
        for code in {
            0x130,
            0x212A,
            *_casefix._EXTRA_CASES,
            *(c for codes in _casefix._EXTRA_CASES.values() for c in codes),
        }
        if code > 127
    )
    + "]"
)


def _spans_by_regex(text: str, terms: list[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for term in terms:
        spans += [(match.start(), match.end()) for match in _term_pattern(term).finditer(text)]
    return sorted(set(spans))


def _is_word_character(character: str) -> bool:
    # re's \w on str patterns: alphanumeric in Unicode, or the underscore.
    return character.isalnum() or character == "_"


def _term_end(text: str, lowered: str, position: int, words: list[str]) -> int | None:
    r"""Where _term_pattern(term).match(text, position) ends, or None: the words (lower
    case, each beginning with a word character) in `lowered` from `position`, the first
    not preceded by a word character, each later one after the whole run of non-word
    characters that follows the one before (so \W+ cannot stop short of it), the last
    not followed by a word character."""
    if position and _is_word_character(text[position - 1]):
        return None
    end = position
    length = len(text)
    for index, word in enumerate(words):
        if index:
            gap = end
            while gap < length and not _is_word_character(text[gap]):
                gap += 1
            if gap == end:
                return None
            end = gap
        if not lowered.startswith(word, end):
            return None
        end += len(word)
    if end < length and _is_word_character(text[end]):
        return None
    return end


def _spans_for(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """The spans of the driver terms in the post: what _spans_by_regex finds, without a
    regex per term (which `re` would cache).

    Where lower-casing is exactly what the case-insensitive match does (no character of
    _FOLD_SENSITIVE in the text or its lower case), each term is tried only where its
    first word occurs (str.find) and matched by _term_end; after a match the next is
    looked for from its end, as finditer does. Other texts, and terms whose words do not
    each begin with a word character, are read with an uncached regex.
    """
    lowered = text.lower()
    readable = text.isascii() or not (
        _FOLD_SENSITIVE.search(text) or _FOLD_SENSITIVE.search(lowered)
    )
    spans: set[tuple[int, int]] = set()
    for term in terms:
        words = [word.lower() for word in term.split()]
        if not readable or not words or not all(_is_word_character(w[0]) for w in words):
            spans.update(_spans_by_regex(text, [term]))
            continue
        first, find = words[0], lowered.find
        position = find(first)
        while position >= 0:
            end = _term_end(text, lowered, position, words)
            if end is None:
                position = find(first, position + 1)
            else:
                spans.add((position, end))
                position = find(first, end)
    return sorted(spans)


def score(text: str) -> IncivilityResult:
    """Probability of incivility with the word n-grams that drove it."""
    return score_many_with_drivers([text])[0]


def score_many_with_drivers(
    texts: list[str], *, hashes: BatchHashes | None = None
) -> list[IncivilityResult]:
    """score() for many posts: one vectorised pass (as score_many) for the probabilities
    and the word features, then each post's drivers from its row (the screening worker's
    batches use it). `hashes`: the batch's term hashes, as for score_many."""
    if not texts:
        return []
    model = load_model()
    hashes = hashes if hashes is not None else BatchHashes()
    cleaned = [clean_text(t) for t in texts]
    word_rows = model.word_rows(cleaned, hashes)
    cue_rows = model.cue_rows(cleaned, hashes)
    probabilities = model._probabilities(word_rows, cleaned, cue_rows, hashes)
    indptr, indices, data = word_rows
    results = []
    for row, (text, clean, probability) in enumerate(
        zip(texts, cleaned, probabilities, strict=True)
    ):
        cue_row = None
        if cue_rows is not None:
            cue_indptr, cue_indices, cue_data = cue_rows
            cue_row = (
                cue_indices[cue_indptr[row] : cue_indptr[row + 1]],
                cue_data[cue_indptr[row] : cue_indptr[row + 1]],
            )
        results.append(
            _with_drivers(
                model,
                text,
                clean,
                float(probability),
                indices[indptr[row] : indptr[row + 1]],
                data[indptr[row] : indptr[row + 1]],
                cue_row,
                hashes,
            )
        )
    return results


def _with_drivers(
    model: LoadedModel,
    text: str,
    cleaned: str,
    probability: float,
    indices: np.ndarray,
    data: np.ndarray,
    cue_row: tuple[np.ndarray, np.ndarray] | None = None,
    hashes: BatchHashes | None = None,
) -> IncivilityResult:
    """The result for one post, given its row of word features (hashed column, value) and
    of cue features. A word class's pull (say the contempt class, "c:CONTEMPT") is shown
    on the post's words of that class, shared among them, so the drivers still name words."""
    # Each feature's contribution to the logit, kept where it pushes towards incivility;
    # then the terms of the post that hash to those columns.
    weighted = np.asarray(data, dtype=np.float64) * model.word_coef[indices]
    pushing = weighted > 0
    positive = dict(zip(indices[pushing].tolist(), weighted[pushing].tolist(), strict=True))
    contributions: dict[str, float] = {}
    if positive:
        # The post's distinct terms in the set's order (ties among drivers keep it).
        terms = list(set(model.word_terms(cleaned)))
        for term, contribution in zip(
            terms, map(positive.get, model.word.term_columns(terms, hashes)), strict=True
        ):
            if contribution is not None:
                contributions[term] = contribution
    if cue_row is not None and model.cue is not None and model.cue_coef is not None:
        _add_class_pulls(model, cleaned, cue_row, contributions)
    drivers = sorted(contributions.items(), key=lambda item: -item[1])[:TOP_DRIVERS]
    drivers = [(term, round(value, 4)) for term, value in drivers]
    spans = _spans_for(cleaned, [term for term, _ in drivers]) if len(cleaned) == len(text) else []
    return IncivilityResult(probability=probability, drivers=drivers, spans=spans)


def _add_class_pulls(
    model: LoadedModel,
    cleaned: str,
    cue_row: tuple[np.ndarray, np.ndarray],
    contributions: dict[str, float],
) -> None:
    """Add each word class's positive pull to the post's words of that class."""
    from detectors.incivility_cues import class_members

    assert model.cue is not None and model.cue_coef is not None
    columns, values = cue_row
    weighted = np.asarray(values, dtype=np.float64) * model.cue_coef[columns]
    pulls = {
        column: value
        for column, value in zip(columns.tolist(), weighted.tolist(), strict=True)
        if value > 0
    }
    if not pulls:
        return
    for klass, words in class_members(cleaned).items():
        pull = pulls.get(model.cue.term_column("c:" + klass))
        if pull is None:
            continue
        for word in words:
            contributions[word] = contributions.get(word, 0.0) + pull / len(words)
