"""The Django admin, opened to moderators who are not staff.

Django's admin admits only `is_staff`; but staff are global moderators
(accounts.access.moderates_group), so a group-scoped moderator could never
reach the queue. This site also admits active moderators; what they see is
limited by each ModelAdmin's permissions (moderation models only).

Every page needs the powers of a session that passed TOTP in this login
(accounts/access.py), and nobody signs in here: /admin/login/ sends people to
allauth's sign-in (its rate limits, its MFA stage) or to the step-up.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from config.health import app_checks


class ClinicianAdminSite(admin.AdminSite):
    site_header = "Clinician Commons administration"
    site_title = "Clinician Commons admin"
    index_title = "Moderation and administration"
    index_template = "admin/clinician_index.html"

    def index(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        # Not at import, as in has_permission.
        from accounts.access import has_staff_powers
        from accounts.models import StandingRetry

        # The screening backlog (registered by moderation in config.health) heads the page;
        # for staff, members the standing sweep gave up telling (accounts.standing).
        given_up = (
            StandingRetry.objects.filter(gave_up_at__isnull=False).count()
            if has_staff_powers(request.user)
            else 0
        )
        return super().index(
            request,
            {
                **(extra_context or {}),
                "screening": app_checks().get("screening"),
                "standing_given_up": given_up,
            },
        )

    def has_permission(self, request: HttpRequest) -> bool:
        # Not at import: INSTALLED_APPS loads this module before the models are ready.
        from accounts.access import has_staff_powers, is_moderator

        user = request.user
        return bool(has_staff_powers(user) or is_moderator(user))

    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        # Not at import, as in has_permission.
        from accounts.access import has_mfa, needs_step_up
        from accounts.step_up import activation_url, step_up_url

        next_path = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(next_path, allowed_hosts={request.get_host()}):
            next_path = reverse("admin:index", current_app=self.name)
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?{urlencode({'next': next_path})}")
        if self.has_permission(request):
            return redirect(next_path)
        if needs_step_up(request.user):
            if has_mfa(request.user):
                return redirect(step_up_url(next_path))
            return redirect(activation_url(next_path))
        raise PermissionDenied("The administration is for moderators and staff.")


class ClinicianAdminConfig(AdminConfig):
    default_site = "accounts.admin_site.ClinicianAdminSite"
