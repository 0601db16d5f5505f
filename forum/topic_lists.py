"""The group topic list and the home page's recent topics: keyset pages and cached HTML.

A group's list is ordered by (is_pinned, last_activity_at, id), newest first, and read
one page at a time from the `topic_list_order` index: "older" starts after the last row
shown, "newer" before the first one. No COUNT(*) and no OFFSET, so every page costs the
same however large the group (pages have no numbers; "Newer" and "Older" links carry
the position).

The list rows are the same for every reader who sees only visible topics, so their HTML
is cached under the group's `topics_version`, which forum/posting.py bumps in the same
transaction as any change to a row (new topic, published reply, hold, withdrawal, pin or
lock). Nothing is invalidated: a change makes a new key. The short timeout only bounds
how stale "3 minutes ago" and an author's renamed display name can get. Moderators and
readers with topics of their own still awaiting review see a different list, rendered
afresh. Per-reader parts (membership, join button) stay out of the cached HTML.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, F, FilteredRelation, OuterRef, Q, QuerySet, Subquery
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.access import (
    AnyUser,
    can_read_topics,
    has_staff_powers,
    is_active_member,
    moderates_group,
    reading_block_reason,
)
from accounts.names import author_fields
from config.precompiled import Precompiled
from forum import groups
from forum.access import title_group_versions
from forum.models import Group, GroupPurposeChange, Membership, Topic
from forum.queries import reader_context, reader_keys
from forum.reading_positions import with_unread_counts

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MAX_MICROSECONDS = 2**62


@dataclass(frozen=True)
class Cursor:
    """A position in a group's list: the ordering key of one topic row."""

    is_pinned: bool
    last_activity_at: datetime
    id: int

    @classmethod
    def of(cls, topic: Topic) -> Cursor:
        return cls(topic.is_pinned, topic.last_activity_at, topic.pk)

    def encode(self) -> str:
        micros = (self.last_activity_at - _EPOCH) // timedelta(microseconds=1)
        return f"{int(self.is_pinned)}-{micros}-{self.id}"

    @classmethod
    def decode(cls, value: str | None) -> Cursor | None:
        """The cursor in a "newer"/"older" link, or None for anything malformed."""
        if not value or len(value) > 64:
            return None
        parts = value.split("-")
        if len(parts) != 3 or not all(p.isascii() and p.isdigit() for p in parts):
            return None
        pinned, micros, topic_id = (int(p) for p in parts)
        if pinned > 1 or micros >= _MAX_MICROSECONDS or not 0 < topic_id < 2**63:
            return None
        try:
            moment = _EPOCH + timedelta(microseconds=micros)
        except OverflowError:
            return None
        return cls(bool(pinned), moment, topic_id)

    def values(self) -> tuple[bool, datetime, int]:
        return (self.is_pinned, self.last_activity_at, self.id)


_LIST_ORDER = ("-is_pinned", "-last_activity_at", "-id")


def _list_key() -> Tuple:
    # A row comparison, which PostgreSQL uses as a bound on the topic_list_order index scan.
    return Tuple(F("is_pinned"), F("last_activity_at"), F("id"))


_ROW_FIELDS = (
    "id",
    "group_id",
    "title",
    "purpose",
    "author_id",
    "last_activity_at",
    "reply_count",
    "is_pinned",
    "is_locked",
    "is_visible",
    *author_fields("author__"),
)


@dataclass
class TopicPage:
    topics: list[Topic]
    newer: str | None  # cursor for ?before=, None on the first page
    older: str | None  # cursor for ?after=, None on the last page


def _seek(
    topics: QuerySet[Topic], size: int, *, after: Cursor | None, before: Cursor | None
) -> TopicPage:
    if before is not None:
        rows = list(
            topics.filter(TupleGreaterThan(_list_key(), before.values())).order_by(
                "is_pinned", "last_activity_at", "id"
            )[: size + 1]
        )
        if len(rows) > size:
            shown = rows[:size][::-1]
            return TopicPage(shown, Cursor.of(shown[0]).encode(), Cursor.of(shown[-1]).encode())
        # Fewer than a page newer than the cursor: that is the top of the list.
        after = None
    rows_query = topics.order_by(*_LIST_ORDER)
    if after is not None:
        rows_query = rows_query.filter(TupleLessThan(_list_key(), after.values()))
    rows = list(rows_query[: size + 1])
    shown = rows[:size]
    newer = Cursor.of(shown[0]).encode() if after is not None and shown else None
    older = Cursor.of(shown[-1]).encode() if len(rows) > size else None
    return TopicPage(shown, newer, older)


