"""Personas and helpers shared by the suite.

Personas: a verified clinician, an unverified sign-up, an organizer, a
moderator and an outsider (a verified clinician who belongs to no group).
"""

from __future__ import annotations

import os

import pytest
from django.db import connection

from accounts.models import User
from forum.models import Group, Membership, Topic
from forum.posting import topic_create
from tests import factories
from tests.accounts.helpers import grant_verified_license

REQUIRE_SERVICES = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def make_verified_clinician(**kwargs: object) -> User:
    """A member who may post: a verified email and a verified, current license."""
    user = factories.UserFactory(**kwargs)
    grant_verified_license(user)
    return user


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty in-process cache: cached pages are keyed by row ids and
    versions, which a later test's fresh rows can repeat (SQLite reuses ids after a rollback).

    Only the local-memory cache: clearing a Redis cache is FLUSHDB, which would also empty
    what concurrent suites and a test's Celery broker keep in that database.
    """
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    if isinstance(caches["default"], LocMemCache):
        caches["default"].clear()


@pytest.fixture
def clinician(db: None) -> User:
    return make_verified_clinician(display_name="Dana Reyes", handle="dana")


@pytest.fixture
def other_clinician(db: None) -> User:
    return make_verified_clinician(display_name="Sam Ortiz", handle="sam")


@pytest.fixture
def unverified_user(db: None) -> User:
    return factories.UserFactory(verified_email=False, display_name="New Signup", handle="newbie")


@pytest.fixture
def organizer(db: None) -> User:
    return make_verified_clinician(
        display_name="Olive Organizer", handle="olive", is_organizer=True
    )


@pytest.fixture
def moderator(db: None) -> User:
    return make_verified_clinician(display_name="Max Moderator", handle="max", is_moderator=True)


@pytest.fixture
def outsider(db: None) -> User:
    return make_verified_clinician(display_name="Owen Outsider", handle="owen")


@pytest.fixture
def group(organizer: User, clinician: User, other_clinician: User) -> Group:
    group = factories.GroupFactory(created_by=organizer, name="CBT Consultation", slug="cbt")
    factories.MembershipFactory(group=group, user=organizer, role=Membership.Role.ORGANIZER)
    factories.MembershipFactory(group=group, user=clinician)
    factories.MembershipFactory(group=group, user=other_clinician)
    return group


@pytest.fixture
def topic(group: Group, clinician: User, django_capture_on_commit_callbacks) -> Topic:
    # Runs the after-commit screening (in-process here), so the topic is published.
    with django_capture_on_commit_callbacks(execute=True):
        return topic_create(
            author=clinician,
            group=group,
            title="Exposure pacing with an anxious teen",
            purpose=factories.DEFAULT_PURPOSE,
            content=factories.content(),
        )


def _postgres_available() -> bool:
    return connection.vendor == "postgresql"


@pytest.fixture
def require_postgres(db: None) -> None:
    """Tests of PostgreSQL behaviour: fail under CI=true, skip elsewhere when absent."""
    if _postgres_available():
        return
    if REQUIRE_SERVICES:
        pytest.fail("CI=true but the suite is not running on PostgreSQL")
    pytest.skip("PostgreSQL is not available (set DATABASE_URL); skipped")


def redis_url() -> str:
    return os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def require_redis() -> str:
    import redis

    url = redis_url()
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        if REQUIRE_SERVICES:
            pytest.fail(f"CI=true but Redis at {url} does not answer")
        pytest.skip(f"Redis at {url} does not answer; skipped")
    return url


@pytest.fixture
def require_tesseract() -> str:
    """Tests that read pictures with the real Tesseract (`make ocr`): fail under CI=true,
    skip elsewhere when it is not installed."""
    from forum.picture_text import tesseract_path

    path = tesseract_path()
    if path is None:
        if REQUIRE_SERVICES:
            pytest.fail("CI=true but Tesseract is not installed (make ocr installs it)")
        pytest.skip("Tesseract is not installed (make ocr installs it); skipped")
    return path
