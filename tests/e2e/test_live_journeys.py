"""Live thread pages and unread markers (issue 21 items 8 and 9), in Chromium against the
real stack: the author's "Being screened" post turns into the published post when the
Celery worker decides, another member's open thread shows the new reply, and a third
member's group page says "1 new" and the thread marks where it starts. No page is
reloaded (a value set in each page's window survives). Pages are checked with axe-core."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from forum.choices import PostStatus
from tests.conftest import make_verified_clinician
from tests.e2e.conftest import Journey, Stack, assert_accessible
from tests.e2e.helpers import cbt_group, expect, published_thread, wait_for_status

pytestmark = pytest.mark.e2e

NEW_REPLY = "Pairing the diary with the morning coffee helped two of my clients."


@contextmanager
def worker_paused(stack: Stack) -> Iterator[None]:
    """Hold the session's Celery worker (SIGSTOP) so a post stays "being screened" until
    the block ends (SIGCONT): the worker otherwise decides before a page can load."""
    (worker,) = [p for p in stack.processes if str(p.args[0]).endswith("celery")]
    os.kill(worker.pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(worker.pid, signal.SIGCONT)


def _mark_window(page) -> None:  # type: ignore[no-untyped-def]
    page.evaluate("window.__notReloaded = true")


def _not_reloaded(page) -> bool:  # type: ignore[no-untyped-def]
    return bool(page.evaluate("window.__notReloaded === true"))


def test_a_screened_reply_appears_live_for_its_author_and_other_readers(
    journey: Journey, live: Stack
) -> None:
    author = make_verified_clinician(display_name="Dana Whitfield", credentials_suffix="LPC")
    replier = make_verified_clinician(display_name="Sam Okafor", handle="sam")
    organizer = make_verified_clinician(display_name="Olivia Park", handle="olivia")
    group = cbt_group(organizer, author, replier)
    topic, first_reply = published_thread(group, author, replier)
    wait_for_status(topic.posts.get(number=1).pk, PostStatus.PUBLISHED)
    wait_for_status(first_reply.pk, PostStatus.PUBLISHED)

    # Olivia read the thread yesterday; Sam has it open now.
    olivia = journey.new_page(organizer)
    olivia.goto(f"/topics/{topic.pk}/")
    olivia.goto("/")  # and left it (an open thread reads new replies as they come)
    sam = journey.new_page(replier)
    sam.goto(f"/topics/{topic.pk}/")
    expect(sam.locator("#thread-live")).to_have_count(1)
    _mark_window(sam)

    with worker_paused(live):
        # Dana replies through the composer; the server queues the screening.
        dana = journey.new_page(author)
        dana.goto(f"/topics/{topic.pk}/reply/")
        dana.get_by_label("Body", exact=True).fill(NEW_REPLY)
        dana.get_by_label("None", exact=True).check()
        dana.get_by_label("Not clinical advice").check()
        dana.get_by_role("button", name="Post the reply").click()
        expect(dana.get_by_role("heading", level=1)).to_have_text(topic.title)
        reply = topic.posts.order_by("-number").first()
        assert reply is not None and reply.number == 3
        post = dana.locator(f"#post-{reply.pk}")
        expect(post).to_contain_text("Being screened: only you can see this")
        _mark_window(dana)
        assert_accessible(journey, dana, "the author's reply being screened")
        journey.shoot(dana, "the author's reply, being screened")
        expect(sam.locator("main")).not_to_contain_text(NEW_REPLY)
    decided = time.monotonic()
    wait_for_status(reply.pk, PostStatus.PUBLISHED)

    # The author's page: the post turns into the published post, without a reload.
    expect(post).not_to_contain_text("Being screened", timeout=10_000)
    shown_after = time.monotonic() - decided
    expect(post).to_contain_text(NEW_REPLY)
    expect(post.locator("[data-live-state]")).to_have_count(0)  # polling stopped
    expect(dana.locator("#live-announce")).to_have_text(f"Your post #{reply.number} is published.")
    assert _not_reloaded(dana)
    assert_accessible(journey, dana, "the author's reply, published live")
    journey.shoot(dana, "the author's reply, published without a reload")
    print(f"author's page showed the decision {shown_after:.2f}s after the worker resumed")

    # Sam's open thread: the reply appears at its next poll (every 12 s), without a reload.
    expect(sam.locator(f"#post-{reply.pk}")).to_contain_text(NEW_REPLY, timeout=20_000)
    expect(sam.locator("#live-announce")).to_have_text("1 new reply below.")
    assert _not_reloaded(sam)
    assert sam.locator("#thread-posts article.post").count() == 3
    assert_accessible(journey, sam, "another reader's thread with the live reply")
    journey.shoot(sam, "another reader's open thread, the new reply added")

    # Olivia: "1 new" on the group page, and the thread marks where it starts.
    olivia.goto(f"/groups/{group.slug}/")
    count = olivia.locator(".topic-row .unread-count")
    expect(count).to_contain_text("1 new")
    assert_accessible(journey, olivia, "group page with an unread count")
    journey.shoot(olivia, "the group page: 1 new in the topic")
    count.click()
    divider = olivia.locator("#unread")
    expect(divider).to_have_text("New since your last visit")
    expect(olivia.locator(f"#unread + article#post-{reply.pk}")).to_have_count(1)
    assert_accessible(journey, olivia, "thread marked from the first unread post")
    journey.shoot(olivia, "the thread: new since your last visit")
    olivia.goto(f"/groups/{group.slug}/")
    expect(olivia.locator(".topic-row .unread-count")).to_have_count(0)
