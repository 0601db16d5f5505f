"""Users and roles (staff only), and the license review queue (moderators)."""

from __future__ import annotations

import json
from typing import Any

from allauth.mfa.models import Authenticator
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from accounts import handles, standing, verification
from accounts.access import can_review_licenses, has_staff_powers
from accounts.choices import LicenseState
from accounts.forms import ReviewForm, RevokeForm
from accounts.models import (
    HandleChange,
    HandleChangedBy,
    License,
    LicenseStatusChange,
    StandingRetry,
    User,
)
from accounts.signals import byline_changed


class ClinicianChangeForm(UserChangeForm):  # type: ignore[type-arg]
    def clean_handle(self) -> str | None:
        # The member's own rules (lower case, characters, reserved words, held handles).
        # Staff are not held to the member's CHANGES_PER_WINDOW; the old handle is recorded
        # (held for the member, still resolving to them) by the database on save.
        value = self.cleaned_data.get("handle")
        return handles.clean_handle(value, user=self.instance) if value else None


class HandleChangeInline(admin.TabularInline):
    """The member's handle history, as the database recorded it, with who made each."""

    model = HandleChange
    fk_name = "user"
    extra = 0
    can_delete = False
    fields = ("changed_at", "old_handle", "new_handle", "changed_by", "actor")
    readonly_fields = fields
    ordering = ("-changed_at", "-id")
    verbose_name = "handle change"
    verbose_name_plural = "handle history (only the member's own changes count towards "
    "their limit)"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = ClinicianChangeForm
    list_display = (
        "email",
        "display_name",
        "is_organizer",
        "is_moderator",
        "is_staff",
        "is_active",
        "deactivated_at",
    )
    list_filter = ("is_organizer", "is_moderator", "is_staff", "is_active")
    search_fields = ("email", "display_name", "handle")
    ordering = ("email",)
    filter_horizontal = ("groups", "user_permissions", "moderated_groups")
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (
            "Clinician Commons roles",
            {
                "description": "Staff grant the organizer and moderator roles. A moderator "
                "with no moderated groups is global; otherwise they moderate only those groups.",
                "fields": (
                    "display_name",
                    "credentials_suffix",
                    "handle",
                    "is_organizer",
                    "is_moderator",
                    "moderated_groups",
                    "time_zone",
                    "email_notices",
                    "deactivated_at",
                ),
            },
        ),
    )

    def get_inlines(self, request: HttpRequest, obj: User | None) -> list[Any]:
        return [HandleChangeInline] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        if change and "handle" in form.changed_data:
            # The database records the change (its trigger); this says staff made it, so it
            # does not count towards the member's own changes per month.
            with handles.changes_made_by(
                user_id=obj.pk, changed_by=HandleChangedBy.STAFF, actor=request.user
            ):
                super().save_model(request, obj, form, change)
        else:
            super().save_model(request, obj, form, change)
        if change and {"handle", "display_name", "credentials_suffix"} & set(form.changed_data):
            # As a change in the member's settings: cached topic lists show the new byline.
            byline_changed.send(sender=User, user_id=obj.pk)


class ReviewQueueFilter(admin.SimpleListFilter):
    """The queue opens on licenses awaiting review; "All" shows every state."""

    title = "queue"
    parameter_name = "queue"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("all", "All licenses")]

    def choices(self, changelist: Any):  # type: ignore[no-untyped-def]
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "Awaiting review",
        }
        yield {
            "selected": self.value() == "all",
            "query_string": changelist.get_query_string({self.parameter_name: "all"}),
            "display": "All licenses",
        }

    def queryset(self, request: HttpRequest, queryset: QuerySet[License]) -> QuerySet[License]:
        if self.value() == "all" or "state__exact" in request.GET:
            return queryset
        return queryset.filter(state=LicenseState.PENDING)


class StatusChangeInline(admin.TabularInline):
    model = LicenseStatusChange
    extra = 0
    can_delete = False
    fields = ("created_at", "from_state", "to_state", "actor", "method", "reason")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_review_licenses(request.user)


