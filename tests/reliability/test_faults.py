"""Faults with the real services: PostgreSQL, our own Redis, a Celery worker, beat, gunicorn.

Members post through gunicorn over loopback while something fails:
- the screening worker is SIGKILLed in the middle of a batch, then restarted;
- Redis (broker and cache) is stopped and restarted while members post;
- the web process's database connections are terminated mid-request.
Afterwards: every acknowledged post exists exactly once, every post's revision is
screened exactly once, and no moderation case is duplicated.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from accounts.models import User
from forum.choices import Disclaimer, TopicPurpose
from forum.models import Group, Post, Revision, Topic
from tests.reliability import services

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    # Several minutes on two cores: `make reliability` runs them (RELIABILITY=1).
    pytest.mark.skipif(
        os.environ.get("RELIABILITY") != "1", reason="fault tests run with `make reliability`"
    ),
]

CLEAN_BODY = "How do you pace exposure work with an anxious adolescent? Any reading to suggest?"
IDENTIFYING_BODY = "My client Jonathan Whitaker, born 03/14/1961, called from 555-201-7788 today."


@dataclass
class Stack:
    redis: services.Process
    worker: services.Process
    beat: services.Process
    web: services.Process
    base_url: str
    log_dir: Path
    extra: list[services.Process] = field(default_factory=list)

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{self.redis.port}/0"  # type: ignore[attr-defined]

    def logs(self) -> str:
        parts = [self.web, self.worker, self.beat, *self.extra]
        return "\n".join(f"--- {p.name}\n{p.log(2500)}" for p in parts)

    def restart_worker(self) -> services.Process:
        worker = services.celery_worker(self.redis_url, self.log_dir, name="worker-again")
        self.extra.append(worker.start())
        return worker


@pytest.fixture
def stack(require_postgres: None, tmp_path: Path) -> Iterator[Stack]:
    if shutil.which("redis-server") is None:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("CI=true but redis-server is not installed")
        pytest.skip("redis-server is not installed")
    redis = services.redis_server(tmp_path).start()
    port = redis.port  # type: ignore[attr-defined]
    assert services.wait_for(lambda: services.redis_answers(port), 15), "redis did not start"
    url = f"redis://127.0.0.1:{port}/0"
    web_port = services.free_port()
    running = Stack(
        redis=redis,
        worker=services.celery_worker(url, tmp_path).start(),
        beat=services.celery_beat(url, tmp_path).start(),
        web=services.gunicorn(url, tmp_path, web_port).start(),
        base_url=f"http://127.0.0.1:{web_port}",
        log_dir=tmp_path,
    )

    def healthy() -> bool:
        try:
            return services.Member(running.base_url, "x").get("/healthz")[0] == 200
        except OSError:
            return False

    try:
        assert services.wait_for(healthy, 60), running.logs()
        yield running
    finally:
        for process in [running.web, running.beat, running.worker, *running.extra, redis]:
            process.stop()
        # Nothing of this test's may keep the database open when pytest-django flushes it.
        connection.close()


def signed_in(stack: Stack, user: User) -> services.Member:
    client = Client()
    client.force_login(user)
    return services.Member(stack.base_url, client.cookies["sessionid"].value)


@dataclass
class Posting:
    """Members posting topics over HTTP from threads; records what the server acknowledged."""

    acknowledged: list[str] = field(default_factory=list)
    refused: list[tuple[str, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)

    def post_one(self, member: services.Member, group: Group, title: str, body: str) -> None:
        try:
            status, _ = member.post(
                reverse("forum:topic_create", args=[group.slug]),
                {
                    "title": title,
                    "purpose": TopicPurpose.CASE_CONSULTATION,
                    "body": body,
                    "trigger_warnings": ["none"],
                    "disclaimer": Disclaimer.DEIDENTIFIED,
                    # The member answers the composer's privacy check and tone interstitial
                    # (forum/nudges.py) as "post anyway", so identifying bodies reach the
                    # server's screening instead of stopping at the form.
                    "confirm_identifiers": "1",
                    "nudge_choice": "post",
                },
            )
        except OSError as exc:  # the connection itself failed: not acknowledged
            status = 0
            print(f"{title}: {exc}")
        with self.lock:
            if status == 302:
                self.acknowledged.append(title)
            else:
                self.refused.append((title, status))

    def run(
        self,
        members: list[services.Member],
        group: Group,
        prefix: str,
        *,
        count: int | None = None,
        pause: float = 0.0,
    ) -> list[threading.Thread]:
        def loop(index: int, member: services.Member) -> None:
            n = 0
            while not self.stop.is_set() and (count is None or n < count):
                body = IDENTIFYING_BODY if n % 7 == 3 else CLEAN_BODY
                self.post_one(member, group, f"{prefix}-{index}-{n}", f"{body} ({prefix} {n})")
                n += 1
                time.sleep(pause)

        threads = [
            threading.Thread(target=loop, args=(i, m), daemon=True) for i, m in enumerate(members)
        ]
        for thread in threads:
            thread.start()
        return threads


def _stored_posts(prefix: str) -> list[Post]:
    return list(Post.objects.filter(topic__title__startswith=f"{prefix}-").select_related("topic"))


def assert_nothing_lost_or_doubled(stack: Stack, posting: Posting, prefix: str) -> None:
    from moderation.models import Case, ScreeningResult

    titles = list(
        Topic.objects.filter(title__startswith=f"{prefix}-").values_list("title", flat=True)
    )
    for title in posting.acknowledged:
        assert titles.count(title) == 1, f"acknowledged {title} stored {titles.count(title)} times"
    unacknowledged = set(titles) - set(posting.acknowledged)
    # A post can commit just before its connection drops; the author then sees an error
    # for a post that exists. It exists once, and only as many as the failed requests.
    assert len(unacknowledged) <= len(posting.refused), unacknowledged
    assert len(titles) == len(set(titles))

    posts = _stored_posts(prefix)
    for post in posts:
        assert post.topic.posts.count() == 1, f"topic {post.topic.title} has partial writes"
        assert Revision.objects.filter(post=post).count() == 1

    revision_ids = {post.current_revision_id for post in posts}

    def all_screened() -> bool:
        return ScreeningResult.objects.filter(revision_id__in=revision_ids).values(
            "revision_id"
        ).distinct().count() == len(revision_ids)

    assert services.wait_for(all_screened, 120, interval=0.5), stack.logs()
    time.sleep(4)  # one more sweep period: a late duplicate would show now
    per_revision = (
        ScreeningResult.objects.filter(revision_id__in=revision_ids)
        .values("revision_id")
        .annotate(n=Count("id"))
    )
    doubled = [row for row in per_revision if row["n"] != 1]
    assert doubled == [], doubled
    cases = (
        Case.objects.filter(post__in=posts)
        .values("post_id", "reason")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert list(cases) == []
    held = [post for post in posts if IDENTIFYING_BODY in post.current_revision.body]
    assert Case.objects.filter(post__in=held).values("post_id").distinct().count() == len(held)
    print(
        f"{prefix}: {len(posting.acknowledged)} acknowledged, {len(posting.refused)} refused, "
        f"{len(posts)} stored, {len(revision_ids)} screened once, "
        f"{Case.objects.filter(post__in=posts).count()} cases"
    )


def _screened_count(prefix: str) -> int:
    from moderation.models import ScreeningResult

    return ScreeningResult.objects.filter(revision__post__topic__title__startswith=prefix).count()


def test_a_worker_killed_mid_batch_loses_and_doubles_nothing(
    stack: Stack, group: Group, clinician: User, other_clinician: User
) -> None:
    # The batch waits in Redis while the worker is down; the restarted worker is killed
    # with SIGKILL while it works through it; a third worker and the sweep finish it.
    stack.worker.stop()
    members = [signed_in(stack, clinician), signed_in(stack, other_clinician)]
    posting = Posting()
    for thread in posting.run(members, group, "kill", count=30):
        thread.join(timeout=300)
    assert len(posting.acknowledged) == 60, posting.refused
    busy = stack.restart_worker()
    assert services.wait_for(lambda: _screened_count("kill") >= 5, 120), stack.logs()
    busy.kill()
    screened_at_kill = _screened_count("kill")
    assert screened_at_kill < 60, "the worker finished before it could be killed mid-batch"
    stack.restart_worker()
    assert_nothing_lost_or_doubled(stack, posting, "kill")
    print(f"worker SIGKILLed after {screened_at_kill}/60 screened")


def test_redis_stopped_and_restarted_while_members_post(
    stack: Stack, group: Group, clinician: User, other_clinician: User
) -> None:
    members = [signed_in(stack, clinician), signed_in(stack, other_clinician)]
    posting = Posting()
    threads = posting.run(members, group, "redis", pause=0.05)
    time.sleep(3)
    before_outage = len(posting.acknowledged)
    stack.redis.stop()
    time.sleep(6)
    during_outage = len(posting.acknowledged) - before_outage
    stack.redis.start()
    port = stack.redis.port  # type: ignore[attr-defined]
    assert services.wait_for(lambda: services.redis_answers(port), 15)
    time.sleep(4)
    posting.stop.set()
    for thread in threads:
        thread.join(timeout=60)
    assert posting.refused == [], posting.refused  # Redis down costs speed, never a post
    assert during_outage > 0, "no member could post while Redis was down"
    assert_nothing_lost_or_doubled(stack, posting, "redis")
    print(f"redis outage: {during_outage} posts acknowledged while Redis was down")


def _terminate_web_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            # Only this run's database: a concurrent run (or the load test) on the same
            # server uses the same application name for its own gunicorn.
            "WHERE application_name = 'cc-fault-web' AND pid <> pg_backend_pid() "
            "AND datname = current_database() AND state <> 'idle'"
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def test_database_connections_dropped_mid_request(
    stack: Stack, group: Group, clinician: User, other_clinician: User
) -> None:
    members = [signed_in(stack, clinician), signed_in(stack, other_clinician)]
    posting = Posting()
    threads = posting.run(members, group, "dbdrop")
    terminated = 0
    deadline = time.monotonic() + 12
    while time.monotonic() < deadline:
        terminated += _terminate_web_connections()
        time.sleep(0.15)
    posting.stop.set()
    for thread in threads:
        thread.join(timeout=60)
    assert terminated > 0, "no web connection was caught mid-request"
    assert all(status in (0, 500, 503) for _, status in posting.refused), posting.refused
    assert len(posting.acknowledged) > 0
    # The site recovers by itself: the next requests work.
    status, _ = members[0].get(reverse("forum:home"))
    assert status == 200
    assert_nothing_lost_or_doubled(stack, posting, "dbdrop")
    print(
        f"db drop: {terminated} connections terminated, "
        f"{len(posting.refused)} requests failed, {len(posting.acknowledged)} acknowledged"
    )
