from __future__ import annotations

import pytest
from django.urls import reverse

from forum.choices import PostStatus
from forum.models import Group, Post
from forum.posting import reply_create
from forum.search import search_posts
from tests import factories

pytestmark = pytest.mark.django_db


def test_search_finds_published_posts(client, clinician, topic):
    results = list(search_posts(user=clinician, query="exposure"))
    assert [post.topic_id for post in results] == [topic.pk]
    client.force_login(clinician)
    html = client.get(reverse("forum:search"), {"q": "exposure"}).content.decode()
    assert topic.title in html


def test_search_hides_held_posts_from_other_readers(clinician, other_clinician, topic):
    reply = reply_create(
        author=other_clinician, topic=topic, content=factories.content("zebrafish protocol")
    )
    Post.objects.filter(pk=reply.pk).update(status=PostStatus.HELD)
    assert list(search_posts(user=clinician, query="zebrafish")) == []
    assert [p.pk for p in search_posts(user=other_clinician, query="zebrafish")] == [reply.pk]


def test_search_hides_private_groups_from_outsiders(outsider, clinician, topic):
    Group.objects.filter(pk=topic.group_id).update(is_private=True)
    assert list(search_posts(user=outsider, query="exposure")) == []
    assert len(list(search_posts(user=clinician, query="exposure"))) == 1


def test_search_requires_sign_in(client, topic):
    assert client.get(reverse("forum:search"), {"q": "exposure"}).status_code == 302


def test_postgres_search_uses_the_full_text_index(require_postgres, clinician, topic):
    from django.db import connection

    post = topic.posts.get()
    assert Post.objects.filter(pk=post.pk, search_vector__isnull=False).exists()
    # Stemming: "pacing" matches "paced" only through full-text search.
    assert len(list(search_posts(user=clinician, query="paced"))) == 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'post_search_vector_gin'")
        assert "gin" in cursor.fetchone()[0].lower()


def test_withdrawn_posts_are_not_searchable(clinician, topic):
    from forum.posting import post_withdraw

    post_withdraw(author=clinician, post=topic.posts.get())
    assert list(search_posts(user=clinician, query="exposure")) == []
