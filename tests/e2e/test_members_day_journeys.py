"""A member's day, continued (issue 22 items 3, 4, 9): replying in a promotion topic,
helpful marks, a locked topic, opening a notice, confirmations and an undo window, in
Chromium, each page checked with axe-core, and one run at a 375 x 812 phone."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import transaction
from django.utils import timezone

from forum.choices import Disclaimer, PostStatus, TopicPurpose
from forum.models import Post, Topic
from forum.posting import reply_create, topic_create
from notifications.choices import NotificationKind
from notifications.models import Notification
from tests.conftest import make_verified_clinician
from tests.e2e.conftest import SMALL_PHONE, Journey, assert_accessible, wait_until
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


@pytest.mark.parametrize("viewport", [None, SMALL_PHONE], ids=["desktop", "phone-375"])
def test_the_topic_author_marks_others_replies_helpful_but_not_their_own(
    journey: Journey, viewport: dict[str, int] | None
) -> None:
    people = _people()
    topic, reply = published_thread(people["group"], people["author"], people["reader"])
    with transaction.atomic():
        own = reply_create(
            author=people["author"],
            topic=topic,
            content=content("Thanks, I will try the paper diary this week."),
        )
        scheduled = reply_create(
            author=people["author"],
            topic=topic,
            content=content("A follow-up once I have tried the diary for a week."),
            schedule_at=timezone.now() + datetime.timedelta(hours=3),
        )
    wait_for_status(reply.pk, PostStatus.PUBLISHED)
    wait_for_status(own.pk, PostStatus.PUBLISHED)

    page = journey.new_page(people["author"], viewport=viewport)
    page.goto(f"/topics/{topic.pk}/")
    theirs = page.locator(f"#post-{reply.pk}")
    mine = page.locator(f"#post-{own.pk}")
    later = page.locator(f"#post-{scheduled.pk}")
    expect(theirs.get_by_role("button", name="Mark as helpful feedback")).to_be_visible()
    expect(mine.get_by_role("button", name="Mark as helpful feedback")).to_have_count(0)
    # The author's own scheduled reply is on their page, with no helpful mark either.
    expect(later).to_contain_text("A follow-up once I have tried the diary")
    expect(later.get_by_role("button", name=re.compile("helpful", re.I))).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("helpful", re.I))).to_have_count(1)
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


def _message(raw: str, needle: str) -> str:
    """The one message mentioning `needle` in a file the server's file backend wrote (it
    writes each message followed by a line of 79 dashes)."""
    return next(part for part in raw.split("-" * 79) if needle in part).strip() + "\n"


def _html_part(raw: str) -> str:
    """The text/html part of a mail the server wrote to its file backend."""
    import email
    from email import policy

    message = email.message_from_bytes(raw.encode("utf-8"), policy=policy.default)
    part = message.get_body(preferencelist=("html",))
    assert part is not None, f"no HTML part in:\n{raw[:2000]}"
    return str(part.get_content())


def _text_part(raw: str) -> str:
    import email
    from email import policy

    message = email.message_from_bytes(raw.encode("utf-8"), policy=policy.default)
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


@pytest.mark.parametrize("viewport", [None, SMALL_PHONE], ids=["desktop", "phone-375"])
def test_emails_come_from_the_site_by_name(
    journey: Journey, viewport: dict[str, int] | None
) -> None:
    """Issue 22.15: the verification email and a notice email greet and sign with the
    site's name, each with an HTML part that reads well and passes axe-core."""
    address = f"casey.{'phone' if viewport else 'desk'}@example.org"
    page = journey.new_page(viewport=viewport)
    page.goto("/accounts/signup/")
    page.get_by_label(re.compile(r"^Email:?$")).fill(address)
    page.get_by_label(re.compile(r"^Display name:?$")).fill("Casey Morgan")
    page.get_by_label(re.compile(r"^Password:?$")).fill("a long calm passphrase 42")
    page.get_by_label(re.compile(r"^Password \(again\):?$")).fill("a long calm passphrase 42")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("verify", re.I))

    raw = _message(next(m for m in reversed(journey.stack.mails()) if address in m), address)
    text = _text_part(raw)
    assert text.startswith("Hello from Clinician Commons,"), text[:200]
    assert "127.0.0.1!" not in text and "Hello from 127.0.0.1" not in text
    assert "[Clinician Commons]" in raw
    html = _html_part(raw)
    mail_page = journey.new_page(viewport=viewport)
    mail_page.set_content(html)
    expect(mail_page.get_by_role("link", name="Confirm my email address")).to_be_visible()
    assert_accessible(journey, mail_page, "verification email")
    journey.shoot(mail_page, "the verification email as HTML")

    # A reply posted through the site: the worker screens it, tells the topic's author and
    # mails them (notices written by this test process would be mailed in-process).
    people = _people()
    with transaction.atomic():
        topic = topic_create(
            author=people["author"],
            group=people["group"],
            title="Homework compliance in CBT for insomnia",
            purpose=TopicPurpose.CASE_CONSULTATION,
            content=content("Sleep diaries come back half empty. How do you keep clients logging?"),
        )
    replier = journey.new_page(people["reader"], viewport=viewport)
    replier.goto(f"/topics/{topic.pk}/reply/")
    replier.get_by_label("Body", exact=True).fill("A paper diary on the nightstand works well.")
    replier.get_by_label("None", exact=True).check()
    replier.get_by_role("button", name="Post the reply").click()
    expect(replier.get_by_role("heading", level=1)).to_have_text(
        "Homework compliance in CBT for insomnia"
    )
    notice_mail = wait_until(
        lambda: next(
            (m for m in journey.stack.mails() if people["author"].email in m and "replied" in m),
            None,
        ),
        timeout=90,
    )
    notice_mail = _message(notice_mail, "replied")
    assert _text_part(notice_mail).startswith("Hello from Clinician Commons,")
    notice_page = journey.new_page(viewport=viewport)
    notice_page.set_content(_html_part(notice_mail))
    expect(notice_page.get_by_role("link", name="Open it")).to_be_visible()
    assert_accessible(journey, notice_page, "notice email")
    journey.shoot(notice_page, "a notice email as HTML")
