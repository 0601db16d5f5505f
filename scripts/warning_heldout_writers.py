"""Held-out-writer figures for the content-warning detector (issue 20 §1).

    DEBUG=true .venv/bin/python scripts/warning_heldout_writers.py [--deployed] [--json OUT]

For each independent training writer's file (moderation/data/content_warnings_train_writer_*.tsv)
the content-warning model is trained as `make train` trains it, but with that writer's file
left out, and the whole detector (lexicon and that model, as `score_posts` combines them) is
scored on the file it never saw: micro recall / precision and recall per category. With
`--deployed` the deployed model is scored on every writer's file instead (it was trained on
none of them before the writers' files were added; afterwards that figure is fitted).

These are development figures: the writers were shown no code or evaluation set, but the
training mechanism is chosen on them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def _scores(rows: list[tuple[set[str], str]]) -> dict[str, Any]:
    from detectors import content_warnings

    called = [set(found) for found in content_warnings.assess_many([text for _, text in rows])]
    figures: dict[str, Any] = {"n": len(rows)}
    tp = fp = fn = 0
    for category in content_warnings.CATEGORIES:
        c_tp = sum(1 for (gold, _), got in zip(rows, called, strict=True) if category in gold & got)
        c_fp = sum(1 for (gold, _), got in zip(rows, called, strict=True) if category in got - gold)
        c_fn = sum(1 for (gold, _), got in zip(rows, called, strict=True) if category in gold - got)
        tp, fp, fn = tp + c_tp, fp + c_fp, fn + c_fn
        figures[f"recall {category}"] = round(c_tp / (c_tp + c_fn), 3) if c_tp + c_fn else None
        figures[f"precision {category}"] = round(c_tp / (c_tp + c_fp), 3) if c_tp + c_fp else None
    figures["micro_recall"] = round(tp / (tp + fn), 3) if tp + fn else None
    figures["micro_precision"] = round(tp / (tp + fp), 3) if tp + fp else None
    return figures


def _with_model(model: Any, rows: list[tuple[set[str], str]]) -> dict[str, Any]:
    from detectors import content_warnings

    original = content_warnings.load_model
    content_warnings.load_model = lambda: model  # type: ignore[assignment]
    try:
        return _scores(rows)
    finally:
        content_warnings.load_model = original  # type: ignore[assignment]


def heldout_writer_figures(*, folds: int = 5, seed: int = 0) -> dict[str, Any]:
    from detectors import warning_model
    from moderation import warning_training

    out: dict[str, Any] = {}
    for path in warning_training.writer_paths():
        result = warning_training.train(seed=seed, folds=folds, leave_out={path.name})
        with tempfile.TemporaryDirectory() as directory:
            version = warning_training.save(result, output_dir=Path(directory), activate=False)
            model = warning_model.load_artifact(Path(directory), version)
        figures = _with_model(model, warning_training.read_gold(path))
        figures["thresholds"] = result.thresholds
        out[path.name] = figures
        print(path.name, json.dumps(figures), flush=True)
    return out


def deployed_figures() -> dict[str, Any]:
    from moderation import warning_training

    out = {}
    for path in warning_training.writer_paths():
        out[path.name] = _scores(warning_training.read_gold(path))
        print(path.name, json.dumps(out[path.name]), flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deployed", action="store_true")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    import django

    django.setup()
    figures = deployed_figures() if args.deployed else heldout_writer_figures(folds=args.folds)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
