"""Bounded load: mixed reading, posting and flagging against gunicorn on loopback.

`make loadtest` (LOADTEST=1): LOAD_SECONDS (default 60) at LOAD_THREADS (default 6)
fixed concurrency, against gunicorn (2 workers), a Celery worker and beat, PostgreSQL
and our own redis-server. Holds: zero 5xx answers; the posts in the database equal the
posts the server acknowledged; every one is screened afterwards. Prints its figures.
"""

from __future__ import annotations

import os
import random
import threading
import time
from dataclasses import dataclass, field

import pytest
from django.urls import reverse

from accounts.models import User
from forum.models import Group, Post, Topic
from tests.reliability.test_faults import Stack, assert_nothing_lost_or_doubled, signed_in

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(os.environ.get("LOADTEST") != "1", reason="run with `make loadtest`"),
]

SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
THREADS = int(os.environ.get("LOAD_THREADS", "6"))


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    statuses: dict[str, list[int]] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)
    refused: list[tuple[str, int]] = field(default_factory=list)

    def record(self, kind: str, status: int, seconds: float) -> None:
        with self.lock:
            self.statuses.setdefault(kind, []).append(status)
            self.latencies.append(seconds)


def test_mixed_load_loses_nothing_and_never_answers_5xx(
    stack: Stack,
    group: Group,
    topic: Topic,
    clinician: User,
    other_clinician: User,
    organizer: User,
) -> None:
    users = [clinician, other_clinician, organizer]
    tally = Tally()
    stop = threading.Event()
    topic_url = reverse("forum:topic", args=[topic.pk])
    group_url = reverse("forum:group", args=[group.slug])
    create_url = reverse("forum:topic_create", args=[group.slug])
    seed_posts = [topic.posts.get().pk]

    def worker(index: int) -> None:
        member = signed_in(stack, users[index % len(users)])
        rng = random.Random(index)  # noqa: S311 (load mix, not security)
        n = 0
        while not stop.is_set():
            roll = rng.random()
            started = time.monotonic()
            if roll < 0.7:
                kind = "read"
                status, _ = member.get(rng.choice([topic_url, group_url, "/", "/groups/"]))
            elif roll < 0.9:
                kind = "post"
                title = f"load-{index}-{n}"
                n += 1
                status, _ = member.post(
                    create_url,
                    {
                        "title": title,
                        "purpose": "case_consultation",
                        "body": f"How do you pace exposure work? ({title})",
                        "trigger_warnings": ["none"],
                        "disclaimer": "deidentified",
                    },
                )
                with tally.lock:
                    if status == 302:
                        tally.acknowledged.append(title)
                    else:
                        tally.refused.append((title, status))
            else:
                kind = "flag"
                post_id = rng.choice(seed_posts)
                status, _ = member.post(
                    reverse("moderation:flag", args=[post_id]),
                    {"reason": "misinformation", "text": "load test"},
                )
            tally.record(kind, status, time.monotonic() - started)

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(THREADS)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(SECONDS)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    elapsed = time.monotonic() - began

    every = [s for statuses in tally.statuses.values() for s in statuses]
    latencies = sorted(tally.latencies)

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    print(
        f"\nload: {len(every)} requests in {elapsed:.0f} s ({len(every) / elapsed:.1f}/s) "
        f"at {THREADS} threads; p50 {pct(0.5):.0f} ms, p95 {pct(0.95):.0f} ms, "
        f"p99 {pct(0.99):.0f} ms"
    )
    for kind, statuses in sorted(tally.statuses.items()):
        counts = {s: statuses.count(s) for s in sorted(set(statuses))}
        print(f"  {kind}: {len(statuses)} requests, statuses {counts}")
    stored = Post.objects.filter(topic__title__startswith="load-").count()
    print(f"  posts acknowledged {len(tally.acknowledged)}, stored {stored}")
    assert [s for s in every if s >= 500] == []
    assert stored == len(tally.acknowledged)

    class _Posting:
        acknowledged = tally.acknowledged
        refused = tally.refused

    assert_nothing_lost_or_doubled(stack, _Posting(), "load")  # type: ignore[arg-type]
