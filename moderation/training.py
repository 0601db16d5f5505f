"""Training and evaluation of the incivility model (issue 4).

Pure Python: nothing here needs the database, so the management commands, the
tests and ad-hoc scripts can all call it. Django settings are read only when
configured (``MODERATION_DATA_DIR``); every function also takes explicit paths.

Data and label mapping
----------------------
The model predicts *incivility aimed at a person*. The sources use different
labels, so each one is mapped explicitly and weighted:

* ``moderation/data/curated_incivility.csv`` (text,label,category): the
  project's own clinician-register posts, label 1 = incivility toward a person,
  label 0 = civil posts, mostly hard negatives (suicide/abuse case talk, quoted
  client violence, respectful disagreement, mandated-report mentions). Weight
  4.0 per row: this is the register the model is deployed on, so it dominates.
* ``wiki-toxicity/toxicity_nonfuzzed_testset.csv`` (``toxic`` majority rater
  judgement): toxic=True -> 1, else 0. Weight 1.0. Real web hostility keeps the
  model from overfitting to our own phrasing.
* ``jigsaw-sample/test_examples.csv``: 1 if ``toxic`` or ``insult`` is set,
  else 0. Weight 1.0 (only 101 rows).
* ``davidson-offensive/labeled_data.csv``: ``class`` 0 (hate speech) -> 1 and
  class 2 (neither) -> 0; class 1 ("offensive language") is *dropped*, because
  it is mostly untargeted profanity, which is not what we screen for and would
  teach the model that swear words in a quoted client statement are uncivil.
  Weight 0.25: tweets are far from clinician writing and the corpus is known to
  over-flag African-American English.

Public text is lightly cleaned (retweet markers, @handles, URLs, HTML entities)
so that the model does not learn Twitter artefacts as signals.

Model: word 1-2gram TF-IDF + char_wb 3-5gram TF-IDF + the cue terms of
detectors.incivility_cues (word classes, their pairs, raw-text marks: what mock praise
looks like; since 2026.12.06) (FeatureUnion, sublinear tf) into a class-balanced
LogisticRegression. Linear, so the words that drove a
score can be shown to moderators and authors.

Thresholds
----------
Out-of-fold probabilities (5-fold CV on the training split) of the curated
civil posts set the thresholds: LOW (queue) is the smallest value with at most
1% of curated clinical case talk above it (the product bar is under 2% of real
therapists' writing queued or held, and unseen text is noisier than ours), and
never below 0.7; HIGH (hold) is where at most 0.25% of all curated civil posts
(and 1% of the kind ones: sincere praise, kind words to "you", accepted feedback, gentle
corrections) are above it, at least LOW + 0.15 and never below 0.9.
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold, train_test_split
from sklearn.pipeline import FeatureUnion, Pipeline

from detectors.incivility_cues import CUES_VERSION, cue_terms

MODERATION_DIR = Path(__file__).resolve().parent
CURATED_PATH = MODERATION_DIR / "data" / "curated_incivility.csv"
# Round 2 of issue 20 (compose_curated.round2_rows): template families for sarcasm, privacy
# mockery, hostile replies to feedback, pile-ons, short attacks and their civil
# counterparts (counsellor utterances, sincere praise, accepted feedback, agreement).
CURATED_ROUND2_PATH = MODERATION_DIR / "data" / "curated_incivility_round2.csv"
# Round 3 (2026-12-06): hand-written posts (label<TAB>category<TAB>text, weighed as the
# hand-written curated rows) and compositional families (moderation/data/compose_round3.py)
# for mock praise, privacy mockery, hostile replies and pile-ons and their civil twins.
CURATED_ROUND3_HANDWRITTEN_PATH = MODERATION_DIR / "data" / "curated_round3_handwritten.tsv"
CURATED_ROUND3_PATH = MODERATION_DIR / "data" / "curated_incivility_round3.csv"
# Round 4 (2026-12-06): hand-written posts by class, for the classes the retired 2026-12-05c
# set showed (sincere praise and support at "you", counsellor reflections and minimal
# prompts, mock thanks and rewards, privacy mockery, pile-ons naming a colleague, veiled
# threats, insults of a post). Same format and weight as round 3's hand-written posts.
CURATED_ROUND4_HANDWRITTEN_PATH = MODERATION_DIR / "data" / "curated_round4_handwritten.tsv"
EVAL_PATH = MODERATION_DIR / "data" / "curated_incivility_eval.csv"
ARTIFACT_DIR = MODERATION_DIR.parent / "detectors" / "artifacts"

# Curated categories that are clinical case talk: the writing the <2% bar is about.
CLINICAL_CATEGORIES = frozenset(
    {
        "suicide_consult",
        "self_harm",
        "child_abuse",
        "dv",
        "sexual_assault",
        "substance",
        "eating_disorder",
        "violent_ideation",
        "client_quote",
        "mandated_report",
        "grief",
        # Counsellor utterances and short replies: "short = rude" must not be learned.
        "counselling",
        "short",
    }
)

HOLD_FLOOR = 0.9

# Curated civil categories whose words are those of mock praise (the hold threshold keeps
# them from being held, choose_thresholds).
KIND_CATEGORIES = frozenset(
    {"sincere_praise", "second_person", "feedback_accepted", "correction", "short"}
)

SOURCE_WEIGHTS: dict[str, float] = {
    "curated": 4.0,
    # Templated rows repeat their wording: weighed as a public row, so they teach the
    # classes without crowding out the hand-written posts and the public corpora.
    "curated-round2": 1.0,
    "curated-round3": 4.0,
    "curated-round3-templated": 1.0,
    "curated-round4": 4.0,
    "wiki-toxicity": 1.0,
    "jigsaw-sample": 1.0,
    "davidson-offensive": 0.25,
}

# Bounded cost per post: beyond this length extra text adds latency, not signal.
MAX_CHARS = 20_000


class TrainingDataError(ValueError):
    """A data file is missing or malformed; the message says which and why."""


@dataclass
class Dataset:
    texts: list[str] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    files: list[dict[str, Any]] = field(default_factory=list)

    def add(self, text: str, label: int, source: str, category: str = "") -> None:
        self.texts.append(text)
        self.labels.append(label)
        self.sources.append(source)
        self.categories.append(category)


def default_data_dir() -> Path:
    """settings.MODERATION_DATA_DIR when Django is configured, else ../shared/data."""
    try:
        from django.conf import settings

        if settings.configured and getattr(settings, "MODERATION_DATA_DIR", None):
            return Path(settings.MODERATION_DATA_DIR)
    except ImportError:  # pragma: no cover - django is a project dependency
        pass
    return MODERATION_DIR.parent.parent / "shared" / "data"


_URL = re.compile(r"https?://\S+|www\.\S+")
_HANDLE = re.compile(r"@\w+:?")
_RT = re.compile(r"(^|\s)RT\b")


def clean_public_text(text: str) -> str:
    """Strip platform artefacts (RT, @handles, URLs, entities) from public corpora."""
    text = html.unescape(text)
    text = _URL.sub(" ", text)
    text = _HANDLE.sub(" ", text)
    text = _RT.sub(" ", text)
    return " ".join(text.split())


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _read_csv(path: Path, required: Iterable[str]) -> list[dict[str, str]]:
    if not path.is_file():
        raise TrainingDataError(f"{path}: file not found")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = set(required) - set(reader.fieldnames or [])
        if missing:
            raise TrainingDataError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        return list(reader)


def parse_label(value: str, *, where: str) -> int:
    text = (value or "").strip().lower()
    if text in {"1", "true", "1.0"}:
        return 1
    if text in {"0", "false", "0.0"}:
        return 0
    raise TrainingDataError(f"{where}: label must be 0 or 1, got {value!r}")


def read_labelled_csv(path: Path) -> tuple[list[str], list[int]]:
    """Read a text,label CSV (the evaluation format). Raises TrainingDataError."""
    rows = _read_csv(path, ["text", "label"])
    if not rows:
        raise TrainingDataError(f"{path}: no rows")
    texts = [row["text"] or "" for row in rows]
    labels = [parse_label(row["label"], where=f"{path} row {i + 2}") for i, row in enumerate(rows)]
    return texts, labels


def _record(dataset: Dataset, source: str, path: Path, rows: int) -> None:
    dataset.files.append(
        {"source": source, "path": str(path), "rows": rows, "sha256": sha256_of(path)}
    )


def is_curated(source: str) -> bool:
    """The project's own rows (hand-written or composed), as opposed to public corpora."""
    return source.startswith("curated")


