"""A member's day (issue 22 items 5, 6, 7, 10, 11, 13): names, time zones, settings,
profiles and pictures, search snippets and word diffs, in Chromium, each page checked
with axe-core and one run of each at a 375 x 812 phone."""

from __future__ import annotations

import datetime
import io
import re
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone
from PIL import Image

from accounts.models import User
from forum.choices import PostStatus, TopicPurpose
from forum.models import Post
from forum.posting import reply_create, topic_create
from tests.conftest import make_verified_clinician
from tests.e2e.conftest import SMALL_PHONE, Journey, assert_accessible
from tests.e2e.helpers import (
    cbt_group,
    content,
    edit_first_post,
    expect,
    published_thread,
    wait_for_status,
)

pytestmark = pytest.mark.e2e

PINNED = datetime.datetime(2026, 12, 4, 14, 12, tzinfo=datetime.UTC)


def _set_zone(user: User, zone: str) -> None:
    User.objects.filter(pk=user.pk).update(time_zone=zone)


@pytest.mark.parametrize("viewport", [None, SMALL_PHONE], ids=["desktop", "phone-375"])
def test_sign_up_takes_a_name_and_the_browser_zone(
    journey: Journey, viewport: dict[str, int] | None
) -> None:
    page = journey.new_page(viewport=viewport, timezone_id="America/New_York")
    page.goto("/accounts/signup/")
    expect(page.locator("[data-browser-zone-name]")).to_have_text("America/New_York")
    assert_accessible(journey, page, "sign-up")
    journey.shoot(page, "sign-up asks for a display name")

    page.get_by_label(re.compile(r"^Email:?$")).fill("jamie.lee.newyork@example.org")
    page.get_by_label(re.compile(r"^Display name:?$")).fill("jamie.lee.newyork@example.org")
    page.get_by_label(re.compile(r"^Password:?$")).fill("a long calm passphrase 42")
    page.get_by_label(re.compile(r"^Password \(again\):?$")).fill("a long calm passphrase 42")
    page.get_by_role("button", name="Sign up").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("cannot contain “@”")
    expect(summary).to_be_focused()
    name = page.get_by_label(re.compile(r"^Display name:?$"))
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(name).to_have_attribute("aria-describedby", re.compile("id_display_name_error"))
    assert_accessible(journey, page, "sign-up with an error")
    journey.shoot(page, "an email as the name is refused")

    name.fill("Jamie Lee")
    page.get_by_label(re.compile(r"^Credentials")).fill("LMFT")
    page.get_by_label(re.compile(r"^Password:?$")).fill("a long calm passphrase 42")
    page.get_by_label(re.compile(r"^Password \(again\):?$")).fill("a long calm passphrase 42")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("verify", re.I))

    member = User.objects.get(email="jamie.lee.newyork@example.org")
    assert (member.public_name, member.time_zone) == ("Jamie Lee, LMFT", "America/New_York")
    EmailAddress.objects.filter(user=member).update(verified=True)
    signed_in = journey.new_page(member, viewport=viewport)
    signed_in.goto("/me/")
    expect(signed_in.locator("header.site-header")).to_contain_text("Jamie Lee, LMFT")
    expect(signed_in.locator("body")).not_to_contain_text("jamie.lee.newyork")
    journey.shoot(signed_in, "the header shows the chosen name")


def _thread(journey: Journey) -> dict[str, Any]:
    author = make_verified_clinician(display_name="Dana Whitfield", credentials_suffix="LPC")
    reader = make_verified_clinician(display_name="Sam Okafor", handle="sam")
    organizer = make_verified_clinician(display_name="Olivia Park", handle="olivia")
    group = cbt_group(organizer, author, reader)
    topic, reply = published_thread(group, author, reader)
    first = topic.posts.get(number=1)
    for post in (first, reply):
        wait_for_status(post.pk, PostStatus.PUBLISHED)
    Post.objects.filter(pk=first.pk).update(created_at=PINNED)
    return {"author": author, "reader": reader, "organizer": organizer, "group": group,
            "topic": topic, "first": first, "reply": reply}  # fmt: skip


