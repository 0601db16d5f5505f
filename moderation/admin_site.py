"""The Django admin, opened to moderators who are not staff.

Django's admin admits only `is_staff`; but staff are global moderators
(accounts.access.moderates_group), so a group-scoped moderator could never
reach the queue. This site also admits active moderators; what they see is
limited by each ModelAdmin's permissions (moderation models only).
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest


class ClinicianAdminSite(admin.AdminSite):
    site_header = "Clinician Commons administration"
    site_title = "Clinician Commons admin"
    index_title = "Moderation and administration"

    def has_permission(self, request: HttpRequest) -> bool:
        from accounts.access import is_moderator  # not at import: apps load this module

        user = request.user
        return bool(user.is_active and (user.is_staff or is_moderator(user)))


class ClinicianAdminConfig(AdminConfig):
    default_site = "moderation.admin_site.ClinicianAdminSite"
