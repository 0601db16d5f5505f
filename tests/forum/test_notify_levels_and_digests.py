"""Per-group notification levels (watch / normal / mute) and the email digest (issue 22
item 10). Posts go through the real posting and screening path."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from forum import digests
from forum.choices import NotifyLevel, PostStatus, TriggerWarning
from forum.models import Group, Membership, Post
from forum.posting import post_edit, reply_create
from notifications.choices import DigestFrequency, NotificationKind
from notifications.models import Notification
from tests import factories
from tests.conftest import make_verified_clinician
from tests.moderation.helpers import IDENTIFYING, first_post, new_reply, new_topic

pytestmark = pytest.mark.django_db


def _set_level(user: User, group: Group, level: str) -> None:
    Membership.objects.filter(user=user, group=group).update(notify_level=level)


def _notices(user: User, kind: str) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, kind=kind))


@pytest.fixture
def watcher(group: Group) -> User:
    member = make_verified_clinician(display_name="Wren Watcher")
    factories.MembershipFactory(group=group, user=member, notify_level=NotifyLevel.WATCH)
    return member


# -- levels ---------------------------------------------------------------------------


def test_a_watcher_is_told_of_every_new_topic_and_reply(
    group, clinician, other_clinician, watcher, django_capture_on_commit_callbacks
):
    topic = new_topic(django_capture_on_commit_callbacks, author=clinician, group=group)
    new_reply(django_capture_on_commit_callbacks, author=other_clinician, topic=topic)
    told = _notices(watcher, NotificationKind.WATCHED)
    assert len(told) == 2
    messages = sorted(n.message for n in told)
    assert any("started “Consultation request” in CBT Consultation" in m for m in messages)
    assert any("replied in “Consultation request”" in m for m in messages)
    # Normal members are told only what concerns them: nothing here for other_clinician's
    # topic start, and nothing WATCHED at all.
    assert not _notices(other_clinician, NotificationKind.WATCHED)
    assert not _notices(clinician, NotificationKind.WATCHED)


def test_a_held_post_tells_watchers_nothing_until_it_is_published(
    group, clinician, watcher, django_capture_on_commit_callbacks
):
    topic = new_topic(
        django_capture_on_commit_callbacks, author=clinician, group=group, body=IDENTIFYING
    )
    assert first_post(topic).status == PostStatus.HELD
    assert not _notices(watcher, NotificationKind.WATCHED)


def test_muting_a_group_silences_replies_and_mentions_from_it(
    group, clinician, other_clinician, django_capture_on_commit_callbacks
):
    topic = new_topic(django_capture_on_commit_callbacks, author=clinician, group=group)
    _set_level(clinician, group, NotifyLevel.MUTE)
    new_reply(django_capture_on_commit_callbacks, author=other_clinician, topic=topic)
    new_reply(
        django_capture_on_commit_callbacks,
        author=other_clinician,
        topic=topic,
        body=f"@{clinician.handle} what do you think about pacing here?",
    )
    assert not Notification.objects.filter(recipient=clinician).exists()
    _set_level(clinician, group, NotifyLevel.NORMAL)
    new_reply(django_capture_on_commit_callbacks, author=other_clinician, topic=topic)
    assert len(_notices(clinician, NotificationKind.REPLY)) == 1


def test_a_member_sets_the_level_from_the_group_page(client, group, clinician):
    client.force_login(clinician)
    page = client.get(group.get_absolute_url()).content.decode()
    assert 'name="notify_level" value="watch"' in page
    response = client.post(
        reverse("forum:group_notify_level", args=[group.slug]), {"notify_level": "watch"}
    )
    assert response.status_code == 302
    assert Membership.objects.get(user=clinician, group=group).notify_level == NotifyLevel.WATCH
    levels = client.get(reverse("forum:notify_levels")).content.decode()
    assert group.name in levels and 'value="watch" checked' in levels


def test_a_bad_level_or_a_non_member_changes_nothing_and_says_why(
    client, group, clinician, outsider
):
    client.force_login(clinician)
    response = client.post(
        reverse("forum:group_notify_level", args=[group.slug]),
        {"notify_level": "loud"},
        follow=True,
    )
    assert "Choose watch, normal or mute." in response.content.decode()
    assert Membership.objects.get(user=clinician, group=group).notify_level == NotifyLevel.NORMAL
    client.force_login(outsider)
    response = client.post(
        reverse("forum:group_notify_level", args=[group.slug]),
        {"notify_level": "watch"},
        follow=True,
    )
    assert "Only members of the group" in response.content.decode()
    assert not Membership.objects.filter(user=outsider, group=group).exists()


# -- digests --------------------------------------------------------------------------


def _daily(user: User, **fields: object) -> None:
    User.objects.filter(pk=user.pk).update(digest=DigestFrequency.DAILY, **fields)


def test_the_daily_digest_holds_only_what_readers_see(
    group, clinician, other_clinician, mailoutbox, django_capture_on_commit_callbacks
):
    _daily(other_clinician)
    shown = new_topic(
        django_capture_on_commit_callbacks,
        author=clinician,
        group=group,
        title="Pacing exposure with teens",
    )
    held = new_topic(
        django_capture_on_commit_callbacks,
        author=clinician,
        group=group,
        title="A held consultation",
        body=IDENTIFYING,
    )
    assert first_post(held).status == PostStatus.HELD
    # An edit still being screened: the digest shows the published text, not this.
    with django_capture_on_commit_callbacks(execute=False):
        post_edit(
            editor=clinician,
            post=first_post(shown),
            content=factories.content("Unscreened words that nobody else may read yet."),
            reason="typo",
        )
    new_reply(django_capture_on_commit_callbacks, author=clinician, topic=shown)
    own = new_topic(
        django_capture_on_commit_callbacks,
        author=other_clinician,
        group=group,
        title="My own question",
    )
    assert own.pk
    muted_group = factories.GroupFactory(name="Muted circle")
    factories.MembershipFactory(group=muted_group, user=clinician)
    factories.MembershipFactory(
        group=muted_group, user=other_clinician, notify_level=NotifyLevel.MUTE
    )
    new_topic(
        django_capture_on_commit_callbacks,
        author=clinician,
        group=muted_group,
        title="From a muted group",
    )

    now = timezone.now() + timedelta(minutes=1)
    mailoutbox.clear()  # the notices' own emails
    assert digests.send_digest(User.objects.get(pk=other_clinician.pk), now)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    text = mail.body + mail.alternatives[0][0]
    assert mail.to == [other_clinician.email]
    assert "daily digest" in mail.subject and group.name in mail.subject
    assert "Pacing exposure with teens" in text and "(new topic)" in text
    assert "1 new reply" in text
    assert "Looking for reading suggestions" in text  # the published first post's text
    assert "Unscreened words" not in text
    assert "A held consultation" not in text and "MRN" not in text
    assert "My own question" not in text
    assert "From a muted group" not in text
    # Sent once: the period is claimed.
    assert not digests.send_digest(User.objects.get(pk=other_clinician.pk), now)
    assert digests.send_due_digests(now + timedelta(minutes=5)) == 0
    assert len(mailoutbox) == 1


def test_a_digest_with_nothing_new_is_not_sent(group, other_clinician, mailoutbox):
    _daily(other_clinician)
    assert not digests.send_digest(User.objects.get(pk=other_clinician.pk), timezone.now())
    assert mailoutbox == []


def test_a_digest_is_due_after_seven_in_the_members_own_zone(other_clinician):
    _daily(other_clinician, time_zone="America/Los_Angeles")
    member = User.objects.get(pk=other_clinician.pk)
    # 14:00 UTC is 06:00 in Los Angeles in winter: not yet; 15:30 UTC is 07:30: due.
    assert not digests.due(member, datetime(2026, 12, 7, 14, 0, tzinfo=UTC))
    assert digests.due(member, datetime(2026, 12, 7, 15, 30, tzinfo=UTC))
    member.digest_sent_at = datetime(2026, 12, 7, 15, 5, tzinfo=UTC)
    assert not digests.due(member, datetime(2026, 12, 7, 23, 0, tzinfo=UTC))
    assert digests.due(member, datetime(2026, 12, 8, 15, 30, tzinfo=UTC))


def test_a_weekly_digest_goes_on_mondays_and_catches_up(other_clinician):
    User.objects.filter(pk=other_clinician.pk).update(digest=DigestFrequency.WEEKLY)
    member = User.objects.get(pk=other_clinician.pk)
    monday = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)  # a Monday, UTC member
    member.digest_sent_at = monday - timedelta(days=7)
    assert digests.due(member, monday)
    member.digest_sent_at = monday
    assert not digests.due(member, monday + timedelta(days=1))
    assert not digests.due(member, monday + timedelta(days=6))
    assert digests.due(member, monday + timedelta(days=7))
    member.digest_sent_at = monday - timedelta(days=7)  # Monday's run was missed
    assert digests.due(member, monday + timedelta(days=1))


def test_no_digest_for_members_who_chose_none_or_left(
    group, clinician, other_clinician, mailoutbox, django_capture_on_commit_callbacks
):
    new_topic(django_capture_on_commit_callbacks, author=clinician, group=group)
    later = timezone.now() + timedelta(hours=1)
    assert digests.send_due_digests(later.replace(hour=12)) == 0
    _daily(other_clinician, is_active=False)
    assert digests.send_due_digests(later.replace(hour=12)) == 0
    assert mailoutbox == []


def test_the_digest_is_chosen_in_settings(client, clinician):
    client.force_login(clinician)
    page = client.get(reverse("accounts:settings")).content.decode()
    assert 'name="digest"' in page and reverse("forum:notify_levels") in page
    data = {
        "display_name": clinician.display_name,
        "credentials_suffix": clinician.credentials_suffix,
        "time_zone": "UTC",
        "email_notices": "each",
        "digest": "weekly",
    }
    assert client.post(reverse("accounts:settings"), data).status_code == 302
    assert User.objects.get(pk=clinician.pk).digest == DigestFrequency.WEEKLY
    response = client.post(reverse("accounts:settings"), {**data, "digest": "hourly"})
    assert response.status_code == 400
    assert User.objects.get(pk=clinician.pk).digest == DigestFrequency.WEEKLY


def test_a_reply_by_the_author_only_is_not_news(
    group, clinician, django_capture_on_commit_callbacks
):
    topic = new_topic(django_capture_on_commit_callbacks, author=clinician, group=group)
    with django_capture_on_commit_callbacks(execute=True):
        reply_create(author=clinician, topic=topic, content=factories.content("An addendum."))
    _daily(clinician)
    assert (
        digests.digest_for(
            User.objects.get(pk=clinician.pk),
            start=timezone.now() - timedelta(days=1),
            end=timezone.now() + timedelta(minutes=1),
        )
        == []
    )


def test_digest_snippets_are_text_not_markdown(
    group, clinician, other_clinician, mailoutbox, django_capture_on_commit_callbacks
):
    _daily(other_clinician)
    new_topic(
        django_capture_on_commit_callbacks,
        author=clinician,
        group=group,
        title="Formatting",
        body="**Bold idea**: try [this worksheet](https://example.org/sheet) first.",
    )
    assert digests.send_digest(User.objects.get(pk=other_clinician.pk), timezone.now())
    digest = next(m for m in mailoutbox if "digest" in m.subject)
    assert "Bold idea: try this worksheet first." in digest.body
    assert "**" not in digest.body and "](https" not in digest.body


def test_a_digest_names_a_new_topics_content_warning_instead_of_its_text(
    group, clinician, other_clinician, mailoutbox, django_capture_on_commit_callbacks
):
    # An email cannot collapse a post as the thread page does: a first post collapsed behind
    # a warning (declared, or added by screening or a moderator) is named by its warning and
    # its text left out; an open one keeps its snippet.
    _daily(other_clinician)
    new_topic(
        django_capture_on_commit_callbacks,
        author=clinician,
        group=group,
        title="After an attempt",
        body="Declared words about last month's overdose and the safety plan since.",
        warnings=[TriggerWarning.SUICIDE_SELF_HARM],
    )
    added = new_topic(
        django_capture_on_commit_callbacks,
        author=clinician,
        group=group,
        title="Added later",
        body="Words a moderator later put behind a warning.",
    )
    Post.objects.filter(pk=first_post(added).pk).update(
        added_warnings=[{"warning": TriggerWarning.ABUSE, "by": "moderator"}]
    )
    new_topic(
        django_capture_on_commit_callbacks,
        author=clinician,
        group=group,
        title="Open one",
        body="Plain words anyone may read in the digest.",
    )
    assert digests.send_digest(User.objects.get(pk=other_clinician.pk), timezone.now())
    digest = next(m for m in mailoutbox if "digest" in m.subject)
    for text in (digest.body, digest.alternatives[0][0]):
        assert "Declared words" not in text
        assert "Words a moderator" not in text
        assert "Content warning:" in text and "Suicide or self-harm" in text
        assert "Abuse (added by a moderator). Open the topic to read it." in text
        assert "Plain words anyone may read in the digest." in text
