"""Journeys through the draft checks and the moderation queue, with the real worker."""

from __future__ import annotations

import re

import pytest

from forum.choices import PostStatus, TopicPurpose
from forum.models import Post, RevisionPublication
from tests.conftest import make_verified_clinician
from tests.e2e.conftest import Journey, wait_until
from tests.e2e.helpers import cbt_group, expect, published_thread, sign_in, wait_for_status

pytestmark = pytest.mark.e2e

UNCIVIL = (
    "Honestly, you clearly have no idea what you are doing. This is incompetent advice, "
    "and if you keep giving it I will report you to the licensing board."
)
CIVIL = (
    "I see this differently: in my practice, short daily logs work better than weekly "
    "ones. Happy to share the template I use."
)


def _write_reply(page: object, topic_id: int, body: str) -> None:
    page.goto(f"/topics/{topic_id}/reply/")  # type: ignore[attr-defined]
    page.get_by_label("Body", exact=True).fill(body)  # type: ignore[attr-defined]
    page.get_by_label("None", exact=True).check()  # type: ignore[attr-defined]
    page.get_by_role("button", name="Post the reply").click()  # type: ignore[attr-defined]


def test_an_uncivil_reply_is_slept_on_cancelled_posted_anyway_and_returns_after_an_edit(
    journey: Journey,
) -> None:
    from moderation.models import Case
    from tests.accounts.helpers import TEST_TOTP_SECRET

    author = make_verified_clinician(display_name="Dana Whitfield, LPC", handle="dana")
    target = make_verified_clinician(display_name="Sam Okafor, PsyD", handle="sam")
    organizer = make_verified_clinician(display_name="Olivia Park, LMFT", handle="olivia")
    make_verified_clinician(
        display_name="Morgan Reed, LCSW",
        handle="morgan",
        email="morgan@example.org",
        is_moderator=True,
    )
    group = cbt_group(organizer, author, target)
    topic, _ = published_thread(group, target, organizer)
    wait_for_status(topic.posts.get(number=1).pk, PostStatus.PUBLISHED)

    # Journey 5: the tone check, sleep on it, cancel; then post anyway.
    page = journey.new_page(author)
    _write_reply(page, topic.pk, UNCIVIL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Before you post: a second look")
    expect(page.locator(".check-tone")).to_be_visible()
    journey.shoot(page, "tone check interstitial")
    page.get_by_role("button", name="Sleep on it").click()
    scheduled = wait_until(
        lambda: Post.objects.filter(topic=topic, author=author, status=PostStatus.SCHEDULED).first()
    )
    page.goto("/scheduled/")
    card = page.locator(f"#scheduled-{scheduled.pk}")
    expect(card).to_contain_text("incompetent advice")
    journey.shoot(page, "the reply waits in scheduled posts")
    card.get_by_role("button", name="Cancel it").click()
    wait_until(lambda: Post.objects.get(pk=scheduled.pk).status == PostStatus.CANCELLED)
    journey.shoot(page, "scheduled reply cancelled")

    _write_reply(page, topic.pk, UNCIVIL)
    page.get_by_role("button", name="Post anyway").click()
    reply = (
        Post.objects.filter(topic=topic, author=author)
        .exclude(status=PostStatus.CANCELLED)
        .latest("pk")
    )
    wait_for_status(reply.pk, PostStatus.HELD, PostStatus.PUBLISHED)
    case = wait_until(lambda: Case.objects.filter(post=reply).first())
    page.goto(f"/topics/{topic.pk}/")
    journey.shoot(page, "the author sees the reply after posting anyway")

    # Journey 6: the moderator (MFA) asks the author to edit.
    moderator_page = journey.new_page()
    sign_in(moderator_page, "morgan@example.org", totp_secret=TEST_TOTP_SECRET)
    moderator_page.goto("/admin/moderation/case/")
    journey.shoot(moderator_page, "the case in the moderation queue")
    moderator_page.get_by_role("link", name=re.compile("Homework compliance")).first.click()
    if moderator_page.get_by_role("button", name="Claim this case").count():
        moderator_page.get_by_role("button", name="Claim this case").click()
    moderator_page.get_by_label("Ask the author to edit").check()
    moderator_page.get_by_label("Reason (required)").fill(
        "Disagree with the advice, not the person: please rephrase without the threat."
    )
    journey.shoot(moderator_page, "moderator asks for an edit")
    moderator_page.get_by_role("button", name="Record the decision").click()
    expect(
        moderator_page.get_by_text(re.compile("resolved: Ask the author to edit"))
    ).to_be_visible()
    assert wait_for_status(reply.pk, PostStatus.NEEDS_EDIT) == PostStatus.NEEDS_EDIT
    case.refresh_from_db()

    page.goto("/notifications/")
    journey.shoot(page, "the author is told the outcome")
    page.goto(f"/moderation/cases/{case.pk}/")
    if "cases" not in page.url or page.get_by_role("link", name="Edit your post").count() == 0:
        page.goto(f"/posts/{reply.pk}/edit/")
    else:
        expect(page.get_by_text("Ask the author to edit")).to_be_visible()
        journey.shoot(page, "the case page with the rule and reason")
        page.get_by_role("link", name="Edit your post").click()
    page.get_by_label("Body", exact=True).fill(CIVIL)
    page.get_by_label("Reason for the edit").fill("Rephrased after the moderator's note")
    page.get_by_role("button", name="Save the edit").click()
    assert wait_for_status(reply.pk, PostStatus.PUBLISHED) == PostStatus.PUBLISHED

    reader = journey.new_page(target)
    reader.goto(f"/topics/{topic.pk}/")
    returned = reader.locator(f"#post-{reply.pk}")
    expect(returned).to_contain_text("short daily logs")
    # Readers count the versions they could read (forum/revision_numbers.py): when the
    # uncivil first version was held, never published, the rephrased one is their first
    # and only version, with no "edited" mark that would tell of the held one.
    published = RevisionPublication.objects.filter(revision__post=reply).count()
    edited = returned.get_by_role("link", name=re.compile("edited"))
    if published > 1:
        expect(edited).to_be_visible()
    else:
        expect(edited).to_have_count(0)
    journey.shoot(reader, "the edited reply is back for readers")


def test_a_draft_with_a_clients_name_and_birth_date_is_stopped_by_the_privacy_check(
    journey: Journey,
) -> None:
    author = make_verified_clinician(display_name="Dana Whitfield, LPC", handle="dana")
    organizer = make_verified_clinician(display_name="Olivia Park, LMFT", handle="olivia")
    cbt_group(organizer, author)

    page = journey.new_page(author)
    page.goto("/groups/cbt/new-topic/")
    page.get_by_label("Title", exact=True).fill("Exposure hierarchy for a contamination fear")
    page.get_by_label("Purpose", exact=True).select_option(TopicPurpose.CASE_CONSULTATION)
    page.get_by_label("Body", exact=True).fill(
        "My client Maria Gonzalez (DOB 03/14/1987) washes her hands forty times a day. "
        "How would you build the first rungs of the hierarchy?"
    )
    page.get_by_label("None", exact=True).check()
    page.get_by_role("button", name="Post the topic").click()

    privacy = page.locator(".check-privacy")
    expect(privacy).to_be_visible()
    expect(privacy).to_contain_text("Maria Gonzalez")
    expect(privacy).to_contain_text("03/14/1987")
    expect(page.get_by_text("Your post is not published yet.")).to_be_visible()
    journey.shoot(page, "privacy check stops the draft")
    assert not Post.objects.filter(author=author).exists()

    page.get_by_label("Body", exact=True).fill(
        "A client in her 30s washes her hands many times a day. "
        "How would you build the first rungs of the hierarchy?"
    )
    page.get_by_role("button", name="Post the topic").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Exposure hierarchy for a contamination fear"
    )
    post = Post.objects.get(author=author)
    assert wait_for_status(post.pk, PostStatus.PUBLISHED, PostStatus.HELD) == PostStatus.PUBLISHED
    journey.shoot(page, "the de-identified topic is posted")
