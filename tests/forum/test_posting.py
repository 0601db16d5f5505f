from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from config.append_only import AppendOnlyError
from forum.choices import Disclaimer, PostStatus, TopicPurpose, TriggerWarning
from forum.models import Post, Revision
from forum.posting import post_edit, post_withdraw, reply_create, topic_create
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_new_topic_is_published_after_screening(topic):
    first = topic.posts.get(number=1)
    assert first.status == PostStatus.PUBLISHED
    topic.refresh_from_db()
    assert topic.is_visible


def test_practice_promotion_requires_the_financial_interest_disclosure(group, clinician):
    with pytest.raises(ValidationError) as excinfo:
        topic_create(
            author=clinician,
            group=group,
            title="New DBT skills group in Portland",
            purpose=TopicPurpose.PROMOTION,
            content=factories.content(disclaimer=Disclaimer.NOT_CLINICAL_ADVICE),
        )
    assert "financial-interest" in str(excinfo.value)
    assert not group.topics.exists()


def test_none_cannot_be_combined_with_a_warning(group, clinician):
    with pytest.raises(ValidationError):
        topic_create(
            author=clinician,
            group=group,
            title="t",
            purpose=TopicPurpose.OTHER,
            content=factories.content(warnings=[TriggerWarning.NONE, TriggerWarning.ABUSE]),
        )


def test_an_edit_keeps_the_earlier_revision(topic, clinician):
    post = topic.posts.get(number=1)
    post_edit(
        editor=clinician,
        post=post,
        content=factories.content("Updated question with more context."),
        reason="added context",
    )
    post.refresh_from_db()
    bodies = list(post.revisions.order_by("number").values_list("body", flat=True))
    assert len(bodies) == 2
    assert bodies[1] == "Updated question with more context."
    assert post.current_revision.number == 2
    assert post.is_edited


def test_a_stored_revision_refuses_to_change(topic):
    revision = Revision.objects.get(post__topic=topic)
    revision.body = "rewritten history"
    with pytest.raises(AppendOnlyError):
        revision.save()
    with pytest.raises(AppendOnlyError):
        Revision.objects.filter(pk=revision.pk).update(body="x")
    with pytest.raises(AppendOnlyError):
        revision.delete()
    assert Revision.objects.get(pk=revision.pk).body != "rewritten history"


def test_an_edit_requires_a_reason(topic, clinician):
    post = topic.posts.get(number=1)
    with pytest.raises(ValidationError):
        post_edit(editor=clinician, post=post, content=factories.content("x y z"), reason=" ")
    assert post.revisions.count() == 1


def test_only_the_author_can_edit(topic, other_clinician):
    post = topic.posts.get(number=1)
    with pytest.raises(PermissionDenied):
        post_edit(editor=other_clinician, post=post, content=factories.content("x"), reason="r")


def test_a_reply_records_the_revision_it_answered(topic, clinician, other_clinician):
    first = topic.posts.get(number=1)
    reply = reply_create(author=other_clinician, topic=topic, content=factories.content("Reply"))
    assert reply.answered_revision_id == first.current_revision_id
    post_edit(editor=clinician, post=first, content=factories.content("Changed"), reason="fix")
    first.refresh_from_db()
    assert reply.answered_revision_id != first.current_revision_id


def test_withdrawing_a_post_with_replies_leaves_a_tombstone(topic, clinician, other_clinician):
    first = topic.posts.get(number=1)
    reply_create(author=other_clinician, topic=topic, content=factories.content("Reply"))
    post_withdraw(author=clinician, post=first)
    first.refresh_from_db()
    assert first.status == PostStatus.WITHDRAWN
    assert Post.objects.filter(pk=first.pk).exists()
    assert first.revisions.count() == 1


def test_an_unverified_member_cannot_post(group, unverified_user):
    factories.MembershipFactory(group=group, user=unverified_user)
    with pytest.raises(PermissionDenied):
        topic_create(
            author=unverified_user,
            group=group,
            title="Hello",
            purpose=TopicPurpose.OTHER,
            content=factories.content(),
        )


def test_publishing_locked_posts_skips_those_no_longer_under_review(topic, other_clinician):
    from django.db import transaction

    from forum.posting import publish_locked_posts

    replies = [
        reply_create(author=other_clinician, topic=topic, content=factories.content(f"Reply {n}"))
        for n in range(3)
    ]
    Post.objects.filter(pk__in=[replies[0].pk, replies[1].pk]).update(status=PostStatus.PENDING)
    Post.objects.filter(pk=replies[2].pk).update(status=PostStatus.REMOVED)
    topic.refresh_from_db()
    before = topic.reply_count
    with transaction.atomic():
        locked = list(
            Post.objects.select_for_update(of=("self",))
            .select_related("author", "topic__author", "topic__group", "current_revision")
            .filter(pk__in=[reply.pk for reply in replies])
        )
        published = publish_locked_posts(locked)
    assert published == [replies[0].pk, replies[1].pk]
    statuses = Post.objects.filter(pk__in=[r.pk for r in replies]).values_list("pk", "status")
    assert dict(statuses) == {
        replies[0].pk: PostStatus.PUBLISHED,
        replies[1].pk: PostStatus.PUBLISHED,
        replies[2].pk: PostStatus.REMOVED,
    }
    topic.refresh_from_db()
    assert topic.reply_count == before + 2


@pytest.mark.django_db(transaction=True)
def test_publishing_locked_posts_needs_the_transaction_that_locked_them(topic, other_clinician):
    from django.db.transaction import TransactionManagementError

    from forum.posting import publish_locked_posts

    reply = reply_create(author=other_clinician, topic=topic, content=factories.content("Reply"))
    Post.objects.filter(pk=reply.pk).update(status=PostStatus.PENDING)
    reply.refresh_from_db()
    with pytest.raises(TransactionManagementError):
        publish_locked_posts([reply])
    reply.refresh_from_db()
    assert reply.status == PostStatus.PENDING