def load_curated(dataset: Dataset, path: Path, *, source: str = "curated") -> None:
    rows = _read_csv(path, ["text", "label"])
    for i, row in enumerate(rows):
        label = parse_label(row["label"], where=f"{path} row {i + 2}")
        dataset.add(row["text"], label, source, row.get("category") or "")
    _record(dataset, source, path, len(rows))


def load_curated_tsv(dataset: Dataset, path: Path, *, source: str) -> None:
    """label<TAB>category<TAB>text rows ('#' lines are comments)."""
    if not path.is_file():
        raise TrainingDataError(f"{path}: file not found")
    rows = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise TrainingDataError(f"{path} line {number}: expected label<TAB>category<TAB>text")
        label = parse_label(parts[0], where=f"{path} line {number}")
        dataset.add(parts[2].replace("\\n", "\n"), label, source, parts[1])
        rows += 1
    _record(dataset, source, path, rows)


PUBLIC_HOLDOUT = "blake2b(text) % 5 == 0: left out of training, scored by evaluate_screening"


def is_public_holdout(text: str) -> bool:
    """Whether a (cleaned) public-corpus row belongs to the fixed fifth that training
    leaves out, so evaluate_screening can score the deployed model on rows it never saw."""
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % 5 == 0


def without_public_holdout(dataset: Dataset) -> Dataset:
    """The dataset less the public rows reserved for evaluation (curated rows all stay)."""
    kept = Dataset(files=dataset.files)
    for text, label, source, category in zip(
        dataset.texts, dataset.labels, dataset.sources, dataset.categories, strict=True
    ):
        if is_curated(source) or not is_public_holdout(text):
            kept.add(text, label, source, category)
    return kept


