"""Every endpoint that takes a post's id x every persona: a post screening has not
published (held, or awaiting screening) is, to everyone but its author and the group's
moderators in a TOTP-passed session, exactly a post that does not exist. The same status,
the same redirect, the same page, and nothing written: no flag, no case, no helpful mark,
no reply, no notice (issue 18 item 12: nothing may confirm a held post exists).

The held reply's id and the missing id are far from every other number on the pages, so
the two answers compare as text once each id is replaced by the same placeholder.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from forum.choices import PostStatus
from forum.models import Post, Revision, Topic
from moderation.models import Case, Flag
from notifications.models import Notification
from tests.moderation.helpers import CLEAN, IDENTIFYING, new_reply, new_topic
from tests.privacy.scenarios import MAY_READ_UNPUBLISHED, PERSONAS, make_people

pytestmark = pytest.mark.django_db

UNSEEN_ID = 7_770_001
MISSING_ID = 7_779_999
PLACEHOLDER = "POST-ID"


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    url: Callable[[int, Topic], str]
    data: Callable[[int], dict[str, object]] = lambda post_id: {}


def _post_url(name: str) -> Callable[[int, Topic], str]:
    return lambda post_id, topic: reverse(name, args=[post_id])


ENDPOINTS = (
    Endpoint("flag form", "get", _post_url("moderation:flag")),
    Endpoint(
        "flag",
        "post",
        _post_url("moderation:flag"),
        lambda post_id: {"reason": "misinformation", "text": "Not so."},
    ),
    Endpoint("post link", "get", _post_url("forum:post")),
    Endpoint("state fragment", "get", _post_url("forum:post_state")),
    Endpoint(
        "state fragment asking after a revision",
        "get",
        lambda post_id, topic: reverse("forum:post_state", args=[post_id]) + "?revision=1",
    ),
    Endpoint("history", "get", _post_url("forum:post_history")),
    Endpoint(
        "diff",
        "get",
        lambda post_id, topic: reverse("forum:post_history", args=[post_id]) + "?a=1&b=2",
    ),
    Endpoint(
        "revision", "get", lambda post_id, topic: reverse("forum:revision", args=[post_id, 1])
    ),
    Endpoint("edit form", "get", _post_url("forum:post_edit")),
    Endpoint(
        "edit",
        "post",
        _post_url("forum:post_edit"),
        lambda post_id: {"body": CLEAN, "reason": "Typo", "trigger_warnings": "none"},
    ),
    Endpoint("withdraw question", "get", _post_url("forum:post_withdraw")),
    Endpoint("withdraw", "post", _post_url("forum:post_withdraw")),
    Endpoint("warnings question", "get", _post_url("forum:post_warnings")),
    Endpoint(
        "warnings answer",
        "post",
        _post_url("forum:post_warnings"),
        lambda post_id: {"answer": "dispute"},
    ),
    Endpoint("withdrawn page", "get", _post_url("forum:post_withdrawn")),
    Endpoint("undo withdrawal", "post", _post_url("forum:post_restore")),
    Endpoint("helpful mark", "post", _post_url("forum:post_helpful")),
    Endpoint(
        "helpful unmark",
        "post",
        _post_url("forum:post_helpful"),
        lambda post_id: {"undo": "1"},
    ),
    Endpoint(
        "scheduled cancel",
        "post",
        _post_url("forum:scheduled_action"),
        lambda post_id: {"action": "cancel"},
    ),
    Endpoint(
        "scheduled now",
        "post",
        _post_url("forum:scheduled_action"),
        lambda post_id: {"action": "now"},
    ),
    Endpoint(
        "reply to",
        "get",
        lambda post_id, topic: reverse("forum:reply", args=[topic.pk]) + f"?to={post_id}",
    ),
    Endpoint(
        "quote",
        "get",
        lambda post_id, topic: reverse("forum:reply", args=[topic.pk]) + f"?quote={post_id}",
    ),
    Endpoint(
        "reply posted to it",
        "post",
        lambda post_id, topic: reverse("forum:reply", args=[topic.pk]),
        lambda post_id: {"body": CLEAN, "reply_to": post_id, "trigger_warnings": "none"},
    ),
)

# Masked per request: a new value on every page.
_TOKENS = re.compile(r'(csrfmiddlewaretoken" value="|csrf-token" content="|nonce=")[^"]*')


def _normalised(text: str, post_id: int) -> str:
    return _TOKENS.sub(r"\1", text.replace(str(post_id), PLACEHOLDER))


def _answer(client: Client, endpoint: Endpoint, post_id: int, topic: Topic) -> list[str]:
    """The chain of answers (status, where it sends, the page) as the reader receives it,
    redirects followed (a message shown on the next page counts), with the id replaced."""
    send = getattr(client, endpoint.method)
    response = send(endpoint.url(post_id, topic), endpoint.data(post_id), follow=True)
    steps = [f"{url} {status}" for url, status in response.redirect_chain]
    return [_normalised(step, post_id) for step in steps] + [
        str(response.status_code),
        _normalised(response.content.decode(), post_id),
    ]


def _written() -> dict[str, object]:
    """What an endpoint could have written about a post."""
    return {
        "posts": list(
            Post.objects.order_by("pk").values_list(
                "pk", "status", "helpful_marked_at", "current_revision_id", "withdrawn_at"
            )
        ),
        "revisions": Revision.objects.count(),
        "flags": Flag.objects.count(),
        "cases": list(Case.objects.order_by("pk").values_list("pk", "flag_count", "state")),
        "notifications": Notification.objects.count(),
    }


def _unseen_reply(state: str, capture: Callable, people, topic: Topic) -> Post:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
            [Post._meta.db_table, UNSEEN_ID - 1],
        )
    reply = new_reply(
        capture,
        author=people.users["author"],
        topic=topic,
        body=IDENTIFYING,
        run_screening=state == "held",
    )
    reply.refresh_from_db()
    assert reply.pk == UNSEEN_ID
    assert reply.status == (PostStatus.HELD if state == "held" else PostStatus.PENDING)
    return reply


@pytest.mark.parametrize("private", [False, True], ids=["public group", "private group"])
@pytest.mark.parametrize("state", ["held", "unscreened"])
def test_an_unpublished_post_answers_everyone_else_as_a_missing_one(
    state, private, organizer, require_postgres, django_capture_on_commit_callbacks
):
    people = make_people(organizer)
    people.group.is_private = private
    people.group.save(update_fields=["is_private"])
    # The topic is the group member's: they are the one who could mark a reply helpful.
    topic = new_topic(
        django_capture_on_commit_callbacks,
        author=people.users["group_member"],
        group=people.group,
        title="Pacing exposure work",
    )
    reply = _unseen_reply(state, django_capture_on_commit_callbacks, people, topic)
    assert not Post.objects.filter(pk=MISSING_ID).exists()
    before = _written()

    differences = []
    for persona in PERSONAS:
        if persona in MAY_READ_UNPUBLISHED:
            continue
        client = people.client(persona)
        for endpoint in ENDPOINTS:
            unseen = _answer(client, endpoint, reply.pk, topic)
            missing = _answer(client, endpoint, MISSING_ID, topic)
            if unseen != missing:
                differences.append((persona, endpoint.name, unseen[:-1], missing[:-1]))
        assert _written() == before, persona
    assert differences == [], "\n".join(map(str, differences))


@pytest.mark.parametrize("persona", sorted(MAY_READ_UNPUBLISHED))
def test_its_author_and_the_group_moderators_do_reach_it(
    persona, organizer, require_postgres, django_capture_on_commit_callbacks
):
    """The control: the same endpoints do tell the held reply apart for those who may read
    it (so the comparison above can fail)."""
    people = make_people(organizer)
    topic = new_topic(
        django_capture_on_commit_callbacks,
        author=people.users["group_member"],
        group=people.group,
        title="Pacing exposure work",
    )
    reply = _unseen_reply("held", django_capture_on_commit_callbacks, people, topic)
    client = people.client(persona)
    history = next(e for e in ENDPOINTS if e.name == "history")
    unseen = _answer(client, history, reply.pk, topic)
    assert unseen[-2] == "200"
    assert unseen != _answer(client, history, MISSING_ID, topic)
