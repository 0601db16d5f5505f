"""Member profile pages: who a colleague is, as the reader may see them.

A profile shows the member's byline (name, credentials, picture), their verified license
badges, the groups they belong to that the reader may see, and their recent posts that
the reader may read: published, in a visible topic of a group whose topics the reader
can read. Nothing held, awaiting screening, scheduled, withdrawn or removed appears,
whoever reads (moderators included: the profile is the public view), and no post body:
the list links to each post, where the thread's own rules apply.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Q

from accounts.access import AnyUser
from accounts.credentials import member_badges
from accounts.models import User
from forum.access import readable_groups_q, title_groups_q
from forum.choices import PostStatus
from forum.models import Group, Membership, Post

RECENT_POSTS = 10


@dataclass(frozen=True)
class Profile:
    member: User
    badges: list[str]
    groups: list[Group]
    recent_posts: list[Post]
    is_self: bool


def _groups_q(viewer: AnyUser, member: User, prefix: str = "") -> Q:
    """Groups whose topics `viewer` may read; on their own profile, those whose titles they
    see (a member reads their own posts whatever their license: issue 22 item 2)."""
    if viewer.is_authenticated and viewer.pk == member.pk:
        return title_groups_q(viewer, prefix)
    return readable_groups_q(viewer, prefix)


def visible_groups(*, viewer: AnyUser, member: User) -> list[Group]:
    """The groups `member` is an active member of whose topics `viewer` may read."""
    member_of = Membership.objects.filter(user=member, state=Membership.State.ACTIVE).values(
        "group_id"
    )
    return list(
        Group.objects.filter(pk__in=member_of)
        .filter(_groups_q(viewer, member))
        .only("id", "name", "slug", "kind")
        .order_by("name")
    )


def readable_posts(*, viewer: AnyUser, member: User, limit: int = RECENT_POSTS) -> list[Post]:
    """`member`'s newest published posts that `viewer` may read (see the module's rules)."""
    return list(
        Post.objects.filter(author=member, status=PostStatus.PUBLISHED, topic__is_visible=True)
        .filter(_groups_q(viewer, member, prefix="topic__group__"))
        .select_related("topic", "topic__group")
        .only(
            "id",
            "number",
            "created_at",
            "published_at",
            "topic__id",
            "topic__title",
            "topic__group__id",
            "topic__group__name",
            "topic__group__slug",
        )
        .order_by(F("published_at").desc(nulls_last=True), "-id")[:limit]
    )


def member_profile(*, viewer: AnyUser, member: User) -> Profile:
    return Profile(
        member=member,
        badges=member_badges(member.pk),
        groups=visible_groups(viewer=viewer, member=member),
        recent_posts=readable_posts(viewer=viewer, member=member),
        is_self=viewer.is_authenticated and viewer.pk == member.pk,
    )


def author_byline_changed(*, user_id: int, **_: object) -> None:
    """accounts.signals.byline_changed: the group topic lists that show the member as a
    topic's author get a new cache key (forum/topic_lists.py), so the new name shows at
    once. Thread pages need nothing: their keys hold the authors' bylines."""
    Group.objects.filter(topics__author_id=user_id).update(topics_version=F("topics_version") + 1)
