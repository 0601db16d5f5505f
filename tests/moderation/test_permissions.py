"""Who sees what: members never see held posts or the queue; scoped moderators see their groups."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import User
from forum.choices import PostStatus
from moderation.models import ActionKind, Case, CaseState
from tests import factories
from tests.accounts.helpers import sign_in_with_totp
from tests.conftest import make_verified_clinician
from tests.moderation.helpers import IDENTIFYING, first_post, new_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def held_post(group, clinician, django_capture_on_commit_callbacks):
    return first_post(
        new_topic(
            django_capture_on_commit_callbacks, author=clinician, group=group, body=IDENTIFYING
        )
    )


def test_members_cannot_see_a_held_post(client, held_post, other_clinician):
    assert held_post.status == PostStatus.HELD
    client.force_login(other_clinician)
    assert client.get(held_post.get_absolute_url()).status_code == 404
    assert client.get(held_post.topic.get_absolute_url()).status_code == 404


def test_the_author_sees_their_held_post_awaiting_review(client, held_post, clinician):
    client.force_login(clinician)
    response = client.get(held_post.get_absolute_url(), follow=True)
    assert response.status_code == 200
    assert "Awaiting review" in response.content.decode()


def test_members_cannot_open_the_queue(client, held_post, other_clinician):
    client.force_login(other_clinician)
    case = Case.objects.get(post=held_post)
    response = client.get(reverse("admin:moderation_case_change", args=[case.pk]))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert client.get(reverse("admin:moderation_case_changelist")).status_code == 302


def test_a_moderator_who_is_not_staff_reaches_only_the_moderation_admin(client, moderator):
    sign_in_with_totp(client, moderator)
    assert client.get(reverse("admin:moderation_case_changelist")).status_code == 200
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403


def _scoped_moderator(group) -> User:
    scoped = make_verified_clinician(is_moderator=True)
    scoped.moderated_groups.add(group)
    return scoped


def test_a_scoped_moderator_sees_only_their_groups_cases(
    client, group, held_post, organizer, django_capture_on_commit_callbacks
):
    other_group = factories.GroupFactory(created_by=organizer, name="EMDR", slug="emdr")
    elsewhere_author = make_verified_clinician()
    factories.MembershipFactory(group=other_group, user=elsewhere_author)
    elsewhere = first_post(
        new_topic(
            django_capture_on_commit_callbacks,
            author=elsewhere_author,
            group=other_group,
            body=IDENTIFYING,
        )
    )
    mine, theirs = Case.objects.get(post=held_post), Case.objects.get(post=elsewhere)
    scoped = _scoped_moderator(group)
    sign_in_with_totp(client, scoped)
    listing = client.get(reverse("admin:moderation_case_changelist")).content.decode()
    assert f"/{mine.pk}/change/" in listing
    assert f"/{theirs.pk}/change/" not in listing
    assert client.get(reverse("admin:moderation_case_change", args=[theirs.pk])).status_code == 404
    client.post(
        reverse("admin:moderation_case_change", args=[theirs.pk]),
        {"action": ActionKind.REMOVE, "reason": "no"},
    )
    theirs.refresh_from_db()
    assert theirs.state == CaseState.OPEN


def test_a_scoped_moderator_sees_only_their_groups_suspensions_and_no_site_figures(
    client, group, held_post, organizer, moderator, django_capture_on_commit_callbacks
):
    from accounts.models import Suspension
    from accounts.powers import grant_powers_outside_a_session
    from moderation import cases
    from moderation.penalties import penalty_end

    other_group = factories.GroupFactory(created_by=organizer, name="EMDR", slug="emdr")
    elsewhere_author = make_verified_clinician(display_name="Elsewhere Author")
    factories.MembershipFactory(group=other_group, user=elsewhere_author)
    elsewhere = first_post(
        new_topic(
            django_capture_on_commit_callbacks,
            author=elsewhere_author,
            group=other_group,
            body=IDENTIFYING,
        )
    )
    powered = grant_powers_outside_a_session(moderator, reason="test")
    for post in (held_post, elsewhere):
        cases.resolve_case(
            case_id=Case.objects.get(post=post).pk,
            moderator=powered,
            action=ActionKind.SUSPEND,
            reason="Identifiers again",
            penalty=penalty_end(3, "days", None),
            post_after="hide",
        )
    mine = Suspension.objects.get(user=held_post.author)
    theirs = Suspension.objects.get(user=elsewhere_author)
    scoped = _scoped_moderator(group)
    sign_in_with_totp(client, scoped)
    listing = client.get(reverse("admin:accounts_suspension_changelist")).content.decode()
    assert f"/{mine.pk}/change/" in listing
    assert f"/{theirs.pk}/change/" not in listing and "Elsewhere Author" not in listing
    change = reverse("admin:accounts_suspension_change", args=[theirs.pk])
    assert client.get(change).status_code in (302, 404)
    overview = client.get(reverse("admin:moderation_case_overview")).content.decode()
    assert "nudge-overview" not in overview
    sign_in_with_totp(client, moderator)
    overview = client.get(reverse("admin:moderation_case_overview")).content.decode()
    assert "nudge-overview" in overview
    listing = client.get(reverse("admin:accounts_suspension_changelist")).content.decode()
    assert f"/{theirs.pk}/change/" in listing
