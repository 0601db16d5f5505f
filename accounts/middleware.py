"""The request's user and its powers; moderators and staff need MFA before the admin.

Powers (accounts/access.py) need a session that passed TOTP in this login. Only the user
this middleware hands the request carries them; on the admin's pages a moderator or staff
member whose session has not passed TOTP is sent to set up an authenticator, or to confirm
with it (a step-up, allauth's mfa_reauthenticate), before anything else runs.

ReaderTimeZoneMiddleware activates the reader's time zone (accounts/timezones.py).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import middleware as auth_middleware
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from accounts.access import ReadingRefused, has_mfa, has_session_powers, needs_mfa
from accounts.powers import give_session_powers
from accounts.step_up import activation_url, step_up_url
from accounts.timezones import ReaderZone
from config.reversing import reverse_cached

PROTECTED_PREFIXES_SETTING = "MFA_REQUIRED_PATH_PREFIXES"


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, with `request.user` holding the proof of a TOTP pass when its session has
    one (accounts.powers.give_session_powers). Still lazy: the user is read when first
    used (pages read it together with their own rows, accounts/backends.py).

    `request.auser` (async views; there are none) stays Django's: a user without powers.
    """

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        request.user = SimpleLazyObject(  # type: ignore[assignment]
            lambda: give_session_powers(request, auth_middleware.get_user(request))
        )


class RequireMFAForModeratorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def _protected_prefixes(self) -> tuple[str, ...]:
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
            and not has_session_powers(user)
        ):
            if not has_mfa(user):
                messages.warning(
                    request,
                    "Moderators and staff must use two-factor authentication. Set up an "
                    "authenticator app to continue to the moderation pages.",
                )
                return redirect(activation_url(request.get_full_path()))
            if request.path.startswith(reverse_cached("admin:index")):
                # The admin is nothing but powers: confirm with the authenticator first.
                return redirect(step_up_url(request.get_full_path()))
        return self.get_response(request)


class ReaderTimeZoneMiddleware:
    """Times on every page in the reader's zone (UTC for visitors).

    The zone is looked up from `request.user` when a time is first converted, not here:
    a page that never shows a time (or never reads the user) costs no read of the user.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        timezone.activate(ReaderZone(request))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class ReadingRefusedMiddleware:
    """A page of topic bodies refused to a reader without a current verified license
    (accounts.access.ReadingRefused) answers 403 with the reason and the way to fix it
    (declare, evidence, renew), and the topic's title when the reader may know of it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, ReadingRefused):
            return None
        return render(
            request,
            "accounts/reading_refused.html",
            {"reason": exception.reason, "topic": exception.topic},
            status=403,
        )
