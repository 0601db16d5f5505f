"""The "before you can post" notice is cached briefly per member (forum.queries
posting_notice_key), and forgotten when their standing changes (accounts.signals
standing_changed, allauth's email_confirmed): a lifted suspension, a verified license or a
confirmed email shows at once, as does a new silence."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts import standing
from accounts.models import SuspensionKind
from accounts.verification import license_approve
from moderation.penalties import lift_suspension
from tests import factories
from tests.accounts.helpers import give_license_in_standing, with_powers
from tests.conftest import make_verified_clinician

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cached_notice(settings) -> None:
    settings.FORUM_POSTING_NOTICE_CACHE_SECONDS = 30


def _topic_page(client, topic) -> str:
    return client.get(topic.get_absolute_url()).content.decode()


def test_a_silence_shows_at_once_and_its_lifting_too(
    client, topic, other_clinician, moderator, django_capture_on_commit_callbacks
):
    client.force_login(other_clinician)
    assert "Before you can reply" not in _topic_page(client, topic)  # "" cached
    with django_capture_on_commit_callbacks(execute=True):
        silence = standing.suspend(
            user=other_clinician,
            ends_at=None,
            reason="Cooling off",
            by=moderator,
            kind=SuspensionKind.SILENCE,
        )
    assert "You are silenced" in _topic_page(client, topic)
    lifter = with_powers(make_verified_clinician(display_name="Gail Global", is_moderator=True))
    with django_capture_on_commit_callbacks(execute=True):
        lift_suspension(suspension_id=silence.pk, moderator=lifter, reason="Apologised")
    page = _topic_page(client, topic)
    assert "You are silenced" not in page and "Before you can reply" not in page
    assert reverse("forum:reply", args=[topic.pk]) in page


def test_a_silence_that_ends_at_its_time_shows_at_the_next_standing_sweep(
    client, topic, other_clinician, moderator, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone

    from accounts import tasks
    from accounts.models import Suspension

    client.force_login(other_clinician)
    with django_capture_on_commit_callbacks(execute=True):
        silence = standing.suspend(
            user=other_clinician,
            ends_at=timezone.now() + datetime.timedelta(hours=1),
            reason="Cooling off",
            by=moderator,
            kind=SuspensionKind.SILENCE,
        )
    assert "You are silenced" in _topic_page(client, topic)  # cached
    Suspension.objects.filter(pk=silence.pk).update(
        ends_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert tasks.announce_standing_lapses() == 1
    page = _topic_page(client, topic)
    assert "You are silenced" not in page
    assert reverse("forum:reply", args=[topic.pk]) in page


def test_a_verified_license_shows_at_once(
    client, group, moderator, django_capture_on_commit_callbacks
):
    member = factories.UserFactory()
    license = give_license_in_standing(member, "pending")
    factories.MembershipFactory(group=group, user=member)
    client.force_login(member)
    start = reverse("forum:topic_create", args=[group.slug])
    page = client.get(group.get_absolute_url()).content.decode()
    assert "awaiting verification" in page and start not in page
    with django_capture_on_commit_callbacks(execute=True):
        license_approve(moderator=with_powers(moderator), license=license, reason="Checked")
    page = client.get(group.get_absolute_url()).content.decode()
    assert "awaiting verification" not in page and start in page


def test_a_confirmed_email_shows_at_once(client, group, topic, django_capture_on_commit_callbacks):
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC

    member = make_verified_clinician(verified_email=False)
    factories.MembershipFactory(group=group, user=member)
    client.force_login(member)
    assert "Verify your email" in _topic_page(client, topic)
    address = EmailAddress.objects.create(user=member, email=member.email, primary=True)
    confirm = reverse("account_confirm_email", args=[EmailConfirmationHMAC(address).key])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm)
    assert EmailAddress.objects.filter(pk=address.pk, verified=True).exists()
    assert "Verify your email" not in _topic_page(client, topic)
