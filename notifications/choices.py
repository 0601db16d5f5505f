"""What a notification is about."""

from django.db import models


class NotificationKind(models.TextChoices):
    REPLY = "reply", "Reply"
    MENTION = "mention", "Mention"
    MODERATION = "moderation", "Moderation outcome"
    LICENSE = "license", "License status"
    MEMBERSHIP = "membership", "Membership"
    HELPFUL = "helpful", "Marked helpful"
    # One per moderator and post (the constraint below): a post's later cases merge into
    # the moderator's existing alert rather than repeating it.
    CASE_ALERT = "case_alert", "A case needs a moderator"


# Kinds a member may be told of more than once about the same post (each moderation
# outcome, each license change); the others are one notice per recipient, kind and post
# (Notification's one_notice_per_post_event constraint says the same in SQL).
REPEATABLE_KINDS = (NotificationKind.MODERATION, NotificationKind.LICENSE)


class EmailNotices(models.TextChoices):
    """Which notices a member also gets by email (all of them stay in the site); the
    member's choice is accounts.User.email_notices.

    Per-group levels (watch / normal / mute) and digests come later (issue 22, item 10).
    """

    EACH = "each", "Email me each notice as it happens"
    NONE = "none", "No email: I read notices on the site"
