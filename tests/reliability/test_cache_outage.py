"""With the Redis cache unreachable, members still sign in, read and post (limits fail open)."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from accounts.models import User
from config import ratelimit
from forum.choices import Disclaimer, TopicPurpose
from forum.models import Group, Topic
from tests.reliability.services import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def dead_redis_cache(settings: object) -> None:
    port = free_port()  # nothing listens here
    settings.CACHES = {  # type: ignore[attr-defined]
        "default": {
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"  # type: ignore[attr-defined]
    settings.FORUM_POSTING_RATE_LIMIT = "1/m"  # type: ignore[attr-defined]
    # pytest-django's settings fixture sends setting_changed: Django drops its cache handlers.


def test_the_cache_answers_misses_while_redis_is_down(dead_redis_cache: None) -> None:
    cache = caches["default"]
    assert cache.get("k", "fallback") == "fallback"
    assert cache.add("k", 1) is False
    cache.set("k", 1)
    assert cache.get_many(["k"]) == {}
    assert ratelimit.hit("post", 1, "1/m") is None


def test_members_sign_in_and_post_while_the_cache_is_down(
    dead_redis_cache: None, clinician: User, group: Group
) -> None:
    client = Client()
    client.force_login(clinician)
    assert client.get(reverse("forum:home")).status_code == 200
    url = reverse("forum:topic_create", args=[group.slug])
    for n in range(2):  # the 1/m limit cannot count without a cache: it fails open
        response = client.post(
            url,
            {
                "title": f"Posted during a Redis outage {n}",
                "purpose": TopicPurpose.OTHER,
                "body": "Still works.",
                "trigger_warnings": ["none"],
                "disclaimer": Disclaimer.NOT_CLINICAL_ADVICE,
            },
        )
        assert response.status_code == 302
    assert Topic.objects.filter(title__startswith="Posted during a Redis outage").count() == 2


def test_the_draft_check_answers_while_the_cache_is_down(
    dead_redis_cache: None, clinician: User
) -> None:
    client = Client()
    client.force_login(clinician)
    response = client.post(
        reverse("forum:draft_check"),
        {
            "body": "What pacing has worked for you with trauma work?",
            "composer": "topic",
            "trigger_warnings": ["none"],
            "disclaimer": Disclaimer.NOT_CLINICAL_ADVICE,
            "purpose": TopicPurpose.OTHER,
        },
    )
    assert response.status_code == 200, response.content.decode()[:500]


def test_incr_and_decr_fail_like_a_missing_key_while_the_cache_is_down(
    dead_redis_cache: None,
) -> None:
    cache = caches["default"]
    for operation in (cache.incr, cache.decr):
        with pytest.raises(ValueError):
            operation("counter")


def test_a_session_flushed_during_an_outage_is_not_read_back_when_redis_returns(
    require_redis: str,
) -> None:
    """The logout's cache delete fails while Redis is down; the same process replays it
    before its next read once Redis answers, so the old session is not resurrected."""
    from config.cache import ResilientRedisCache

    live = ResilientRedisCache(require_redis, {"KEY_PREFIX": "outage-test"})
    dead = ResilientRedisCache(
        f"redis://127.0.0.1:{free_port()}/0",
        {"KEY_PREFIX": "outage-test", "OPTIONS": {"socket_connect_timeout": 0.2}},
    )
    live.set("session:abc", {"_auth_user_id": "7"}, 300)
    assert dead.delete("session:abc") is False  # Redis "down": the logout cannot delete it
    assert live.get("session:abc") == {"_auth_user_id": "7"}
    assert dead.get("session:abc") is None  # still down: a miss, no error
    dead._cache = live._cache  # Redis is back for this process
    assert dead.get("session:abc") is None
    assert live.get("session:abc") is None  # the pending delete was replayed


def test_a_sign_out_during_an_outage_ends_the_session_in_every_process(
    require_redis: str, settings: object, clinician: User
) -> None:
    """Another process (a fresh cache handler that never saw the failed delete) finds the
    old session in Redis once it answers again: the raised session epoch refuses it."""
    from django.conf import settings as live_settings

    live = {
        "default": {
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": require_redis,
            "KEY_PREFIX": f"sign-out-{free_port()}",
        }
    }
    dead = {
        "default": {
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "KEY_PREFIX": live["default"]["KEY_PREFIX"],
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    settings.SESSION_ENGINE = "accounts.sessions"  # type: ignore[attr-defined]
    settings.CACHES = live  # type: ignore[attr-defined]
    member = Client()
    member.force_login(clinician)
    cookie = member.cookies[live_settings.SESSION_COOKIE_NAME].value
    assert member.get(reverse("accounts:settings")).status_code == 200

    settings.CACHES = dead  # type: ignore[attr-defined]  # Redis goes down; the member signs out
    assert member.post(reverse("account_logout")).status_code == 302
    clinician.refresh_from_db()
    assert clinician.session_epoch == 1

    settings.CACHES = live  # type: ignore[attr-defined]  # back, in a process that never tried the delete
    assert caches["default"].get(f"django.contrib.sessions.cached_db{cookie}") is not None
    replayed = Client()
    replayed.cookies[live_settings.SESSION_COOKIE_NAME] = cookie
    response = replayed.get(reverse("accounts:settings"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]

    fresh = Client()  # signing in again works as before
    fresh.force_login(clinician)
    assert fresh.get(reverse("accounts:settings")).status_code == 200


def test_a_sign_out_with_the_cache_up_keeps_other_sessions(
    require_redis: str, settings: object, clinician: User
) -> None:
    settings.SESSION_ENGINE = "accounts.sessions"  # type: ignore[attr-defined]
    settings.CACHES = {  # type: ignore[attr-defined]
        "default": {
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": require_redis,
            "KEY_PREFIX": f"sign-out-{free_port()}",
        }
    }
    phone, laptop = Client(), Client()
    phone.force_login(clinician)
    laptop.force_login(clinician)
    assert phone.post(reverse("account_logout")).status_code == 302
    clinician.refresh_from_db()
    assert clinician.session_epoch == 0
    assert laptop.get(reverse("accounts:settings")).status_code == 200
