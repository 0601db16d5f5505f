"""`{% avatar member %}`: a member's uploaded picture, or their initials on a colour.

Decorative (empty alt text, hidden from screen readers): the name is always beside it.
Reads the member's pk, public_name and avatar only (accounts.names.AUTHOR_FIELDS).
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from accounts.avatars import avatar_url, hue, initials

register = template.Library()

SIZES = {"small": 32, "medium": 48, "large": 96}


@register.simple_tag
def avatar(member: object, size: str = "small") -> SafeString | str:
    if member is None or getattr(member, "pk", None) is None:
        return ""
    pixels = SIZES.get(size, SIZES["small"])
    # A former member's picture is not served (accounts.access.member_with_avatar).
    deactivated = getattr(member, "deactivated_at", None) is not None
    url = "" if deactivated else avatar_url(member)  # type: ignore[arg-type]
    if url:
        return format_html(
            '<img class="avatar avatar-{}" src="{}" alt="" width="{}" height="{}" loading="lazy">',
            size,
            url,
            pixels,
            pixels,
        )
    return format_html(
        '<span class="avatar avatar-{} initials hue-{}" aria-hidden="true">{}</span>',
        size,
        hue(member.pk),
        initials(member.public_name),  # type: ignore[attr-defined]
    )
