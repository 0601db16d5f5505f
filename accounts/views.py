"""Account pages: settings, pictures, licenses, evidence, data export, leaving. Thin callers
of the domain."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts import avatars, lifecycle, preferences, verification
from accounts.access import (
    has_mfa,
    license_for_evidence,
    license_for_owner,
    member_with_avatar,
    needs_mfa,
    posting_block_reason,
)
from accounts.choices import LicenseState
from accounts.forms import AvatarForm, DeactivateForm, EvidenceForm, LicenseForm, SettingsForm
from accounts.models import License, User
from config import member_data


def _apply_errors(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, field_errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in field_errors:
                form.add_error(target, item.messages[0] if item.messages else str(item))
    else:
        for message in error.messages:
            form.add_error(None, message)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    licenses = (
        License.objects.filter(user=request.user)
        .prefetch_related("history")
        .order_by("-created_at")
    )
    return render(
        request,
        "accounts/profile.html",
        {
            "posting_block_reason": posting_block_reason(request.user),
            "licenses": licenses,
            "evidence_form": EvidenceForm(),
            "reviewable_states": (LicenseState.UNVERIFIED, LicenseState.PENDING),
            "needs_mfa": needs_mfa(request.user) and not has_mfa(request.user),
        },
    )


def _settings_form(user: User, data: object = None) -> SettingsForm:
    fields = (
        "display_name",
        "credentials_suffix",
        "handle",
        "time_zone",
        "email_notices",
        "digest",
    )
    return SettingsForm(
        data,
        initial={field: getattr(user, field) for field in fields},
        current_zone=user.time_zone,
    )


def _settings_page(
    request: HttpRequest, form: SettingsForm, avatar_form: AvatarForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "accounts/settings.html",
        {"form": form, "avatar_form": avatar_form},
        status=status,
    )


@login_required
@never_cache
def member_settings(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = _settings_form(user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            preferences.settings_update(user=user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Your settings are saved.")
            return redirect("accounts:settings")
    return _settings_page(request, form, AvatarForm(), status=400 if form.errors else 200)


@login_required
@require_POST
def avatar_upload(request: HttpRequest) -> HttpResponse:
    form = AvatarForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            avatars.avatar_set(user=request.user, upload=form.cleaned_data["avatar"])
        except ValidationError as error:
            _apply_errors(form, ValidationError({"avatar": error.messages}))
        else:
            messages.success(request, "Your picture is saved.")
            return redirect("accounts:settings")
    return _settings_page(request, _settings_form(request.user), form, status=400)


@login_required
@require_POST
def avatar_delete(request: HttpRequest) -> HttpResponse:
    avatars.avatar_remove(user=request.user)
    messages.info(request, "Your picture is removed; your initials show instead.")
    return redirect("accounts:settings")


@require_GET
def avatar(request: HttpRequest, member_id: int, key: str) -> HttpResponse:
    """A member's picture, re-encoded at upload (accounts/avatars.py). Its URL names the
    file, which a new upload replaces, so browsers may keep it."""
    member = member_with_avatar(request.user, member_id, key)
    try:
        handle = member.avatar.open("rb")
    except OSError as exc:
        raise Http404("The picture is missing.") from exc
    response = FileResponse(handle, content_type=avatars.CONTENT_TYPE)
    response["Cache-Control"] = "private, max-age=31536000, immutable"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


@login_required
def license_add(request: HttpRequest) -> HttpResponse:
    form = LicenseForm(request.POST, request.FILES) if request.method == "POST" else LicenseForm()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            license = verification.license_submit(
                user=request.user,
                license_type=data["license_type"],
                license_type_other=data["license_type_other"],
                jurisdiction=data["jurisdiction"],
                number=data["number"],
                holder_name=data["holder_name"],
                expires_on=data["expires_on"],
                npi=data["npi"],
                evidence=data["evidence"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            if license.state == LicenseState.PENDING and license.npi:
                messages.success(
                    request, "Your license is declared; we are checking it with the NPI registry."
                )
            elif license.state == LicenseState.PENDING:
                messages.success(request, "Your license is declared; a moderator will review it.")
            else:
                messages.info(
                    request,
                    "Your license is declared. Upload a scan or photo of it so a moderator "
                    "can verify it.",
                )
            return redirect("accounts:profile")
    return render(request, "accounts/license_form.html", {"form": form})


@login_required
@require_POST
def evidence_upload(request: HttpRequest, license_id: int) -> HttpResponse:
    license = license_for_owner(request.user, license_id)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            verification.license_add_evidence(
                user=request.user, license=license, evidence=form.cleaned_data["evidence"]
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Evidence uploaded. A moderator will review it.")
            return redirect("accounts:profile")
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, f"Evidence not uploaded: {message}")
    return redirect("accounts:profile")


@never_cache
def evidence_file(request: HttpRequest, license_id: int) -> HttpResponse:
    license = license_for_evidence(request.user, license_id)
    if not license.evidence:
        raise Http404("No evidence was uploaded for this license.")
    try:
        handle = license.evidence.open("rb")
    except OSError as exc:
        raise Http404("The evidence file is missing.") from exc
    response = FileResponse(
        handle,
        content_type=license.evidence_content_type or "application/octet-stream",
        as_attachment=False,
        filename=f"license-{license.pk}-evidence.{license.evidence.name.rsplit('.', 1)[-1]}",
    )
    response["Cache-Control"] = "private, no-store"
    # An uploaded file never runs script in our origin.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response


@login_required
@never_cache
def export(request: HttpRequest) -> HttpResponse:
    data = member_data.export_member_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="clinician-commons-export.json"'
    return response


@login_required
def deactivate(request: HttpRequest) -> HttpResponse:
    # Not `request.POST or None`: an unticked box posts nothing, and an unbound form would
    # show no error at all (issue 22.9).
    form = DeactivateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if request.user.is_staff or request.user.is_superuser:
            raise PermissionDenied("Staff accounts are closed by another member of staff.")
        lifecycle.deactivate_account(user=request.user)
        logout(request)
        messages.info(request, "Your account is deactivated. Your posts stay as a former member's.")
        return redirect("forum:home")
    return render(
        request, "accounts/deactivate.html", {"form": form}, status=400 if form.errors else 200
    )
