"""A property test (issue 18): for random sequences of post / edit / hold / ask-edit /
edit-out / redact / approve by random personas, with screening run late and in any order,
no other reader ever receives text from a revision that screening did not publish: not in
the thread, a revision page, history or a diff, a search result, a notification, an email
or an export.

The oracle is the test's own bookkeeping, not the code's records: a revision's text may
reach others only once its screening ran while it was still its post's newest revision and
it held no identifiers, or once a moderator approved the post while it was the newest; a
redacted revision's text never again.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forum.choices import PostStatus
from forum.models import Post, Revision
from forum.posting import post_edit, post_publish, post_set_status, reply_create, revision_redact
from tests import factories
from tests.moderation.helpers import CLEAN, IDENTIFYING
from tests.privacy.scenarios import mailed_to, make_people, received

pytestmark = pytest.mark.django_db

# Readers who write nothing here: what they receive must hold no forbidden text.
OTHERS = ("member", "group_moderator_pw", "unlicensed", "pending")
WRITERS = ("author", "group_member")
SEARCHED = "codeword"
_tokens = itertools.count(1)


def _token() -> str:
    # Letters only: a word search indexes whole, that nothing else on a page holds.
    n = next(_tokens)
    letters = ""
    while True:
        n, rest = divmod(n, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[rest]
        if n == 0:
            break
    return f"zyxtok{letters}q"


def _body(token: str, identifying: bool) -> str:
    return f"{SEARCHED} {token}. {IDENTIFYING if identifying else CLEAN}"


@dataclass
class Ledger:
    """What the test knows: each post's newest revision, its token, and which may show."""

    newest: dict[int, int] = field(default_factory=dict)  # post id -> revision id
    token: dict[int, str] = field(default_factory=dict)  # revision id -> token
    identifying: dict[int, bool] = field(default_factory=dict)
    unscreened: list[tuple[int, object]] = field(default_factory=list)  # (revision, callback)
    allowed: set[int] = field(default_factory=set)  # may reach others (screened or approved)
    redacted: set[int] = field(default_factory=set)

    def forbidden(self) -> set[str]:
        return {
            token
            for revision, token in self.token.items()
            if revision not in self.allowed or revision in self.redacted
        }


ACTION = st.one_of(
    st.tuples(st.just("post"), st.sampled_from(WRITERS), st.booleans()),
    st.tuples(st.just("edit"), st.integers(0, 5), st.booleans()),
    st.tuples(st.just("edit_out"), st.integers(0, 5), st.just(False)),
    st.tuples(st.just("screen"), st.booleans(), st.booleans()),
    st.tuples(st.just("hold"), st.integers(0, 5), st.just(False)),
    st.tuples(st.just("ask_edit"), st.integers(0, 5), st.just(False)),
    st.tuples(st.just("approve"), st.integers(0, 5), st.just(False)),
    st.tuples(st.just("redact"), st.integers(0, 5), st.integers(0, 3)),
)


@pytest.fixture
def world(organizer):
    return make_people(organizer)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(actions=st.lists(ACTION, min_size=1, max_size=8))
