"""Issue 22 items 3, 4 and 9 on the server: who discloses in a promotion topic, who marks
helpful, a locked topic's reply page, opening a notice, refusing without a confirmation,
and withdrawing with a confirmation and an undo window."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from forum.choices import Disclaimer, PostStatus, TopicPurpose
from forum.models import Post, Topic
from forum.posting import (
    WITHDRAW_UNDO_WINDOW,
    mark_helpful,
    post_edit,
    post_restore,
    post_withdraw,
    reply_create,
    topic_create,
)
from notifications.choices import NotificationKind
from notifications.models import Notification
from tests import factories

pytestmark = pytest.mark.django_db


def _reply_form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "body": "We ran a similar group; referrals came mostly from school counselors.",
        "trigger_warnings": ["none"],
        "disclaimer": Disclaimer.NOT_CLINICAL_ADVICE,
        "disclaimer_text": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def promotion(group, clinician, django_capture_on_commit_callbacks) -> Topic:
    with django_capture_on_commit_callbacks(execute=True):
        return topic_create(
            author=clinician,
            group=group,
            title="New DBT skills group in Portland",
            purpose=TopicPurpose.PROMOTION,
            content=factories.content(
                "Twelve weeks, Tuesday evenings; I run it.",
                disclaimer=Disclaimer.FINANCIAL_INTEREST,
            ),
        )


# -- 22.3 ---------------------------------------------------------------------------------


def test_a_reply_in_a_promotion_topic_needs_no_financial_disclosure(promotion, other_clinician):
    reply = reply_create(
        author=other_clinician,
        topic=promotion,
        content=factories.content("How do you screen referrals?"),
    )
    assert reply.current_revision.disclaimer == Disclaimer.NOT_CLINICAL_ADVICE


def test_replying_through_the_composer_in_a_promotion_topic_posts(
    client, promotion, other_clinician
):
    client.force_login(other_clinician)
    url = reverse("forum:reply", args=[promotion.pk])
    page = client.get(url).content.decode()
    assert 'name="draft_purpose"' not in page
    response = client.post(url, _reply_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    assert promotion.posts.filter(author=other_clinician).exists()


def test_the_promoter_still_discloses_when_editing_the_first_post(promotion, clinician):
    first = promotion.posts.get(number=1)
    with pytest.raises(ValidationError, match="financial-interest"):
        post_edit(
            editor=clinician,
            post=first,
            content=factories.content("Now with a sliding scale.", disclaimer="deidentified"),
            reason="price",
        )


def test_a_replier_edits_without_the_disclosure(promotion, other_clinician):
    reply = reply_create(
        author=other_clinician, topic=promotion, content=factories.content("First thought.")
    )
    post_edit(
        editor=other_clinician,
        post=reply,
        content=factories.content("Second thought."),
        reason="clearer",
    )
    assert reply.revisions.count() == 2


# -- 22.4 ---------------------------------------------------------------------------------


def test_a_topic_author_cannot_mark_their_own_reply_helpful(topic, clinician, client):
    own = reply_create(author=clinician, topic=topic, content=factories.content("Adding more."))
    Post.objects.filter(pk=own.pk).update(status=PostStatus.PUBLISHED)
    own.refresh_from_db()
    with pytest.raises(PermissionDenied):
        mark_helpful(user=clinician, post=own)
    client.force_login(clinician)
    response = client.post(reverse("forum:post_helpful", args=[own.pk]))
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.helpful_marked_at is None
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "Mark as helpful feedback" not in page


def test_a_topic_authors_scheduled_reply_offers_no_helpful_mark(topic, clinician, client):
    reply_create(
        author=clinician,
        topic=topic,
        content=factories.content("Sleeping on this one."),
        schedule_at=timezone.now() + datetime.timedelta(hours=3),
    )
    client.force_login(clinician)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "Mark as helpful feedback" not in page


def test_the_topic_author_still_marks_a_colleagues_reply(
    topic, clinician, other_clinician, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reply = reply_create(
            author=other_clinician, topic=topic, content=factories.content("Try a diary.")
        )
    client.force_login(clinician)
    assert "Mark as helpful feedback" in client.get(topic.get_absolute_url()).content.decode()
    assert client.post(reverse("forum:post_helpful", args=[reply.pk])).status_code == 302
    reply.refresh_from_db()
    assert reply.helpful_marked_at is not None


# -- 22.9 ---------------------------------------------------------------------------------


def test_a_locked_topics_reply_page_says_so_and_shows_no_composer(topic, other_clinician, client):
    Topic.objects.filter(pk=topic.pk).update(is_locked=True)
    client.force_login(other_clinician)
    url = reverse("forum:reply", args=[topic.pk])
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 403
    assert "is locked" in html and "takes no new replies" in html
    assert "<textarea" not in html and "Post the reply" not in html
    posted = client.post(url, _reply_form())
    assert posted.status_code == 403
    assert topic.posts.count() == 1


def test_opening_a_notification_marks_it_read_and_follows_its_link(topic, other_clinician, client):
    notice = Notification.objects.create(
        recipient=other_clinician,
        kind=NotificationKind.REPLY,
        message="Dana replied",
        url=topic.get_absolute_url(),
    )
    client.force_login(other_clinician)
    listing = client.get(reverse("notifications:list")).content.decode()
    assert reverse("notifications:open", args=[notice.pk]) in listing
    response = client.get(reverse("notifications:open", args=[notice.pk]))
    assert response.status_code == 302 and response["Location"] == topic.get_absolute_url()
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_someone_elses_notification_cannot_be_opened(other_clinician, clinician, client):
    notice = Notification.objects.create(
        recipient=other_clinician, kind=NotificationKind.REPLY, message="m", url="/"
    )
    client.force_login(clinician)
    assert client.get(reverse("notifications:open", args=[notice.pk])).status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_a_notification_link_off_site_is_not_followed(other_clinician, client):
    notice = Notification.objects.create(
        recipient=other_clinician,
        kind=NotificationKind.REPLY,
        message="m",
        url="https://elsewhere.example/",
    )
    client.force_login(other_clinician)
    response = client.get(reverse("notifications:open", args=[notice.pk]))
    assert response["Location"] == reverse("notifications:list")


def test_deactivating_without_the_confirmation_says_why_and_changes_nothing(clinician, client):
    client.force_login(clinician)
    response = client.post(reverse("accounts:deactivate"), {})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Tick the box to confirm" in html and "error-summary" in html
    clinician.refresh_from_db()
    assert clinician.deactivated_at is None and clinician.is_active


def test_uploading_no_picture_says_choose_one(clinician, client):
    client.force_login(clinician)
    response = client.post(reverse("accounts:avatar_upload"), {})
    assert response.status_code == 400
    assert "Choose a picture to upload." in response.content.decode()


def test_withdrawing_asks_first_then_offers_an_undo(
    topic, other_clinician, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reply = reply_create(
            author=other_clinician, topic=topic, content=factories.content("On second thought.")
        )
    topic.refresh_from_db()
    assert topic.reply_count == 1
    client.force_login(other_clinician)
    thread = client.get(topic.get_absolute_url()).content.decode()
    assert f'href="{reverse("forum:post_withdraw", args=[reply.pk])}"' in thread
    asked = client.get(reverse("forum:post_withdraw", args=[reply.pk]))
    assert asked.status_code == 200 and "Withdraw your post?" in asked.content.decode()
    reply.refresh_from_db()
    assert reply.status == PostStatus.PUBLISHED  # asking changed nothing

    done = client.post(reverse("forum:post_withdraw", args=[reply.pk]))
    assert done["Location"] == reverse("forum:post_withdrawn", args=[reply.pk])
    page = client.get(done["Location"]).content.decode()
    assert "Undo: restore my post" in page
    reply.refresh_from_db()
    topic.refresh_from_db()
    assert (reply.status, topic.reply_count) == (PostStatus.WITHDRAWN, 0)

    undone = client.post(reverse("forum:post_restore", args=[reply.pk]))
    assert undone.status_code == 302
    reply.refresh_from_db()
    topic.refresh_from_db()
    assert (reply.status, topic.reply_count) == (PostStatus.PUBLISHED, 1)
    assert reply.withdrawn_at is None


def test_undo_is_refused_after_the_window(topic, clinician, other_clinician):
    reply = reply_create(author=other_clinician, topic=topic, content=factories.content("x y z"))
    Post.objects.filter(pk=reply.pk).update(status=PostStatus.PUBLISHED)
    withdrawn = post_withdraw(author=other_clinician, post=Post.objects.get(pk=reply.pk))
    Post.objects.filter(pk=reply.pk).update(
        withdrawn_at=withdrawn.withdrawn_at - WITHDRAW_UNDO_WINDOW - datetime.timedelta(seconds=1)
    )
    with pytest.raises(ValidationError, match="too late"):
        post_restore(author=other_clinician, post=Post.objects.get(pk=reply.pk))
    assert Post.objects.get(pk=reply.pk).status == PostStatus.WITHDRAWN
    with pytest.raises(PermissionDenied):
        post_restore(author=clinician, post=Post.objects.get(pk=reply.pk))


def test_a_withdrawal_still_under_review_is_restored_under_review(topic, other_clinician):
    reply = reply_create(author=other_clinician, topic=topic, content=factories.content("held?"))
    Post.objects.filter(pk=reply.pk).update(status=PostStatus.HELD)
    post_withdraw(author=other_clinician, post=Post.objects.get(pk=reply.pk))
    restored = post_restore(author=other_clinician, post=Post.objects.get(pk=reply.pk))
    assert restored.status == PostStatus.HELD
