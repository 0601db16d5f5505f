"""Screening results, member flags, moderation cases, the action log and appeals.

Suspensions are an account fact (accounts.models.Suspension); the action that imposed one
points at it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from config.append_only import AppendOnlyModel
from forum.models import Group, Post, Revision


class Decision(models.TextChoices):
    PUBLISH = "publish", "Publish"
    QUEUE = "queue", "Publish and queue for review"
    HOLD = "hold", "Hold until a moderator decides"


class ScreeningResult(models.Model):
    """What the detectors found in one revision, and what the policy decided.

    One row per revision and model version: the unique constraint is what makes
    a retried or duplicated screening task a no-op. A revision held only because a
    picture could not be read is screened again once its pictures are read
    (moderation/picture_rereading.py): that result is numbered (`reread`), the first 0.
    """

    revision = models.ForeignKey(
        Revision, on_delete=models.PROTECT, related_name="screening_results"
    )
    model_version = models.CharField(max_length=80)
    incivility = models.FloatField()
    # [[word, weight], ...]: the words that pushed the score up.
    drivers = models.JSONField(default=list, blank=True)
    # [{"kind", "start", "end"}, ...] in the revision body.
    identifiers = models.JSONField(default=list, blank=True)
    warnings_called_for = models.JSONField(default=list, blank=True)
    missing_warnings = models.JSONField(default=list, blank=True)
    decision = models.CharField(max_length=16, choices=Decision.choices)
    reasons = models.JSONField(default=list, blank=True)
    duration_ms = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # 0: the revision's screening; n: its n-th screening after its pictures were read again.
    reread = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "model_version", "reread"],
                name="one_screening_per_revision_model_and_reread",
            ),
        ]
        indexes = [models.Index(fields=["-created_at"])]

    def __str__(self) -> str:
        return f"Screening of revision {self.revision_id}: {self.decision}"


class ScreeningFailure(models.Model):
    """A revision whose screening task gave up after its retries: someone must look."""

    revision = models.ForeignKey(
        Revision, on_delete=models.CASCADE, related_name="screening_failures"
    )
    task_id = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Screening failure for revision {self.revision_id}"


class FlagReason(models.TextChoices):
    INCIVILITY = "incivility", "Incivility or personal attack"
    PRIVACY = "privacy", "Patient privacy"
    MISINFORMATION = "misinformation", "Clinically unsound or misinformation"
    PROMOTION = "promotion", "Undisclosed promotion"
    OTHER = "other", "Something else"


class CaseReason(models.TextChoices):
    """Why a case is in the queue; the strongest signal names the case."""

    IDENTIFIERS = "identifiers", "Patient identifiers"
    INCIVILITY = "incivility", "Incivility"
    MISSING_WARNING = "missing_warning", "Missing content warning"
    FIRST_POST = "first_post", "New member's first posts"
    FLAG_INCIVILITY = "flag_incivility", "Flag: incivility or personal attack"
    FLAG_PRIVACY = "flag_privacy", "Flag: patient privacy"
    FLAG_MISINFORMATION = "flag_misinformation", "Flag: clinically unsound"
    FLAG_PROMOTION = "flag_promotion", "Flag: undisclosed promotion"
    FLAG_OTHER = "flag_other", "Flag: other"
    APPEAL = "appeal", "Appeal"
    PICTURE_UNREAD = "picture_unread", "Picture not read automatically"


class Flag(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flags_raised"
    )
    reason = models.CharField(max_length=16, choices=FlagReason.choices)
    text = models.CharField(max_length=500, blank=True)
    case = models.ForeignKey(
        "Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="flags"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "member"], name="one_flag_per_member_per_post"),
            models.CheckConstraint(
                condition=~Q(reason="other") | ~Q(text=""), name="other_flag_needs_text"
            ),
        ]
        indexes = [models.Index(fields=["member", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} on post {self.post_id}"


class CaseState(models.TextChoices):
    OPEN = "open", "Open"
    CLAIMED = "claimed", "Claimed"
    RESOLVED = "resolved", "Resolved"
    APPEALED = "appealed", "Appealed"


ACTIVE_CASE_STATES = (CaseState.OPEN, CaseState.CLAIMED, CaseState.APPEALED)


class Case(models.Model):
    """Every signal about one post merges into its one active case."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="moderation_cases")
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="moderation_cases")
    state = models.CharField(max_length=16, choices=CaseState.choices, default=CaseState.OPEN)
    reason = models.CharField(max_length=24, choices=CaseReason.choices)
    reasons = models.JSONField(default=list, blank=True)
    has_identifiers = models.BooleanField(default=False)
    incivility = models.FloatField(default=0.0)
    flag_count = models.PositiveIntegerField(default=0)
    # Higher first; computed by moderation.cases.priority_for, ties broken by age.
    priority = models.IntegerField(default=0, db_index=True)
    screening_result = models.ForeignKey(
        ScreeningResult, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases_claimed",
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    first_action_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution = models.CharField(max_length=16, blank=True)
    # An appeal is decided by someone other than the moderator who resolved the case.
    excluded_moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-priority", "opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["post"],
                condition=~Q(state="resolved"),
                name="one_active_case_per_post",
            ),
        ]
        indexes = [models.Index(fields=["state", "-priority", "opened_at"])]

    def __str__(self) -> str:
        return f"Case {self.pk}: {self.get_reason_display()} on post {self.post_id}"

    @property
    def is_active(self) -> bool:
        return self.state != CaseState.RESOLVED


