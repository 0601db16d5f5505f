"""Evaluate a deployed incivility model on a labelled CSV (text,label)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from detectors import incivility
from moderation import training


class Command(BaseCommand):
    help = "Print ROC-AUC, AP and precision/recall/FPR at the deployed thresholds."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # The interface is `--version V` (a model version), which clashes
        # with Django's built-in --version flag: let ours replace it.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data", type=Path, required=True, help="CSV with text,label columns")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
        parser.add_argument(
            "--version", dest="model_version", help="artifact version (default CURRENT)"
        )
        parser.add_argument("--artifacts-dir", type=Path, default=incivility.ARTIFACT_DIR)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            texts, labels = training.read_labelled_csv(options["data"])
        except training.TrainingDataError as error:
            raise CommandError(str(error)) from error
        except (UnicodeDecodeError, OSError) as error:
            raise CommandError(f"{options['data']}: cannot read ({error})") from error
        try:
            model = incivility.load_artifact(options["artifacts_dir"], options["model_version"])
        except incivility.ModelNotFoundError as error:
            raise CommandError(str(error)) from error
        meta = model.metadata["thresholds"]
        thresholds = (float(meta["queue"]), float(meta["hold"]))
        if model.version == incivility.model_version():
            thresholds = incivility.thresholds()  # honour settings overrides when deployed
        cleaned = [incivility.clean_text(t) for t in texts]
        probabilities = model.probabilities(cleaned)
        metrics = training.binary_metrics(labels, probabilities, thresholds)
        metrics["model_version"] = model.version
        metrics["data"] = str(options["data"])
        if options["json"]:
            self.stdout.write(json.dumps(metrics, indent=2))
            return
        self.stdout.write(f"model {model.version} on {options['data']}")
        self.stdout.write(training.format_metrics_table(metrics))
