"""Moderators and staff must use MFA before they reach the admin or moderation pages."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from accounts.access import has_mfa, needs_mfa
from config.reversing import reverse_cached

PROTECTED_PREFIXES_SETTING = "MFA_REQUIRED_PATH_PREFIXES"


class RequireMFAForModeratorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def _protected_prefixes(self) -> tuple[str, ...]:
        from django.conf import settings

        configured = getattr(settings, PROTECTED_PREFIXES_SETTING, None)
        if configured:
            return tuple(configured)
        return (reverse_cached("admin:index"), "/moderation/")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and request.path.startswith(self._protected_prefixes())
            and needs_mfa(user)
            and not has_mfa(user)
        ):
            messages.warning(
                request,
                "Moderators and staff must use two-factor authentication. Set up an "
                "authenticator app to continue to the moderation pages.",
            )
            return redirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.path})}")
        return self.get_response(request)
