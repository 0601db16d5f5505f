"""Cached HTML of each post's header and body on the thread page.

A fragment's cache key is a digest of everything `forum/_post_main.html` reads:
the post's state, its current revision (whose sanitized HTML is immutable), the
author's public name and avatar, the reader's time zone, the credential badge, the
post it replies to and whether the reader moderates the group. A change to any of
them is a new key, so nothing needs invalidating and no reader can get a fragment
rendered from other inputs.
Per-reader parts (edit, withdraw, helpful forms with their CSRF tokens) stay
outside, in `forum/_post_footer.html`, rendered per reader. One cache round
trip (get_many) serves the whole page.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from forum.models import Post
from forum.templatetags.forum_tags import answered_earlier_version

TEMPLATE = "forum/_post_main.html"
TIMEOUT = 24 * 3600
# A deploy that changes the template changes every key.
_TEMPLATE_DIGEST = hashlib.blake2b(
    (Path(settings.BASE_DIR) / "templates" / TEMPLATE).read_bytes()
).hexdigest()[:12]


def _key(post: Post, badge: str, moderates: bool) -> str:
    # The revision this reader is shown (forum.queries.attach_shown_revision), the published
    # one beside it for the author and moderators while an edit is screened, and whether
    # either is redacted.
    revision = post.shown_revision
    beside = post.published_shown
    reply_to = post.reply_to if post.reply_to_id else None
    answered = post.answered_revision if post.answered_revision_id else None
    parts = (
        _TEMPLATE_DIGEST,
        post.pk,
        post.number,
        post.status,
        post.created_at.isoformat(),
        post.revision_count,
        post.is_correction,
        str(post.helpful_marked_at),
        str(post.withdrawn_at),
        str(post.scheduled_for),
        post.author.public_name,
        post.author.avatar.name,
        # Times are shown in the reader's zone (accounts/timezones.py).
        timezone.get_current_timezone_name(),
        badge,
        moderates,
        revision.pk if revision else None,
        revision.body_html if revision else "",
        revision.disclaimer if revision else "",
        revision.disclaimer_text if revision else "",
        repr(revision.trigger_warnings) if revision else "",
        # Warnings screening or a moderator added (forum/added_warnings.py).
        repr(post.added_warnings),
        hasattr(revision, "redaction") if revision else False,
        beside.pk if beside else None,
        hasattr(beside, "redaction") if beside else False,
        post.edit_by_reader,
        (reply_to.pk, reply_to.number, reply_to.author.public_name) if reply_to else None,
        (answered.post_id, answered.number, answered_earlier_version(post)) if answered else None,
    )
    return "post-html:" + hashlib.blake2b(repr(parts).encode(), digest_size=20).hexdigest()


def post_fragments(
    posts: list[Post], *, badges: dict[int, str], moderates: bool
) -> dict[int, SafeString]:
    """post id -> its rendered header and body, from the cache or rendered now."""
    keys = {post.pk: _key(post, badges.get(post.author_id, ""), moderates) for post in posts}
    found = cache.get_many(list(keys.values()))
    fragments: dict[int, SafeString] = {}
    missing: dict[str, str] = {}
    for post in posts:
        key = keys[post.pk]
        html = found.get(key)
        if html is None:
            html = render_to_string(
                TEMPLATE, {"post": post, "badges": badges, "moderates": moderates}
            )
            missing[key] = html
        fragments[post.pk] = mark_safe(html)  # noqa: S308 -- rendered by our template
    if missing:
        cache.set_many(missing, TIMEOUT)
    return fragments