def group_topics_page(
    *,
    group: Group,
    reader_id: int | None,
    everything: bool,
    after: Cursor | None = None,
    before: Cursor | None = None,
) -> TopicPage:
    """One keyset page of the group's list: the visible topics and the reader's own, or
    (moderating) all of them."""
    topics = Topic.objects.filter(group=group)
    if not everything:
        visible = Q(is_visible=True)
        if reader_id is not None:
            visible |= Q(author_id=reader_id)
        topics = topics.filter(visible)
    topics = topics.select_related("author").only(*_ROW_FIELDS)
    return _seek(topics, settings.FORUM_TOPICS_PER_PAGE, after=after, before=before)


def _render_list(group: Group, page: TopicPage) -> str:
    return render_to_string("forum/_group_topics.html", {"group": group, "page": page})


def group_topics_html(
    *,
    group: Group,
    reader_id: int | None,
    shared: bool,
    everything: bool,
    after: Cursor | None,
    before: Cursor | None,
    also: Sequence[str] = (),
) -> tuple[str, dict[str, object]]:
    """The list's HTML; `shared` when the reader sees exactly the visible topics (cacheable).
    With it, the values found under the cache keys in `also`, read in the same round trip
    as a shared list (nothing is read for the others)."""
    if not shared:
        html = _render_list(
            group,
            group_topics_page(
                group=group, reader_id=reader_id, everything=everything, after=after, before=before
            ),
        )
        return html, {}
    position = f"a{after.encode()}" if after else f"b{before.encode()}" if before else "top"
    key = list_key(group, position)
    found = cache.get_many([key, *also])
    html = found.pop(key, None)
    if html is None:
        html = _render_list(
            group,
            group_topics_page(
                group=group, reader_id=None, everything=False, after=after, before=before
            ),
        )
        cache.set(key, html, settings.FORUM_TOPIC_LIST_CACHE_SECONDS)
    return html, found


@dataclass
class GroupPage:
    group: Group
    # May open its topics (a current verified license; membership of a private group).
    can_read: bool
    # Sees its topic titles (a signed-in member: a public group, or a private one of theirs);
    # without can_read, the list comes with `reading_block_reason`.
    sees_titles: bool
    reading_block_reason: str | None
    membership: Membership | None
    is_organizer: bool
    # Organizers, staff, and moderators of the group in a TOTP-passed session.
    can_manage_settings: bool
    # For a declined requester still waiting to ask again: the reason and the date.
    declined: str
    join_block_reason: str | None
    topics_html: str
    reader: dict[str, object]  # the header's unread count and, for a member, the posting notice


def _with_purpose_edit(groups_: QuerySet[Group]) -> QuerySet[Group]:
    """`purpose_edited_at`: when the purpose was last edited (the page links its history)."""
    last_edit = (
        GroupPurposeChange.objects.filter(group_id=OuterRef("pk"))
        .order_by("-changed_at")
        .values("changed_at")[:1]
    )
    return groups_.annotate(purpose_edited_at=Subquery(last_edit))


def _group_with_reader_queryset(slug: str, user: int) -> QuerySet[Group]:
    """The group, the reader's membership (a LEFT JOIN) and whether they have topics
    awaiting review in it: one statement."""
    hidden = Topic.objects.filter(author_id=user, group_id=OuterRef("pk"), is_visible=False)
    return (
        _with_purpose_edit(Group.objects.all())
        .filter(slug=slug)
        .annotate(
            reader=FilteredRelation("memberships", condition=Q(memberships__user_id=user)),
            reader_membership_id=F("reader__id"),
            reader_state=F("reader__state"),
            reader_role=F("reader__role"),
            reader_decided_at=F("reader__decided_at"),
            reader_decline_reason=F("reader__decline_reason"),
            reader_notify_level=F("reader__notify_level"),
            reader_digest=F("reader__digest"),
            reader_has_hidden_topics=Exists(hidden),
        )
    )


# Compiled once per process (config.precompiled): building the annotated query in Python
# cost more than running it.
_GROUP_WITH_READER = Precompiled(
    _group_with_reader_queryset, slug="precompiled-sample-slug", user=9_000_000_000_000_000_014
)


def _group_with_reader(slug: str, user: AnyUser) -> Group:
    """The group, the reader's membership (state, role) and whether they have topics awaiting
    review in it, in one query."""
    if user.is_authenticated:
        found = _GROUP_WITH_READER.first(slug=slug, user=user.pk)
    else:
        found = _with_purpose_edit(Group.objects.filter(slug=slug)).first()
    if found is None:
        raise Http404("No such group.")
    return found


