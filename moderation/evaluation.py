"""Screening measured the way issue 20 measures it: every figure of its table, with
development, blind and public figures kept apart.

- **blind**: the hand-written sets in moderation/data/blind/ (see its README): written
  before the detectors were changed, read by nothing else, scored once per piece of work.
- **development**: data the rules or models were written or chosen from: the identifier
  vignettes moderation/data/phi_dev*.jsonl (rules were written from every one of them;
  rows marked ``"signature": true`` are clinicians' own signed posts, retired blind
  signature sets among them, and give the signatures figure its development column)
  and the incivility eval file curated_incivility_eval.csv (never trained on, but models
  and thresholds were compared on it), with the blind incivility and counselling sets
  retired to development (incivility_dev*.tsv, counselling_dev*.txt: never trained on,
  their misses read while the model was improved) and hand-written held-out sets
  (curated_incivility_dev_heldout_r*.tsv: written before a round's changes, never trained
  on, by the author of the training data). The incivility unit tests reuse training
  sentences, and the curated test split in each artifact's metrics is built from
  recombined fragments of the training sentences: neither is a blind figure.
- **public**: ../shared/data. Incivility figures come from the rows every model since
  2026.12.04 leaves out of training (`training.is_public_holdout`); for an artifact
  trained on every row they come from its own held-out test split, and say so.

Every text goes through `detectors.jsonl.run`, the code behind `manage.py score_posts`,
with no `trigger_warnings` (so the missing-warning rule does not apply), as the issue's
figures were taken. Nothing here tunes anything.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from detectors import content_warnings, incivility
from detectors.jsonl import run as score_jsonl

MODERATION_DIR = Path(__file__).resolve().parent
DATA_DIR = MODERATION_DIR / "data"
BLIND_DIR = DATA_DIR / "blind"
REPO = MODERATION_DIR.parent
_GOLD = re.compile(r"\[\[([a-z_]+)\|([^\]]+)\]\]")


class EvaluationDataError(ValueError):
    """A blind or development file is missing or malformed; the message says which."""


# --- reading the sets -------------------------------------------------------------------


def read_lines(path: Path) -> list[str]:
    """Non-comment, non-blank lines, with a literal \\n turned into a line break."""
    if not path.is_file():
        raise EvaluationDataError(f"{path}: file not found")
    return [
        line.replace("\\n", "\n")
        for line in path.read_text(encoding="utf-8").split("\n")
        if line.strip() and not line.startswith("#")
    ]


def read_labelled(path: Path) -> list[tuple[int, str, str]]:
    """(label, category, text) rows of a label<TAB>category<TAB>text file."""
    rows = []
    for number, line in enumerate(read_lines(path), start=1):
        parts = line.split("\t")
        if len(parts) != 3 or parts[0] not in {"0", "1"}:
            raise EvaluationDataError(f"{path} row {number}: expected label<TAB>category<TAB>text")
        rows.append((int(parts[0]), parts[1], parts[2]))
    return rows


def read_vignettes(path: Path) -> list[tuple[str, list[tuple[str, int, int]]]]:
    """Texts with their gold (kind, start, end) spans, from [[kind|text]] marks."""
    rows = []
    for line in read_lines(path):
        text, spans, position = "", [], 0
        for match in _GOLD.finditer(line):
            text += line[position : match.start()]
            start = len(text)
            text += match.group(2)
            spans.append((match.group(1), start, len(text)))
            position = match.end()
        rows.append((text + line[position:], spans))
    return rows


def read_warning_texts(path: Path) -> list[tuple[set[str], str]]:
    rows = []
    for number, line in enumerate(read_lines(path), start=1):
        categories, _, text = line.partition("\t")
        gold = {c.strip() for c in categories.split(",") if c.strip()}
        unknown = gold - set(content_warnings.CATEGORIES)
        if not text or unknown:
            raise EvaluationDataError(f"{path} row {number}: bad categories {sorted(unknown)}")
        rows.append((gold, text))
    return rows


def blind_files(stem: str, suffix: str = "txt") -> list[Path]:
    """Every blind file of one kind: `stem`.txt and any added `stem`*.txt beside it."""
    return sorted(BLIND_DIR.glob(f"{stem}*.{suffix}"))


def dev_warning_files() -> list[Path]:
    """The content-warning development sets that nothing is trained on: retired blind
    sets and held-out files (`content_warnings_dev_*.tsv`; the training file
    `content_warnings_dev.tsv` itself is not one)."""
    return sorted(DATA_DIR.glob("content_warnings_dev_*.tsv"))


def read_dev_vignettes() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in sorted(DATA_DIR.glob("phi_dev*.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return rows


# --- scoring through score_posts' code --------------------------------------------------


def score_posts(texts: list[str]) -> list[dict[str, Any]]:
    """score_posts' output objects for these texts (no trigger_warnings)."""
    source = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts))
    sink = io.StringIO()
    score_jsonl(io.BytesIO(source.encode("utf-8")), sink)
    results = [json.loads(line) for line in sink.getvalue().splitlines()]
    if len(results) != len(texts) or any("error" in r for r in results):
        raise EvaluationDataError("score_posts did not score every text")
    return results


