"""Fetch forum objects for a user, or refuse. Views never do their own permission arithmetic."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from accounts.access import (
    AnyUser,
    ReadingRefused,
    can_read_topics,
    has_staff_powers,
    is_active_member,
    is_moderator,
    moderates_group,
    needs_step_up,
    reading_block_reason,
    recipient_can_read_topics,
    role_moderates_group,
)
from accounts.backends import MAX_ID
from accounts.models import User
from config.precompiled import Precompiled
from forum.choices import AUTHOR_VISIBLE_STATUSES, PUBLIC_STATUSES, TOMBSTONE_STATUSES, PostStatus
from forum.models import Group, Membership, Post, Revision, Topic
from forum.redacted import show_redacted_spans
from forum.revision_numbers import nth_published, number_for_reader, public_number


def valid_id(object_id: int) -> bool:
    """Path converters accept any digits; ids past bigint would be a database error."""
    return 0 < object_id <= MAX_ID


def number_or_404(value: str | None) -> int | None:
    """A positive number from a query string ("?to=", "?a="), None when absent; 404 when it
    is not one."""
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise Http404("Not a valid number.") from exc
    if not 0 < number < 2**62:
        raise Http404("Not a valid number.")
    return number


def _check_id(object_id: int) -> None:
    if not valid_id(object_id):
        raise Http404("No such item.")


def active_membership(user: AnyUser, group: Group) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(group=group, user=user, state=Membership.State.ACTIVE).first()


def is_group_organizer(user: AnyUser, group: Group) -> bool:
    if not user.is_authenticated:
        return False
    if has_staff_powers(user):
        return True
    return Membership.objects.filter(
        group=group, user=user, state=Membership.State.ACTIVE, role=Membership.Role.ORGANIZER
    ).exists()


def sees_group_titles(user: AnyUser, group: Group, *, is_member: bool | None = None) -> bool:
    """Whether a signed-in member sees the titles of `group`'s topics: a public group's,
    or a private one's they belong to (or moderate). Bodies need can_read_group_topics."""
    if not is_active_member(user):
        return False
    if not group.is_private:
        return True
    if is_member is None:
        is_member = active_membership(user, group) is not None
    return is_member or moderates_group(user, group)


def can_read_group_topics(user: AnyUser, group: Group, *, is_member: bool | None = None) -> bool:
    """Whether the user may read the bodies of `group`'s topics: a current verified license
    (or a moderator's powers: accounts.access.can_read_topics), and for a private group,
    membership or moderating it. `is_member`: whether the user is an active member, when
    already read (no query)."""
    return can_read_topics(user) and sees_group_titles(user, group, is_member=is_member)


def recipient_can_read_group_topics(user: AnyUser, group: Group) -> bool:
    """can_read_group_topics for someone told about a topic outside their own request (a
    notice's recipient): a moderator's role counts, though opening the topic will need
    the powers of a TOTP-passed session."""
    if not is_active_member(user) or not recipient_can_read_topics(user):
        return False
    if not group.is_private:
        return True
    return active_membership(user, group) is not None or role_moderates_group(user, group)


def group_for_visitor(slug: str) -> Group:
    """Group descriptions are public: anyone may read a group's purpose and rules."""
    try:
        return Group.objects.get(slug=slug)
    except Group.DoesNotExist as exc:
        raise Http404("No such group.") from exc


def group_for_organizer(user: AnyUser, slug: str) -> Group:
    group = group_for_visitor(slug)
    if not is_group_organizer(user, group):
        raise PermissionDenied("Only this group's organizers can do that.")
    return group


def can_manage_group_settings(user: AnyUser, group: Group) -> bool:
    """The group's organizers (and staff) and the moderators who moderate it; staff and
    moderators in a session that passed TOTP (accounts.access.moderates_group)."""
    return is_group_organizer(user, group) or moderates_group(user, group)


def group_for_settings(user: AnyUser, slug: str) -> Group:
    group = group_for_visitor(slug)
    if not can_manage_group_settings(user, group):
        if needs_step_up(user) and role_moderates_group(user, group):
            raise PermissionDenied(
                "Moderators change group settings after the authenticator step: "
                "sign in again with your authenticator code."
            )
        raise PermissionDenied("Only this group's organizers and moderators can do that.")
    return group