def test_every_reader_sees_times_in_their_own_zone_with_the_zone_named(
    journey: Journey,
) -> None:
    thread = _thread(journey)
    _set_zone(thread["reader"], "America/New_York")
    _set_zone(thread["organizer"], "Europe/Paris")
    path = f"/topics/{thread['topic'].pk}/"

    new_york = journey.new_page(User.objects.get(pk=thread["reader"].pk))
    new_york.goto(path)
    first = new_york.locator(f"#post-{thread['first'].pk} time").first
    expect(first).to_have_text("4 Dec 2026, 09:12 EST")
    expect(first).to_have_attribute("datetime", "2026-12-04T14:12:00Z")
    assert_accessible(journey, new_york, "thread in New York time")
    journey.shoot(new_york, "thread in New York time")

    paris = journey.new_page(User.objects.get(pk=thread["organizer"].pk), viewport=SMALL_PHONE)
    paris.goto(path)  # the same cached page, another zone
    expect(paris.locator(f"#post-{thread['first'].pk} time").first).to_have_text(
        "4 Dec 2026, 15:12 CET"
    )
    journey.shoot(paris, "the same thread in Paris time on a phone")

    # "Sleep on it": tomorrow morning is 08:00 where the author lives.
    author = User.objects.get(pk=thread["author"].pk)
    _set_zone(author, "America/Los_Angeles")
    with transaction.atomic():
        reply_create(
            author=author,
            topic=thread["topic"],
            content=content("A reply I am sleeping on before it goes out."),
            schedule_at=timezone.now() + datetime.timedelta(hours=2),
        )
    page = journey.new_page(User.objects.get(pk=author.pk), viewport=SMALL_PHONE)
    page.goto("/scheduled/")
    expect(page.locator(".scheduled-post .meta time")).to_have_text(re.compile(r" P[SD]T$"))
    morning = page.locator("select[name=action] option[value=morning]")
    expect(morning).to_have_text(
        re.compile(r"^Tomorrow morning: .*, 08:00 P[SD]T, your time zone$")
    )
    assert_accessible(journey, page, "scheduled posts")
    journey.shoot(page, "scheduled posts in Los Angeles time")


@pytest.mark.parametrize("viewport", [None, SMALL_PHONE], ids=["desktop", "phone-375"])
def test_settings_error_then_name_zone_and_email(
    journey: Journey, viewport: dict[str, int] | None
) -> None:
    member = make_verified_clinician(display_name="Lee Alvarez", handle="lee")
    page = journey.new_page(member, viewport=viewport, timezone_id="Asia/Tokyo")
    page.goto("/me/")
    page.get_by_role("link", name=re.compile("^Settings: your name")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Settings")
    assert_accessible(journey, page, "settings")

    page.get_by_label(re.compile(r"^Display name:?$")).fill("see www.lee-therapy.com")
    page.get_by_role("button", name="Save settings").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("cannot contain a web address")
    name = page.get_by_label(re.compile(r"^Display name:?$"))
    expect(name).to_have_attribute("aria-invalid", "true")
    described = name.get_attribute("aria-describedby") or ""
    assert "id_display_name_error" in described.split()
    expect(page.locator("#id_display_name_error")).to_contain_text("web address")
    assert_accessible(journey, page, "settings with an error")
    journey.shoot(page, "settings error summarised and tied to the input")

    summary.get_by_role("link").first.click()
    expect(name).to_be_focused()
    name.fill("Lee Alvarez")
    page.get_by_label(re.compile(r"^Credentials")).fill("LCSW, CCTP")
    # The browser says Tokyo: the page offers it.
    offer = page.locator("[data-browser-zone-offer]")
    expect(offer).to_contain_text("Asia/Tokyo")
    offer.get_by_role("button", name="Use it").click()
    expect(page.get_by_label(re.compile(r"^Time zone:?$"))).to_have_value("Asia/Tokyo")
    page.get_by_label("No email: I read notices on the site").check()
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Your settings are saved.")).to_be_visible()
    journey.shoot(page, "settings saved")
    member.refresh_from_db()
    assert (member.public_name, member.time_zone, member.email_notices) == (
        "Lee Alvarez, LCSW, CCTP",
        "Asia/Tokyo",
        "none",
    )
    expect(page.locator("header.site-header")).to_contain_text("Lee Alvarez, LCSW, CCTP")


def _photo_with_location() -> bytes:
    image = Image.new("RGB", (900, 600), (40, 110, 90))
    exif = Image.Exif()
    exif[0x0110] = "Pocket Camera 3000"
    exif[0x9003] = "2026:11:28 09:14:00"
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    return buffer.getvalue()


@pytest.mark.parametrize("viewport", [None, SMALL_PHONE], ids=["desktop", "phone-375"])
def test_a_profile_opens_from_a_byline(journey: Journey, viewport: dict[str, int] | None) -> None:
    thread = _thread(journey)
    author = User.objects.get(pk=thread["author"].pk)
    with transaction.atomic():
        held = topic_create(
            author=author,
            group=thread["group"],
            title="A topic still awaiting review",
            purpose=TopicPurpose.CASE_CONSULTATION,
            content=content("Not public yet."),
        )
    held_post = held.posts.get(number=1)
    wait_for_status(held_post.pk, PostStatus.PUBLISHED, PostStatus.HELD)
    Post.objects.filter(pk=held_post.pk).update(status=PostStatus.HELD)

    own = journey.new_page(author, viewport=viewport)
    own.goto("/me/settings/")
    own.get_by_label(re.compile(r"^Upload a new picture")).set_input_files(
        {"name": "me.jpg", "mimeType": "image/jpeg", "buffer": _photo_with_location()}
    )
    own.get_by_role("button", name="Upload picture").click()
    expect(own.get_by_text("Your picture is saved.")).to_be_visible()
    journey.shoot(own, "picture uploaded")

    reader = journey.new_page(User.objects.get(pk=thread["reader"].pk), viewport=viewport)
    reader.goto(f"/topics/{thread['topic'].pk}/")
    byline = reader.locator(f"#post-{thread['first'].pk} a.byline")
    expect(byline).to_have_text("Dana Whitfield, LPC")
    picture = byline.locator("img.avatar")
    expect(picture).to_be_visible()
    # Visible is not loaded: wait for the picture's bytes before reading its size.
    reader.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=picture.element_handle()
    )
    assert picture.evaluate("img => img.naturalWidth") == 256
    expect(reader.locator(f"#post-{thread['reply'].pk} .avatar.initials")).to_have_text("SO")
    journey.shoot(reader, "bylines with a picture and initials")
    byline.click()

    expect(reader.get_by_role("heading", level=1)).to_have_text("Dana Whitfield, LPC")
    expect(reader.locator(".badges")).to_contain_text("verified")
    expect(reader.get_by_role("region", name="Groups")).to_contain_text("CBT Consultation")
    posts = reader.get_by_role("region", name="Recent posts")
    expect(posts).to_contain_text(thread["topic"].title)
    expect(posts).not_to_contain_text("awaiting review")
    assert_accessible(journey, reader, "profile")
    journey.shoot(reader, "profile from the byline")
    src = reader.locator("img.avatar").first.get_attribute("src")
    response = reader.request.get(src)
    assert response.headers["content-type"] == "image/jpeg"
    assert b"Pocket Camera" not in response.body()


