"""The identifier confirmation asks who a name is, and offers placeholders (issues 20.3,
22.8), in Chromium: each page checked with axe-core, one run at a 375 x 812 phone."""

from __future__ import annotations

from typing import Any

import pytest

from detectors.identifiers import span_key
from forum.choices import PostStatus, TopicPurpose
from forum.models import Post
from moderation.models import ScreeningResult
from tests.conftest import make_verified_clinician
from tests.e2e.conftest import SMALL_PHONE, Journey, assert_accessible
from tests.e2e.helpers import cbt_group, expect, wait_for_status

pytestmark = pytest.mark.e2e

# A colleague addressed by first name: the privacy check takes "Priya" for a client.
COLLEAGUE = (
    "Priya suggested we try a longer mindfulness block in our consultation group; "
    "has anyone else stretched it past twenty minutes?"
)


def _author() -> Any:
    author = make_verified_clinician(display_name="Dana Whitfield, LPC", handle="dana")
    organizer = make_verified_clinician(display_name="Olivia Park, LMFT", handle="olivia")
    cbt_group(organizer, author)
    return author


def _start_topic(page: Any, title: str, body: str) -> None:
    page.goto("/groups/cbt/new-topic/")
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("Purpose", exact=True).select_option(TopicPurpose.PEER_SUPPORT)
    page.get_by_label("Body", exact=True).fill(body)
    page.get_by_label("None", exact=True).check()
    page.get_by_role("button", name="Post the topic").click()


@pytest.mark.parametrize("viewport", [None, SMALL_PHONE], ids=["desktop", "phone-375"])
def test_a_colleagues_first_name_answered_for_publishes_without_a_hold(
    journey: Journey, viewport: dict[str, int] | None
) -> None:
    author = _author()
    page = journey.new_page(author, viewport=viewport)
    _start_topic(page, "Longer mindfulness blocks in skills groups", COLLEAGUE)

    confirmation = page.locator(".confirm-identifiers")
    expect(confirmation).to_be_visible()
    expect(page.get_by_text("Your post is not published yet.")).to_be_visible()
    answer = page.get_by_label("Priya is")
    expect(answer).to_have_value("client")
    assert_accessible(journey, page, "the identifier confirmation")
    journey.shoot(page, "the privacy check asks who Priya is")
    assert not Post.objects.filter(author=author).exists()

    answer.select_option("colleague")
    page.get_by_role("button", name="Post with these answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Longer mindfulness blocks in skills groups"
    )
    expect(page.locator("body")).to_contain_text("The names you said are not clients")
    post = Post.objects.get(author=author)
    assert wait_for_status(post.pk, PostStatus.PUBLISHED, PostStatus.HELD) == PostStatus.PUBLISHED
    result = ScreeningResult.objects.get(revision_id=post.current_revision_id)
    assert result.decision == "queue"
    assert post.current_revision.identifier_answers == {span_key("name", "Priya"): "colleague"}
    assert_accessible(journey, page, "the published topic")
    journey.shoot(page, "published without a hold")


def test_replace_with_placeholders_rewrites_the_draft_to_post(journey: Journey) -> None:
    author = _author()
    page = journey.new_page(author)
    _start_topic(
        page,
        "Exposure hierarchy for a contamination fear",
        "My client Maria Gonzalez (DOB 03/14/1987) washes her hands forty times a day. "
        "How would you build the first rungs of the hierarchy?",
    )
    expect(page.locator(".confirm-identifiers")).to_be_visible()
    page.get_by_role("button", name="Replace with placeholders").click()

    expect(page.get_by_text("Replaced 2 identifiers with placeholders.")).to_be_visible()
    body = page.get_by_label("Body", exact=True)
    expect(body).to_have_value(
        "My client [client] (DOB [date]) washes her hands forty times a day. "
        "How would you build the first rungs of the hierarchy?"
    )
    expect(page.locator(".confirm-identifiers")).to_have_count(0)
    assert not Post.objects.filter(author=author).exists()
    assert_accessible(journey, page, "the draft with placeholders")
    journey.shoot(page, "the draft with placeholders, to read again")

    page.get_by_role("button", name="Post the topic").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Exposure hierarchy for a contamination fear"
    )
    post = Post.objects.get(author=author)
    assert wait_for_status(post.pk, PostStatus.PUBLISHED, PostStatus.HELD) == PostStatus.PUBLISHED
    journey.shoot(page, "the de-identified topic is posted")
