"""Reads for the forum pages, each in a fixed, small number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from accounts.access import AnyUser, has_staff_powers, moderates_group, posting_block_reason
from accounts.credentials import credential_badges
from accounts.names import author_fields
from forum.access import sees_unpublished_revisions, visible_posts_q
from forum.choices import PUBLIC_STATUSES
from forum.models import Group, Membership, Post, RevisionPublication, Topic
from forum.redacted import show_redacted_spans_of_posts
from forum.revision_numbers import published_revision_count
from notifications.inbox import unread_count, unread_count_key


def group_directory(
    *, kind: str = "", region: str = "", modality: str = "", name: str = ""
) -> QuerySet[Group]:
    # Only topics readers can see count (issue 18 item 12): not those whose first post is
    # held, pending screening or scheduled (Topic.is_visible; Group.topic_count counts
    # every topic ever opened and is not shown).
    groups = (
        Group.objects.all()
        .annotate(visible_topics=Count("topics", filter=Q(topics__is_visible=True)))
        .order_by("kind", "name")
    )
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


@dataclass(frozen=True)
class GroupStanding:
    """The reader's place in the group of a topic they read."""

    is_member: bool
    is_organizer: bool


def topic_standing(*, user: AnyUser, topic: Topic) -> GroupStanding:
    """Same rules as access.active_membership and access.is_group_organizer, from the role
    access.topic_for_reader read with the topic: no query."""
    role = getattr(topic, "reader_role", None)
    organizer = has_staff_powers(user) or role == Membership.Role.ORGANIZER
    return GroupStanding(
        is_member=role is not None, is_organizer=bool(user.is_authenticated and organizer)
    )


def posting_notice_key(user: AnyUser) -> str | None:
    """The cache key of the reader's posting notice, or None when it is not cached."""
    if not user.is_authenticated or not settings.FORUM_POSTING_NOTICE_CACHE_SECONDS:
        return None
    return _posting_notice_key(user.pk)


def _posting_notice_key(user_id: int) -> str:
    return f"posting-block:{user_id}"


def forget_posting_notice(*, user_id: int, **_: object) -> None:
    """The member's standing changed (accounts.signals.standing_changed, a confirmed email):
    their next page reads the notice afresh, not one cached before a suspension was lifted
    or imposed, or a license verified."""
    cache.delete(_posting_notice_key(user_id))


def posting_block_notice(user: AnyUser, *, cached: str | None = None) -> str | None:
    """posting_block_reason for display on read pages, cached per member briefly.

    Display only: the composer and the domain write functions check
    posting_block_reason afresh, so a stale notice never lets anyone post. It takes
    the email, suspension and license queries off every thread page view. `cached`:
    the value already read under posting_notice_key (in a caller's get_many).
    """
    key = posting_notice_key(user)
    if key is None:
        return posting_block_reason(user)
    if cached is None:
        cached = cache.get(key)
    if cached is not None:
        return cached or None
    reason = posting_block_reason(user)
    cache.set(key, reason or "", settings.FORUM_POSTING_NOTICE_CACHE_SECONDS)
    return reason


def reader_keys(user: AnyUser, *, notice: bool) -> list[str]:
    """The cache keys of what a signed-in page shows about its reader: the header's unread
    count and, with `notice`, the posting notice. A page reads them in its own get_many
    and passes what it found to reader_context."""
    keys = [unread_count_key(user), posting_notice_key(user) if notice else None]
    return [key for key in keys if key is not None]


def reader_context(user: AnyUser, found: dict[str, object], *, notice: bool) -> dict[str, object]:
    """Template context for the reader's header (and posting notice), from values already
    read under reader_keys; what was not found is read (and cached) as usual."""
    if not user.is_authenticated:
        context: dict[str, object] = {"unread_notifications": 0}
    else:
        unread = found.get(unread_count_key(user) or "")
        context = {"unread_notifications": unread_count(user, cached=unread)}  # type: ignore[arg-type]
    if notice:
        key = posting_notice_key(user)
        cached = found.get(key) if key else None
        context["posting_block_reason"] = posting_block_notice(user, cached=cached)  # type: ignore[arg-type]
    return context


class NumberRangePage:
    """Page N of a thread holds the posts numbered (N-1)*size+1 .. N*size that the reader sees.

    Post numbers are dense per topic, so a page is a range scan on the
    (topic, status, number) index wherever it is in the thread: no OFFSET over
    the earlier posts and no COUNT(*) of the topic. A page shows fewer posts when
    some in its range are hidden from the reader. Same attributes as Django's Page.
    """

    def __init__(self, object_list: list[Post], number: int, num_pages: int) -> None:
        self.object_list = object_list
        self.number = number
        self.num_pages = num_pages
        self.paginator = self

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_next(self) -> bool:
        return self.number < self.num_pages

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.num_pages > 1

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


