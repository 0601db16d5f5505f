"""Turn a blind set that has been scored into development data (moderation/data/README.md).

    .venv/bin/python scripts/retire_blind_set.py 2026-12-06f --number 24 --short 06f \\
        --scored "2026-12-07 10:05" --retired-on 2026-12-07 [--source-dir DIR] [--out-dir DIR] \\
        [--force] [--dry-run]

Reads the blind files of one set from --source-dir (default moderation/data/blind):
vignettes_<suffix>.txt, signatures_<suffix>.txt and deidentified_<suffix>.txt (read with
`moderation.evaluation.read_vignettes` and `read_lines`) and content_warnings_<suffix>.tsv
(checked with `read_warning_texts`). Any of them may be missing; the others are converted.
Writes to --out-dir (default moderation/data):

- phi_dev_<NN>_retired_blind.jsonl: vignettes (rbNN-v000...), then signatures (rbNN-s000...,
  `"signature": true`), then de-identified posts (rbNN-d000...), one JSON object a line;
- content_warnings_train_writer_retired_blind_<short>.tsv: a header line, then the source file
  as is. Since stop 34 (2026-12-07) a retired warning set is not development data but one
  independent writer's training texts for the content-warning model
  (`moderation/warning_training.py`, held out whole when its thresholds are chosen): retrain
  it afterwards (`manage.py train_moderation_model --warnings-only`).

A new phi_dev file changes the own-details model's training data: retrain it afterwards
(`manage.py train_moderation_model --own-details-only`). Every converted row is checked
against its source line first (the gold marks put back into
the text give the line back exactly; no mark is left unparsed; every kind is known); if any
check fails, or an output exists and --force is not given, nothing is written.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

KINDS = (
    "name",
    "date",
    "record_number",
    "age",
    "zip",
    "phone",
    "device_id",
    "license_plate",
    "address",
    "email",
    "url",
    "ip",
    "ssn",
)
# (file stem, id letter), in the order the rows are written.
PHI_FILES = (("vignettes", "v"), ("signatures", "s"), ("deidentified", "d"))
NOTE = (
    "development data: retired blind set (was moderation/data/blind/{name}, written by hand"
    " by a writer shown no code or data of this repository and scored once as blind"
    " (blind/SCORES.md, {scored}); retired to development on {retired_on}"
)
WARNINGS_HEADER = (
    "# RETIRED BLIND SET, now training data (was moderation/data/blind/{name}):"
    " categories<TAB>text, scored once as blind (blind/SCORES.md, {scored}) and retired on"
    " {retired_on}; one independent writer's texts for the content-warning model from then on"
    " (retrain it: make train)."
)


def source_lines(path: Path) -> list[tuple[int, str]]:
    """(line number, line) of the lines `evaluation.read_lines` keeps, as written (a literal
    \\n left as it is)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return [
        (number, line)
        for number, line in enumerate(lines, start=1)
        if line.strip() and not line.startswith("#")
    ]


def remark(row: dict[str, Any]) -> str:
    """The source line of a converted row: its gold marks put back into the text and line
    breaks written as a literal \\n."""
    text, out, position = row["text"], "", 0
    for span in row["spans"]:
        out += text[position : span["start"]] + f"[[{span['kind']}|{span['text']}]]"
        position = span["end"]
    return (out + text[position:]).replace("\n", "\\n")


def phi_rows(path: Path, letter: str, number: str, note: str) -> list[dict[str, Any]]:
    """The development rows of one blind identifier file (`letter` v, s or d)."""
    from moderation import evaluation

    if letter == "v":
        parsed = evaluation.read_vignettes(path)
    else:
        parsed = [(text, []) for text in evaluation.read_lines(path)]
    rows = []
    for index, (text, spans) in enumerate(parsed):
        row: dict[str, Any] = {
            "id": f"rb{number}-{letter}{index:03d}",
            "deidentified": letter != "v",
        }
        if letter == "s":
            row["signature"] = True
        row["text"] = text
        row["spans"] = [
            {"kind": kind, "start": start, "end": end, "text": text[start:end]}
            for kind, start, end in spans
        ]
        row["note"] = note
        rows.append(row)
    return rows


def row_problems(row: dict[str, Any], line: str, where: str) -> list[str]:
    """What is wrong with a converted row, given the source line it came from."""
    problems = []
    text = row["text"]
    for span in row["spans"]:
        if span["kind"] not in KINDS:
            problems.append(f"{where}: unknown kind {span['kind']!r} (known: {', '.join(KINDS)})")
        if text[span["start"] : span["end"]] != span["text"]:
            problems.append(f"{where}: span {span} is not the text at its offsets")
    for mark in ("[[", "]]"):
        if mark in text:
            at = text.index(mark)
            problems.append(f"{where}: malformed mark left in the text: {text[at : at + 40]!r}")
    if remark(row) != line:
        problems.append(f"{where}: putting the marks back does not give the source line")
    return problems


