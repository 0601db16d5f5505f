"""Throughput and latency of the deployed incivility model (issue 4 targets).

Targets: score_many >= 2,000 posts/s on one core for ~300-character posts, and
one 2,000-character score() with drivers in about 10 ms.

Run: .venv/bin/python bench/bench_incivility.py [--posts N] [--json]
(pin to one core with `taskset -c 0` for the single-core number).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from detectors import incivility  # noqa: E402

CURATED = ROOT / "moderation" / "data" / "curated_incivility.csv"


def _posts(count: int, length: int, seed: int = 0) -> list[str]:
    # Realistic text: concatenated curated posts cut to the target length.
    with CURATED.open(encoding="utf-8", newline="") as handle:
        sentences = [row["text"] for row in csv.DictReader(handle)]
    rng = random.Random(seed)
    posts = []
    for _ in range(count):
        text = ""
        while len(text) < length:
            text += rng.choice(sentences) + " "
        posts.append(text[:length])
    return posts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    started = time.perf_counter()
    incivility.load_model()
    load_seconds = time.perf_counter() - started

    short_posts = _posts(args.posts, 300)
    incivility.score_many(short_posts[:50])  # warm caches
    started = time.perf_counter()
    for start in range(0, len(short_posts), 500):  # worker-sized batches
        incivility.score_many(short_posts[start : start + 500])
    batch_rate = len(short_posts) / (time.perf_counter() - started)

    long_posts = _posts(100, 2000, seed=1)
    timings = []
    for text in long_posts:
        started = time.perf_counter()
        incivility.score(text)
        timings.append((time.perf_counter() - started) * 1000)
    result = {
        "model_version": incivility.model_version(),
        "load_seconds": round(load_seconds, 3),
        "score_many_posts_per_second_300_chars": round(batch_rate),
        "score_2000_chars_ms_median": round(statistics.median(timings), 2),
        "score_2000_chars_ms_p95": round(sorted(timings)[int(len(timings) * 0.95)], 2),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:<40} {value}")


if __name__ == "__main__":
    main()
