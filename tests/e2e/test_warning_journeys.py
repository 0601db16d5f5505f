"""A content warning that protects readers (issues 22.1 and 20.2), in Chromium: a draft
with no warning ticked, "Check my post" suggests one, the author posts without it, the
published post is collapsed behind the warning screening added, and the author keeps it.
Each page checked with axe-core, and one run at a 375 x 812 phone."""

from __future__ import annotations

import pytest

from forum.choices import PostStatus, TopicPurpose
from forum.models import ContentWarningEvent, Topic
from tests.conftest import make_verified_clinician
from tests.e2e.conftest import SMALL_PHONE, Journey, assert_accessible
from tests.e2e.helpers import cbt_group, expect, wait_for_status

pytestmark = pytest.mark.e2e

TITLE = "Safety planning after a discharge"
BODY = (
    "My client disclosed suicidal ideation with a plan last week, two months after a "
    "discharge. How often do you review the safety plan in the first weeks?"
)


@pytest.mark.parametrize("viewport", [None, SMALL_PHONE], ids=["desktop", "phone-375"])
def test_a_missing_warning_is_suggested_added_by_screening_and_kept_by_the_author(
    journey: Journey, viewport: dict[str, int] | None
) -> None:
    author = make_verified_clinician(display_name="Dana Whitfield", credentials_suffix="LPC")
    reader = make_verified_clinician(display_name="Sam Okafor", handle="sam")
    organizer = make_verified_clinician(display_name="Olivia Park", handle="olivia")
    cbt_group(organizer, author, reader)

    page = journey.new_page(author, viewport=viewport)
    page.goto("/groups/cbt/new-topic/")
    page.get_by_label("Title", exact=True).fill(TITLE)
    page.get_by_label("Purpose", exact=True).select_option(TopicPurpose.CASE_CONSULTATION)
    page.get_by_label("Body", exact=True).fill(BODY)
    # No warning box ticked: the check still looks for the warnings the draft calls for.
    page.get_by_role("button", name="Check my post").click()
    check = page.locator("#draft-check")
    expect(check.locator(".check-warnings")).to_contain_text("Suicide or self-harm")
    expect(check).not_to_contain_text("Nothing stood out")
    assert_accessible(journey, page, "draft check with no warning ticked")
    journey.shoot(page, "the check suggests a warning though none is ticked")

    # The author declares "None" and posts: submit asks once, on the form.
    page.get_by_label("None", exact=True).check()
    page.get_by_role("button", name="Post the topic").click()
    question = page.locator(".confirm-warnings")
    expect(question).to_contain_text("Your post is not published yet")
    assert not Topic.objects.filter(title=TITLE).exists()
    assert_accessible(journey, page, "the content-warning question at submit")
    journey.shoot(page, "submit asks: add the warning or post without it")
    question.get_by_role("button", name="Post without it").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    post = Topic.objects.get(title=TITLE).posts.get(number=1)
    assert wait_for_status(post.pk, PostStatus.PUBLISHED, PostStatus.HELD) == PostStatus.PUBLISHED
    assert ContentWarningEvent.objects.filter(post=post, action="screening_added").exists()

    # A reader sees it collapsed behind the warning screening added.
    other = journey.new_page(reader, viewport=viewport)
    other.goto(f"/topics/{post.topic_id}/")
    shown = other.locator(f"#post-{post.pk}")
    expect(shown.locator("details.warned summary")).to_contain_text(
        "Content warning: Suicide or self-harm (added by screening)"
    )
    expect(shown.get_by_text("How often do you review")).to_be_hidden()
    assert_accessible(journey, other, "a post collapsed by screening")
    journey.shoot(other, "the reader sees the post collapsed behind the added warning")

    # The author is asked on their post, and keeps the warning.
    page.goto(f"/topics/{post.topic_id}/")
    mine = page.locator(f"#post-{post.pk}")
    mine.get_by_role("link", name="A content warning was added: confirm it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Content warnings on your post")
    assert_accessible(journey, page, "the author's content-warning question")
    journey.shoot(page, "the author is asked to confirm the warning")
    page.get_by_role("button", name="Keep this warning").click()
    expect(page.locator(".messages, [role=status], body").first).to_contain_text(
        "the warning stays"
    )
    mine = page.locator(f"#post-{post.pk}")
    expect(mine.locator("details.warned summary")).to_contain_text(
        "Content warning: Suicide or self-harm"
    )
    expect(mine.locator("details.warned summary")).not_to_contain_text("added by screening")
    expect(mine.get_by_role("link", name="A content warning was added: confirm it")).to_have_count(
        0
    )
    journey.shoot(page, "kept: the warning reads as the author's own")
    post.refresh_from_db()
    assert post.added_warnings == [{"warning": "suicide_self_harm", "by": "author"}]
