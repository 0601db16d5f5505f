"""Full-text search over posts the reader may see.

PostgreSQL: a tsvector column kept by the write path, with a GIN index.
SQLite (first runs, no services): a simple case-insensitive substring match.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, QuerySet, Subquery
from django.db.models.functions import Left

from accounts.access import AnyUser
from accounts.names import author_fields
from forum.access import readable_groups_q, visible_posts_q
from forum.choices import TOMBSTONE_STATUSES
from forum.models import Post

SEARCH_CONFIG = "english"
MAX_QUERY_LENGTH = 200
SNIPPET_LENGTH = 240


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def index_post(post: Post) -> None:
    if uses_postgres():
        Post.objects.filter(pk=post.pk).update(
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
    results = (
        Post.objects.select_related("topic", "topic__group", "author")
        .only(*_RESULT_FIELDS)
        # The page shows 240 characters: neither fetch nor truncate a whole long post.
        .annotate(snippet=Left("search_text", SNIPPET_LENGTH + 1))
    )
    if uses_postgres():
        search_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
        candidates = (
            visible.filter(search_vector=search_query)
            .order_by("-id")
            .values("pk")[: settings.FORUM_SEARCH_CANDIDATES]
        )
        return (
            results.filter(pk__in=Subquery(candidates))
            .annotate(rank=SearchRank(F("search_vector"), search_query))
            .order_by("-rank", "-id")
        )
    return results.filter(pk__in=visible.filter(search_text__icontains=query)).order_by("-id")


def search_results(*, user: AnyUser, query: str, limit: int = 50) -> list[Post]:
    """The first `limit` results, each with `snippet` cut to SNIPPET_LENGTH characters.

    Cut here rather than with |truncatechars, which walks every character through
    unicodedata (half the page's time for 50 results).
    """
    results = list(search_posts(user=user, query=query)[:limit])
    for post in results:
        text = post.snippet
        if len(text) > SNIPPET_LENGTH:
            text = text[: SNIPPET_LENGTH - 1] + "…"
        post.snippet = text
    return results


# What a result shows: the topic and group it is in, its author, its number and text.
_RESULT_FIELDS = (
    "id",
    "number",
    "topic_id",
    "author_id",
    "topic__title",
    "topic__group_id",
    "topic__group__name",
    "topic__group__slug",
    *author_fields("author__"),
)
