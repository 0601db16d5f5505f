"""@mentions (issue 21 item 9), in Chromium against the real stack: a clinician signs up and
gets a handle from their name, changes it in settings and sees it on their profile; a
colleague mentions the new handle in a reply written with the composer's help; once the
worker has published it, the mentioned member sees the notice and opens the post. Each
page is checked with axe-core; one run at a 375 x 812 phone."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress

from accounts.models import User
from forum.choices import PostStatus
from forum.models import Membership, Post
from tests.accounts.helpers import grant_verified_license
from tests.conftest import make_verified_clinician
from tests.e2e.conftest import SMALL_PHONE, Journey, assert_accessible
from tests.e2e.helpers import cbt_group, expect, published_thread, wait_for_status

pytestmark = pytest.mark.e2e

PASSWORD = "a long calm passphrase 42"


@pytest.mark.parametrize("viewport", [None, SMALL_PHONE], ids=["desktop", "phone-375"])
def test_a_mention_of_a_new_handle_reaches_its_member(
    journey: Journey, viewport: dict[str, int] | None
) -> None:
    colleague = make_verified_clinician(display_name="Tom Becker", handle="tom")
    organizer = make_verified_clinician(display_name="Olivia Park", handle="olivia")
    make_verified_clinician(display_name="Jamie Lee", handle="jamie.lee")  # the name is taken
    group = cbt_group(organizer, colleague)
    topic, _ = published_thread(group, organizer, colleague)

    # Sign-up: the handle may be left empty; one is made from the display name.
    page = journey.new_page(viewport=viewport)
    page.goto("/accounts/signup/")
    expect(page.get_by_label(re.compile(r"^Handle for @mentions"))).to_be_visible()
    page.get_by_label(re.compile(r"^Email:?$")).fill("jamie.new@example.org")
    page.get_by_label(re.compile(r"^Display name:?$")).fill("Jamie Lee")
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label(re.compile(r"^Password \(again\):?$")).fill(PASSWORD)
    assert_accessible(journey, page, "sign-up with a handle field")
    journey.shoot(page, "sign-up offers a handle")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("verify", re.I))
    member = User.objects.get(email="jamie.new@example.org")
    assert member.handle == "jamie.lee2"
    EmailAddress.objects.filter(user=member).update(verified=True)
    grant_verified_license(member)
    Membership.objects.create(group=group, user=member, state=Membership.State.ACTIVE)

    # Settings: a bad handle is refused with a message; a good one is saved.
    jamie = journey.new_page(User.objects.get(pk=member.pk), viewport=viewport)
    jamie.goto("/me/settings/")
    handle = jamie.get_by_label(re.compile(r"^Handle:?$"))
    expect(handle).to_have_value("jamie.lee2")
    handle.fill("staff")
    jamie.get_by_role("button", name="Save settings").click()
    expect(jamie.locator(".error-summary")).to_contain_text("“@staff” is kept for the site")
    expect(jamie.get_by_label(re.compile(r"^Handle:?$"))).to_have_attribute("aria-invalid", "true")
    assert_accessible(journey, jamie, "settings with a refused handle")
    journey.shoot(jamie, "a reserved handle is refused")
    jamie.get_by_label(re.compile(r"^Handle:?$")).fill("Jamie.LMFT")
    jamie.get_by_role("button", name="Save settings").click()
    expect(jamie.locator(".messages")).to_contain_text("Your settings are saved.")
    assert User.objects.get(pk=member.pk).handle == "jamie.lmft"
    jamie.goto(f"/members/{member.pk}/")
    expect(jamie.locator(".profile-head")).to_contain_text("@jamie.lmft")
    assert_accessible(journey, jamie, "profile with the handle")
    journey.shoot(jamie, "the profile shows the handle")

    # The colleague mentions the new handle; the composer says how.
    tom = journey.new_page(colleague, viewport=viewport)
    tom.goto(f"/topics/{topic.pk}/")
    tom.get_by_role("link", name="Reply to this topic").click()
    expect(tom.locator("main")).to_contain_text("To mention a colleague, write @")
    tom.get_by_label("Body", exact=True).fill(
        "@jamie.lmft you ran a sleep-diary group last year: what kept people logging?"
    )
    tom.get_by_label("None", exact=True).check()
    tom.get_by_label("Not clinical advice").check()
    assert_accessible(journey, tom, "the composer's mention help")
    journey.shoot(tom, "a reply that mentions the new handle")
    tom.get_by_role("button", name="Post the reply").click()
    reply = Post.objects.filter(topic=topic, author=colleague).order_by("-number").first()
    assert reply is not None
    assert wait_for_status(reply.pk, PostStatus.PUBLISHED) == PostStatus.PUBLISHED

    # The mentioned member sees the notice and opens it.
    jamie.goto("/notifications/")
    notice = jamie.get_by_role("link", name=re.compile("Tom Becker mentioned you in"))
    expect(notice).to_be_visible()
    assert_accessible(journey, jamie, "the mention notice")
    journey.shoot(jamie, "the mention notice")
    notice.click()
    post = jamie.locator(f"#post-{reply.pk}")
    expect(post).to_contain_text("what kept people logging?")
    expect(post.locator(".handle")).to_have_text("@tom")
    expect(post.locator("a.byline")).to_have_attribute("title", "Tom Becker · @tom")
    assert_accessible(journey, jamie, "the mentioning reply")
    journey.shoot(jamie, "the mention opened")
