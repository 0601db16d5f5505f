"""Who may read (issue 22 item 2), in Chromium: a new member whose license is awaiting
verification sees the group's purpose and rules and its topic titles, and an explanation
with the way to their license where the posts would be; never a post's body. Each page is
checked with axe-core, and one run is at a 375 x 812 phone."""

from __future__ import annotations

import re

import pytest

from forum.choices import PostStatus
from tests import factories
from tests.accounts.helpers import give_license_in_standing
from tests.conftest import make_verified_clinician
from tests.e2e.conftest import SMALL_PHONE, Journey, assert_accessible
from tests.e2e.helpers import cbt_group, expect, published_thread, wait_for_status

pytestmark = pytest.mark.e2e

BODY = "Sleep diaries come back half empty."  # tests.e2e.helpers.published_thread
REPLY = "A paper diary on the nightstand"


@pytest.mark.parametrize("viewport", [None, SMALL_PHONE], ids=["desktop", "phone-375"])
def test_a_new_member_awaiting_verification_sees_titles_and_why_not_bodies(
    journey: Journey, viewport: dict[str, int] | None
) -> None:
    author = make_verified_clinician(display_name="Dana Whitfield", credentials_suffix="LPC")
    replier = make_verified_clinician(display_name="Sam Okafor", handle="sam")
    organizer = make_verified_clinician(display_name="Olivia Park", handle="olivia")
    newcomer = factories.UserFactory(display_name="Nia Newcomer", handle="nia")
    give_license_in_standing(newcomer, "pending")
    group = cbt_group(organizer, author, replier, newcomer)
    topic, reply = published_thread(group, author, replier)
    wait_for_status(topic.posts.get(number=1).pk, PostStatus.PUBLISHED)
    wait_for_status(reply.pk, PostStatus.PUBLISHED)

    page = journey.new_page(newcomer, viewport=viewport)
    page.goto("/")
    notice = page.locator(".reading-refused")
    expect(notice).to_contain_text("Before you can read topics")
    expect(notice).to_contain_text("awaiting verification")
    expect(page.get_by_role("link", name=topic.title)).to_be_visible()
    expect(page.locator("body")).not_to_contain_text(BODY)
    assert_accessible(journey, page, "home awaiting verification")
    journey.shoot(page, "home: titles and why the posts are not open yet")

    page.goto(f"/groups/{group.slug}/")
    expect(page.get_by_role("region", name="Purpose")).to_contain_text("Peer consultation")
    expect(page.locator(".reading-refused")).to_contain_text("titles only")
    assert_accessible(journey, page, "group page awaiting verification")
    journey.shoot(page, "the group: purpose, rules and titles")

    page.get_by_role("link", name=topic.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(topic.title)
    explanation = page.get_by_role("note", name="Why you cannot read this")
    expect(explanation).to_contain_text("awaiting verification")
    expect(page.locator("body")).not_to_contain_text(BODY)
    expect(page.locator("body")).not_to_contain_text(REPLY)
    assert_accessible(journey, page, "topic explanation awaiting verification")
    journey.shoot(page, "a topic: its title and the explanation, no posts")

    explanation.get_by_role("link", name="See its status").click()
    expect(page).to_have_url(re.compile(r"/me/"))
    expect(page.locator("#licenses")).to_contain_text("Pending")
    journey.shoot(page, "the license's status on the profile")

    page.goto("/search/?q=diaries")
    expect(page.locator(".reading-refused")).to_contain_text("Search looks inside posts")
    expect(page.locator("main")).not_to_contain_text(BODY)
    expect(page.locator("main")).not_to_contain_text(topic.title)
    assert_accessible(journey, page, "search awaiting verification")
    journey.shoot(page, "search explains instead of matching")