def roc_auc(labels: list[int], scores: list[float]) -> float | None:
    """The probability that a positive outranks a negative (ties count half)."""
    positives = [s for s, y in zip(scores, labels, strict=True) if y == 1]
    negatives = [s for s, y in zip(scores, labels, strict=True) if y == 0]
    if not positives or not negatives:
        return None
    wins = 0.0
    for p in positives:
        for n in negatives:
            wins += 1.0 if p > n else 0.5 if p == n else 0.0
    return wins / (len(positives) * len(negatives))


def _share(flags: list[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None


def _codes(result: dict[str, Any]) -> set[str]:
    return {reason.split(":", 1)[0] for reason in result["reasons"]}


def identifier_recall(
    rows: list[tuple[str, list[tuple[str, int, int]]]],
) -> tuple[float | None, dict[str, float], int]:
    """Overall and per-kind recall of gold spans (a detected span of any kind overlapping
    a gold span finds it), and the number of gold spans."""
    results = score_posts([text for text, _ in rows])
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for (_, spans), result in zip(rows, results, strict=True):
        for kind, start, end in spans:
            total[kind] += 1
            found[kind] += any(s["start"] < end and start < s["end"] for s in result["phi"])
    overall = sum(found.values()) / sum(total.values()) if total else None
    return overall, {k: found[k] / total[k] for k in sorted(total)}, sum(total.values())


def warning_scores(rows: list[tuple[set[str], str]]) -> dict[str, Any]:
    results = score_posts([text for _, text in rows])
    tp = fp = fn = 0
    per: dict[str, Counter[str]] = {c: Counter() for c in content_warnings.CATEGORIES}
    for (gold, _), result in zip(rows, results, strict=True):
        predicted = set(result["content_warnings"])
        tp += len(gold & predicted)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
        for category in gold | predicted:
            key = "tp" if category in gold & predicted else "fp" if category in predicted else "fn"
            per[category][key] += 1
    figures: dict[str, Any] = {
        "micro_recall": tp / (tp + fn) if tp + fn else None,
        "micro_precision": tp / (tp + fp) if tp + fp else None,
    }
    for category, c in per.items():
        figures[f"recall {category}"] = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else None
        figures[f"precision {category}"] = (
            c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else None
        )
    return figures


# --- the table ---------------------------------------------------------------------------


@dataclass
class Figure:
    measure: str
    goal: str
    # (value, n) per column; value None: not measured there.
    development: tuple[float | None, int] | None = None
    blind: tuple[float | None, int] | None = None
    public: tuple[float | None, int] | None = None
    met: Callable[[float], bool] | None = None
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"measure": self.measure, "goal": self.goal, "note": self.note}
        for column in ("development", "blind", "public"):
            cell = getattr(self, column)
            out[column] = None if cell is None else {"value": cell[0], "n": cell[1]}
        return out


@dataclass
class Evaluation:
    model_version: str
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "model_version": self.model_version,
            "figures": [f.as_dict() for f in self.figures],
            "notes": self.notes,
        }


