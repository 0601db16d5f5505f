"""django-allauth customisation: email is the login, the username mirrors it, and sign-up
stores the name colleagues see and the browser's time zone (accounts.forms)."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.urls import reverse

from accounts import handles
from accounts.access import can_post
from accounts.models import User
from notifications.emails import email_site_context


class AccountAdapter(DefaultAccountAdapter):
    def populate_username(self, request: HttpRequest, user: User) -> None:
        # Django's admin still needs a unique username; it is never shown.
        user.username = (user.email or "").lower()[:150]

    def save_user(self, request: HttpRequest, user: User, form: Any, commit: bool = True) -> User:
        data = getattr(form, "cleaned_data", {})
        if "display_name" in data:  # accounts.forms.ClinicianSignupForm
            user.display_name = data["display_name"]
            user.credentials_suffix = data.get("credentials_suffix", "")
            user.time_zone = data.get("time_zone") or "UTC"
        user = super().save_user(request, user, form, commit=False)
        if commit:
            # The handle they typed, else one from their display name, numbered if taken.
            handles.assign_new_member_handle(user, wanted=data.get("handle", ""))
        return user

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        # Our templates (templates/account/email/) greet and sign with the site's name and
        # link its address, never the host the request came in on.
        super().send_mail(template_prefix, email, {**context, **email_site_context()})

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        # The per-account failed-login limit ("5/5m/key", ACCOUNT_RATE_LIMITS) counts per
        # account *and address*: an attacker's failures from elsewhere must not lock a
        # clinician out of their own account (issue 18 item 12). The per-address limit
        # ("10/m/ip") still bounds guessing across accounts. allauth keys this by the
        # site and the login alone; it clears the same key after a password reset.
        key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{key}:{self.get_client_ip(request)}"

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        user = request.user
        # A new member goes straight to declaring a license; staff need none.
        if (
            user.is_authenticated
            and not user.is_staff
            and not can_post(user)
            and not user.licenses.exists()
        ):
            return reverse("accounts:license_add")
        return super().get_login_redirect_url(request)
