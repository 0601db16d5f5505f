"""The `score_posts` JSON Lines contract, written out here, pure: no database, no apps.

stdin, one object per line:  {"id": ..., "text": "...", "trigger_warnings": [...]}  (optional)
stdout, one object per line: {"id", "incivility", "phi": [{"kind", "start", "end"}],
    "content_warnings", "missing_warnings", "decision", "reasons", "model_version"}

Without "trigger_warnings" the missing-warning rule is not applied. A bad line
(not JSON, not an object, no text) gets {"id": ... if known, "line": n, "error": "..."}.
Blank lines are skipped. Incivility is scored in batches for throughput.

`manage.py score_posts` runs `command_line` directly, before Django loads the project's
settings and apps (issue 20.4: a cold start for one post under 1.5 s): screening reads
only its two threshold settings, which `screening_settings` takes from the environment
as config/settings.py does (not imported from `config`, whose package starts Celery's
app). `moderation`'s management command calls `run` too, so tests and `call_command`
see the same output.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping, Sequence
from typing import IO, Any

from detectors.policy import decide, thresholds
from detectors.screen import ScreenReport, screen_many

Parsed = tuple[Any, str, list[str] | None]


def parse_line(raw: bytes) -> Parsed | dict[str, Any]:
    """(id, text, declared warnings) or an error object for the line."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        return {"error": "line is not valid UTF-8"}
    try:
        item = json.loads(line)
    except ValueError as exc:
        return {"error": f"not valid JSON: {exc.msg}"}
    if not isinstance(item, dict):
        return {"error": "each line must be a JSON object"}
    post_id = item.get("id")
    if isinstance(post_id, dict | list):
        return {"error": "id must be a string or a number"}
    text = item.get("text")
    if "text" not in item:
        return {"id": post_id, "error": "missing text"}
    if not isinstance(text, str):
        return {"id": post_id, "error": "text must be a string"}
    declared = item.get("trigger_warnings")
    if declared is not None and (
        not isinstance(declared, list) or not all(isinstance(w, str) for w in declared)
    ):
        return {"id": post_id, "error": "trigger_warnings must be a list of strings"}
    return post_id, text, declared


def result_object(
    post_id: Any, report: ScreenReport, limits: tuple[float, float]
) -> dict[str, Any]:
    decision = decide(report, limits=limits)
    return {
        "id": post_id,
        "incivility": round(report.incivility, 6),
        "phi": [{"kind": s.kind, "start": s.start, "end": s.end} for s in report.identifiers],
        "content_warnings": report.warnings_called_for,
        "missing_warnings": report.missing_warnings,
        "decision": decision.action,
        "reasons": decision.texts,
        "model_version": report.model_version,
    }


def run(source: IO[bytes], sink: IO[str], *, batch_size: int = 512) -> None:
    limits = thresholds()
    pending: list[tuple[int, Parsed | dict[str, Any]]] = []
    number = 0
    for raw in source:
        number += 1
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        pending.append((number, parse_line(raw)))
        if len(pending) >= batch_size:
            _flush(pending, sink, limits)
            pending = []
    if pending:
        _flush(pending, sink, limits)
    sink.flush()


def _flush(
    pending: list[tuple[int, Parsed | dict[str, Any]]],
    sink: IO[str],
    limits: tuple[float, float],
) -> None:
    good = [(n, item) for n, item in pending if isinstance(item, tuple)]
    outputs: dict[int, dict[str, Any]] = {}
    try:
        reports = screen_many([(text, declared) for _, (_, text, declared) in good])
        for (n, (post_id, _, _)), report in zip(good, reports, strict=True):
            outputs[n] = result_object(post_id, report, limits)
    except Exception:
        # One pathological text must not sink its batch: score the batch line by line.
        for n, (post_id, text, declared) in good:
            try:
                outputs[n] = result_object(post_id, screen_many([(text, declared)])[0], limits)
            except Exception as exc:
                outputs[n] = {"id": post_id, "error": f"screening failed: {type(exc).__name__}"}
    lines = []
    for n, item in pending:
        if isinstance(item, dict):
            obj = {"id": item.get("id"), "line": n, "error": item["error"]}
        else:
            obj = outputs[n]
            if "error" in obj:
                obj = {**obj, "line": n}
        lines.append(json.dumps(obj))
    sink.write("\n".join(lines) + "\n")
    sink.flush()


THRESHOLD_VARIABLES = ("MODERATION_QUEUE_THRESHOLD", "MODERATION_HOLD_THRESHOLD")


def screening_settings(environ: Mapping[str, str] | None = None) -> dict[str, float | None]:
    """The threshold settings from the environment, parsed as config/settings.py parses
    them (unset or blank: the model artifact's own), for settings.configure()."""
    from django.core.exceptions import ImproperlyConfigured

    source = os.environ if environ is None else environ
    values: dict[str, float | None] = {}
    for name in THRESHOLD_VARIABLES:
        raw = source.get(name, "").strip()
        try:
            values[name] = float(raw) if raw else None
        except ValueError as error:
            raise ImproperlyConfigured(f"{name} must be a number, got {raw!r}") from error
    return values


def command_line(argv: Sequence[str]) -> int:
    """`manage.py score_posts [--batch-size N]` without the project's settings and apps."""
    from django.conf import settings

    parser = argparse.ArgumentParser(
        prog="manage.py score_posts",
        description="Score JSON Lines posts from stdin with the deployed screening; "
        "JSON Lines to stdout.",
    )
    parser.add_argument("--batch-size", type=int, default=512)
    options = parser.parse_args(list(argv))
    if not settings.configured:
        from django.core.exceptions import ImproperlyConfigured

        try:
            settings.configure(**screening_settings())
        except ImproperlyConfigured as error:
            parser.exit(2, f"score_posts: {error}\n")
    run(sys.stdin.buffer, sys.stdout, batch_size=max(1, options.batch_size))
    return 0
