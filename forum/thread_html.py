"""The thread page's list of posts as cached HTML, shared by readers it looks the same to.

A page of a thread looks the same to every reader, given whether they are a member of
the group (the Reply links) and whether they moderate it (held posts), except for the
controls in the footers of their own posts (edit, withdraw) and, for the topic's author,
the "helpful" forms on replies, which carry the reader's CSRF token. So the rendered
posts and pagination are cached as a reader who wrote none of them sees them, and a
reader's own controls are rendered alone and put in their posts' footers. Only a reader
with a post on the page that others cannot see (held, awaiting screening, scheduled)
gets the page rendered for them alone. The cache key is a digest of everything the HTML
is made from:

- one row per post numbered in the page's range, whatever its status: the post's
  state, current revision (revisions are append-only, so the id stands for its body
  HTML, disclaimer and warnings), how many of its versions were published (the count
  readers see: forum/revision_numbers.py), its author's byline (accounts.names.AUTHOR_FIELDS:
  name, credentials suffix, avatar, @handle), the post it replies to and the version it answered;
- the reader's time zone (times are shown in it);
- the topic's last post number (the page count), whether the topic is locked;
- the authors' credential badges (on PostgreSQL, what they are made of comes with each
  row; elsewhere they are read with a second query);
- the deploy's version (settings.DEPLOY_VERSION: templates, template tags, labels and
  models change only with a deploy, which changes every key).

These rows are read in one query of plain values (no model instances, and SQL compiled
once per process), so a page whose HTML is cached costs that one query, and a change to
anything on the page is a new key: nothing is ever invalidated and no reader can be
shown HTML made from other inputs, such as a post held or removed since. The rows also
say who wrote the posts in the range and in what state, which is how a reader's own
posts are found without another query.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.contrib.postgres.aggregates import StringAgg
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Func, OuterRef, QuerySet, Subquery, TextField
from django.db.models.functions import Cast
from django.http import HttpRequest
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from accounts.access import AnyUser, can_read_topics
from accounts.credentials import BADGE_ORDER, badge_licenses, credential_badges
from accounts.names import author_fields
from accounts.timezones import site_today
from config.cache import RecentTexts
from config.precompiled import Precompiled
from config.reversing import url_configuration
from forum.choices import PUBLIC_STATUSES, TOMBSTONE_STATUSES
from forum.models import Post, Topic, asks_author_about_warnings
from forum.queries import page_range
from forum.revision_numbers import published_revision_count

TEMPLATE = "forum/_thread_posts.html"
FOOTER_TEMPLATE = "forum/_post_footer.html"
# Every column forum/_post.html and _post_main.html read, for each post in the range.
_ROW = (
    "id",
    "number",
    "author_id",
    "status",
    "created_at",
    "revision_count",
    # How many versions readers other than its author and moderators see (the "edited"
    # marker and the History link: forum/revision_numbers.py).
    "public_revision_count",
    "is_correction",
    "helpful_marked_at",
    "withdrawn_at",
    "scheduled_for",
    "current_revision_id",
    # What readers see of an edited post until screening publishes the edit, and whether a
    # moderator redacted either (forum.queries.attach_shown_revision).
    "published_revision_id",
    # Warnings screening or a moderator added: the post's collapse and, in its author's
    # footer, the question about them (forum/added_warnings.py).
    "added_warnings",
    "current_revision__redaction__revision",
    "published_revision__redaction__revision",
    # Passages a moderator redacted (forum/redacted.py): each one changes the count.
    "redacted_spans",
    *author_fields("author__"),
    "reply_to_id",
    "reply_to__number",
    "reply_to__status",
    *author_fields("reply_to__author__"),
    "answered_revision_id",
    "answered_revision__number",
    "answered_revision__post_id",
    "answered_revision__post__status",
    "answered_revision__post__current_revision_id",
    "answered_revision__post__published_revision_id",
    "last_number",
)
# Read as text: they are only digested (a footer tests one for truth), and as text they
# skip the per-value time-zone conversion Django's driver adapter does in Python.
_TIMESTAMPS = {
    name: name.replace("__", "_") + "_text"
    for name in (
        # Not a time, but read as text too: the driver gives JSON as text either way.
        "added_warnings",
        "created_at",
        "helpful_marked_at",
        "withdrawn_at",
        "scheduled_for",
        "author__deactivated_at",
        "reply_to__author__deactivated_at",
    )
}
_COLUMNS = tuple(_TIMESTAMPS.get(name, name) for name in _ROW)
_ID = _ROW.index("id")
_NUMBER = _ROW.index("number")
_AUTHOR = _ROW.index("author_id")
_STATUS = _ROW.index("status")
_CURRENT = _ROW.index("current_revision_id")
_PUBLISHED = _ROW.index("published_revision_id")
_LAST = _ROW.index("last_number")
_REVISIONS = _ROW.index("revision_count")
_PUBLIC_REVISIONS = _ROW.index("public_revision_count")
_FOOTER_COLUMNS = tuple(
    _ROW.index(name)
    for name in (
        "id",
        "number",
        "author_id",
        "status",
        "revision_count",
        "public_revision_count",
        "helpful_marked_at",
        "added_warnings",
    )
)


def _badge_source(today: object) -> Subquery:
    """Per post, on PostgreSQL: what its author's credential badge is made of, as text.

    The author's badge licenses (accounts.credentials.badge_licenses: id, type,
    jurisdiction) in badge order; any change to them, or a license passing its expiry
    date, changes the text and so the page's key.
    """
    # CONCAT_WS rather than Concat: the same text (the columns are NOT NULL), without
    # Concat's nested COALESCE and its 14 parameters, which kept the page's statement
    # over psycopg's 4,096-byte limit for caching its conversion of the SQL (110 us a
    # request on our machines).
    text = Func(
        "id",
        "license_type",
        "license_type_other",
        "jurisdiction",
        function="CONCAT_WS",
        template="%(function)s(':', %(expressions)s)",
        output_field=TextField(),
    )
    licenses = (
        badge_licenses(today)
        .filter(user=OuterRef("author"))
        .values("user")
        .annotate(text=StringAgg(text, delimiter=";", order_by=BADGE_ORDER))
        .values("text")
    )
    return Subquery(licenses, output_field=TextField())


def _rows_queryset(
    *, topic: int, low: int, high: int, size: int, today: date | None = None
) -> QuerySet:
    """The rows of the posts numbered (low, high], at most `size` of them (high - low).

    The limit changes nothing in the result (numbers are unique in a topic) but tells the
    planner how few rows the range holds: it estimates a range of post numbers across
    all topics, so an early page looked like hundreds of rows and got a hash join over
    every user (1.7 ms for page 1 on the bench data, 0.3 ms with the limit)."""
    last_number = Post.objects.filter(topic_id=topic).order_by("-number").values("number")[:1]
    queryset = Post.objects.filter(topic_id=topic, number__gt=low, number__lte=high).annotate(
        last_number=Subquery(last_number),
        public_revision_count=published_revision_count(),
        **{text: Cast(name, TextField()) for name, text in _TIMESTAMPS.items()},
    )
    fields = _COLUMNS
    if today is not None:
        queryset = queryset.annotate(badges=_badge_source(today))
        fields = (*_COLUMNS, "badges")
    return queryset.order_by("number").values_list(*fields)[:size]


@functools.cache
def _statement(vendor: str, size: int) -> Precompiled[Post]:
    """The rows query, compiled by the ORM once per process (config.precompiled).

    Compiling this six-table, 26-column query took longer than running it (and longer
    than PostgreSQL takes to plan it: settings.py has it prepared); a page view now only
    binds the topic, the number range and, on PostgreSQL, the date the badges are for.
    One statement per page size (its LIMIT).
    """
    samples: dict[str, object] = {
        "topic": 9_000_000_000_000_000_001,
        "low": 2_147_483_001,
        "high": 2_147_483_002,
    }
    if vendor == "postgresql":
        samples["today"] = date(2999, 12, 31)
    return Precompiled(functools.partial(_rows_queryset, size=size), **samples)


def _rows(topic: Topic, number: int) -> list[tuple[object, ...]]:
    low, high = page_range(number)
    values: dict[str, object] = {"topic": topic.pk, "low": low, "high": high}
    if connection.vendor == "postgresql":
        values["today"] = site_today()
    return _statement(connection.vendor, high - low).rows(**values)


@dataclass(frozen=True)
class FooterPost:
    """What forum/_post_footer.html reads of a post, taken from its row."""

    pk: int
    number: int
    author_id: int
    status: str
    revision_count: int
    public_revision_count: int
    helpful_marked_at: str | None  # as text: the footer only tests it for truth
    added_warnings: object  # Post.added_warnings (a list of dicts)

    @property
    def is_tombstone(self) -> bool:
        return self.status in TOMBSTONE_STATUSES

    @property
    def asks_author_about_warnings(self) -> bool:
        return asks_author_about_warnings(self.added_warnings)


class _AnyReader:
    """Who the shared HTML is rendered for: signed in, and the author of nothing on it."""

    pk = None
    is_authenticated = True


ANY_READER = _AnyReader()


@dataclass(frozen=True)
class SharedPage:
    """A page of posts as every reader of its kind sees it, plus this reader's own controls."""

    key: str
    html: SafeString | None  # None: not cached yet; render it, then store(key, html)
    # The caller's other keys (`also`), read in the same round trip: those found.
    also: dict[str, object]
    # Posts whose controls are this reader's (their own; every post, for the topic's
    # author): with_reader_controls renders those footers and puts them in place.
    own: tuple[FooterPost, ...] = ()
    # (id, number, status) of every post in the page's range, in order (the unread
    # marker's candidates), and the topic's last post number.
    posts: tuple[tuple[int, int, str], ...] = ()
    last_number: int = 0
    # Every post's footer row: a reader who may not post now gets all their footers
    # rendered for them (no Reply, Quote or Flag: forum/_post_footer.html).
    footers: tuple[FooterPost, ...] = ()


