"""Signed-in pages are never stored by a shared cache or the browser (issue 18 item 10)."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _signed_in_urls(topic) -> list[str]:
    post = topic.posts.get(number=1)
    return [
        reverse("forum:home"),
        reverse("forum:topic", args=[topic.pk]),
        reverse("forum:post_history", args=[post.pk]),
        reverse("forum:revision", args=[post.pk, 1]),
        reverse("forum:search") + "?q=pacing",
        reverse("notifications:list"),
        reverse("accounts:profile"),
        reverse("accounts:settings"),
        reverse("forum:group", args=[topic.group.slug]),
    ]


def test_every_signed_in_page_says_private_no_store(client, clinician, topic):
    client.force_login(clinician)
    for url in _signed_in_urls(topic):
        response = client.get(url)
        assert response.status_code == 200, url
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives, (url, response["Cache-Control"])
        assert "public" not in directives, url
        assert "Cookie" in response.get("Vary", ""), url


def test_a_signed_in_redirect_and_error_page_say_it_too(client, clinician, topic):
    client.force_login(clinician)
    for url in (reverse("forum:topic", args=[999_999]), reverse("forum:post", args=[1])):
        response = client.get(url)
        assert "no-store" in response["Cache-Control"], url


def test_a_visitor_without_a_session_gets_no_private_header(client, topic):
    response = client.get(reverse("forum:group", args=[topic.group.slug]))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
