"""A property test (issue 18): for random sequences of post / edit / edit-out / hide /
ask-edit / approve / redact, with screening run late and in any order, no text screening
has not published reaches anyone but its author and the group's moderators in a
TOTP-passed session: not in the thread or the fragments it polls, a revision page, history
or a diff, the reply page quoting it, its author's profile, the group's topic list, the
home page, a search result, a notification, an email or an export.

Members write through the domain functions and screening runs as the worker would (its
after-commit callbacks, late and in any order). Moderators act through their real pages:
a reader flags a post on the flag form (a case opens), and the group's moderator, signed
in with TOTP, hides it, asks for an edit, approves it or redacts a version on the case
page. Screening's own hold comes from the identifiers a post or edit holds.

The oracle is the test's own bookkeeping, not the code's records: a revision's text may
reach others only once its screening ran while it was still its post's newest revision and
it held no identifiers, or once a moderator approved the post under review while it was
the newest; a redacted revision's text never again.
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
from forum.posting import post_edit, reply_create, revision_redact
from moderation.models import ACTIVE_CASE_STATES, Case, Flag
from tests import factories
from tests.accounts.helpers import enroll_totp
from tests.moderation.helpers import CLEAN, IDENTIFYING
from tests.privacy.scenarios import live_urls, mailed_to, make_people, received

pytestmark = pytest.mark.django_db

# Readers who write nothing here: what they receive must hold no forbidden text. The
# password-only sessions are the moderator who acts (and staff) before the TOTP step.
OTHERS = (
    "anonymous",
    "member",
    "group_moderator_pw",
    "staff_pw",
    "unlicensed",
    "pending",
)
WRITERS = ("author", "group_member")
SEARCHED = "codeword"
_tokens = itertools.count(1)
# A moderator's approval publishes a post under review (moderation.cases._apply_post_effect).
UNDER_REVIEW = (
    PostStatus.PENDING,
    PostStatus.HELD,
    PostStatus.NEEDS_EDIT,
    PostStatus.HIDDEN,
)


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
    writer: dict[int, str] = field(default_factory=dict)  # revision id -> persona
    identifying: dict[int, bool] = field(default_factory=dict)
    unscreened: list[tuple[int, object]] = field(default_factory=list)  # (revision, callback)
    allowed: set[int] = field(default_factory=set)  # may reach others (screened or approved)
    redacted: set[int] = field(default_factory=set)

    def forbidden(self, reader: str) -> set[str]:
        """Tokens `reader` must not receive: every unpublished or redacted revision's but
        those of their own that are not redacted (an author reads what they wrote)."""
        return {
            token
            for revision, token in self.token.items()
            if revision in self.redacted
            or (revision not in self.allowed and self.writer[revision] != reader)
        }


# A post's or an edit's last element: bit 1, it holds identifiers; bit 2, screening runs
# at once (else it waits for a "screen" step, late and in any order).
POST = st.tuples(st.just("post"), st.sampled_from(WRITERS), st.integers(0, 3))
SCREEN = st.tuples(st.just("screen"), st.booleans(), st.booleans())
ACTION = st.one_of(
    POST,
    SCREEN,
    st.tuples(st.just("edit"), st.integers(0, 5), st.integers(0, 3)),
    st.tuples(st.just("edit_out"), st.integers(0, 5), st.sampled_from([0, 2])),
    SCREEN,
    st.tuples(st.just("hide"), st.integers(0, 5), st.just(False)),
    st.tuples(st.just("ask_edit"), st.integers(0, 5), st.just(False)),
    st.tuples(st.just("approve"), st.integers(0, 5), st.just(False)),
    st.tuples(st.just("redact"), st.integers(0, 5), st.integers(0, 3)),
)


@pytest.fixture
def world(organizer):
    people = make_people(organizer)
    # Both have an authenticator, as moderators and staff must: their password-only
    # sessions are ones that skipped the step, not accounts without a second factor.
    for persona in ("group_moderator", "staff"):
        enroll_totp(people.users[persona])
    return people


class Moderation:
    """The group's moderator at work in a TOTP-passed session, and readers who flag."""

    def __init__(self, world, capture) -> None:
        self.world = world
        self.capture = capture
        self.moderator = world.client("group_moderator")
        self.flaggers = {persona: world.client(persona) for persona in ("group_member", "member")}

    def case_of(self, post: Post) -> Case | None:
        """The post's active case; none open, a reader who sees the post flags it."""
        case = Case.objects.filter(post=post, state__in=ACTIVE_CASE_STATES).first()
        if case is None and post.status == PostStatus.PUBLISHED:
            flagged = set(Flag.objects.filter(post=post).values_list("member_id", flat=True))
            flagger = next(
                (
                    persona
                    for persona, user in self.world.users.items()
                    if persona in self.flaggers and user.pk not in flagged | {post.author_id}
                ),
                None,
            )
            if flagger is None:  # every reader who would has flagged it already
                return None
            form = reverse("moderation:flag", args=[post.pk])
            shown = self.flaggers[flagger].get(form).status_code
            if shown == 404:  # the topic is hidden from readers (its first post is not out)
                return None
            assert shown == 200
            with self.capture(execute=True):
                response = self.flaggers[flagger].post(
                    form, {"reason": "other", "text": "Names a client, I think."}
                )
            assert response.status_code == 302, response.content.decode()[:2000]
            case = Case.objects.filter(post=post, state__in=ACTIVE_CASE_STATES).first()
            assert case is not None
        return case

    def resolve(self, case: Case, action: str) -> None:
        url = reverse("admin:moderation_case_change", args=[case.pk])
        page = self.moderator.get(url)
        assert page.status_code == 200 and f'value="{action}"' in page.content.decode()
        with self.capture(execute=True):
            response = self.moderator.post(url, {"action": action, "reason": "Per the rules"})
        assert response.status_code == 302, response.content.decode()[:2000]
        assert response["Location"] == reverse("admin:moderation_case_changelist")

    def redact(self, post: Post, revision: Revision) -> None:
        case = Case.objects.filter(post=post).order_by("-pk").first()
        if case is None:  # no case to redact from (nothing flagged or held it): the domain
            revision_redact(
                moderator=self.world.powered("group_moderator"),
                revision=revision,
                reason="Identifies a client",
            )
            return
        url = reverse("admin:moderation_case_change", args=[case.pk])
        assert 'name="redact"' in self.moderator.get(url).content.decode()
        with self.capture(execute=True):
            response = self.moderator.post(
                url,
                {"redact": "1", "revision": str(revision.number), "reason": "Identifies a client"},
            )
        assert response.status_code == 302
        assert revision.__class__.objects.get(pk=revision.pk).redaction is not None


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# A post first, and screening drawn twice as often as anything else: a moderator acts
# only on a post screening has published or held, so sequences reach the case page.
@given(actions=st.builds(lambda first, rest: [first, *rest], POST, st.lists(ACTION, max_size=9)))
def test_no_reader_receives_text_screening_did_not_publish(
    world, actions, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    cache.clear()  # sessions live in the cache with Redis: sign in after this
    mail.outbox = []
    with transaction.atomic():
        moderation = Moderation(world, capture)
        ledger = Ledger()
        topic = None
        posts: list[Post] = []

        def screen(waiting: list[tuple[int, object]]) -> None:
            for revision_id, callback in waiting:
                ledger.unscreened.remove((revision_id, callback))
                post_id = Revision.objects.values_list("post_id", flat=True).get(pk=revision_id)
                newest = ledger.newest[post_id] == revision_id
                callback()
                if newest and not ledger.identifying[revision_id]:
                    ledger.allowed.add(revision_id)

        def wrote(post: Post, revision: Revision, how: int, callbacks) -> None:
            ledger.newest[post.pk] = revision.pk
            ledger.token[revision.pk] = token
            ledger.writer[revision.pk] = next(
                persona for persona in WRITERS if world.users[persona].pk == post.author_id
            )
            ledger.identifying[revision.pk] = bool(how & 1)
            waiting = [(revision.pk, callback) for callback in callbacks]
            ledger.unscreened += waiting
            if how & 2:
                screen(waiting)

        for step, (kind, arg, flag) in enumerate(actions):
            post = (
                Post.objects.get(pk=posts[arg % len(posts)].pk)
                if posts and kind != "post"
                else None
            )
            if kind == "post":
                token = _token()
                author = world.users[arg]
                with capture(execute=False) as callbacks:
                    if topic is None:
                        topic = factories_topic(world, author, _body(token, bool(flag & 1)))
                        post = topic.posts.get(number=1)
                    else:
                        post = reply_create(
                            author=author,
                            topic=topic,
                            content=factories.content(_body(token, bool(flag & 1))),
                        )
                posts.append(post)
                wrote(post, post.current_revision, flag, callbacks)
            elif kind in ("edit", "edit_out") and post is not None:
                if post.is_tombstone:
                    continue
                token = _token()
                with capture(execute=False) as callbacks:
                    revision = post_edit(
                        editor=post.author,
                        post=post,
                        content=factories.content(_body(token, bool(flag & 1))),
                        reason="Revised",
                    )
                wrote(post, revision, flag, callbacks)
            elif kind == "screen" and ledger.unscreened:
                waiting = ledger.unscreened[::-1] if arg else list(ledger.unscreened)
                if flag:  # only the oldest one: the rest stay waiting
                    waiting = waiting[:1]
                screen(waiting)
            elif kind in ("hide", "ask_edit", "approve") and post is not None:
                case = moderation.case_of(post)
                if case is None:  # under screening, or withdrawn: nothing to decide yet
                    continue
                under_review = post.status in UNDER_REVIEW
                moderation.resolve(case, kind)
                if kind == "approve" and under_review:
                    ledger.allowed.add(post.current_revision_id)
            elif kind == "redact" and post is not None:
                revisions = list(Revision.objects.filter(post=post).order_by("number"))
                revision = revisions[flag % len(revisions)]
                if revision.pk not in ledger.redacted:
                    moderation.redact(post, revision)
                    ledger.redacted.add(revision.pk)
            # After each step one reader in turn polls what changes under them.
            _check(world, topic, posts, ledger, readers=[OTHERS[step % len(OTHERS)]], full=False)
        _check(world, topic, posts, ledger, readers=[*OTHERS, *WRITERS], full=True)
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


def _urls(world, topic, posts: list[Post], *, full: bool) -> list[str]:
    """The pages a reader polls (`full` False), or every page that reads a revision."""
    urls = [
        reverse("forum:search") + f"?q={SEARCHED}",
        reverse("forum:group", args=[world.group.slug]),
        reverse("forum:home"),
    ]
    if topic is None:
        return urls
    urls.append(reverse("forum:topic", args=[topic.pk]))
    posts = list(Post.objects.filter(pk__in=[post.pk for post in posts]).order_by("number"))
    for post in posts:
        urls += live_urls(post)
    if not full:
        return urls
    urls += [reverse("notifications:list"), reverse("accounts:export")]
    urls += [reverse("forum:member", args=[world.users[w].pk]) for w in WRITERS]
    for post in posts:
        reply = reverse("forum:reply", args=[topic.pk])
        urls += [f"{reply}?to={post.pk}", f"{reply}?quote={post.pk}"]
        urls.append(reverse("forum:post", args=[post.pk]))
        history = reverse("forum:post_history", args=[post.pk])
        urls.append(history)
        for number in range(1, post.revision_count + 1):
            urls.append(reverse("forum:revision", args=[post.pk, number]))
            if number > 1:
                urls.append(f"{history}?a={number - 1}&b={number}")
    return urls


def _check(world, topic, posts: list[Post], ledger: Ledger, *, readers, full: bool) -> None:
    urls = _urls(world, topic, posts, full=full)
    for persona in readers:
        forbidden = ledger.forbidden(persona)
        if not forbidden:
            continue
        pages = received(world.client(persona), urls)
        pages["mail"] = mailed_to(world.users[persona.removesuffix("_pw")])
        # An author's export keeps what they wrote, redacted or not (accounts/export).
        own = {
            token for revision, token in ledger.token.items() if ledger.writer[revision] == persona
        }
        export = reverse("accounts:export")
        leaks = [
            (url, token)
            for url, html in pages.items()
            for token in forbidden
            if token in html and not (url == export and token in own)
        ]
        assert leaks == [], f"{persona} received unpublished text: {leaks}"
