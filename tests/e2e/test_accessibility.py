"""axe-core on the pages people use most, the keyboard alone, and pages without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from accounts.models import User
from forum.choices import PostStatus
from forum.models import Group, Topic
from tests.conftest import make_verified_clinician
from tests.e2e.conftest import Journey, assert_accessible
from tests.e2e.helpers import (
    cbt_group,
    edit_first_post,
    expect,
    published_thread,
    wait_for_status,
    warned_topic,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def forum(live: Any) -> dict[str, Any]:
    """A group with a warned topic and an edited, answered topic, all published."""
    author = make_verified_clinician(display_name="Dana Whitfield, LPC", handle="dana")
    reader = make_verified_clinician(display_name="Sam Okafor, PsyD", handle="sam")
    organizer = make_verified_clinician(display_name="Olivia Park, LMFT", handle="olivia")
    group = cbt_group(organizer, author, reader)
    warned = warned_topic(group, author)
    topic, reply = published_thread(group, author, reader)
    edit_first_post(topic)
    for post in [warned.posts.get(number=1), topic.posts.get(number=1), reply]:
        wait_for_status(post.pk, PostStatus.PUBLISHED)
    return {
        "author": author,
        "reader": reader,
        "group": group,
        "warned": warned,
        "topic": topic,
        "first": topic.posts.get(number=1),
    }


MEMBER_PAGES = {
    "home": lambda f: "/",
    "directory": lambda f: "/groups/",
    "group": lambda f: f"/groups/{f['group'].slug}/",
    "topic with a warning": lambda f: f"/topics/{f['warned'].pk}/",
    "edited topic": lambda f: f"/topics/{f['topic'].pk}/",
    "topic composer": lambda f: f"/groups/{f['group'].slug}/new-topic/",
    "reply composer": lambda f: f"/topics/{f['topic'].pk}/reply/",
    "edit form": lambda f: f"/posts/{f['first'].pk}/edit/",
    "history": lambda f: f"/posts/{f['first'].pk}/history/",
    "revision": lambda f: f"/posts/{f['first'].pk}/revisions/1/",
    "search": lambda f: "/search/?q=diary",
    "notifications": lambda f: "/notifications/",
}


def test_member_pages_have_no_serious_accessibility_violations(
    journey: Journey, forum: dict[str, Any]
) -> None:
    page = journey.new_page(forum["author"])
    failures = []
    for name, path in MEMBER_PAGES.items():
        page.goto(path(forum))
        if name == "topic with a warning":
            page.locator("details.warned summary").first.click()
        try:
            assert_accessible(journey, page, name)
        except AssertionError as error:
            failures.append(str(error))
        journey.shoot(page, name)
    assert not failures, "\n\n".join(failures)


def _check_pages(journey: Journey, page: Any, pages: dict[str, str]) -> None:
    failures = []
    for name, path in pages.items():
        page.goto(path)
        try:
            assert_accessible(journey, page, name)
        except AssertionError as error:
            failures.append(str(error))
        journey.shoot(page, name)
    assert not failures, "\n\n".join(failures)


def test_visitor_pages_have_no_serious_accessibility_violations(
    journey: Journey, forum: dict[str, Any]
) -> None:
    page = journey.new_page()
    _check_pages(
        journey, page, {"landing": "/", "visitor group": f"/groups/{forum['group'].slug}/"}
    )


def test_sign_up_and_sign_in_have_no_serious_accessibility_violations(journey: Journey) -> None:
    page = journey.new_page()
    page.goto("/accounts/signup/")
    # allauth's pages are overridden to use the site's layout (templates/allauth/).
    expect(page.locator("header.site-header")).to_have_count(1)
    _check_pages(journey, page, {"sign-up": "/accounts/signup/", "sign-in": "/accounts/login/"})


def test_the_license_page_has_no_serious_accessibility_violations(journey: Journey) -> None:
    member = make_verified_clinician(display_name="Lee Alvarez, LCSW", handle="lee")
    path = reverse("accounts:license_add")
    page = journey.new_page(member)
    page.goto(path)
    assert_accessible(journey, page, "license page")
    journey.shoot(page, "license page")


def _focused(page: Any) -> dict[str, str]:
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          const style = getComputedStyle(el);
          return {
            tag: el.tagName.toLowerCase(), type: el.type || '', name: el.name || '',
            value: el.value || '', text: (el.innerText || '').trim().slice(0, 60),
            outline: style.outlineStyle, shadow: style.boxShadow,
          };
        }"""
    )