def test_no_reader_receives_text_screening_did_not_publish(
    world, actions, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    cache.clear()
    mail.outbox = []
    with transaction.atomic():
        ledger = Ledger()
        topic = None
        posts: list[Post] = []

        def wrote(post: Post, revision: Revision, identifying: bool, callbacks) -> None:
            ledger.newest[post.pk] = revision.pk
            ledger.token[revision.pk] = token
            ledger.identifying[revision.pk] = identifying
            ledger.unscreened += [(revision.pk, callback) for callback in callbacks]

        for kind, arg, flag in actions:
            if kind == "post":
                token = _token()
                author = world.users[arg]
                with capture(execute=False) as callbacks:
                    if topic is None:
                        topic = factories_topic(world, author, _body(token, flag))
                        post = topic.posts.get(number=1)
                    else:
                        post = reply_create(
                            author=author,
                            topic=topic,
                            content=factories.content(_body(token, flag)),
                        )
                posts.append(post)
                wrote(post, post.current_revision, flag, callbacks)
            elif kind in ("edit", "edit_out") and posts:
                post = Post.objects.get(pk=posts[arg % len(posts)].pk)
                if post.is_tombstone:
                    continue
                token = _token()
                with capture(execute=False) as callbacks:
                    revision = post_edit(
                        editor=post.author,
                        post=post,
                        content=factories.content(_body(token, flag)),
                        reason="Revised",
                    )
                wrote(post, revision, flag, callbacks)
            elif kind == "screen" and ledger.unscreened:
                waiting = ledger.unscreened[::-1] if arg else ledger.unscreened
                if flag:  # only the oldest one: the rest stay waiting
                    waiting = waiting[:1]
                for revision_id, callback in waiting:
                    ledger.unscreened.remove((revision_id, callback))
                    post_id = Revision.objects.values_list("post_id", flat=True).get(pk=revision_id)
                    newest = ledger.newest[post_id] == revision_id
                    callback()
                    if newest and not ledger.identifying[revision_id]:
                        ledger.allowed.add(revision_id)
            elif kind in ("hold", "ask_edit") and posts:
                status = PostStatus.HELD if kind == "hold" else PostStatus.NEEDS_EDIT
                post_set_status(post_id=posts[arg % len(posts)].pk, status=status)
            elif kind == "approve" and posts:
                post = Post.objects.get(pk=posts[arg % len(posts)].pk)
                if post.status in (PostStatus.PENDING, PostStatus.HELD, PostStatus.NEEDS_EDIT):
                    with capture(execute=True):
                        post_publish(post_id=post.pk)
                    ledger.allowed.add(post.current_revision_id)
            elif kind == "redact" and posts:
                post = posts[arg % len(posts)]
                revisions = list(Revision.objects.filter(post=post).order_by("number"))
                revision = revisions[flag % len(revisions)]
                if revision.pk not in ledger.redacted:
                    revision_redact(
                        moderator=world.powered("group_moderator"),
                        revision=revision,
                        reason="Identifies a client",
                    )
                    ledger.redacted.add(revision.pk)
            _check(world, topic, posts, ledger, full=False)
        _check(world, topic, posts, ledger, full=True)
        transaction.set_rollback(True)


def factories_topic(world, author, body):
    from forum.posting import topic_create

    return topic_create(
        author=author,
        group=world.group,
        title="Pacing exposure",
        purpose=factories.DEFAULT_PURPOSE,
        content=factories.content(body),
    )


def _urls(topic, posts: list[Post], *, full: bool) -> list[str]:
    urls = [reverse("forum:search") + f"?q={SEARCHED}"]
    if topic is None:
        return urls
    urls.append(reverse("forum:topic", args=[topic.pk]))
    if not full:
        return urls
    urls += [reverse("notifications:list"), reverse("accounts:export")]
    for post in posts:
        count = Post.objects.values_list("revision_count", flat=True).get(pk=post.pk)
        history = reverse("forum:post_history", args=[post.pk])
        urls.append(history)
        for number in range(1, count + 1):
            urls.append(reverse("forum:revision", args=[post.pk, number]))
            if number > 1:
                urls.append(f"{history}?a={number - 1}&b={number}")
    return urls


def _check(world, topic, posts: list[Post], ledger: Ledger, *, full: bool) -> None:
    forbidden = ledger.forbidden()
    if not forbidden:
        return
    urls = _urls(topic, posts, full=full)
    readers = OTHERS if full else OTHERS[:1]
    for persona in readers:
        pages = received(world.client(persona), urls)
        pages["mail"] = mailed_to(world.users[persona.removesuffix("_pw")])
        leaks = [
            (url, token) for url, html in pages.items() for token in forbidden if token in html
        ]
        assert leaks == [], f"{persona} received unpublished text: {leaks}"
