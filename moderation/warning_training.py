"""Training the content-warning model (issue 20.1): one linear classifier per category
over hashed word 1-2-grams and character 3-5-grams, so warnings described without the lexicon's
keywords (clinical paraphrase, euphemism) are found, and a figurative "killing me" is not.

Data:
- ``moderation/data/content_warnings_dev.tsv``: texts written for this project with the
  categories they call for (gold), paraphrase and euphemism included, and figurative or
  everyday texts that call for none;
- the curated incivility posts (``curated_positive.txt``, ``curated_negative.txt``),
  labelled with the lexicon's categories (silver): keyword-rich clinical posts and plenty
  of posts that call for nothing.

Each category's threshold is the lowest probability at which the out-of-fold
predictions on the hand-written gold texts keep a precision of at least 0.9 (never below
0.1) on the texts where the lexicon finds no cue of the category (since 2026.12.06-2: the
calls the model adds to the lexicon's); the lexicon and the model are combined in
detectors.content_warnings.

    python manage.py train_moderation_model --warnings-only
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Collection
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
# Further training texts: hand-written (content_warnings_train_handwritten.tsv) and
# generated from the development template families (content_warnings_train_synthetic.tsv,
# scripts/generate_warning_synthetic.py). Never the content_warnings_dev_*.tsv files:
# those are held out for evaluate_screening.
EXTRA_GOLD_GLOB = "content_warnings_train_*.tsv"
# Texts by independent training writers (one file each, written for this project by people
# shown no code, lexicon or evaluation set): each writer's rows are predicted out of fold
# by a model that saw none of that writer's texts, so the thresholds are chosen as they
# would fall on a writer the model has never read. Since stop 34 (model 2026.12.07-1) the
# retired blind warning sets (23 since stop 35) are such writers too
# (content_warnings_train_writer_retired_blind*.tsv, renamed from
# content_warnings_dev_retired_blind*.tsv): texts by writers shown no code or data,
# scored once as blind, that had been development evaluation data only (2,614 rows).
WRITER_PREFIX = "content_warnings_train_writer_"
SILVER_PATHS = (
    DATA_DIR / "curated_negative.txt",
    DATA_DIR / "curated_positive.txt",
    # 1,120 clinician-register posts (text,label,category): everyday practice talk, case
    # consultations, counselling utterances, sarcasm; silver like the two files above.
    DATA_DIR / "curated_incivility.csv",
)
ARTIFACT_DIR = training.ARTIFACT_DIR
WORD_FEATURES = 2**16
# Character 3-5-grams (within word boundaries) since 2026.12.05: they carry a paraphrase's
# word forms ("overdosed", "overdosing"; "pinned", "pinning") that word 1-2-grams split,
# and raised the out-of-fold recall on the hand-written texts from 0.46 to 0.63.
CHAR_FEATURES = 2**17
CHAR_NGRAMS = (3, 5)
GOLD_WEIGHT = 3.0
MIN_PRECISION = 0.9


@dataclass
class WarningData:
    texts: list[str]
    labels: np.ndarray  # (rows, categories) 0/1
    gold: np.ndarray  # (rows,) bool
    # (rows,) bool: hand-written gold rows, the rows the thresholds are chosen on out of
    # fold (generated rows share templates across folds, so they would flatter it)
    cross_validated: np.ndarray
    # (rows, categories) 0/1: the categories the lexicon finds in the raw text. A model
    # call adds a warning only where the lexicon found none, so the thresholds are chosen
    # on those rows (since 2026.12.06-2).
    lexicon: np.ndarray | None = None
    # (rows,) the training file each row comes from ("" for silver rows).
    sources: list[str] | None = None


def gold_paths(leave_out: Collection[str] = ()) -> list[Path]:
    """The gold training files, but those named in `leave_out` (held-out-writer figures)."""
    paths = [GOLD_PATH, *sorted(DATA_DIR.glob(EXTRA_GOLD_GLOB))]
    return [path for path in paths if path.name not in leave_out]


def writer_paths() -> list[Path]:
    """The independent training writers' files."""
    return sorted(DATA_DIR.glob(f"{WRITER_PREFIX}*.tsv"))


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


def load_data(leave_out: Collection[str] = ()) -> WarningData:
    rows: list[tuple[set[str], str, bool]] = []
    cross_validated: list[bool] = []
    sources: list[str] = []
    for path in gold_paths(leave_out):
        extra = [(gold, text, True) for gold, text in read_gold(path)]
        rows += extra
        # Hand-written rows are chosen on out of fold too; generated rows share templates
        # across folds, so they are always trained on and never scored.
        cross_validated += ["synthetic" not in path.name] * len(extra)
        sources += [path.name] * len(extra)
    for path in SILVER_PATHS:
        for text in _silver_texts(path):
            rows.append((set(content_warnings.lexicon_categories(text)), text, False))
            cross_validated.append(False)
            sources.append("")
    categories = content_warnings.CATEGORIES
    labels = np.array([[int(c in gold) for c in categories] for gold, _, _ in rows])
    found = [set(content_warnings.lexicon_categories(text)) for _, text, _ in rows]
    return WarningData(
        # As the model reads them at screening: the senses that mean nothing here blanked.
        texts=[content_warnings.model_text(text) for _, text, _ in rows],
        labels=labels,
        gold=np.array([is_gold for _, _, is_gold in rows]),
        cross_validated=np.array(cross_validated),
        lexicon=np.array([[int(c in cues) for c in categories] for cues in found]),
        sources=sources,
    )


def _silver_texts(path: Path) -> list[str]:
    """The texts of a curated file: `category<TAB>text` lines, or a text,label CSV."""
    content = path.read_text(encoding="utf-8")
    if path.suffix == ".csv":
        return [row["text"] for row in csv.DictReader(io.StringIO(content)) if row["text"]]
    return [
        line.split("\t", 1)[1]
        for line in content.splitlines()
        if "\t" in line and not line.startswith("#")
    ]


