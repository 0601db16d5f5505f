"""A suspension closes reading; a silence does not (issue 21 item 4: "silence: read-only,
can still read and appeal", so a suspension is the stronger penalty). A suspended member
still sees their notices and case pages and appeals; nothing else of the topics reaches
them: pages, search, profiles' posts or notices about new posts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import standing
from accounts.access import can_read_topics, read_license_standing, recipient_can_read_topics
from accounts.models import Suspension, SuspensionKind, User
from moderation import cases
from moderation.models import ActionKind, Case, CaseState
from moderation.penalties import PenaltyEnd, lift_suspension
from tests.accounts.helpers import with_powers
from tests.conftest import make_verified_clinician
from tests.moderation.helpers import IDENTIFYING, first_post, new_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def held_case(group, clinician, django_capture_on_commit_callbacks) -> Case:
    post = first_post(
        new_topic(
            django_capture_on_commit_callbacks, author=clinician, group=group, body=IDENTIFYING
        )
    )
    return Case.objects.get(post=post)


def restrict(user: User, by: User, kind: str, *, hours: float | None = 24) -> Suspension:
    ends_at = None if hours is None else timezone.now() + timedelta(hours=hours)
    return standing.suspend(user=user, ends_at=ends_at, reason="Cooling off", by=by, kind=kind)


def test_a_suspended_member_is_refused_topic_bodies_and_told_why(
    client, topic, other_clinician, moderator
):
    restrict(other_clinician, moderator, SuspensionKind.SUSPEND)
    client.force_login(other_clinician)
    page = client.get(reverse("forum:topic", args=[topic.pk]))
    assert page.status_code == 403
    text = page.content.decode()
    assert "You are suspended" in text and "Cooling off" in text and "until" in text
    assert first_post(topic).current_revision.body not in text


def test_a_suspended_members_search_matches_nothing(client, topic, other_clinician, moderator):
    client.force_login(other_clinician)
    query = {"q": "exposure"}
    found = client.get(reverse("forum:search"), query).content.decode()
    assert topic.title in found  # the same search, before the suspension
    restrict(other_clinician, moderator, SuspensionKind.SUSPEND, hours=None)
    page = client.get(reverse("forum:search"), query)
    assert page.status_code in (200, 403)
    assert topic.title not in page.content.decode()


def test_a_silenced_member_still_reads(client, topic, other_clinician, moderator):
    restrict(other_clinician, moderator, SuspensionKind.SILENCE)
    client.force_login(other_clinician)
    assert client.get(reverse("forum:topic", args=[topic.pk])).status_code == 200


def test_reading_comes_back_when_the_suspension_ends_or_is_lifted(
    client, topic, other_clinician, moderator
):
    ended = restrict(other_clinician, moderator, SuspensionKind.SUSPEND)
    Suspension.objects.filter(pk=ended.pk).update(ends_at=timezone.now() - timedelta(seconds=1))
    client.force_login(other_clinician)
    assert client.get(reverse("forum:topic", args=[topic.pk])).status_code == 200

    lasting = restrict(other_clinician, moderator, SuspensionKind.SUSPEND, hours=None)
    assert client.get(reverse("forum:topic", args=[topic.pk])).status_code == 403
    lifter = with_powers(make_verified_clinician(display_name="Gail Global", is_moderator=True))
    lift_suspension(suspension_id=lasting.pk, moderator=lifter, reason="Apologised")
    assert client.get(reverse("forum:topic", args=[topic.pk])).status_code == 200


def test_a_suspended_member_still_opens_their_case_and_appeals(client, held_case, clinician):
    case = held_case
    moderator = with_powers(make_verified_clinician(display_name="Mo Derator", is_moderator=True))
    cases.claim_case(case_id=case.pk, moderator=moderator)
    cases.resolve_case(
        case_id=case.pk,
        moderator=moderator,
        action=ActionKind.SUSPEND,
        reason="Identifiers again",
        penalty=PenaltyEnd(ends_at=None),
        post_after="hide",
    )
    assert Suspension.objects.get(user=clinician).kind == SuspensionKind.SUSPEND
    client.force_login(clinician)
    assert client.get(reverse("notifications:list")).status_code == 200
    assert client.get(reverse("moderation:case", args=[case.pk])).status_code == 200
    response = client.post(
        reverse("moderation:case", args=[case.pk]), {"text": "The details were invented."}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.APPEALED


def test_a_suspended_recipient_is_not_told_of_new_posts(other_clinician, moderator):
    assert recipient_can_read_topics(User.objects.get(pk=other_clinician.pk))
    restrict(other_clinician, moderator, SuspensionKind.SUSPEND)
    fresh = User.objects.get(pk=other_clinician.pk)
    assert not recipient_can_read_topics(fresh)  # one query of its own
    batch = [User.objects.get(pk=other_clinician.pk)]
    read_license_standing(batch)  # the batch's one query
    assert not recipient_can_read_topics(batch[0])
    assert not can_read_topics(batch[0])


def test_silenced_recipients_are_still_told(other_clinician, moderator):
    restrict(other_clinician, moderator, SuspensionKind.SILENCE)
    batch = [User.objects.get(pk=other_clinician.pk)]
    read_license_standing(batch)
    assert recipient_can_read_topics(batch[0])


def test_a_suspended_author_opens_their_topic_on_their_own_posts_only(
    client, topic, clinician, other_clinician, moderator, django_capture_on_commit_callbacks
):
    from forum.posting import reply_create
    from tests import factories

    with django_capture_on_commit_callbacks(execute=True):
        reply_create(
            author=other_clinician,
            topic=topic,
            content=factories.content("A colleague's answer about graded hierarchies."),
        )
    restrict(clinician, moderator, SuspensionKind.SUSPEND)
    client.force_login(clinician)
    response = client.get(reverse("forum:topic", args=[topic.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert first_post(topic).current_revision.body_html in page
    assert "graded hierarchies" not in page
    assert "You are suspended" in page and "Cooling off" in page
