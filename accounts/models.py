"""Clinician accounts and their licenses. The workflow lives in verification.py."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterator

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower, Now
from django.utils import timezone
from django.utils.crypto import salted_hmac

from accounts.choices import (
    JURISDICTION_LABELS,
    LICENSE_TYPE_SHORT,
    LIVE_STATES,
    LicenseState,
    LicenseType,
    RegistryStatus,
    VerificationMethod,
)
from accounts.names import public_name
from accounts.timezones import site_today
from config.append_only import AppendOnlyModel
from notifications.choices import DigestFrequency, EmailNotices


class PrivateStorage(FileSystemStorage):
    """Evidence files and avatars live outside any public URL; views that check access
    serve them."""

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no public URL; a view that checks access serves them.")


def private_storage() -> FileSystemStorage:
    return PrivateStorage(location=settings.PRIVATE_MEDIA_ROOT)


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
    # What others see (accounts/names.py): never anything taken from the email.
    display_name = models.CharField(max_length=80, blank=True)
    credentials_suffix = models.CharField(
        max_length=40, blank=True, help_text='Shown after the name, e.g. "LCSW".'
    )
    # A re-encoded square JPEG in private storage (accounts/avatars.py); a new upload
    # gets a new name, so the name stands for the picture in cached pages and URLs.
    avatar = models.FileField(storage=private_storage, blank=True, max_length=100)
    # What an @mention names (accounts/handles.py): lower case letters, digits, "_", "."
    # and "-". Every member gets one at sign-up; null only for an account made elsewhere
    # (the admin, a script) until it is given one. Not a SlugField: a slug has no ".", so
    # the admin's user form refused every dotted handle (and any edit of its member).
    handle = models.CharField(max_length=40, unique=True, null=True, blank=True)
    is_organizer = models.BooleanField(
        default=False, help_text="May open new groups with a declared purpose."
    )
    is_moderator = models.BooleanField(
        default=False, help_text="May triage the moderation and license queues."
    )
    # An IANA zone name (accounts/timezones.py): every time is shown to them in it.
    time_zone = models.CharField(max_length=64, default="UTC")
    email_notices = models.CharField(
        max_length=16, choices=EmailNotices.choices, default=EmailNotices.EACH
    )
    # Blank means a global moderator; otherwise the moderator covers only these groups.
    moderated_groups = models.ManyToManyField(
        "forum.Group",
        blank=True,
        related_name="scoped_moderators",
        help_text="Leave empty for a global moderator.",
    )
    deactivated_at = models.DateTimeField(null=True, blank=True)
    # Raised when a sign-out could not remove its session from the cache (Redis down):
    # every session signed before it stops being accepted (accounts/sessions.py).
    session_epoch = models.PositiveIntegerField(default=0, editable=False)
    # The digest of the member's groups (forum/digests.py): the default for each group
    # (forum.Membership.digest may choose otherwise), and when the last daily and the last
    # weekly part were sent.
    digest = models.CharField(
        max_length=8, choices=DigestFrequency.choices, default=DigestFrequency.NONE
    )
    daily_digest_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    weekly_digest_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ClinicianManager()

    class Meta(AbstractUser.Meta):
        abstract = False
        swappable = "AUTH_USER_MODEL"
        constraints = [
            # Handles are compared ignoring case: stored in lower case, unique as stored.
            models.CheckConstraint(
                condition=Q(handle=Lower("handle")), name="handle_in_lower_case"
            ),
        ]

    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["email"]

    def __str__(self) -> str:
        return self.public_name

    def get_session_auth_hash(self) -> str:
        """Django's (from the password hash), mixed with the session epoch once it was
        raised: a session signed before the raise fails Django's check and is flushed.
        Epoch 0 keeps Django's value, so sessions signed before this existed stay valid."""
        return self._with_epoch(super().get_session_auth_hash())

    def get_session_auth_fallback_hash(self) -> Iterator[str]:
        # The hashes under SECRET_KEY_FALLBACKS carry the epoch too.
        for fallback in super().get_session_auth_fallback_hash():
            yield self._with_epoch(fallback)

    def _with_epoch(self, base: str) -> str:
        if not self.session_epoch:
            return base
        return salted_hmac(
            "accounts.User.session_epoch", f"{base}:{self.session_epoch}", algorithm="sha256"
        ).hexdigest()

    @property
    def public_name(self) -> str:
        """The name others see: the display name and credentials suffix, "Member <id>"
        without a display name, "Former member" once deactivated. Never the email."""
        return public_name(
            user_id=self.pk,
            display_name=self.display_name,
            credentials_suffix=self.credentials_suffix,
            deactivated=self.deactivated_at is not None,
        )