def test_search_snippets_show_the_text_as_written_with_the_matches_marked(
    journey: Journey,
) -> None:
    thread = _thread(journey)
    with transaction.atomic():
        reply = reply_create(
            author=thread["reader"],
            topic=thread["topic"],
            content=content(
                "For diaries I write <b>bold</b> reminders & keep AT&T's number nearby; "
                "zebrafish stickers help too."
            ),
        )
    wait_for_status(reply.pk, PostStatus.PUBLISHED)
    page = journey.new_page(User.objects.get(pk=thread["author"].pk), viewport=SMALL_PHONE)
    page.goto("/search/?q=zebrafish")
    snippet = page.locator(".search-results .snippet").first
    expect(snippet).to_contain_text("write <b>bold</b> reminders & keep AT&T's number")
    expect(snippet).not_to_contain_text("&lt;")
    expect(snippet.locator("mark")).to_have_text(["zebrafish"])
    assert_accessible(journey, page, "search")
    journey.shoot(page, "search snippet with the match marked")


def test_the_history_marks_changed_words_and_fits_a_375_pixel_phone(journey: Journey) -> None:
    thread = _thread(journey)
    first = thread["first"]
    edit_first_post(
        thread["topic"],
        "Sleep diaries come back half empty.\nHow do you keep adolescent clients logging?",
        "Narrowed the question to adolescents",
    )
    wait_for_status(first.pk, PostStatus.PUBLISHED)
    page = journey.new_page(User.objects.get(pk=thread["reader"].pk), viewport=SMALL_PHONE)
    page.goto(f"/posts/{first.pk}/history/")
    diff = page.get_by_role("group", name="Differences")
    expect(diff.locator("ins")).to_have_text(["adolescent "])
    expect(diff.locator("del")).to_have_count(0)
    gaps = diff.evaluate(
        """d => [...d.querySelectorAll('.diff-line')].slice(1).map((line) =>
             line.getBoundingClientRect().top
             - line.previousElementSibling.getBoundingClientRect().bottom)"""
    )
    assert gaps and max(gaps) < 1, f"blank gaps between diff lines: {gaps}"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SMALL_PHONE["width"], f"the page is {width}px wide on a 375px phone"
    expect(page.locator(".history-table td[data-label=Reason]").last).to_be_visible()
    assert_accessible(journey, page, "history on a phone")
    journey.shoot(page, "history with word marks on a 375px phone")
