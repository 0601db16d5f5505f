"""Journeys through the forum core: groups, topics with warnings, visible edit history."""

from __future__ import annotations

import pytest

from forum.choices import PostStatus, TopicPurpose
from forum.models import Group, Topic
from tests.conftest import make_verified_clinician
from tests.e2e.conftest import Journey
from tests.e2e.helpers import cbt_group, expect, published_thread, wait_for_status

pytestmark = pytest.mark.e2e


def test_an_organizer_opens_a_group_that_appears_in_the_directory(journey: Journey) -> None:
    organizer = make_verified_clinician(
        display_name="Olivia Park, LMFT", handle="olivia", is_organizer=True
    )
    page = journey.new_page(organizer)

    page.goto("/groups/")
    page.get_by_role("link", name="Open a group").click()
    expect(page.get_by_role("heading", name="Open a group")).to_be_visible()
    page.get_by_label("Name", exact=True).fill("Washington Trauma Clinicians")
    page.get_by_label("Regional", exact=True).check()
    page.get_by_label("Region", exact=True).select_option("US-WA")
    page.get_by_label("Purpose", exact=True).fill(
        "Washington-licensed clinicians sharing trauma-informed referrals and board news."
    )
    page.get_by_label("Rules", exact=True).fill(
        "De-identify every case. Disagree with the idea, not the person."
    )
    journey.shoot(page, "group form filled")
    page.get_by_role("button", name="Open the group").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Washington Trauma Clinicians")
    expect(page.get_by_role("region", name="Purpose")).to_contain_text(
        "trauma-informed referrals and board news"
    )
    expect(page.get_by_text("Washington Trauma Clinicians is open.")).to_be_visible()
    journey.shoot(page, "new group page")

    page.get_by_role("link", name="Groups", exact=True).click()
    card = page.locator(".group-card", has_text="Washington Trauma Clinicians")
    expect(card).to_be_visible()
    expect(card).to_contain_text("trauma-informed referrals")
    journey.shoot(page, "directory lists the group")

    visitor = journey.new_page()
    visitor.goto("/groups/")
    expect(visitor.get_by_role("link", name="Washington Trauma Clinicians")).to_be_visible()
    group = Group.objects.get(name="Washington Trauma Clinicians")
    assert group.created_by == organizer
    assert group.region == "US-WA"


def test_a_warned_topic_stays_collapsed_until_another_member_opens_it(journey: Journey) -> None:
    author = make_verified_clinician(display_name="Dana Whitfield, LPC", handle="dana")
    reader = make_verified_clinician(display_name="Sam Okafor, PsyD", handle="sam")
    organizer = make_verified_clinician(display_name="Olivia Park", handle="olivia")
    cbt_group(organizer, author, reader)
    body = (
        "How do you pace safety planning with an adolescent who reports urges to self-harm "
        "after school? I write the plan with them and review it every week."
    )

    page = journey.new_page(author)
    page.goto("/groups/cbt/")
    page.get_by_role("link", name="Start a topic").click()
    page.get_by_label("Title", exact=True).fill("Pacing safety planning with a teen")
    page.get_by_label("Purpose", exact=True).select_option(TopicPurpose.CASE_CONSULTATION)
    page.get_by_label("Body", exact=True).fill(body)
    page.get_by_label("Suicide or self-harm").check()
    page.get_by_label("Case details are de-identified").check()
    journey.shoot(page, "composer filled")
    page.get_by_role("button", name="Post the topic").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Pacing safety planning with a teen")
    topic = Topic.objects.get(title="Pacing safety planning with a teen")
    first = topic.posts.get(number=1)
    journey.shoot(page, "author sees the new topic")
    assert wait_for_status(first.pk, PostStatus.PUBLISHED, PostStatus.HELD) == PostStatus.PUBLISHED

    other = journey.new_page(reader)
    other.goto("/groups/cbt/")
    other.get_by_role("link", name="Pacing safety planning with a teen").click()
    post = other.locator(f"#post-{first.pk}")
    warning = post.locator("details.warned")
    expect(warning.locator("summary")).to_contain_text("Content warning: Suicide or self-harm")
    expect(post).to_contain_text("Disclaimer: Case details are de-identified")
    expect(post.get_by_text("I write the plan with them")).to_be_hidden()
    journey.shoot(other, "reader sees the warning, body collapsed")

    warning.locator("summary").click()
    expect(post.get_by_text("I write the plan with them")).to_be_visible()
    journey.shoot(other, "reader opened the body")


def test_an_edit_shows_in_the_history_and_the_earlier_reply_says_what_it_answered(
    journey: Journey,
) -> None:
    author = make_verified_clinician(display_name="Dana Whitfield, LPC", handle="dana")
    replier = make_verified_clinician(display_name="Sam Okafor, PsyD", handle="sam")
    organizer = make_verified_clinician(display_name="Olivia Park", handle="olivia")
    group = cbt_group(organizer, author, replier)
    topic, reply = published_thread(group, author, replier)
    first = topic.posts.get(number=1)
    wait_for_status(first.pk, PostStatus.PUBLISHED)
    wait_for_status(reply.pk, PostStatus.PUBLISHED)

    page = journey.new_page(author)
    page.goto(f"/topics/{topic.pk}/")
    page.locator(f"#post-{first.pk}").get_by_role("link", name="Edit").click()
    expect(page.get_by_role("heading", name="Edit your post")).to_be_visible()
    page.get_by_label("Body", exact=True).fill(
        "Sleep diaries come back half empty.\n"
        "I now ask for three nights a week instead of seven.\n"
        "How do you keep clients logging?"
    )
    page.get_by_label("Reason for the edit").fill("Added what I changed")
    journey.shoot(page, "edit form")
    page.get_by_role("button", name="Save the edit").click()
    expect(page.get_by_text("Your edit is saved")).to_be_visible()
    assert first.revisions.count() == 2
    wait_for_status(first.pk, PostStatus.PUBLISHED)

    reader = journey.new_page(replier)
    reader.goto(f"/topics/{topic.pk}/")
    edited = reader.locator(f"#post-{first.pk}").get_by_role("link", name="edited (1 time)")
    expect(edited).to_be_visible()
    expect(reader.locator(f"#post-{reply.pk}")).to_contain_text(
        "This reply answered an earlier version"
    )
    journey.shoot(reader, "topic marks the edit and the earlier answer")

    edited.click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("History of post #1")
    expect(reader.get_by_role("cell", name="Added what I changed")).to_be_visible()
    diff = reader.locator(".diff")
    expect(diff.locator(".diff-insert")).to_contain_text(
        "I now ask for three nights a week instead of seven."
    )
    journey.shoot(reader, "history with diff")

    reader.go_back()
    reader.locator(f"#post-{reply.pk}").get_by_role("link", name="an earlier version").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Version 1 of post #1")
    expect(reader.locator("article")).not_to_contain_text("three nights a week")
    journey.shoot(reader, "the version the reply answered")
