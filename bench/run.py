"""`make bench`: load the data set, serve with gunicorn, measure pages and screening.

    .venv/bin/python bench/run.py                 # default data set
    .venv/bin/python bench/run.py --large         # 100,000 topics, 1,000,000 posts
    .venv/bin/python bench/run.py --duration 5 --rounds 2 --skip-screening

Pages are measured as a logged-in member with `wrk -t1 -c8` against gunicorn
(2 sync workers, DEBUG off), in interleaved rounds so machine noise spreads over every
page; the hello-world view of the same project is the ceiling. SQL queries and time in
the Django process per request are measured in this process with the test client.
Results go to bench/results/latest.json and latest.md (or latest-large.*), and the
README's Performance section between <!-- bench:start --> and <!-- bench:end -->.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
RESULTS = REPO / "bench" / "results"
VENV_BIN = Path(sys.executable).parent

from bench.load_data import BENCH_EMAIL, DEFAULT_URL  # noqa: E402

PAGES: list[tuple[str, str]] = [
    ("hello world (ceiling)", "/bench/hello"),
    # The member wrote none of these posts: the HTML every such reader shares
    # (forum/thread_html.py), the common case.
    ("thread page 2 (20 posts)", "/topics/1/?page=2"),
    ("thread middle page", "/topics/1/?page=25"),
    # The member wrote post 7 (bench/load_data.py): rendered for them alone, with their
    # edit and withdraw forms.
    ("thread page 1, one post the reader's", "/topics/1/"),
    ("group topic list", "/groups/group-1/"),
    ("home", "/"),
    ("search", "/search/?q=exposure+avoidance"),
]
CEILING = PAGES[0][0]


def bench_env(args: argparse.Namespace) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings_bench",
            "DATABASE_URL": args.database_url,
            "REDIS_URL": args.redis_url,
            "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnop",
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1",
            "CONN_MAX_AGE": "60",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "EMAIL_URL": "dummymail://",
            "LOG_LEVEL": "WARNING",
        }
    )
    env.pop("TESTING", None)
    return env


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    sys.exit("wrk is not installed (scripts/bench.sh installs it with apt-get)")


# --------------------------------------------------------------------------- in-process


def machine_loop_seconds() -> float:
    """How fast this machine runs Python right now: the best of three runs of a fixed
    pure-Python loop. Our machines are shared and their speed drifts by half within an
    hour; the figure says how to read the in-process times of a run against another's."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for i in range(3_000_000):
            total += i * i % 7
        best = min(best, time.perf_counter() - started)
    return round(best, 3)


def browser_cookies() -> dict[str, str]:
    """The cookies a signed-in browser sends: a real login session for the benchmark member
    (stored by the configured engine) and the CSRF cookie its first page set (without it,
    every page with a form would make a new CSRF secret and set the cookie again, which a
    browser's later requests never cost)."""
    from django.conf import settings
    from django.test import Client

    from accounts.models import User

    user = User.objects.get(email=BENCH_EMAIL)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    client.get("/topics/1/")
    return {
        settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value,
        settings.CSRF_COOKIE_NAME: client.cookies[settings.CSRF_COOKIE_NAME].value,
    }


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def in_process(cookies: dict[str, str], *, requests: int) -> dict[str, dict[str, float]]:
    """SQL queries and time in the Django process (median of `requests`) per page."""
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies.load(cookies)
    figures: dict[str, dict[str, float]] = {}
    for name, url in PAGES:
        for _ in range(10):
            response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        queries: list[str] = []

        def count(execute, sql, params, many, context, log=queries):  # type: ignore[no-untyped-def]
            log.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            client.get(url)
        timings = []
        budget = time.perf_counter() + 10  # slow pages (search) get fewer samples
        while len(timings) < requests and (len(timings) < 20 or time.perf_counter() < budget):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        figures[name] = {
            "queries": len(queries),
            "process_ms_p50": round(statistics.median(timings), 2),
            "process_ms_p90": round(timings[int(len(timings) * 0.9)], 2),
            "bytes": len(response.content),
        }
    return figures


