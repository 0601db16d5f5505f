"""Latency of the author draft check ("check yourself before posting") on one core.

    .venv/bin/python bench/bench_draft_check.py              # table
    .venv/bin/python bench/bench_draft_check.py --json       # machine-readable
    .venv/bin/python bench/bench_draft_check.py --rounds 500 --chars 2000

The target (issue 5): p95 under 150 ms for a 2,000-character draft on one core.
Measures, per draft, `forum.nudges.check_draft` (tone model, identifiers, content
warnings, highlighting) and the same plus rendering the partial the htmx endpoint
returns, which is the endpoint's work minus login, session and CSRF. Drafts rotate
through clinical vignettes with identifiers, heated wording and warning cues so no
run is cheaper than a real one. The process is pinned to one CPU where the OS allows.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.template.loader import render_to_string  # noqa: E402

from forum import nudges  # noqa: E402

PARAGRAPHS = [
    "I am consulting on a client in her late 30s with panic disorder and agoraphobia. "
    "We have done eight sessions of interoceptive exposure and she now drives to the "
    "clinic alone, but she still avoids the grocery store on weekends.",
    "Her mother, Maria Alvarez, called me on 03/14/2024 from 503-555-0199 asking about "
    "her progress; the release of information only covers her PCP, MRN 4481920.",
    "Honestly, whoever told you that benzodiazepines are fine long term is clueless, and "
    "frankly your supervisor sounds incompetent if they signed off on this plan.",
    "She disclosed passive suicidal ideation last month and a history of self-harm in "
    "college; we updated the safety plan and she agreed to a crisis line check-in.",
    "What pacing has worked for you when a client plateaus at the last steps of the "
    "hierarchy? I would value references on spacing sessions during the taper.",
    "You clearly have no idea what you are doing with this client, and I will report "
    "you to the board if you keep posting advice like this.",
    "Her partner drinks heavily on weekends and there was one incident of shoving, which "
    "she minimised; we talked about a domestic violence hotline and options.",
]


def make_drafts(chars: int, count: int = 6) -> list[str]:
    drafts = []
    for shift in range(count):
        ordered = PARAGRAPHS[shift:] + PARAGRAPHS[:shift]
        text = ""
        while len(text) < chars:
            text += "\n\n".join(ordered) + "\n\n"
        drafts.append(text[:chars].rsplit(" ", 1)[0])
    # Heated drafts too, so the tone finding and its highlighting are in the figures.
    heated = [p for p in PARAGRAPHS if "clueless" in p or "report" in p]
    for shift in range(count // 2):
        text = ""
        while len(text) < chars:
            text += "\n\n".join(heated[shift % 2 :] + heated + PARAGRAPHS[shift : shift + 1])
            text += "\n\n"
        drafts.append(text[:chars].rsplit(" ", 1)[0])
    return drafts


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity on this OS)"


def timed(run: Callable[[str], object], drafts: list[str], rounds: int) -> list[float]:
    for draft in drafts * 3:  # warm-up: model load, regex compilation, template cache
        run(draft)
    samples = []
    for index in range(rounds):
        draft = drafts[index % len(drafts)]
        started = time.perf_counter()
        run(draft)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

    return {
        "n": len(ordered),
        "mean_ms": round(statistics.fmean(ordered), 2),
        "p50_ms": round(pct(50), 2),
        "p95_ms": round(pct(95), 2),
        "p99_ms": round(pct(99), 2),
        "max_ms": round(ordered[-1], 2),
    }


def check(draft: str) -> nudges.DraftCheck:
    return nudges.check_draft(
        body=draft,
        title="Plateau at the end of an exposure hierarchy",
        declared_warnings=["none"],
        purpose="case_consultation",
        disclaimer="deidentified",
    )


def check_and_render(draft: str) -> str:
    return render_to_string(
        "forum/_draft_check.html", {"check": check(draft), "nudge_id": 1, "oob": True}
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--chars", type=int, default=2000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    pinning = pin_to_one_core()
    drafts = make_drafts(args.chars)
    sample = check(drafts[0])
    results = {
        "draft_chars": len(drafts[0]),
        "cpu": pinning,
        "tone_model": "loaded" if sample.tone is not None else "not installed (tone skipped)",
        "findings_per_draft": sample.codes,
        "tone_fired_in": f"{sum(check(d).tone_fires for d in drafts)} of {len(drafts)} drafts",
        "check_draft": summary(timed(check, drafts, args.rounds)),
        "check_and_render": summary(timed(check_and_render, drafts, args.rounds)),
        "target_p95_ms": 150,
    }
    results["meets_target"] = results["check_and_render"]["p95_ms"] < 150
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"Draft check latency: {results['draft_chars']}-character drafts, {results['cpu']}")
    print(f"tone model: {results['tone_model']}; tone fired in {results['tone_fired_in']}")
    print(f"findings in the first draft: {', '.join(sample.codes) or 'none'}")
    print(f"{'':20} {'n':>5} {'mean':>8} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}  (ms)")
    for name in ("check_draft", "check_and_render"):
        row = results[name]
        print(
            f"{name:20} {row['n']:>5} {row['mean_ms']:>8} {row['p50_ms']:>8} "
            f"{row['p95_ms']:>8} {row['p99_ms']:>8} {row['max_ms']:>8}"
        )
    verdict = "meets" if results["meets_target"] else "MISSES"
    print(f"p95 target < 150 ms: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