def load_public(dataset: Dataset, data_dir: Path, *, only: str | None = None) -> None:
    """Add the public corpora that exist under data_dir (each one is optional); `only`
    names one corpus."""
    wiki = data_dir / "wiki-toxicity" / "toxicity_nonfuzzed_testset.csv"
    if wiki.is_file() and only in (None, "wiki-toxicity"):
        rows = _read_csv(wiki, ["comment", "toxic"])
        for i, row in enumerate(rows):
            label = parse_label(row["toxic"], where=f"{wiki} row {i + 2}")
            dataset.add(clean_public_text(row["comment"]), label, "wiki-toxicity")
        _record(dataset, "wiki-toxicity", wiki, len(rows))

    jigsaw = data_dir / "jigsaw-sample" / "test_examples.csv"
    if jigsaw.is_file() and only in (None, "jigsaw-sample"):
        rows = _read_csv(jigsaw, ["comment_text", "toxic", "insult"])
        for i, row in enumerate(rows):
            where = f"{jigsaw} row {i + 2}"
            label = parse_label(row["toxic"], where=where) | parse_label(row["insult"], where=where)
            dataset.add(clean_public_text(row["comment_text"]), label, "jigsaw-sample")
        _record(dataset, "jigsaw-sample", jigsaw, len(rows))

    davidson = data_dir / "davidson-offensive" / "labeled_data.csv"
    if davidson.is_file() and only in (None, "davidson-offensive"):
        rows = _read_csv(davidson, ["class", "tweet"])
        kept = 0
        for row in rows:
            cls = (row["class"] or "").strip()
            if cls == "1":  # untargeted profanity: not our notion of incivility
                continue
            if cls not in {"0", "2"}:
                continue
            dataset.add(
                clean_public_text(row["tweet"]), 1 if cls == "0" else 0, "davidson-offensive"
            )
            kept += 1
        _record(dataset, "davidson-offensive", davidson, kept)


def load_training_data(
    *, data_dir: Path | None = None, curated_path: Path | None = None
) -> Dataset:
    dataset = Dataset()
    load_curated(dataset, curated_path or CURATED_PATH)
    if curated_path is None and CURATED_ROUND2_PATH.is_file():
        load_curated(dataset, CURATED_ROUND2_PATH, source="curated-round2")
    if curated_path is None and CURATED_ROUND3_HANDWRITTEN_PATH.is_file():
        load_curated_tsv(dataset, CURATED_ROUND3_HANDWRITTEN_PATH, source="curated-round3")
    if curated_path is None and CURATED_ROUND3_PATH.is_file():
        load_curated(dataset, CURATED_ROUND3_PATH, source="curated-round3-templated")
    if curated_path is None and CURATED_ROUND4_HANDWRITTEN_PATH.is_file():
        load_curated_tsv(dataset, CURATED_ROUND4_HANDWRITTEN_PATH, source="curated-round4")
    load_public(dataset, data_dir or default_data_dir())
    return without_public_holdout(dataset)


