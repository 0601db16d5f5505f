"""The organizer's group settings (issues 22.14 and 21.6) in Chromium: purpose, rules,
visibility, joining and pre-approval of first posts, the purpose's public history, a
declined request's reason and the wait before asking again, a moderator after the
authenticator step; each page axe-checked, one run at 375 x 812."""

from __future__ import annotations

import re

import pytest
from django.db import transaction

from forum.choices import MembershipPolicy, PostStatus, TopicPurpose
from forum.models import Group, GroupPurposeChange, Membership
from forum.posting import topic_create
from tests.conftest import make_verified_clinician
from tests.e2e.conftest import SMALL_PHONE, Journey, assert_accessible
from tests.e2e.helpers import (
    cbt_group,
    content,
    expect,
    sign_in_moderator,
    totp_moderator,
    wait_for_status,
)

pytestmark = pytest.mark.e2e

NEW_PURPOSE = "Peer consultation on CBT for insomnia: sleep diaries, restriction and relapse."


@pytest.mark.parametrize("viewport", [None, SMALL_PHONE], ids=["desktop", "phone-375"])
def test_an_organizer_sets_pre_approval_and_a_first_post_waits_for_a_moderator(
    journey: Journey, viewport: dict[str, int] | None
) -> None:
    organizer = make_verified_clinician(display_name="Olivia Park, LMFT", handle="olivia")
    member = make_verified_clinician(display_name="Dana Whitfield, LPC", handle="dana")
    group = cbt_group(organizer, member)
    old_purpose = group.purpose

    page = journey.new_page(organizer, viewport=viewport)
    page.goto(f"/groups/{group.slug}/")
    page.get_by_role("link", name="Group settings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Settings of {group.name}")
    assert_accessible(journey, page, "group settings")
    journey.shoot(page, "the group settings page")

    page.get_by_label("Pre-approve a member's first posts").fill("99")
    page.get_by_role("button", name="Save the settings").click()
    expect(page.locator(".errors")).to_contain_text("Pre-approve from 0 (off) to 20")
    assert Group.objects.get(pk=group.pk).queue_first_posts == 0
    assert_accessible(journey, page, "group settings with an error")
    journey.shoot(page, "an out-of-range pre-approval is refused")

    page.get_by_label("Purpose", exact=True).fill(NEW_PURPOSE)
    page.get_by_label("Rules", exact=True).fill("De-identify every case. One question per topic.")
    page.get_by_label(re.compile("Approval: organizers")).check()
    page.get_by_label("Pre-approve a member's first posts").fill("1")
    page.get_by_role("button", name="Save the settings").click()
    expect(page.locator(".messages")).to_contain_text("settings of CBT Consultation are saved")
    expect(page.locator(".purpose-history")).to_contain_text(old_purpose)
    journey.shoot(page, "settings saved, the old purpose in the history")
    saved = Group.objects.get(pk=group.pk)
    assert (saved.purpose, saved.queue_first_posts, saved.membership_policy) == (
        NEW_PURPOSE,
        1,
        MembershipPolicy.APPROVAL,
    )
    assert GroupPurposeChange.objects.filter(group=group, previous=old_purpose).exists()

    visitor = journey.new_page(viewport=viewport)
    visitor.goto(f"/groups/{group.slug}/")
    expect(visitor.locator(".purpose-box")).to_contain_text(NEW_PURPOSE)
    expect(visitor.locator(".purpose-box")).to_contain_text("Pre-approval")
    visitor.get_by_role("link", name="purpose history").click()
    expect(visitor.locator("main")).to_contain_text(old_purpose)
    assert_accessible(journey, visitor, "purpose history")
    journey.shoot(visitor, "anyone reads the purpose history")

    # The member's first topic is held for a moderator, not published with a case.
    with transaction.atomic():
        topic = topic_create(
            author=member,
            group=group,
            title="Sleep restriction with shift workers",
            purpose=TopicPurpose.CASE_CONSULTATION,
            content=content("How do you adapt sleep restriction for rotating night shifts?"),
        )
    first = topic.posts.get(number=1)
    assert wait_for_status(first.pk, PostStatus.HELD, PostStatus.PUBLISHED) == PostStatus.HELD
    author_page = journey.new_page(member, viewport=viewport)
    author_page.goto(f"/topics/{topic.pk}/")
    expect(author_page.locator(".status-held").first).to_contain_text("Awaiting review")
    assert_accessible(journey, author_page, "held first post")
    journey.shoot(author_page, "the first post waits for a moderator")
    other = journey.new_page(organizer, viewport=viewport)
    response = other.goto(f"/topics/{topic.pk}/")
    assert response is not None and response.status == 404


def test_a_moderator_after_the_authenticator_step_edits_the_rules(journey: Journey) -> None:
    organizer = make_verified_clinician(display_name="Olivia Park, LMFT", handle="olivia")
    totp_moderator()
    group = cbt_group(organizer)

    page = journey.new_page()
    sign_in_moderator(page)
    page.goto(f"/groups/{group.slug}/")
    page.get_by_role("link", name="Group settings").click()
    page.get_by_label("Rules", exact=True).fill("Moderators: cite the rule when you hide a post.")
    page.get_by_role("button", name="Save the settings").click()
    expect(page.locator(".messages")).to_contain_text("are saved")
    assert_accessible(journey, page, "moderator saved settings")
    journey.shoot(page, "a moderator saved the rules")
    assert Group.objects.get(pk=group.pk).rules.startswith("Moderators: cite the rule")


@pytest.mark.parametrize("viewport", [None, SMALL_PHONE], ids=["desktop", "phone-375"])
def test_a_declined_request_shows_its_reason_and_when_to_ask_again(
    journey: Journey, viewport: dict[str, int] | None
) -> None:
    organizer = make_verified_clinician(display_name="Olivia Park, LMFT", handle="olivia")
    asker = make_verified_clinician(display_name="Riley Chen, LCSW", handle="riley")
    group = cbt_group(organizer)
    Group.objects.filter(pk=group.pk).update(membership_policy=MembershipPolicy.APPROVAL)

    asking = journey.new_page(asker, viewport=viewport)
    asking.goto(f"/groups/{group.slug}/")
    asking.get_by_role("button", name="Ask to join").click()
    expect(asking.locator(".messages")).to_contain_text("sent to the organizers")

    deciding = journey.new_page(organizer, viewport=viewport)
    deciding.goto(f"/groups/{group.slug}/members/")
    deciding.get_by_role("button", name="Decline").click()
    expect(deciding.locator(".messages")).to_contain_text("Give a reason for declining")
    assert Membership.objects.get(group=group, user=asker).state == Membership.State.PENDING
    deciding.get_by_label(re.compile("Reason, if you decline")).fill(
        "This group is for clinicians who practise CBT; add it to your profile first."
    )
    assert_accessible(journey, deciding, "members and requests")
    journey.shoot(deciding, "the organizer gives a reason")
    deciding.get_by_role("button", name="Decline").click()
    expect(deciding.locator("tbody")).to_contain_text("add it to your profile first")

    asking.goto(f"/groups/{group.slug}/")
    notice = asking.locator(".declined-request")
    expect(notice).to_contain_text("add it to your profile first")
    expect(notice).to_contain_text("You can ask again from")
    expect(asking.get_by_role("button", name="Ask to join")).to_have_count(0)
    assert_accessible(journey, asking, "declined request")
    journey.shoot(asking, "the requester reads the reason and the date")