def readable_groups_q(user: AnyUser, prefix: str = "") -> Q:
    """Groups whose topics the user may read (for search and lists)."""
    if not can_read_topics(user):
        return Q(pk__in=[])
    if _reads_every_group(user):
        return Q()
    return _public_or_member_q(user.pk, prefix)


def title_groups_q(user: AnyUser, prefix: str = "") -> Q:
    """Groups whose topic titles the user sees (sees_group_titles): a member's own profile
    lists their posts there whatever their license."""
    if not is_active_member(user):
        return Q(pk__in=[])
    if _reads_every_group(user):
        return Q()
    return _public_or_member_q(user.pk, prefix)


def readable_notices_q(user: AnyUser) -> Q:
    """Notifications whose post (if any) is in a group this user may read now (registered
    with notifications.inbox in forum/apps.py: a notice keeps its post as a plain id)."""
    groups = readable_groups_q(user, prefix="topic__group__")
    if is_moderator(user) and _has_scope(user):
        groups |= Q(topic__group__in=user.moderated_groups.all())
    if user.is_authenticated:
        # About a post of their own (a helpful mark): its author reads it whatever their
        # license (issue 22 item 2).
        groups |= Q(author_id=user.pk)
    return Q(post_id__isnull=True) | Q(post_id__in=Post.objects.filter(groups).values("pk"))


def _reads_every_group(user: AnyUser) -> bool:
    return is_moderator(user) and (user.is_staff or not _has_scope(user))


def _public_or_member_q(user_id: int, prefix: str = "") -> Q:
    member_of = Membership.objects.filter(user_id=user_id, state=Membership.State.ACTIVE).values(
        "group_id"
    )
    return Q(**{f"{prefix}is_private": False}) | Q(**{f"{prefix}pk__in": member_of})


def _readable_versions(*, user: int) -> QuerySet[Group]:
    return (
        Group.objects.filter(_public_or_member_q(user))
        .order_by("pk")
        .values_list("pk", "topics_version")
    )


# Compiled once per process (config.precompiled): the home page reads it for every member.
_READABLE_VERSIONS = Precompiled(_readable_versions, user=9_000_000_000_000_000_013)


def title_group_versions(user: AnyUser) -> list[tuple[int, int]]:
    """(id, topics_version) of each group whose topic titles the user sees (sees_group_titles),
    by id: the home page lists titles only, so a reader without a license sees the same."""
    if is_active_member(user) and not _reads_every_group(user):
        return [tuple(row) for row in _READABLE_VERSIONS.rows(user=user.pk)]
    groups = Group.objects.filter(readable_groups_q(user)).order_by("pk")
    return list(groups.values_list("pk", "topics_version"))


def _has_scope(user: AnyUser) -> bool:
    return hasattr(user, "moderated_groups") and user.moderated_groups.exists()


def visible_posts_q(user: AnyUser, *, moderating: bool | None = None) -> Q:
    """Posts a reader may see: public ones, their own, and (moderating) all but drafts.

    `moderating` says whether the user moderates the group at hand; None means
    "decide from the user alone" (global moderators), for cross-group reads.
    """
    if not user.is_authenticated:
        return Q(pk__in=[])
    # A post withdrawn by its author or removed by a moderator before it was ever
    # published (held, pending, hidden) leaves no tombstone for others: it would show its
    # author beside a post nobody saw (issue 18 item 12). published_at is set by the first
    # publication and never cleared.
    public = Q(status__in=PUBLIC_STATUSES) & ~Q(
        status__in=TOMBSTONE_STATUSES, published_at__isnull=True
    )
    own = Q(author=user, status__in=AUTHOR_VISIBLE_STATUSES)
    if moderating is None:
        moderating = is_moderator(user) and not _has_scope(user)
    if moderating:
        # Scheduled and cancelled posts are still the author's private drafts.
        return ~Q(status__in=[PostStatus.SCHEDULED, PostStatus.CANCELLED]) | own
    return public | own


def _topic_with_role(*, topic: int, user: int) -> QuerySet[Topic]:
    role = Membership.objects.filter(
        group=OuterRef("group"), user_id=user, state=Membership.State.ACTIVE
    ).values("role")[:1]
    return (
        Topic.objects.select_related("group")
        .annotate(reader_role=Subquery(role))
        .filter(pk=topic)[:1]
    )


# Compiled once per process (config.precompiled): every thread page reads it.
_TOPIC_WITH_ROLE = Precompiled(
    _topic_with_role, topic=9_000_000_000_000_000_011, user=9_000_000_000_000_000_012
)


