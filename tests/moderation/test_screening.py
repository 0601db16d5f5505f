"""Screening a revision: the decision reaches the post and the queue, exactly once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from forum.choices import PostStatus, TriggerWarning
from forum.models import Group, Post
from forum.posting import post_edit, reply_create
from forum.scheduling import publish_due
from moderation import cases, tasks
from moderation import revision_screening as screening
from moderation.models import ActionKind, Case, CaseReason, CaseState, ScreeningResult
from notifications.choices import NotificationKind
from notifications.models import Notification
from tests import factories
from tests.accounts.helpers import with_powers
from tests.moderation.helpers import CLEAN, IDENTIFYING, UNWARNED, first_post, new_reply, new_topic

pytestmark = pytest.mark.django_db


def test_a_clean_post_is_published_with_one_result_and_no_case(
    group, clinician, django_capture_on_commit_callbacks
):
    post = first_post(new_topic(django_capture_on_commit_callbacks, author=clinician, group=group))
    assert post.status == PostStatus.PUBLISHED
    result = ScreeningResult.objects.get(revision=post.current_revision)
    assert result.decision == "publish"
    assert not Case.objects.exists()


def test_a_post_with_patient_identifiers_is_held_and_queued_first(
    group, clinician, django_capture_on_commit_callbacks
):
    topic = new_topic(
        django_capture_on_commit_callbacks, author=clinician, group=group, body=IDENTIFYING
    )
    post = first_post(topic)
    assert post.status == PostStatus.HELD
    topic.refresh_from_db()
    assert not topic.is_visible
    case = Case.objects.get(post=post)
    assert case.reason == CaseReason.IDENTIFIERS
    assert case.has_identifiers
    assert case.priority >= 1_000_000
    result = ScreeningResult.objects.get(revision=post.current_revision)
    kinds = {span["kind"] for span in result.identifiers}
    assert {"date", "record_number"} <= kinds
    notice = Notification.objects.get(recipient=clinician, kind=NotificationKind.MODERATION)
    assert "awaiting review" in notice.message


def test_a_missing_content_warning_publishes_and_queues(
    group, clinician, django_capture_on_commit_callbacks
):
    post = first_post(
        new_topic(django_capture_on_commit_callbacks, author=clinician, group=group, body=UNWARNED)
    )
    assert post.status == PostStatus.PUBLISHED
    case = Case.objects.get(post=post)
    assert case.reason == CaseReason.MISSING_WARNING
    assert case.state == CaseState.OPEN


def test_a_declared_warning_is_not_missing(group, clinician, django_capture_on_commit_callbacks):
    post = first_post(
        new_topic(
            django_capture_on_commit_callbacks,
            author=clinician,
            group=group,
            body=UNWARNED,
            warnings=[TriggerWarning.SUICIDE_SELF_HARM],
        )
    )
    assert post.status == PostStatus.PUBLISHED
    assert not Case.objects.filter(post=post).exists()


@override_settings(MODERATION_QUEUE_THRESHOLD=0.0, MODERATION_HOLD_THRESHOLD=0.0)
def test_incivility_over_the_hold_threshold_holds(
    group, clinician, django_capture_on_commit_callbacks
):
    post = first_post(new_topic(django_capture_on_commit_callbacks, author=clinician, group=group))
    assert post.status == PostStatus.HELD
    assert Case.objects.get(post=post).reason == CaseReason.INCIVILITY


def test_screening_twice_screens_once(group, clinician, django_capture_on_commit_callbacks):
    post = first_post(
        new_topic(
            django_capture_on_commit_callbacks, author=clinician, group=group, body=IDENTIFYING
        )
    )
    assert screening.screen_revision(revision_id=post.current_revision_id) == "duplicate"
    assert screening.screen_revision(revision_id=post.current_revision_id) == "duplicate"
    assert ScreeningResult.objects.filter(revision=post.current_revision).count() == 1
    assert Case.objects.filter(post=post).count() == 1
    assert Notification.objects.filter(recipient=clinician, kind="moderation").count() == 1


def test_a_superseded_revision_is_screened_but_publishes_nothing(
    group, clinician, django_capture_on_commit_callbacks
):
    """Issue 18 item 2b: every revision is screened, superseded or not; the post's fate is
    its newest revision's."""
    topic = new_topic(
        django_capture_on_commit_callbacks, author=clinician, group=group, run_screening=False
    )
    post = first_post(topic)
    old = post.current_revision_id
    with django_capture_on_commit_callbacks(execute=False):
        post_edit(
            editor=clinician, post=post, content=factories.content(CLEAN + " More."), reason="typo"
        )
    assert screening.screen_revision(revision_id=old) == "superseded"
    assert ScreeningResult.objects.filter(revision_id=old).count() == 1
    post.refresh_from_db()
    assert post.status == PostStatus.PENDING
    assert post.published_revision_id is None
    assert screening.screen_revision(revision_id=old) == "duplicate"


