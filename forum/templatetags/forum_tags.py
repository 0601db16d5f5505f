from __future__ import annotations

from django import template

from config.reversing import reverse_cached

register = template.Library()


@register.filter
def lookup(mapping: dict[object, object] | None, key: object) -> object:
    """`{{ badges|lookup:post.author_id }}`: a dict entry, or an empty string."""
    if not mapping:
        return ""
    return mapping.get(key, "")


@register.filter
def answered_earlier_version(post: object) -> bool:
    """A reply whose answered revision is no longer the current one of its post."""
    answered = getattr(post, "answered_revision", None)
    if answered is None:
        return False
    return answered.post.current_revision_id != answered.pk


@register.simple_tag
def url_cached(viewname: str, *args: object) -> str:
    """{% url %} for links repeated on every page view (a post's own controls): reversed
    once per process (config.reversing), escaped as {% url %} escapes."""
    return reverse_cached(viewname, *args)
