"""A missing content warning protects readers at once (issue 20 item 2): screening collapses
the published post behind the warning it found (or holds it when sure), the author keeps
it or says it does not apply, and moderators add or remove one from the case page."""

from __future__ import annotations

import re

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from config.append_only import AppendOnlyError
from detectors.policy import MISSING_WARNING_HOLD_CONFIDENCE, Reason
from forum.choices import PostStatus, TriggerWarning
from forum.models import ContentWarningEvent, Post
from forum.posting import post_edit
from moderation import cases
from moderation import revision_screening as screening
from moderation.models import Case, CaseReason, CaseState
from notifications.models import Notification
from tests import factories
from tests.accounts.helpers import sign_in_with_totp
from tests.conftest import make_verified_clinician
from tests.moderation.helpers import CLEAN, UNWARNED, first_post, new_reply, new_topic

pytestmark = pytest.mark.django_db

SUICIDE = TriggerWarning.SUICIDE_SELF_HARM.value
# Four distinct suicide/self-harm cues: the detector's confidence is 0.94, above the hold
# threshold; "overdose" also calls for substance use (0.5, below it).
SURE = (
    "After a suicide attempt by overdose, my client described ongoing suicidal ideation, "
    "cutting and other self-harm, and wanting to kill herself."
)
CASE_URL = "admin:moderation_case_change"


def _collapsed(page: str, post: Post) -> str:
    """The part of the thread page that is the post's collapsed body."""
    start = page.index(f'id="post-{post.pk}"')
    article = page[start : page.index("</article>", start)]
    assert '<details class="warned">' in article, "the post is not collapsed"
    return article[article.index('<details class="warned">') :]


# -- screening ----------------------------------------------------------------------------


def test_screening_publishes_a_post_missing_a_warning_collapsed_behind_it(
    client, group, clinician, other_clinician, django_capture_on_commit_callbacks
):
    post = first_post(
        new_topic(django_capture_on_commit_callbacks, author=clinician, group=group, body=UNWARNED)
    )
    assert post.status == PostStatus.PUBLISHED
    assert post.added_warnings == [{"warning": SUICIDE, "by": "screening"}]
    event = ContentWarningEvent.objects.get(post=post)
    assert event.action == ContentWarningEvent.Action.SCREENING_ADDED
    assert event.revision_id == post.current_revision_id
    assert 0 < event.confidence < MISSING_WARNING_HOLD_CONFIDENCE
    assert event.actor is None
    # The author is told and asked to confirm; moderators still get the case.
    notice = Notification.objects.get(recipient=clinician)
    assert "added a content warning" in notice.message and "Suicide or self-harm" in notice.message
    assert Case.objects.get(post=post).reason == CaseReason.MISSING_WARNING

    client.force_login(other_clinician)
    page = client.get(post.topic.get_absolute_url()).content.decode()
    collapsed = _collapsed(page, post)
    assert "Content warning:</span> Suicide or self-harm (added by screening)" in collapsed
    assert "suicidal ideation with a plan" in collapsed  # inside the <details>, not above it


def test_a_missing_warning_the_detector_is_sure_of_holds_the_post(
    client, group, clinician, other_clinician, django_capture_on_commit_callbacks
):
    post = first_post(
        new_topic(django_capture_on_commit_callbacks, author=clinician, group=group, body=SURE)
    )
    assert post.status == PostStatus.HELD
    case = Case.objects.get(post=post)
    assert case.reason == CaseReason.MISSING_WARNING
    # Collapsed already, for when a moderator approves it.
    # An overdose taken as a suicide attempt is self-harm; substance use only when alcohol
    # or a drug of abuse is named (issue 20's convention).
    assert {e["warning"] for e in post.added_warnings} == {SUICIDE}
    held = ContentWarningEvent.objects.get(post=post, warning=SUICIDE)
    assert held.action == ContentWarningEvent.Action.SCREENING_HELD
    assert held.confidence >= MISSING_WARNING_HOLD_CONFIDENCE
    # One notice, the hold's, saying why.
    [notice] = Notification.objects.filter(recipient=clinician)
    assert "awaiting review" in notice.message and "content warning" in notice.message
    client.force_login(other_clinician)
    assert client.get(post.topic.get_absolute_url()).status_code == 404


def test_a_batch_of_replies_is_collapsed_the_same(
    group, topic, clinician, other_clinician, django_capture_on_commit_callbacks
):
    replies = [
        new_reply(
            django_capture_on_commit_callbacks,
            author=other_clinician,
            topic=topic,
            body=body,
            run_screening=False,
        )
        for body in (UNWARNED, CLEAN, UNWARNED)
    ]
    outcomes = screening.screen_revisions([r.current_revision_id for r in replies])
    assert sorted(outcomes.values()) == ["publish", "queue", "queue"]
    for reply, expected in zip(replies, ([SUICIDE], [], [SUICIDE]), strict=True):
        reply.refresh_from_db()
        assert reply.status == PostStatus.PUBLISHED
        assert [e["warning"] for e in reply.added_warnings] == expected


