"""Full screening outputs on every development text, to prove a speed change changes nothing.

    .venv/bin/python bench/screening_outputs.py dump OUT.json     # this tree's outputs
    .venv/bin/python bench/screening_outputs.py compare A.json B.json
    .venv/bin/python bench/screening_outputs.py time [--repeat N] # CPU s per post, in-process

The texts: every text of moderation/data (not blind/), each screened with no declared
warnings, with ["none"] and with one declared category (so the missing-warning rule runs),
plus the bench's sample posts. Outputs: screen_many with and without drivers (every score,
identifier span, warning and its confidence, missing warnings, driver and weight), the
incivility spans of score(), the decision of detectors.policy and the score_posts line.
Floats are compared to 1e-12, everything else exactly.
"""

from __future__ import annotations

import csv
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

DATA = REPO / "moderation" / "data"


def development_texts() -> list[str]:
    texts: list[str] = []
    for path in sorted(DATA.iterdir()):
        if not path.is_file():
            continue
        if path.suffix in (".tsv", ".txt"):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip() and not line.startswith("#"):
                    texts.append(line.split("\t")[-1])
        elif path.suffix == ".csv":
            with path.open(encoding="utf-8", newline="") as handle:
                texts += [row["text"] for row in csv.DictReader(handle) if row.get("text")]
        elif path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    texts.append(json.loads(line)["text"])
    return texts


def all_texts() -> list[str]:
    from bench.screening import sample_posts

    return development_texts() + [post["text"] for post in sample_posts(1000)]


def _declared(index: int) -> list[str] | None:
    return [None, ["none"], ["substance_use"]][index % 3]


def outputs(texts: list[str]) -> dict[str, Any]:
    from detectors import incivility
    from detectors.jsonl import result_object
    from detectors.policy import decide
    from detectors.screen import screen_many

    limits = (0.5, 0.9)
    items = [(text, _declared(i)) for i, text in enumerate(texts)]
    out: dict[str, Any] = {}
    for drivers in (False, True):
        reports = []
        for start in range(0, len(items), 512):
            reports += screen_many(items[start : start + 512], drivers=drivers)
        out[f"reports_drivers_{drivers}"] = [
            {
                "incivility": r.incivility,
                "model_version": r.model_version,
                "identifiers": [repr(span) for span in r.identifiers],
                "warnings": r.warnings_called_for,
                "missing": r.missing_warnings,
                "drivers": r.drivers,
                "confidence": r.warning_confidence,
                "decision": repr(decide(r, limits=limits)),
                "line": result_object(i, r, limits),
            }
            for i, r in enumerate(reports)
        ]
    out["spans"] = [incivility.score(text).spans for text in texts[::7]]
    return out


def compare(a: Any, b: Any, where: str = "") -> list[str]:
    if isinstance(a, float) and isinstance(b, float):
        return [] if abs(a - b) <= 1e-12 else [f"{where}: {a!r} != {b!r}"]
    if isinstance(a, dict) and isinstance(b, dict):
        if list(a) != list(b):
            return [f"{where}: keys {list(a)} != {list(b)}"]
        return [d for k in a for d in compare(a[k], b[k], f"{where}.{k}")]
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{where}: length {len(a)} != {len(b)}"]
        return [
            d
            for i, (x, y) in enumerate(zip(a, b, strict=True))
            for d in compare(x, y, f"{where}[{i}]")
        ]
    return [] if a == b and type(a) is type(b) else [f"{where}: {a!r} != {b!r}"]


def main(argv: list[str]) -> int:
    if argv[0] == "dump":
        texts = all_texts()
        result = {"texts": texts, "outputs": outputs(texts)}
        Path(argv[1]).write_text(json.dumps(result), encoding="utf-8")
        print(f"{len(texts)} texts written to {argv[1]}")
        return 0
    if argv[0] == "compare":
        a, b = (json.loads(Path(p).read_text(encoding="utf-8")) for p in argv[1:3])
        differences = compare(a, b)
        for line in differences[:20]:
            print(line)
        print(f"{len(a['texts'])} texts; {len(differences)} differences")
        return 1 if differences else 0
    if argv[0] == "time":
        from detectors.screen import screen_many

        repeat = int(argv[2]) if len(argv) > 2 and argv[1] == "--repeat" else 5
        texts = all_texts()
        items = [(text, _declared(i)) for i, text in enumerate(texts)]
        screen_many(items[:512], drivers=True)  # load the models
        figures = []
        for _ in range(repeat):
            started = time.process_time()
            for start in range(0, len(items), 512):
                screen_many(items[start : start + 512], drivers=True)
            figures.append((time.process_time() - started) / len(items))
        print(
            json.dumps(
                {
                    "texts": len(items),
                    "cpu_ms_per_post_median": round(statistics.median(figures) * 1000, 4),
                }
            )
        )
        return 0
    raise SystemExit(__doc__)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