def phi_output(
    args: argparse.Namespace, missing: list[str], problems: list[str]
) -> tuple[str, str] | None:
    """(content, summary) of the identifier file, or None when none of its sources exists."""
    number = f"{args.number:02d}"
    rows: list[dict[str, Any]] = []
    per_file: list[str] = []
    for stem, letter in PHI_FILES:
        path = args.source_dir / f"{stem}_{args.suffix}.txt"
        if not path.is_file():
            missing.append(path.name)
            continue
        note = NOTE.format(name=path.name, scored=args.scored, retired_on=args.retired_on)
        converted = phi_rows(path, letter, number, note)
        lines = source_lines(path)
        if len(converted) != len(lines):
            problems.append(f"{path.name}: {len(converted)} rows from {len(lines)} lines")
        for row, (line_number, line) in zip(converted, lines, strict=False):
            problems += row_problems(row, line, f"{path.name} line {line_number}")
        rows += converted
        per_file.append(f"{len(converted)} {stem}")
    if not rows:
        return None
    kinds = Counter(span["kind"] for row in rows for span in row["spans"])
    summary = (
        f"{len(rows)} rows ({', '.join(per_file)}); {sum(kinds.values())} spans: "
        + ", ".join(f"{kind} {kinds[kind]}" for kind in KINDS if kinds[kind])
    )
    return "".join(json.dumps(row) + "\n" for row in rows), summary


def warnings_output(
    args: argparse.Namespace, missing: list[str], problems: list[str]
) -> tuple[str, str] | None:
    """(content, summary) of the content-warning file, or None when its source is missing."""
    from moderation import evaluation

    path = args.source_dir / f"content_warnings_{args.suffix}.tsv"
    if not path.is_file():
        missing.append(path.name)
        return None
    try:
        rows = evaluation.read_warning_texts(path)
    except evaluation.EvaluationDataError as error:
        problems.append(str(error))
        return None
    header = WARNINGS_HEADER.format(name=path.name, scored=args.scored, retired_on=args.retired_on)
    categories = Counter(category for gold, _ in rows for category in gold)
    summary = f"{len(rows)} rows; categories: " + ", ".join(
        [f"{category} {n}" for category, n in sorted(categories.items())]
        + [f"none {sum(1 for gold, _ in rows if not gold)}"]
    )
    return header + "\n" + path.read_bytes().decode("utf-8"), summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("suffix", help="the blind set's suffix, e.g. 2026-12-06f")
    parser.add_argument("--number", type=int, required=True, help="NN of phi_dev_NN_...")
    parser.add_argument("--short", required=True, help="e.g. 06f, for the warnings file name")
    parser.add_argument("--scored", required=True, help='when scored blind, "YYYY-MM-DD HH:MM"')
    parser.add_argument("--retired-on", required=True, help="YYYY-MM-DD")
    parser.add_argument("--source-dir", type=Path, default=REPO / "moderation/data/blind")
    parser.add_argument("--out-dir", type=Path, default=REPO / "moderation/data")
    parser.add_argument("--force", action="store_true", help="overwrite existing outputs")
    parser.add_argument("--dry-run", action="store_true", help="check and print, write nothing")
    args = parser.parse_args(argv)

    missing: list[str] = []
    problems: list[str] = []
    outputs = []
    phi = phi_output(args, missing, problems)
    if phi:
        outputs.append((args.out_dir / f"phi_dev_{args.number:02d}_retired_blind.jsonl", *phi))
    warnings = warnings_output(args, missing, problems)
    if warnings:
        name = f"content_warnings_train_writer_retired_blind_{args.short}.tsv"
        outputs.append((args.out_dir / name, *warnings))
    if not outputs and not problems:
        problems.append(f"no file of blind set {args.suffix} in {args.source_dir}")
    if not args.force:
        problems += [
            f"{path} exists (--force to overwrite)" for path, _, _ in outputs if path.exists()
        ]
    if problems:
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        print("nothing written", file=sys.stderr)
        return 1

    if missing:
        print(f"missing (not converted): {', '.join(missing)}")
    for path, content, summary in outputs:
        if not args.dry_run:
            path.write_text(content, encoding="utf-8", newline="")
        print(f"{'would write' if args.dry_run else 'wrote'} {path.name}: {summary}")
    if not args.dry_run and any(path.name.startswith("phi_dev") for path, _, _ in outputs):
        # The own-details model is trained on every phi_dev*.jsonl file (its test checks it).
        print(
            "next: retrain the own-details model on the new development file "
            "(manage.py train_moderation_model --own-details-only) and commit the artifact"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
