"""Bulk decisions from the queue and the case page's keyboard shortcuts (issue 21 item 2)."""

from __future__ import annotations

import re

import pytest

from forum.choices import PostStatus
from forum.models import Post
from tests.conftest import make_verified_clinician
from tests.e2e.conftest import Journey, assert_accessible
from tests.e2e.helpers import cbt_group, expect, screened_topic, sign_in_moderator, totp_moderator

pytestmark = pytest.mark.e2e

TITLES = [
    "Exposure pacing with an anxious teen",
    "Sleep diaries that come back half empty",
    "Homework for a client who works nights",
    "Ending therapy with a long-term client",
]


def _held_cases(group, author) -> list[int]:
    """Four posts, screened by the worker, then held with an open case each (a new
    member's first posts, as the group's review rule would)."""
    from moderation.models import ACTIVE_CASE_STATES, Case, CaseReason, CaseState

    ids = []
    for number, title in enumerate(TITLES):
        post = screened_topic(
            group,
            author,
            f"How would you approach this? Question {number + 1}.",
            title=title,
            statuses=(PostStatus.PUBLISHED, PostStatus.HELD),
        )
        Post.objects.filter(pk=post.pk).update(status=PostStatus.HELD, published_revision=None)
        fields = {
            "reason": CaseReason.FIRST_POST,
            "reasons": ["first_post: new members' first posts are reviewed"],
            "state": CaseState.OPEN,
            "priority": 100 - number,
        }
        case, _ = Case.objects.update_or_create(
            post=post,
            state__in=ACTIVE_CASE_STATES,
            defaults=fields,
            create_defaults={**fields, "post": post, "group": group},
        )
        ids.append(case.pk)
    return ids


def test_a_moderator_approves_two_cases_at_once_then_works_a_case_from_the_keyboard(
    journey: Journey,
) -> None:
    from moderation.models import ActionKind, Case, CaseState, ModerationAction

    author = make_verified_clinician(display_name="Dana Whitfield, LPC", handle="dana")
    organizer = make_verified_clinician(display_name="Olivia Park, LMFT", handle="olivia")
    totp_moderator()
    group = cbt_group(organizer, author)
    first, second, third, fourth = _held_cases(group, author)

    page = journey.new_page()
    sign_in_moderator(page)
    page.goto("/admin/moderation/case/")
    for case_id in (first, second):
        page.locator(f'input[name="_selected_action"][value="{case_id}"]').check()
    page.locator('select[name="action"]').select_option("bulk_approve")
    journey.shoot(page, "two cases ticked in the queue")
    page.get_by_role("button", name="Go").click()

    expect(page.get_by_role("heading", name="Approve the chosen cases")).to_be_visible()
    expect(page.get_by_role("link", name=f"Case #{first}")).to_be_visible()
    expect(page.get_by_role("link", name=f"Case #{second}")).to_be_visible()
    assert Case.objects.get(pk=first).state == CaseState.OPEN  # nothing decided yet
    page.get_by_label("Reason (required)").fill("First posts read: on topic and de-identified")
    assert_accessible(journey, page, "bulk approve asks one reason")
    journey.shoot(page, "one reason for both cases")
    page.get_by_role("button", name="Approve the chosen cases").click()

    expect(page.get_by_text(re.compile(r"2 cases approved: #\d+, #\d+"))).to_be_visible()
    journey.shoot(page, "the queue says how many were approved")
    for case_id in (first, second):
        case = Case.objects.select_related("post").get(pk=case_id)
        assert case.state == CaseState.RESOLVED and case.resolution == ActionKind.APPROVE
        assert case.post.status == PostStatus.PUBLISHED
    assert Case.objects.get(pk=third).state == CaseState.OPEN

    # The case page: a next-case link that works without a script, a legend, and keys.
    page.goto(f"/admin/moderation/case/{third}/change/")
    legend = page.locator("#keyboard-shortcuts")
    expect(legend).to_be_visible()
    expect(legend).to_contain_text("next case")
    expect(legend).to_contain_text("choose Hide")
    page.keyboard.press("h")
    expect(page.get_by_label("Hide", exact=True)).to_be_checked()
    reason = page.get_by_label("Reason (required)")
    expect(reason).to_be_focused()
    expect(page.locator("#shortcut-status")).to_contain_text("Hide chosen")
    # Keys typed in the reason are text, not shortcuts.
    page.keyboard.type("a e")
    expect(reason).to_have_value("a e")
    expect(page.get_by_label("Hide", exact=True)).to_be_checked()
    assert_accessible(journey, page, "case page with the keyboard legend")
    journey.shoot(page, "h chose Hide and moved to the reason")
    assert (
        not ModerationAction.objects.filter(case_id=third).exclude(action=ActionKind.CLAIM).exists()
    )
    assert Case.objects.get(pk=third).state == CaseState.OPEN  # a key never decides

    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("a")
    expect(page.get_by_label("Approve", exact=True)).to_be_checked()
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("j")
    page.wait_for_url(re.compile(f"/admin/moderation/case/{fourth}/change/"))
    journey.shoot(page, "j opened the next case")

    # Without JavaScript the next case is a plain link (the same TOTP-passed session: a
    # second sign-in within 30 seconds would reuse the code, which is refused).
    plain = journey.new_page(javascript=False)
    plain.context.add_cookies(page.context.cookies())
    plain.goto(f"/admin/moderation/case/{fourth}/change/")
    plain.get_by_role("link", name=re.compile("Next case")).click()
    plain.wait_for_url(re.compile(f"/admin/moderation/case/{third}/change/"))