class HandleChangedBy(models.TextChoices):
    MEMBER = "member", "the member"
    STAFF = "staff", "staff"
    # A path that did not say (a script's save() or update(), raw SQL), and every change
    # recorded before who made it was (accounts migration 0016).
    UNKNOWN = "unknown", "not known (a script or SQL)"


class HandleChange(models.Model):
    """A member's @handle changed (accounts/handles.py): the old one stays theirs for a
    while (nobody else may take it, and a mention of it still reaches them). Written by a
    database trigger on every change of User.handle, whoever made it (migration 0012;
    0016 on SQLite too), as made by "unknown": the trigger cannot know the user. The paths
    that know (the member's settings, the admin's user form) say who in the same
    transaction (accounts.handles.changes_made_by); only the member's own changes count
    towards their CHANGES_PER_WINDOW. new_handle is empty when staff cleared the handle."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="handle_changes"
    )
    old_handle = models.CharField(max_length=40)
    new_handle = models.CharField(max_length=40)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.CharField(
        max_length=8, choices=HandleChangedBy.choices, db_default=HandleChangedBy.UNKNOWN
    )
    # Who, where known: the member, or the staff member in the admin.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["changed_at", "id"]
        indexes = [models.Index(fields=["old_handle", "changed_at"], name="handle_change_old")]

    def __str__(self) -> str:
        return f"@{self.old_handle} -> @{self.new_handle}"


def evidence_path(instance: License, filename: str) -> str:
    # The stored name never uses the uploader's filename: the type comes from the content.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"evidence/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class License(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="licenses"
    )
    license_type = models.CharField(max_length=16, choices=LicenseType.choices)
    license_type_other = models.CharField(max_length=80, blank=True)
    jurisdiction = models.CharField(max_length=8)
    # Normalised: upper case, no spaces; the form keeps what the board prints otherwise.
    number = models.CharField(max_length=32)
    holder_name = models.CharField(max_length=150, help_text="Your name as on the license.")
    npi = models.CharField(max_length=10, blank=True)
    expires_on = models.DateField()
    state = models.CharField(
        max_length=16, choices=LicenseState.choices, default=LicenseState.UNVERIFIED
    )
    verification_method = models.CharField(
        max_length=16, choices=VerificationMethod.choices, blank=True, default=""
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    evidence = models.FileField(
        storage=private_storage, upload_to=evidence_path, blank=True, max_length=200
    )
    evidence_content_type = models.CharField(max_length=40, blank=True)
    registry_status = models.CharField(
        max_length=16, choices=RegistryStatus.choices, blank=True, default=""
    )
    registry_claimed_at = models.DateTimeField(null=True, blank=True)
    registry_checked_at = models.DateTimeField(null=True, blank=True)
    # What the registry answered (or why it could not), kept for the reviewer.
    registry_response = models.JSONField(null=True, blank=True)
    registry_notes = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            # One live claim per license number: a duplicate is refused, a renewal is a new row.
            models.UniqueConstraint(
                fields=["license_type", "jurisdiction", "number"],
                condition=Q(state__in=LIVE_STATES),
                name="one_live_license_per_number",
            ),
            models.CheckConstraint(
                condition=Q(state__in=LicenseState.values), name="license_state_known"
            ),
            models.CheckConstraint(
                condition=~Q(state=LicenseState.VERIFIED) | Q(verified_at__isnull=False),
                name="verified_license_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "created_at"], name="license_queue"),
            models.Index(fields=["user", "state", "expires_on"], name="license_standing"),
            # accounts.standing.announce_lapses: verified licenses whose date passed lately.
            models.Index(fields=["state", "expires_on"], name="license_lapses"),
        ]

    def __str__(self) -> str:
        return f"{self.type_short} {self.number} ({self.jurisdiction_label})"

    @property
    def type_short(self) -> str:
        if self.license_type == LicenseType.OTHER and self.license_type_other:
            return self.license_type_other
        return LICENSE_TYPE_SHORT.get(self.license_type, self.license_type)

    @property
    def jurisdiction_label(self) -> str:
        return JURISDICTION_LABELS.get(self.jurisdiction, self.jurisdiction)

    @property
    def badge(self) -> str:
        return f"{self.type_short} · {self.jurisdiction_label} · verified"

    @property
    def last_change(self) -> LicenseStatusChange | None:
        """The latest history row (uses prefetched history when present)."""
        changes = list(self.history.all())
        return changes[-1] if changes else None

    def is_in_good_standing(self, today: datetime.date | None = None) -> bool:
        today = today or site_today()
        return self.state == LicenseState.VERIFIED and self.expires_on >= today


class LicenseStatusChange(AppendOnlyModel):
    # PROTECT: a license with history is never deleted from under it.
    license = models.ForeignKey(License, on_delete=models.PROTECT, related_name="history")
    from_state = models.CharField(max_length=16, choices=LicenseState.choices, blank=True)
    to_state = models.CharField(max_length=16, choices=LicenseState.choices)
    # Null actor: the system (registry check, expiry job).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="license_decisions",
    )
    method = models.CharField(max_length=16, choices=VerificationMethod.choices, blank=True)
    reason = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="status_change_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.license_id}: {self.from_state or '-'} -> {self.to_state}"


class ExpiryReminder(models.Model):
    """One row per reminder sent: the unique key makes the daily job safe to run twice."""

    license = models.ForeignKey(License, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.PositiveSmallIntegerField()
    expires_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["license", "days_before", "expires_on"], name="one_reminder_per_window"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.days_before}-day reminder for license {self.license_id}"


class SuspensionKind(models.TextChoices):
    # Both refuse posting, replying, editing, flagging, joining and releasing scheduled
    # posts (accounts.access.posting_block_reason). A suspension also closes reading
    # (accounts.standing.suspension_closes_reading); a silence is read-only. Both can
    # still sign in, see their notices, own posts and case pages, and appeal.
    SUSPEND = "suspend", "Suspension"
    SILENCE = "silence", "Silence (read-only)"


class SuspensionQuerySet(models.QuerySet["Suspension"]):
    def in_force(self) -> SuspensionQuerySet:
        """Restrictions in force now, by the database's clock: every question of whether
        one is (posting, reading, whose flags count, the sweep, lifting) asks it this way,
        so a server whose clock runs apart from the database's never disagrees with them."""
        return self.filter(lifted_at__isnull=True).filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=Now())
        )


