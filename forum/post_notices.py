"""Who is told about a published post or a helpful mark; notifications writes and mails it."""

from __future__ import annotations

from collections.abc import Sequence

from accounts.access import read_license_standing
from accounts.handles import resolve_mentions
from accounts.models import User
from forum.access import recipient_can_read_group_topics
from forum.choices import NotifyLevel
from forum.models import Membership, Post
from forum.rendering import mentioned_handles
from notifications.choices import NotificationKind
from notifications.delivery import Notice, notify, notify_many


def notify_posts_published(posts: Sequence[Post]) -> None:
    """Tell the replied-to author, the topic's author, those mentioned and the group's
    watchers about newly published posts; members who muted the group are told nothing
    (Membership.notify_level). One query for everyone mentioned (two when one names a
    handle given up lately), one for the levels, one for the recipients' licenses, one for
    notices already sent, one insert. Called with
    the posts locked, which is what keeps two publishes of a post from both passing the
    check for notices already sent."""
    mentions = {post.pk: mentioned_handles(_body(post)) for post in posts}
    handles = set().union(*mentions.values())
    # A handle its member gave up lately still reaches them (accounts/handles.py).
    by_handle = resolve_mentions(handles)
    muted, watchers = _levels({post.topic.group_id for post in posts})
    targets_of = {
        post.pk: _published_targets(post, mentions[post.pk], by_handle)
        + [
            (watcher, NotificationKind.WATCHED, _watched(post))
            for watcher in watchers.get(post.topic.group_id, [])
        ]
        for post in posts
    }
    # Whether each recipient holds a current license: one query for the batch.
    read_license_standing(
        recipient for targets in targets_of.values() for recipient, _, _ in targets
    )
    wanted: list[Notice] = []
    for post in posts:
        group = post.topic.group
        notified: set[int] = {post.author_id} | muted.get(group.pk, set())
        for recipient, kind, message in targets_of[post.pk]:
            # A mention must not tell an outsider that a private group's topic exists.
            if recipient.pk in notified or not recipient_can_read_group_topics(recipient, group):
                continue
            notified.add(recipient.pk)
            wanted.append(
                Notice(
                    recipient_id=recipient.pk,
                    kind=kind,
                    actor_id=post.author_id,
                    post_id=post.pk,
                    message=message,
                    url=post.get_absolute_url(),
                )
            )
    notify_many(wanted)


def _levels(group_ids: set[int]) -> tuple[dict[int, set[int]], dict[int, list[User]]]:
    """Per group: the ids of members who muted it, and the members who watch it."""
    muted: dict[int, set[int]] = {}
    watchers: dict[int, list[User]] = {}
    memberships = (
        Membership.objects.filter(
            group_id__in=group_ids,
            state=Membership.State.ACTIVE,
            notify_level__in=[NotifyLevel.MUTE, NotifyLevel.WATCH],
            user__is_active=True,
        )
        .select_related("user")
        .order_by("pk")
    )
    for membership in memberships:
        if membership.notify_level == NotifyLevel.MUTE:
            muted.setdefault(membership.group_id, set()).add(membership.user_id)
        else:
            watchers.setdefault(membership.group_id, []).append(membership.user)
    return muted, watchers


def _watched(post: Post) -> str:
    author, topic = post.author, post.topic
    if post.is_first_post:
        return f"{author.public_name} started “{topic.title}” in {topic.group.name}"
    return f"{author.public_name} replied in “{topic.title}” ({topic.group.name})"


def _published_targets(
    post: Post, handles: set[str], by_handle: dict[str, User]
) -> list[tuple[User, str, str]]:
    """(recipient, kind, message) in order of precedence: the replied-to author, the
    topic's author, then those mentioned (each told once, by the first that applies)."""
    author, topic = post.author, post.topic
    targets: list[tuple[User, str, str]] = []
    if not post.is_first_post:
        replied = f"{author.public_name} replied in “{topic.title}”"
        if post.reply_to_id is not None and post.reply_to is not None:
            targets.append((post.reply_to.author, NotificationKind.REPLY, replied))
        targets.append((topic.author, NotificationKind.REPLY, replied))
    mentioned = f"{author.public_name} mentioned you in “{topic.title}”"
    targets += [
        (by_handle[handle], NotificationKind.MENTION, mentioned)
        for handle in sorted(handles)
        if handle in by_handle
    ]
    return targets


def _body(post: Post) -> str:
    return post.current_revision.body if post.current_revision else ""


def notify_helpful(*, post: Post, marked_by: User) -> None:
    notify(
        recipient=post.author,
        kind=NotificationKind.HELPFUL,
        actor=marked_by,
        post_id=post.pk,
        message=f"{marked_by.public_name} marked your reply in “{post.topic.title}” as helpful",
        url=post.get_absolute_url(),
    )
