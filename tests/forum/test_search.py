from __future__ import annotations

import re

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


def test_removed_posts_and_hidden_topics_are_not_searchable(
    clinician, other_clinician, topic, django_capture_on_commit_callbacks
):
    from forum.posting import post_set_status

    with django_capture_on_commit_callbacks(execute=True):
        reply = reply_create(
            author=other_clinician, topic=topic, content=factories.content("zebrafish protocol")
        )
    assert [p.pk for p in search_posts(user=clinician, query="zebrafish")] == [reply.pk]
    post_set_status(post_id=reply.pk, status=PostStatus.REMOVED)
    assert list(search_posts(user=clinician, query="zebrafish")) == []
    post_set_status(post_id=topic.posts.get(number=1).pk, status=PostStatus.HELD)
    assert list(search_posts(user=other_clinician, query="exposure")) == []


def test_better_matches_rank_first_among_the_newest_matches(
    require_postgres, clinician, other_clinician, topic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        passing = reply_create(
            author=other_clinician,
            topic=topic,
            content=factories.content("Supervision came up once, among other things."),
        )
        focused = reply_create(
            author=clinician,
            topic=topic,
            content=factories.content(
                "Supervision, supervision, supervision: our supervision hours and supervision logs."
            ),
        )
        newest = reply_create(
            author=other_clinician, topic=topic, content=factories.content("Supervision again.")
        )
    ranked = [p.pk for p in search_posts(user=clinician, query="supervision")]
    assert ranked[0] == focused.pk
    assert set(ranked) == {passing.pk, focused.pk, newest.pk}


def test_only_the_newest_matches_are_ranked(
    require_postgres, clinician, topic, settings, django_capture_on_commit_callbacks
):
    settings.FORUM_SEARCH_CANDIDATES = 2
    settings.FORUM_POSTING_RATE_LIMIT = None
    with django_capture_on_commit_callbacks(execute=True):
        replies = [
            reply_create(author=clinician, topic=topic, content=factories.content(f"Ketamine {n}"))
            for n in range(4)
        ]
    found = {p.pk for p in search_posts(user=clinician, query="ketamine")}
    assert found == {replies[-1].pk, replies[-2].pk}


@pytest.mark.parametrize(
    "query",
    [
        "exposure & | ! : * ( ) ' \" \\",
        "-",
        '"',
        "or or or",
        "<script>alert(1)</script>",
        "'; DROP TABLE forum_post; --",
        "a" * 5000,
        "exposure:*",
        "!!!",
        "\u202e\u0000\ufeff",
    ],
)
def test_hostile_search_queries_answer_without_error(client, clinician, topic, query):
    client.force_login(clinician)
    response = client.get(reverse("forum:search"), {"q": query})
    assert response.status_code in (200, 400)
    assert "<script>alert(1)</script>" not in response.content.decode()


def _reply(author, topic, body, capture):
    with capture(execute=True):
        return reply_create(author=author, topic=topic, content=factories.content(body))


def _snippets(client, query: str) -> list[str]:
    html = client.get(reverse("forum:search"), {"q": query}).content.decode()
    return re.findall(r'<p class="snippet">(.*?)</p>', html, re.S)


def test_a_long_post_gives_a_short_snippet_around_the_match_with_the_match_marked(
    clinician, topic, django_capture_on_commit_callbacks
):
    from forum.search import SNIPPET_LENGTH, search_results

    body = "Maintenance sessions and homework. " * 30 + "Ketamine clinics ask for notes. "
    body += "More sessions later. " * 30
    _reply(clinician, topic, body, django_capture_on_commit_callbacks)
    [result] = search_results(user=clinician, query="ketamine")
    text = re.sub(r"</?mark>", "", str(result.snippet))
    assert len(text) <= SNIPPET_LENGTH
    assert "<mark>Ketamine</mark> clinics" in result.snippet


def test_snippets_show_what_readers_read_escaped_once_never_as_entities(
    client, clinician, topic, django_capture_on_commit_callbacks
):
    _reply(
        clinician,
        topic,
        'Write <b>bold</b> & keep AT&T\'s "quotes": zebrafish protocol.',
        django_capture_on_commit_callbacks,
    )
    client.force_login(clinician)
    [snippet] = _snippets(client, "zebrafish")
    assert "&lt;b&gt;bold&lt;/b&gt;" in snippet  # the reader sees <b>bold</b>, as typed
    assert "&amp;lt;" not in snippet and "&amp;amp;" not in snippet
    assert "<b>" not in snippet
    assert "<mark>zebrafish</mark>" in snippet


def test_stemmed_matches_are_marked_and_a_post_cannot_forge_a_mark(
    client, clinician, topic, require_postgres, django_capture_on_commit_callbacks
):
    from forum.search import START, STOP

    _reply(
        clinician,
        topic,
        f"Titrating {START}exposures{STOP} slowly helps; we titrated it over weeks.",
        django_capture_on_commit_callbacks,
    )
    client.force_login(clinician)
    [snippet] = _snippets(client, "titrate")
    assert snippet.count("<mark>") == 2 == snippet.count("</mark>")
    assert "<mark>Titrating</mark>" in snippet and "<mark>titrated</mark>" in snippet
    assert "<mark>exposures</mark>" not in snippet and START not in snippet


def test_snippet_html_escapes_text_and_balances_marks():
    from forum.search import START, STOP, snippet_html

    assert snippet_html(f"a {START}<script>{STOP} b") == "a <mark>&lt;script&gt;</mark> b"
    assert snippet_html(f"{STOP}x{START}y") == "x<mark>y</mark>"
    cut = snippet_html(f"{START}{'w' * 300}{STOP}", limit=10)
    assert cut == "<mark>wwwwwwwww…</mark>"


def test_without_postgresql_the_query_words_are_marked_in_python(monkeypatch):
    from forum import search

    terms = search._terms("Exposure, pacing!")
    marked = terms.sub(lambda m: f"{search.START}{m.group(0)}{search.STOP}", "Paced exposures")
    assert search.snippet_html(marked) == "Paced <mark>exposures</mark>"
    assert search.snippet_html(search._terms("!!!").sub("", "text")) == "text"


def _results(client, query: str) -> list[str]:
    html = client.get(reverse("forum:search"), {"q": query}).content.decode()
    return re.findall(r'<li class="card">(.*?)</li>', html, re.S)


def _warned_result_shows_the_warning_before_the_text(result: str, label: str, word: str) -> None:
    """The result names the warning and keeps the text behind the thread page's
    disclosure: closed until the reader opens it, the text nowhere outside it."""
    match = re.search(r'<details class="warned">(.*?)</details>', result, re.S)
    assert match is not None, result
    summary = re.search(r"<summary>(.*?)</summary>", match.group(1), re.S).group(1)
    assert label in summary and word not in summary
    assert word in match.group(1)
    assert word not in result.replace(match.group(0), "")


def test_a_post_collapsed_behind_a_declared_warning_shows_the_warning_in_search(
    client, clinician, other_clinician, topic, django_capture_on_commit_callbacks
):
    from forum.choices import TriggerWarning

    with django_capture_on_commit_callbacks(execute=True):
        reply_create(
            author=other_clinician,
            topic=topic,
            content=factories.content(
                "Zebrafish overdose details from the session.",
                warnings=[TriggerWarning.SUBSTANCE_USE],
            ),
        )
    client.force_login(clinician)
    [result] = _results(client, "zebrafish")
    _warned_result_shows_the_warning_before_the_text(result, "Substance use", "overdose")


def test_a_post_collapsed_behind_a_detected_warning_shows_the_warning_in_search(
    client, clinician, other_clinician, topic, django_capture_on_commit_callbacks
):
    _reply(
        other_clinician,
        topic,
        "Zebrafish grief work after a loss.",
        django_capture_on_commit_callbacks,
    )
    client.force_login(clinician)
    [result] = _results(client, "zebrafish")
    _warned_result_shows_the_warning_before_the_text(
        result, "Death and grief (added by screening)", "loss"
    )


def test_a_post_collapsed_behind_a_moderators_warning_shows_the_warning_in_search(
    client, clinician, other_clinician, moderator, topic, django_capture_on_commit_callbacks
):
    from django.db import transaction

    from forum.added_warnings import MODERATOR, add_warnings
    from forum.choices import TriggerWarning

    reply = _reply(
        other_clinician,
        topic,
        "Zebrafish scheduling for the weekly group.",
        django_capture_on_commit_callbacks,
    )
    client.force_login(clinician)
    [before] = _results(client, "zebrafish")
    assert "<details" not in before and "weekly" in before
    with transaction.atomic():
        add_warnings(post=reply, warnings=[TriggerWarning.ABUSE], by=MODERATOR, actor=moderator)
    [result] = _results(client, "zebrafish")
    _warned_result_shows_the_warning_before_the_text(
        result, "Abuse (added by a moderator)", "weekly"
    )