def test_a_member_writes_and_posts_a_topic_with_the_keyboard_alone(
    journey: Journey, forum: dict[str, Any]
) -> None:
    page = journey.new_page(forum["reader"])
    page.goto(f"/groups/{forum['group'].slug}/new-topic/")

    page.keyboard.press("Tab")
    assert _focused(page)["text"] == "Skip to content"
    page.keyboard.press("Enter")

    done: set[str] = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        focus = _focused(page)
        assert focus["outline"] != "none" or focus["shadow"] != "none", (
            f"no visible focus indicator on {focus}"
        )
        name = focus["name"]
        if name == "title":
            page.keyboard.type("Keyboard-only check of the composer")
        elif name == "purpose":
            page.keyboard.type("Resource")  # a select picks the option that starts with it
        elif name == "body":
            page.keyboard.type("A short list of free CBT worksheets I use for sleep hygiene.")
        elif name == "trigger_warnings" and focus["value"] == "none":
            page.keyboard.press("Space")
        elif focus["tag"] == "button" and focus["text"] == "Post the topic":
            journey.shoot(page, "composer filled with the keyboard")
            page.keyboard.press("Enter")
            break
        else:
            continue  # links, other warnings, the disclaimer radios keep their defaults
        done.add(name)
    else:
        pytest.fail(f"never reached the submit button; filled {sorted(done)}")

    assert {"title", "purpose", "body", "trigger_warnings"} <= done
    expect(page.get_by_role("heading", level=1)).to_have_text("Keyboard-only check of the composer")
    topic = Topic.objects.get(title="Keyboard-only check of the composer")
    assert topic.purpose == "resource"
    assert topic.posts.get(number=1).current_revision.trigger_warnings == ["none"]
    journey.shoot(page, "topic posted with the keyboard")


def test_reading_and_replying_work_without_javascript(
    journey: Journey, forum: dict[str, Any]
) -> None:
    page = journey.new_page(forum["reader"], javascript=False)
    page.goto(f"/groups/{forum['group'].slug}/")
    page.get_by_role("link", name=forum["warned"].title).click()
    post = page.locator("article.post").first
    expect(post.get_by_text("autonomy against the first")).to_be_hidden()
    post.locator("summary").click()
    expect(post.get_by_text("autonomy against the first")).to_be_visible()

    page.get_by_role("link", name="Reply to this topic").click()
    page.get_by_label("Body", exact=True).fill(
        "I agree the first weeks matter most; I keep a check-in call between sessions."
    )
    page.get_by_label("Suicide or self-harm").check()
    page.get_by_role("button", name="Post the reply").click()
    topic: Topic = forum["warned"]
    reply = topic.posts.get(number=2)
    expect(page.locator(f"#post-{reply.pk}")).to_be_visible()
    journey.shoot(page, "reply posted without javascript")


def test_held_posts_are_marked_awaiting_review_for_their_author(
    journey: Journey, forum: dict[str, Any]
) -> None:
    from forum.posting import post_set_status

    author: User = forum["author"]
    group: Group = forum["group"]
    first = forum["first"]
    post_set_status(post_id=first.pk, status=PostStatus.HELD)
    page = journey.new_page(author)
    page.goto(f"/topics/{first.topic_id}/")
    expect(page.locator(f"#post-{first.pk}")).to_contain_text("Awaiting review")
    journey.shoot(page, "held post marked for its author")
    page.goto(f"/groups/{group.slug}/")
    expect(page.locator(".topic-row", has_text=first.topic.title)).to_contain_text(
        "Awaiting review"
    )
    journey.shoot(page, "held topic marked for its author")