WORD_FEATURES = 2**17
CHAR_FEATURES = 2**19
# The cue terms of detectors.incivility_cues (word classes, their pairs and windows,
# skip-pairs, sentence openers, raw-text marks): few distinct terms, a small space.
CUE_FEATURES = 2**18
# 3-5 grams: character bigrams cost a third of the scoring time and add little
# beyond the word features (measured: same ROC-AUC on every held-out set).
CHAR_NGRAMS = (3, 5)
# Tokens keep inner apostrophes ("you're", "don't"): second-person contractions
# are a large part of how an attack is aimed at a person.
WORD_TOKEN_PATTERN = r"(?u)\b\w[\w']*\b"  # noqa: S105 - a regex, not a secret


def _hashed_tfidf(**hashing: Any) -> Pipeline:
    # Hashing rather than TfidfVectorizer: skops writes a fitted vocabulary dict
    # as one JSON node per n-gram (~70 MB for ours); a hashed space stores only
    # arrays, keeps the committed artifact small and loads fast.
    return Pipeline(
        [
            (
                "hash",
                HashingVectorizer(alternate_sign=False, norm=None, dtype=np.float32, **hashing),
            ),
            ("tfidf", TfidfTransformer(sublinear_tf=True)),
        ]
    )


def build_pipeline(*, seed: int = 0, cues: bool = True) -> Pipeline:
    cue_part = [
        (
            "cue",
            _hashed_tfidf(analyzer=cue_terms, n_features=CUE_FEATURES),
        )
    ]
    features = FeatureUnion(
        [
            (
                "word",
                _hashed_tfidf(
                    analyzer="word",
                    ngram_range=(1, 2),
                    n_features=WORD_FEATURES,
                    token_pattern=WORD_TOKEN_PATTERN,
                ),
            ),
            (
                "char",
                _hashed_tfidf(
                    analyzer="char_wb", ngram_range=CHAR_NGRAMS, n_features=CHAR_FEATURES
                ),
            ),
            *(cue_part if cues else []),
        ]
    )
    classifier = LogisticRegression(
        C=16.0, class_weight="balanced", max_iter=2000, solver="liblinear", random_state=seed
    )
    return Pipeline([("features", features), ("clf", classifier)])


def _weights(sources: list[str]) -> np.ndarray:
    return np.array([SOURCE_WEIGHTS.get(s, 1.0) for s in sources], dtype=np.float64)


def fit(texts: list[str], labels: list[int], sources: list[str], *, seed: int = 0) -> Pipeline:
    pipeline = build_pipeline(seed=seed)
    pipeline.fit(
        [t[:MAX_CHARS] for t in texts], np.asarray(labels), clf__sample_weight=_weights(sources)
    )
    return pipeline


def binary_metrics(
    labels: Iterable[int], probabilities: Iterable[float], thresholds: tuple[float, float]
) -> dict[str, Any]:
    """ROC-AUC, AP, and precision/recall/FPR at (queue, hold). AUC is None for one class."""
    y = np.asarray(list(labels), dtype=int)
    p = np.asarray(list(probabilities), dtype=float)
    both = len(set(y.tolist())) == 2
    out: dict[str, Any] = {
        "n": int(len(y)),
        "positives": int(y.sum()),
        "roc_auc": float(roc_auc_score(y, p)) if both else None,
        "average_precision": float(average_precision_score(y, p)) if both else None,
    }
    for name, threshold in zip(("queue", "hold"), thresholds, strict=True):
        flagged = p >= threshold
        tp = int((flagged & (y == 1)).sum())
        fp = int((flagged & (y == 0)).sum())
        negatives = int((y == 0).sum())
        out[name] = {
            "threshold": float(threshold),
            "precision": tp / (tp + fp) if tp + fp else None,
            "recall": tp / int(y.sum()) if y.sum() else None,
            "fpr": fp / negatives if negatives else None,
            "flagged": int(flagged.sum()),
        }
    return out


