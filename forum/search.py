"""Full-text search over posts the reader may see.

PostgreSQL: a tsvector column kept by the write path, with a GIN index.
SQLite (first runs, no services): a simple case-insensitive substring match.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, QuerySet

from accounts.access import AnyUser
from forum.access import readable_groups_q, visible_posts_q
from forum.choices import TOMBSTONE_STATUSES
from forum.models import Post

SEARCH_CONFIG = "english"
MAX_QUERY_LENGTH = 200


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def index_post(post: Post) -> None:
    if uses_postgres():
        Post.objects.filter(pk=post.pk).update(
            search_vector=SearchVector("search_text", config=SEARCH_CONFIG)
        )


def search_posts(*, user: AnyUser, query: str) -> QuerySet[Post]:
    query = query.strip()[:MAX_QUERY_LENGTH]
    if not query:
        return Post.objects.none()
    posts = (
        Post.objects.filter(visible_posts_q(user))
        .filter(readable_groups_q(user, prefix="topic__group__"))
        .filter(topic__is_visible=True)
        .exclude(status__in=TOMBSTONE_STATUSES)
        .select_related("topic", "topic__group", "author", "current_revision")
    )
    if uses_postgres():
        search_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
        return (
            posts.filter(search_vector=search_query)
            .annotate(rank=SearchRank(F("search_vector"), search_query))
            .order_by("-rank", "-id")
        )
    return posts.filter(search_text__icontains=query).order_by("-id")