@dataclass(frozen=True)
class Reader:
    """What the shared HTML depends on about the reader.

    `reads_topics` (accounts.access.can_read_topics, decided when the Reader is made) is
    part of every key, and shared_page serves no HTML to a reader without it: the pages
    cached for readers with a license can never reach one without (issue 22 item 2).
    """

    user: AnyUser
    is_member: bool
    moderates: bool
    reads_topics: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "reads_topics", can_read_topics(self.user))


def _key(*, reader: Reader, topic: Topic, number: int) -> tuple[str, list[tuple]] | None:
    """The cache key of this page for readers like this one, and the page's rows.

    One query (two on SQLite: the badges). None when the page has no posts.
    """
    rows = _rows(topic, number)
    if not rows:
        return None
    # On PostgreSQL each row carries its author's badge source; elsewhere, one more query.
    badges = {}
    if connection.vendor != "postgresql":
        badges = credential_badges({row[_AUTHOR] for row in rows})
    parts = (
        settings.DEPLOY_VERSION,
        topic.pk,
        number,
        topic.is_locked,
        # Times are shown in the reader's zone (accounts/timezones.py).
        timezone.get_current_timezone_name(),
        reader.is_member,
        reader.moderates,
        reader.reads_topics,
        rows[0][_LAST],
        rows,
        sorted(badges.items()),
    )
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=20).hexdigest()
    return "thread-html:" + digest, rows