def choose_thresholds(
    probabilities: np.ndarray, labels: np.ndarray, categories: list[str]
) -> tuple[float, float]:
    civil = labels == 0
    clinical = civil & np.array([c in CLINICAL_CATEGORIES for c in categories])
    clinical_scores = probabilities[clinical] if clinical.any() else probabilities[civil]
    # Smallest LOW with <=1% of clinical case talk at or above it.
    low = float(np.quantile(clinical_scores, 0.99)) + 1e-3 if len(clinical_scores) else 0.5
    # Floor 0.7: our civil data is cleaner than real therapists' venting, and the
    # queue bar (<2% of real clinical writing) matters more than recall at LOW.
    low = min(max(low, 0.7), 0.9)
    civil_scores = probabilities[civil]
    high = float(np.quantile(civil_scores, 0.9975)) + 1e-3 if len(civil_scores) else 0.85
    # Civil posts that share mock praise's words (sincere praise and thanks, kind words
    # to "you", accepted feedback, gentle corrections) are held at most 1% of the time:
    # holding a compliment is the costliest mistake of the cue features.
    kind = civil & np.array([c in KIND_CATEGORIES for c in categories])
    if kind.any():
        high = max(high, float(np.quantile(probabilities[kind], 0.99)) + 1e-3)
    # Never below 0.9: a hold hides a post from every reader until a moderator looks, and
    # unseen enthusiastic praise scores higher than the curated civil posts out of fold.
    high = min(max(high, low + 0.15, HOLD_FLOOR), 0.97)
    return round(low, 4), round(high, 4)


def out_of_fold(
    texts: list[str],
    labels: list[int],
    sources: list[str],
    *,
    seed: int,
    folds: int = 5,
    progress: Callable[[str], None] | None = None,
) -> np.ndarray:
    y = np.asarray(labels)
    strata = np.array([f"{s}:{label}" for s, label in zip(sources, labels, strict=True)])
    result = np.zeros(len(texts))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for i, (train_idx, test_idx) in enumerate(splitter.split(texts, strata)):
        model = fit(
            [texts[j] for j in train_idx],
            y[train_idx].tolist(),
            [sources[j] for j in train_idx],
            seed=seed,
        )
        result[test_idx] = model.predict_proba([texts[j] for j in test_idx])[:, 1]
        if progress:
            progress(f"fold {i + 1}/{folds}")
    return result


@dataclass
class TrainingResult:
    pipeline: Pipeline
    thresholds: tuple[float, float]
    metrics: dict[str, Any]
    files: list[dict[str, Any]]
    rows: dict[str, int]


def train(
    *,
    data_dir: Path | None = None,
    curated_path: Path | None = None,
    eval_path: Path | None = EVAL_PATH,
    seed: int = 0,
    test_size: float = 0.2,
    folds: int = 5,
    progress: Callable[[str], None] | None = None,
) -> TrainingResult:
    """Train, measure on a held-out split, pick thresholds, refit on all data.

    The shipped model is refit on every row (more data generalises better); the
    reported metrics come from the model fit without the test split.
    """
    step = progress or (lambda _msg: None)
    dataset = load_training_data(data_dir=data_dir, curated_path=curated_path)
    step("loaded data")
    if len(set(dataset.labels)) < 2:
        raise TrainingDataError("training data needs both labels")
    n = len(dataset.texts)
    strata = [f"{s}:{label}" for s, label in zip(dataset.sources, dataset.labels, strict=True)]
    counts: dict[str, int] = {}
    for s in strata:
        counts[s] = counts.get(s, 0) + 1
    # Stratify by source and label where every stratum can be split; tiny data can't.
    stratify = strata if min(counts.values()) >= 2 and n * test_size >= len(counts) else None
    train_idx, test_idx = train_test_split(
        np.arange(n), test_size=test_size, random_state=seed, stratify=stratify
    )

    def pick(values: list[Any], idx: np.ndarray) -> list[Any]:
        return [values[i] for i in idx]

    tr_texts, tr_labels = pick(dataset.texts, train_idx), pick(dataset.labels, train_idx)
    tr_sources, tr_categories = (
        pick(dataset.sources, train_idx),
        pick(dataset.categories, train_idx),
    )

    folds = max(2, min(folds, min(np.bincount(tr_labels))))
    oof = out_of_fold(tr_texts, tr_labels, tr_sources, seed=seed, folds=folds, progress=step)
    curated = np.array([is_curated(s) for s in tr_sources])
    thresholds = choose_thresholds(
        oof[curated],
        np.asarray(tr_labels)[curated],
        [c for c, k in zip(tr_categories, curated, strict=True) if k],
    )
    step("chose thresholds")

    split_model = fit(tr_texts, tr_labels, tr_sources, seed=seed)
    step("fit on training split")
    te_texts, te_labels = pick(dataset.texts, test_idx), pick(dataset.labels, test_idx)
    te_sources, te_categories = pick(dataset.sources, test_idx), pick(dataset.categories, test_idx)
    te_probs = split_model.predict_proba(te_texts)[:, 1]

    metrics: dict[str, Any] = {"test_split": {}}
    for source in ["all", *sorted(set(dataset.sources))]:
        mask = [source == "all" or s == source for s in te_sources]
        if any(mask):
            metrics["test_split"][source] = binary_metrics(
                np.asarray(te_labels)[mask], te_probs[np.asarray(mask)], thresholds
            )
    clinical = [
        is_curated(s) and label == 0 and c in CLINICAL_CATEGORIES
        for s, label, c in zip(te_sources, te_labels, te_categories, strict=True)
    ]
    if any(clinical):
        flagged = te_probs[np.asarray(clinical)] >= thresholds[0]
        metrics["test_split"]["curated_clinical_civil_queue_rate"] = float(flagged.mean())
    metrics["oof_curated_clinical_civil_queue_rate"] = (
        float(
            np.mean(
                oof[
                    curated
                    & (np.asarray(tr_labels) == 0)
                    & np.array([c in CLINICAL_CATEGORIES for c in tr_categories])
                ]
                >= thresholds[0]
            )
        )
        if any(c in CLINICAL_CATEGORIES for c in tr_categories)
        else None
    )

    final = fit(dataset.texts, dataset.labels, dataset.sources, seed=seed)
    step("refit on all data")
    if eval_path is not None and Path(eval_path).is_file():
        eval_texts, eval_labels = read_labelled_csv(Path(eval_path))
        metrics["held_out_eval_file"] = binary_metrics(
            eval_labels, final.predict_proba([t[:MAX_CHARS] for t in eval_texts])[:, 1], thresholds
        )
        metrics["held_out_eval_file"]["path"] = Path(eval_path).name
    rows = {src: dataset.sources.count(src) for src in sorted(set(dataset.sources))}
    return TrainingResult(final, thresholds, metrics, dataset.files, rows)


