"""The forum hands each written revision to screening with a signal, after the commit;
moderation, above it, connects the receiver (moderation/apps.py)."""

from __future__ import annotations

import pytest
from django.db import transaction

from forum.posting import post_edit, reply_create
from forum.signals import revision_awaits_screening
from moderation.models import ScreeningResult
from tests import factories


@pytest.fixture
def sent() -> list[int]:
    received: list[int] = []

    def receiver(sender: object, *, revision_id: int, **_: object) -> None:
        received.append(revision_id)

    revision_awaits_screening.connect(receiver, weak=False)
    yield received
    revision_awaits_screening.disconnect(receiver)


def test_a_reply_and_an_edit_are_handed_over_after_their_commit(
    topic, other_clinician, sent, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        reply = reply_create(
            author=other_clinician, topic=topic, content=factories.content("A reply")
        )
    assert sent == []  # nothing before the commit
    for callback in callbacks:
        callback()
    first = reply.current_revision_id
    assert sent == [first]
    # Moderation's receiver (connected in its apps.py) screened it: eager tasks in tests.
    assert ScreeningResult.objects.filter(revision_id=first).exists()
    with django_capture_on_commit_callbacks(execute=True):
        revision = post_edit(
            editor=other_clinician,
            post=reply,
            content=factories.content("A better reply"),
            reason="clarity",
        )
    assert sent == [first, revision.pk]


def test_a_rolled_back_write_hands_nothing_over(
    topic, other_clinician, sent, django_capture_on_commit_callbacks
) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        reply_create(author=other_clinician, topic=topic, content=factories.content("Gone"))
        raise RuntimeError("the request failed after the write")
    assert sent == []
