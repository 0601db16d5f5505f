"""Bounded load: mixed reading, posting and flagging against gunicorn on loopback.

`make loadtest` (LOADTEST=1): LOAD_SECONDS (default 60) at LOAD_THREADS (default 6)
fixed concurrency, against gunicorn (2 workers), a Celery worker and beat, PostgreSQL
and our own redis-server. Holds: zero 5xx answers; the posts in the database equal the
posts the server acknowledged; every one is screened afterwards; the flags stored equal
the flags acknowledged, each in its post's one active case (flags land on replies of
another member, concurrently from two threads per member, until a member reaches
its hourly flag limit; the rest are refused with 400). Prints its figures.
"""

from __future__ import annotations

import os
import random
import threading
import time
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import User
from config import ratelimit
from forum.models import Group, Membership, Post, Topic
from forum.posting import reply_create
from moderation.models import Case, Flag
from tests import factories
from tests.conftest import make_verified_clinician
from tests.reliability.test_faults import Stack, assert_nothing_lost_or_doubled, signed_in

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(os.environ.get("LOADTEST") != "1", reason="run with `make loadtest`"),
]

SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
THREADS = int(os.environ.get("LOAD_THREADS", "6"))
# Replies of a member who takes no part in the load: what the others flag.
FLAG_TARGETS = 12


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
    django_capture_on_commit_callbacks,
) -> None:
    users = [clinician, other_clinician, organizer]
    writer = make_verified_clinician(display_name="Wren Writer", handle="wren")
    factories.MembershipFactory(group=group, user=writer, role=Membership.Role.MEMBER)
    flag_targets = []
    for _ in range(FLAG_TARGETS):
        # Screened in this process after commit, as the topic fixture's first post is.
        with django_capture_on_commit_callbacks(execute=True):
            reply = reply_create(author=writer, topic=topic, content=factories.content())
        flag_targets.append(reply.pk)
    assert Post.objects.filter(pk__in=flag_targets, status="published").count() == FLAG_TARGETS
    tally = Tally()
    stop = threading.Event()
    topic_url = reverse("forum:topic", args=[topic.pk])
    group_url = reverse("forum:group", args=[group.slug])
    create_url = reverse("forum:topic_create", args=[group.slug])

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
                post_id = rng.choice(flag_targets)
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
    flags_acknowledged = tally.statuses.get("flag", []).count(302)
    flags = Flag.objects.filter(post_id__in=flag_targets)
    flagged_posts = set(flags.values_list("post_id", flat=True))
    active_cases = Case.objects.filter(post_id__in=flag_targets).exclude(state="resolved")
    print(
        f"  flags acknowledged {flags_acknowledged}, stored {flags.count()}, on "
        f"{len(flagged_posts)} posts, {active_cases.count()} active cases"
    )
    assert [s for s in every if s >= 500] == []
    assert stored == len(tally.acknowledged)
    assert set(tally.statuses.get("flag", [])) <= {302, 400}
    flags_per_hour = ratelimit.parse(settings.MODERATION_FLAG_RATE_LIMIT)[0].count
    assert 0 < flags_acknowledged <= len(users) * flags_per_hour
    assert flags.count() == flags_acknowledged
    assert not flags.filter(case__isnull=True).exists()
    assert set(active_cases.values_list("post_id", flat=True)) == flagged_posts
    assert active_cases.count() == len(flagged_posts)
    assert set(flags.values_list("case__post_id", flat=True)) == flagged_posts

    class _Posting:
        acknowledged = tally.acknowledged
        refused = tally.refused

    assert_nothing_lost_or_doubled(stack, _Posting(), "load")  # type: ignore[arg-type]