def _incivility_figures(evaluation: Evaluation, *, blind_sets: bool = True) -> None:
    # Blind: every incivility*.tsv and counselling*.txt in the blind folder (none, after a
    # set is retired and before its successor is written: n/a). Development: the eval
    # file and the retired blind sets (incivility_dev*.tsv, counselling_dev*.txt). With
    # blind_sets False (--no-blind) no blind file is read and every blind cell is empty.
    blind = (
        [row for path in blind_files("incivility", "tsv") for row in read_labelled(path)]
        if blind_sets
        else []
    )
    if blind_sets and not blind:
        evaluation.notes.append(
            "No blind incivility file (blind/incivility*.tsv): blind incivility figures are n/a."
        )
    blind_results = score_posts([t for _, _, t in blind]) if blind else []
    blind_scores = [r["incivility"] for r in blind_results]
    retired_files = [(path.name, read_labelled(path)) for path in dev_incivility_files()]
    retired = [row for _, rows in retired_files for row in rows]
    retired_results = score_posts([t for _, _, t in retired]) if retired else []
    retired_scores = [r["incivility"] for r in retired_results]
    # The retired sets' rows, results and scores file by file (a row or a note each).
    by_file: list[tuple[str, list[tuple[int, str, str]], list[dict[str, Any]]]] = []
    start = 0
    for name, rows in retired_files:
        by_file.append((name, rows, retired_results[start : start + len(rows)]))
        start += len(rows)
    dev_texts, dev_labels = _read_dev_incivility()
    dev_scores = [r["incivility"] for r in score_posts(dev_texts)]

    def blind_cell(value: float | None, n: int) -> tuple[float | None, int] | None:
        return (value, n) if blind_sets else None

    def labels_of(rows: list[tuple[int, str, str]]) -> list[int]:
        return [label for label, _, _ in rows]

    def development_auc(rows: list[tuple[int, str, str]], results: list[dict]) -> tuple:
        return roc_auc(labels_of(rows), [r["incivility"] for r in results]), len(rows)

    evaluation.figures.append(
        Figure(
            "clinician-register incivility ROC-AUC",
            ">= 0.97",
            development=(roc_auc(dev_labels, dev_scores), len(dev_labels)),
            blind=blind_cell(roc_auc(labels_of(blind), blind_scores), len(blind)),
            met=lambda v: v >= 0.97,
            note="development: curated_incivility_eval.csv (never trained on; models compared "
            "on it)",
        )
    )
    if retired:
        evaluation.figures.append(
            Figure(
                "  retired blind incivility sets, ROC-AUC",
                ">= 0.97",
                development=(roc_auc(labels_of(retired), retired_scores), len(retired)),
                note="incivility_dev*.tsv: blind sets retired to development (never trained on)",
            )
        )
        if len(by_file) > 1:
            for name, rows, results in by_file:
                evaluation.figures.append(
                    Figure(
                        f"    {name}",
                        ">= 0.97",
                        development=development_auc(rows, results),
                    )
                )
    for path in dev_heldout_files():
        rows = read_labelled(path)
        results = score_posts([t for _, _, t in rows])
        evaluation.figures.append(
            Figure(
                f"  {path.name}, ROC-AUC",
                ">= 0.97",
                development=development_auc(rows, results),
                note="hand-written development held-out set (never trained on); "
                + _category_note(rows, results),
            )
        )
    for category, measure in (
        ("sarcasm", "sarcasm / mock praise at a colleague, share not published"),
        ("privacy_mockery", "mockery of a colleague's privacy knowledge, share not published"),
    ):

        def not_published(
            rows: list[tuple[int, str, str]], results: list[dict[str, Any]], c: str = category
        ) -> list[bool]:
            return [
                r["decision"] != "publish"
                for (_, rc, _), r in zip(rows, results, strict=True)
                if rc == c
            ]

        dev_flags = not_published(retired, retired_results)
        blind_flags = not_published(blind, blind_results)
        evaluation.figures.append(
            Figure(
                measure,
                ">= 0.6",
                development=(_share(dev_flags), len(dev_flags)) if retired else None,
                blind=blind_cell(_share(blind_flags), len(blind_flags)),
                met=lambda v: v >= 0.6,
                note=_by_file_note(
                    [(name, not_published(rows, results)) for name, rows, results in by_file]
                ),
            )
        )
    hostile = {"hostile_feedback", "condescension", "sarcasm", "insult"}

    def hostile_auc(
        rows: list[tuple[int, str, str]], scores: list[float]
    ) -> tuple[float | None, int]:
        pairs = [
            (label, score)
            for (label, category, _), score in zip(rows, scores, strict=True)
            if label == 0 or category in hostile
        ]
        return roc_auc([p[0] for p in pairs], [p[1] for p in pairs]), len(pairs)

    evaluation.figures.append(
        Figure(
            "hostile/condescending ROC-AUC (UCC proxy)",
            ">= 0.75",
            development=hostile_auc(retired, retired_scores) if retired else None,
            blind=blind_cell(*hostile_auc(blind, blind_scores)),
            met=lambda v: v >= 0.75,
            note="UCC is not in ../shared/data: hostile replies, condescension, sarcasm "
            "and insults against every civil row",
        )
    )
    counselling_files = [(path.name, read_lines(path)) for path in dev_counselling_files()]
    dev_counselling = score_posts([line for _, lines in counselling_files for line in lines])
    counselling_by_file: list[tuple[str, list[bool]]] = []
    start = 0
    for name, lines in counselling_files:
        results = dev_counselling[start : start + len(lines)]
        counselling_by_file.append((name, [INCIVILITY_CODE in _codes(r) for r in results]))
        start += len(lines)
    blind_counselling = (
        score_posts([line for path in blind_files("counselling") for line in read_lines(path)])
        if blind_sets
        else []
    )

    def queued(results: list[dict[str, Any]]) -> tuple[float | None, int]:
        return _share([INCIVILITY_CODE in _codes(r) for r in results]), len(results)

    def half(results: list[dict[str, Any]]) -> str:
        share = _share([r["incivility"] >= 0.5 for r in results])
        return "n/a" if share is None else f"{share:.1%}"

    evaluation.figures.append(
        Figure(
            "counsellor (MI) utterances queued for incivility",
            "< 1%",
            development=queued(dev_counselling) if dev_counselling else None,
            blind=blind_cell(*queued(blind_counselling)),
            met=lambda v: v < 0.01,
            note=f"score >= 0.5 on {half(dev_counselling)} (development: "
            f"counselling_dev*.txt), {half(blind_counselling)} (blind)"
            + (f"; {_by_file_note(counselling_by_file)}" if len(counselling_by_file) > 1 else ""),
        )
    )
    if not blind_sets:
        return
    answers = score_posts(read_lines(BLIND_DIR / "therapist_answers.txt"))
    not_published_answers = [
        r["decision"] != "publish" and bool(_codes(r) - {"identifiers"}) for r in answers
    ]
    evaluation.figures.append(
        Figure(
            "therapists' public answers not published for non-identifier reasons",
            "< 1%",
            blind=(_share(not_published_answers), len(not_published_answers)),
            met=lambda v: v < 0.01,
        )
    )


