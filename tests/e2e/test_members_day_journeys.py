"""A member's day, continued (issue 22 items 3, 4, 9): replying in a promotion topic,
helpful marks, a locked topic, opening a notice, confirmations and an undo window, in
Chromium, each page checked with axe-core, and one run at a 375 x 812 phone."""

from __future__ import annotations

import re

import pytest
from django.db import transaction

from forum.choices import Disclaimer, PostStatus, TopicPurpose
from forum.models import Post, Topic
from forum.posting import reply_create, topic_create
from notifications.choices import NotificationKind
from notifications.models import Notification
from tests.conftest import make_verified_clinician
from tests.e2e.conftest import SMALL_PHONE, Journey, assert_accessible
from tests.e2e.helpers import cbt_group, content, expect, published_thread, wait_for_status

pytestmark = pytest.mark.e2e


def _people() -> dict[str, object]:
    author = make_verified_clinician(display_name="Dana Whitfield", credentials_suffix="LPC")
    reader = make_verified_clinician(display_name="Sam Okafor", handle="sam")
    organizer = make_verified_clinician(display_name="Olivia Park", handle="olivia")
    group = cbt_group(organizer, author, reader)
    return {"author": author, "reader": reader, "organizer": organizer, "group": group}


@pytest.mark.parametrize("viewport", [None, SMALL_PHONE], ids=["desktop", "phone-375"])
def test_a_colleague_replies_to_a_promotion_without_the_promoters_disclosure(
    journey: Journey, viewport: dict[str, int] | None
) -> None:
    people = _people()
    with transaction.atomic():
        topic = topic_create(
            author=people["author"],
            group=people["group"],
            title="New DBT skills group in Portland",
            purpose=TopicPurpose.PROMOTION,
            content=content(
                "Twelve weeks, Tuesday evenings. I run it and charge for it.",
                disclaimer=Disclaimer.FINANCIAL_INTEREST,
            ),
        )
    wait_for_status(topic.posts.get(number=1).pk, PostStatus.PUBLISHED)

    page = journey.new_page(people["reader"], viewport=viewport)
    page.goto(f"/topics/{topic.pk}/reply/")
    page.get_by_label("Body", exact=True).fill("How do you screen referrals for the group?")
    page.get_by_label("None", exact=True).check()
    page.get_by_label("Not clinical advice").check()
    assert_accessible(journey, page, "reply composer in a promotion topic")
    journey.shoot(page, "a reply in a promotion topic, no disclosure chosen")
    page.get_by_role("button", name="Post the reply").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New DBT skills group in Portland")
    expect(page.locator("body")).not_to_contain_text("financial-interest disclosure")
    reply = Post.objects.get(topic=topic, number=2)
    assert reply.current_revision.disclaimer == Disclaimer.NOT_CLINICAL_ADVICE
    journey.shoot(page, "the reply is posted")


def test_the_topic_author_marks_others_replies_helpful_but_not_their_own(
    journey: Journey,
) -> None:
    people = _people()
    topic, reply = published_thread(people["group"], people["author"], people["reader"])
    with transaction.atomic():
        own = reply_create(
            author=people["author"],
            topic=topic,
            content=content("Thanks, I will try the paper diary this week."),
        )
    wait_for_status(reply.pk, PostStatus.PUBLISHED)
    wait_for_status(own.pk, PostStatus.PUBLISHED)

    page = journey.new_page(people["author"])
    page.goto(f"/topics/{topic.pk}/")
    theirs = page.locator(f"#post-{reply.pk}")
    mine = page.locator(f"#post-{own.pk}")
    expect(theirs.get_by_role("button", name="Mark as helpful feedback")).to_be_visible()
    expect(mine.get_by_role("button", name="Mark as helpful feedback")).to_have_count(0)
    assert_accessible(journey, page, "thread as the topic's author")
    journey.shoot(page, "helpful offered on a colleague's reply only")
    theirs.get_by_role("button", name="Mark as helpful feedback").click()
    expect(page.locator(f"#post-{reply.pk}")).to_contain_text(
        "Marked helpful by the topic's author"
    )
    journey.shoot(page, "the colleague's reply is marked helpful")