def shared_page(
    *,
    reader: Reader,
    topic: Topic,
    number: int,
    also: Sequence[str] = (),
) -> SharedPage | None:
    """Page `number` as shared HTML, or None when this reader sees posts others do not.
    The cache keys in `also` are read in the same round trip as the page.

    That is when the page holds a post of theirs that only they (and moderators) can
    see: held, awaiting screening, scheduled, or an edit of theirs being screened. Their
    published, withdrawn or removed posts are in the shared HTML, and only those posts'
    controls differ.
    """
    if not reader.reads_topics:
        # Views refuse such a reader before this (forum.access.readable_topic); a page of
        # posts is never the answer for them, cached or not.
        raise PermissionDenied("Topics are for clinicians with a verified license.")
    found = _key(reader=reader, topic=topic, number=number)
    if found is None:
        return None
    key, rows = found
    user_id = reader.user.pk
    own = [row for row in rows if row[_AUTHOR] == user_id]
    # The author of an edit being screened sees it; others see the published version. The
    # author of a post with a version never published sees its versions counted with that
    # one; others do not (forum/revision_numbers.py).
    if any(
        row[_STATUS] not in PUBLIC_STATUSES
        or row[_CURRENT] != row[_PUBLISHED]
        or row[_REVISIONS] != row[_PUBLIC_REVISIONS]
        for row in own
    ):
        return None
    if topic.author_id == user_id:
        own = rows  # the "helpful" controls on every reply
    found = cache.get_many([key, *also])
    html = found.pop(key, None)
    return SharedPage(
        key=key,
        html=None if html is None else mark_safe(html),  # noqa: S308 -- rendered by render()
        also=found,
        own=tuple(FooterPost(*(row[index] for index in _FOOTER_COLUMNS)) for row in own),
        footers=tuple(FooterPost(*(row[index] for index in _FOOTER_COLUMNS)) for row in rows),
        posts=tuple((row[_ID], row[_NUMBER], row[_STATUS]) for row in rows),
        last_number=rows[0][_LAST],
    )


