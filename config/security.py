"""Response headers Django does not set itself (the rest are settings: see config/settings.py)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers


class PermissionsPolicyMiddleware:
    """Adds a Permissions-Policy header: the site needs no camera, microphone, location, ..."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        policy: dict[str, list[str]] = getattr(settings, "PERMISSIONS_POLICY", {})
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})" for feature, origins in policy.items()
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class PrivatePagesMiddleware:
    """Every response to a signed-in request (or one that carried a session) is
    `Cache-Control: private, no-store` (issue 18 item 10): a shared proxy or the browser's
    back/forward store never keeps a member's thread, history, search, notices or /me/.
    A response that is already private and no-store, or private and immutable (a member's
    picture, whose URL names its file), keeps its own header; anything else is replaced."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        had_session = settings.SESSION_COOKIE_NAME in request.COOKIES
        if signed_in or had_session:
            current = response.headers.get("Cache-Control", "")
            keeps_own = "private" in current and ("no-store" in current or "immutable" in current)
            if not keeps_own:
                response.headers["Cache-Control"] = "private, no-store"
            patch_vary_headers(response, ("Cookie",))
        return response
