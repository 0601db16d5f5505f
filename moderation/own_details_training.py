"""Training the own-details model (detectors/identifiers/own_details.py, issue 20).

Examples are the candidates the identifier kind modules find (`candidate_spans`, before
any rule sets the author's details aside) in the development posts, `phi_dev*.jsonl`:

- every candidate of a card's kind in a clinician's signed post (`"signature": true`) that
  lies on no gold span is the author's own (label 1): those posts hold no client
  identifier;
- every candidate overlapping a gold client identifier is not (label 0);
- other candidates (false finds in vignettes and de-identified posts) are left out: they
  are neither the author's nor a client's.

Each development file is one writer (a retired blind set, a hand-written round, the
generator), so the threshold is chosen on predictions made out of fold by writer: the
lowest probability at which at most `MAX_CLIENT_DROP` of the client identifiers' candidates
the model is asked about would be set aside, never below 0.5 (it is not asked about a
candidate in a post that keeps a kind no card carries, nor about one its sentence gives as
someone else's).

    python manage.py train_moderation_model --own-details-only
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from detectors.hashed_text import hashed_column
from detectors.identifiers import candidate_spans, own_details, signature
from moderation import training

DATA_DIR = Path(__file__).resolve().parent / "data"
ARTIFACT_DIR = training.ARTIFACT_DIR
N_FEATURES = 2**18
C = 0.5
MAX_CLIENT_DROP = 0.0005
MIN_THRESHOLD = 0.5


@dataclass
class Examples:
    features: list[list[str]]
    labels: list[int]
    groups: list[str]
    # Whether the model is never asked about the candidate: its post keeps, after the
    # rules, a candidate of a kind no card carries (own_details.gated), or its sentence
    # says it is someone else's (own_details._someone_elses).
    unasked: list[bool]


@dataclass
class OwnDetailsTraining:
    coef: np.ndarray
    intercept: float
    threshold: float
    metrics: dict[str, Any]
    counts: dict[str, int]
    data_sha256: str


def dev_paths() -> list[Path]:
    return sorted(DATA_DIR.glob("phi_dev*.jsonl"))


def data_sha256() -> str:
    """The digest of the development files a model is trained on (names and contents),
    recorded in its artifact."""
    digest = hashlib.sha256()
    for path in dev_paths():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def examples_of(row: dict[str, Any]) -> list[tuple[list[str], int, bool]]:
    """(features, label, unasked) of each labelled candidate in one development row."""
    text = row["text"]
    gold = [(s["start"], s["end"]) for s in row.get("spans", [])]
    view = own_details._PostView.of(text)
    candidates = candidate_spans(text)
    gated = own_details.gated(view, signature.clinician_own(text, candidates))
    out = []
    for cand in candidates:
        if cand.kind not in own_details.OWN_KINDS:
            continue
        on_gold = any(a < cand.end and cand.start < b for a, b in gold)
        if on_gold:
            label = 0
        elif row.get("signature"):
            label = 1
        else:
            continue
        feats = list(own_details.features(view, cand.kind, cand.start, cand.end))
        unasked = gated or own_details._someone_elses(text, cand.start, cand.end)
        out.append((feats, label, unasked))
    return out


def load_examples(paths: list[Path] | None = None) -> Examples:
    examples = Examples([], [], [], [])
    for path in paths if paths is not None else dev_paths():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            for feats, label, unasked in examples_of(json.loads(line)):
                examples.features.append(feats)
                examples.labels.append(label)
                examples.groups.append(path.name)
                examples.unasked.append(unasked)
    return examples


def matrix(rows: list[list[str]], n_features: int = N_FEATURES) -> sparse.csr_matrix:
    indptr, columns = [0], []
    for feats in rows:
        columns.extend(sorted({hashed_column(f, n_features) for f in feats}))
        indptr.append(len(columns))
    data = np.ones(len(columns), dtype=np.float64)
    return sparse.csr_matrix(
        (data, np.array(columns, dtype=np.int64), np.array(indptr)), shape=(len(rows), n_features)
    )


def fit(x: sparse.csr_matrix, y: np.ndarray) -> LogisticRegression:
    model = LogisticRegression(C=C, max_iter=3000, solver="liblinear", random_state=0)
    model.fit(x, y)
    return model


def out_of_fold(
    labels: list[int], groups: list[str], x: sparse.csr_matrix, folds: int = 5
) -> np.ndarray:
    """Each example's probability (`x`: their features' matrix, `groups`: their writers)
    from a model that saw none of its writer's posts."""
    y = np.array(labels)
    scores = np.zeros(len(y))
    for train_index, test_index in GroupKFold(n_splits=folds).split(x, y, np.array(groups)):
        model = fit(x[train_index], y[train_index])
        scores[test_index] = model.predict_proba(x[test_index])[:, 1]
    return scores


def choose_threshold(labels: np.ndarray, scores: np.ndarray, unasked: np.ndarray) -> float:
    """The lowest probability (>= MIN_THRESHOLD) setting aside at most MAX_CLIENT_DROP of
    the client identifiers' candidates the model is asked about."""
    client = np.sort(scores[(labels == 0) & ~unasked])[::-1]
    allowed = int(MAX_CLIENT_DROP * len(client))
    # Above the (allowed + 1)-th highest client score, at most `allowed` are set aside.
    bound = client[allowed] if allowed < len(client) else 0.0
    return float(max(MIN_THRESHOLD, np.nextafter(bound, 1.0)))


def train(progress: Callable[[str], None] | None = None) -> OwnDetailsTraining:
    examples = load_examples()
    labels = np.array(examples.labels)
    if labels.sum() == 0 or (labels == 0).sum() == 0:
        raise training.TrainingDataError("own-details training needs both labels")
    x = matrix(examples.features)
    scores = out_of_fold(examples.labels, examples.groups, x)
    if progress:
        progress("out of fold")
    unasked = np.array(examples.unasked)
    threshold = choose_threshold(labels, scores, unasked)
    own_set_aside = float((scores[labels == 1] >= threshold).mean())
    client_set_aside = float((scores[(labels == 0) & ~unasked] >= threshold).mean())
    model = fit(x, labels)
    if progress:
        progress("fitted")
    return OwnDetailsTraining(
        coef=model.coef_[0].astype(np.float32),
        intercept=float(model.intercept_[0]),
        threshold=threshold,
        metrics={
            "out_of_fold_by_writer": {
                "own_candidates_set_aside": round(own_set_aside, 4),
                "client_candidates_set_aside": round(client_set_aside, 4),
            }
        },
        counts={
            "own": int(labels.sum()),
            "client": int((labels == 0).sum()),
            "client_asked": int(((labels == 0) & ~unasked).sum()),
        },
        data_sha256=data_sha256(),
    )


def save(
    result: OwnDetailsTraining, *, output_dir: Path = ARTIFACT_DIR, activate: bool = True
) -> str:
    """Write own-details-<version>.npz and .json; CURRENT_OWN_DETAILS names it."""
    meta = {
        "model": "hashed binary context features -> LogisticRegression (liblinear)",
        "n_features": N_FEATURES,
        "C": C,
        "intercept": result.intercept,
        "threshold": result.threshold,
        "max_client_drop": MAX_CLIENT_DROP,
        "examples": result.counts,
        "metrics": result.metrics,
        "training_data": {
            "files": [p.name for p in dev_paths()],
            "sha256": result.data_sha256,
        },
    }
    return training.write_coef_artifact(
        output_dir, "own-details", "CURRENT_OWN_DETAILS", result.coef, meta, activate=activate
    )
