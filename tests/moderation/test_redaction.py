"""Moderators redact a whole version of a post, or a passage of it, from the case page
(issue 18 item 2, issue 21 item 3), through the page's forms in a TOTP-passed session.

Readers, the author, history, diffs, search, digests and the author's data export see the
marker; the passage itself stays in the moderators' record on the case page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from detectors.policy import Reason
from forum import digests
from forum.choices import PostStatus
from forum.export import posts as exported_posts
from forum.models import Post, RevisionRedaction, RevisionSpanRedaction
from forum.posting import post_edit
from forum.redacted import REDACTED_MARKER
from moderation import cases
from moderation.models import Case
from notifications.choices import DigestFrequency
from tests import factories
from tests.accounts.helpers import sign_in_with_totp
from tests.conftest import make_verified_clinician
from tests.moderation.helpers import first_post, new_topic

pytestmark = pytest.mark.django_db

CASE_URL = "admin:moderation_case_change"
SPAN = "who builds origami cranes"
FIRST = f"Looking for reading suggestions on pacing exposure work with a teen {SPAN}."
SECOND = FIRST + " She also writes poems about the sea, and I wonder about using them."
REASON = "The hobby identifies the client in a small town."


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def _flagged(post: Post) -> Case:
    with transaction.atomic():
        return cases.open_or_merge_case(
            post=post, reasons=[Reason("member_flag", "a member flagged this post")]
        )


@pytest.fixture
def edited_post(group, clinician, django_capture_on_commit_callbacks) -> Post:
    """A published first post whose two versions both hold SPAN, the second published."""
    post = first_post(
        new_topic(
            django_capture_on_commit_callbacks,
            author=clinician,
            group=group,
            title="Pacing exposure with teens",
            body=FIRST,
        )
    )
    with django_capture_on_commit_callbacks(execute=True):
        post_edit(
            editor=clinician, post=post, content=factories.content(SECOND), reason="more context"
        )
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED and post.revision_count == 2
    assert post.published_revision_id == post.current_revision_id
    return post


@pytest.fixture
def case(edited_post) -> Case:
    return _flagged(edited_post)


@pytest.fixture
def group_moderator(group) -> User:
    """A moderator scoped to the post's group only."""
    moderator = make_verified_clinician(display_name="Gail Groupmod", handle="gail")
    moderator.is_moderator = True
    moderator.save(update_fields=["is_moderator"])
    moderator.moderated_groups.add(group)
    return moderator


def _redact_span(client: Client, case: Case, **fields: str):
    data = {
        "revision": "2",
        "text": SPAN,
        "reason": REASON,
        "every_version": "1",
        "redact_span": "1",
        **fields,
    }
    return client.post(reverse(CASE_URL, args=[case.pk]), data, follow=True)


def _search(client: Client, query: str) -> str:
    return _page(client, reverse("forum:search") + f"?q={query}")


