"""The moderation queue at a glance (issue 21 item 1), in the browser at 1280 px."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from forum.choices import PostStatus
from forum.models import Post
from tests.conftest import make_verified_clinician
from tests.e2e.conftest import Journey, assert_accessible
from tests.e2e.helpers import cbt_group, expect, screened_topic, sign_in_moderator, totp_moderator

pytestmark = pytest.mark.e2e

LAPTOP = {"width": 1280, "height": 800}

POSTS = [
    # (title, body, post status now, case signals)
    (
        "Intake note shared by mistake with full dates and the referral letter attached",
        "Seen for intake with her daughter; the referral letter lists her clinic number.",
        PostStatus.HELD,
        {"reason": "identifiers", "has_identifiers": True, "flag_count": 2},
    ),
    (
        "Supervisor keeps dismissing my exposure plan",
        "Honestly, anyone who still recommends flooding for teenagers should lose their license.",
        PostStatus.HELD,
        {"reason": "incivility", "incivility": 0.97},
    ),
    (
        "Melatonin for a client with delayed sleep phase",
        "She keeps prescribing herself melatonin at midnight; how do you talk about timing?",
        PostStatus.PUBLISHED,
        {"reason": "incivility", "incivility": 0.81, "flag_count": 1},
    ),
    (
        "Homework compliance in CBT for insomnia",
        "Sleep diaries come back half empty. How do you keep clients logging?",
        PostStatus.PUBLISHED,
        {"reason": "flag_misinformation", "flag_count": 3},
    ),
    (
        "Safety planning after a discharge",
        "A client recently discharged asks to space sessions out; how do you weigh it?",
        PostStatus.PUBLISHED,
        {"reason": "missing_warning"},
    ),
    (
        "First post: hello from a new member of the group",
        "Glad to be here; I work with adolescents in a school setting.",
        PostStatus.HELD,
        {"reason": "first_post"},
    ),
]


def _queue_of_cases(group, author, moderator) -> dict[str, int]:
    """Six posts, screened by the worker, then given the case each row stands for."""
    from moderation.cases import priority_for
    from moderation.models import ACTIVE_CASE_STATES, Case, CaseState

    ids = {}
    for number, (title, body, status, signals) in enumerate(POSTS):
        post = screened_topic(
            group, author, body, title=title, statuses=(PostStatus.PUBLISHED, PostStatus.HELD)
        )
        Post.objects.filter(pk=post.pk).update(status=status)
        claimed = moderator if number == 2 else None
        fields = {
            "has_identifiers": False,
            "incivility": 0.0,
            "flag_count": 0,
            **signals,
            "claimed_by": claimed,
            # As moderation.cases.claim_case does: a claim without its time counts as lapsed.
            "claimed_at": timezone.now() if claimed else None,
            "state": CaseState.CLAIMED if claimed else CaseState.OPEN,
            "priority": priority_for(
                has_identifiers=signals.get("has_identifiers", False),
                incivility=signals.get("incivility", 0.0),
                flag_count=signals.get("flag_count", 0),
            ),
        }
        # Screening may have opened a case already (cases are never deleted): reuse it.
        case, _ = Case.objects.update_or_create(
            post=post,
            state__in=ACTIVE_CASE_STATES,
            defaults=fields,
            create_defaults={**fields, "post": post, "group": group},
        )
        ids[title] = case.pk
    return ids


def test_a_moderator_reads_the_queue_at_a_glance_at_1280_px(journey: Journey) -> None:
    author = make_verified_clinician(display_name="Dana Whitfield, LPC", handle="dana")
    organizer = make_verified_clinician(display_name="Olivia Park, LMFT", handle="olivia")
    moderator = totp_moderator()
    group = cbt_group(organizer, author)
    ids = _queue_of_cases(group, author, moderator)

    page = journey.new_page(viewport=LAPTOP)
    sign_in_moderator(page)
    page.goto("/admin/moderation/case/")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(len(POSTS))
    first = rows.first
    expect(first).to_contain_text("Patient identifiers")
    expect(first).to_contain_text("Hidden now")
    expect(first).not_to_contain_text("1000300")
    expect(page.locator(".priority-urgent", has_text="Threat or abuse 0.97")).to_be_visible()
    expect(page.locator(".priority-high", has_text="Incivility 0.81")).to_be_visible()
    expect(page.locator(".priority-high", has_text="3 flags")).to_be_visible()
    expect(page.locator(".seen-public").first).to_have_text("Already public")

    widths = page.evaluate(
        """() => {
            const results = document.querySelector("#changelist .results");
            return [document.documentElement.scrollWidth, results.scrollWidth,
                    results.clientWidth];
        }"""
    )
    assert widths[0] <= 1280, f"the page scrolls sideways at 1280 px: {widths}"
    # No column hides behind the table's own scrollbar either.
    assert widths[1] <= widths[2], f"the queue's table scrolls sideways: {widths}"
    headers = page.locator("#result_list thead th")
    expect(headers).to_have_count(9)  # the row checkbox (bulk actions), then eight columns
    for header in headers.all():
        box = header.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 1280, header.inner_text()
    page.screenshot(path=str(journey.dir / "queue-at-1280x800.png"), full_page=True)
    assert_accessible(journey, page, "moderation queue")

    # Filters and search narrow the queue; each keeps the page inside 1280 px.
    page.get_by_role("link", name="≥ 0.9").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Threat or abuse 0.97")
    page.goto("/admin/moderation/case/?claim=mine")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Melatonin for a client")
    page.goto("/admin/moderation/case/")
    page.locator("#searchbar").fill("prescribed melatonin")
    page.locator("#searchbar").press("Enter")
    expect(rows).to_have_count(1)
    expect(rows.first.get_by_role("link").first).to_have_attribute(
        "href", re.compile(f"^/admin/moderation/case/{ids[POSTS[2][0]]}/change/")
    )
    page.goto("/admin/moderation/case/?q=flooding")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Supervisor keeps dismissing")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert page.evaluate(
        "(r => r.scrollWidth <= r.clientWidth)(document.querySelector('#changelist .results'))"
    )
    journey.shoot(page, "the queue searched for held text")