def test_a_declared_warning_adds_nothing(group, clinician, django_capture_on_commit_callbacks):
    post = first_post(
        new_topic(
            django_capture_on_commit_callbacks,
            author=clinician,
            group=group,
            body=UNWARNED,
            warnings=[SUICIDE],
        )
    )
    assert post.added_warnings == []
    assert not ContentWarningEvent.objects.exists()


def test_the_record_is_append_only(group, clinician, django_capture_on_commit_callbacks):
    post = first_post(
        new_topic(django_capture_on_commit_callbacks, author=clinician, group=group, body=UNWARNED)
    )
    event = ContentWarningEvent.objects.get(post=post)
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        ContentWarningEvent.objects.filter(pk=event.pk).update(warning="abuse")


# -- the author confirms ------------------------------------------------------------------


@pytest.fixture
def collapsed_post(group, clinician, django_capture_on_commit_callbacks) -> Post:
    return first_post(
        new_topic(django_capture_on_commit_callbacks, author=clinician, group=group, body=UNWARNED)
    )


def test_the_author_is_asked_on_their_post(client, clinician, collapsed_post):
    client.force_login(clinician)
    page = client.get(collapsed_post.topic.get_absolute_url()).content.decode()
    url = reverse("forum:post_warnings", args=[collapsed_post.pk])
    assert f'href="{url}"' in page
    page = client.get(url).content.decode()
    assert "Keep this warning" in page and "This does not apply" in page


def test_keep_this_warning_makes_it_read_as_declared(
    client, clinician, other_clinician, collapsed_post
):
    client.force_login(clinician)
    url = reverse("forum:post_warnings", args=[collapsed_post.pk])
    response = client.post(url, {"answer": "keep"})
    assert response.status_code == 302
    collapsed_post.refresh_from_db()
    assert collapsed_post.added_warnings == [{"warning": SUICIDE, "by": "author"}]
    kept = ContentWarningEvent.objects.get(action=ContentWarningEvent.Action.AUTHOR_KEPT)
    assert kept.actor == clinician and kept.warning == SUICIDE
    # The next edit starts with it declared.
    edit = client.get(reverse("forum:post_edit", args=[collapsed_post.pk])).content.decode()
    assert re.search(rf'name="trigger_warnings" value="{SUICIDE}"[^>]*checked', edit)
    page = client.get(collapsed_post.topic.get_absolute_url()).content.decode()
    assert "confirm it</a>" not in page
    client.force_login(other_clinician)
    collapsed = _collapsed(
        client.get(collapsed_post.topic.get_absolute_url()).content.decode(), collapsed_post
    )
    assert "Content warning:</span> Suicide or self-harm <span" in collapsed


def test_an_edit_that_declares_the_warning_answers_keep(
    client, clinician, collapsed_post, django_capture_on_commit_callbacks
):
    client.force_login(clinician)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("forum:post_edit", args=[collapsed_post.pk]),
            {
                "body": UNWARNED,
                "trigger_warnings": [SUICIDE],
                "disclaimer": "not_clinical_advice",
                "disclaimer_text": "",
                "reason": "declared the warning",
            },
        )
    assert response.status_code == 302
    collapsed_post.refresh_from_db()
    assert collapsed_post.added_warnings == [{"warning": SUICIDE, "by": "author"}]
    assert not collapsed_post.asks_author_about_warnings
    assert ContentWarningEvent.objects.filter(
        post=collapsed_post, action=ContentWarningEvent.Action.AUTHOR_KEPT, actor=clinician
    ).exists()


def test_this_does_not_apply_opens_a_case_and_the_collapse_stays(
    client,
    clinician,
    other_clinician,
    moderator,
    collapsed_post,
    django_capture_on_commit_callbacks,
):
    screening_case = Case.objects.get(post=collapsed_post)
    screening_case.state = CaseState.RESOLVED  # a moderator approved it as it was
    screening_case.save()
    client.force_login(clinician)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("forum:post_warnings", args=[collapsed_post.pk]), {"answer": "dispute"}
        )
    assert response.status_code == 302
    collapsed_post.refresh_from_db()
    assert collapsed_post.added_warnings[0]["disputed"] is True
    assert not collapsed_post.asks_author_about_warnings
    case = Case.objects.get(post=collapsed_post, state=CaseState.OPEN)
    assert case.reason == CaseReason.MISSING_WARNING
    assert "the author says Suicide or self-harm does not apply" in " ".join(case.reasons)
    assert case.priority < 1_000_000  # below any case with identifiers
    client.force_login(other_clinician)
    page = client.get(collapsed_post.topic.get_absolute_url()).content.decode()
    assert "(added by screening)" in _collapsed(page, collapsed_post)


def test_only_the_author_answers(client, other_clinician, collapsed_post):
    client.force_login(other_clinician)
    url = reverse("forum:post_warnings", args=[collapsed_post.pk])
    assert client.post(url, {"answer": "keep"}).status_code == 403
    collapsed_post.refresh_from_db()
    assert collapsed_post.added_warnings[0]["by"] == "screening"


