"""Screening through a real Celery worker on Redis and PostgreSQL."""

from __future__ import annotations

import time

import pytest

from forum.choices import PostStatus
from forum.models import Post, Revision
from forum.posting import topic_create
from moderation.models import Case, CaseReason, ScreeningResult
from notifications.models import Notification
from tests import factories
from tests.integration.conftest import wait_for
from tests.moderation.helpers import CLEAN, IDENTIFYING, UNWARNED

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def post_topic(author, group, body: str, title: str = "Consultation") -> Post:
    topic = topic_create(
        author=author,
        group=group,
        title=title,
        purpose=factories.DEFAULT_PURPOSE,
        content=factories.content(body),
    )
    return topic.posts.get(number=1)


def test_a_new_post_becomes_a_queued_case(broker, workers, group, clinician):
    worker = workers(broker)
    warm = post_topic(clinician, group, CLEAN, title="Warm-up")
    assert wait_for(lambda: ScreeningResult.objects.filter(revision__post=warm).exists(), 60), (
        worker.log()
    )

    started = time.monotonic()
    post = post_topic(clinician, group, UNWARNED)
    assert wait_for(lambda: Case.objects.filter(post=post).exists(), 30), worker.log()
    latency = time.monotonic() - started
    case = Case.objects.get(post=post)
    assert case.reason == CaseReason.MISSING_WARNING
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED
    print(f"commit -> case latency with a warm worker: {latency * 1000:.0f} ms")
    assert latency < 10


def test_a_worker_killed_mid_batch_leaves_every_revision_screened_once(
    broker, workers, group, clinician
):
    from moderation.tasks import sweep_unscreened

    posts = [
        post_topic(clinician, group, IDENTIFYING if i % 10 == 0 else CLEAN, f"T{i}")
        for i in range(200)
    ]
    revision_ids = {p.current_revision_id for p in posts}
    first = workers(broker)
    assert wait_for(lambda: ScreeningResult.objects.count() >= 15, 90, 0.005), first.log()
    first.kill()
    done_at_kill = ScreeningResult.objects.count()
    assert done_at_kill < 200, "the worker finished before it could be killed"

    second = workers(broker)
    # Beat's job every minute: enqueue whatever is still unscreened (the message the
    # killed worker held stays unacked in Redis until the visibility timeout).
    sweep_unscreened.delay()
    assert wait_for(lambda: ScreeningResult.objects.count() >= 200, 120, 0.1), second.log()
    time.sleep(1)  # anything duplicated would land now

    results = list(ScreeningResult.objects.values_list("revision_id", flat=True))
    assert len(results) == 200
    assert set(results) == revision_ids
    assert not Post.objects.filter(status=PostStatus.PENDING).exists()
    # Each decision was applied once: one case per held post, one notice to its author.
    held = ScreeningResult.objects.filter(decision="hold").count()
    assert held == 20
    assert Post.objects.filter(status=PostStatus.HELD).count() == held
    assert Case.objects.count() == held
    assert Notification.objects.filter(kind="moderation").count() == held
    assert Revision.objects.count() == 200
    print(f"killed after {done_at_kill} of 200")


def test_with_the_broker_down_a_post_is_saved_and_screened_once_it_returns(
    private_redis, workers, group, clinician
):
    from moderation.tasks import sweep_unscreened

    private_redis.stop()
    started = time.monotonic()
    post = post_topic(clinician, group, CLEAN)
    assert time.monotonic() - started < 10, "posting must not hang on a dead broker"
    post.refresh_from_db()
    assert post.status == PostStatus.PENDING
    assert not ScreeningResult.objects.exists()

    private_redis.start()
    worker = workers(private_redis.url)
    sweep_unscreened.delay()  # what beat sends every minute
    assert wait_for(lambda: ScreeningResult.objects.filter(revision__post=post).exists(), 60), (
        worker.log()
    )
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED
    sweep_unscreened.delay()
    time.sleep(1.5)
    assert ScreeningResult.objects.filter(revision__post=post).count() == 1