def next_version(
    output_dir: Path,
    today: datetime | None = None,
    *,
    stem: str = "incivility",
    current_name: str | None = None,
) -> str:
    """The next free version of a model's artifacts today: <date>-<n>, n counted from 1
    past the `<stem>-<date>-<n>.json` files already in `output_dir` and past the version
    the `current_name` file names (a superseded version's files are deleted when the new
    one is committed, and its name is never given to another model)."""
    stamp = (today or datetime.now(UTC)).strftime("%Y.%m.%d")
    n = 1
    current = output_dir / current_name if current_name else None
    if current is not None and current.is_file():
        active_stamp, _, active_n = current.read_text(encoding="utf-8").strip().rpartition("-")
        if active_stamp == stamp and active_n.isdigit():
            n = int(active_n) + 1
    while (output_dir / f"{stem}-{stamp}-{n}.json").exists():
        n += 1
    return f"{stamp}-{n}"


def write_coef_artifact(
    output_dir: Path,
    stem: str,
    current_name: str,
    coef: np.ndarray,
    meta: dict[str, Any],
    *,
    activate: bool,
) -> str:
    """Write a one-vector linear model as `<stem>-<version>.npz` (its coefficients) and
    `.json` (its version, creation time and `meta`); `current_name` names it when
    `activate`. The version written."""
    version = next_version(output_dir, stem=stem, current_name=current_name)
    np.savez_compressed(output_dir / f"{stem}-{version}.npz", coef=coef)
    meta = {"version": version, "created": datetime.now(UTC).isoformat(timespec="seconds"), **meta}
    (output_dir / f"{stem}-{version}.json").write_text(json.dumps(meta, indent=2) + "\n")
    if activate:
        (output_dir / current_name).write_text(version + "\n")
    return version


