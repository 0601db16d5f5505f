"""The screening task: transient errors retry, a final failure is recorded for people to see."""

from __future__ import annotations

import pytest
from django.db import OperationalError

from moderation import revision_screening as screening
from moderation import tasks
from moderation.models import ScreeningFailure, ScreeningResult
from tests.moderation.helpers import first_post, new_topic

pytestmark = pytest.mark.django_db


def test_the_task_retries_transient_errors_with_backoff():
    options = tasks.screen_revision
    assert OperationalError in options.autoretry_for
    assert options.retry_backoff and options.retry_jitter
    assert options.max_retries == tasks.MAX_RETRIES


def test_a_screening_that_keeps_failing_is_recorded(
    group, clinician, django_capture_on_commit_callbacks, monkeypatch
):
    topic = new_topic(
        django_capture_on_commit_callbacks, author=clinician, group=group, run_screening=False
    )
    revision_id = first_post(topic).current_revision_id
    calls = []

    def failing(revision_ids: list[int], *, own: int | None = None) -> dict[int, str]:
        calls.append(own)
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(screening, "screen_revisions", failing)
    result = tasks.screen_revision.apply(args=(revision_id,))
    assert result.failed()
    assert len(calls) == tasks.MAX_RETRIES + 1
    failure = ScreeningFailure.objects.get(revision_id=revision_id)
    assert "OperationalError" in failure.error
    assert not ScreeningResult.objects.exists()
    # The post is still pending, so the sweep will offer it again.
    assert screening.unscreened_revision_ids() == [revision_id]


def test_the_task_screens_a_revision(group, clinician, django_capture_on_commit_callbacks):
    topic = new_topic(
        django_capture_on_commit_callbacks, author=clinician, group=group, run_screening=False
    )
    revision_id = first_post(topic).current_revision_id
    assert tasks.screen_revision.apply(args=(revision_id,)).get() == "publish"
    assert tasks.screen_revision.apply(args=(revision_id,)).get() == "duplicate"