def test_a_group_moderator_redacts_a_passage_and_every_reader_sees_the_marker(
    client,
    group,
    group_moderator,
    clinician,
    other_clinician,
    case,
    edited_post,
    mailoutbox,
):
    post = edited_post
    reader = Client()
    reader.force_login(other_clinician)
    topic_url = post.topic.get_absolute_url()
    history_url = reverse("forum:post_history", args=[post.pk])
    assert SPAN in _page(reader, topic_url)  # and now in the shared HTML cache
    assert "origami" in _search(reader, "origami")

    sign_in_with_totp(client, group_moderator)
    case_page = _page(client, reverse(CASE_URL, args=[case.pk]))
    assert 'name="redact_span"' in case_page and 'id="span-text-2"' in case_page
    response = _redact_span(client, case)
    assert response.status_code == 200
    told = response.content.decode()
    assert "Redacted 2 occurrences in versions 1, 2" in told

    records = list(RevisionSpanRedaction.objects.filter(revision__post=post).order_by("id"))
    assert [(r.revision.number, r.text, r.occurrences) for r in records] == [
        (1, SPAN, 1),
        (2, SPAN, 1),
    ]
    assert all(r.moderator == group_moderator and r.reason == REASON for r in records)
    assert SPAN not in records[1].body and REDACTED_MARKER in records[1].body
    # The revision rows are untouched (append-only); nothing a reader reads holds the span.
    post.refresh_from_db()
    assert SPAN in post.current_revision.body
    assert SPAN not in post.search_text and post.redacted_spans == 2

    # Readers: the thread (despite the cached page), both versions, the history and its diff.
    thread = _page(reader, topic_url)
    assert SPAN not in thread and REDACTED_MARKER in thread
    assert "A moderator redacted part of this version" in thread
    for number in (1, 2):
        version = _page(reader, reverse("forum:revision", args=[post.pk, number]))
        assert SPAN not in version and REDACTED_MARKER in version
    history = _page(reader, history_url + "?a=1&b=2")
    assert SPAN not in history and "poems about the sea" in history  # the diff is shown
    # Search: the passage finds nothing; the rest of the post is still found, marker shown.
    assert "Pacing exposure with teens" not in _search(reader, "origami")
    found = _search(reader, "poems")
    assert "Pacing exposure with teens" in found and "origami" not in found

    # The author sees the marker too: thread, edit box, own data export.
    author = Client()
    author.force_login(clinician)
    own = _page(author, topic_url)
    assert SPAN not in own and REDACTED_MARKER in own
    edit = _page(author, reverse("forum:post_edit", args=[post.pk]))
    assert SPAN not in edit and REDACTED_MARKER in edit
    exported = [r["body"] for p in exported_posts(clinician) for r in p["revisions"]]
    assert exported and all(SPAN not in body for body in exported)

    # Quoting it in a reply brings the marker, not the passage.
    quote = _page(reader, reverse("forum:reply", args=[post.topic_id]) + f"?quote={post.pk}")
    assert SPAN not in quote and REDACTED_MARKER in quote

    # The daily digest.
    User.objects.filter(pk=other_clinician.pk).update(digest=DigestFrequency.DAILY)
    mailoutbox.clear()
    assert digests.send_digest(
        User.objects.get(pk=other_clinician.pk), timezone.now() + timedelta(minutes=1)
    )
    mail = mailoutbox[0]
    assert "Pacing exposure with teens" in mail.body
    assert SPAN not in mail.body + mail.alternatives[0][0]

    # The moderators' record: the case page shows the passage to moderators only.
    case_page = _page(client, reverse(CASE_URL, args=[case.pk]))
    assert "Redacted passages (moderators only)" in case_page and SPAN in case_page
    assert REASON.replace("'", "&#x27;") in case_page
    member = Client()
    member.force_login(other_clinician)
    refused = member.get(reverse(CASE_URL, args=[case.pk]))
    assert refused.status_code == 302 and SPAN not in refused.content.decode()
    password_only = Client()
    password_only.force_login(group_moderator)
    refused = password_only.get(reverse(CASE_URL, args=[case.pk]))
    assert refused.status_code in (302, 403) and SPAN not in refused.content.decode()


def test_one_version_only_when_the_moderator_unticks_every_version(
    client, group_moderator, other_clinician, case, edited_post
):
    sign_in_with_totp(client, group_moderator)
    _redact_span(client, case, every_version="")
    assert [
        r.revision.number for r in RevisionSpanRedaction.objects.filter(revision__post=edited_post)
    ] == [2]
    reader = Client()
    reader.force_login(other_clinician)
    first = _page(reader, reverse("forum:revision", args=[edited_post.pk, 1]))
    assert SPAN in first  # the moderator chose this version only
    assert SPAN not in _page(reader, reverse("forum:revision", args=[edited_post.pk, 2]))


def test_a_passage_not_in_the_version_gets_a_message_and_changes_nothing(
    client, group_moderator, case, edited_post
):
    sign_in_with_totp(client, group_moderator)
    response = _redact_span(client, case, text="who folds paper boats")
    assert response.status_code == 200
    assert "That text is not in version 2" in response.content.decode()
    assert not RevisionSpanRedaction.objects.exists()
    edited_post.refresh_from_db()
    assert edited_post.redacted_spans == 0 and SPAN in edited_post.search_text
    # No reason, no text: messages, nothing changed, never a 500.
    for fields in ({"reason": ""}, {"text": "   "}, {"revision": "x"}, {"revision": "9"}):
        response = _redact_span(client, case, **fields)
        assert response.status_code == 200
    assert not RevisionSpanRedaction.objects.exists()


