"""Training the content-warning model (issue 20.1): one linear classifier per category
over hashed word and character n-grams, so warnings described without the lexicon's
keywords (clinical paraphrase, euphemism) are found, and a figurative "killing me" is not.

Data:
- ``moderation/data/content_warnings_dev.tsv``: texts written for this project with the
  categories they call for (gold), paraphrase and euphemism included, and figurative or
  everyday texts that call for none;
- the curated incivility posts (``curated_positive.txt``, ``curated_negative.txt``),
  labelled with the lexicon's categories (silver): keyword-rich clinical posts and plenty
  of posts that call for nothing.

Each category's threshold is the lowest probability at which the out-of-fold
predictions on the gold texts keep a precision of at least 0.9 (never below 0.1); the
lexicon and the model are combined in detectors.content_warnings.

    python manage.py train_moderation_model --warnings-only
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
from sklearn.pipeline import FeatureUnion

from detectors import content_warnings
from moderation import training

DATA_DIR = Path(__file__).resolve().parent / "data"
GOLD_PATH = DATA_DIR / "content_warnings_dev.tsv"
SILVER_PATHS = (DATA_DIR / "curated_negative.txt", DATA_DIR / "curated_positive.txt")
ARTIFACT_DIR = training.ARTIFACT_DIR
WORD_FEATURES = 2**16
GOLD_WEIGHT = 3.0
MIN_PRECISION = 0.9


@dataclass
class WarningData:
    texts: list[str]
    labels: np.ndarray  # (rows, categories) 0/1
    gold: np.ndarray  # (rows,) bool


def read_gold(path: Path = GOLD_PATH) -> list[tuple[set[str], str]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        categories, _, text = line.partition("\t")
        gold = {c.strip() for c in categories.split(",") if c.strip()}
        unknown = gold - set(content_warnings.CATEGORIES)
        if not text.strip() or unknown:
            raise training.TrainingDataError(f"{path} line {number}: bad row {sorted(unknown)}")
        rows.append((gold, text))
    return rows


def load_data() -> WarningData:
    rows = [(gold, text, True) for gold, text in read_gold()]
    for path in SILVER_PATHS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if "\t" in line and not line.startswith("#"):
                text = line.split("\t", 1)[1]
                rows.append((set(content_warnings.lexicon_categories(text)), text, False))
    categories = content_warnings.CATEGORIES
    labels = np.array([[int(c in gold) for c in categories] for gold, _, _ in rows])
    return WarningData(
        texts=[text for _, text, _ in rows],
        labels=labels,
        gold=np.array([is_gold for _, _, is_gold in rows]),
    )


def _features() -> FeatureUnion:
    # Word 1-2-grams only: character n-grams cost a screening worker twice as much again
    # and added nothing measurable on the development texts' out-of-fold figures.
    return FeatureUnion(
        [
            (
                "word",
                training._hashed_tfidf(
                    analyzer="word",
                    ngram_range=(1, 2),
                    n_features=WORD_FEATURES,
                    token_pattern=training.WORD_TOKEN_PATTERN,
                ),
            ),
        ]
    )


def _fit(texts: list[str], labels: np.ndarray, weights: np.ndarray) -> tuple[Any, list[Any]]:
    features = _features()
    matrix = features.fit_transform(texts)
    models = []
    for column in range(labels.shape[1]):
        model = LogisticRegression(
            C=8.0, class_weight="balanced", max_iter=2000, solver="liblinear"
        )
        y = labels[:, column]
        if y.min() == y.max():
            models.append(None)
            continue
        model.fit(matrix, y, sample_weight=weights)
        models.append(model)
    return features, models


def _predict(features: Any, models: list[Any], texts: list[str]) -> np.ndarray:
    matrix = features.transform(texts)
    out = np.zeros((len(texts), len(models)))
    for column, model in enumerate(models):
        if model is not None:
            out[:, column] = model.predict_proba(matrix)[:, 1]
    return out


def _threshold(probabilities: np.ndarray, labels: np.ndarray) -> float:
    """The lowest threshold (>= 0.1) whose predictions keep MIN_PRECISION."""
    for threshold in np.arange(0.1, 0.96, 0.025):
        predicted = probabilities >= threshold
        if not predicted.any():
            return float(threshold)
        precision = (predicted & (labels == 1)).sum() / predicted.sum()
        if precision >= MIN_PRECISION:
            return round(float(threshold), 3)
    return 0.95


@dataclass
class WarningModel:
    features: Any
    models: list[Any]
    thresholds: dict[str, float]
    metrics: dict[str, Any]
    rows: dict[str, int]


def train(*, seed: int = 0, folds: int = 5, progress: Callable[[str], None] | None = None):
    step = progress or (lambda _message: None)
    data = load_data()
    weights = np.where(data.gold, GOLD_WEIGHT, 1.0)
    gold_index = np.flatnonzero(data.gold)
    oof = np.zeros((len(gold_index), data.labels.shape[1]))
    splitter = KFold(n_splits=folds, shuffle=True, random_state=seed)
    for fold, (_train_part, test_part) in enumerate(splitter.split(gold_index)):
        held = set(gold_index[test_part].tolist())
        keep = np.array([i not in held for i in range(len(data.texts))])
        features, models = _fit(
            [t for t, k in zip(data.texts, keep, strict=True) if k],
            data.labels[keep],
            weights[keep],
        )
        oof[test_part] = _predict(features, models, [data.texts[i] for i in gold_index[test_part]])
        step(f"warnings fold {fold + 1}/{folds}")
    gold_labels = data.labels[gold_index]
    thresholds = {
        category: _threshold(oof[:, column], gold_labels[:, column])
        for column, category in enumerate(content_warnings.CATEGORIES)
    }
    predicted = oof >= np.array([thresholds[c] for c in content_warnings.CATEGORIES])
    tp = int((predicted & (gold_labels == 1)).sum())
    metrics = {
        "out_of_fold_gold": {
            "n": len(gold_index),
            "micro_precision": tp / max(1, int(predicted.sum())),
            "micro_recall": tp / max(1, int(gold_labels.sum())),
            "note": "model alone, before the lexicon; development figures (trained on the rest "
            "of the same file)",
        }
    }
    features, models = _fit(data.texts, data.labels, weights)
    step("warnings fit")
    rows = {"gold": int(data.gold.sum()), "silver": int((~data.gold).sum())}
    return WarningModel(features, models, thresholds, metrics, rows)


def save(result: WarningModel, *, output_dir: Path = ARTIFACT_DIR, activate: bool = True) -> str:
    """Write content-warnings-<version>.npz and .json; CURRENT_WARNINGS names it."""
    stamp = datetime.now(UTC).strftime("%Y.%m.%d")
    n = 1
    while (output_dir / f"content-warnings-{stamp}-{n}.json").exists():
        n += 1
    version = f"{stamp}-{n}"
    [(_, word)] = result.features.transformer_list
    categories = content_warnings.CATEGORIES
    coef = np.zeros((len(categories), WORD_FEATURES), dtype=np.float32)
    intercepts = np.full(len(categories), -20.0)
    for column, model in enumerate(result.models):
        if model is not None:
            coef[column] = model.coef_[0]
            intercepts[column] = float(model.intercept_[0])
    np.savez_compressed(
        output_dir / f"content-warnings-{version}.npz",
        word_idf=word.named_steps["tfidf"].idf_.astype(np.float32),
        word_coef=coef,
        intercepts=intercepts,
    )
    meta = {
        "version": version,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "model": "word 1-2gram TF-IDF -> one LogisticRegression per category",
        "categories": list(categories),
        "features": {
            "word": {
                "n_features": WORD_FEATURES,
                "ngram_range": [1, 2],
                "token_pattern": training.WORD_TOKEN_PATTERN,
            },
        },
        "thresholds": result.thresholds,
        "training_data": {
            "gold": {"path": GOLD_PATH.name, "sha256": training.sha256_of(GOLD_PATH)},
            "silver": [
                {"path": p.name, "sha256": training.sha256_of(p), "labels": "lexicon"}
                for p in SILVER_PATHS
            ],
            "rows": result.rows,
        },
        "metrics": result.metrics,
    }
    (output_dir / f"content-warnings-{version}.json").write_text(json.dumps(meta, indent=2) + "\n")
    if activate:
        (output_dir / "CURRENT_WARNINGS").write_text(version + "\n")
    return version
