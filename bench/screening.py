"""Screening figures for `make bench` (run by bench/run.py with the bench environment).

1. `score_posts` throughput on one core: the command run on 1,000 and on 6,000 posts;
   the difference removes start-up (loading Django and the model). The headline figure
   is posts per CPU-second of the child process, pinned to one thread (BLAS/OpenMP
   threads = 1), i.e. what one core does when it is not shared; wall-clock posts per
   second is reported beside it with the machine's load average, since on a shared
   machine the wall figure mostly measures the other load.
2. With a real Celery worker (`--pool solo`, one process) on Redis and the bench
   PostgreSQL database: new revisions committed at a steady 20 per second, and the
   time from each commit to its stored ScreeningResult (p50, p95).
3. The maximum sustained rate of that worker: 1,500 revisions queued while it is
   stopped, then drained; rate = revisions / (last result - first result).

Each part records an "error" instead of a figure when the moderation code it needs is
not there yet, so the page figures are never lost.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
VENV_BIN = Path(sys.executable).parent

from bench.load_data import SENTENCES  # noqa: E402


def sample_posts(count: int, seed: int = 4) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    posts = []
    for n in range(count):
        text = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 8)))
        item: dict[str, Any] = {"id": n, "text": text}
        if n % 2:
            item["trigger_warnings"] = ["none"]
        posts.append(item)
    return posts


ONE_THREAD = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}


def _run_score_posts(count: int) -> tuple[float, float]:
    """(wall seconds, child CPU seconds) for one score_posts run over `count` posts."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as handle:
        for item in sample_posts(count):
            handle.write(json.dumps(item) + "\n")
        path = handle.name
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with open(path) as stdin:
        done = subprocess.run(
            [sys.executable, "manage.py", "score_posts"],
            cwd=REPO,
            stdin=stdin,
            capture_output=True,
            timeout=600,
            env={**os.environ, **ONE_THREAD},
        )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    os.unlink(path)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode()[-400:])
    lines = done.stdout.decode().strip().splitlines()
    if len(lines) != count:
        raise RuntimeError(f"score_posts wrote {len(lines)} lines for {count} posts")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def score_posts_throughput() -> dict[str, Any]:
    if not (REPO / "moderation" / "management" / "commands" / "score_posts.py").exists():
        return {"error": "moderation/management/commands/score_posts.py is not in the tree yet"}
    load_before = os.getloadavg()[0]
    try:
        small_wall, small_cpu = _run_score_posts(1000)
        big_wall, big_cpu = _run_score_posts(6000)
    except Exception as exc:  # the command is still being written
        return {"error": f"score_posts failed: {exc}"}
    posts = 5000
    per_cpu_s = round(posts / max(big_cpu - small_cpu, 1e-6))
    return {
        # Kept under this key for bench/run.py's table: posts per CPU-second on one core.
        "posts_per_s": per_cpu_s,
        "posts_per_cpu_s": per_cpu_s,
        "posts_per_s_wall": round(posts / max(big_wall - small_wall, 1e-6)),
        "startup_s": round(max(small_wall - (big_wall - small_wall) / 5, 0), 2),
        "load_average_1m": round((load_before + os.getloadavg()[0]) / 2, 2),
        "cores": os.cpu_count(),
        "method": (
            "5,000 posts (6,000-post run minus 1,000-post run), one thread: posts_per_s is"
            " posts per CPU-second of that process (one core's worth of work);"
            " posts_per_s_wall is wall-clock on this machine at the load average shown"
        ),
    }


# --------------------------------------------------------------------------- Celery


def _setup_django() -> None:
    import django

    django.setup()


def _new_revisions(count: int, *, rate: float | None) -> list[tuple[int, float]]:
    """Commit `count` new replies (post + revision), enqueueing screening after commit
    the way forum.posting does; returns (revision id, commit time) pairs. The replies'
    authors rotate among the group's members, so publishing each one notifies the
    topic's author (a notice and its email task) as a real reply does."""
    from django.db import transaction
    from django.db.models import Max

    from forum.models import Membership, Post, Revision, Topic
    from forum.rendering import render_markdown
    from moderation.tasks import enqueue_screening

    topic = Topic.objects.select_related("group").get(pk=2)
    authors = list(
        Membership.objects.filter(group=topic.group, state=Membership.State.ACTIVE)
        .exclude(user_id=topic.author_id)
        .order_by("user_id")
        .values_list("user_id", flat=True)[:20]
    ) or [topic.author_id]
    next_number = (Post.objects.filter(topic=topic).aggregate(m=Max("number"))["m"] or 0) + 1
    bodies = [item["text"] for item in sample_posts(50, seed=9)]
    made: list[tuple[int, float]] = []
    started = time.perf_counter()
    for n in range(count):
        if rate:
            delay = started + n / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
        body = bodies[n % len(bodies)]
        author_id = authors[n % len(authors)]
        with transaction.atomic():
            post = Post.objects.create(
                topic=topic, author_id=author_id, number=next_number + n, status="pending"
            )
            revision = Revision.objects.create(
                post=post,
                number=1,
                body=body,
                body_html=render_markdown(body),
                disclaimer="not_clinical_advice",
                trigger_warnings=["none"],
                editor_id=author_id,
            )
            Post.objects.filter(pk=post.pk).update(
                current_revision=revision, revision_count=1, search_text=body
            )
            transaction.on_commit(lambda rid=revision.pk: enqueue_screening(rid))
        made.append((revision.pk, time.time()))
    return made


