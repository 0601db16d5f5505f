"""Reads for the forum pages, each in a fixed, small number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from accounts.access import AnyUser, moderates_group
from accounts.credentials import credential_badges
from forum.access import readable_groups_q, visible_posts_q
from forum.models import Group, Membership, Notification, Post, Revision, Topic


def group_directory(
    *, kind: str = "", region: str = "", modality: str = "", name: str = ""
) -> QuerySet[Group]:
    groups = Group.objects.all().order_by("kind", "name")
    if kind:
        groups = groups.filter(kind=kind)
    if region:
        groups = groups.filter(region=region)
    if modality:
        groups = groups.filter(modality=modality)
    if name:
        groups = groups.filter(name__icontains=name)
    return groups


def membership_states(user: AnyUser) -> dict[int, Membership]:
    if not user.is_authenticated:
        return {}
    return {m.group_id: m for m in Membership.objects.filter(user=user)}


def visible_topics(user: AnyUser, group: Group) -> QuerySet[Topic]:
    topics = Topic.objects.filter(group=group)
    if not moderates_group(user, group):
        topics = topics.filter(is_visible=True) | topics.filter(author_id=user.pk)
    return topics.select_related("author").order_by("-is_pinned", "-last_activity_at", "-id")


def group_topics_page(*, user: AnyUser, group: Group, page: str | int | None) -> Page:
    paginator = Paginator(visible_topics(user, group), settings.FORUM_TOPICS_PER_PAGE)
    return paginator.get_page(page)


def recent_topics(*, user: AnyUser, limit: int = 20) -> list[Topic]:
    """Home page: the latest active topics across groups the reader may read."""
    return list(
        Topic.objects.filter(is_visible=True)
        .filter(readable_groups_q(user, prefix="group__"))
        .select_related("group", "author")
        .order_by("-last_activity_at", "-id")[:limit]
    )


@dataclass
class ThreadPage:
    topic: Topic
    page: Page
    badges: dict[int, str]


def thread_page(*, user: AnyUser, topic: Topic, page: str | int | None) -> ThreadPage:
    posts = (
        Post.objects.filter(topic=topic)
        .filter(visible_posts_q(user, moderating=moderates_group(user, topic.group)))
        .select_related(
            "author",
            "current_revision",
            "answered_revision",
            "answered_revision__post",
            "reply_to__author",
            "helpful_marked_by",
        )
        .order_by("number")
    )
    paginator = Paginator(posts, settings.FORUM_PAGE_SIZE)
    current = paginator.get_page(page)
    author_ids = {post.author_id for post in current.object_list}
    return ThreadPage(topic=topic, page=current, badges=credential_badges(author_ids))


def page_of_post(*, user: AnyUser, post: Post) -> int:
    earlier = (
        Post.objects.filter(topic_id=post.topic_id, number__lt=post.number)
        .filter(visible_posts_q(user, moderating=moderates_group(user, post.topic.group)))
        .count()
    )
    return earlier // settings.FORUM_PAGE_SIZE + 1


def post_revisions(post: Post) -> list[Revision]:
    return list(post.revisions.select_related("editor").order_by("number"))


def notifications_for(user: AnyUser, limit: int = 50) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user).select_related("actor")[:limit])
