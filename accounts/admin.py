from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = (
        "email",
        "display_name",
        "is_organizer",
        "is_moderator",
        "is_staff",
        "is_active",
    )
    list_filter = ("is_organizer", "is_moderator", "is_staff", "is_active")
    search_fields = ("email", "display_name")
    ordering = ("email",)
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (
            "Clinician Commons",
            {
                "fields": (
                    "display_name",
                    "is_organizer",
                    "is_moderator",
                    "time_zone",
                    "deactivated_at",
                )
            },
        ),
    )