def export_linear(pipeline: Pipeline) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """The arrays and feature parameters detectors.incivility serves a fitted pipeline
    from (without scikit-learn). Refuses a configuration detectors.hashed_text does not
    reproduce."""
    parts = dict(pipeline.named_steps["features"].transformer_list)
    if list(parts)[:2] != ["word", "char"] or set(parts) - {"word", "char", "cue"}:
        raise TrainingDataError(f"the features {list(parts)} cannot be served")
    classifier = pipeline.named_steps["clf"]
    features: dict[str, Any] = {}
    arrays: dict[str, np.ndarray] = {}
    for name, analyzer in (("word", "word"), ("char", "char_wb"), ("cue", cue_terms)):
        if name not in parts:
            continue
        part = parts[name]
        hasher, tfidf = part.named_steps["hash"], part.named_steps["tfidf"]
        params = hasher.get_params()
        expected = {
            "analyzer": analyzer,
            "lowercase": True,
            "strip_accents": None,
            "preprocessor": None,
            "tokenizer": None,
            "stop_words": None,
            "alternate_sign": False,
            "binary": False,
            "norm": None,
        }
        wrong = {key: params[key] for key, value in expected.items() if params[key] != value}
        if wrong or not (tfidf.sublinear_tf and tfidf.use_idf and tfidf.norm == "l2"):
            raise TrainingDataError(f"the {name} features cannot be served: {wrong}")
        if name == "cue":
            features[name] = {"n_features": int(params["n_features"]), "cues_version": CUES_VERSION}
        else:
            features[name] = {
                "n_features": int(params["n_features"]),
                "ngram_range": list(params["ngram_range"]),
                "token_pattern": params["token_pattern"],
            }
        arrays[f"{name}_idf"] = tfidf.idf_.astype(np.float32)
    coef = classifier.coef_[0].astype(np.float64)
    start = 0
    for name in features:
        end = start + features[name]["n_features"]
        arrays[f"{name}_coef"] = coef[start:end]
        start = end
    if start != len(coef):
        raise TrainingDataError("the coefficients do not match the feature spaces")
    arrays["intercept"] = np.asarray(float(classifier.intercept_[0]))
    return arrays, features


def save_artifact(
    result: TrainingResult, *, output_dir: Path = ARTIFACT_DIR, activate: bool = True, seed: int = 0
) -> tuple[str, Path]:
    """Write incivility-<version>.npz + .json; point CURRENT at it when activate."""
    output_dir.mkdir(parents=True, exist_ok=True)
    version = next_version(output_dir, current_name="CURRENT")
    model_path = output_dir / f"incivility-{version}.npz"
    arrays, features = export_linear(result.pipeline)
    # Compressed: most of the hashed space is zeros in the coefficients and a constant idf.
    np.savez_compressed(model_path, **arrays)
    meta = {
        "version": version,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "seed": seed,
        "model": "word 1-2gram + char_wb 3-5gram"
        + (" + cue terms" if "cue" in features else "")
        + " TF-IDF -> LogisticRegression",
        "features": features,
        "public_holdout": PUBLIC_HOLDOUT,
        "source_weights": SOURCE_WEIGHTS,
        "training_data": [{**f, "path": Path(f["path"]).name} for f in result.files],
        "rows_by_source": result.rows,
        "thresholds": {"queue": result.thresholds[0], "hold": result.thresholds[1]},
        "metrics": result.metrics,
        "artifact_sha256": sha256_of(model_path),
    }
    (output_dir / f"incivility-{version}.json").write_text(json.dumps(meta, indent=2) + "\n")
    if activate:
        (output_dir / "CURRENT").write_text(version + "\n")
    return version, model_path


def format_metrics_table(metrics: dict[str, Any]) -> str:
    """A plain-text table of per-source metrics for the command output."""
    lines = [
        f"{'set':<28}{'n':>6}{'pos':>6}{'ROC-AUC':>9}{'AP':>7}"
        f"{'P@q':>7}{'R@q':>7}{'FPR@q':>7}{'P@h':>7}{'R@h':>7}{'FPR@h':>7}"
    ]

    def f(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    def row(name: str, m: dict[str, Any]) -> str:
        q, h = m["queue"], m["hold"]
        return (
            f"{name:<28}{m['n']:>6}{m['positives']:>6}{f(m['roc_auc']):>9}"
            f"{f(m['average_precision']):>7}{f(q['precision']):>7}{f(q['recall']):>7}"
            f"{f(q['fpr']):>7}{f(h['precision']):>7}{f(h['recall']):>7}{f(h['fpr']):>7}"
        )

    for name, m in metrics.get("test_split", {}).items():
        if isinstance(m, dict):
            lines.append(row(f"test:{name}", m))
    if "held_out_eval_file" in metrics:
        lines.append(row("eval:curated_eval", metrics["held_out_eval_file"]))
    if "n" in metrics:
        lines.append(row("data", metrics))
    return "\n".join(lines)