def test_a_group_moderator_redacts_a_whole_version_from_the_case_page(
    client, group_moderator, other_clinician, case, edited_post
):
    sign_in_with_totp(client, group_moderator)
    response = client.post(
        reverse(CASE_URL, args=[case.pk]),
        {"revision": "2", "reason": REASON, "redact": "1"},
        follow=True,
    )
    assert "Version 2 is redacted" in response.content.decode()
    redaction = RevisionRedaction.objects.get(revision__post=edited_post)
    assert redaction.revision.number == 2 and SPAN in redaction.original_body
    reader = Client()
    reader.force_login(other_clinician)
    thread = _page(reader, edited_post.topic.get_absolute_url())
    assert "Redacted by a moderator on" in thread and "poems about the sea" not in thread
    history = _page(reader, reverse("forum:post_history", args=[edited_post.pk]) + "?a=1&b=2")
    assert "poems about the sea" not in history
    assert "poems about the sea" not in _search(reader, "poems")
    # Text redaction is refused on a version redacted as a whole.
    response = _redact_span(client, case)
    assert "already redacted as a whole" in response.content.decode()
    assert not RevisionSpanRedaction.objects.exists()


def test_a_moderator_of_another_group_cannot_redact(client, organizer, case, edited_post):
    other_group = factories.GroupFactory(created_by=organizer, name="EMDR", slug="emdr")
    scoped = make_verified_clinician(is_moderator=True)
    scoped.moderated_groups.add(other_group)
    sign_in_with_totp(client, scoped)
    assert client.post(reverse(CASE_URL, args=[case.pk]), {"redact_span": "1"}).status_code == 404
    response = client.post(
        reverse(CASE_URL, args=[case.pk]),
        {"revision": "2", "text": SPAN, "reason": REASON, "redact_span": "1"},
    )
    assert response.status_code == 404
    response = client.post(
        reverse(CASE_URL, args=[case.pk]), {"revision": "2", "reason": REASON, "redact": "1"}
    )
    assert response.status_code == 404
    assert not RevisionSpanRedaction.objects.exists() and not RevisionRedaction.objects.exists()


def test_a_moderator_without_a_totp_session_cannot_redact(client, group_moderator, case):
    client.force_login(group_moderator)  # a password alone
    for action in ({"redact_span": "1", "text": SPAN}, {"redact": "1"}):
        response = client.post(
            reverse(CASE_URL, args=[case.pk]), {"revision": "2", "reason": REASON, **action}
        )
        assert response.status_code in (302, 403)
    assert not RevisionSpanRedaction.objects.exists() and not RevisionRedaction.objects.exists()


def test_nobody_redacts_their_own_post(client, group, django_capture_on_commit_callbacks):
    author = make_verified_clinician(display_name="Mia Modauthor", handle="mia")
    author.is_moderator = True
    author.save(update_fields=["is_moderator"])
    author.moderated_groups.add(group)
    factories.MembershipFactory(group=group, user=author)
    post = first_post(
        new_topic(django_capture_on_commit_callbacks, author=author, group=group, body=FIRST)
    )
    own_case = _flagged(post)
    sign_in_with_totp(client, author)
    page = _page(client, reverse(CASE_URL, args=[own_case.pk]))
    assert 'name="redact_span"' not in page and "This is your own post" in page
    for action in (
        {"redact_span": "1", "text": SPAN},
        {"redact": "1"},
    ):
        response = client.post(
            reverse(CASE_URL, args=[own_case.pk]),
            {"revision": "1", "reason": REASON, **action},
            follow=True,
        )
        assert response.status_code == 200
        assert "Nobody redacts their own post" in response.content.decode()
    assert not RevisionSpanRedaction.objects.exists() and not RevisionRedaction.objects.exists()
    assert SPAN in Post.objects.get(pk=post.pk).search_text
