"""Every figure of issue 20's table on the blind, development and public sets."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from moderation import evaluation, training


class Command(BaseCommand):
    help = (
        "Report screening's figures (issue 20) with development, blind and public figures "
        "in separate columns."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data-dir", type=Path, help="public corpora (MODERATION_DATA_DIR)")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
        parser.add_argument(
            "--no-timing", action="store_true", help="skip the cold start and throughput runs"
        )
        parser.add_argument(
            "--no-blind",
            action="store_true",
            help="read no blind set: development and public figures only (for work in "
            "progress; the blind sets are scored once, at the end of a piece of work)",
        )
        parser.add_argument("--save", type=Path, help="also write the figures as JSON to this file")

    def handle(self, *args: Any, **options: Any) -> None:
        data_dir = options["data_dir"] or training.default_data_dir()
        try:
            result = evaluation.evaluate(
                data_dir=data_dir,
                timing=not options["no_timing"],
                blind_sets=not options["no_blind"],
            )
        except evaluation.EvaluationDataError as error:
            raise CommandError(str(error)) from error
        report = result.as_dict() | {"measured": datetime.now(UTC).isoformat(timespec="seconds")}
        if options["save"]:
            options["save"].write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2))
        else:
            self.stdout.write(evaluation.format_table(result))