INCIVILITY_CODE = "incivility"


def dev_incivility_files() -> list[Path]:
    """The blind incivility sets retired to development (incivility_dev*.tsv)."""
    return sorted(DATA_DIR.glob("incivility_dev*.tsv"))


def dev_counselling_files() -> list[Path]:
    """The blind counselling sets retired to development (counselling_dev*.txt)."""
    return sorted(DATA_DIR.glob("counselling_dev*.txt"))


def dev_heldout_files() -> list[Path]:
    """Hand-written development held-out incivility sets (curated_incivility_dev_heldout_r*.tsv,
    label<TAB>category<TAB>text): written before a round's changes, never trained on."""
    return sorted(DATA_DIR.glob("curated_incivility_dev_heldout_r*.tsv"))


def _category_note(rows: list[tuple[int, str, str]], results: list[dict[str, Any]]) -> str:
    """Share not published per uncivil category, and of the civil rows, with counsellor
    utterances queued for incivility."""
    by: dict[str, list[bool]] = {}
    civil: list[bool] = []
    counselling: list[bool] = []
    for (label, category, _), result in zip(rows, results, strict=True):
        held = result["decision"] != "publish"
        if label:
            by.setdefault(category, []).append(held)
        else:
            civil.append(held)
            if category == "counselling":
                counselling.append(INCIVILITY_CODE in _codes(result))
    parts = [f"{c} {_share(f) or 0:.2f} ({len(f)})" for c, f in sorted(by.items())]
    parts.append(f"civil {_share(civil) or 0:.2f} ({len(civil)})")
    if counselling:
        parts.append(f"counselling queued {sum(counselling)} of {len(counselling)}")
    return "not published: " + ", ".join(parts)


