"""The world of the privacy tests: a post whose revisions are in each state screening
can leave them in, and every persona that reads it (issue 18 items 2 and 3).

Every revision under test carries a code word no other text on any page holds, so
"did this reader receive that revision's text" is a substring test on what they got.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.powers import grant_powers_outside_a_session
from forum.models import Group, Post, Revision
from forum.posting import post_edit, reply_create, revision_redact, revision_redact_span
from tests import factories
from tests.accounts.helpers import give_license_in_standing, sign_in_with_totp
from tests.conftest import make_verified_clinician
from tests.moderation.helpers import CLEAN, IDENTIFYING, new_topic

STATES = (
    "held",
    "held_reply",
    "superseded",
    "unscreened",
    "redacted",
    "span_redacted",
    "published",
)

# In the order the matrix visits them: those allowed to read unpublished text first, so a
# page cached for them would be found by the others (and caught).
PERSONAS = (
    "author",
    "group_moderator",
    "staff",
    "anonymous",
    "unlicensed",
    "pending",
    "expired",
    "revoked",
    "member",
    "group_member",
    "group_moderator_pw",
    "staff_pw",
)
# Who may read a revision screening has not published: its author, and the group's
# moderators (staff moderate every group) in a session that passed TOTP.
MAY_READ_UNPUBLISHED = frozenset({"author", "group_moderator", "staff"})
# Signed-in members without a current verified license (none, awaiting review, expired,
# revoked): they see titles and an explanation, never a body (issue 22 item 2).
UNLICENSED = frozenset({"unlicensed", "pending", "expired", "revoked"})
# Who reads topic bodies at all (the group is public; a current verified license, or a
# moderator's powers: accounts.access.can_read_topics).
READERS = frozenset(PERSONAS) - {"anonymous"} - UNLICENSED
TOTP = frozenset({"group_moderator", "staff"})
PASSWORD_ONLY = {"group_moderator_pw": "group_moderator", "staff_pw": "staff"}


# Searched for: found next to the code word, which the search results would then show
# (the code word itself would be echoed back in the search box).
SEARCH_WORD = "wombatcodename"


def secret(word: str, *, identifying: bool) -> str:
    """A post body holding `word`; with patient identifiers screening holds it for."""
    return f"{IDENTIFYING if identifying else CLEAN} Code word {word} {SEARCH_WORD}."


@dataclass
class People:
    group: Group
    users: dict[str, User | None] = field(default_factory=dict)

    def client(self, persona: str) -> Client:
        client = Client()
        user = self.users[PASSWORD_ONLY.get(persona, persona)]
        if persona in TOTP:
            assert user is not None
            sign_in_with_totp(client, user)
        elif user is not None:
            client.force_login(user)
        return client

    def powered(self, persona: str) -> User:
        """The persona's user with the powers of a TOTP-passed session, outside a request."""
        user = User.objects.get(pk=self.users[persona].pk)
        return grant_powers_outside_a_session(user, reason="privacy test")


def make_people(organizer: User) -> People:
    group = factories.GroupFactory(created_by=organizer, name="Privacy Circle", slug="privacy")
    author = make_verified_clinician(display_name="Alex Author", handle="alex")
    group_member = make_verified_clinician(display_name="Gale Member", handle="gale")
    member = make_verified_clinician(display_name="Mo Outside", handle="mo")
    moderator = make_verified_clinician(
        display_name="Morgan Mod", handle="morgan", is_moderator=True
    )
    moderator.moderated_groups.add(group)
    staff = make_verified_clinician(display_name="Stella Staff", handle="stella", is_staff=True)
    unlicensed = factories.UserFactory(display_name="Uma Unlicensed", handle="uma")
    pending = factories.UserFactory(display_name="Pat Pending", handle="pat")
    give_license_in_standing(pending, "pending")
    expired = factories.UserFactory(display_name="Ezra Expired", handle="ezra")
    give_license_in_standing(expired, "expired")
    revoked = factories.UserFactory(display_name="Rae Revoked", handle="rae")
    give_license_in_standing(revoked, "revoked")
    # Members of the group without a license too: membership does not open the bodies.
    for user in (author, group_member, moderator, pending, expired):
        factories.MembershipFactory(group=group, user=user)
    return People(
        group=group,
        users={
            "anonymous": None,
            "unlicensed": unlicensed,
            "pending": pending,
            "expired": expired,
            "revoked": revoked,
            "member": member,
            "group_member": group_member,
            "author": author,
            "group_moderator": moderator,
            "staff": staff,
        },
    )