@dataclass
class ThreadPage:
    topic: Topic
    page: NumberRangePage
    badges: dict[int, str]


def page_range(number: int) -> tuple[int, int]:
    """The post numbers on page `number` of a thread: (first - 1, last]."""
    size = settings.FORUM_PAGE_SIZE
    return (number - 1) * size, number * size


def page_number(page: str | int | None) -> int:
    try:
        number = int(page or 1)
    except (TypeError, ValueError):
        return 1
    return number if 0 < number < 2**31 else 1


# Columns a thread page never shows: the Markdown source, the search index and the author's
# answers on the identifier confirmation (moderators' and screening's only).
_THREAD_DEFERRED = (
    "search_text",
    "search_vector",
    "current_revision__body",
    "current_revision__identifier_answers",
    "published_revision__body",
    "published_revision__identifier_answers",
    "answered_revision__body",
    "answered_revision__body_html",
)


def thread_page(
    *, user: AnyUser, topic: Topic, page: str | int | None, moderates: bool | None = None
) -> ThreadPage:
    """`moderates`: whether the reader moderates the topic's group, when already known."""
    size = settings.FORUM_PAGE_SIZE
    if moderates is None:
        moderates = moderates_group(user, topic.group)
    shown = _shown_posts(user=user, topic=topic, moderates=moderates)
    number = page_number(page)

    def fetch(number: int) -> list[Post]:
        low, high = page_range(number)
        # No more rows than the range holds; the limit lets the planner know (see
        # thread_html._rows_queryset).
        return list(shown.filter(number__gt=low, number__lte=high).order_by("number")[: high - low])

    posts = fetch(number)
    last = posts[0].last_number if posts else _last_number(topic).first() or 0
    num_pages = max(1, -(-last // size))
    if number > num_pages:
        number = num_pages
        posts = fetch(number)
    badges = _prepare_for_display(posts, user=user, moderates=moderates)
    return ThreadPage(topic=topic, page=NumberRangePage(posts, number, num_pages), badges=badges)


def _last_number(topic: Topic) -> QuerySet[Post]:
    return Post.objects.filter(topic=topic).order_by("-number").values_list("number", flat=True)[:1]


def _shown_posts(*, user: AnyUser, topic: Topic, moderates: bool) -> QuerySet[Post]:
    """The topic's posts this reader sees, with what the thread shows of them loaded and,
    in the same query, the topic's last post number (an index lookup)."""
    return (
        Post.objects.filter(topic=topic)
        .filter(visible_posts_q(user, moderating=moderates))
        .annotate(
            last_number=Subquery(_last_number(topic)),
            public_revision_count=published_revision_count(),
            # Whether the version a reply answered was ever published: if not, readers
            # who see published versions only are not told of it (_attach_referenced_posts).
            answered_published=Exists(
                RevisionPublication.objects.filter(revision_id=OuterRef("answered_revision_id"))
            ),
        )
        .select_related(
            "author",
            "current_revision__redaction",
            "published_revision__redaction",
            "answered_revision",
        )
        .defer(*_THREAD_DEFERRED)
    )


def _prepare_for_display(posts: list[Post], *, user: AnyUser, moderates: bool) -> dict[int, str]:
    """What forum/_post_main.html reads besides the post's row; returns the authors' badges."""
    _attach_referenced_posts(posts, moderates=moderates)
    for post in posts:
        attach_shown_revision(post, user=user, moderates=moderates)
    show_redacted_spans_of_posts(posts, "shown_revision", "published_shown")
    return credential_badges({post.author_id for post in posts})


# The most of their own posts a reader who may not read the thread is shown on its page
# (own_posts_in_topic); their profile and data export list every one.
OWN_POSTS_SHOWN = 50


def own_posts_in_topic(*, user: AnyUser, topic: Topic) -> tuple[list[Post], dict[int, str]]:
    """The reader's own posts in `topic`, as the thread shows them to their author, for a
    reader who may not read the thread (accounts.access.can_read_topics: a lapsed,
    revoked or pending license, a suspension): an author always reads their own posts
    (issue 22 item 2). Nothing of anyone else's post: no "in reply to" and no "earlier
    version" note, which would name other posts. At most OWN_POSTS_SHOWN, then their
    badges (as _prepare_for_display returns them)."""
    if not user.is_authenticated:
        return [], {}
    posts = list(
        _shown_posts(user=user, topic=topic, moderates=False)
        .filter(author=user)
        .order_by("number")[:OWN_POSTS_SHOWN]
    )
    for post in posts:
        post.reply_to = None
        post.answered_revision = None
        attach_shown_revision(post, user=user, moderates=False)
    show_redacted_spans_of_posts(posts, "shown_revision", "published_shown")
    return posts, credential_badges({user.pk} if posts else set())


@dataclass
class LivePosts:
    """Posts for the thread page's live updates (forum/live.py), as the page shows them."""

    posts: list[Post]
    badges: dict[int, str]
    more: bool  # more posts matched than a page holds (the reader is asked to reload)


def live_posts(
    *,
    user: AnyUser,
    topic: Topic,
    moderates: bool,
    post_id: int | None = None,
    after: int | None = None,
) -> LivePosts:
    """One post (`post_id`) or the posts numbered after `after` that this reader sees, under
    the thread page's rules (visible_posts_q, attach_shown_revision): at most a page."""
    size = settings.FORUM_PAGE_SIZE
    shown = _shown_posts(user=user, topic=topic, moderates=moderates)
    if post_id is not None:
        shown = shown.filter(pk=post_id)
    if after is not None:
        shown = shown.filter(number__gt=after)
    posts = list(shown.order_by("number")[: size + 1])
    more = len(posts) > size
    posts = posts[:size]
    return LivePosts(
        posts=posts, badges=_prepare_for_display(posts, user=user, moderates=moderates), more=more
    )


def attach_shown_revision(post: Post, *, user: AnyUser, moderates: bool) -> None:
    """What the thread shows of `post` to this reader (forum/_post_main.html reads these):

    - shown_revision: the revision whose text is shown: the published one, but for the
      post's author and the group's moderators (TOTP session), who see the newest;
    - published_shown: for those two, the published revision when a newer one awaits
      screening (moderators see both; issue 18 item 3), else None;
    - edit_by_reader: the newer revision is the reader's own ("your edit is being
      screened");
    - shown_versions: how many versions of the post this reader sees, which is also the
      number of the one shown ("edited (N - 1 times)"): all of them for those two, the
      published ones for everyone else (forum/revision_numbers.py).
    With current_revision and published_revision (and their redactions) and
    public_revision_count (_shown_posts) loaded."""
    sees_newest = sees_unpublished_revisions(user, post, moderates=moderates)
    if sees_newest:
        post.shown_revision = post.current_revision
        post.published_shown = post.published_revision if post.has_edit_in_screening else None
        post.shown_versions = post.revision_count
    else:
        post.shown_revision = post.published_revision
        post.published_shown = None
        post.shown_versions = post.public_revision_count
    post.edit_by_reader = bool(
        post.published_shown is not None and user.is_authenticated and post.author_id == user.pk
    )


def _attach_referenced_posts(posts: list[Post], *, moderates: bool) -> None:
    """The posts replied to and answered, with their authors, in one query.

    Kept out of the page query: nine joined tables cost PostgreSQL more to plan
    than the whole page costs to run. A reference to a post the public cannot see
    (held, awaiting screening, hidden) is dropped unless the reader moderates the group:
    "In reply to" would otherwise name its author and number. Its own author is not
    told either, so the page looks the same to every reader who wrote nothing on it
    (forum/thread_html.py shares it).
    """
    wanted = {post.reply_to_id for post in posts if post.reply_to_id}
    wanted |= {post.answered_revision.post_id for post in posts if post.answered_revision_id}
    if not wanted:
        return
    referenced = {
        post.pk: post
        for post in Post.objects.filter(pk__in=wanted)
        .select_related("author")
        .only(
            "id",
            "number",
            "topic_id",
            "status",
            "current_revision_id",
            "published_revision_id",
            *author_fields("author__"),
        )
    }
    if not moderates:
        referenced = {pk: p for pk, p in referenced.items() if p.status in PUBLIC_STATUSES}
    for post in posts:
        if post.reply_to_id:
            post.reply_to = referenced.get(post.reply_to_id)  # None: no "In reply to"
        if post.answered_revision_id:
            answered = post.answered_revision
            if not moderates and not getattr(post, "answered_published", True):
                # A version readers never saw: no note about it (forum/revision_numbers.py).
                post.answered_revision = None
            elif answered.post_id in referenced:
                answered.post = referenced[answered.post_id]
            else:
                post.answered_revision = None  # its post is not shown: no "earlier version" note


def page_of_post(*, user: AnyUser, post: Post) -> int:
    return (post.number - 1) // settings.FORUM_PAGE_SIZE + 1
