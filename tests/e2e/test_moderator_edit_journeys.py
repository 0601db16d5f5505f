"""Moderator edits and awareness (issue 21 items 3 and 5), in a real browser.

A moderator adds and removes a content warning from the case page, redacts a passage with
"Use my selection", and hides a post with a canned reply on a small phone; the Moderation
link's count changes when a member's flag opens a case and after the moderator decides it,
and the admin index shows the screening backlog."""

from __future__ import annotations

import re

import pytest
from django.db import transaction

from forum.choices import PostStatus
from tests.conftest import make_verified_clinician
from tests.e2e.conftest import SMALL_PHONE, Journey, assert_accessible, wait_until
from tests.e2e.helpers import (
    cbt_group,
    expect,
    screened_topic,
    sign_in_moderator,
    totp_moderator,
    wait_for_status,
)

pytestmark = pytest.mark.e2e

PASSAGE = "who coaches the river rowing club"
BODY = (
    f"Sleep diaries come back half empty from a client {PASSAGE}.\nHow do you keep clients logging?"
)
MARKER = "[redacted by a moderator]"


def _people() -> tuple[object, object, object, object]:
    author = make_verified_clinician(display_name="Dana Whitfield, LPC", handle="dana")
    reader = make_verified_clinician(display_name="Sam Ortiz, LCSW", handle="sam")
    organizer = make_verified_clinician(display_name="Olivia Park, LMFT", handle="olivia")
    return author, reader, organizer, totp_moderator()


def _flagged_case(post: object) -> object:
    from detectors.policy import Reason
    from moderation import cases

    with transaction.atomic():
        return cases.open_or_merge_case(
            post=post, reasons=[Reason("member_flag", "a member flagged this post")]
        )


def _moderator_page(journey: Journey, **options: object) -> object:
    page = journey.new_page(**options)
    sign_in_moderator(page)
    return page


def test_a_moderator_adds_and_removes_a_warning_and_redacts_a_passage(
    journey: Journey,
) -> None:
    author, reader, organizer, _moderator = _people()
    group = cbt_group(organizer, author, reader)
    post = screened_topic(group, author, BODY)
    case = _flagged_case(post)
    case_url = f"/admin/moderation/case/{case.pk}/change/"
    thread_url = f"/topics/{post.topic_id}/"

    page = _moderator_page(journey)
    page.goto(case_url)
    warnings = page.locator("#content-warnings")
    warnings.get_by_label("Add a content warning").select_option(label="Violence")
    warnings.get_by_role("button", name="Add a content warning").click()
    expect(page.get_by_text(re.compile("Content warning added"))).to_be_visible()
    expect(page.locator("#content-warnings")).to_contain_text("Added by a moderator")
    journey.shoot(page, "the moderator added a content warning")
    assert_accessible(journey, page, "case page with an added warning")

    reader_page = journey.new_page(reader)
    reader_page.goto(thread_url)
    expect(reader_page.locator("details.warned summary").first).to_contain_text(
        "Violence (added by a moderator)"
    )
    journey.shoot(reader_page, "readers see the post collapsed behind it")

    page.locator("#content-warnings").get_by_role("button", name="Remove this warning").click()
    expect(page.get_by_text(re.compile("Content warning removed"))).to_be_visible()
    reader_page.goto(thread_url)
    expect(reader_page.locator(f"#post-{post.pk} details.warned")).to_have_count(0)

    # Redact a passage: select it in version 1's text, "Use my selection", give a reason.
    source = page.locator("#revision-text-1")
    source.evaluate(
        """(element, passage) => {
            // The text may be split by highlight marks: find it across text nodes.
            const nodes = [];
            const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) nodes.push(walker.currentNode);
            const whole = nodes.map((node) => node.data).join("");
            const at = whole.indexOf(passage);
            if (at < 0) throw new Error("passage not found");
            const place = (offset) => {
                for (const node of nodes) {
                    if (offset <= node.data.length) return [node, offset];
                    offset -= node.data.length;
                }
                throw new Error("offset past the text");
            };
            const range = document.createRange();
            range.setStart(...place(at));
            range.setEnd(...place(at + passage.length));
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }""",
        PASSAGE,
    )
    form = page.locator("#redact-span-1")
    use = form.get_by_role("button", name="Use my selection")
    expect(use).to_be_visible()
    wait_until(lambda: page.evaluate("() => window.getSelection().toString()") == PASSAGE)
    use.click()
    expect(form.get_by_label(re.compile("Text to redact in version 1"))).to_have_value(PASSAGE)
    form.get_by_label("Why redact it (required)").fill("The club identifies the client.")
    journey.shoot(page, "the passage to redact, from the moderator's selection")
    form.get_by_role("button", name="Redact this text in version 1").click()
    expect(page.get_by_text(re.compile(r"Redacted 1 occurrence in version 1"))).to_be_visible()
    record = page.locator("#redacted-spans-1")
    expect(record).to_contain_text(PASSAGE)
    expect(record).to_contain_text(MARKER)
    journey.shoot(page, "the moderators' record of the redaction")
    assert_accessible(journey, page, "case page after a redaction")

    # A passage that is not there: a message, nothing changed.
    form = page.locator("#redact-span-1")
    form.get_by_label(re.compile("Text to redact in version 1")).fill("the chess club")
    form.get_by_label("Why redact it (required)").fill("Identifying.")
    form.get_by_role("button", name="Redact this text in version 1").click()
    expect(page.get_by_text(re.compile("That text is not in version 1"))).to_be_visible()

    reader_page.goto(thread_url)
    body = reader_page.locator(f"#post-{post.pk}")
    expect(body).to_contain_text(MARKER)
    expect(body).not_to_contain_text(PASSAGE)
    expect(body).to_contain_text("A moderator redacted part of this version")
    journey.shoot(reader_page, "readers see the marker")
    assert_accessible(journey, reader_page, "thread with a redacted passage")
    reader_page.goto("/search/?q=rowing")
    expect(reader_page.get_by_text("Homework compliance in CBT for insomnia")).to_have_count(0)
    reader_page.goto(f"/posts/{post.pk}/history/")
    expect(reader_page.locator("main")).not_to_contain_text(PASSAGE)