def test_a_bad_answer_gets_a_message_not_a_500(client, clinician, collapsed_post):
    client.force_login(clinician)
    url = reverse("forum:post_warnings", args=[collapsed_post.pk])
    response = client.post(url, {"answer": "<script>"}, follow=True)
    assert response.status_code == 200
    assert "Keep this warning" in response.content.decode()
    client.post(url, {"answer": "keep"})
    response = client.post(url, {"answer": "keep"}, follow=True)
    assert "No added warning is waiting for your answer" in response.content.decode()


# -- moderators ---------------------------------------------------------------------------


@pytest.fixture
def clean_case(group, clinician, django_capture_on_commit_callbacks) -> Case:
    """A published post with no warning, under a case (a member's flag)."""
    post = first_post(
        new_topic(django_capture_on_commit_callbacks, author=clinician, group=group, body=CLEAN)
    )
    assert post.added_warnings == []
    with transaction.atomic():
        return cases.open_or_merge_case(
            post=post, reasons=[Reason("member_flag", "a member flagged this post")]
        )


def _add(client, case: Case, warning: str = "violence"):
    return client.post(
        reverse(CASE_URL, args=[case.pk]), {"warning": warning, "add_content_warning": "1"}
    )


def test_a_moderator_adds_a_content_warning_from_the_case_page(
    client, moderator, clinician, other_clinician, clean_case
):
    reader = Client()
    reader.force_login(other_clinician)
    topic_url = clean_case.post.topic.get_absolute_url()
    assert '<details class="warned">' not in reader.get(topic_url).content.decode()  # cached
    sign_in_with_totp(client, moderator)
    page = client.get(reverse(CASE_URL, args=[clean_case.pk])).content.decode()
    assert 'name="add_content_warning"' in page
    Notification.objects.all().delete()
    response = _add(client, clean_case)
    assert response.status_code == 302
    post = Post.objects.get(pk=clean_case.post_id)
    assert {"warning": "violence", "by": "moderator"} in post.added_warnings
    event = ContentWarningEvent.objects.get(action=ContentWarningEvent.Action.MODERATOR_ADDED)
    assert event.actor == moderator and event.warning == "violence" and event.created_at
    assert (
        "A moderator added a content warning"
        in Notification.objects.get(recipient=clinician).message
    )
    page = client.get(reverse(CASE_URL, args=[clean_case.pk])).content.decode()
    assert "Added by a moderator" in page
    # At once, despite the cached page (its key carries the added warnings).
    collapsed = _collapsed(reader.get(topic_url).content.decode(), post)
    assert "Violence (added by a moderator)" in collapsed


def test_a_moderator_removes_a_disputed_warning(
    client, moderator, clinician, collapsed_post, django_capture_on_commit_callbacks
):
    client.force_login(clinician)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("forum:post_warnings", args=[collapsed_post.pk]), {"answer": "dispute"})
    case = Case.objects.get(post=collapsed_post, state=CaseState.OPEN)
    sign_in_with_totp(client, moderator)
    response = client.post(
        reverse(CASE_URL, args=[case.pk]), {"warning": SUICIDE, "remove_content_warning": "1"}
    )
    assert response.status_code == 302
    collapsed_post.refresh_from_db()
    assert collapsed_post.added_warnings == []
    assert ContentWarningEvent.objects.filter(
        action=ContentWarningEvent.Action.MODERATOR_REMOVED, actor=moderator
    ).exists()
    # The moderator's decision stands: screening the author's next edit does not add it again.
    with django_capture_on_commit_callbacks(execute=True):
        post_edit(
            editor=clinician,
            post=collapsed_post,
            content=factories.content(UNWARNED + " Thank you all.", warnings=["none"]),
            reason="thanks",
        )
    collapsed_post.refresh_from_db()
    assert collapsed_post.published_revision_id == collapsed_post.current_revision_id
    assert collapsed_post.added_warnings == []


def test_a_member_cannot_add_a_warning(client, other_clinician, clean_case):
    client.force_login(other_clinician)
    response = _add(client, clean_case)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert Post.objects.get(pk=clean_case.post_id).added_warnings == []


def test_a_password_only_moderator_session_cannot_add_a_warning(client, moderator, clean_case):
    client.force_login(moderator)  # no TOTP pass in this session
    response = _add(client, clean_case)
    assert response.status_code in (302, 403)
    assert Post.objects.get(pk=clean_case.post_id).added_warnings == []
    assert not ContentWarningEvent.objects.exists()


def test_a_scoped_moderator_of_another_group_cannot_add_a_warning(client, organizer, clean_case):
    other_group = factories.GroupFactory(created_by=organizer, name="EMDR", slug="emdr")
    scoped = make_verified_clinician(is_moderator=True)
    scoped.moderated_groups.add(other_group)
    sign_in_with_totp(client, scoped)
    assert _add(client, clean_case).status_code == 404
    assert Post.objects.get(pk=clean_case.post_id).added_warnings == []


def test_a_bogus_warning_gets_a_message_not_a_500(client, moderator, clean_case):
    sign_in_with_totp(client, moderator)
    response = _add(client, clean_case, warning="<script>")
    assert response.status_code in (200, 302)
    assert Post.objects.get(pk=clean_case.post_id).added_warnings == []
