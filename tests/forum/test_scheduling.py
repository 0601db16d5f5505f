"""Sleep on it: scheduled posts publish once, can be edited or cancelled until then."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum import scheduling, tasks
from forum.choices import PostStatus
from forum.models import NudgeEvent, Post, Topic
from forum.posting import reply_create, topic_create
from tests import factories
from tests.forum.nudge_helpers import CIVIL_DRAFT

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled_reply(topic: Topic, other_clinician) -> Post:
    return reply_create(
        author=other_clinician,
        topic=topic,
        content=factories.content(CIVIL_DRAFT),
        schedule_at=timezone.now() + timedelta(hours=2),
    )


def make_due(post: Post) -> None:
    Post.objects.filter(pk=post.pk).update(scheduled_for=timezone.now() - timedelta(seconds=1))


def test_a_scheduled_post_is_not_published_before_its_time(
    scheduled_reply, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert scheduling.publish_due() == 0
    scheduled_reply.refresh_from_db()
    assert scheduled_reply.status == PostStatus.SCHEDULED


def test_the_task_publishes_a_due_post_once_when_run_twice(
    scheduled_reply, topic, django_capture_on_commit_callbacks
):
    make_due(scheduled_reply)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = tasks.publish_due_posts()
    with django_capture_on_commit_callbacks(execute=True) as again:
        second = tasks.publish_due_posts()
    assert (first, second) == (1, 0)
    assert callbacks and not again  # screening enqueued by the first run only
    scheduled_reply.refresh_from_db()
    assert scheduled_reply.status == PostStatus.PUBLISHED
    topic.refresh_from_db()
    assert topic.reply_count == 1


def test_releasing_one_post_twice_is_a_no_op(scheduled_reply, django_capture_on_commit_callbacks):
    make_due(scheduled_reply)
    with django_capture_on_commit_callbacks(execute=True):
        assert scheduling.release_scheduled(post_id=scheduled_reply.pk)
        assert not scheduling.release_scheduled(post_id=scheduled_reply.pk)


def test_a_cancelled_post_is_never_published(
    client, other_clinician, scheduled_reply, django_capture_on_commit_callbacks
):
    event = NudgeEvent.objects.create(
        user=other_clinician,
        composer="reply",
        shown=["tone"],
        tone_probability=0.9,
        outcome=NudgeEvent.Outcome.SCHEDULED,
        post=scheduled_reply,
    )
    client.force_login(other_clinician)
    url = reverse("forum:scheduled_action", kwargs={"post_id": scheduled_reply.pk})
    response = client.post(url, {"action": "cancel"}, follow=True)
    assert "will not be published" in response.content.decode()
    make_due(scheduled_reply)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.publish_due_posts() == 0
    scheduled_reply.refresh_from_db()
    assert scheduled_reply.status == PostStatus.CANCELLED
    event.refresh_from_db()
    assert event.outcome == NudgeEvent.Outcome.CANCELLED


def test_cancelling_after_publication_explains_instead(
    client, other_clinician, scheduled_reply, django_capture_on_commit_callbacks
):
    make_due(scheduled_reply)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.publish_due_posts()
    client.force_login(other_clinician)
    url = reverse("forum:scheduled_action", kwargs={"post_id": scheduled_reply.pk})
    page = client.post(url, {"action": "cancel"}, follow=True).content.decode()
    assert "no longer scheduled" in page
    scheduled_reply.refresh_from_db()
    assert scheduled_reply.status == PostStatus.PUBLISHED


def test_editing_a_scheduled_post_publishes_the_edited_version(
    client, other_clinician, scheduled_reply, django_capture_on_commit_callbacks
):
    client.force_login(other_clinician)
    url = reverse("forum:post_edit", kwargs={"post_id": scheduled_reply.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "body": "Having slept on it: what pacing has worked for you?",
                "trigger_warnings": ["none"],
                "disclaimer": "not_clinical_advice",
                "reason": "Softer wording",
            },
        )
    assert response.status_code == 302 and response.url == reverse("forum:scheduled")
    scheduled_reply.refresh_from_db()
    assert scheduled_reply.status == PostStatus.SCHEDULED
    make_due(scheduled_reply)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.publish_due_posts()
    scheduled_reply.refresh_from_db()
    assert scheduled_reply.status == PostStatus.PUBLISHED
    assert scheduled_reply.current_revision.body.startswith("Having slept on it")


def test_publish_now_and_reschedule(
    client, other_clinician, scheduled_reply, django_capture_on_commit_callbacks
):
    client.force_login(other_clinician)
    url = reverse("forum:scheduled_action", kwargs={"post_id": scheduled_reply.pk})
    client.post(url, {"action": "30m"})
    scheduled_reply.refresh_from_db()
    assert scheduled_reply.scheduled_for <= timezone.now() + timedelta(minutes=30)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "now"})
    scheduled_reply.refresh_from_db()
    assert scheduled_reply.status == PostStatus.PUBLISHED


def test_scheduled_posts_are_listed_for_their_author_only(
    client, clinician, other_clinician, scheduled_reply, topic
):
    client.force_login(other_clinician)
    page = client.get(reverse("forum:scheduled")).content.decode()
    assert f'id="scheduled-{scheduled_reply.pk}"' in page
    assert topic.title in page
    client.force_login(clinician)
    page = client.get(reverse("forum:scheduled")).content.decode()
    assert f'id="scheduled-{scheduled_reply.pk}"' not in page
    url = reverse("forum:scheduled_action", kwargs={"post_id": scheduled_reply.pk})
    client.post(url, {"action": "cancel"})
    scheduled_reply.refresh_from_db()
    assert scheduled_reply.status == PostStatus.SCHEDULED


def test_a_scheduled_topic_stays_hidden_until_published(
    group, clinician, other_clinician, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        topic = topic_create(
            author=clinician,
            group=group,
            title="Slept on this one",
            purpose=factories.DEFAULT_PURPOSE,
            content=factories.content(CIVIL_DRAFT),
            schedule_at=timezone.now() + timedelta(minutes=30),
        )
    assert not Topic.objects.get(pk=topic.pk).is_visible
    client.force_login(other_clinician)
    assert "Slept on this one" not in client.get(group.get_absolute_url()).content.decode()
    make_due(topic.posts.get())
    with django_capture_on_commit_callbacks(execute=True):
        tasks.publish_due_posts()
    assert Topic.objects.get(pk=topic.pk).is_visible
    assert "Slept on this one" in client.get(group.get_absolute_url()).content.decode()


def test_the_profile_lists_scheduled_posts(client, other_clinician, scheduled_reply, topic):
    from django.template import Context, Template

    page = Template("{% load nudge_tags %}{% scheduled_posts_card user %}").render(
        Context({"user": other_clinician})
    )
    assert topic.title in page and reverse("forum:scheduled") in page
    client.force_login(other_clinician)
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert 'id="scheduled-posts"' in profile


def _suspend(member) -> None:
    from accounts import standing

    moderator = factories.UserFactory(is_moderator=True)
    standing.suspend(
        user=member, ends_at=timezone.now() + timedelta(days=3), reason="Incivility", by=moderator
    )


def test_a_member_suspended_after_scheduling_is_not_published_by_the_beat_release(
    client, other_clinician, scheduled_reply, django_capture_on_commit_callbacks
):
    from notifications.models import Notification

    _suspend(other_clinician)
    make_due(scheduled_reply)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert tasks.publish_due_posts() == 0
    scheduled_reply.refresh_from_db()
    assert scheduled_reply.status == PostStatus.SCHEDULED
    assert scheduled_reply.scheduled_for is None  # held back: the beat does not retry it
    notice = Notification.objects.get(recipient=other_clinician, post_id=scheduled_reply.pk)
    assert "was not published" in notice.message and "suspended" in notice.message
    assert not any("screen" in repr(callback) for callback in callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.publish_due_posts() == 0
    assert Notification.objects.filter(recipient=other_clinician).count() == 1
    client.force_login(other_clinician)
    page = client.get(reverse("forum:scheduled")).content.decode()
    assert "held back" in page


def test_publish_now_while_suspended_stays_unpublished_and_says_why(
    client, other_clinician, scheduled_reply, django_capture_on_commit_callbacks
):
    _suspend(other_clinician)
    client.force_login(other_clinician)
    url = reverse("forum:scheduled_action", kwargs={"post_id": scheduled_reply.pk})
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(url, {"action": "now"}, follow=True).content.decode()
    assert "Not published" in page and "suspended" in page
    scheduled_reply.refresh_from_db()
    assert scheduled_reply.status == PostStatus.SCHEDULED


def test_a_held_back_post_publishes_now_once_the_suspension_is_lifted(
    client, other_clinician, scheduled_reply, django_capture_on_commit_callbacks
):
    from accounts.models import Suspension

    _suspend(other_clinician)
    make_due(scheduled_reply)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.publish_due_posts()
    Suspension.objects.filter(user=other_clinician).update(lifted_at=timezone.now())
    client.force_login(other_clinician)
    url = reverse("forum:scheduled_action", kwargs={"post_id": scheduled_reply.pk})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "now"})
    scheduled_reply.refresh_from_db()
    assert scheduled_reply.status == PostStatus.PUBLISHED


def test_a_lapsed_license_holds_back_a_scheduled_post_too(
    other_clinician, scheduled_reply, django_capture_on_commit_callbacks
):
    from accounts.models import License

    License.objects.filter(user=other_clinician).update(
        expires_on=timezone.now().date() - timedelta(days=2)
    )
    make_due(scheduled_reply)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.publish_due_posts() == 0
    scheduled_reply.refresh_from_db()
    assert scheduled_reply.status == PostStatus.SCHEDULED
