"""The email digest (issue 22 item 10, issue 21 item 9): what was published in a member's
groups since their last digest, after DIGEST_HOUR in their own zone. Each group is daily,
weekly or off (forum.Membership.digest, else the member's own accounts.User.digest); one
email per run holds the parts due: the daily groups since the last daily part, and on
Mondays the weekly groups since the last weekly part (each part has its own sent time).

Only what any reader of the group sees goes in: posts published now, their published
revision, in groups the member may read today (forum.access.readable_groups_q) and has not
muted. A digest with nothing new is not sent (the period still counts as done)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
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


def due(user: User, frequency: str, now: datetime) -> bool:
    """Whether the member's daily or weekly part is due: after DIGEST_HOUR in their zone,
    not sent since today's DIGEST_HOUR (daily), or since Monday's (weekly; a missed Monday
    catches up)."""
    if frequency not in PERIODS:
        return False
    local = now.astimezone(zone_of(user))
    if local.hour < settings.FORUM_DIGEST_HOUR:
        return False
    start = local.replace(hour=settings.FORUM_DIGEST_HOUR, minute=0, second=0, microsecond=0)
    sent = _sent_at(user, frequency)
    if frequency == DigestFrequency.DAILY:
        return sent is None or sent < start
    monday = start - timedelta(days=local.weekday())
    if local.weekday() == 0:
        return sent is None or sent < monday
    return sent is None or sent < monday - timedelta(days=1)


def _sent_at(user: User, frequency: str) -> datetime | None:
    if frequency == DigestFrequency.DAILY:
        return user.daily_digest_sent_at
    return user.weekly_digest_sent_at


_MARKER = {
    DigestFrequency.DAILY: "daily_digest_sent_at",
    DigestFrequency.WEEKLY: "weekly_digest_sent_at",
}


def since(user: User, frequency: str, now: datetime) -> datetime:
    """The start of the period this part of the digest covers."""
    default = now - PERIODS[DigestFrequency(frequency)]
    sent = _sent_at(user, frequency)
    start = sent if sent is not None and sent < now else default
    return max(start, now - LONGEST)


def group_frequencies(user: User) -> dict[int, str]:
    """Each of the member's groups that is in a digest, with how often: the membership's
    own choice, else the member's (accounts.User.digest). Muted groups never are."""
    memberships = (
        Membership.objects.filter(user=user, state=Membership.State.ACTIVE)
        .exclude(notify_level=NotifyLevel.MUTE)
        .values_list("group_id", "digest")
    )
    chosen = {group_id: digest or user.digest for group_id, digest in memberships}
    return {group_id: digest for group_id, digest in chosen.items() if digest in PERIODS}


def digest_for(
    user: User, *, start: datetime, end: datetime, group_ids: Collection[int] | None = None
) -> list[DigestGroup]:
    """The member's groups (those of `group_ids` only, when given) with what was published
    in them in [start, end)."""
    memberships = Membership.objects.filter(user=user, state=Membership.State.ACTIVE).exclude(
        notify_level=NotifyLevel.MUTE
    )
    if group_ids is not None:
        memberships = memberships.filter(group_id__in=list(group_ids))
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


@dataclass
class DigestPart:
    frequency: str
    start: datetime
    groups: list[DigestGroup]

    @property
    def weekly(self) -> bool:
        return self.frequency == DigestFrequency.WEEKLY


def send_digest(user: User, now: datetime, frequencies: Collection[str] | None = None) -> bool:
    """Claim the member's daily and weekly periods among `frequencies` (default: both) that
    some group of theirs is in (one sender wins each), then mail one email with every
    claimed part that holds news; True if a mail went out. A failed send gives the periods
    back so the next run tries again."""
    by_group = group_frequencies(user)
    wanted = [
        frequency
        for frequency in (DigestFrequency.DAILY, DigestFrequency.WEEKLY)
        if frequency in by_group.values() and (frequencies is None or frequency in frequencies)
    ]
    claimed: dict[str, datetime | None] = {}
    for frequency in wanted:
        previous = _sent_at(user, frequency)
        if previous is not None and previous >= now:
            continue
        # marker=None filters IS NULL: a first digest is claimed the same way.
        marker = _MARKER[DigestFrequency(frequency)]
        if User.objects.filter(pk=user.pk, **{marker: previous}).update(**{marker: now}):
            claimed[frequency] = previous
    parts = []
    for frequency in claimed:
        # `user` still holds the times from before the claim.
        start = since(user, frequency, now)
        groups = digest_for(
            user,
            start=start,
            end=now,
            group_ids=[group_id for group_id, f in by_group.items() if f == frequency],
        )
        if groups:
            parts.append(DigestPart(frequency=frequency, start=start, groups=groups))
    if not parts:
        return False
    with timezone.override(zone_of(user)):
        message = render_email(
            "digest",
            to=[user.email],
            context={
                "user": user,
                "parts": parts,
                "groups": [group for part in parts for group in part.groups],
                "end": now,
                "kind": " and ".join("weekly" if part.weekly else "daily" for part in parts),
            },
        )
    try:
        send_message(message)
    except OSError:
        for frequency, previous in claimed.items():
            marker = _MARKER[DigestFrequency(frequency)]
            User.objects.filter(pk=user.pk, **{marker: now}).update(**{marker: previous})
        raise
    return True


def send_due_digests(now: datetime | None = None) -> int:
    """Every member with a part of their digest due gets one email (the hourly beat task):
    their daily groups every day, their weekly groups on Mondays; the number mailed."""
    now = now or timezone.now()
    in_a_digest = Membership.objects.filter(
        user=OuterRef("pk"), state=Membership.State.ACTIVE, digest__in=list(PERIODS)
    ).exclude(notify_level=NotifyLevel.MUTE)
    members = User.objects.filter(
        Q(digest__in=list(PERIODS)) | Exists(in_a_digest),
        is_active=True,
        deactivated_at__isnull=True,
    )
    sent = 0
    for user in members.iterator():
        frequencies = [frequency for frequency in PERIODS if due(user, frequency, now)]
        if frequencies:
            sent += send_digest(user, now, frequencies)
    return sent