def _features() -> FeatureUnion:
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
            (
                "char",
                training._hashed_tfidf(
                    analyzer="char_wb", ngram_range=CHAR_NGRAMS, n_features=CHAR_FEATURES
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


def fold_of_rows(data: WarningData, *, folds: int, seed: int) -> np.ndarray:
    """The out-of-fold fold of each cross-validated row: every row of one training writer's
    file in the same fold (the i-th writer's in fold i mod folds), the other hand-written
    rows shuffled into folds as before."""
    gold_index = np.flatnonzero(data.cross_validated)
    sources = data.sources or [""] * len(data.texts)
    writers = sorted({s for s in sources if s.startswith(WRITER_PREFIX)})
    fold = np.full(len(gold_index), -1)
    written = np.array([sources[i].startswith(WRITER_PREFIX) for i in gold_index], dtype=bool)
    for number, name in enumerate(writers):
        fold[[sources[i] == name for i in gold_index]] = number % folds
    others = np.flatnonzero(~written)
    splitter = KFold(n_splits=folds, shuffle=True, random_state=seed)
    for number, (_train_part, test_part) in enumerate(splitter.split(others)):
        fold[others[test_part]] = number
    return fold


def train(
    *,
    seed: int = 0,
    folds: int = 5,
    progress: Callable[[str], None] | None = None,
    leave_out: Collection[str] = (),
):
    """Train on every gold training file but those named in `leave_out` (held-out-writer
    figures leave one writer's file out) and the silver texts."""
    step = progress or (lambda _message: None)
    data = load_data(leave_out)
    weights = np.where(data.gold, GOLD_WEIGHT, 1.0)
    gold_index = np.flatnonzero(data.cross_validated)
    oof = np.zeros((len(gold_index), data.labels.shape[1]))
    fold_of = fold_of_rows(data, folds=folds, seed=seed)
    for fold in range(folds):
        test_part = np.flatnonzero(fold_of == fold)
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
    lexicon = data.lexicon[gold_index] if data.lexicon is not None else np.zeros_like(gold_labels)
    # Since 2026.12.06-2: the lowest threshold at which the model's calls that the lexicon
    # does not make (the warnings the model adds) keep MIN_PRECISION out of fold. Chosen on
    # the model alone, the easy rows the lexicon already finds let the threshold fall too
    # low for the rows where only the model decides.
    thresholds = {
        category: _threshold(
            oof[lexicon[:, column] == 0, column], gold_labels[lexicon[:, column] == 0, column]
        )
        for column, category in enumerate(content_warnings.CATEGORIES)
    }
    predicted = oof >= np.array([thresholds[c] for c in content_warnings.CATEGORIES])
    tp = int((predicted & (gold_labels == 1)).sum())
    either = predicted | (lexicon == 1)
    tp_either = int((either & (gold_labels == 1)).sum())
    metrics = {
        "out_of_fold_gold": {
            "n": len(gold_index),
            "micro_precision": tp / max(1, int(predicted.sum())),
            "micro_recall": tp / max(1, int(gold_labels.sum())),
            "note": "model alone, before the lexicon; development figures (trained on the rest "
            "of the same file)",
        },
        "out_of_fold_gold_with_lexicon": {
            "n": len(gold_index),
            "micro_precision": tp_either / max(1, int(either.sum())),
            "micro_recall": tp_either / max(1, int(gold_labels.sum())),
            "note": "a category called by a lexicon cue or the model (the lexicon's rules were "
            "written beside these texts, so optimistic); development figures",
        },
    }
    features, models = _fit(data.texts, data.labels, weights)
    step("warnings fit")
    rows = {"gold": int(data.gold.sum()), "silver": int((~data.gold).sum())}
    return WarningModel(features, models, thresholds, metrics, rows)


def save(result: WarningModel, *, output_dir: Path = ARTIFACT_DIR, activate: bool = True) -> str:
    """Write content-warnings-<version>.npz and .json; CURRENT_WARNINGS names it."""
    version = training.next_version(
        output_dir, stem="content-warnings", current_name="CURRENT_WARNINGS"
    )
    [(_, word), (_, char)] = result.features.transformer_list
    categories = content_warnings.CATEGORIES
    coef = np.zeros((len(categories), WORD_FEATURES + CHAR_FEATURES), dtype=np.float32)
    intercepts = np.full(len(categories), -20.0)
    for column, model in enumerate(result.models):
        if model is not None:
            coef[column] = model.coef_[0]
            intercepts[column] = float(model.intercept_[0])
    np.savez_compressed(
        output_dir / f"content-warnings-{version}.npz",
        word_idf=word.named_steps["tfidf"].idf_.astype(np.float32),
        word_coef=coef[:, :WORD_FEATURES],
        char_idf=char.named_steps["tfidf"].idf_.astype(np.float32),
        char_coef=coef[:, WORD_FEATURES:],
        intercepts=intercepts,
    )
    meta = {
        "version": version,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "model": "word 1-2gram + char_wb 3-5gram TF-IDF -> one LogisticRegression per category",
        "categories": list(categories),
        "features": {
            "word": {
                "n_features": WORD_FEATURES,
                "ngram_range": [1, 2],
                "token_pattern": training.WORD_TOKEN_PATTERN,
            },
            "char": {"n_features": CHAR_FEATURES, "ngram_range": list(CHAR_NGRAMS)},
        },
        "thresholds": result.thresholds,
        "training_data": {
            "gold": [{"path": p.name, "sha256": training.sha256_of(p)} for p in gold_paths()],
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