def profile_page(cookies: dict[str, str], url: str, path: Path) -> None:
    """A cProfile of 200 requests to one page, top functions by cumulative time."""
    import cProfile
    import io
    import pstats

    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies.load(cookies)
    for _ in range(20):
        client.get(url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(200):
        client.get(url)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(45)
    path.write_text(out.getvalue())


# --------------------------------------------------------------------------- wrk

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s)", text)
    if not match:
        return float("nan")
    return float(match.group(1)) * _UNITS[match.group(2)]


def run_wrk(wrk: str, url: str, cookies: dict[str, str], duration: int) -> dict[str, float]:
    output = subprocess.run(
        [wrk, "-t1", "-c8", f"-d{duration}s", "--latency"]
        + ["-H", f"Cookie: {cookie_header(cookies)}", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=duration + 60,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"\s50%\s+(\S+)", output).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", output).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:.*", output)
    return {
        "rps": rps,
        "p50_ms": p50,
        "p99_ms": p99,
        "non_2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(0) if errors else "",
    }


class Gunicorn:
    def __init__(self, env: dict[str, str], port: int) -> None:
        self.port = port
        self.log = open(RESULTS / "gunicorn.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "config.wsgi:application",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=REPO,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/hello", timeout=2)
                return
            except OSError:
                if self.process.poll() is not None:
                    raise SystemExit("gunicorn exited; see bench/results/gunicorn.log") from None
                time.sleep(0.2)
        self.stop()
        raise SystemExit("gunicorn did not answer; see bench/results/gunicorn.log")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()


def drain(base: str) -> None:
    """Wait until both workers are idle: wrk stops sending, not the server working
    through requests already queued, which would otherwise count against the next page."""
    quick = 0
    deadline = time.monotonic() + 60
    while quick < 4 and time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            urllib.request.urlopen(f"{base}/bench/hello", timeout=30).read()
        except OSError:
            time.sleep(0.2)
            continue
        quick = quick + 1 if time.perf_counter() - started < 0.05 else 0


