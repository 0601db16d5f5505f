"""Full-text search over posts the reader may see.

PostgreSQL: a tsvector column kept by the write path, with a GIN index.
SQLite (first runs, no services): a simple case-insensitive substring match.

Each result shows a snippet of its post's plain text with the matched words marked
(issue 22, item 5). PostgreSQL's ts_headline picks the passage and brackets the matches
with two private-use characters (removed from the text first, so a post cannot forge
them); snippet_html then escapes the text and turns the brackets into <mark>. The text
is the post's own search text, read only for results the reader may see. A post the
thread page collapses behind a content warning shows its snippet collapsed the same way
(templates/forum/search.html): the warning first, the text only when the reader opens it.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import F, QuerySet, Subquery, Value
from django.db.models.functions import Left, Replace
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from accounts.access import AnyUser
from accounts.names import author_fields
from forum.access import readable_groups_q, visible_posts_q
from forum.choices import TOMBSTONE_STATUSES
from forum.models import Post

SEARCH_CONFIG = "english"
MAX_QUERY_LENGTH = 200
SNIPPET_LENGTH = 240
# ts_headline reads this much of a post (it parses all it is given: a 20,000-character
# post would cost every result page its parse); a match further in gives the opening.
HEADLINE_SOURCE_CHARS = 3_000
# Brackets around matched words inside the database's answer (Unicode private use).
START, STOP = "\ue000", "\ue001"
# ts_headline drops what looks like an HTML tag ("<b>"), which a post's text may hold
# as typed: "<" travels as this character instead, and comes back in search_results.
LESS_THAN = "\ue002"
_BRACKETS = re.compile(f"([{START}{STOP}])")


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def index_post(post: Post) -> None:
    index_posts([post.pk])


def index_posts(post_ids: list[int]) -> None:
    """The posts' search vectors from their (published) search text, in one statement."""
    if uses_postgres() and post_ids:
        Post.objects.filter(pk__in=post_ids).update(
            search_vector=SearchVector("search_text", config=SEARCH_CONFIG)
        )


def search_posts(*, user: AnyUser, query: str) -> QuerySet[Post]:
    """Posts the reader may see that match `query`, best first.

    PostgreSQL: the GIN index finds the matches; only the newest
    settings.FORUM_SEARCH_CANDIDATES of them that the reader may see are ranked, so a
    common word costs the same in a forum of 200,000 posts as in one of 2 million
    (ranking every match before taking the top 50 grew with the forum). Newest first is
    what a reader of a forum usually wants among equally good matches, and the rank
    orders that recent window.
    """
    query = query.strip()[:MAX_QUERY_LENGTH]
    if not query:
        return Post.objects.none()
    visible = (
        Post.objects.filter(visible_posts_q(user))
        .filter(readable_groups_q(user, prefix="topic__group__"))
        .filter(topic__is_visible=True)
        .exclude(status__in=TOMBSTONE_STATUSES)
    )
    results = Post.objects.select_related(
        "topic", "topic__group", "author", "published_revision"
    ).only(*_RESULT_FIELDS)
    if uses_postgres():
        search_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
        candidates = (
            visible.filter(search_vector=search_query)
            .order_by("-id")
            .values("pk")[: settings.FORUM_SEARCH_CANDIDATES]
        )
        return (
            results.filter(pk__in=Subquery(candidates))
            .annotate(
                rank=SearchRank(F("search_vector"), search_query),
                # Computed for the rows kept (PostgreSQL evaluates a costly output
                # column after ORDER BY ... LIMIT).
                snippet=_headline(search_query),
            )
            .order_by("-rank", "-id")
        )
    # The page shows 240 characters: neither fetch nor truncate a whole long post.
    return (
        results.filter(pk__in=visible.filter(search_text__icontains=query))
        .annotate(snippet=Left("search_text", SNIPPET_LENGTH + 1))
        .order_by("-id")
    )


def _headline(search_query: SearchQuery) -> SearchHeadline:
    text = Left("search_text", HEADLINE_SOURCE_CHARS)
    for bracket in (START, STOP, LESS_THAN):  # a post's own would forge a highlight
        text = Replace(text, Value(bracket), Value(""))
    text = Replace(text, Value("<"), Value(LESS_THAN))
    return SearchHeadline(
        text,
        search_query,
        config=SEARCH_CONFIG,
        start_sel=START,
        stop_sel=STOP,
        max_words=25,
        min_words=10,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


def search_results(*, user: AnyUser, query: str, limit: int = 50) -> list[Post]:
    """The first `limit` results, each with `snippet`: safe HTML of at most
    SNIPPET_LENGTH characters of text, the matched words in <mark>.

    Cut here rather than with |truncatechars, which walks every character through
    unicodedata (half the page's time for 50 results).
    """
    results = list(search_posts(user=user, query=query)[:limit])
    terms = None if uses_postgres() else _terms(query)
    for post in results:
        text = post.snippet or ""
        if terms is None:
            text = text.replace(LESS_THAN, "<")
        else:  # SQLite: no ts_headline; mark the query's words here
            text = terms.sub(lambda match: f"{START}{match.group(0)}{STOP}", _unbracketed(text))
        post.snippet = snippet_html(text)
    return results


def _unbracketed(text: str) -> str:
    return text.replace(START, "").replace(STOP, "")


def _terms(query: str) -> re.Pattern[str]:
    """The query's words, matched at the start of words in the text (no stemming)."""
    words = sorted({w for w in re.findall(r"\w{2,}", query.lower())}, key=len, reverse=True)
    if not words:
        return re.compile(r"(?!)")
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words[:20])) + r")\w*", re.IGNORECASE)


def snippet_html(text: str, *, limit: int = SNIPPET_LENGTH) -> SafeString:
    """Text with START/STOP brackets as HTML: the text escaped, the brackets as <mark>
    and </mark>, at most `limit` characters of text (an ellipsis where it is cut)."""
    parts: list[str] = []
    shown = 0
    marked = False
    for piece in _BRACKETS.split(text):
        if piece in (START, STOP):
            opening = piece == START
            if opening != marked:  # ignore a bracket out of turn
                parts.append("<mark>" if opening else "</mark>")
                marked = opening
            continue
        room = limit - shown
        if len(piece) > room:
            parts.append(escape(piece[: max(room - 1, 0)]) + "…")
            shown = limit
            break
        parts.append(escape(piece))
        shown += len(piece)
    if marked:
        parts.append("</mark>")
    return mark_safe("".join(parts))  # noqa: S308 -- every piece of text is escaped


# What a result shows: the topic and group it is in, its author, its number and text,
# and the content warnings its text is collapsed behind on the thread page (those the
# published revision declares and those screening or a moderator added): the snippet
# stays behind the same disclosure.
_RESULT_FIELDS = (
    "id",
    "number",
    "added_warnings",
    "published_revision_id",
    "published_revision__trigger_warnings",
    "topic_id",
    "author_id",
    "topic__title",
    "topic__group_id",
    "topic__group__name",
    "topic__group__slug",
    *author_fields("author__"),
)
