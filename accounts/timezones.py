"""Members' time zones: which names are valid, how a moment is shown, and the reader's zone.

Every time a page shows is in the reader's zone with the zone named ("4 Dec 2026, 09:12
EST"); visitors see UTC, labelled. accounts.middleware.ReaderTimeZoneMiddleware activates
a ReaderZone for each request: it reads the member's zone from `request.user` only when
something first converts a time, from the user the session already read. Dates that
decide standing (license expiry) use the site's date, not the reader's: site_today().
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ValidationError
from django.utils import timezone

UTC_NAME = "UTC"
# In the tz database but no place anyone lives: refused as a member's zone.
_NOT_PLACES = frozenset({"localtime", "Factory", "posixrules"})


@functools.cache
def zone_names() -> frozenset[str]:
    """Every zone name a member may hold (the IANA names Python knows, aliases included:
    browsers still report some old names, such as Asia/Calcutta)."""
    from zoneinfo import available_timezones

    return frozenset(available_timezones() - _NOT_PLACES)


@functools.cache
def zone_choices() -> tuple[tuple[str, str], ...]:
    """(name, label) for the settings page: the Area/Place names and UTC, by name."""
    names = sorted(name for name in zone_names() if "/" in name and not name.startswith("Etc/"))
    return ((UTC_NAME, "UTC"), *((name, name.replace("_", " ")) for name in names))


def clean_time_zone(value: str) -> str:
    name = (value or "").strip()
    if name not in zone_names():
        raise ValidationError(
            "Choose a time zone from the list (for example America/New_York).", code="invalid"
        )
    return name


def guessed_time_zone(value: str) -> str:
    """The browser's guess at sign-up if it is a zone we know, else UTC (a bad guess must
    not stop anyone signing up; settings can change it)."""
    name = (value or "").strip()[:64]
    return name if name in zone_names() else UTC_NAME


@functools.lru_cache(maxsize=1024)
def zone_named(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name) if name in zone_names() else ZoneInfo(UTC_NAME)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(UTC_NAME)


def zone_of(user: object) -> ZoneInfo:
    """The member's zone; UTC for visitors and for a zone no longer known."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ZoneInfo(UTC_NAME)
    return zone_named(getattr(user, "time_zone", "") or UTC_NAME)


def site_today() -> date:
    """Today in the site's zone (settings.TIME_ZONE): the date license standing is judged
    by, the same for every reader whatever their own zone."""
    return timezone.localdate(timezone=timezone.get_default_timezone())


def _offset_label(offset: timedelta | None) -> str:
    minutes = int((offset or timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zone_label(moment: datetime) -> str:
    """The zone's abbreviation at `moment` (an aware time in that zone): "EST", "CET",
    "UTC"; where the tz database has none, the offset ("UTC+3", "UTC+5:45")."""
    name = moment.tzname() or ""
    if not name or name[0] in "+-" or name[0].isdigit():
        return _offset_label(moment.utcoffset())
    return name


def in_zone(moment: datetime, zone: tzinfo | None = None) -> datetime:
    return moment.astimezone(zone or timezone.get_current_timezone())


def format_moment(moment: datetime, zone: tzinfo | None = None) -> str:
    """ "4 Dec 2026, 09:12 EST": in `zone`, or the active zone (the reader's)."""
    local = in_zone(moment, zone)
    return f"{local.day} {local:%b %Y, %H:%M} {zone_label(local)}"


def format_day(moment: datetime | date, zone: tzinfo | None = None) -> str:
    """ "4 Dec 2026": the day of a moment in the reader's zone (or a plain date)."""
    day = in_zone(moment, zone) if isinstance(moment, datetime) else moment
    return f"{day.day} {day:%b %Y}"


def zone_name(zone: tzinfo) -> str:
    return getattr(zone, "key", None) or str(zone)


class ReaderZone(tzinfo):
    """The zone of the request's reader, looked up the first time a time is converted.

    A tzinfo that hands every question to the member's ZoneInfo (DST folds included:
    fromutc sets `fold` as the zone does, and utcoffset reads it back).
    """

    def __init__(self, request: object) -> None:
        self._request = request
        self._zone: ZoneInfo | None = None

    @property
    def zone(self) -> ZoneInfo:
        if self._zone is None:
            self._zone = zone_of(getattr(self._request, "user", None))
        return self._zone

    @property
    def key(self) -> str:
        return self.zone.key

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None if dt is None else self.zone.utcoffset(dt.replace(tzinfo=None))

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None if dt is None else self.zone.dst(dt.replace(tzinfo=None))

    def tzname(self, dt: datetime | None) -> str | None:
        # None for no moment, as ZoneInfo answers: Django then names the zone by str().
        return None if dt is None else self.zone.tzname(dt.replace(tzinfo=None))

    def fromutc(self, dt: datetime) -> datetime:
        zone = self.zone
        return zone.fromutc(dt.replace(tzinfo=zone)).replace(tzinfo=self)

    def __str__(self) -> str:
        return self.zone.key

    def __repr__(self) -> str:
        return f"ReaderZone({self._zone.key if self._zone else 'unresolved'})"


def utc_iso(moment: datetime) -> str:
    """The machine-readable form for <time datetime>: the same for every reader."""
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
