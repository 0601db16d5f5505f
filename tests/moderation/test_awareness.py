"""Moderators know what waits for them: the Moderation link's count, an alert when an
identifier or threat case opens, the screening backlog on /healthz and the admin index,
and the sweep for unscreened posts on the default worker."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse

from config.celery import app as celery_app
from detectors.policy import Reason
from forum.models import Post
from moderation.cases import open_or_merge_case
from moderation.models import Case, CaseReason
from notifications.choices import NotificationKind
from notifications.models import Notification
from tests import factories
from tests.accounts.helpers import sign_in_with_totp
from tests.conftest import make_verified_clinician
from tests.moderation.helpers import CLEAN, IDENTIFYING, first_post, new_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def held_case(group, clinician, django_capture_on_commit_callbacks) -> Case:
    topic = new_topic(
        django_capture_on_commit_callbacks, author=clinician, group=group, body=IDENTIFYING
    )
    return Case.objects.get(post=first_post(topic))


def _badge(response) -> str | None:
    html = response.content.decode()
    marker = 'cases waiting">'
    if marker not in html:
        return None
    return html.split(marker, 1)[1].split("<", 1)[0]


def test_the_moderation_link_counts_waiting_cases_in_a_totp_session(moderator, held_case):
    response = sign_in_with_totp(Client(), moderator).get(reverse("forum:home"))
    assert _badge(response) == "1"


def test_a_password_only_session_sees_no_moderation_count(moderator, held_case):
    client = Client()
    client.force_login(moderator)
    assert _badge(client.get(reverse("forum:home"))) is None


def test_a_scoped_moderator_counts_only_their_groups_cases(held_case):
    elsewhere = factories.GroupFactory(name="DBT skills", slug="dbt")
    scoped = make_verified_clinician(display_name="Sam Scoped", is_moderator=True)
    scoped.moderated_groups.add(elsewhere)
    assert _badge(sign_in_with_totp(Client(), scoped).get(reverse("forum:home"))) is None
    scoped.moderated_groups.add(held_case.group)
    assert _badge(sign_in_with_totp(Client(), scoped).get(reverse("forum:home"))) == "1"


def test_an_identifier_case_alerts_the_groups_moderators_without_the_posts_text(
    group, clinician, moderator, django_capture_on_commit_callbacks
):
    elsewhere = factories.GroupFactory(name="DBT skills", slug="dbt")
    scoped_here = make_verified_clinician(display_name="Hana Here", is_moderator=True)
    scoped_here.moderated_groups.add(group)
    scoped_elsewhere = make_verified_clinician(display_name="Ezra Else", is_moderator=True)
    scoped_elsewhere.moderated_groups.add(elsewhere)

    topic = new_topic(
        django_capture_on_commit_callbacks, author=clinician, group=group, body=IDENTIFYING
    )
    case = Case.objects.get(post=first_post(topic))
    alerts = Notification.objects.filter(kind=NotificationKind.CASE_ALERT)
    assert set(alerts.values_list("recipient_id", flat=True)) == {moderator.pk, scoped_here.pk}
    for alert in alerts:
        assert f"case #{case.pk}" in alert.message
        assert "patient identifiers" in alert.message
        assert "MRN" not in alert.message and "Keisha" not in alert.message
        assert alert.url == reverse("admin:moderation_case_change", args=[case.pk])
    assert not Notification.objects.filter(
        recipient=scoped_elsewhere, kind=NotificationKind.CASE_ALERT
    ).exists()


def test_a_case_that_is_not_urgent_alerts_nobody(
    group, clinician, moderator, django_capture_on_commit_callbacks
):
    # A low-priority case (a first post to look at) on a clean, published post.
    flagged = new_topic(django_capture_on_commit_callbacks, author=clinician, group=group)
    open_or_merge_case(post=first_post(flagged), reasons=[Reason(CaseReason.FIRST_POST, "")])
    assert Case.objects.filter(post=first_post(flagged)).exists()
    assert not Notification.objects.filter(kind=NotificationKind.CASE_ALERT).exists()


@pytest.fixture
def unscreened_post(group, clinician, django_capture_on_commit_callbacks) -> Post:
    topic = new_topic(
        django_capture_on_commit_callbacks,
        author=clinician,
        group=group,
        body=CLEAN,
        run_screening=False,
    )
    return first_post(topic)


def test_healthz_reports_the_screening_backlog_within_its_bound(client, unscreened_post, settings):
    settings.SCREENING_BACKLOG_MAX_SECONDS = 600
    response = client.get("/healthz")
    assert response.status_code == 200
    screening = response.json()["screening"]
    assert screening["status"] == "ok"
    assert screening["waiting"] == 1
    assert 0 <= screening["oldest_seconds"] < 600


def test_healthz_is_unhealthy_when_the_oldest_unscreened_post_is_too_old(
    client, unscreened_post, settings
):
    # Revisions are append-only, so the post cannot be made older: the bound is made shorter.
    settings.SCREENING_BACKLOG_MAX_SECONDS = 0
    time.sleep(0.05)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "degraded"
    assert body["screening"]["status"] == "behind"
    assert body["screening"]["waiting"] == 1


def test_the_admin_index_shows_the_backlog(moderator, unscreened_post, settings):
    # Revisions are append-only, so the post cannot be made older: the bound is made shorter.
    settings.SCREENING_BACKLOG_MAX_SECONDS = 0
    time.sleep(0.05)
    page = sign_in_with_totp(Client(), moderator).get(reverse("admin:index")).content.decode()
    assert "1 post waiting for screening" in page
    assert "longer than the 0 s bound" in page


def test_the_sweep_is_routed_to_the_default_queue():
    from moderation.tasks import sweep_unscreened

    route = celery_app.amqp.router.route({}, sweep_unscreened.name)
    assert route["queue"].name == "default"
    assert celery_app.conf.beat_schedule["sweep-unscreened-revisions"]["options"] == {
        "queue": "default"
    }
    screening = celery_app.amqp.router.route({}, "moderation.tasks.screen_revision")
    assert screening["queue"].name == "screening"
