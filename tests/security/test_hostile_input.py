"""Hostile input: every forum form field and query parameter takes the naughty strings.

For each string: no 500; when the form accepts it, it is stored as given (titles and
one-line fields lose surrounding whitespace, as every Django CharField does); when it
refuses it, the page says why; and no page shows executable markup that came from it.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from forum import nudges
from forum.choices import Disclaimer, GroupKind, MembershipPolicy, PostStatus, TopicPurpose
from forum.models import Group, Membership, Post, Topic
from forum.posting import reply_create
from tests import factories
from tests.security.naughty import chunks, foreign_markup, naughty_strings

pytestmark = pytest.mark.django_db

NAUGHTY = naughty_strings()
SIZE = 45
CHUNKS = chunks(NAUGHTY, SIZE)
CHUNK_IDS = [f"strings-{i * SIZE}-{i * SIZE + len(c) - 1}" for i, c in enumerate(CHUNKS)]


def test_the_naughty_list_is_there() -> None:
    # Guards against a silent pass: the list ships in ../shared/data.
    assert len(NAUGHTY) > 150


@pytest.fixture(autouse=True)
def _no_rate_limits(settings: object) -> None:
    # These tests send hundreds of requests from one client; the limits have their own tests.
    settings.FORUM_POSTING_RATE_LIMIT = None  # type: ignore[attr-defined]
    settings.FORUM_DRAFT_CHECK_RATE_LIMIT = None  # type: ignore[attr-defined]
    settings.MODERATION_FLAG_RATE_LIMIT = None  # type: ignore[attr-defined]
    settings.ACCOUNT_RATE_LIMITS = False  # type: ignore[attr-defined]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]  # noqa: E501


def _post_data(text: str, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": text,
        "purpose": TopicPurpose.OTHER,
        "body": text,
        "trigger_warnings": ["none"],
        "disclaimer": Disclaimer.CUSTOM,
        "disclaimer_text": text,
    }
    data.update(overrides)
    return data


def _page(client: Client, url: str) -> tuple[int, str]:
    response = client.get(url)
    return response.status_code, response.content.decode("utf-8", errors="replace")


def _refusal_is_explained(html: str) -> bool:
    # Either a form error, or the pre-publish checks (tone, privacy) asking the author to
    # review the draft; both show the draft again in the composer.
    return 'name="body"' in html and (
        "errorlist" in html or "error" in html.lower() or "check" in html.lower()
    )


@pytest.mark.parametrize("strings", CHUNKS, ids=CHUNK_IDS)
def test_topics_take_naughty_strings(
    strings: list[str], client: Client, clinician: User, group: Group, topic: Topic
) -> None:
    client.force_login(clinician)
    base_topic_url = topic.get_absolute_url()
    baseline_topic = _page(client, base_topic_url)[1]
    baseline_group = _page(client, group.get_absolute_url())[1]
    create_url = reverse("forum:topic_create", args=[group.slug])
    failures: list[str] = []
    accepted = 0
    for text in strings:
        before = Topic.objects.count()
        response = client.post(create_url, _post_data(text))
        if response.status_code >= 500 or response.status_code not in (200, 302):
            failures.append(f"{text!r}: topic create answered {response.status_code}")
            continue
        if response.status_code == 200:
            if not _refusal_is_explained(response.content.decode()):
                failures.append(f"{text!r}: refused without a message")
            if Topic.objects.count() != before:
                failures.append(f"{text!r}: refused but stored")
            continue
        accepted += 1
        created = Topic.objects.order_by("-pk").first()
        assert created is not None
        post = created.posts.select_related("current_revision").get()
        revision = post.current_revision
        if created.title != text.strip():
            failures.append(f"{text!r}: title stored as {created.title!r}")
        if revision.body != text:
            failures.append(f"{text!r}: body stored as {revision.body!r}")
        if revision.disclaimer_text != text.strip():
            failures.append(f"{text!r}: disclaimer stored as {revision.disclaimer_text!r}")

        status, html = _page(client, created.get_absolute_url())
        if status != 200:
            failures.append(f"{text!r}: topic page answered {status}")
        if found := foreign_markup(html, baseline_topic):
            failures.append(f"{text!r}: topic page has {found}")
        if "<" in text.strip() and text.strip() in html:
            failures.append(f"{text!r}: shown unescaped on the topic page")

    status, html = _page(client, group.get_absolute_url())
    assert status == 200
    assert foreign_markup(html, baseline_group) == []
    assert failures == []
    # Most strings are ordinary text: a form that refused them all would prove nothing.
    assert accepted >= len(strings) // 2


@pytest.mark.parametrize("strings", CHUNKS, ids=CHUNK_IDS)
def test_edits_reasons_and_diffs_take_naughty_strings(
    strings: list[str], client: Client, clinician: User, topic: Topic
) -> None:
    """One post edited once per string; the history and the diff of each pair stay inert."""
    client.force_login(clinician)
    post = topic.posts.get()
    history_url = reverse("forum:post_history", args=[post.pk])
    baseline = _page(client, history_url)[1]
    failures: list[str] = []
    numbers: list[int] = []
    for text in strings:
        response = client.post(
            reverse("forum:post_edit", args=[post.pk]),
            _post_data(text + "\nedited", reason=text),
        )
        if response.status_code not in (200, 302):
            failures.append(f"{text!r}: edit answered {response.status_code}")
            continue
        if response.status_code == 200:
            continue
        newest = post.revisions.order_by("-number").first()
        assert newest is not None
        numbers.append(newest.number)
        if newest.reason != text.strip() or newest.body != text + "\nedited":
            failures.append(f"{text!r}: stored as {newest.reason!r} / {newest.body!r}")
    for a, b in zip(numbers, numbers[1:], strict=False):
        status, html = _page(client, f"{history_url}?a={a}&b={b}")
        if status != 200:
            failures.append(f"diff {a}..{b}: {status}")
        if found := foreign_markup(html, baseline):
            failures.append(f"diff {a}..{b}: {found}")
    for number in numbers[:: max(1, len(numbers) // 8)]:
        status, html = _page(client, reverse("forum:revision", args=[post.pk, number]))
        if status != 200 or foreign_markup(html, baseline):
            failures.append(f"revision {number}: {status} {foreign_markup(html, baseline)}")
    assert failures == []
    assert len(numbers) >= len(strings) // 2


@pytest.mark.parametrize("strings", CHUNKS, ids=CHUNK_IDS)
def test_replies_take_naughty_strings(
    strings: list[str], client: Client, other_clinician: User, topic: Topic
) -> None:
    client.force_login(other_clinician)
    reply_url = reverse("forum:reply", args=[topic.pk])
    failures: list[str] = []
    for text in strings:
        before = Post.objects.count()
        response = client.post(reply_url, _post_data(text, is_correction="on"))
        if response.status_code not in (200, 302):
            failures.append(f"{text!r}: reply answered {response.status_code}")
            continue
        if response.status_code == 200:
            if Post.objects.count() != before:
                failures.append(f"{text!r}: refused but stored")
            continue
        reply = Post.objects.select_related("current_revision").order_by("-pk").first()
        assert reply is not None
        if reply.current_revision.body != text:
            failures.append(f"{text!r}: reply stored as {reply.current_revision.body!r}")
    assert failures == []
    # The thread with every one of these replies (its last page and the author's view).
    baseline = _page(client, reverse("forum:topic", args=[topic.pk]))[1]
    for page in range(1, 5):
        status, html = _page(client, f"{reverse('forum:topic', args=[topic.pk])}?page={page}")
        assert status == 200
        assert foreign_markup(html, baseline) == []


def _query_urls(topic: Topic, post: Post, group: Group, text: str) -> list[tuple[str, dict]]:
    return [
        (reverse("forum:directory"), {"q": text, "kind": text, "region": text, "modality": text}),
        (reverse("forum:search"), {"q": text}),
        (reverse("forum:group", args=[group.slug]), {"page": text}),
        (reverse("forum:topic", args=[topic.pk]), {"page": text}),
        (reverse("forum:post_history", args=[post.pk]), {"a": text, "b": text}),
        (reverse("forum:reply", args=[topic.pk]), {"to": text}),
        (reverse("account_login"), {"next": text}),
    ]


@pytest.mark.parametrize("strings", CHUNKS, ids=CHUNK_IDS)
def test_query_parameters_take_naughty_strings(
    strings: list[str], client: Client, clinician: User, group: Group, topic: Topic
) -> None:
    client.force_login(clinician)
    post = topic.posts.get()
    baselines = {
        url + str(sorted(params)): _page(client, url)[1]
        for url, params in _query_urls(topic, post, group, "x")
    }
    failures: list[str] = []
    for text in strings:
        for url, params in _query_urls(topic, post, group, text):
            response = client.get(url, params)
            if response.status_code >= 500:
                failures.append(f"{url} {params}: {response.status_code}")
                continue
            html = response.content.decode("utf-8", errors="replace")
            if found := foreign_markup(html, baselines[url + str(sorted(params))]):
                failures.append(f"{url} {text!r}: {found}")
    assert failures == []


@pytest.mark.parametrize("strings", CHUNKS, ids=CHUNK_IDS)
def test_groups_take_naughty_strings(strings: list[str], client: Client, organizer: User) -> None:
    client.force_login(organizer)
    baseline = _page(client, reverse("forum:directory"))[1]
    failures: list[str] = []
    for index, text in enumerate(strings):
        data = {
            "name": text,
            "kind": GroupKind.MODALITY,
            "modality": "cbt",
            "purpose": text,
            "rules": text,
            "membership_policy": MembershipPolicy.OPEN,
        }
        before = Group.objects.count()
        response = client.post(reverse("forum:group_create"), data)
        if response.status_code not in (200, 302):
            failures.append(f"{text!r}: group create answered {response.status_code}")
            continue
        if response.status_code == 200:
            if Group.objects.count() != before:
                failures.append(f"{text!r}: refused but stored")
            continue
        created = Group.objects.order_by("-pk").first()
        assert created is not None
        if created.name != text.strip() or created.purpose != text.strip():
            failures.append(f"{text!r}: stored as {created.name!r} / {created.purpose!r}")
        status, html = _page(client, created.get_absolute_url())
        if status != 200:
            failures.append(f"{text!r}: group page answered {status} ({index})")
        if found := foreign_markup(html, baseline):
            failures.append(f"{text!r}: group page has {found}")
    status, html = _page(client, reverse("forum:directory"))
    assert status == 200
    assert foreign_markup(html, baseline) == []
    assert failures == []


@pytest.mark.parametrize("strings", CHUNKS, ids=CHUNK_IDS)
def test_sign_up_license_flag_and_draft_check_take_naughty_strings(
    strings: list[str], client: Client, other_clinician: User, topic: Topic,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from accounts.models import License
    from moderation.models import Flag

    post = topic.posts.get(number=1)
    failures: list[str] = []
    signup_baseline = Client().post(
        reverse("account_signup"), {"email": "x", "password1": "x", "password2": "x"}
    )
    signup_baseline_html = signup_baseline.content.decode()
    for text in strings:
        anonymous = Client()
        response = anonymous.post(
            reverse("account_signup"), {"email": text, "password1": text, "password2": text}
        )
        if response.status_code >= 500:
            failures.append(f"{text!r}: sign-up answered {response.status_code}")
        elif found := foreign_markup(
            response.content.decode("utf-8", errors="replace"), signup_baseline_html
        ):
            failures.append(f"{text!r}: sign-up page has {found}")

    client.force_login(other_clinician)
    check_baseline = client.post(
        reverse("forum:draft_check"),
        {"body": "Plain words", "title": "Plain", "composer": "topic"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    for text in strings:
        before = License.objects.count()
        response = client.post(
            reverse("accounts:license_add"),
            {
                "license_type": "LPC",
                "jurisdiction": "US-WA",
                "number": text,
                "holder_name": text,
                "expires_on": text,
                "npi": text,
            },
        )
        if response.status_code >= 500:
            failures.append(f"{text!r}: license form answered {response.status_code}")
        elif response.status_code == 200 and License.objects.count() != before:
            failures.append(f"{text!r}: license form refused but stored")

        response = client.post(
            reverse("moderation:flag", args=[post.pk]), {"reason": "other", "text": text}
        )
        if response.status_code >= 500:
            failures.append(f"{text!r}: flag answered {response.status_code}")
        flag = Flag.objects.filter(post=post, member=other_clinician).first()
        if flag is not None:
            if flag.text != text.strip():
                failures.append(f"{text!r}: flag stored as {flag.text!r}")
            flag.delete()

        response = client.post(
            reverse("forum:draft_check"),
            {"body": text, "title": text, "composer": "topic"},
            HTTP_HX_REQUEST="true",
        )
        if response.status_code >= 500:
            failures.append(f"{text!r}: draft check answered {response.status_code}")
        elif found := foreign_markup(
            response.content.decode("utf-8", errors="replace"), check_baseline
        ):
            failures.append(f"{text!r}: draft check shows {found}")
    assert failures == []


def test_scheduled_actions_and_membership_decisions_take_naughty_strings(
    client: Client, clinician: User, outsider: User, organizer: User, group: Group, topic: Topic
) -> None:
    """Unknown actions and decisions change nothing and say so; nothing foreign is shown."""
    scheduled = reply_create(
        author=clinician,
        topic=topic,
        content=factories.content("A reply I slept on"),
        schedule_at=timezone.now() + timedelta(hours=2),
    )
    when = Post.objects.get(pk=scheduled.pk).scheduled_for
    group.membership_policy = MembershipPolicy.APPROVAL
    group.save()
    pending = Membership.objects.create(group=group, user=outsider, state=Membership.State.PENDING)
    known = {"cancel", "now", *nudges.SLEEP_CHOICES, "1", "0"}
    strings = [text for text in NAUGHTY if text not in known]
    client.force_login(clinician)
    baseline = _page(client, reverse("forum:scheduled"))[1]
    failures: list[str] = []
    for text in strings:
        response = client.post(
            reverse("forum:scheduled_action", args=[scheduled.pk]), {"action": text}, follow=True
        )
        html = response.content.decode("utf-8", errors="replace")
        if response.status_code != 200 or "Unknown action." not in html:
            failures.append(f"scheduled {text!r}: {response.status_code}")
        if found := foreign_markup(html, baseline):
            failures.append(f"scheduled {text!r}: {found}")
    post = Post.objects.get(pk=scheduled.pk)
    assert (post.status, post.scheduled_for) == (PostStatus.SCHEDULED, when)
    client.force_login(organizer)
    members_url = reverse("forum:group_members", args=[group.slug])
    baseline = _page(client, members_url)[1]
    for text in strings:
        response = client.post(
            reverse("forum:membership_decide", args=[group.slug, pending.pk]),
            {"approve": text},
            follow=True,
        )
        html = response.content.decode("utf-8", errors="replace")
        if response.status_code != 200 or "Choose Approve or Decline." not in html:
            failures.append(f"decide {text!r}: {response.status_code}")
        if found := foreign_markup(html, baseline):
            failures.append(f"decide {text!r}: {found}")
    pending.refresh_from_db()
    assert pending.state == Membership.State.PENDING
    assert failures == []
