"""Posting helpers for the moderation tests: posts go through the real posting and screening."""

from __future__ import annotations

from typing import Any

from accounts.models import User
from forum.models import Group, Post, Topic
from forum.posting import reply_create, topic_create
from tests import factories

CLEAN = "Looking for reading suggestions on pacing exposure work with an anxious adolescent."
IDENTIFYING = "Seen 3/14 for intake. DOB 04/02/1961, MRN 448812. Her daughter Keisha drove her in."
UNWARNED = (
    "My client disclosed suicidal ideation with a plan last week, and I want to think through "
    "the safety plan with colleagues."
)


def new_topic(
    capture: Any,
    *,
    author: User,
    group: Group,
    body: str = CLEAN,
    warnings: list[str] | None = None,
    title: str = "Consultation request",
    run_screening: bool = True,
) -> Topic:
    with capture(execute=run_screening):
        return topic_create(
            author=author,
            group=group,
            title=title,
            purpose=factories.DEFAULT_PURPOSE,
            content=factories.content(body, warnings=warnings),
        )


def new_reply(
    capture: Any,
    *,
    author: User,
    topic: Topic,
    body: str = CLEAN,
    warnings: list[str] | None = None,
    run_screening: bool = True,
) -> Post:
    with capture(execute=run_screening):
        return reply_create(
            author=author, topic=topic, content=factories.content(body, warnings=warnings)
        )


def first_post(topic: Topic) -> Post:
    return topic.posts.get(number=1)