@admin.register(License)
class LicenseAdmin(admin.ModelAdmin):
    list_display = (
        "holder_name",
        "license_label",
        "jurisdiction",
        "number",
        "state",
        "registry_status",
        "has_evidence",
        "age",
        "review_link",
    )
    list_filter = (
        ReviewQueueFilter,
        "state",
        "registry_status",
        "verification_method",
        "license_type",
        "jurisdiction",
    )
    search_fields = ("holder_name", "number", "npi", "user__email", "user__display_name")
    ordering = ("created_at", "id")
    list_select_related = ("user",)
    inlines = [StatusChangeInline]
    readonly_fields = (
        "user",
        "license_type",
        "license_type_other",
        "jurisdiction",
        "number",
        "holder_name",
        "npi",
        "expires_on",
        "state",
        "verification_method",
        "verified_at",
        "evidence_link",
        "registry_status",
        "registry_checked_at",
        "registry_notes",
        "registry_answer",
        "created_at",
    )
    exclude = ("evidence", "registry_response", "registry_claimed_at", "evidence_content_type")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_review_licenses(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_review_licenses(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="type")
    def license_label(self, obj: License) -> str:
        return obj.type_short

    @admin.display(boolean=True, description="evidence")
    def has_evidence(self, obj: License) -> bool:
        return bool(obj.evidence)

    @admin.display(description="waiting", ordering="created_at")
    def age(self, obj: License) -> str:
        days = (timezone.now() - obj.created_at).days
        return "today" if days == 0 else f"{days} d"

    @admin.display(description="")
    def review_link(self, obj: License) -> str:
        url = reverse("admin:accounts_license_review", args=[obj.pk])
        label = "Review" if obj.state == LicenseState.PENDING else "Open"
        return format_html('<a class="button" href="{}">{}</a>', url, label)

    @admin.display(description="evidence")
    def evidence_link(self, obj: License) -> str:
        if not obj.evidence:
            return "none uploaded"
        url = reverse("accounts:evidence_file", args=[obj.pk])
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Open evidence ({})</a>',
            url,
            obj.evidence_content_type,
        )

    @admin.display(description="registry answer")
    def registry_answer(self, obj: License) -> str:
        if obj.registry_response is None:
            return "—"
        return format_html(
            "<pre>{}</pre>",
            json.dumps(obj.registry_response, indent=2)[:20_000],
        )

    def get_urls(self) -> list[Any]:
        return [
            path(
                "<int:license_id>/review/",
                self.admin_site.admin_view(self.review_view),
                name="accounts_license_review",
            ),
            *super().get_urls(),
        ]

    def review_view(self, request: HttpRequest, license_id: int) -> HttpResponse:
        if not can_review_licenses(request.user):
            raise PermissionDenied("Only moderators review licenses.")
        license = get_object_or_404(License.objects.select_related("user"), pk=license_id)
        review_form = ReviewForm(prefix="review")
        revoke_form = RevokeForm(prefix="revoke")
        if request.method == "POST":
            try:
                if "revoke" in request.POST:
                    revoke_form = RevokeForm(request.POST, prefix="revoke")
                    if revoke_form.is_valid():
                        verification.license_revoke(
                            moderator=request.user,
                            license=license,
                            reason=revoke_form.cleaned_data["reason"],
                        )
                        messages.success(request, f"{license} is revoked.")
                        return redirect("admin:accounts_license_changelist")
                else:
                    review_form = ReviewForm(request.POST, prefix="review")
                    if review_form.is_valid():
                        decide = (
                            verification.license_approve
                            if review_form.cleaned_data["decision"] == "approve"
                            else verification.license_reject
                        )
                        decide(
                            moderator=request.user,
                            license=license,
                            reason=review_form.cleaned_data["reason"],
                        )
                        messages.success(request, f"{license} is {license.state}.")
                        return redirect("admin:accounts_license_changelist")
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            except PermissionDenied as error:
                messages.error(request, str(error))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Review {license}",
            "license": license,
            "history": license.history.select_related("actor"),
            "review_form": review_form,
            "revoke_form": revoke_form,
            "registry_answer": (
                json.dumps(license.registry_response, indent=2)[:20_000]
                if license.registry_response is not None
                else ""
            ),
            "can_decide": license.state == LicenseState.PENDING
            and license.user_id != request.user.pk,
            "can_revoke": license.state == LicenseState.VERIFIED
            and license.user_id != request.user.pk,
            "other_licenses": License.objects.filter(user=license.user).exclude(pk=license.pk),
        }
        return TemplateResponse(request, "admin/accounts/license/review.html", context)


class GaveUpFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("gave_up", "Given up: staff must tell them"), ("retrying", "Still retried")]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[StandingRetry]
    ) -> QuerySet[StandingRetry]:
        if self.value() == "gave_up":
            return queryset.filter(gave_up_at__isnull=False)
        if self.value() == "retrying":
            return queryset.filter(gave_up_at__isnull=True)
        return queryset


@admin.register(StandingRetry)
class StandingRetryAdmin(admin.ModelAdmin):
    """Members a standing_changed receiver failed for (accounts.standing): the sweep tells
    them again with back-off and gives up after RETRY_ATTEMPTS; staff tell them again here
    once the receiver is mended. Rows go only by a success: none is deleted by hand."""

    list_display = (
        "user",
        "state",
        "attempts",
        "first_failed_at",
        "last_failed_at",
        "next_attempt_at",
        "last_error",
    )
    list_filter = (GaveUpFilter,)
    list_select_related = ("user",)
    search_fields = ("user__email", "user__handle")
    ordering = ("-gave_up_at", "first_failed_at")
    actions = ["tell_again_now"]
    fields = list_display + ("gave_up_at",)
    readonly_fields = fields

    def has_module_permission(self, request: HttpRequest) -> bool:
        return has_staff_powers(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return has_staff_powers(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        # The changelist offers actions only to those who may change; staff may tell again.
        actions = super().get_actions(request)
        return actions if has_staff_powers(request.user) else {}

    @admin.display(description="state", ordering="gave_up_at")
    def state(self, obj: StandingRetry) -> str:
        return "given up" if obj.gave_up_at is not None else "retrying"

    @admin.action(description="Tell the chosen members again now")
    def tell_again_now(self, request: HttpRequest, queryset: QuerySet[StandingRetry]) -> None:
        if not has_staff_powers(request.user):
            raise PermissionDenied("Only staff tell members again.")
        told, failing = standing.tell_again_now(
            user_ids=list(queryset.values_list("user_id", flat=True)),
            by=request.user,  # type: ignore[arg-type]
        )
        if told:
            messages.success(request, f"Told again, every receiver succeeded: users {told}.")
        if failing:
            messages.error(
                request,
                f"Still failing for users {failing}: the sweep tries again "
                f"({standing.RETRY_ATTEMPTS} more times at most); see the error column.",
            )


# allauth's own admin for authenticators shows their `data`: the TOTP secret and the
# recovery codes' seed, in clear. Ours shows which authenticators a member has and lets
# staff remove a lost one (the member then sets up a new one), never their secrets.
admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    list_display = ("user", "type", "created_at", "last_used_at")
    list_filter = ("type",)
    search_fields = ("user__email",)
    list_select_related = ("user",)
    fields = ("user", "type", "created_at", "last_used_at")
    readonly_fields = fields

    def has_module_permission(self, request: HttpRequest) -> bool:
        return has_staff_powers(request.user) and request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)