def measure_pages(
    args: argparse.Namespace, env: dict[str, str], cookies: dict[str, str]
) -> dict[str, Any]:
    """Each round runs every page once, in alternating order, each right after a shorter
    run of the ceiling: a page's share of the ceiling is the median over rounds of its
    throughput over the ceiling measured just before it. On a shared machine whose speed
    drifts over tens of seconds, a round's one ceiling run and a page run a minute later
    can differ by a third (2026-12-03: the same page at 0.13 and 0.20 of a round's
    ceiling); the pairs move together."""
    wrk = ensure_wrk()
    server = Gunicorn(env, args.port)
    pages = [page for page in PAGES if page[0] != CEILING]
    ceiling_url = dict(PAGES)[CEILING]
    ceiling_seconds = max(2, args.duration // 2)
    rounds: dict[str, list[dict[str, float]]] = {name: [] for name, _ in PAGES}
    ratios: dict[str, list[float]] = {name: [] for name, _ in pages}
    try:
        base = f"http://127.0.0.1:{args.port}"
        for _name, url in PAGES:  # warm both workers' caches and connections
            run_wrk(wrk, base + url, cookies, 1)
            drain(base)
        for round_number in range(args.rounds):
            order = pages if round_number % 2 == 0 else list(reversed(pages))
            for name, url in order:
                ceiling = run_wrk(wrk, base + ceiling_url, cookies, ceiling_seconds)
                rounds[CEILING].append(ceiling)
                drain(base)
                result = run_wrk(wrk, base + url, cookies, args.duration)
                rounds[name].append(result)
                drain(base)
                ratios[name].append(result["rps"] / ceiling["rps"])
                print(
                    f"  round {round_number + 1} {name:28} {result['rps']:8.1f} req/s"
                    f"  p50 {result['p50_ms']:.2f} ms  p99 {result['p99_ms']:.2f} ms"
                    f"  ceiling just before {ceiling['rps']:.0f} req/s: {ratios[name][-1]:.3f}",
                    flush=True,
                )
    finally:
        server.stop()
    summary: dict[str, Any] = {}
    for name, results in rounds.items():
        summary[name] = {
            "rps": round(statistics.median(r["rps"] for r in results), 1),
            "p50_ms": round(statistics.median(r["p50_ms"] for r in results), 2),
            "p99_ms": round(statistics.median(r["p99_ms"] for r in results), 2),
            "non_2xx": sum(int(r["non_2xx"]) for r in results),
            "rounds_rps": [r["rps"] for r in results],
        }
    summary[CEILING]["ratio"] = 1.0
    for name, values in ratios.items():
        summary[name]["ratio"] = round(statistics.median(values), 3)
        summary[name]["rounds_ratio"] = [round(value, 3) for value in values]
    return summary


# --------------------------------------------------------------------------- screening


def measure_screening(args: argparse.Namespace, env: dict[str, str]) -> dict[str, Any]:
    """Delegated to bench/screening.py in a subprocess, so a moderation module that is
    still being written cannot break the page figures."""
    figures: dict[str, Any] = {}
    script = REPO / "bench" / "screening.py"
    out = RESULTS / "screening.json"
    out.unlink(missing_ok=True)
    completed = subprocess.run(
        [sys.executable, str(script), "--out", str(out)]
        + (["--quick"] if args.duration < 5 else []),
        cwd=REPO,
        env=env,
        timeout=1200,
    )
    if out.exists():
        figures.update(json.loads(out.read_text()))
    else:
        figures["error"] = f"bench/screening.py exited with {completed.returncode}"
    draft = REPO / "bench" / "bench_draft_check.py"
    if draft.exists():
        done = subprocess.run(
            [sys.executable, str(draft), "--json"],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        try:
            report = json.loads(done.stdout[done.stdout.index("{") :])
            check = report.get("check_draft", report)
            figures["draft_check"] = {
                "p50_ms": check["p50_ms"],
                "p95_ms": check["p95_ms"],
                "report": report,
            }
        except (ValueError, KeyError):
            figures["draft_check"] = {
                "error": f"exit {done.returncode}: {(done.stderr or done.stdout)[-400:]}"
            }
    else:
        figures["draft_check"] = {"error": "bench/bench_draft_check.py is not in the tree yet"}
    return figures


# --------------------------------------------------------------------------- report

TARGETS = {
    "thread page 2 (20 posts)": 0.15,
    "thread middle page": 0.15,
    "thread page 1, one post the reader's": 0.15,
    "group topic list": 0.2,
    "home": 0.2,
}


def markdown(result: dict[str, Any]) -> str:
    pages = result["pages"]
    lines = [
        f"Measured {result['measured_at']} on {result['machine']}; data set "
        f"`{result['dataset']}` ({result['data']}). gunicorn, 2 sync workers, DEBUG off, "
        f"`wrk -t1 -c8`, {result['rounds']} interleaved rounds of {result['duration_s']} s, "
        "logged-in member; median of rounds. Each page run follows a run of the ceiling; its "
        "share is the median of its rounds' throughput over that ceiling (lowest and "
        "highest round in brackets). Queries and in-process time from the test client.",
    ]
    if result.get("machine_loop_s"):
        lines += [
            "",
            f"Machine speed: a fixed pure-Python loop (bench/run.py machine_loop_seconds) "
            f"took {result['machine_loop_s']} s at the start of this run; in-process times "
            "scale with it.",
        ]
    lines += [
        "",
        "| page | req/s | share of ceiling | target | p50 ms | p99 ms | SQL queries "
        "| ms in Django (p50) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, figures in pages.items():
        process = result["in_process"].get(name, {})
        target = TARGETS.get(name)
        lines.append(
            f"| {name} | {figures['rps']:.0f} | {_share(figures)} | "
            f"{'≥ ' + str(target) if target else ''} | {figures['p50_ms']:.2f} | "
            f"{figures['p99_ms']:.2f} | {process.get('queries', '')} | "
            f"{process.get('process_ms_p50', '')} |"
        )
    screening = result.get("screening")
    if screening:
        lines += ["", "| screening | figure | target |", "| --- | ---: | ---: |"]
        lines += screening_rows(screening)
        if result.get("screening_measured_at"):
            lines += ["", f"Screening figures from the run of {result['screening_measured_at']}."]
    return "\n".join(lines) + "\n"


def _share(figures: dict[str, Any]) -> str:
    share = f"{figures.get('ratio') or 0:.3f}"
    spread = figures.get("rounds_ratio")
    if spread and len(spread) > 1:
        share += f" ({min(spread):.3f}-{max(spread):.3f})"
    return share


def _fmt(value: Any, unit: str) -> str:
    if isinstance(value, int | float):
        return f"{value:,.1f} {unit}".strip()
    return str(value)


def screening_rows(screening: dict[str, Any]) -> list[str]:
    rows = []
    score = screening.get("score_posts", {})
    rows.append(
        "| `score_posts` throughput, one core (per CPU-second) | "
        f"{_fmt(score.get('posts_per_s', score.get('error', 'not measured')), 'posts/s')}"
        " | ≥ 2,000 posts/s |"
    )
    latency = screening.get("commit_to_result", {})
    if "p50_ms" in latency:
        rows.append(
            f"| commit → screening result at {latency.get('rate_per_s', 20)} posts/s "
            f"(p50 / p95) | {latency['p50_ms']:.0f} / {latency['p95_ms']:.0f} ms | p95 < 250 ms |"
        )
    else:
        rows.append(
            f"| commit → screening result | {latency.get('error', 'not measured')} | p95 < 250 ms |"
        )
    sustained = screening.get("worker_max_rate", {})
    rows.append(
        "| one worker process, sustained | "
        f"{_fmt(sustained.get('posts_per_s', sustained.get('error', 'not measured')), 'posts/s')}"
        " | ≥ 300 posts/s |"
    )
    draft = screening.get("draft_check", {})
    if "p95_ms" in draft:
        rows.append(
            f"| draft check, 2,000 characters (p50 / p95) | {draft.get('p50_ms', 0):.1f} / "
            f"{draft['p95_ms']:.1f} ms | p95 < 50 ms |"
        )
    else:
        rows.append(f"| draft check | {draft.get('error', 'not measured')} | p95 < 50 ms |")
    return rows


def update_readme(table: str) -> None:
    readme = REPO / "README.md"
    text = readme.read_text()
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    block = (
        f"{start}\n## Performance\n\n`make bench` (and `make bench-large`); method, profile and "
        "what is left in [bench/README.md](bench/README.md). Latest run:\n\n"
        f"{table}{end}"
    )
    if start in text and end in text:
        before, rest = text.split(start, 1)
        _, after = rest.split(end, 1)
        text = before + block + after
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    readme.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--large", action="store_true")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--skip-screening", action="store_true")
    parser.add_argument("--no-readme", action="store_true")
    parser.add_argument(
        "--screening-only",
        action="store_true",
        help="measure screening again and merge it into the latest results",
    )
    parser.add_argument("--database-url", default="")
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
    )
    args = parser.parse_args()
    # The large set has its own database, so the default one stays loaded.
    default_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    args.database_url = args.database_url or (default_url + "_large" if args.large else default_url)
    RESULTS.mkdir(parents=True, exist_ok=True)
    env = bench_env(args)
    suffix = "-large" if args.large else ""
    if args.screening_only:
        subprocess.run(
            [sys.executable, str(REPO / "bench" / "load_data.py")]
            + ["--database-url", args.database_url]
            + (["--large"] if args.large else []),
            cwd=REPO,
            env=env,
            check=True,
        )
        result = json.loads((RESULTS / f"latest{suffix}.json").read_text())
        result["screening"] = measure_screening(args, env)
        write_results(result, suffix, readme=not args.no_readme)
        return
    if not args.skip_load:
        subprocess.run(
            [sys.executable, str(REPO / "bench" / "load_data.py")]
            + ["--database-url", args.database_url]
            + (["--large"] if args.large else []),
            cwd=REPO,
            env=env,
            check=True,
        )
    os.environ.update(env)
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection

    cache.clear()
    cookies = browser_cookies()
    loop = machine_loop_seconds()
    print(f"machine: a fixed pure-Python loop took {loop} s", flush=True)
    print("in-process: queries and time per request", flush=True)
    process = in_process(cookies, requests=200)
    for name, figures in process.items():
        print(f"  {name:28} {figures['queries']:3} queries  {figures['process_ms_p50']:6.2f} ms")
    profile_page(cookies, "/topics/1/?page=2", RESULTS / f"profile-thread{suffix}.txt")
    profile_page(cookies, "/topics/1/", RESULTS / f"profile-thread-own{suffix}.txt")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM forum_topic")
        topics = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM forum_post")
        posts = cursor.fetchone()[0]
    connection.close()
    print("wrk: gunicorn, 2 sync workers", flush=True)
    pages = measure_pages(args, env, cookies)
    result: dict[str, Any] = {
        "measured_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} cores",
        "machine_loop_s": loop,
        "dataset": "large" if args.large else "default",
        "data": f"{topics:,} topics, {posts:,} posts",
        "duration_s": args.duration,
        "rounds": args.rounds,
        "pages": pages,
        "in_process": process,
    }
    if not args.skip_screening:
        print("screening", flush=True)
        result["screening"] = measure_screening(args, env)
    else:
        # Keep the last screening figures rather than dropping them from the results.
        previous = RESULTS / f"latest{suffix}.json"
        if previous.exists():
            old = json.loads(previous.read_text())
            if "screening" in old:
                result["screening"] = old["screening"]
                result["screening_measured_at"] = old.get(
                    "screening_measured_at", old.get("measured_at")
                )
    write_results(result, suffix, readme=not args.no_readme)


def write_results(result: dict[str, Any], suffix: str, *, readme: bool) -> None:
    table = markdown(result)
    (RESULTS / f"latest{suffix}.json").write_text(json.dumps(result, indent=2) + "\n")
    (RESULTS / f"latest{suffix}.md").write_text(table)
    print(table)
    if not readme:
        return
    # The README shows the default set's table with the last --large run beside it, so a
    # run of either refreshes it.
    default = result if not suffix else None
    if default is None and (RESULTS / "latest.json").exists():
        default = json.loads((RESULTS / "latest.json").read_text())
    if default is not None:
        update_readme(markdown(default) + large_comparison(default))


def large_comparison(result: dict[str, Any]) -> str:
    """The last --large run beside this one: does a page's cost grow with the forum?"""
    path = RESULTS / "latest-large.json"
    if not path.exists():
        return ""
    large = json.loads(path.read_text())
    lines = [
        "",
        f"With `--large` ({large['data']}, measured {large['measured_at']}): each page's "
        "share of the ceiling against the default set's (target: within 20%).",
        "",
        "| page | default | large | large / default |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, figures in result["pages"].items():
        other = large["pages"].get(name)
        if not other or name == CEILING:
            continue
        ratio = other["ratio"] / figures["ratio"] if figures["ratio"] else 0
        lines.append(f"| {name} | {figures['ratio']:.3f} | {other['ratio']:.3f} | {ratio:.2f} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