def _results(revision_ids: list[int]) -> dict[int, float]:
    from moderation.models import ScreeningResult

    return {
        revision_id: created.timestamp()
        for revision_id, created in ScreeningResult.objects.filter(
            revision_id__in=revision_ids
        ).values_list("revision_id", "created_at")
    }


def _wait_for(revision_ids: list[int], timeout: float) -> dict[int, float]:
    deadline = time.time() + timeout
    found: dict[int, float] = {}
    while time.time() < deadline:
        found = _results(revision_ids)
        if len(found) == len(revision_ids):
            break
        time.sleep(0.25)
    return found


class Worker:
    def __init__(self) -> None:
        self.log = open(REPO / "bench" / "results" / "celery-worker.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                str(VENV_BIN / "celery"),
                "-A",
                "config",
                "worker",
                "-Q",
                "screening",
                "--pool",
                "solo",
                "-n",
                f"bench-screening-{os.getpid()}@%h",
                "--without-gossip",
                "--without-mingle",
                "--loglevel",
                "WARNING",
            ],
            cwd=REPO,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()


def _purge_screening_queue() -> None:
    from config.celery import app

    with app.connection_for_write() as connection:
        connection.default_channel.queue_purge("screening")
    from moderation.tasks import PENDING_KEY, pending_client

    client = pending_client()
    if client is not None:
        client.delete(PENDING_KEY)


def _cpu_seconds(pid: int) -> float:
    """utime + stime of a process, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def celery_figures(quick: bool) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    try:
        _purge_screening_queue()
    except Exception as exc:
        error = f"broker unavailable: {exc}"
        return {"commit_to_result": {"error": error}, "worker_max_rate": {"error": error}}
    worker = Worker()
    try:
        # Warm up: the worker loads the model on its first task.
        warm = _new_revisions(5, rate=None)
        if len(_wait_for([rid for rid, _ in warm], 120)) < len(warm):
            raise RuntimeError("the worker stored no screening results within 120 s")
        count = 100 if quick else 300
        made = _new_revisions(count, rate=20.0)
        found = _wait_for([rid for rid, _ in made], 120)
        latencies = [(found[rid] - committed) * 1000 for rid, committed in made if rid in found]
        figures["commit_to_result"] = {
            "rate_per_s": 20,
            "posts": count,
            "screened": len(latencies),
            "p50_ms": round(statistics.median(latencies), 1),
            "p95_ms": round(_percentile(latencies, 0.95), 1),
            "max_ms": round(max(latencies), 1),
        }
    except Exception as exc:
        figures["commit_to_result"] = {"error": str(exc)[-300:]}
        worker.stop()
        figures["worker_max_rate"] = {"error": "not measured (see commit_to_result)"}
        return figures
    worker.stop()
    try:
        backlog = 400 if quick else 1500
        queued = _new_revisions(backlog, rate=None)
        worker = Worker()
        cpu_start = _cpu_seconds(worker.process.pid)
        wall_start = time.time()
        found = _wait_for([rid for rid, _ in queued], 600)
        wall_span = time.time() - wall_start
        cpu_span = _cpu_seconds(worker.process.pid) - cpu_start
        worker.stop()
        stamps = sorted(found.values())
        if len(stamps) < 2:
            raise RuntimeError("no screening results")
        # Skip the first 5%: the worker's start-up and model load.
        head = max(1, len(stamps) // 20)
        span = stamps[-1] - stamps[head]
        figures["worker_max_rate"] = {
            "posts_per_s": round((len(stamps) - 1 - head) / span, 1) if span > 0 else None,
            "backlog": backlog,
            "screened": len(stamps),
            "pool": "solo (one process)",
            # Whole drain including start-up and model load, per CPU-second of the worker
            # (the rest of the machine's load excluded) and per wall second.
            "posts_per_worker_cpu_s": round(len(stamps) / cpu_span, 1) if cpu_span else None,
            "drain_wall_s": round(wall_span, 2),
            "load_average_1m": round(os.getloadavg()[0], 2),
        }
    except Exception as exc:
        worker.stop()
        figures["worker_max_rate"] = {"error": str(exc)[-300:]}
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    figures: dict[str, Any] = {"score_posts": score_posts_throughput()}
    print(f"  score_posts: {figures['score_posts']}", flush=True)
    _setup_django()
    figures.update(celery_figures(args.quick))
    print(f"  commit to result: {figures['commit_to_result']}", flush=True)
    print(f"  worker max rate: {figures['worker_max_rate']}", flush=True)
    Path(args.out).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