def test_a_moderator_hides_a_post_with_a_canned_reply_on_a_small_phone(journey: Journey) -> None:
    from moderation.models import CannedReply, Case, CaseState

    author, reader, organizer, _moderator = _people()
    group = cbt_group(organizer, author, reader)
    post = screened_topic(group, author, BODY)
    case = _flagged_case(post)
    CannedReply.objects.create(
        title="Identifying details",
        message="Please take out details that could identify your client, then edit the post.",
        rule="Rule 1: de-identify every case.",
    )

    page = _moderator_page(journey, viewport=SMALL_PHONE)
    page.goto(f"/admin/moderation/case/{case.pk}/change/")
    canned = page.locator("#hide-and-message")
    canned.locator("summary", has_text="Identifying details").click()
    message = canned.get_by_label("Message to the author")
    message.fill(
        "Please take out the rowing club, which could identify your client, then edit the post."
    )
    expect(canned).to_contain_text("Rule 1: de-identify every case.")
    journey.shoot(page, "hide and message with a canned reply")
    assert_accessible(journey, page, "case page with the canned replies")
    canned.get_by_role("button", name=re.compile("Hide and send")).click()
    expect(page.get_by_text(re.compile("resolved|hidden", re.I)).first).to_be_visible()
    journey.shoot(page, "back in the queue after hide and message")
    wait_until(lambda: Case.objects.get(pk=case.pk).state == CaseState.RESOLVED)
    assert wait_for_status(post.pk, PostStatus.HIDDEN)

    author_page = journey.new_page(author, viewport=SMALL_PHONE)
    author_page.goto("/notifications/")
    expect(
        author_page.get_by_text(re.compile("the rowing club, which could identify"))
    ).to_be_visible()
    journey.shoot(author_page, "the author reads the message and the rule")
    assert_accessible(journey, author_page, "notifications with the canned reply")


def test_the_moderation_count_follows_cases_and_the_admin_index_shows_the_backlog(
    journey: Journey,
) -> None:
    author, reader, organizer, _moderator = _people()
    group = cbt_group(organizer, author, reader)
    post = screened_topic(group, author, BODY)

    page = _moderator_page(journey)
    page.goto("/")
    moderation_link = page.get_by_role("link", name=re.compile("^Moderation"))
    expect(moderation_link).to_be_visible()
    expect(moderation_link.locator(".badge")).to_have_count(0)

    # A member flags the post in the browser: a case opens and the count shows it.
    reader_page = journey.new_page(reader)
    reader_page.goto(f"/topics/{post.topic_id}/")
    reader_page.locator(f"#post-{post.pk}").get_by_role("link", name="Flag").click()
    reader_page.get_by_label("Patient privacy").check()
    reader_page.get_by_label("Anything moderators should know").fill(
        "The rowing club could identify the client in a small town."
    )
    reader_page.get_by_role("button", name="Send the flag").click()
    expect(reader_page.get_by_text(re.compile("flag", re.I)).first).to_be_visible()

    page.goto("/")
    badge = page.get_by_role("link", name=re.compile("^Moderation")).locator(".badge")
    expect(badge).to_have_text("1")
    expect(badge).to_have_attribute("aria-label", "1 cases waiting")
    journey.shoot(page, "the moderation link counts the new case")
    assert_accessible(journey, page, "home page with the moderation count")

    # The moderator decides it; the count goes away.
    from moderation.models import Case

    case = wait_until(lambda: Case.objects.filter(post=post).first())
    page.goto(f"/admin/moderation/case/{case.pk}/change/")
    if page.get_by_role("button", name="Claim this case").count():
        page.get_by_role("button", name="Claim this case").click()
    page.get_by_label("Approve", exact=True).check()
    page.get_by_label("Reason (required)").fill("A hobby alone does not identify anyone.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text(re.compile("resolved: Approve"))).to_be_visible()
    page.goto("/")
    expect(
        page.get_by_role("link", name=re.compile("^Moderation")).locator(".badge")
    ).to_have_count(0)
    journey.shoot(page, "no count once the case is decided")

    # The admin index shows the screening backlog.
    page.goto("/admin/")
    backlog = page.locator("#screening-backlog")
    expect(backlog).to_contain_text(re.compile(r"\d+ posts? waiting for screening"))
    journey.shoot(page, "the screening backlog on the admin index")
    assert_accessible(journey, page, "admin index with the backlog")