@pytest.mark.parametrize("viewport", [None, SMALL_PHONE], ids=["desktop", "phone-375"])
def test_a_locked_topic_and_a_notice_that_is_read_once_opened(
    journey: Journey, viewport: dict[str, int] | None
) -> None:
    people = _people()
    topic, reply = published_thread(people["group"], people["author"], people["reader"])
    Topic.objects.filter(pk=topic.pk).update(is_locked=True)
    notice = Notification.objects.create(
        recipient=people["reader"],
        kind=NotificationKind.MODERATION,
        message="The organizers locked “Homework compliance in CBT for insomnia”",
        url=f"/topics/{topic.pk}/",
    )

    page = journey.new_page(people["reader"], viewport=viewport)
    page.goto("/notifications/")
    expect(page.locator(".notifications li.unread")).to_have_count(1)
    assert_accessible(journey, page, "notifications")
    journey.shoot(page, "one unread notice")
    page.get_by_role("link", name=re.compile("locked")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Homework compliance in CBT for insomnia"
    )
    notice.refresh_from_db()
    assert notice.read_at is not None
    page.goto("/notifications/")
    expect(page.locator(".notifications li.unread")).to_have_count(0)
    journey.shoot(page, "the opened notice is read")

    page.goto(f"/topics/{topic.pk}/reply/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("is locked")
    expect(page.locator("textarea")).to_have_count(0)
    expect(page.get_by_role("button", name="Post the reply")).to_have_count(0)
    assert_accessible(journey, page, "a locked topic's reply page")
    journey.shoot(page, "a locked topic's reply page explains, with no composer")


@pytest.mark.parametrize("viewport", [None, SMALL_PHONE], ids=["desktop", "phone-375"])
def test_withdrawing_asks_first_and_can_be_undone(
    journey: Journey, viewport: dict[str, int] | None
) -> None:
    people = _people()
    topic, reply = published_thread(people["group"], people["author"], people["reader"])
    wait_for_status(reply.pk, PostStatus.PUBLISHED)

    page = journey.new_page(people["reader"], viewport=viewport)
    page.goto(f"/topics/{topic.pk}/")
    page.locator(f"#post-{reply.pk}").get_by_role("link", name="Withdraw").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Withdraw your post?")
    assert_accessible(journey, page, "withdraw confirmation")
    journey.shoot(page, "withdrawing asks first")
    page.get_by_role("link", name="Keep it").click()
    assert Post.objects.get(pk=reply.pk).status == PostStatus.PUBLISHED

    page.locator(f"#post-{reply.pk}").get_by_role("link", name="Withdraw").click()
    page.get_by_role("button", name="Withdraw the post").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your post is withdrawn")
    assert Post.objects.get(pk=reply.pk).status == PostStatus.WITHDRAWN
    assert_accessible(journey, page, "withdrawn with undo")
    journey.shoot(page, "withdrawn, with an undo button")
    page.get_by_role("button", name="Undo: restore my post").click()
    expect(page.locator(".messages")).to_contain_text("Undone")
    expect(page.locator(f"#post-{reply.pk}")).to_contain_text("paper diary")
    assert Post.objects.get(pk=reply.pk).status == PostStatus.PUBLISHED
    journey.shoot(page, "the post is back")


def test_refusals_without_a_file_or_a_confirmation_say_why(journey: Journey) -> None:
    member = make_verified_clinician(display_name="Lee Alvarez", handle="lee")
    page = journey.new_page(member, viewport=SMALL_PHONE)
    page.goto("/me/settings/")
    page.get_by_role("button", name="Upload picture").click()
    expect(page.locator("#picture-errors")).to_contain_text("Choose a picture to upload.")
    assert_accessible(journey, page, "picture upload without a file")
    journey.shoot(page, "no file chosen")

    page.goto("/me/deactivate/")
    page.get_by_role("button", name="Deactivate my account").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Tick the box to confirm")
    expect(summary).to_be_focused()
    assert_accessible(journey, page, "deactivate without the confirmation")
    journey.shoot(page, "deactivation needs the box ticked")
    member.refresh_from_db()
    assert member.deactivated_at is None