def group_page(
    *,
    user: AnyUser,
    slug: str,
    after: str | None = None,
    before: str | None = None,
) -> GroupPage:
    """Everything the group page shows: one query and, for most readers, one cache read.

    Same rules as access.can_read_group_topics and access.is_group_organizer.
    """
    group = _group_with_reader(slug, user)
    membership = None
    if getattr(group, "reader_state", None) is not None:
        membership = Membership(
            pk=group.reader_membership_id,
            group=group,
            state=group.reader_state,
            role=group.reader_role,
            decided_at=group.reader_decided_at,
            decline_reason=group.reader_decline_reason,
            notify_level=group.reader_notify_level,
            digest=group.reader_digest,
        )
    is_active = membership is not None and membership.state == Membership.State.ACTIVE
    is_organizer = bool(
        user.is_authenticated
        and (has_staff_powers(user) or (is_active and membership.role == Membership.Role.ORGANIZER))
    )
    moderating = moderates_group(user, group)
    sees_titles = is_active_member(user) and (not group.is_private or moderating or is_active)
    can_read = sees_titles and can_read_topics(user)
    join_block_reason: str | None = None
    declined = ""
    if not user.is_authenticated:
        join_block_reason = "Sign in to join."
    elif membership is None:
        join_block_reason = groups.join_block_reason(user, group)
    elif membership.state == Membership.State.DECLINED:
        again = groups.ask_again_from(membership)
        if again is not None and again <= timezone.now():
            join_block_reason = groups.join_block_reason(user, group)
            membership = None  # past the wait: the page offers "Ask to join" again
        else:
            declined = groups.declined_message(membership, user=user)
    topics_html, found = "", {}
    if sees_titles:
        # The list holds titles only, the same for readers with and without a license.
        own_hidden = bool(getattr(group, "reader_has_hidden_topics", False))
        topics_html, found = group_topics_html(
            group=group,
            reader_id=user.pk,
            shared=not moderating and not own_hidden,
            everything=moderating,
            after=Cursor.decode(after),
            before=Cursor.decode(before),
            also=reader_keys(user, notice=is_active),
        )
    return GroupPage(
        group=group,
        can_read=can_read,
        sees_titles=sees_titles,
        reading_block_reason=None if can_read or not sees_titles else reading_block_reason(user),
        membership=membership,
        is_organizer=is_organizer,
        can_manage_settings=is_organizer or moderating,
        declined=declined,
        join_block_reason=join_block_reason,
        # The reader's "N new" counts, never in the cached HTML (forum/reading_positions.py).
        topics_html=with_unread_counts(topics_html, user=user, reads_topics=can_read),
        # A member is told why they may not start a topic now, in place of the button.
        reader=reader_context(user, found, notice=is_active),
    )


RECENT_TOPICS = 20


def recent_topics(*, group_ids: list[int] | None, limit: int = RECENT_TOPICS) -> list[Topic]:
    """The latest active visible topics in these groups (None: every group)."""
    topics = Topic.objects.filter(is_visible=True)
    if group_ids is not None:
        topics = topics.filter(group_id__in=group_ids)
    return list(
        topics.select_related("group", "author")
        .only(*_ROW_FIELDS, "group__name", "group__slug")
        .order_by("-last_activity_at", "-id")[:limit]
    )


@dataclass
class HomePage:
    topics_html: str
    reading_block_reason: str | None  # why the reader cannot open these topics yet
    reader: dict[str, object]  # the header's unread count and the posting notice


def list_key(group: Group, position: str) -> str:
    """The cache key of a group's list at `position` ("top", or a page's edge)."""
    return f"topic-list:{settings.DEPLOY_VERSION}:{group.pk}:{group.topics_version}:{position}"


def home_key(readable: list[tuple[int, int]]) -> str:
    """The cache key of home's recent topics for readers of these (group, version) pairs."""
    digest = hashlib.sha256(",".join(f"{pk}:{v}" for pk, v in readable).encode()).hexdigest()
    return f"home-topics:{settings.DEPLOY_VERSION}:{digest[:32]}"


def home_page(*, user: AnyUser) -> HomePage:
    """Recent topics in the groups whose titles the reader sees, cached per set of groups and
    versions (titles only: the same for readers without a license, who are told why they
    cannot open them).

    One query reads the readable groups with their versions; readers who may read the same
    groups share the cached HTML, and a change in any of them makes a new key.
    """
    readable = title_group_versions(user)
    key = home_key(readable)
    found = cache.get_many([key, *reader_keys(user, notice=True)])  # one round trip
    html = found.pop(key, None)
    if html is None:
        topics = recent_topics(group_ids=[pk for pk, _ in readable])
        html = render_to_string("forum/_home_topics.html", {"topics": topics})
        cache.set(key, html, settings.FORUM_TOPIC_LIST_CACHE_SECONDS)
    return HomePage(
        topics_html=with_unread_counts(html, user=user, reads_topics=can_read_topics(user)),
        reading_block_reason=reading_block_reason(user),
        reader=reader_context(user, found, notice=True),
    )