def read_dev_incivility_sets() -> list[tuple[int, str, str]]:
    """(label, category, text) rows of the blind incivility sets retired to development."""
    return [row for path in dev_incivility_files() for row in read_labelled(path)]


def read_dev_counselling() -> list[str]:
    """Counsellor utterances of the blind sets retired to development."""
    return [line for path in dev_counselling_files() for line in read_lines(path)]


def _by_file_note(flags_by_file: list[tuple[str, list[bool]]]) -> str:
    """'name share (n), ...' for the development files behind a pooled share."""
    parts = []
    for name, flags in flags_by_file:
        share = _share(flags)
        parts.append(f"{name} {'n/a' if share is None else f'{share:.3f}'} ({len(flags)})")
    return "development by file: " + ", ".join(parts) if len(parts) > 1 else ""


def _read_dev_incivility() -> tuple[list[str], list[int]]:
    path = DATA_DIR / "curated_incivility_eval.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [row["text"] for row in rows], [int(row["label"]) for row in rows]


def _public_incivility_figures(evaluation: Evaluation, data_dir: Path) -> None:
    from moderation import training

    model = incivility.load_model()
    holdout = model.metadata.get("public_holdout")
    for source, measure, goal, threshold in (
        ("jigsaw-sample", "Kaggle insults ROC-AUC (proxy: jigsaw-sample toxic|insult)", 0.88, 0.88),
        ("wiki-toxicity", "web toxicity ROC-AUC (wiki-toxicity)", 0.88, 0.88),
        ("davidson-offensive", "hate vs neither ROC-AUC (davidson)", None, None),
    ):
        if holdout:
            dataset = training.Dataset()
            training.load_public(dataset, data_dir, only=source)
            pairs = [
                (text, label)
                for text, label in zip(dataset.texts, dataset.labels, strict=True)
                if training.is_public_holdout(text)
            ]
            scores = [r["incivility"] for r in score_posts([t for t, _ in pairs])] if pairs else []
            value = roc_auc([label for _, label in pairs], scores)
            cell = (value, len(pairs))
            note = "rows left out of training (training.is_public_holdout)"
        else:
            split = model.metadata.get("metrics", {}).get("test_split", {}).get(source, {})
            cell = (split.get("roc_auc"), split.get("n", 0))
            note = "the artifact's own 20% test split (this model was refit on every row)"
        evaluation.figures.append(
            Figure(
                measure,
                f">= {goal}" if goal else "-",
                public=cell,
                met=(lambda v, t=threshold: v >= t) if threshold else None,
                note=note,
            )
        )
    evaluation.notes.append(
        "Kaggle insults and UCC are not in ../shared/data: their rows are proxies, named."
    )


