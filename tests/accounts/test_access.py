"""Posting, joining and regional groups require a verified, current license."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import verification
from accounts.access import (
    can_post,
    moderates_group,
    posting_block_reason,
    regional_license_block_reason,
)
from accounts.choices import LicenseType
from accounts.credentials import credential_badges
from forum import groups as group_actions
from forum.models import Membership
from forum.posting import topic_create
from tests import factories
from tests.accounts import files
from tests.accounts.helpers import grant_verified_license, with_powers


@pytest.fixture
def newcomer(db: None):  # type: ignore[no-untyped-def]
    return factories.UserFactory(display_name="Nia New")


def test_a_member_without_a_license_is_told_what_is_missing_and_how_to_fix_it(newcomer) -> None:  # type: ignore[no-untyped-def]
    reason = posting_block_reason(newcomer)
    assert reason is not None
    assert "verified license" in reason
    assert reverse("accounts:license_add") in reason


def test_a_pending_license_still_blocks_posting_with_its_status(newcomer) -> None:  # type: ignore[no-untyped-def]
    verification.license_submit(
        user=newcomer,
        license_type=LicenseType.LPC,
        jurisdiction="US-WA",
        number="LH1234",
        holder_name="Nia New",
        expires_on=timezone.localdate() + datetime.timedelta(days=90),
        evidence=files.pdf_upload(),
    )
    reason = posting_block_reason(newcomer)
    assert reason is not None and "awaiting verification" in reason


def test_posting_is_refused_until_verified(newcomer, group) -> None:  # type: ignore[no-untyped-def]
    Membership.objects.create(group=group, user=newcomer, state=Membership.State.ACTIVE)
    with pytest.raises(PermissionDenied):
        topic_create(
            author=newcomer,
            group=group,
            title="A question",
            purpose=factories.DEFAULT_PURPOSE,
            content=factories.content(),
        )
    grant_verified_license(newcomer)
    assert can_post(newcomer)
    topic = topic_create(
        author=newcomer,
        group=group,
        title="A question",
        purpose=factories.DEFAULT_PURPOSE,
        content=factories.content(),
    )
    assert topic.pk


def test_the_unverified_member_sees_the_reason_on_the_page_not_a_bare_403(
    client: Client, newcomer
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(newcomer)
    page = client.get(reverse("accounts:profile"))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Before you can post" in body
    assert f'href="{reverse("accounts:license_add")}"' in body


def test_joining_an_open_group_requires_a_verified_license(newcomer) -> None:  # type: ignore[no-untyped-def]
    group = factories.GroupFactory()
    with pytest.raises(PermissionDenied):
        group_actions.group_join(user=newcomer, group=group)
    grant_verified_license(newcomer)
    assert group_actions.group_join(user=newcomer, group=group).state == Membership.State.ACTIVE


def test_a_regional_group_requires_a_license_in_its_region(newcomer) -> None:  # type: ignore[no-untyped-def]
    oregon = factories.RegionalGroupFactory(region="US-OR", requires_regional_license=True)
    grant_verified_license(newcomer, jurisdiction="US-WA")
    reason = regional_license_block_reason(newcomer, "US-OR")
    assert reason is not None and "Oregon" in reason
    with pytest.raises(PermissionDenied):
        group_actions.group_join(user=newcomer, group=oregon)
    grant_verified_license(newcomer, jurisdiction="US-OR", license_type=LicenseType.LPC)
    assert regional_license_block_reason(newcomer, "US-OR") is None
    assert group_actions.group_join(user=newcomer, group=oregon).state == Membership.State.ACTIVE


def test_a_country_region_matches_a_license_from_that_country(newcomer) -> None:  # type: ignore[no-untyped-def]
    grant_verified_license(newcomer, jurisdiction="CA")
    assert regional_license_block_reason(newcomer, "CA") is None
    assert regional_license_block_reason(newcomer, "US-OR") is not None


def test_an_expired_license_does_not_satisfy_the_regional_rule(newcomer) -> None:  # type: ignore[no-untyped-def]
    grant_verified_license(newcomer, expires_on=timezone.localdate() - datetime.timedelta(days=1))
    assert regional_license_block_reason(newcomer, "US-OR") is not None


def test_credentials_for_a_page_of_authors_take_one_query(
    newcomer, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    others = [factories.UserFactory() for _ in range(5)]
    for user in others:
        grant_verified_license(user)
    grant_verified_license(others[0], jurisdiction="US-WA", license_type=LicenseType.LPC)
    expired = factories.UserFactory()
    grant_verified_license(expired, expires_on=timezone.localdate() - datetime.timedelta(days=1))
    ids = [u.pk for u in others] + [newcomer.pk, expired.pk]
    with django_assert_num_queries(1):
        badges = credential_badges(ids)
    assert badges[others[1].pk] == "LCSW · Oregon · verified"
    assert badges[others[0].pk] == "LCSW · Oregon · verified; LPC · Washington · verified"
    assert newcomer.pk not in badges and expired.pk not in badges


def test_the_credential_shows_next_to_the_name_on_a_post(client: Client, topic, clinician) -> None:  # type: ignore[no-untyped-def]
    client.force_login(clinician)
    page = client.get(topic.get_absolute_url())
    assert "LCSW · Oregon · verified" in page.content.decode()


def test_scoped_moderators_moderate_only_their_groups(db: None) -> None:
    first, second = factories.GroupFactory(), factories.GroupFactory()
    scoped = with_powers(factories.UserFactory(is_moderator=True))
    scoped.moderated_groups.add(first)
    assert moderates_group(scoped, first)
    assert not moderates_group(scoped, second)
    global_moderator = with_powers(factories.UserFactory(is_moderator=True))
    assert moderates_group(global_moderator, second)
