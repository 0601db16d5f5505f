"""`{% scheduled_posts_card user %}`: the author's slept-on posts, for their profile page."""

from __future__ import annotations

from django import template

from accounts.models import User
from accounts.timezones import zone_of
from forum.scheduling import scheduled_posts_for

register = template.Library()

PROFILE_LIMIT = 10


@register.inclusion_tag("forum/_scheduled_card.html")
def scheduled_posts_card(user: User) -> dict[str, object]:
    posts = list(scheduled_posts_for(user)[: PROFILE_LIMIT + 1])
    return {
        "posts": posts[:PROFILE_LIMIT],
        "more": len(posts) > PROFILE_LIMIT,
        "author_zone": zone_of(user).key,
    }
