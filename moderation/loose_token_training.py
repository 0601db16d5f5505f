"""Training a learned second look over tokens (issue 20): the loose-numbers model
(detectors/identifiers/loose_numbers.py; `detectors/identifiers/token_model.py` holds what
such a model needs, so another token shape can be added to MODELS).

Examples are the tokens of the model's shape (`<module>.tokens`: number-like tokens) of the
development posts, `phi_dev*.jsonl`: a token overlapping a gold span (of a kind in the
module's GOLD_KINDS, any kind when None) is an identifier (label 1), every other token is not
(label 0): scores, doses, years, codes and ratings in vignettes, de-identified posts and
clinicians' signed posts alike. Tokens
the rules find are trained on too (their cues teach the model what a record word or a client
word is); the model is only asked about the others.

Each development file is one writer (a retired blind set, a hand-written round, the
generator), so the threshold is chosen on predictions made out of fold by writer: the lowest
probability (never below `MIN_THRESHOLD`) at which the tokens the model is asked about would
flag at most `MAX_CLEAN_FLAGGED` of the posts with no identifier (de-identified and signed
posts) that the rules leave clean.

    python manage.py train_moderation_model --loose-numbers-only
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from detectors.identifiers import (
    candidate_spans,
    find_identifiers,
    loose_names,
    loose_numbers,
    token_model,
)
from moderation import own_details_training, training

# The modules trained here, by the name the training command gives them.
MODELS: dict[str, ModuleType] = {"loose numbers": loose_numbers, "loose names": loose_names}

ARTIFACT_DIR = training.ARTIFACT_DIR
N_FEATURES = 2**18
MAX_CLEAN_FLAGGED = 0.0015
MIN_THRESHOLD = 0.5


@dataclass
class Examples:
    features: list[list[str]]
    labels: list[int]
    groups: list[str]
    # Whether screening asks the model about the token (no rule found it, it is outside the
    # author's signature block).
    asked: list[bool]
    # The post's index among the development posts, and whether the post is one with no gold
    # identifier that the rules leave clean (flagging it would be a new false hold).
    post: list[int]
    clean_post: list[bool]
    # Development posts with no gold identifier (the base of MAX_CLEAN_FLAGGED).
    clean_posts: int = 0


@dataclass
class TokenTraining:
    coef: np.ndarray
    intercept: float
    threshold: float
    metrics: dict[str, Any]
    counts: dict[str, int]
    data_sha256: str


def examples_of(
    module: ModuleType, row: dict[str, Any]
) -> tuple[list[tuple[list[str], int, bool]], bool]:
    """(features, label, asked) of each token of one development row, and whether the row
    is a post with no gold identifier that the rules leave clean."""
    text = row["text"]
    spans = row.get("spans", [])
    gold = [
        (s["start"], s["end"])
        for s in spans
        if module.GOLD_KINDS is None or s["kind"] in module.GOLD_KINDS
    ]
    found = candidate_spans(text)
    # Whether the rest of the detector holds the post: asked only when the answer matters
    # (a post with no gold span, or a model asked only in held posts).
    held_by_rules = (
        bool(find_identifiers(text, learned_tokens=False))
        if module.ONLY_IN_HELD_POSTS or not spans
        else None
    )
    asked = set(module.unasked_tokens(text, found))
    if module.ONLY_IN_HELD_POSTS and not held_by_rules:
        asked = set()
    shared = token_model.post_features(found)
    out = []
    for start, end in module.tokens(text):
        label = int(any(a < end and start < b for a, b in gold))
        feats = list(module.features(text, start, end, shared))
        out.append((feats, label, (start, end) in asked))
    clean = not spans and bool(asked) and not held_by_rules
    return out, clean


def load_examples(module: ModuleType, paths: list[Path] | None = None) -> Examples:
    examples = Examples([], [], [], [], [], [])
    post = 0
    for path in paths if paths is not None else own_details_training.dev_paths():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            examples.clean_posts += not row.get("spans")
            rows, clean = examples_of(module, row)
            for feats, label, asked in rows:
                examples.features.append(feats)
                examples.labels.append(label)
                examples.groups.append(path.name)
                examples.asked.append(asked)
                examples.post.append(post)
                examples.clean_post.append(clean)
            post += 1
    return examples


def choose_threshold(examples: Examples, scores: np.ndarray, clean_posts: int) -> float:
    """The lowest probability (>= MIN_THRESHOLD) at which the asked tokens of clean posts
    flag at most MAX_CLEAN_FLAGGED of them."""
    best: dict[int, float] = {}
    for post, score, asked, clean in zip(
        examples.post, scores, examples.asked, examples.clean_post, strict=True
    ):
        if asked and clean:
            best[post] = max(best.get(post, 0.0), float(score))
    allowed = int(MAX_CLEAN_FLAGGED * clean_posts)
    tops = sorted(best.values(), reverse=True)
    bound = tops[allowed] if allowed < len(tops) else 0.0
    return float(max(MIN_THRESHOLD, np.nextafter(bound, 1.0)))


def train(module: ModuleType, progress: Callable[[str], None] | None = None) -> TokenTraining:
    examples = load_examples(module)
    labels = np.array(examples.labels)
    if labels.sum() == 0 or (labels == 0).sum() == 0:
        raise training.TrainingDataError(f"{module.STEM} training needs both labels")
    x = own_details_training.matrix(examples.features, N_FEATURES)
    scores = own_details_training.out_of_fold(examples.labels, examples.groups, x)
    if progress:
        progress("out of fold")
    clean_posts = examples.clean_posts
    threshold = choose_threshold(examples, scores, clean_posts)
    asked = np.array(examples.asked)
    held = scores >= threshold
    flagged = {
        post
        for post, is_asked, clean, is_held in zip(
            examples.post, asked, examples.clean_post, held, strict=True
        )
        if is_asked and clean and is_held
    }
    asked_ids = asked & (labels == 1)
    model = own_details_training.fit(x, labels)
    if progress:
        progress("fitted")
    return TokenTraining(
        coef=model.coef_[0].astype(np.float32),
        intercept=float(model.intercept_[0]),
        threshold=threshold,
        metrics={
            "out_of_fold_by_writer": {
                "asked_identifier_tokens_found": round(
                    float(held[asked_ids].mean()) if asked_ids.any() else 0.0, 4
                ),
                "asked_other_tokens_held": int((held & asked & (labels == 0)).sum()),
                "clean_posts_flagged": len(flagged),
            }
        },
        counts={
            "tokens": len(labels),
            "identifier_tokens": int(labels.sum()),
            "asked": int(asked.sum()),
            "asked_identifier_tokens": int(asked_ids.sum()),
            "clean_posts": clean_posts,
        },
        data_sha256=own_details_training.data_sha256(),
    )


def save(
    module: ModuleType,
    result: TokenTraining,
    *,
    output_dir: Path = ARTIFACT_DIR,
    activate: bool = True,
) -> str:
    """Write <stem>-<version>.npz and .json; the module's CURRENT_ file names it."""
    meta = {
        "model": f"{module.STEM}: hashed binary token and context features -> LogisticRegression",
        "n_features": N_FEATURES,
        "C": own_details_training.C,
        "intercept": result.intercept,
        "threshold": result.threshold,
        "max_clean_flagged": MAX_CLEAN_FLAGGED,
        "examples": result.counts,
        "metrics": result.metrics,
        "training_data": {
            "files": [p.name for p in own_details_training.dev_paths()],
            "sha256": result.data_sha256,
        },
    }
    return training.write_coef_artifact(
        output_dir, module.STEM, module.CURRENT, result.coef, meta, activate=activate
    )
