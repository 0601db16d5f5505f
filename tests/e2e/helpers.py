"""Data and waiting helpers shared by the browser journeys."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from accounts.models import User
from forum.choices import Disclaimer, PostStatus, TopicPurpose, TriggerWarning
from forum.models import Group, Membership, Post, Topic
from forum.posting import PostContent, post_edit, reply_create, topic_create
from tests import factories
from tests.conftest import make_verified_clinician
from tests.e2e.conftest import wait_until


def expect(locator: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def status_of(post_id: int) -> str:
    return str(Post.objects.values_list("status", flat=True).get(pk=post_id))


def wait_for_status(post_id: int, *statuses: str, timeout: float = 60) -> str:
    """The worker screens each revision; wait until the post reaches one of `statuses`."""
    return wait_until(
        lambda: (status := status_of(post_id)) in statuses and status,
        timeout=timeout,
    )


def cbt_group(organizer: User, *members: User) -> Group:
    group = factories.GroupFactory(
        created_by=organizer,
        name="CBT Consultation",
        slug="cbt",
        purpose="Peer consultation on CBT practice: formulation, exposure work and homework.",
        rules="De-identify every case. Disagree with the idea, not the person.",
    )
    factories.MembershipFactory(group=group, user=organizer, role=Membership.Role.ORGANIZER)
    for member in members:
        factories.MembershipFactory(group=group, user=member)
    Group.objects.filter(pk=group.pk).update(member_count=1 + len(members))
    return group


def content(
    body: str, *warnings: str, disclaimer: str = Disclaimer.NOT_CLINICAL_ADVICE
) -> PostContent:
    return PostContent(
        body=body,
        disclaimer=disclaimer,
        trigger_warnings=list(warnings) or [TriggerWarning.NONE],
    )


def screened_topic(
    group: Group,
    author: User,
    body: str,
    *,
    title: str = "Homework compliance in CBT for insomnia",
    statuses: tuple[str, ...] = (PostStatus.PUBLISHED,),
) -> Post:
    """A case-consultation topic written in this process; its first post, once the worker
    has screened it into one of `statuses` (published by default; HELD for a post with an
    identifier, which then has a case)."""
    with transaction.atomic():
        topic = topic_create(
            author=author,
            group=group,
            title=title,
            purpose=TopicPurpose.CASE_CONSULTATION,
            content=content(body),
        )
    post = topic.posts.get(number=1)
    wait_for_status(post.pk, *statuses)
    return post


def published_thread(group: Group, author: User, replier: User) -> tuple[Topic, Post]:
    """A topic and a reply to its first version, screened in this process and published."""
    with transaction.atomic():
        topic = topic_create(
            author=author,
            group=group,
            title="Homework compliance in CBT for insomnia",
            purpose=TopicPurpose.CASE_CONSULTATION,
            content=content(
                "Sleep diaries come back half empty.\nHow do you keep clients logging?"
            ),
        )
    with transaction.atomic():
        reply = reply_create(
            author=replier,
            topic=topic,
            content=content(
                "A paper diary on the nightstand works better than an app for many people."
            ),
        )
    return topic, reply


def edit_first_post(
    topic: Topic,
    body: str = (
        "Sleep diaries come back half empty.\n"
        "I now ask for three nights a week instead of seven.\n"
        "How do you keep clients logging?"
    ),
    reason: str = "Added what I changed",
) -> None:
    first = topic.posts.get(number=1)
    with transaction.atomic():
        post_edit(editor=first.author, post=first, content=content(body), reason=reason)


def warned_topic(group: Group, author: User) -> Topic:
    with transaction.atomic():
        return topic_create(
            author=author,
            group=group,
            title="Safety planning after a hospital discharge",
            purpose=TopicPurpose.CASE_CONSULTATION,
            content=content(
                "A client recently discharged after a suicide attempt asks to space sessions "
                "out. How do you weigh autonomy against the first weeks' risk?",
                TriggerWarning.SUICIDE_SELF_HARM,
                disclaimer=Disclaimer.DEIDENTIFIED,
            ),
        )


PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's password


def totp_code(secret: str) -> str:
    """The current RFC 6238 code for `secret`, with enough of its window left for a browser
    to type and submit it (tests.accounts.helpers.current_totp_code)."""
    from tests.accounts.helpers import current_totp_code

    return current_totp_code(secret, margin=8.0)


def sign_in(page: Any, email: str, *, password: str = PASSWORD, totp_secret: str = "") -> None:
    """Sign in through allauth's pages, with the authenticator code when asked for one."""
    page.goto("/accounts/login/")
    form = page.locator("form", has=page.locator("input[name=login]"))
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        form.locator("button[type=submit], input[type=submit]").last.click()
    if page.locator("input[name=code]").count():
        assert totp_secret, "this account asks for an authenticator code"
        page.locator("input[name=code]").fill(totp_code(totp_secret))
        # Enter submits the code's own form (the page's other button cancels the sign-in).
        with page.expect_navigation():
            page.locator("input[name=code]").press("Enter")
    assert "/accounts/login" not in page.url, f"still on the sign-in page: {page.url}"


MODERATOR_EMAIL = "morgan@example.org"


def totp_moderator(
    display_name: str = "Morgan Reed, LCSW",
    *,
    handle: str = "morgan",
    email: str = MODERATOR_EMAIL,
    **fields: Any,
) -> User:
    """A verified site moderator enrolled in TOTP with the test secret, so that
    sign_in_moderator passes the authenticator step (`fields`: more UserFactory fields)."""
    from tests.accounts.helpers import TEST_TOTP_SECRET, enroll_totp

    moderator = make_verified_clinician(
        display_name=display_name, handle=handle, email=email, is_moderator=True, **fields
    )
    enroll_totp(moderator, TEST_TOTP_SECRET)
    return moderator


def sign_in_moderator(page: Any, email: str = MODERATOR_EMAIL) -> None:
    """Sign in as a totp_moderator, passing the authenticator step with its code."""
    from tests.accounts.helpers import TEST_TOTP_SECRET

    sign_in(page, email, totp_secret=TEST_TOTP_SECRET)
