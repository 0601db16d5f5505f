"""Train the incivility model, the content-warning model, the own-details model and the
loose-numbers and loose-names models and write new versioned artifacts (issues 4 and 20)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from moderation import loose_token_training, own_details_training, training, warning_training


class Command(BaseCommand):
    help = "Train the incivility model from the curated examples and the public corpora."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data-dir", type=Path, help="public corpora (MODERATION_DATA_DIR)")
        parser.add_argument("--curated", type=Path, help="curated CSV (text,label[,category])")
        parser.add_argument("--eval", type=Path, default=training.EVAL_PATH, dest="eval_path")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--folds", type=int, default=5)
        parser.add_argument("--output-dir", type=Path, default=training.ARTIFACT_DIR)
        parser.add_argument(
            "--no-activate", action="store_true", help="write the artifact without updating CURRENT"
        )
        parser.add_argument(
            "--warnings-only", action="store_true", help="train only the content-warning model"
        )
        parser.add_argument(
            "--no-warnings", action="store_true", help="train only the incivility model"
        )
        parser.add_argument(
            "--own-details-only",
            action="store_true",
            help="train only the own-details model (a clinician's own details or a client's)",
        )
        parser.add_argument(
            "--loose-numbers-only",
            action="store_true",
            help="train only the loose-numbers model (numbers no identifier rule finds)",
        )
        parser.add_argument(
            "--loose-names-only",
            action="store_true",
            help="train only the loose-names model (full names no identifier rule finds)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["own_details_only"]:
            self._own_details(options)
            return
        if options["loose_numbers_only"]:
            self._loose_tokens(options, "loose numbers")
            return
        if options["loose_names_only"]:
            self._loose_tokens(options, "loose names")
            return
        if not options["warnings_only"]:
            self._incivility(options)
        if not options["no_warnings"]:
            self._warnings(options)
        if not options["warnings_only"] and not options["no_warnings"]:
            # The loose-token models' thresholds are set on what the rest of the identifier
            # detector, the own-details model included, leaves clean.
            self._own_details(options)
            for name in loose_token_training.MODELS:
                self._loose_tokens(options, name)

    def _loose_tokens(self, options: dict[str, Any], name: str) -> None:
        module = loose_token_training.MODELS[name]
        with _steps(total=2, desc=name) as progress:
            result = loose_token_training.train(module, progress=progress)
            version = loose_token_training.save(
                module,
                result,
                output_dir=options["output_dir"],
                activate=not options["no_activate"],
            )
        self.stdout.write(
            f"{name}: threshold {result.threshold:.3f}, {result.counts}, {result.metrics}"
        )
        state = "not activated" if options["no_activate"] else f"activated ({module.CURRENT})"
        self.stdout.write(self.style.SUCCESS(f"wrote {name} {version}, {state}"))

    def _own_details(self, options: dict[str, Any]) -> None:
        with _steps(total=2, desc="own details") as progress:
            result = own_details_training.train(progress=progress)
            version = own_details_training.save(
                result, output_dir=options["output_dir"], activate=not options["no_activate"]
            )
        self.stdout.write(
            f"own details: threshold {result.threshold:.3f}, {result.counts}, {result.metrics}"
        )
        state = "not activated" if options["no_activate"] else "activated (CURRENT_OWN_DETAILS)"
        self.stdout.write(self.style.SUCCESS(f"wrote own details {version}, {state}"))

    def _warnings(self, options: dict[str, Any]) -> None:
        with _steps(total=options["folds"] + 1, desc="content warnings") as progress:
            result = warning_training.train(
                seed=options["seed"], folds=options["folds"], progress=progress
            )
            version = warning_training.save(
                result, output_dir=options["output_dir"], activate=not options["no_activate"]
            )
        self.stdout.write(f"content warnings: thresholds {result.thresholds}")
        self.stdout.write(f"content warnings: {result.metrics}")
        state = "not activated" if options["no_activate"] else "activated (CURRENT_WARNINGS)"
        self.stdout.write(self.style.SUCCESS(f"wrote content warnings {version}, {state}"))

    def _incivility(self, options: dict[str, Any]) -> None:
        # Steps: load, one per CV fold, thresholds, split fit, refit, write.
        with _steps(total=options["folds"] + 5, desc="training") as progress:
            result = training.train(
                data_dir=options["data_dir"],
                curated_path=options["curated"],
                eval_path=options["eval_path"],
                seed=options["seed"],
                folds=options["folds"],
                progress=progress,
            )
            version, path = training.save_artifact(
                result,
                output_dir=options["output_dir"],
                activate=not options["no_activate"],
                seed=options["seed"],
            )
            progress("written")
        self.stdout.write(training.format_metrics_table(result.metrics))
        queue, hold = result.thresholds
        self.stdout.write(f"rows by source: {result.rows}")
        self.stdout.write(f"thresholds: queue={queue:.4f} hold={hold:.4f}")
        state = "not activated" if options["no_activate"] else "activated (CURRENT)"
        self.stdout.write(self.style.SUCCESS(f"wrote {path} version {version}, {state}"))


@contextmanager
def _steps(*, total: int, desc: str) -> Iterator[Callable[[str], None]]:
    """One model's training: its progress callback; a training-data error becomes the
    command's error, and the bar is closed either way."""
    bar, progress = _progress(total=total, desc=desc)
    try:
        yield progress
    except training.TrainingDataError as error:
        raise CommandError(str(error)) from error
    finally:
        bar.close()


def _progress(*, total: int, desc: str) -> tuple[tqdm, Callable[[str], None]]:
    """A progress bar and the step callback training reports to."""
    bar = tqdm(total=total, desc=desc, unit="step")

    def progress(message: str) -> None:
        bar.set_postfix_str(message)
        bar.update(1)

    return bar, progress