def test_a_scheduled_post_is_screened_when_released_not_before(
    group, clinician, django_capture_on_commit_callbacks
):
    from forum.posting import topic_create

    with django_capture_on_commit_callbacks(execute=True):
        topic = topic_create(
            author=clinician,
            group=group,
            title="Later",
            purpose=factories.DEFAULT_PURPOSE,
            content=factories.content(),
            schedule_at=timezone.now() + timedelta(minutes=5),
        )
    post = first_post(topic)
    assert post.status == PostStatus.SCHEDULED
    assert not ScreeningResult.objects.exists()
    Post.objects.filter(pk=post.pk).update(scheduled_for=timezone.now() - timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert publish_due() == 1
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED
    assert ScreeningResult.objects.filter(revision=post.current_revision).count() == 1


def test_the_sweep_screens_what_the_broker_never_received(
    group, clinician, django_capture_on_commit_callbacks
):
    topic = new_topic(
        django_capture_on_commit_callbacks, author=clinician, group=group, run_screening=False
    )
    post = first_post(topic)
    assert post.status == PostStatus.PENDING
    assert screening.unscreened_revision_ids() == [post.current_revision_id]
    assert tasks.sweep_unscreened() == 1
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED
    assert screening.unscreened_revision_ids() == []
    assert tasks.sweep_unscreened() == 0


def test_a_group_that_pre_approves_holds_a_members_first_post_until_a_moderator_approves(
    group, clinician, other_clinician, moderator, django_capture_on_commit_callbacks
):
    group.queue_first_posts = 1
    group.save()
    topic = new_topic(django_capture_on_commit_callbacks, author=clinician, group=group)
    first = first_post(topic)
    assert first.status == PostStatus.HELD
    topic.refresh_from_db()
    assert not topic.is_visible
    case = Case.objects.get(post=first)
    assert case.reason == CaseReason.FIRST_POST
    assert Notification.objects.filter(
        recipient=clinician, message__contains="approve a member's first posts"
    ).exists()

    # An edit while it waits does not publish it past the pre-approval.
    with django_capture_on_commit_callbacks(execute=True):
        post_edit(
            editor=clinician, post=first, content=factories.content(CLEAN + " Thanks."), reason="x"
        )
    first.refresh_from_db()
    assert first.status == PostStatus.HELD

    with django_capture_on_commit_callbacks(execute=True):
        cases.resolve_case(
            case_id=case.pk,
            moderator=with_powers(moderator),
            action=ActionKind.APPROVE,
            reason="Welcome to the group.",
        )
    first.refresh_from_db()
    assert first.status == PostStatus.PUBLISHED

    # The member's later posts, and other members' posts after their own first, publish.
    second = new_reply(django_capture_on_commit_callbacks, author=clinician, topic=topic)
    second.refresh_from_db()
    assert second.status == PostStatus.PUBLISHED
    assert not Case.objects.filter(post=second).exists()
    theirs = new_reply(django_capture_on_commit_callbacks, author=other_clinician, topic=topic)
    theirs.refresh_from_db()
    assert theirs.status == PostStatus.HELD


def test_an_edit_that_removes_the_identifiers_publishes_a_held_post(
    group, clinician, django_capture_on_commit_callbacks
):
    post = first_post(
        new_topic(
            django_capture_on_commit_callbacks, author=clinician, group=group, body=IDENTIFYING
        )
    )
    assert post.status == PostStatus.HELD
    with django_capture_on_commit_callbacks(execute=True):
        post_edit(
            editor=clinician,
            post=post,
            content=factories.content("A client in her 60s came in for an intake last spring."),
            reason="De-identified",
        )
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED
    case = Case.objects.get(post=post)
    assert any(r.startswith("edited:") for r in case.reasons)


def test_an_edit_that_adds_identifiers_takes_a_published_post_out_of_view(
    group, clinician, django_capture_on_commit_callbacks
):
    topic = new_topic(django_capture_on_commit_callbacks, author=clinician, group=group)
    reply = new_reply(django_capture_on_commit_callbacks, author=clinician, topic=topic)
    reply.refresh_from_db()
    assert reply.status == PostStatus.PUBLISHED
    with django_capture_on_commit_callbacks(execute=True):
        post_edit(editor=clinician, post=reply, content=factories.content(IDENTIFYING), reason="x")
    reply.refresh_from_db()
    assert reply.status == PostStatus.HELD
    assert ScreeningResult.objects.filter(revision__post=reply).count() == 2


def test_a_final_failure_is_recorded(group, clinician, django_capture_on_commit_callbacks):
    from moderation.models import ScreeningFailure

    topic = new_topic(
        django_capture_on_commit_callbacks, author=clinician, group=group, run_screening=False
    )
    revision_id = first_post(topic).current_revision_id
    screening.record_failure(revision_id=revision_id, task_id="t-1", attempts=7, error="boom")
    failure = ScreeningFailure.objects.get()
    assert failure.revision_id == revision_id and failure.attempts == 7


def test_a_batch_screens_each_revision_once_with_the_same_outcomes_as_one_by_one(
    group, clinician, django_capture_on_commit_callbacks
):
    """screen_revisions (what one task does for the revisions waiting in the pending set)
    fetches and commits once, and decides each revision as screen_revision would."""
    topic = new_topic(
        django_capture_on_commit_callbacks, author=clinician, group=group, run_screening=False
    )
    held = new_reply(
        django_capture_on_commit_callbacks,
        author=clinician,
        topic=topic,
        body=IDENTIFYING,
        run_screening=False,
    )
    queued = new_reply(
        django_capture_on_commit_callbacks,
        author=clinician,
        topic=topic,
        body=UNWARNED,
        warnings=[TriggerWarning.NONE],
        run_screening=False,
    )
    superseded = new_reply(
        django_capture_on_commit_callbacks, author=clinician, topic=topic, run_screening=False
    )
    old = superseded.current_revision_id
    with django_capture_on_commit_callbacks(execute=False):
        post_edit(
            editor=clinician,
            post=superseded,
            content=factories.content(CLEAN + " More."),
            reason="typo",
        )
    first = first_post(topic)
    ids = [first.current_revision_id, held.current_revision_id, queued.current_revision_id, old]
    outcomes = screening.screen_revisions(ids + [999_999_999], own=ids[0])
    assert outcomes == {
        ids[0]: "publish",
        ids[1]: "hold",
        ids[2]: "queue",
        old: "superseded",
        999_999_999: "missing",
    }
    assert Post.objects.get(pk=held.pk).status == PostStatus.HELD
    assert Case.objects.filter(post=held).count() == 1
    assert Case.objects.filter(post=queued).count() == 1
    # The superseded revision is screened too (issue 18 item 2b).
    assert ScreeningResult.objects.filter(revision_id__in=ids).count() == 4
    # Drivers are kept in a batch, as for a single revision.
    assert ScreeningResult.objects.get(revision_id=ids[2]).drivers
    # A second batch (a redelivered message, a sweep) changes nothing.
    again = screening.screen_revisions(ids, own=ids[1])
    assert again == {
        ids[0]: "duplicate",
        ids[1]: "duplicate",
        ids[2]: "duplicate",
        old: "duplicate",
    }
    assert ScreeningResult.objects.filter(revision_id__in=ids).count() == 4
    assert Case.objects.filter(post__in=[held, queued]).count() == 2


def test_one_revision_failing_in_a_batch_leaves_it_for_its_own_task(
    group, clinician, django_capture_on_commit_callbacks, monkeypatch
):
    topic = new_topic(
        django_capture_on_commit_callbacks, author=clinician, group=group, run_screening=False
    )
    other = new_reply(
        django_capture_on_commit_callbacks, author=clinician, topic=topic, run_screening=False
    )
    own, bad = first_post(topic).current_revision_id, other.current_revision_id
    real_result = screening._result

    def result(revision, *args):
        if revision.pk == bad:
            raise ValueError("a bug in one revision's path")
        return real_result(revision, *args)

    # The batch fails as a whole and is rolled back; then each revision is tried alone.
    monkeypatch.setattr(screening, "_result", result)
    assert screening.screen_revisions([own, bad], own=own) == {own: "publish", bad: "deferred"}
    assert not ScreeningResult.objects.filter(revision_id=bad).exists()
    # The failing revision is the task's own: the error reaches the task (and its
    # recorded failure), and nothing of the batch is half-applied.
    with pytest.raises(ValueError):
        screening.screen_revisions([bad, own], own=bad)
    monkeypatch.setattr(screening, "_result", real_result)
    assert screening.screen_revisions([bad], own=bad) == {bad: "publish"}


def test_a_batch_publishes_with_set_operations_and_tells_each_reader_once(
    group, organizer, clinician, other_clinician, django_capture_on_commit_callbacks
):
    topic = new_topic(django_capture_on_commit_callbacks, author=clinician, group=group)
    version = Group.objects.get(pk=group.pk).topics_version
    pending = [
        new_reply(
            django_capture_on_commit_callbacks,
            author=other_clinician,
            topic=topic,
            run_screening=False,
        )
    ]
    with django_capture_on_commit_callbacks(execute=False):
        pending.append(
            reply_create(
                author=organizer,
                topic=topic,
                content=factories.content(CLEAN + " @dana @sam what do you think?"),
                reply_to=pending[0],
            )
        )
    pending.append(
        new_reply(
            django_capture_on_commit_callbacks,
            author=clinician,
            topic=topic,
            body=CLEAN + " Thanks @sam and @olive.",
            run_screening=False,
        )
    )
    second = new_topic(
        django_capture_on_commit_callbacks,
        author=other_clinician,
        group=group,
        title="Second",
        run_screening=False,
    )
    pending.append(first_post(second))
    ids = [post.current_revision_id for post in pending]

    with django_capture_on_commit_callbacks(execute=True):
        assert screening.screen_revisions(ids, own=ids[0]) == dict.fromkeys(ids, "publish")

    assert all(
        status == PostStatus.PUBLISHED
        for status in Post.objects.filter(pk__in=[p.pk for p in pending]).values_list(
            "status", flat=True
        )
    )
    topic.refresh_from_db()
    second.refresh_from_db()
    assert topic.reply_count == 3
    assert second.is_visible
    assert Group.objects.get(pk=group.pk).topics_version > version
    notices = set(
        Notification.objects.filter(post_id__in=[p.pk for p in pending]).values_list(
            "recipient__handle", "kind", "post_id"
        )
    )
    reply, mention = NotificationKind.REPLY, NotificationKind.MENTION
    assert notices == {
        ("dana", reply, pending[0].pk),
        # A reply to Sam's post that also mentions Dana and Sam: each is told once.
        ("sam", reply, pending[1].pk),
        ("dana", reply, pending[1].pk),
        # Dana's own reply: Sam and Olive are mentioned; Dana is not told of her own post.
        ("sam", mention, pending[2].pk),
        ("olive", mention, pending[2].pk),
    }
    # One email task for the batch's notices: each is mailed once.
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        Notification.objects.filter(post_id__in=[p.pk for p in pending]).values_list(
            "recipient__email", flat=True
        )
    )
    assert not Notification.objects.filter(
        post_id__in=[p.pk for p in pending], emailed_at__isnull=True
    ).exists()
    # Redelivered: nothing is stored or sent twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert screening.screen_revisions(ids) == dict.fromkeys(ids, "duplicate")
    assert Notification.objects.filter(post_id__in=[p.pk for p in pending]).count() == len(notices)
    assert len(mail.outbox) == len(notices)
    assert ScreeningResult.objects.filter(revision_id__in=ids).count() == len(ids)


