"""The thread page's list of posts as cached HTML, shared by readers it looks the same to.

A page of a thread looks the same to every reader who wrote none of its posts and not
the topic itself (those readers get edit, withdraw and "helpful" forms with their own
CSRF tokens), given whether they are a member of the group (the Reply links) and
whether they moderate it (held posts). For them the rendered posts and pagination are
cached under a key that is a digest of everything the HTML is made from:

- one row per post numbered in the page's range, whatever its status: the post's
  state, current revision (revisions are append-only, so the id stands for its body
  HTML, disclaimer and warnings), its author's public name, the post it replies to and
  the version it answered;
- the topic's last post number (the page count), whether the topic is locked;
- the authors' credential badges (on PostgreSQL, what they are made of comes with each
  row; elsewhere they are read with a second query);
- the templates and the labels in forum/choices.py and accounts/choices.py (a deploy
  that changes them changes every key).

These rows are read in one query of plain values (no model instances, and SQL compiled
once per process), so a page whose HTML is cached costs that one query, and a change to
anything on the page is a new key: nothing is ever invalidated and no reader can be
shown HTML made from other inputs, such as a post held or removed since. The rows also
say who wrote the posts in the range, which is how a reader's own posts send them to the
per-reader rendering (forum.views.topic_detail) without another query.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.postgres.aggregates import StringAgg
from django.core.cache import cache
from django.db import connection
from django.db.models import OuterRef, Subquery, TextField, Value
from django.db.models.functions import Cast, Concat
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from accounts.access import AnyUser
from accounts.choices import LicenseState
from accounts.credentials import credential_badges
from accounts.models import License
from forum.models import Post, Topic

TEMPLATE = "forum/_thread_posts.html"
_SOURCES = (
    "templates/forum/_thread_posts.html",
    "templates/forum/_post.html",
    "templates/forum/_post_main.html",
    "templates/forum/_pagination.html",
    "forum/choices.py",
    "accounts/choices.py",  # license type and jurisdiction labels in the badges
    "accounts/credentials.py",
)
_DIGEST = hashlib.blake2b(
    b"".join((Path(settings.BASE_DIR) / name).read_bytes() for name in _SOURCES)
).hexdigest()[:12]

# Every column forum/_post.html and _post_main.html read, for each post in the range.
_ROW = (
    "id",
    "number",
    "author_id",
    "status",
    "created_at",
    "revision_count",
    "is_correction",
    "helpful_marked_at",
    "withdrawn_at",
    "scheduled_for",
    "current_revision_id",
    "author__display_name",
    "author__email",
    "author__deactivated_at",
    "reply_to_id",
    "reply_to__number",
    "reply_to__status",
    "reply_to__author__display_name",
    "reply_to__author__email",
    "reply_to__author__deactivated_at",
    "answered_revision_id",
    "answered_revision__number",
    "answered_revision__post_id",
    "answered_revision__post__status",
    "answered_revision__post__current_revision_id",
    "last_number",
)
_AUTHOR = _ROW.index("author_id")
_LAST = _ROW.index("last_number")


# Stand-ins for the statement's parameters while it is compiled, distinct from each other
# and in range for their columns (the ORM refuses an out-of-range comparison).
_PLACEHOLDERS: dict[str, object] = {
    "topic": 9_000_000_000_000_000_001,
    "low": 2_147_483_001,
    "high": 2_147_483_002,
    "today": date(2999, 12, 31),
}


def _badge_source(today: object) -> Subquery:
    """Per post, on PostgreSQL: what its author's credential badge is made of, as text.

    The author's verified, current licenses (id, type, jurisdiction) in badge order, the
    same selection as accounts.credentials.credential_badges; any change to them, or a
    license passing its expiry date, changes the text and so the page's key.
    """
    text = Concat(
        Cast("id", TextField()),
        Value(":"),
        "license_type",
        Value(":"),
        "license_type_other",
        Value(":"),
        "jurisdiction",
        output_field=TextField(),
    )
    licenses = (
        License.objects.filter(
            user=OuterRef("author"), state=LicenseState.VERIFIED, expires_on__gte=today
        )
        .values("user")
        .annotate(text=StringAgg(text, delimiter=";", order_by=("verified_at", "id")))
        .values("text")
    )
    return Subquery(licenses, output_field=TextField())


@functools.cache
def _statement(vendor: str) -> tuple[str, tuple[object, ...]]:
    """The rows query's SQL, compiled by the ORM once per process, and its parameters.

    Compiling this six-table, 26-column query took longer than running it (and longer
    than PostgreSQL takes to plan it: settings.py has it prepared); a page view now only
    binds the topic, the number range and the date. Parameters are the placeholders'
    names, or constants of the query as they are.
    """
    names = {value: name for name, value in _PLACEHOLDERS.items()}
    topic = _PLACEHOLDERS["topic"]
    last_number = Post.objects.filter(topic_id=topic).order_by("-number").values("number")[:1]
    queryset = Post.objects.filter(
        topic_id=topic, number__gt=_PLACEHOLDERS["low"], number__lte=_PLACEHOLDERS["high"]
    ).annotate(last_number=Subquery(last_number))
    fields = _ROW
    if vendor == "postgresql":
        queryset = queryset.annotate(badges=_badge_source(_PLACEHOLDERS["today"]))
        fields = (*_ROW, "badges")
    sql, params = (
        queryset.order_by("number").values_list(*fields).query.get_compiler(connection=connection)
    ).as_sql()
    return sql, tuple(_Param(names[value]) if value in names else value for value in params)


class _Param(str):
    """A placeholder's name in a compiled statement's parameters."""


def _rows(topic: Topic, number: int) -> list[tuple[object, ...]]:
    low, high = page_range(number)
    values = {"topic": topic.pk, "low": low, "high": high, "today": timezone.localdate()}
    sql, params = _statement(connection.vendor)
    bound = [values[p] if isinstance(p, _Param) else p for p in params]
    with connection.cursor() as cursor:
        cursor.execute(sql, bound)
        return cursor.fetchall()


@dataclass(frozen=True)
class SharedPage:
    """A page of posts that looks the same to this reader as to others like them."""

    key: str
    html: SafeString | None  # None: not cached yet; render it, then store(key, html)


def page_range(number: int) -> tuple[int, int]:
    """The post numbers on page `number`: (first - 1, last]."""
    size = settings.FORUM_PAGE_SIZE
    return (number - 1) * size, number * size


@dataclass(frozen=True)
class Reader:
    """What the shared HTML depends on about the reader."""

    user: AnyUser
    is_member: bool
    moderates: bool


def _key(*, reader: Reader, topic: Topic, number: int) -> str | None:
    """The cache key of this page for this reader, or None when the page is theirs alone.

    Two queries: the rows of the posts in the page's range, and their authors' badges.
    """
    if topic.author_id == reader.user.pk:
        return None
    rows = _rows(topic, number)
    if not rows or any(row[_AUTHOR] == reader.user.pk for row in rows):
        return None
    # On PostgreSQL each row carries its author's badge source; elsewhere, one more query.
    badges = {}
    if connection.vendor != "postgresql":
        badges = credential_badges({row[_AUTHOR] for row in rows})
    parts = (
        _DIGEST,
        topic.pk,
        number,
        topic.is_locked,
        reader.is_member,
        reader.moderates,
        rows[0][_LAST],
        rows,
        sorted(badges.items()),
    )
    return "thread-html:" + hashlib.blake2b(repr(parts).encode(), digest_size=20).hexdigest()


def shared_page(*, reader: Reader, topic: Topic, number: int) -> SharedPage | None:
    """Page `number` as shared HTML, or None when it is this reader's alone or out of range."""
    key = _key(reader=reader, topic=topic, number=number)
    if key is None:
        return None
    html = cache.get(key)
    return SharedPage(key=key, html=None if html is None else mark_safe(html))  # noqa: S308


def render(context: dict[str, object]) -> SafeString:
    """The posts and pagination, outside any request: no CSRF token, no context processors."""
    return mark_safe(render_to_string(TEMPLATE, context))  # noqa: S308 -- our template


def store(shared: SharedPage, html: str, *, reader: Reader, topic: Topic, number: int) -> None:
    """Keep `html` under the key it was looked up with, if the page has not changed since.

    The page was rendered from a read made after the key's: a change in between (a post
    published, held, marked helpful) would otherwise file the newer HTML under the older
    state's key, to be shown again if that state came back. Reading the key again costs
    two queries, on a miss only.
    """
    if _key(reader=reader, topic=topic, number=number) == shared.key:
        cache.set(shared.key, str(html), settings.FORUM_THREAD_CACHE_SECONDS)