def _identifier_figures(evaluation: Evaluation, data_dir: Path, *, blind_sets: bool = True) -> None:
    # Every blind vignettes file counts; none (a set retired to development and its
    # successor not yet written) reports the blind column as n/a. With blind_sets False
    # (--no-blind) no blind file is read and every blind cell is left empty.
    blind_rows = (
        [row for path in blind_files("vignettes") for row in read_vignettes(path)]
        if blind_sets
        else []
    )
    if blind_rows:
        blind_recall, blind_kinds, blind_n = identifier_recall(blind_rows)
    elif not blind_sets:
        blind_recall, blind_kinds, blind_n = None, {}, 0
    else:
        blind_recall, blind_kinds, blind_n = None, {}, 0
        evaluation.notes.append(
            "No blind vignettes file (blind/vignettes*.txt): blind identifier recall is n/a."
        )
    dev = read_dev_vignettes()
    dev_rows = [
        (row["text"], [(s["kind"], s["start"], s["end"]) for s in row["spans"]])
        for row in dev
        if not row["deidentified"]
    ]
    dev_recall, dev_kinds, dev_n = identifier_recall(dev_rows)
    presidio = _presidio_recall(data_dir)
    evaluation.figures.append(
        Figure(
            "patient identifiers in case vignettes, recall",
            ">= 0.97",
            development=(dev_recall, dev_n),
            blind=(blind_recall, blind_n) if blind_sets else None,
            public=presidio,
            met=lambda v: v >= 0.97,
            note="public: presidio-synthetic, the Safe Harbor kinds (general-domain text)",
        )
    )
    heldout = _synthetic_heldout_rows()
    if heldout:
        heldout_recall, _, heldout_n = identifier_recall(heldout)
        evaluation.figures.append(
            Figure(
                "  synthetic held-out template families, recall",
                ">= 0.97",
                development=(heldout_recall, heldout_n),
                note="phi_synthetic_heldout.jsonl (scripts/generate_phi_synthetic.py): "
                "templates never used to change a rule, by the rules' author: development",
            )
        )
        # The third round's families (plates, ages, records, devices, dates, names, contact
        # details) on a row of their own: the round's rules were written after them.
        third = _synthetic_heldout_rows("synho17-")
        if third:
            third_recall, _, third_n = identifier_recall(third)
            evaluation.figures.append(
                Figure(
                    "    ... third-round families (synho17)",
                    ">= 0.97",
                    development=(third_recall, third_n),
                )
            )
    blind_counts = Counter(kind for _, spans in blind_rows for kind, _, _ in spans)
    dev_counts = Counter(kind for _, spans in dev_rows for kind, _, _ in spans)
    for kind in sorted(set(blind_kinds) | set(dev_kinds)):
        evaluation.figures.append(
            Figure(
                f"  recall: {kind}",
                ">= 0.95",
                development=(dev_kinds.get(kind), dev_counts[kind]) if kind in dev_kinds else None,
                blind=(blind_kinds.get(kind), blind_counts[kind]) if kind in blind_kinds else None,
                met=lambda v: v >= 0.95,
            )
        )
    clean_dev = score_posts(
        [row["text"] for row in dev if row["deidentified"] and not row.get("signature")]
    )
    clean_blind_cell = None
    if blind_sets:
        # Every blind de-identified file counts; none (retired to development, a fresh
        # one not yet written) reports the blind column as n/a.
        clean_blind = score_posts(
            [line for path in blind_files("deidentified") for line in read_lines(path)]
        )
        clean_blind_cell = (_share([bool(r["phi"]) for r in clean_blind]), len(clean_blind))
        if not clean_blind:
            evaluation.notes.append(
                "No blind de-identified file (blind/deidentified*.txt): the blind "
                "de-identified figure is n/a."
            )
    evaluation.figures.append(
        Figure(
            "de-identified vignettes flagged",
            "< 3%",
            development=(_share([bool(r["phi"]) for r in clean_dev]), len(clean_dev)),
            blind=clean_blind_cell,
            met=lambda v: v < 0.03,
        )
    )
    signed_dev = score_posts([row["text"] for row in dev if row.get("signature")])
    held_dev = [r["decision"] == "hold" and "identifiers" in _codes(r) for r in signed_dev]
    held_blind_cell = None
    if blind_sets:
        signed = score_posts(
            [line for path in blind_files("signatures") for line in read_lines(path)]
        )
        answers = score_posts(read_lines(BLIND_DIR / "therapist_answers.txt"))
        held = [r["decision"] == "hold" and "identifiers" in _codes(r) for r in signed + answers]
        held_blind_cell = (_share(held), len(held))
    evaluation.figures.append(
        Figure(
            "clinicians' own signatures and answers held as patient identifiers",
            "< 2%",
            development=(_share(held_dev), len(held_dev)) if held_dev else None,
            blind=held_blind_cell,
            met=lambda v: v < 0.02,
            note="blind: signatures*.txt and therapist_answers.txt; development: phi_dev rows "
            'marked "signature"',
        )
    )


