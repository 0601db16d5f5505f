"""The moderation overview in Chromium (issue 21 item 7): decisions by the action taken, with
a legend, labelled axes and a table; escalations apart; a scoped moderator sees their
groups' figures only. Signed in with a TOTP code; each page checked with axe-core."""

from __future__ import annotations

import pytest

from forum.choices import PostStatus
from tests import factories
from tests.conftest import make_verified_clinician
from tests.e2e.conftest import Journey, assert_accessible, wait_until
from tests.e2e.helpers import cbt_group, expect, screened_topic, sign_in_moderator, totp_moderator

pytestmark = pytest.mark.e2e

IDENTIFYING = "Seen 3/14 for intake. DOB 04/02/1961, MRN 448812. Her daughter Keisha drove her in."


def _held_case(group: object, author: object, title: str) -> object:
    from moderation.models import Case

    post = screened_topic(group, author, IDENTIFYING, title=title, statuses=(PostStatus.HELD,))
    return wait_until(lambda: Case.objects.filter(post=post).first())


def test_the_overview_counts_decisions_by_action_and_scopes_a_group_moderator(
    journey: Journey,
) -> None:
    from accounts.powers import grant_powers_outside_a_session
    from moderation import cases
    from moderation.models import ActionKind

    author = make_verified_clinician(display_name="Dana Whitfield, LPC", handle="dana")
    organizer = make_verified_clinician(display_name="Olivia Park, LMFT", handle="olivia")
    group = cbt_group(organizer, author)
    emdr = factories.GroupFactory(created_by=organizer, name="EMDR Practice", slug="emdr")
    moderator = totp_moderator()
    staff = make_verified_clinician(display_name="Sasha Staff", handle="sasha", is_staff=True)
    scoped = totp_moderator("Riley Scoped, PhD", handle="riley", email="riley@example.org")
    scoped.moderated_groups.add(emdr)

    powered = grant_powers_outside_a_session(moderator, reason="e2e setup")
    reopened = _held_case(group, author, "Intake note with a birth date")
    cases.resolve_case(
        case_id=reopened.pk, moderator=powered, action=ActionKind.REMOVE, reason="Identifiers"
    )
    cases.reopen_case(
        case_id=reopened.pk,
        staff=grant_powers_outside_a_session(staff, reason="e2e setup"),
        reason="The author says the details were invented",
    )
    cases.resolve_case(
        case_id=reopened.pk, moderator=powered, action=ActionKind.APPROVE, reason="Invented"
    )
    escalated = _held_case(group, author, "Second intake note")
    cases.resolve_case(
        case_id=escalated.pk, moderator=powered, action=ActionKind.ESCALATE, reason="Unsure"
    )

    page = journey.new_page()
    sign_in_moderator(page)
    page.goto("/admin/moderation/case/overview/")
    outcomes = page.locator("#chart-outcomes")
    legend = outcomes.get_by_role("list", name="Legend: Decisions taken each day, by action")
    expect(legend).to_contain_text("Remove (tombstone): 1")
    expect(legend).to_contain_text("Approve: 1")
    expect(page.locator(".mod-stats")).to_contain_text("2 decisions on 1 case")
    chart = outcomes.get_by_role("img", name="Decisions taken each day, by action")
    expect(chart).to_be_visible()
    expect(chart.locator("text.axis-title")).to_have_text(["Day", "Decisions (count)"])
    handoffs = page.locator("#chart-handoffs")
    expect(handoffs.get_by_role("list")).to_contain_text("Escalated to staff: 1")
    expect(handoffs.get_by_role("list")).to_contain_text("Reopened by staff: 1")
    expect(page.locator("#open-by-reason")).to_contain_text("Patient identifiers")
    expect(page.locator("#nudge-overview")).to_be_visible()
    assert_accessible(journey, page, "the overview for a global moderator")
    journey.shoot(page, "the overview: decisions by action, escalations apart")
    outcomes.locator("summary").click()
    table = outcomes.get_by_role("table")
    expect(table.locator("tfoot")).to_contain_text("All 30 days")
    assert_accessible(journey, page, "the overview with the decisions table open")
    journey.shoot(page, "the decisions as a table")

    scoped_page = journey.new_page()
    sign_in_moderator(scoped_page, "riley@example.org")
    scoped_page.goto("/admin/moderation/case/overview/")
    expect(scoped_page.get_by_text("Only the groups you moderate.")).to_be_visible()
    expect(scoped_page.locator(".mod-stats")).to_contain_text("0 decisions on 0 cases")
    expect(scoped_page.locator("#chart-handoffs").get_by_role("list")).to_contain_text(
        "Escalated to staff: 0"
    )
    expect(scoped_page.locator("#open-by-reason")).to_contain_text("No case is waiting.")
    assert scoped_page.locator("#nudge-overview").count() == 0
    assert_accessible(journey, scoped_page, "the overview for a scoped moderator")
    journey.shoot(scoped_page, "a scoped moderator sees only their groups")
