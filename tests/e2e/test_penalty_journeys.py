"""A moderator suspends a post's author for 3 hours from the case page; the author sees
the notice, why and until when, and can no longer reply."""

from __future__ import annotations

import re

import pytest

from forum.choices import PostStatus
from tests.conftest import make_verified_clinician
from tests.e2e.conftest import Journey, assert_accessible, wait_until
from tests.e2e.helpers import (
    cbt_group,
    expect,
    published_thread,
    screened_topic,
    sign_in_moderator,
    totp_moderator,
)

pytestmark = pytest.mark.e2e

IDENTIFYING = (
    "Seen 3/14 for intake. DOB 04/02/1961, MRN 448812. How would you pace the first "
    "exposure sessions?"
)


def test_a_moderator_suspends_an_author_for_three_hours_and_the_author_sees_why(
    journey: Journey,
) -> None:
    from accounts.models import Suspension
    from moderation.models import Case

    author = make_verified_clinician(display_name="Dana Whitfield, LPC", handle="dana")
    organizer = make_verified_clinician(display_name="Olivia Park, LMFT", handle="olivia")
    totp_moderator()
    group = cbt_group(organizer, author)
    readable, _ = published_thread(group, organizer, author)
    post = screened_topic(
        group,
        author,
        IDENTIFYING,
        title="Pacing exposure after an intake",
        statuses=(PostStatus.HELD,),
    )
    case = wait_until(lambda: Case.objects.filter(post=post).first())

    # The moderator decides from the case page: suspend for 3 hours, post stays hidden.
    moderator_page = journey.new_page()
    sign_in_moderator(moderator_page)
    moderator_page.goto(f"/admin/moderation/case/{case.pk}/change/")
    if moderator_page.get_by_role("button", name="Claim this case").count():
        moderator_page.get_by_role("button", name="Claim this case").click()
    moderator_page.get_by_label("Suspend the author", exact=True).check()
    moderator_page.get_by_label("Reason (required)").fill(
        "A date of birth and a record number in a case post, after an earlier warning."
    )
    moderator_page.get_by_label("For", exact=True).fill("3")
    moderator_page.get_by_label("Unit", exact=True).select_option("hours")
    moderator_page.get_by_label("Keep the post hidden").check()
    journey.shoot(moderator_page, "the moderator chooses a 3-hour suspension")
    assert_accessible(journey, moderator_page, "case page with the penalty fields")
    moderator_page.get_by_role("button", name="Record the decision").click()
    expect(moderator_page.get_by_text(re.compile("resolved: Suspend the author"))).to_be_visible()
    suspension = Suspension.objects.get(user=author)
    assert suspension.ends_at is not None and suspension.lifted_at is None

    # The case page now lists the suspension in the author's history, with a lift form.
    moderator_page.goto(f"/admin/moderation/case/{case.pk}/change/")
    history = moderator_page.locator("#author-suspensions")
    expect(history).to_contain_text("Suspension until")
    expect(history.get_by_role("button", name="Lift")).to_be_visible()
    journey.shoot(moderator_page, "the suspension in the author's history")

    # The author is told, and sees why and until when.
    page = journey.new_page(author)
    page.goto("/notifications/")
    expect(
        page.get_by_text(
            re.compile(r"suspended you \(no reading or posting; you can appeal\) until")
        )
    ).to_be_visible()
    journey.shoot(page, "the author is told of the suspension")
    assert_accessible(journey, page, "notifications with the suspension")
    page.goto(f"/moderation/cases/{case.pk}/")
    expect(page.get_by_text("While suspended you cannot read topics")).to_be_visible()
    journey.shoot(page, "the author's case page with the appeal")
    assert_accessible(journey, page, "the author's case page")
    page.goto(f"/topics/{readable.pk}/")
    # A suspension closes the topics too (a silence would not): the thread says why.
    expect(
        page.get_by_text(re.compile("You are suspended by the moderators until"))
    ).to_be_visible()
    journey.shoot(page, "the thread says why the author cannot read it")
    assert_accessible(journey, page, "thread while suspended")
