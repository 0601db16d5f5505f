"""Time zones (#22.6): every time in the reader's zone, the zone named; visitors get UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import timezone

from accounts.timezones import (
    ReaderZone,
    clean_time_zone,
    format_moment,
    guessed_time_zone,
    zone_choices,
)

MOMENT = datetime(2026, 12, 4, 14, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "shown"),
    [
        ("America/New_York", "4 Dec 2026, 09:12 EST"),
        ("Europe/Paris", "4 Dec 2026, 15:12 CET"),
        ("UTC", "4 Dec 2026, 14:12 UTC"),
        ("Asia/Kolkata", "4 Dec 2026, 19:42 IST"),
        # Zones whose tz data has no abbreviation are named by their offset.
        ("Europe/Istanbul", "4 Dec 2026, 17:12 UTC+3"),
        ("Asia/Kathmandu", "4 Dec 2026, 19:57 UTC+5:45"),
        ("America/Sao_Paulo", "4 Dec 2026, 11:12 UTC-3"),
        ("Pacific/Kiritimati", "5 Dec 2026, 04:12 UTC+14"),
    ],
)
def test_a_moment_is_shown_in_the_zone_with_the_zone_named(zone, shown):
    assert format_moment(MOMENT, ZoneInfo(zone)) == shown


def _reader(user: object) -> ReaderZone:
    return ReaderZone(SimpleNamespace(user=user))


def test_the_reader_zone_keeps_both_readings_of_an_hour_that_happens_twice():
    member = SimpleNamespace(is_authenticated=True, time_zone="America/New_York")
    zone = _reader(member)
    # 1 Nov 2026: 01:30 happens in EDT, then again in EST.
    first = datetime(2026, 11, 1, 5, 30, tzinfo=UTC)
    second = datetime(2026, 11, 1, 6, 30, tzinfo=UTC)
    assert format_moment(first, zone) == "1 Nov 2026, 01:30 EDT"
    assert format_moment(second, zone) == "1 Nov 2026, 01:30 EST"
    assert second.astimezone(zone).astimezone(UTC) == second
    assert str(zone) == "America/New_York"


def test_a_visitor_and_a_member_with_an_unknown_zone_read_utc():
    assert format_moment(MOMENT, _reader(AnonymousUser())) == "4 Dec 2026, 14:12 UTC"
    lost = SimpleNamespace(is_authenticated=True, time_zone="Mars/Olympus_Mons")
    assert format_moment(MOMENT, _reader(lost)) == "4 Dec 2026, 14:12 UTC"


def test_the_reader_zone_reads_the_user_only_when_a_time_is_shown():
    request = SimpleNamespace()  # no user yet: touching it would fail
    zone = ReaderZone(request)
    request.user = SimpleNamespace(is_authenticated=True, time_zone="Europe/Paris")
    assert format_moment(MOMENT, zone) == "4 Dec 2026, 15:12 CET"


def test_templates_show_times_in_the_active_reader_zone():
    member = SimpleNamespace(is_authenticated=True, time_zone="America/Los_Angeles")
    template = Template("{% load local_time %}{% local_time moment %}|{% local_date moment %}")
    with timezone.override(_reader(member)):
        html = template.render(Context({"moment": MOMENT}))
    assert html == (
        '<time datetime="2026-12-04T14:12:00Z" title="America/Los_Angeles">'
        "4 Dec 2026, 06:12 PST</time>|"
        '<time datetime="2026-12-04">4 Dec 2026</time>'
    )


def test_zone_names_are_checked_against_the_tz_database():
    assert clean_time_zone(" Europe/Paris ") == "Europe/Paris"
    assert clean_time_zone("Asia/Calcutta") == "Asia/Calcutta"  # an alias browsers give
    for bad in ("", "Europe/Atlantis", "localtime", "../etc/passwd", "x" * 200):
        with pytest.raises(ValidationError):
            clean_time_zone(bad)
    assert guessed_time_zone("Nowhere/Special") == "UTC"
    names = [name for name, _ in zone_choices()]
    assert names[0] == "UTC" and "America/New_York" in names and "localtime" not in names