def _synthetic_heldout_rows(prefix: str = "") -> list[tuple[str, list[tuple[str, int, int]]]]:
    """The held-out template families' rows (those whose id starts with `prefix`)."""
    path = DATA_DIR / "phi_synthetic_heldout.jsonl"
    if not path.is_file():
        return []
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [
        (row["text"], [(s["kind"], s["start"], s["end"]) for s in row["spans"]])
        for row in rows
        if row["spans"] and row["id"].startswith(prefix)
    ]


def _presidio_recall(data_dir: Path) -> tuple[float | None, int] | None:
    path = data_dir / "presidio-synthetic" / "synth_dataset_v2.json"
    if not path.is_file():
        return None
    kinds = {"PERSON", "STREET_ADDRESS", "PHONE_NUMBER", "EMAIL_ADDRESS", "US_SSN", "IP_ADDRESS"}
    records = json.loads(path.read_text(encoding="utf-8"))
    rows = [
        (
            record["full_text"],
            [
                (s["entity_type"], s["start_position"], s["end_position"])
                for s in record["spans"]
                if s["entity_type"] in kinds
            ],
        )
        for record in records
    ]
    recall, _, n = identifier_recall([row for row in rows if row[1]])
    return recall, n


def _warning_figures(evaluation: Evaluation, *, blind_sets: bool = True) -> None:
    # Blind: every content_warnings*.tsv in the blind folder (none, after a set is retired
    # and before its successor is written: n/a). Development: content_warnings_dev_*.tsv
    # (retired blind sets, held-out texts; never trained on). With blind_sets False
    # (--no-blind) no blind file is read and every blind cell is empty.
    blind_rows = (
        [row for path in blind_files("content_warnings", "tsv") for row in read_warning_texts(path)]
        if blind_sets
        else []
    )
    if blind_sets and not blind_rows:
        evaluation.notes.append(
            "No blind content-warning file (blind/content_warnings*.tsv): blind "
            "content-warning figures are n/a."
        )
    dev_rows = [row for path in dev_warning_files() for row in read_warning_texts(path)]
    blind = warning_scores(blind_rows) if blind_rows else {}
    dev = warning_scores(dev_rows) if dev_rows else {}

    def cells(key: str) -> dict[str, tuple[float | None, int] | None]:
        return {
            "development": (dev.get(key), len(dev_rows)),
            "blind": (blind.get(key), len(blind_rows)) if blind_sets else None,
        }

    for key, measure, goal, bound in (
        ("micro_recall", "content warnings, micro recall", ">= 0.92", 0.92),
        ("micro_precision", "content warnings, micro precision", ">= 0.9", 0.9),
    ):
        evaluation.figures.append(
            Figure(measure, goal, met=lambda v, b=bound: v >= b, **cells(key))
        )
    for category in content_warnings.CATEGORIES:
        for kind in ("recall", "precision"):
            key = f"{kind} {category}"
            if dev.get(key) is not None or blind.get(key) is not None:
                evaluation.figures.append(Figure(f"  {kind}: {category}", "-", **cells(key)))


def _timing_figures(evaluation: Evaluation, *, blind_sets: bool = True) -> None:
    starts = []
    cpu = []
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "manage.py", "score_posts"],
            input=json.dumps({"id": 1, "text": "A question about pacing exposure work."}) + "\n",
            capture_output=True,
            text=True,
            cwd=REPO,
            check=True,
            timeout=120,
        )
        starts.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append((after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime))
    evaluation.figures.append(
        Figure(
            "cold start of score_posts for one post (s, median of 3)",
            "< 1.5",
            public=(statistics.median(starts), 3),
            met=lambda v: v < 1.5,
            note=f"CPU {statistics.median(cpu):.2f} s; load average {os.getloadavg()[0]:.1f} "
            "(on a busy machine the wall time is mostly waiting for a core)",
        )
    )
    rate = posts_per_cpu_second(blind_sets=blind_sets)
    evaluation.figures.append(
        Figure(
            "score_posts posts per CPU-second (1,000 vs 6,000 posts)",
            ">= 2000",
            public=(rate, 5000),
            met=lambda v: v >= 2000,
            note="bench/bench_detectors.py-style posts; see bench/README.md for the worker",
        )
    )


