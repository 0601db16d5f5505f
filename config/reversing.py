"""URLs reversed once per process, for the links every page shows.

`django.urls.reverse` walks the URL configuration on each call: on the thread page the
group's link, the reply link and the MFA middleware's admin prefix cost about as much
as one of its SQL queries. The answer depends only on the URL configuration (the
project's, or a request's own), the script prefix the site is mounted under and the
arguments, so it is kept under exactly those.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


@functools.lru_cache(maxsize=4096)
def _reverse(urlconf: object, script_prefix: str, viewname: str, args: tuple[object, ...]) -> str:
    return reverse(viewname, urlconf=urlconf, args=args)


def url_configuration() -> tuple[object, str]:
    """What a reversed URL depends on besides its name and arguments: the URL
    configuration in force (the project's, or the request's own) and the script prefix.
    Caches of reversed URLs are keyed by it."""
    return get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()


def reverse_cached(viewname: str, *args: object) -> str:
    """reverse(viewname, args=args), reversed once per URL configuration and prefix."""
    return _reverse(*url_configuration(), viewname, args)
