"""The email digest (issue 22 item 10): what was published in a member's groups since their
last digest, daily or weekly (accounts.User.digest), after DIGEST_HOUR in their own zone.

Only what any reader of the group sees goes in: posts published now, their published
revision, in groups the member may read today (forum.access.readable_groups_q) and has not
muted. A digest with nothing new is not sent (the period still counts as done)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.text import Truncator

from accounts.models import User
from accounts.timezones import zone_of
from forum.access import readable_groups_q
from forum.choices import NotifyLevel, PostStatus
from forum.models import Group, Membership, Post, Topic, collapsed_behind
from forum.redacted import show_redacted_spans_of_posts
from forum.rendering import plain_text
from notifications.choices import DigestFrequency
from notifications.emails import render_email
from notifications.tasks import send_message

PERIODS = {DigestFrequency.DAILY: timedelta(days=1), DigestFrequency.WEEKLY: timedelta(days=7)}
# A digest never reaches further back than this, however long ago the last one was.
LONGEST = timedelta(days=8)
SNIPPET_CHARS = 240
TOPICS_PER_GROUP = 20


@dataclass
class DigestTopic:
    topic: Topic
    new: bool  # started in the period
    snippet: str  # of its first post's published revision, for a new topic
    replies: int  # replies published in the period
    # The content warnings the thread page collapses a new topic's first post behind (declared
    # or added by screening or a moderator): an email cannot collapse, so it names them and
    # leaves the text out.
    warnings: list[str] = field(default_factory=list)


@dataclass
class DigestGroup:
    group: Group
    topics: list[DigestTopic] = field(default_factory=list)
    more: int = 0  # topics left out past TOPICS_PER_GROUP


def due(user: User, now: datetime) -> bool:
    """Whether the member's digest is due: after DIGEST_HOUR in their zone, not sent since
    today's DIGEST_HOUR (daily), or since Monday's (weekly; a missed Monday catches up)."""
    if user.digest not in PERIODS:
        return False
    local = now.astimezone(zone_of(user))
    if local.hour < settings.FORUM_DIGEST_HOUR:
        return False
    start = local.replace(hour=settings.FORUM_DIGEST_HOUR, minute=0, second=0, microsecond=0)
    sent = user.digest_sent_at
    if user.digest == DigestFrequency.DAILY:
        return sent is None or sent < start
    monday = start - timedelta(days=local.weekday())
    if local.weekday() == 0:
        return sent is None or sent < monday
    return sent is None or sent < monday - timedelta(days=1)


def since(user: User, now: datetime) -> datetime:
    """The start of the period this digest covers."""
    default = now - PERIODS[DigestFrequency(user.digest)]
    sent = user.digest_sent_at
    start = sent if sent is not None and sent < now else default
    return max(start, now - LONGEST)


def digest_for(user: User, *, start: datetime, end: datetime) -> list[DigestGroup]:
    """The member's groups with what was published in them in [start, end)."""
    memberships = Membership.objects.filter(user=user, state=Membership.State.ACTIVE).exclude(
        notify_level=NotifyLevel.MUTE
    )
    groups = Group.objects.filter(readable_groups_q(user), pk__in=memberships.values("group_id"))
    posts = (
        Post.objects.filter(
            topic__group__in=groups,
            topic__is_visible=True,
            status=PostStatus.PUBLISHED,
            published_at__gte=start,
            published_at__lt=end,
            published_revision__isnull=False,
        )
        .exclude(author=user)
        .select_related("topic__group", "published_revision__redaction")
        .order_by("topic__group__name", "topic_id", "number")
    )
    # Passages a moderator redacted are not in the email (forum/redacted.py).
    posts = list(posts)
    show_redacted_spans_of_posts(posts, "published_revision")
    by_group: dict[int, DigestGroup] = {}
    by_topic: dict[int, DigestTopic] = {}
    for post in posts:
        topic = post.topic
        entry = by_topic.get(topic.pk)
        if entry is None:
            entry = by_topic[topic.pk] = DigestTopic(topic=topic, new=False, snippet="", replies=0)
            by_group.setdefault(topic.group_id, DigestGroup(group=topic.group)).topics.append(entry)
        if post.is_first_post:
            entry.new = True
            entry.warnings = collapsed_behind(post.published_revision, post)
            # A version redacted as a whole is named by its title alone.
            if not entry.warnings and not hasattr(post.published_revision, "redaction"):
                entry.snippet = Truncator(
                    " ".join(plain_text(post.published_revision.body).split())
                ).chars(SNIPPET_CHARS)
        else:
            entry.replies += 1
    result = []
    for digest_group in by_group.values():
        digest_group.topics.sort(key=lambda t: (not t.new, -t.replies, t.topic.pk))
        digest_group.more = max(0, len(digest_group.topics) - TOPICS_PER_GROUP)
        digest_group.topics = digest_group.topics[:TOPICS_PER_GROUP]
        result.append(digest_group)
    return result


def send_digest(user: User, now: datetime) -> bool:
    """Claim the member's period (one sender wins), then mail what it holds; True if a
    mail went out. A failed send gives the period back so the next run tries again."""
    previous = user.digest_sent_at
    if previous is not None and previous >= now:
        return False
    # digest_sent_at=None filters IS NULL: a first digest is claimed the same way.
    claimed = User.objects.filter(pk=user.pk, digest_sent_at=previous).update(digest_sent_at=now)
    if not claimed:
        return False
    start = since(user, now)
    groups = digest_for(user, start=start, end=now)
    if not groups:
        return False
    with timezone.override(zone_of(user)):
        message = render_email(
            "digest",
            to=[user.email],
            context={
                "user": user,
                "groups": groups,
                "start": start,
                "end": now,
                "weekly": user.digest == DigestFrequency.WEEKLY,
            },
        )
    try:
        send_message(message)
    except OSError:
        User.objects.filter(pk=user.pk, digest_sent_at=now).update(digest_sent_at=previous)
        raise
    return True


def send_due_digests(now: datetime | None = None) -> int:
    """Every member whose digest is due gets it (the hourly beat task); the number mailed."""
    now = now or timezone.now()
    members = User.objects.filter(
        is_active=True, deactivated_at__isnull=True, digest__in=list(PERIODS)
    ).exclude(digest_sent_at__gt=now - timedelta(hours=20))
    sent = 0
    for user in members.iterator():
        if due(user, now):
            sent += send_digest(user, now)
    return sent
