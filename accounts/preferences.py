"""A member's own settings: the name colleagues see, their @handle, their time zone and email
notices."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts import handles, names, timezones
from accounts.models import User
from accounts.signals import byline_changed
from notifications.choices import DigestFrequency, EmailNotices


def settings_update(
    *,
    user: User,
    display_name: str,
    credentials_suffix: str,
    time_zone: str,
    email_notices: str,
    digest: str = "",
    handle: str = "",
) -> User:
    """Store the member's settings, each checked again here (a ValidationError names the
    field). A changed name or suffix is announced (byline_changed) for cached lists; a
    changed handle goes through accounts.handles (its limits, its record of the old one)."""
    checks = {
        "display_name": (names.clean_display_name, display_name),
        "credentials_suffix": (names.clean_credentials_suffix, credentials_suffix),
        "time_zone": (timezones.clean_time_zone, time_zone),
        "email_notices": (_clean_email_notices, email_notices),
        # Not sent (a form from before the digest existed): left as it is.
        "digest": (_clean_digest, digest or user.digest),
    }
    changes: dict[str, str] = {}
    errors: dict[str, ValidationError] = {}
    for field, (clean, value) in checks.items():
        try:
            changes[field] = clean(value)
        except ValidationError as error:
            errors[field] = error
    new_handle = ""
    if handle:  # not sent (an older form): left as it is
        try:
            new_handle = handles.clean_handle(handle, user=user)
        except ValidationError as error:
            errors["handle"] = error
    if errors:
        raise ValidationError(errors)
    if new_handle and new_handle != user.handle:
        try:
            handles.handle_change(user=user, handle=new_handle)
        except ValidationError as error:
            raise ValidationError({"handle": error}) from error
    renamed = (changes["display_name"], changes["credentials_suffix"]) != (
        user.display_name,
        user.credentials_suffix,
    )
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(**changes)
        if renamed:
            byline_changed.send(sender=User, user_id=user.pk)
    for field, value in changes.items():
        setattr(user, field, value)
    return user


def _clean_email_notices(value: str) -> str:
    if value not in EmailNotices.values:
        raise ValidationError("Choose one of the email options.", code="invalid")
    return value


def _clean_digest(value: str) -> str:
    if value not in DigestFrequency.values:
        raise ValidationError("Choose one of the digest options.", code="invalid")
    return value
