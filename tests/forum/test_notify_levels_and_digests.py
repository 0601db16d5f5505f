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
    assert not digests.due(member, DigestFrequency.DAILY, datetime(2026, 12, 7, 14, 0, tzinfo=UTC))
    assert digests.due(member, DigestFrequency.DAILY, datetime(2026, 12, 7, 15, 30, tzinfo=UTC))
    member.daily_digest_sent_at = datetime(2026, 12, 7, 15, 5, tzinfo=UTC)
    assert not digests.due(member, DigestFrequency.DAILY, datetime(2026, 12, 7, 23, 0, tzinfo=UTC))
    assert digests.due(member, DigestFrequency.DAILY, datetime(2026, 12, 8, 15, 30, tzinfo=UTC))


def test_a_weekly_digest_goes_on_mondays_and_catches_up(other_clinician):
    User.objects.filter(pk=other_clinician.pk).update(digest=DigestFrequency.WEEKLY)
    member = User.objects.get(pk=other_clinician.pk)
    monday = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)  # a Monday, UTC member
    member.weekly_digest_sent_at = monday - timedelta(days=7)
    assert digests.due(member, DigestFrequency.WEEKLY, monday)
    member.weekly_digest_sent_at = monday
    assert not digests.due(member, DigestFrequency.WEEKLY, monday + timedelta(days=1))
    assert not digests.due(member, DigestFrequency.WEEKLY, monday + timedelta(days=6))
    assert digests.due(member, DigestFrequency.WEEKLY, monday + timedelta(days=7))
    member.weekly_digest_sent_at = monday - timedelta(days=7)  # Monday's run was missed
    assert digests.due(member, DigestFrequency.WEEKLY, monday + timedelta(days=1))


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


# -- digest per group (issue 21 item 9) -------------------------------------------------


def _published_at(topic, when: datetime) -> None:
    Post.objects.filter(topic=topic).update(published_at=when, created_at=when)


def test_each_group_is_in_the_digest_at_its_own_period_in_one_email(
    group, clinician, other_clinician, mailoutbox, django_capture_on_commit_callbacks
):
    # other_clinician: weekly by default; the CBT group daily; another group weekly (their
    # default); a third off; a fourth daily but muted.
    User.objects.filter(pk=other_clinician.pk).update(
        digest=DigestFrequency.WEEKLY,
        daily_digest_sent_at=datetime(2026, 12, 13, 8, 0, tzinfo=UTC),  # Sunday
        weekly_digest_sent_at=datetime(2026, 12, 7, 8, 0, tzinfo=UTC),  # last Monday
    )
    Membership.objects.filter(user=other_clinician, group=group).update(digest="daily")
    weekly_group = factories.GroupFactory(name="Weekly circle")
    off_group = factories.GroupFactory(name="Quiet circle")
    muted_group = factories.GroupFactory(name="Muted circle")
    for each in (weekly_group, off_group, muted_group):
        factories.MembershipFactory(group=each, user=clinician)
    factories.MembershipFactory(group=weekly_group, user=other_clinician)
    factories.MembershipFactory(group=off_group, user=other_clinician, digest="none")
    factories.MembershipFactory(
        group=muted_group, user=other_clinician, digest="daily", notify_level=NotifyLevel.MUTE
    )

    def topic_in(where, title: str, when: datetime, body: str = "A plain question."):
        topic = new_topic(
            django_capture_on_commit_callbacks,
            author=clinician,
            group=where,
            title=title,
            body=body,
        )
        _published_at(topic, when)
        return topic

    topic_in(group, "Fresh daily topic", datetime(2026, 12, 13, 20, 0, tzinfo=UTC))
    topic_in(group, "Old daily topic", datetime(2026, 12, 12, 12, 0, tzinfo=UTC))
    held = topic_in(
        group, "Held daily topic", datetime(2026, 12, 13, 21, 0, tzinfo=UTC), body=IDENTIFYING
    )
    assert first_post(held).status == PostStatus.HELD
    topic_in(weekly_group, "Midweek weekly topic", datetime(2026, 12, 9, 9, 0, tzinfo=UTC))
    topic_in(off_group, "Topic nobody digests", datetime(2026, 12, 13, 20, 0, tzinfo=UTC))
    topic_in(muted_group, "Topic from a muted group", datetime(2026, 12, 13, 20, 0, tzinfo=UTC))
    mailoutbox.clear()

    monday = datetime(2026, 12, 14, 9, 0, tzinfo=UTC)
    assert digests.send_due_digests(monday) == 1
    mail = mailoutbox[-1]
    text = mail.body + mail.alternatives[0][0]
    assert mail.to == [other_clinician.email]
    assert mail.subject.endswith("Your daily and weekly digest: CBT Consultation, Weekly circle")
    assert "Fresh daily topic" in text and "Midweek weekly topic" in text
    assert "Your daily groups" in text and "Your weekly groups" in text
    for absent in ("Old daily topic", "Held daily topic", "MRN", "nobody digests", "muted"):
        assert absent not in text
    member = User.objects.get(pk=other_clinician.pk)
    assert member.daily_digest_sent_at == monday == member.weekly_digest_sent_at
    assert digests.send_due_digests(monday + timedelta(hours=1)) == 0

    topic_in(group, "Monday daily topic", monday + timedelta(hours=2))
    topic_in(weekly_group, "Monday weekly topic", monday + timedelta(hours=2))
    tuesday = monday + timedelta(days=1)
    assert digests.send_due_digests(tuesday) == 1
    mail = mailoutbox[-1]
    text = mail.body + mail.alternatives[0][0]
    assert mail.subject.endswith(f"Your daily digest: {group.name}")
    assert "Monday daily topic" in text and "Monday weekly topic" not in text
    assert "Fresh daily topic" not in text
    # The weekly part waits for next Monday, and then holds the Monday topic.
    assert digests.send_due_digests(tuesday + timedelta(days=1)) == 0
    assert digests.send_due_digests(monday + timedelta(days=7)) == 1
    text = mailoutbox[-1].body
    assert "Monday weekly topic" in text and "Midweek weekly topic" not in text


