"""In-site notifications. The lowest app: it knows members (AUTH_USER_MODEL) and nothing of
the forum or moderation, so what a notice is about is a message, a link and a plain id."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from notifications.choices import NotificationKind


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=16, choices=NotificationKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The forum post the notice is about, as a plain id: a foreign key would point this app
    # up at the forum. Posts are never deleted (their revisions protect them), so the id
    # cannot dangle; it keys the one-notice-per-post-event constraint below.
    post_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    message = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # The table the model had in the forum app (moved with SeparateDatabaseAndState).
        db_table = "forum_notification"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"])]
        constraints = [
            # One notice per recipient, kind and post: a retried delivery never duplicates.
            models.UniqueConstraint(
                fields=["recipient", "kind", "post_id"],
                condition=Q(post_id__isnull=False) & ~Q(kind="moderation") & ~Q(kind="license"),
                name="one_notice_per_post_event",
            ),
        ]

    def __str__(self) -> str:
        return self.message