def test_a_batch_costs_the_same_queries_whatever_its_size(
    group, clinician, other_clinician, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    topic = new_topic(django_capture_on_commit_callbacks, author=clinician, group=group)

    def batch(size: int) -> int:
        # Every other reply lacks a content warning: published, and queued in a new case.
        posts = [
            new_reply(
                django_capture_on_commit_callbacks,
                author=other_clinician,
                topic=topic,
                body=UNWARNED if n % 2 else CLEAN,
                warnings=[TriggerWarning.NONE],
                run_screening=False,
            )
            for n in range(size)
        ]
        ids = [post.current_revision_id for post in posts]
        with CaptureQueriesContext(connection) as queries:
            outcomes = screening.screen_revisions(ids)
        assert outcomes == {rid: "queue" if n % 2 else "publish" for n, rid in enumerate(ids)}
        assert Case.objects.filter(post__in=posts).count() == size // 2
        return len(queries)

    small, large = batch(4), batch(12)
    assert small == large
    # Fetch; lock, results already stored, insert; the posts missing a warning collapsed
    # behind it (warnings moderators removed before, their added warnings, its record,
    # their authors' notices); open cases, new cases; publish (update, topics, group list
    # version, the members' watch / mute levels in those groups, the recipients' licenses
    # (one query for the batch: a notice goes only to a current license holder), notices
    # already sent,
    # notices: the posts are not read again, the batch locked them; their publication
    # records, which of them a moderator redacted, their published revision and search
    # text, their search index); 4 for the savepoints (the test's transaction, and the
    # batch's own, rolled back alone if it fails).
    assert large == 25
    topic.refresh_from_db()
    assert topic.reply_count == 16
    last = topic.posts.order_by("number").last()
    assert Case.objects.get(post=last).reason == CaseReason.MISSING_WARNING


def test_a_batch_applies_the_first_posts_rule_to_each_post_in_order(
    group, clinician, other_clinician, django_capture_on_commit_callbacks
):
    topic = new_topic(django_capture_on_commit_callbacks, author=clinician, group=group)
    group.queue_first_posts = 2
    group.save()
    replies = [
        new_reply(
            django_capture_on_commit_callbacks,
            author=other_clinician,
            topic=topic,
            run_screening=False,
        )
        for _ in range(3)
    ]
    ids = [reply.current_revision_id for reply in replies]
    assert screening.screen_revisions(ids) == {ids[0]: "hold", ids[1]: "hold", ids[2]: "publish"}
    assert {case.post_id for case in Case.objects.filter(reason=CaseReason.FIRST_POST)} == {
        replies[0].pk,
        replies[1].pk,
    }
