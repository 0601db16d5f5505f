from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from accounts.templatetags.avatars import avatar
from config.reversing import reverse_cached
from forum.models import collapsed_behind

register = template.Library()


@register.filter
def lookup(mapping: dict[object, object] | None, key: object) -> object:
    """`{{ badges|lookup:post.author_id }}`: a dict entry, or an empty string."""
    if not mapping:
        return ""
    return mapping.get(key, "")


@register.filter
def answered_earlier_version(post: object) -> bool:
    """A reply whose answered revision is no longer the published one of its post."""
    answered = getattr(post, "answered_revision", None)
    if answered is None:
        return False
    return answered.post.published_revision_id != answered.pk


@register.filter
def warning_labels(revision: object, post: object) -> list[str]:
    """What a reader's collapsed post says it is warned for: the revision's declared
    warnings, then those screening or a moderator added (issue 20.2), each saying who
    added it; an added warning the revision declares is not named twice."""
    return collapsed_behind(revision, post)


@register.simple_tag
def url_cached(viewname: str, *args: object) -> str:
    """{% url %} for links repeated on every page view (a post's own controls): reversed
    once per process (config.reversing), escaped as {% url %} escapes."""
    return reverse_cached(viewname, *args)


@register.simple_tag
def byline(member: object, size: str = "small") -> SafeString:
    """A member's picture and name, linked to their profile, with their @handle on hover (a
    former member: not linked). Reads the member's pk and accounts.names.AUTHOR_FIELDS only."""
    if member is None:
        return mark_safe("")  # noqa: S308 -- empty
    picture = avatar(member, size)
    if getattr(member, "deactivated_at", None) is not None:
        return format_html(
            '<span class="byline">{}<span class="byline-name">{}</span></span>',
            picture,
            member.public_name,  # type: ignore[attr-defined]
        )
    handle = getattr(member, "handle", None)
    if handle:  # shown on hover; mentions use it
        return format_html(
            '<a class="byline" href="{}" title="{} · @{}">{}'
            '<span class="byline-name">{}</span></a>',
            reverse("forum:member", args=[member.pk]),  # type: ignore[attr-defined]
            member.public_name,  # type: ignore[attr-defined]
            handle,
            picture,
            member.public_name,  # type: ignore[attr-defined]
        )
    return format_html(
        '<a class="byline" href="{}">{}<span class="byline-name">{}</span></a>',
        reverse("forum:member", args=[member.pk]),  # type: ignore[attr-defined]
        picture,
        member.public_name,  # type: ignore[attr-defined]
    )


@register.simple_tag
def author_link(member: object) -> SafeString | str:
    """A member's name linked to their profile, without the picture (lists, tables)."""
    if member is None:
        return ""
    if getattr(member, "deactivated_at", None) is not None:
        return member.public_name  # type: ignore[attr-defined]
    return format_html(
        '<a class="author-link" href="{}">{}</a>',
        reverse("forum:member", args=[member.pk]),  # type: ignore[attr-defined]
        member.public_name,  # type: ignore[attr-defined]
    )
