"""Clinician accounts. License verification lives beside this (see verification.py)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models


class ClinicianManager(UserManager["User"]):
    """Email is the login; the username is kept for Django's admin but never shown."""

    def _make_username(self, email: str) -> str:
        return email.lower()

    def create_user(self, username=None, email=None, password=None, **extra_fields):  # type: ignore[no-untyped-def]
        email = self.normalize_email(email or "")
        return super().create_user(
            username or self._make_username(email), email, password, **extra_fields
        )

    def create_superuser(self, username=None, email=None, password=None, **extra_fields):  # type: ignore[no-untyped-def]
        email = self.normalize_email(email or "")
        return super().create_superuser(
            username or self._make_username(email), email, password, **extra_fields
        )


class User(AbstractUser):
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(max_length=80, blank=True)
    # Used for @mentions; letters, digits, underscores, dots and hyphens.
    handle = models.SlugField(max_length=40, unique=True, null=True, blank=True)
    is_organizer = models.BooleanField(
        default=False, help_text="May open new groups with a declared purpose."
    )
    is_moderator = models.BooleanField(
        default=False, help_text="May triage the moderation and license queues."
    )
    time_zone = models.CharField(max_length=64, default="UTC")
    deactivated_at = models.DateTimeField(null=True, blank=True)

    objects = ClinicianManager()

    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["email"]

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        if self.deactivated_at is not None:
            return "Former member"
        return self.display_name or self.email.split("@", 1)[0]
