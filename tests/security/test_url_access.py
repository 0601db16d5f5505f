"""Every URL pattern in the URLconf has an expected answer for an anonymous visitor.

The test walks the whole URLconf: a new URL without an entry in EXPECTED fails the suite
(admin and allauth URLs are covered by their families). This is the first column of the
authorization matrix; the other personas are covered per feature (see SECURITY.md).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import User
from forum.models import Topic

pytestmark = pytest.mark.django_db

PUBLIC = "public"  # anyone may read it
SIGNED_IN = "signed_in"  # anonymous visitors are sent to log in (or refused)

EXPECTED: dict[str, str] = {
    "healthz": PUBLIC,
    "forum:home": PUBLIC,
    "forum:directory": PUBLIC,
    "forum:group": PUBLIC,
    "accounts:profile": SIGNED_IN,
    "accounts:license_add": SIGNED_IN,
    "accounts:evidence_upload": SIGNED_IN,
    "accounts:evidence_file": SIGNED_IN,
    "accounts:export": SIGNED_IN,
    "accounts:deactivate": SIGNED_IN,
    "moderation:flag": SIGNED_IN,
    "moderation:case": SIGNED_IN,
    "forum:group_create": SIGNED_IN,
    "forum:group_join": SIGNED_IN,
    "forum:group_leave": SIGNED_IN,
    "forum:group_members": SIGNED_IN,
    "forum:membership_decide": SIGNED_IN,
    "forum:topic_create": SIGNED_IN,
    "forum:topic": SIGNED_IN,
    "forum:reply": SIGNED_IN,
    "forum:topic_flags": SIGNED_IN,
    "forum:post": SIGNED_IN,
    "forum:post_edit": SIGNED_IN,
    "forum:post_history": SIGNED_IN,
    "forum:revision": SIGNED_IN,
    "forum:post_withdraw": SIGNED_IN,
    "forum:post_helpful": SIGNED_IN,
    "forum:draft_check": SIGNED_IN,
    "forum:scheduled": SIGNED_IN,
    "forum:scheduled_action": SIGNED_IN,
    "forum:search": SIGNED_IN,
    "forum:notifications": SIGNED_IN,
    "forum:notifications_read": SIGNED_IN,
}
FAMILIES = ("admin:", "account_", "mfa_")  # admin site; allauth account and MFA pages
ADMIN_PUBLIC = {"admin:login", "admin:logout"}


def url_patterns() -> Iterator[tuple[str, str, URLPattern]]:
    def walk(patterns: list, prefix: str, namespace: str) -> Iterator:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            else:
                yield prefix + str(pattern.pattern), namespace + (pattern.name or ""), pattern

    yield from walk(get_resolver().url_patterns, "", "")


def _in_family(name: str, route: str) -> bool:
    return name.startswith(FAMILIES) or route.startswith(("admin/", "accounts/"))


def test_every_url_pattern_has_an_expected_answer() -> None:
    missing = [
        f"{route} ({name or 'unnamed'})"
        for route, name, _ in url_patterns()
        if not _in_family(name, route) and name not in EXPECTED
    ]
    assert missing == [], (
        "New URLs need an entry in tests/security/test_url_access.py EXPECTED: "
        + ", ".join(missing)
    )


def _sample_url(name: str, pattern: URLPattern, topic: Topic) -> str | None:
    post = topic.posts.get()
    samples = {
        "slug": topic.group.slug,
        "topic_id": topic.pk,
        "post_id": post.pk,
        "number": 1,
    }
    kwargs = {key: samples.get(key, 999_999) for key in pattern.pattern.converters}
    try:
        return reverse(name, kwargs=kwargs) if name else None
    except Exception:
        return None


def _answers(client: Client, url: str) -> list[tuple[str, int, str]]:
    get = client.get(url)
    post = client.post(url, {})
    return [
        ("GET", get.status_code, get.get("Location", "")),
        ("POST", post.status_code, post.get("Location", "")),
    ]


def test_anonymous_visitors_reach_only_public_pages(topic: Topic) -> None:
    client = Client()
    problems: list[str] = []
    for _route, name, pattern in url_patterns():
        url = _sample_url(name, pattern, topic)
        if url is None:
            continue
        expected = EXPECTED.get(name)
        for method, status, location in _answers(client, url):
            if status >= 500:
                problems.append(f"{method} {url}: {status}")
            elif name.startswith("admin:") and name not in ADMIN_PUBLIC:
                if status == 200:
                    problems.append(f"{method} {url}: admin page open to visitors")
            elif expected == SIGNED_IN and status == 200:
                problems.append(f"{method} {url}: open to anonymous visitors")
            elif expected == SIGNED_IN and status == 302 and "login" not in location:
                problems.append(f"{method} {url}: redirects to {location}, not to log in")
    assert problems == []


def test_a_member_of_no_group_cannot_reach_a_private_groups_topic(
    topic: Topic, outsider: User
) -> None:
    group = topic.group
    group.is_private = True
    group.save(update_fields=["is_private"])
    client = Client()
    client.force_login(outsider)
    post = topic.posts.get()
    for url in [
        reverse("forum:topic", args=[topic.pk]),
        reverse("forum:post", args=[post.pk]),
        reverse("forum:post_history", args=[post.pk]),
        reverse("forum:revision", args=[post.pk, 1]),
    ]:
        assert client.get(url).status_code in (403, 404), url
    results = client.get(reverse("forum:search"), {"q": "exposure"}).content.decode()
    assert topic.title not in results


def test_members_and_outsiders_never_reach_the_admin(clinician: User, outsider: User) -> None:
    for user in (clinician, outsider):
        client = Client()
        client.force_login(user)
        response = client.get(reverse("admin:index"))
        assert response.status_code in (302, 403), response.status_code
