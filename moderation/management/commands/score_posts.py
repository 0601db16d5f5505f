"""`manage.py score_posts`: the JSON Lines contract written out in detectors/jsonl.py.

`manage.py` runs detectors.jsonl.command_line for this command before Django loads the
project (a light start); this command is the same runner for `call_command` and for
`django-admin` with the project's settings.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from detectors.jsonl import parse_line, result_object, run

__all__ = ["Command", "parse_line", "result_object", "run"]


class Command(BaseCommand):
    help = "Score JSON Lines posts from stdin with the deployed screening; JSON Lines to stdout."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=512)

    def handle(self, *args: Any, **options: Any) -> None:
        run(sys.stdin.buffer, sys.stdout, batch_size=max(1, options["batch_size"]))