def test_a_group_with_a_digest_is_sent_even_when_the_members_default_is_off(
    group, clinician, other_clinician, mailoutbox, django_capture_on_commit_callbacks
):
    assert User.objects.get(pk=other_clinician.pk).digest == DigestFrequency.NONE
    Membership.objects.filter(user=other_clinician, group=group).update(digest="weekly")
    new_topic(django_capture_on_commit_callbacks, author=clinician, group=group, title="Hello")
    mailoutbox.clear()
    member = User.objects.get(pk=other_clinician.pk)
    assert digests.group_frequencies(member) == {group.pk: "weekly"}
    assert digests.send_digest(member, timezone.now() + timedelta(minutes=1))
    assert mailoutbox[0].subject.endswith(f"Your weekly digest: {group.name}")


def test_a_new_membership_follows_the_members_own_digest_setting(client, clinician):
    User.objects.filter(pk=clinician.pk).update(digest=DigestFrequency.DAILY)
    other = factories.GroupFactory(name="Open circle")
    client.force_login(clinician)
    client.post(reverse("forum:group_join", args=[other.slug]))
    membership = Membership.objects.get(user=clinician, group=other)
    assert membership.digest == ""
    member = User.objects.get(pk=clinician.pk)
    assert digests.group_frequencies(member)[other.pk] == "daily"
    page = client.get(other.get_absolute_url()).content.decode()
    assert "Digest: Daily (your digest setting)" in page
    assert (
        "As my digest setting (Daily: what was published in my groups the day before)" not in page
    )
    assert "As my digest setting (Daily)" in page


def test_a_member_chooses_a_groups_digest_from_the_levels_page(client, group, clinician):
    client.force_login(clinician)
    url = reverse("forum:group_notify_level", args=[group.slug])
    response = client.post(
        url, {"notify_level": "normal", "digest": "weekly", "next": "levels"}, follow=True
    )
    page = response.content.decode()
    assert "CBT Consultation: Normal. Digest: Weekly." in page
    assert 'name="digest" value="weekly" checked' in page
    assert Membership.objects.get(user=clinician, group=group).digest == "weekly"
    group_page = client.get(group.get_absolute_url()).content.decode()
    assert "Digest: Weekly" in group_page and 'name="digest" value="weekly" checked' in group_page
    response = client.post(url, {"notify_level": "normal", "digest": "hourly"}, follow=True)
    assert "Choose your digest setting, off, daily or weekly" in response.content.decode()
    assert Membership.objects.get(user=clinician, group=group).digest == "weekly"
    # A form without the digest (an older page) leaves it as it is.
    client.post(url, {"notify_level": "watch"})
    membership = Membership.objects.get(user=clinician, group=group)
    assert (membership.notify_level, membership.digest) == ("watch", "weekly")
