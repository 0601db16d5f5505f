"""The composer a Discourse user expects (issue 22 item 12): preview, tables, quote-reply,
a draft that survives navigation and errors summarised with the focus on them, in
Chromium, each page checked with axe-core, with runs at a 375 x 812 phone."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.db import transaction

from forum.choices import PostStatus, TopicPurpose
from forum.models import Post, Topic
from forum.posting import topic_create
from tests.conftest import make_verified_clinician
from tests.e2e.conftest import SMALL_PHONE, Journey, assert_accessible, session_for
from tests.e2e.helpers import cbt_group, content, expect, published_thread, wait_for_status

pytestmark = pytest.mark.e2e

NO_DRAFTS_KEPT = "Object.keys(localStorage).every(key => !key.startsWith('cc-draft:'))"
PHONES = pytest.mark.parametrize("viewport", [None, SMALL_PHONE], ids=["desktop", "phone-375"])
TABLE = (
    "| Measure | Intake | Week 8 | Change |\n"
    "|:--|:-:|--:|---|\n"
    "| PHQ-9 | 18 | 9 | halved over eight sessions of behavioural activation |\n"
    "| GAD-7 | 15 | 11 | smaller, still above the threshold for a moderate range |\n"
)


def _people() -> dict[str, object]:
    author = make_verified_clinician(display_name="Dana Whitfield", credentials_suffix="LPC")
    reader = make_verified_clinician(display_name="Sam Okafor", handle="sam")
    organizer = make_verified_clinician(display_name="Olivia Park", handle="olivia")
    group = cbt_group(organizer, author, reader)
    return {"author": author, "reader": reader, "organizer": organizer, "group": group}


def _no_page_overflow(page) -> None:
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    ), "the page scrolls sideways"


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx-pane", "no-js-submit"])
def test_preview_stores_nothing(journey: Journey, javascript: bool) -> None:
    people = _people()
    page = journey.new_page(people["author"], javascript=javascript)
    page.goto("/groups/cbt/new-topic/")
    page.get_by_label("Title", exact=True).fill("Measuring progress in behavioural activation")
    page.get_by_label("Body", exact=True).fill("Outcomes so far, **de-identified**:\n\n" + TABLE)
    page.get_by_role("button", name="Preview").click()
    preview = page.locator("#composer-preview")
    expect(preview.get_by_role("heading", name="Preview")).to_be_visible()
    expect(preview.locator("strong")).to_have_text("de-identified")
    expect(preview.locator("th", has_text="Intake")).to_have_attribute("align", "center")
    assert preview.get_by_role("cell", name="9", exact=True).evaluate(
        "cell => getComputedStyle(cell).textAlign"
    ) in {"right", "end"}
    # The draft is still in the form, and nothing was posted.
    expect(page.get_by_label("Body", exact=True)).to_have_value(re.compile("de-identified"))
    expect(page.locator(".error-summary")).to_have_count(0)
    assert not Topic.objects.exists()
    if javascript:
        assert_accessible(journey, page, "composer with its preview")
        # The open pane follows the draft as it is typed.
        page.get_by_label("Body", exact=True).press("Control+End")
        page.get_by_label("Body", exact=True).type("\nOne ~~more~~ line.")
        expect(preview.locator("s")).to_have_text("more", timeout=10_000)
    else:
        # axe needs scripts: check the page the no-JS submit answered in a second browser.
        checker = journey.new_page(people["author"])
        checker.goto("/groups/cbt/new-topic/")
        checker.set_content(page.content())
        assert_accessible(journey, checker, "composer with its preview, no JavaScript")
    journey.shoot(page, "the preview above the form" if not javascript else "the preview pane")


@PHONES
def test_post_tables_ruled_aligned_scrolling(
    journey: Journey, viewport: dict[str, int] | None
) -> None:
    people = _people()
    with transaction.atomic():
        topic = topic_create(
            author=people["author"],
            group=people["group"],
            title="Measuring progress in behavioural activation",
            purpose=TopicPurpose.CASE_CONSULTATION,
            content=content("Outcomes so far:\n\n" + TABLE),
        )
    wait_for_status(topic.posts.get(number=1).pk, PostStatus.PUBLISHED)

    page = journey.new_page(people["reader"], viewport=viewport)
    page.goto(f"/topics/{topic.pk}/")
    table = page.locator(".post .body table")
    expect(table).to_be_visible()
    header = table.locator("th", has_text="Intake")
    assert header.evaluate("th => getComputedStyle(th).textAlign") == "center"
    assert header.evaluate("th => getComputedStyle(th).borderTopStyle") == "solid"
    assert (
        table.get_by_role("cell", name="18", exact=True).evaluate(
            "td => getComputedStyle(td).textAlign"
        )
        == "center"
    )
    _no_page_overflow(page)
    if viewport:
        # Too wide for a phone: it scrolls inside the post and the keyboard can reach it.
        assert table.evaluate("t => t.scrollWidth > t.clientWidth")
        expect(table).to_have_attribute("tabindex", "0")
    assert_accessible(journey, page, "a thread with a table")
    journey.shoot(page, "a table in a post")


@PHONES
def test_quote_reply_with_the_post_in_view(
    journey: Journey, viewport: dict[str, int] | None
) -> None:
    people = _people()
    topic, reply = published_thread(people["group"], people["author"], people["reader"])
    first = topic.posts.get(number=1)
    wait_for_status(first.pk, PostStatus.PUBLISHED)
    wait_for_status(reply.pk, PostStatus.PUBLISHED)

    page = journey.new_page(people["reader"], viewport=viewport)
    page.goto(f"/topics/{topic.pk}/")
    page.locator(f"#post-{first.pk}").get_by_role("link", name="Quote").click()
    expect(page).to_have_url(re.compile(rf"/topics/{topic.pk}/reply/\?quote={first.pk}"))
    parent = page.locator(".reply-parent")
    expect(parent).to_contain_text("Sleep diaries come back half empty.")
    body = page.get_by_label("Body", exact=True)
    expect(body).to_have_value(re.compile(r"^> \*\*Dana Whitfield.*\*\* wrote:\n>\n> Sleep"))
    body.press("Control+End")
    body.type("Have you tried a paper diary by the bed?")
    page.get_by_label("None", exact=True).check()
    page.get_by_label("Not clinical advice").check()
    assert_accessible(journey, page, "reply composer with a quote")
    journey.shoot(page, "a quote-reply with the post in view")
    page.get_by_role("button", name="Post the reply").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(topic.title)
    answer = Post.objects.filter(topic=topic).order_by("-number").first()
    assert answer.reply_to_id == first.pk
    assert answer.current_revision.body.startswith("> **Dana Whitfield")
    journey.shoot(page, "the quote-reply is posted")

    # Text selected in a post: only those words are quoted.
    page.goto(f"/topics/{topic.pk}/")
    page.evaluate(
        """id => {
            const body = document.querySelector(`#post-${id} .body p`);
            const text = body.firstChild;
            const range = document.createRange();
            range.setStart(text, 0);
            range.setEnd(text, "Sleep diaries come back half empty.".length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }""",
        first.pk,
    )
    page.locator(f"#post-{first.pk}").get_by_role("link", name="Quote").click()
    expect(page.get_by_label("Body", exact=True)).to_have_value(
        re.compile(r"wrote:\n>\n> Sleep diaries come back half empty\.\n\n$")
    )


def test_draft_survives_navigation(
    journey: Journey,
) -> None:
    people = _people()
    topic, _reply = published_thread(people["group"], people["author"], people["reader"])
    wait_for_status(topic.posts.get(number=1).pk, PostStatus.PUBLISHED)

    page = journey.new_page(people["reader"])
    composer = f"/topics/{topic.pk}/reply/"
    page.goto(composer)
    page.get_by_label("Body", exact=True).fill("Half a thought about sleep restriction")
    page.get_by_label("None", exact=True).check()
    page.wait_for_timeout(600)
    page.get_by_role("link", name="Groups").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.goto(composer)
    notice = page.locator(".draft-restored")
    expect(notice).to_contain_text("Draft restored")
    expect(page.get_by_label("Body", exact=True)).to_have_value(
        "Half a thought about sleep restriction"
    )
    expect(page.get_by_label("None", exact=True)).to_be_checked()
    assert_accessible(journey, page, "composer with a restored draft")
    journey.shoot(page, "the draft is restored")

    # Discard: the composer is as the page came.
    notice.get_by_role("button", name="Discard the draft").click()
    expect(page.get_by_label("Body", exact=True)).to_have_value("")
    expect(page.locator(".draft-restored")).to_have_count(0)
    page.goto(composer)
    expect(page.locator(".draft-restored")).to_have_count(0)

    # Posted: the draft is forgotten.
    page.get_by_label("Body", exact=True).fill("Try restricting time in bed first.")
    page.get_by_label("None", exact=True).check()
    page.get_by_label("Not clinical advice").check()
    page.wait_for_function(f"() => !({NO_DRAFTS_KEPT})")
    page.get_by_role("button", name="Post the reply").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(topic.title)
    page.wait_for_function(f"() => {NO_DRAFTS_KEPT}")
    page.goto(composer)
    expect(page.locator(".draft-restored")).to_have_count(0)
    expect(page.get_by_label("Body", exact=True)).to_have_value("")

    # Signing out forgets every draft kept in this browser.
    page.get_by_label("Body", exact=True).fill("Another half thought")
    page.wait_for_function(f"() => !({NO_DRAFTS_KEPT})")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("navigation").get_by_role("link", name="Sign in")).to_be_visible()
    page.wait_for_function(f"() => {NO_DRAFTS_KEPT}")
    journey.shoot(page, "signed out, drafts forgotten")


def _kept_drafts(page) -> list[str]:
    return page.evaluate("Object.keys(localStorage).filter(key => key.startsWith('cc-draft:'))")


def test_a_draft_left_on_a_shared_computer_is_forgotten_unseen_by_the_next_person(
    journey: Journey,
) -> None:
    # A draft may hold what screening has not published: it reaches nobody but its author.
    people = _people()
    topic, _reply = published_thread(people["group"], people["author"], people["reader"])
    wait_for_status(topic.posts.get(number=1).pk, PostStatus.PUBLISHED)
    composer = f"/topics/{topic.pk}/reply/"

    page = journey.new_page(people["reader"])
    page.goto(composer)
    page.get_by_label("Body", exact=True).fill("My client in room 4 missed a third session")
    page.wait_for_function(f"() => !({NO_DRAFTS_KEPT})")

    # The reader closes the browser without signing out (the session cookie goes, the
    # browser's storage stays) and a colleague signs in on the same computer.
    context = page.context
    context.clear_cookies()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session_for(people["author"]),
                "url": journey.stack.base_url,
            }
        ]
    )
    page.goto(composer)
    main_nav = page.get_by_role("navigation", name="Main")
    expect(main_nav.get_by_role("link", name=re.compile("Dana Whitfield"))).to_be_visible()
    expect(page.locator(".draft-restored")).to_have_count(0)
    expect(page.get_by_label("Body", exact=True)).to_have_value("")
    assert _kept_drafts(page) == []
    assert_accessible(journey, page, "the next member's composer, no draft shown")
    journey.shoot(page, "the next member sees no draft")

    # A signed-out visitor's page keeps no draft either.
    page.get_by_label("Body", exact=True).fill("A draft of the colleague's own")
    page.wait_for_function(f"() => !({NO_DRAFTS_KEPT})")
    context.clear_cookies()
    page.goto("/")
    expect(page.get_by_role("navigation").get_by_role("link", name="Sign in")).to_be_visible()
    assert _kept_drafts(page) == []
    journey.shoot(page, "a signed-out visitor keeps no draft")

    # A member's own draft is forgotten once it is a week old.
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session_for(people["author"]),
                "url": journey.stack.base_url,
            }
        ]
    )
    page.goto(composer)
    page.get_by_label("Body", exact=True).fill("A thought kept too long")
    page.wait_for_function(f"() => !({NO_DRAFTS_KEPT})")
    page.evaluate(
        """() => {
          const key = Object.keys(localStorage).find(k => k.startsWith('cc-draft:'));
          const draft = JSON.parse(localStorage.getItem(key));
          draft.at = Date.now() - 7 * 24 * 60 * 60 * 1000 - 60 * 1000;
          localStorage.setItem(key, JSON.stringify(draft));
        }"""
    )
    page.goto(composer)
    expect(page.locator(".draft-restored")).to_have_count(0)
    expect(page.get_by_label("Body", exact=True)).to_have_value("")
    assert _kept_drafts(page) == []


@PHONES
def test_errors_summarised_and_focused(journey: Journey, viewport: dict[str, int] | None) -> None:
    people = _people()
    page = journey.new_page(people["author"], viewport=viewport)
    page.goto("/groups/cbt/new-topic/")
    page.get_by_role("button", name="Post the topic").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Body")
    body = page.get_by_label("Body", exact=True)
    expect(body).to_have_attribute("aria-invalid", "true")
    described = body.get_attribute("aria-describedby") or ""
    assert "id_body_error" in described.split()
    expect(page.locator("#id_body_error")).to_contain_text("required")
    _no_page_overflow(page)
    assert_accessible(journey, page, "composer with errors")
    journey.shoot(page, "errors summarised before the form")
    summary.get_by_role("link", name=re.compile("^Body")).click()
    expect(body).to_be_focused()
    summary.get_by_role("link", name=re.compile("^Content warnings")).click()
    expect(page.locator("#id_trigger_warnings_0")).to_be_focused()
