"""Times as the reader reads them: `{% local_time post.created_at %}` gives
<time datetime="2026-12-04T14:12:00Z">4 Dec 2026, 09:12 EST</time>, in the active zone
(the reader's: accounts.middleware.ReaderTimeZoneMiddleware), with the zone named."""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from accounts.timezones import format_day, format_moment, zone_name
from accounts.timezones import utc_iso as utc_iso_text

register = template.Library()


@register.simple_tag
def local_time(moment: datetime | None) -> SafeString | str:
    if not isinstance(moment, datetime):
        return ""
    return format_html(
        '<time datetime="{}" title="{}">{}</time>',
        utc_iso_text(moment),
        zone_name(timezone.get_current_timezone()),
        format_moment(moment),
    )


@register.simple_tag
def local_date(moment: datetime | date | None) -> SafeString | str:
    """The day only ("4 Dec 2026"), in the reader's zone for a moment."""
    if not isinstance(moment, date):
        return ""
    shown = format_day(moment)
    if isinstance(moment, datetime):
        moment = moment.astimezone(timezone.get_current_timezone()).date()
    return format_html('<time datetime="{}">{}</time>', moment.isoformat(), shown)


@register.filter
def local_time_text(moment: datetime | None) -> str:
    """The same words as {% local_time %} without the element (inside other text)."""
    return format_moment(moment) if isinstance(moment, datetime) else ""


@register.filter
def utc_iso(moment: datetime | None) -> str:
    """For <time datetime>: the same text for every reader (cached lists share it)."""
    return utc_iso_text(moment) if isinstance(moment, datetime) else ""