class ActionKind(models.TextChoices):
    APPROVE = "approve", "Approve"
    HIDE = "hide", "Hide"
    REMOVE = "remove", "Remove (tombstone)"
    ASK_EDIT = "ask_edit", "Ask the author to edit"
    WARN = "warn", "Warn the author"
    SUSPEND = "suspend", "Suspend the author"
    SILENCE = "silence", "Silence the author (read-only)"
    ESCALATE = "escalate", "Escalate to staff"
    APPEAL = "appeal", "Appeal by the author"
    REOPEN = "reopen", "Reopen"
    CLAIM = "claim", "Claim"
    UNCLAIM = "unclaim", "Unclaim"


# The actions a moderator may resolve a case with (claim, appeal and reopen are not outcomes).
RESOLVING_ACTIONS = (
    ActionKind.APPROVE,
    ActionKind.HIDE,
    ActionKind.REMOVE,
    ActionKind.ASK_EDIT,
    ActionKind.WARN,
    ActionKind.SUSPEND,
    ActionKind.SILENCE,
    ActionKind.ESCALATE,
)


class ModerationAction(AppendOnlyModel):
    """One row per thing a person did to a case. Never changed, never deleted
    (the ORM refuses; on PostgreSQL a trigger refuses too)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="actions")
    # The moderator; for an appeal, the author who appealed.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="moderation_actions"
    )
    action = models.CharField(max_length=16, choices=ActionKind.choices)
    reason = models.TextField()
    post_status_before = models.CharField(max_length=16, blank=True)
    post_status_after = models.CharField(max_length=16, blank=True)
    suspended_until = models.DateTimeField(null=True, blank=True)
    # The suspension a "suspend" action imposed (accounts keeps the member's standing).
    suspension = models.ForeignKey(
        "accounts.Suspension",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="moderation_actions",
    )
    # The rule a canned reply cited ("hide and message"); empty: the case reason's rule.
    rule = models.CharField(max_length=300, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="moderation_action_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} on case {self.case_id}"


class Appeal(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="appeals")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appeals"
    )
    # The action appealed against.
    action = models.ForeignKey(ModerationAction, on_delete=models.PROTECT, related_name="appeals")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["action"], name="one_appeal_per_action"),
        ]

    def __str__(self) -> str:
        return f"Appeal of case {self.case_id}"


class CannedReply(models.Model):
    """A message staff prepare for "hide and message": the moderator picks one on the case
    page, may edit its text, and the author receives it with the rule it cites."""

    title = models.CharField(max_length=120, unique=True)
    message = models.TextField(max_length=2000)
    rule = models.CharField(max_length=300, help_text="The community rule the message cites.")
    is_active = models.BooleanField(default=True, help_text="Offered on case pages.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "canned replies"
        constraints = [
            models.CheckConstraint(
                condition=~Q(message="") & ~Q(rule=""), name="canned_reply_message_and_rule"
            ),
        ]

    def __str__(self) -> str:
        return self.title