def render(context: dict[str, object]) -> SafeString:
    """The posts and pagination, outside any request: no CSRF token, no context processors."""
    return mark_safe(render_to_string(TEMPLATE, context))  # noqa: S308 -- our template


def render_for(request: HttpRequest, context: dict[str, object]) -> SafeString:
    """The posts and pagination for this reader alone (their CSRF token in the forms): a
    page with posts only they see, never stored."""
    return mark_safe(render_to_string(TEMPLATE, context, request=request))  # noqa: S308


def store(shared: SharedPage, html: str, *, reader: Reader, topic: Topic, number: int) -> None:
    """Keep `html` under the key it was looked up with, if the page has not changed since.

    The page was rendered from a read made after the key's: a change in between (a post
    published, held, marked helpful) would otherwise file the newer HTML under the older
    state's key, to be shown again if that state came back. Reading the key again costs
    the rows query once more (and the badges on SQLite), on a miss only.
    """
    again = _key(reader=reader, topic=topic, number=number)
    if again is not None and again[0] == shared.key:
        cache.set(shared.key, str(html), settings.FORUM_THREAD_CACHE_SECONDS)


_FOOTER_END = "<!--/footer-->"
# Footers rendered in this process, with a mark where the request's CSRF token goes:
# the same post, topic and reader give the same footer but for the token.
_FOOTERS = RecentTexts(2_000_000)
_TOKEN_MARK = "csrf-token-of-this-request"  # noqa: S105 -- a placeholder, not a secret


def _footer_key(post: FooterPost, context: dict[str, object]) -> str:
    """Everything forum/_post_footer.html reads besides the token (see its comment)."""
    topic: Topic = context["topic"]  # type: ignore[assignment]
    user: AnyUser = context["user"]  # type: ignore[assignment]
    return repr(
        (
            post,
            topic.pk,
            topic.is_locked,
            topic.author_id,
            bool(context["is_member"]),
            bool(context.get("posting_blocked")),
            user.pk,
            user.is_authenticated,
            url_configuration(),
        )
    )


def _footer(post: FooterPost, context: dict[str, object]) -> str:
    key = _footer_key(post, context)
    html = _FOOTERS.get(key)
    if html is None:
        html = get_template(FOOTER_TEMPLATE).render(
            {**context, "post": post, "csrf_token": _TOKEN_MARK}
        )
        _FOOTERS.put(key, html)
    return html.replace(_TOKEN_MARK, str(context["csrf_token"]))


def with_reader_controls(
    html: str, shared: SharedPage, *, context: dict[str, object]
) -> SafeString:
    """The shared HTML with this reader's own controls in their posts' footers.

    Footers sit between markers that no post can forge (bodies are sanitized with
    comments stripped, names are escaped). `context`: the reader's user, csrf_token,
    topic, is_member and posting_blocked. The posts are in page order, as their footers are
    in the HTML, so each marker is looked for after the last one found (a post the
    shared page leaves out, held say, has none). A footer is rendered once per process
    for the same inputs (_footer_key), and the request's token put in its forms.
    """
    if not shared.own:
        return mark_safe(html)  # noqa: S308 -- rendered by render()
    parts: list[str] = []
    position = 0
    for post in shared.own:
        marker = f"<!--footer:{post.pk}-->"
        start = html.find(marker, position)
        end = html.find(_FOOTER_END, start) if start >= 0 else -1
        if end < 0:
            continue
        parts += (html[position : start + len(marker)], _footer(post, context))
        position = end
    parts.append(html[position:])
    return mark_safe("".join(parts))  # noqa: S308 -- our templates only
