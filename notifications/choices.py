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
    # A new post in a group the member watches (forum.Membership.notify_level).
    WATCHED = "watched", "New in a watched group"


# Kinds a member may be told of more than once about the same post (each moderation
# outcome, each license change); the others are one notice per recipient, kind and post
# (Notification's one_notice_per_post_event constraint says the same in SQL).
REPEATABLE_KINDS = (NotificationKind.MODERATION, NotificationKind.LICENSE)


class EmailNotices(models.TextChoices):
    """Which notices a member also gets by email (all of them stay in the site); the
    member's choice is accounts.User.email_notices.

    Per-group levels (watch / normal / mute) are forum.Membership.notify_level; the digest
    is DigestFrequency below.
    """

    EACH = "each", "Email me each notice as it happens"
    NONE = "none", "No email: I read notices on the site"


class DigestFrequency(models.TextChoices):
    """An email that gathers what was published in the member's groups (accounts.User.digest;
    forum/digests.py writes it). Sent after 07:00 in the member's time zone."""

    NONE = "none", "No digest"
    DAILY = "daily", "Daily: what was published in my groups the day before"
    WEEKLY = "weekly", "Weekly: what was published in my groups that week"