def topic_for_reader(user: AnyUser, topic_id: int) -> Topic:
    """The topic, with `reader_role`: the reader's active membership role in its group, or None.

    One query: the role comes with the topic (forum.queries.topic_standing reads it).
    """
    _check_id(topic_id)
    if user.is_authenticated:
        topic = _TOPIC_WITH_ROLE.first(topic=topic_id, user=user.pk)
    else:
        topic = Topic.objects.select_related("group").filter(pk=topic_id).first()
    return readable_topic(user, topic)


def readable_topic(user: AnyUser, topic: Topic | None) -> Topic:
    """topic_for_reader's rules, for a topic read with `user`'s role (None: not found).

    A member who may not read topic bodies (accounts.access.can_read_topics) gets
    ReadingRefused, with the title of a topic whose title they may see: its explanation
    page, never the posts."""
    if not is_active_member(user):
        # Before the lookup: the same answer whether the topic exists or not.
        raise PermissionDenied("Sign in with a clinician account to read topics.")
    if topic is None:
        raise Http404("No such topic.")
    is_member = getattr(topic, "reader_role", None) is not None
    if not sees_group_titles(user, topic.group, is_member=is_member):
        # Not a 403: that would tell an outsider a private group's topic exists (issue 18
        # item 12); a private topic and a missing one answer alike.
        raise Http404("No such topic.")
    if not topic.is_visible and not (
        topic.author_id == user.pk or moderates_group(user, topic.group)
    ):
        raise Http404("No such topic.")
    if not can_read_topics(user):
        raise ReadingRefused(reading_block_reason(user), topic=topic)  # type: ignore[arg-type]
    return topic


def refuse_reading(user: AnyUser) -> None:
    """Raise ReadingRefused (its explanation page) when `user` may not read topic bodies."""
    reason = reading_block_reason(user)
    if reason is not None:
        raise ReadingRefused(reason)


def post_for_reader(user: AnyUser, post_id: int) -> Post:
    """The post, for a reader who may read it: under topic_for_reader's rules, or (without
    a license) its own author, who always reads their own posts (issue 22 item 2)."""
    if not is_active_member(user):
        raise PermissionDenied("Sign in with a clinician account to read topics.")
    _check_id(post_id)
    post = Post.objects.select_related("topic", "topic__group").filter(pk=post_id).first()
    if post is None or not _sees_post(user, post):
        # Before the topic's rules: their refusal to a reader without a license (a 403 naming
        # the topic) would confirm that a post nobody may see yet exists (issue 18 item 12).
        raise Http404("No such post.")
    if post.author_id == user.pk and not can_read_topics(user):
        # Their own post, under the private group's and the topic's rules still.
        if not sees_group_titles(user, post.topic.group):
            raise Http404("No such post.")
    else:
        topic_for_reader(user, post.topic_id)
    return post


def _sees_post(user: AnyUser, post: Post) -> bool:
    """Whether `post`'s state lets `user` see it (visible_posts_q): the topic's and the
    group's rules are the caller's."""
    moderating = moderates_group(user, post.topic.group)
    return Post.objects.filter(visible_posts_q(user, moderating=moderating), pk=post.pk).exists()


def topic_id_of_post(user: AnyUser, post_id: int) -> int:
    """The topic of a post, to check access to it with topic_for_reader; 404 when none, or
    when the reader may not see the post (held, awaiting screening: visible_posts_q).
    Refuses those who read no topics before the lookup (the same answer whether the post
    exists or not), as topic_for_reader does."""
    _check_id(post_id)
    if not is_active_member(user):
        raise PermissionDenied("Sign in with a clinician account to read topics.")
    post = Post.objects.select_related("topic__group").filter(pk=post_id).first()
    if post is None or not _sees_post(user, post):
        # A post the reader may not see is a missing one, before topic_for_reader's refusal
        # (see post_for_reader).
        raise Http404("No such post.")
    return post.topic_id


def post_for_editor(user: AnyUser, post_id: int) -> Post:
    post = post_for_reader(user, post_id)
    if post.author_id != user.pk:
        raise PermissionDenied("Only the author can edit a post.")
    if post.is_tombstone or post.status == PostStatus.CANCELLED:
        raise PermissionDenied("This post can no longer be edited.")
    return post


