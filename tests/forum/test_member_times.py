"""Forum pages show times in the reader's zone (#22.6), cached pages included."""

from __future__ import annotations

import datetime
import re
from datetime import UTC
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from accounts.models import License, User
from accounts.timezones import format_moment, site_today
from forum.models import Post
from forum.posting import reply_create
from tests import factories
from tests.accounts.helpers import grant_verified_license

pytestmark = pytest.mark.django_db

CREATED = datetime.datetime(2026, 12, 4, 14, 12, tzinfo=UTC)


def _pin_first_post_time(topic) -> Post:
    post = topic.posts.get(number=1)
    Post.objects.filter(pk=post.pk).update(created_at=CREATED)
    return post


def _in_zone(user: User, zone: str) -> User:
    User.objects.filter(pk=user.pk).update(time_zone=zone)
    user.time_zone = zone
    return user


def test_each_reader_sees_post_times_in_their_own_zone_from_the_shared_page(
    client, clinician, other_clinician, organizer, topic
):
    _pin_first_post_time(topic)
    _in_zone(other_clinician, "America/New_York")
    _in_zone(organizer, "Europe/Paris")
    pages = {}
    for reader in (other_clinician, organizer, other_clinician):  # the second time: cached
        client.force_login(reader)
        pages.setdefault(reader.pk, []).append(
            client.get(topic.get_absolute_url()).content.decode()
        )
    assert all("4 Dec 2026, 09:12 EST" in page for page in pages[other_clinician.pk])
    assert "4 Dec 2026, 15:12 CET" in pages[organizer.pk][0]
    assert "EST" not in pages[organizer.pk][0]
    assert 'datetime="2026-12-04T14:12:00Z"' in pages[organizer.pk][0]


def test_a_changed_zone_shows_at_once(client, clinician, topic):
    _pin_first_post_time(topic)
    client.force_login(clinician)
    assert "4 Dec 2026, 14:12 UTC" in client.get(topic.get_absolute_url()).content.decode()
    client.post(
        reverse("accounts:settings"),
        {
            "display_name": "Dana Reyes",
            "time_zone": "Asia/Tokyo",
            "email_notices": "each",
        },
    )
    assert "4 Dec 2026, 23:12 JST" in client.get(topic.get_absolute_url()).content.decode()


def test_history_and_revision_pages_label_the_zone(client, clinician, topic):
    post = topic.posts.get(number=1)
    revision = post.revisions.get()  # append-only: its own time, not a pinned one
    expected = format_moment(revision.created_at, ZoneInfo("Australia/Sydney"))
    assert expected.endswith((" AEDT", " AEST"))
    _in_zone(clinician, "Australia/Sydney")
    client.force_login(clinician)
    for url in (
        reverse("forum:post_history", args=[post.pk]),
        reverse("forum:revision", args=[post.pk, 1]),
    ):
        assert expected in client.get(url).content.decode()


def test_a_zone_read_from_the_member_costs_no_statement_of_its_own(
    client, organizer, topic, require_postgres
):
    """The reader's zone is read from the session's user (accounts.backends), not by a
    query of its own."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _pin_first_post_time(topic)
    _in_zone(organizer, "Europe/Paris")
    client.force_login(organizer)
    client.get(topic.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        html = client.get(topic.get_absolute_url()).content.decode()
    assert "15:12 CET" in html
    user_reads = [q["sql"] for q in queries if q["sql"].startswith('SELECT "accounts_user"')]
    assert len(user_reads) == 1, user_reads  # the session's user, with the zone


@pytest.mark.parametrize("reader_zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_license_badges_follow_the_sites_date_whatever_the_readers_zone(
    client, clinician, other_clinician, topic, reader_zone, django_capture_on_commit_callbacks
):
    """UTC+14 and UTC-11: at any moment one of them is on another date than the site, so
    badges judged by the reader's date would show one of these two wrongly."""
    with django_capture_on_commit_callbacks(execute=True):
        reply_create(author=other_clinician, topic=topic, content=factories.content("A reply"))
    today = site_today()
    License.objects.filter(user=clinician).update(expires_on=today)
    License.objects.filter(user=other_clinician).update(
        expires_on=today - datetime.timedelta(days=1)
    )
    reader = _in_zone(factories.UserFactory(), reader_zone)
    grant_verified_license(reader)
    client.force_login(reader)
    html = client.get(topic.get_absolute_url()).content.decode()
    assert _badges(html) == {"Dana Reyes": True, "Sam Ortiz": False}


def _badges(html: str) -> dict[str, bool]:
    found = {}
    for article in html.split('<article class="post card')[1:]:
        name = re.search(r'class="byline-name">([^<]+)<', article).group(1)
        found[name] = 'class="credential"' in article.split("</header>", 1)[0]
    return found


def test_the_sleep_on_it_morning_is_eight_in_the_authors_zone(client, clinician):
    from forum import nudges

    _in_zone(clinician, "America/Los_Angeles")
    now = datetime.datetime(2026, 3, 2, 7, 30, tzinfo=UTC)  # 23:30 on 1 March in LA
    label = dict(nudges.sleep_choices(user=clinician, now=now))["morning"]
    assert label == "Tomorrow morning: 2 Mar 2026, 08:00 PST, your time zone"
    when = nudges.sleep_until("morning", user=clinician, now=now)
    assert nudges.describe_time(when, user=clinician) == "on 2 Mar 2026, 08:00 PST"
