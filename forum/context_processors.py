from __future__ import annotations

import functools

from django.http import HttpRequest
from django.templatetags.static import static
from django.utils.functional import SimpleLazyObject

from accounts.access import has_mfa, is_moderator, needs_step_up
from accounts.step_up import activation_url, step_up_url
from config.reversing import reverse_cached, url_configuration
from forum.composer import DRAFT_SENT_SESSION_KEY
from notifications.inbox import unread_count

# The header's links, reversed once per URL configuration and script prefix rather than on
# every page, and the static files every page links (the storage builds each URL per call).
_NAV = {
    "home": "forum:home",
    "directory": "forum:directory",
    "search": "forum:search",
    "notifications": "notifications:list",
    "moderation": "admin:index",
    "profile": "accounts:profile",
    "logout": "account_logout",
    "login": "account_login",
    "signup": "account_signup",
}


# The stylesheet and scripts base.html links, by the names it reads them under.
_ASSETS = {
    "stylesheet": "css/site.css",
    "htmx": "vendor/htmx/htmx.min.js",
    "script": "js/site.js",
}


@functools.lru_cache(maxsize=8)
def _nav(configuration: tuple[object, str]) -> dict[str, str]:
    # A relative STATIC_URL is under the script prefix too, so the assets are kept with it.
    return {
        **{name: reverse_cached(view) for name, view in _NAV.items()},
        **{name: static(path) for name, path in _ASSETS.items()},
    }


def site(request: HttpRequest) -> dict[str, object]:
    nav = _nav(url_configuration())
    user = request.user
    if not user.is_authenticated:
        return {"unread_notifications": 0, "is_moderator": False, "nav": nav, "step_up": ""}
    step_up = ""
    if needs_step_up(user):  # a moderator or staff member reading as a member
        here = request.get_full_path()
        step_up = step_up_url(here) if has_mfa(user) else activation_url(here)
    return {
        # Read only if the template shows it and the view did not already read it with its
        # own keys (queries.reader_context): the view's context comes first.
        "unread_notifications": SimpleLazyObject(lambda: unread_count(user)),
        "is_moderator": is_moderator(user),
        "step_up": step_up,
        "nav": nav,
        # The composer whose post was just sent (forum/composer.py): site.js forgets its
        # saved draft. Read (and so taken from the session) only where base.html shows it.
        "draft_sent": SimpleLazyObject(lambda: request.session.pop(DRAFT_SENT_SESSION_KEY, "")),
    }
