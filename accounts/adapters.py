"""django-allauth customisation: email is the login, the username mirrors it."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.urls import reverse

from accounts.access import can_post
from accounts.models import User


class AccountAdapter(DefaultAccountAdapter):
    def populate_username(self, request: HttpRequest, user: User) -> None:
        # Django's admin still needs a unique username; it is never shown.
        user.username = (user.email or "").lower()[:150]

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