class Suspension(models.Model):
    """A restriction on a member's writing until `ends_at` (None: until lifted); lifted
    early by a global moderator or staff with a reason (SuspensionLift records it and sets
    lifted_at).

    A member's standing is an account fact (accounts.standing reads it for every write);
    the moderation action that imposed it points here (ModerationAction.suspension).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suspensions"
    )
    kind = models.CharField(
        max_length=8, choices=SuspensionKind.choices, default=SuspensionKind.SUSPEND
    )
    # None: indefinite, until a moderator lifts it.
    ends_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(null=True, blank=True)

    objects = SuspensionQuerySet.as_manager()

    class Meta:
        # The table it had in the moderation app (moved with SeparateDatabaseAndState).
        db_table = "moderation_suspension"
        indexes = [
            models.Index(fields=["user", "-ends_at"], name="moderation__user_id_43b638_idx"),
            # accounts.standing.announce_lapses: restrictions that ended by their time lately.
            models.Index(
                fields=["ends_at"], condition=Q(lifted_at__isnull=True), name="suspension_ends"
            ),
        ]

    def __str__(self) -> str:
        verb = "silenced" if self.kind == SuspensionKind.SILENCE else "suspended"
        if self.ends_at is None:
            return f"{self.user} {verb} indefinitely"
        return f"{self.user} {verb} until {self.ends_at:%Y-%m-%d %H:%M}"

    @property
    def is_silence(self) -> bool:
        return self.kind == SuspensionKind.SILENCE


class SuspensionLift(AppendOnlyModel):
    """A suspension or silence lifted early: who, when and why (never changed or deleted)."""

    suspension = models.OneToOneField(Suspension, on_delete=models.PROTECT, related_name="lift")
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="suspension_lift_reason"),
        ]

    def __str__(self) -> str:
        return f"Lift of suspension {self.suspension_id}"


class StandingSweep(models.Model):
    """How far accounts.standing.announce_lapses has looked (one row): restrictions that
    ended by their time up to `restrictions_until` (the database's clock) and verified
    licenses that expired before `licenses_before` (the site's date) were announced."""

    restrictions_until = models.DateTimeField()
    licenses_before = models.DateField()

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(id=1), name="one_standing_sweep")]

    def __str__(self) -> str:
        return f"Standing swept to {self.restrictions_until:%Y-%m-%d %H:%M}"


class StandingRetry(models.Model):
    """A member a standing_changed receiver failed for (by the sweep, or on the commit of
    the change): the sweep tells them again with back-off (accounts.standing), at most
    RETRY_ATTEMPTS times; then it gives up (gave_up_at) and staff see the member in the
    admin until they tell them again there. Any later success deletes the row."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="standing_retry"
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    first_failed_at = models.DateTimeField()
    last_failed_at = models.DateTimeField()
    # When the sweep tells them next; None once it gave up.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    gave_up_at = models.DateTimeField(null=True, blank=True)
    # The receivers that failed the last time, and their errors (for staff).
    last_error = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["next_attempt_at"], name="standing_retry_next")]
        verbose_name = "standing change not yet announced"
        verbose_name_plural = "standing changes not yet announced"

    def __str__(self) -> str:
        return f"Standing change of user {self.user_id} ({self.attempts} failed attempts)"