def posts_per_cpu_second(small: int = 1000, large: int = 6000, *, blind_sets: bool = True) -> float:
    """score_posts on `large` and `small` posts; the difference in the child's CPU time
    removes start-up (as bench/screening.py measures it). The posts are the blind
    incivility and de-identified texts (only as load: nothing about them is reported), or
    without blind sets (or with no blind incivility file) the development eval file and
    de-identified vignettes."""
    blind = (
        [text for path in blind_files("incivility", "tsv") for _, _, text in read_labelled(path)]
        if blind_sets
        else []
    )
    if blind:
        sentences = blind + [
            line for path in blind_files("deidentified") for line in read_lines(path)
        ]
    else:
        sentences = _read_dev_incivility()[0]
        sentences += [row["text"] for row in read_dev_vignettes() if row["deidentified"]]

    def cpu(count: int) -> float:
        lines = "".join(
            json.dumps({"id": i, "text": f"{sentences[i % len(sentences)]} {i}"}) + "\n"
            for i in range(count)
        )
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(
            [sys.executable, "manage.py", "score_posts"],
            input=lines,
            capture_output=True,
            text=True,
            cwd=REPO,
            check=True,
            timeout=600,
            env={**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"},
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)

    return (large - small) / max(cpu(large) - cpu(small), 1e-9)


def evaluate(*, data_dir: Path, timing: bool = True, blind_sets: bool = True) -> Evaluation:
    """Every figure; with blind_sets False no file of the blind folder is read (work in
    progress looks at development and public figures only; the blind sets are scored
    once, at the end)."""
    evaluation = Evaluation(model_version=incivility.model_version())
    _incivility_figures(evaluation, blind_sets=blind_sets)
    _public_incivility_figures(evaluation, data_dir)
    _identifier_figures(evaluation, data_dir, blind_sets=blind_sets)
    _warning_figures(evaluation, blind_sets=blind_sets)
    if not blind_sets:
        evaluation.notes.append("--no-blind: no blind set was read; blind cells are empty.")
    if timing:
        _timing_figures(evaluation, blind_sets=blind_sets)
    evaluation.notes += [
        "Development figures are not blind: rules or models were written or compared on "
        "that data. The incivility unit tests reuse training sentences; the curated test "
        "split in the artifact's metrics recombines training fragments.",
        "Blind sets: moderation/data/blind/ (README); score once, never tune on them.",
    ]
    return evaluation


def format_table(evaluation: Evaluation) -> str:
    def cell(value: tuple[float | None, int] | None) -> str:
        if value is None:
            return "-"
        if value[0] is None:
            # Measured on no rows: the set is absent (a blind set retired, its successor
            # not yet written).
            return "n/a" if value[1] == 0 else "-"
        number, n = value
        return f"{number:.3f} (n={n})"

    lines = [
        f"screening evaluation, model {evaluation.model_version}",
        f"{'measure':<72} {'development':>18} {'blind':>18} {'public':>18}  goal      met",
    ]
    for figure in evaluation.figures:
        measured = figure.blind or figure.public
        met = ""
        if figure.met is not None and measured is not None and measured[0] is not None:
            met = "yes" if figure.met(measured[0]) else "NO"
        lines.append(
            f"{figure.measure:<72} {cell(figure.development):>18} {cell(figure.blind):>18} "
            f"{cell(figure.public):>18}  {figure.goal:<9} {met}"
        )
        if figure.note:
            lines.append(f"{'':<4}({figure.note})")
    lines += [f"note: {note}" for note in evaluation.notes]
    return "\n".join(lines)