def edit(capture: Callable, post: Post, body: str, *, screen: bool = True) -> Revision:
    with capture(execute=screen):
        revision = post_edit(
            editor=post.author, post=post, content=factories.content(body), reason="Revised"
        )
    post.refresh_from_db()
    return revision


def build(state: str, capture: Callable, people: People, word: str) -> Post:
    """A topic by the author whose post has a revision holding `word` in `state`."""
    author = people.users["author"]
    topic = new_topic(
        capture, author=author, group=people.group, body=CLEAN, title="Pacing exposure work"
    )
    post = topic.posts.get(number=1)
    if state == "published":
        edit(capture, post, secret(word, identifying=False))
    elif state == "unscreened":  # screening has not run yet: the 23 ms window, or a backlog
        edit(capture, post, secret(word, identifying=False), screen=False)
    elif state == "held":  # an edit of the first post held: the topic is hidden from others
        edit(capture, post, secret(word, identifying=True))
    elif state == "held_reply":  # a reply held whole in a topic others read: its poll
        with capture(execute=True):
            post = reply_create(
                author=author,
                topic=topic,
                content=factories.content(secret(word, identifying=True)),
            )
    elif state == "superseded":  # two edits before screening ran (issue 18 item 2b)
        with capture(execute=False) as callbacks:
            post_edit(
                editor=author,
                post=post,
                content=factories.content(secret(word, identifying=True)),
                reason="Added detail",
            )
            post.refresh_from_db()
            post_edit(
                editor=author,
                post=post,
                content=factories.content(CLEAN + " With the detail taken out."),
                reason="Took the detail out",
            )
        for callback in callbacks:
            callback()
    elif state == "redacted":
        revision = edit(capture, post, secret(word, identifying=False))
        revision_redact(
            moderator=people.powered("group_moderator"), revision=revision, reason="A patient"
        )
    elif state == "span_redacted":  # a moderator redacted the word only (issue 21.3)
        revision = edit(capture, post, secret(word, identifying=False))
        revision_redact_span(
            moderator=people.powered("group_moderator"),
            revision=revision,
            text=word,
            reason="A patient's nickname",
        )
    else:
        raise ValueError(state)
    post.refresh_from_db()
    return post


def live_urls(post: Post) -> list[str]:
    """The fragments the thread page polls (forum/views.py post_state, topic_new_posts):
    the post as the thread shows it, asked with and without the revision its author's
    page waits on, and the posts after the one before it."""
    state = reverse("forum:post_state", args=[post.pk])
    return [
        state,
        f"{state}?revision={post.current_revision_id}",
        reverse("forum:topic_new_posts", args=[post.topic_id, post.number - 1]),
    ]


def reading_urls(post: Post, word: str) -> Iterator[str]:
    """Every URL that reads a revision of `post`: the thread and its live fragments, the
    post, its history and every diff, every revision page, search, the reply page quoting
    it, its author's profile, notifications and the member's export."""
    count = post.revision_count
    yield reverse("forum:topic", args=[post.topic_id])
    yield reverse("forum:post", args=[post.pk])
    history = reverse("forum:post_history", args=[post.pk])
    yield history
    for a in range(1, count + 1):
        for b in range(1, count + 1):
            if a != b:
                yield f"{history}?a={a}&b={b}"
    for number in range(1, count + 1):
        yield reverse("forum:revision", args=[post.pk, number])
    yield from live_urls(post)
    yield reverse("forum:search") + f"?q={SEARCH_WORD}"
    yield reverse("forum:reply", args=[post.topic_id]) + f"?to={post.pk}"
    yield reverse("forum:reply", args=[post.topic_id]) + f"?quote={post.pk}"
    yield reverse("forum:member", args=[post.author_id])
    yield reverse("notifications:list")
    yield reverse("accounts:export")


def received(client: Client, urls: list[str]) -> dict[str, str]:
    """url -> what the client received (following redirects), for every URL."""
    pages = {}
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code < 500, url
        pages[url] = response.content.decode()
    return pages


def mailed_to(user: User | None) -> str:
    if user is None:
        return ""
    return "\n".join(
        f"{message.subject}\n{message.body}\n"
        + "".join(str(content) for content, _type in getattr(message, "alternatives", []))
        for message in mail.outbox
        if user.email in message.to
    )
