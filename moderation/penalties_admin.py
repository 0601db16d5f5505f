"""Canned replies in the admin: staff (in a TOTP-passed session) write and keep them;
moderators pick one on a case page ("hide and message", moderation.penalties)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from accounts.access import has_staff_powers, is_moderator
from moderation.models import CannedReply


@admin.register(CannedReply)
class CannedReplyAdmin(admin.ModelAdmin):
    list_display = ("title", "rule", "is_active", "updated_at")
    list_filter = ("is_active",)
    search_fields = ("title", "message", "rule")
    fields = ("title", "message", "rule", "is_active")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_moderator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_moderator(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return has_staff_powers(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return has_staff_powers(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A reply stops being offered by unticking "active"; sent messages keep their text.
        return has_staff_powers(request.user)
