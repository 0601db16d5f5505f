"""The content-warning model: one linear classifier per category over hashed word
1-2-grams and, since 2026.12.05, character 3-5-grams (moderation/warning_training.py
trains it), served with numpy alone
from ``detectors/artifacts/content-warnings-<version>.npz`` (``allow_pickle=False``)
and its ``.json``; ``detectors/artifacts/CURRENT_WARNINGS`` names the deployed version.
Loaded once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from detectors.artifact_files import artifact_files
from detectors.hashed_text import BatchHashes, HashedSpace, row_dot

ARTIFACT_DIR = Path(__file__).resolve().parent / "artifacts"


class WarningModelNotFoundError(RuntimeError):
    """No content-warning artifact for the requested version (or no CURRENT_WARNINGS)."""


@dataclass(frozen=True)
class WarningModel:
    version: str
    metadata: dict[str, Any]
    categories: tuple[str, ...]
    thresholds: dict[str, float]
    word: HashedSpace
    word_coef: np.ndarray  # (categories, word features)
    intercepts: np.ndarray
    # Character n-grams (artifacts since 2026.12.05; older ones have none).
    char: HashedSpace | None = None
    char_coef: np.ndarray | None = None  # (categories, char features)

    def probabilities(self, texts: list[str], hashes: BatchHashes | None = None) -> np.ndarray:
        """(texts, categories) probabilities. `hashes`: the screening batch's term hashes,
        shared with the incivility model (a fresh set when not given)."""
        hashes = hashes if hashes is not None else BatchHashes()
        # Each space's values in float64 once, not once per category (row_dot would).
        word_rows = _as_float64(self.word.tfidf(texts, hashes))
        char_rows = _as_float64(self.char.tfidf(texts, hashes)) if self.char is not None else None
        logits = np.empty((len(texts), len(self.categories)))
        for column in range(len(self.categories)):
            logits[:, column] = (
                row_dot(*word_rows, self.word_coef[column]) + self.intercepts[column]
            )
            if char_rows is not None and self.char_coef is not None:
                logits[:, column] += row_dot(*char_rows, self.char_coef[column])
        return 1.0 / (1.0 + np.exp(-logits))


def _as_float64(
    rows: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    indptr, columns, values = rows
    return indptr, columns, values.astype(np.float64)


def load_artifact(directory: Path, version: str | None = None) -> WarningModel:
    version, arrays_path, meta = artifact_files(
        directory, "content-warnings", "CURRENT_WARNINGS", version, WarningModelNotFoundError
    )
    features = meta["features"]
    with np.load(arrays_path, allow_pickle=False) as arrays:
        char = char_coef = None
        if "char" in features:
            char = HashedSpace(kind="char_wb", params=features["char"], idf=arrays["char_idf"])
            char_coef = arrays["char_coef"].astype(np.float64)
        return WarningModel(
            version=version,
            metadata=meta,
            categories=tuple(meta["categories"]),
            thresholds={k: float(v) for k, v in meta["thresholds"].items()},
            word=HashedSpace(kind="word", params=features["word"], idf=arrays["word_idf"]),
            word_coef=arrays["word_coef"].astype(np.float64),
            intercepts=arrays["intercepts"].astype(np.float64),
            char=char,
            char_coef=char_coef,
        )


@lru_cache(maxsize=2)
def load_model(version: str | None = None) -> WarningModel:
    return load_artifact(ARTIFACT_DIR, version)