def post_for_restore(user: AnyUser, post_id: int) -> Post:
    """The author's own withdrawn post, for "Undo" (the window is the domain's to check)."""
    post = post_for_reader(user, post_id)
    if post.author_id != user.pk:
        raise PermissionDenied("Only the author can undo a withdrawal.")
    return post


def topic_for_helpful_mark(user: AnyUser, post_id: int) -> Post:
    post = post_for_reader(user, post_id)
    if post.topic.author_id != user.pk:
        raise PermissionDenied("Only the topic's author can mark a reply as helpful.")
    if post.is_first_post:
        raise PermissionDenied("Only replies can be marked as helpful.")
    if post.author_id == user.pk and not post.helpful_marked_at:
        raise PermissionDenied("You cannot mark your own reply as helpful.")
    return post


def member_for_viewer(user: AnyUser, member_id: int) -> User:
    """A member's profile is for those who may read topics (it lists their posts), and their
    own for every member; a former member has none."""
    _check_id(member_id)
    if not is_active_member(user):
        raise PermissionDenied("Sign in with a clinician account to see members' profiles.")
    if member_id != user.pk:
        refuse_reading(user)
    member = User.objects.filter(pk=member_id, is_active=True, deactivated_at__isnull=True).first()
    if member is None:
        raise Http404("No such member.")
    return member


def sees_unpublished_revisions(user: AnyUser, post: Post, *, moderates: bool | None = None) -> bool:
    """Whether `user` may read `post`'s revisions that screening has not published (held,
    superseded, awaiting screening): its author, and its group's moderators in a
    TOTP-passed session. Everyone else reads published revisions only (issue 18 item 2).
    `moderates`: whether the user moderates the post's group, when already known."""
    if not user.is_authenticated:
        return False
    if post.author_id == user.pk:
        return True
    if moderates is None:
        moderates = moderates_group(user, post.topic.group)
    return moderates


def revisions_for_reader(user: AnyUser, post: Post) -> list[Revision]:
    """The post's revisions `user` may read, oldest first, each with `shown_number` (its
    number as this reader sees it: forum/revision_numbers.py) and `previous_number`: the
    shown number of the one before it in this list (None for the first)."""
    sees_unpublished = sees_unpublished_revisions(user, post)
    revisions = post.revisions.select_related("editor", "redaction", "publication")
    if not sees_unpublished:
        revisions = revisions.filter(publication__isnull=False)
    readable = list(revisions.order_by("number"))
    if post.redacted_spans:
        show_redacted_spans(readable)
    number_for_reader(readable, sees_unpublished=sees_unpublished)
    return readable


def revision_for_reader(user: AnyUser, post: Post, number: int) -> Revision:
    """One revision of a post the reader may read, by its number in the reader's numbering
    (forum/revision_numbers.py), with `shown_number`; or 404. A revision screening did not
    publish is as absent as one that does not exist: for those who may not read it, its
    own number is another version's, or past their count, the same 404 as a number never
    used."""
    if not 0 < number < 2**31:
        raise Http404("No such version.")
    revisions = post.revisions.select_related("editor", "redaction", "publication")
    if sees_unpublished_revisions(user, post):
        revision = revisions.filter(number=number).first()
    else:
        revision = nth_published(revisions, number)
    if revision is None:
        raise Http404("No such version.")
    revision.shown_number = number
    if post.redacted_spans:
        show_redacted_spans([revision])
    return revision


def answered_version_for_reader(user: AnyUser, reply_id: int) -> tuple[Post, int]:
    """The post a reply answered and the number, in the reader's numbering, of the version
    it answered (the thread's "an earlier version" link, which names no number: the shared
    thread HTML is the same for a post's author and for others, whose numbers differ).
    404 when the reader may not read that version."""
    reply = post_for_reader(user, reply_id)
    answered = reply.answered_revision
    if answered is None:
        raise Http404("No such version.")
    post = post_for_reader(user, answered.post_id)
    if sees_unpublished_revisions(user, post):
        return post, answered.number
    number = public_number(answered)
    if number is None:
        raise Http404("No such version.")
    return post, number


def shown_revision_id(user: AnyUser, post: Post, *, moderates: bool) -> int | None:
    """The id of the revision of `post` this reader sees in the thread: the newest for its
    author and moderators, the published one for everyone else (None: nothing yet)."""
    if sees_unpublished_revisions(user, post, moderates=moderates):
        return post.current_revision_id
    return post.published_revision_id
