"""Groups, topics, posts and their immutable revisions."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q

from accounts.models import private_storage
from config.append_only import AppendOnlyModel
from config.reversing import reverse_cached
from forum.choices import (
    Disclaimer,
    GroupDigest,
    GroupKind,
    MembershipPolicy,
    Modality,
    NotifyLevel,
    PostStatus,
    TopicPurpose,
    TriggerWarning,
)


class Group(models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=140, unique=True)
    kind = models.CharField(max_length=16, choices=GroupKind.choices)
    region = models.CharField(max_length=16, blank=True, help_text="State or country code")
    modality = models.CharField(max_length=32, choices=Modality.choices, blank=True)
    purpose = models.TextField(help_text="Why this group exists; shown at the top of its page.")
    rules = models.TextField(blank=True)
    membership_policy = models.CharField(
        max_length=16, choices=MembershipPolicy.choices, default=MembershipPolicy.OPEN
    )
    requires_regional_license = models.BooleanField(default=False)
    is_private = models.BooleanField(
        default=False, help_text="Only members of the group can read its topics."
    )
    # Pre-approval: this many of each member's first posts in the group are held until a
    # moderator approves them (moderation/revision_screening.py); 0 turns it off.
    queue_first_posts = models.PositiveSmallIntegerField(
        default=0,
        help_text="Hold this many first posts of each member until a moderator approves them.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="groups_opened"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    topic_count = models.PositiveIntegerField(default=0)
    member_count = models.PositiveIntegerField(default=0)
    # Bumped in the same transaction as any change to the group's topic list (a new or
    # held topic, a reply, a pin): the key of its cached list HTML (forum/topic_lists.py).
    topics_version = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(purpose=""), name="group_purpose_required"),
            models.CheckConstraint(
                condition=Q(kind=GroupKind.MODALITY) | ~Q(region=""),
                name="regional_group_has_region",
            ),
            models.CheckConstraint(
                condition=Q(kind=GroupKind.REGIONAL) | ~Q(modality=""),
                name="modality_group_has_modality",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse_cached("forum:group", self.slug)


class Membership(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "Requested"
        ACTIVE = "active", "Member"
        DECLINED = "declined", "Declined"

    class Role(models.TextChoices):
        MEMBER = "member", "Member"
        ORGANIZER = "organizer", "Organizer"

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Why the organizers declined the request; shown to the requester (issue 22.14).
    decline_reason = models.CharField(max_length=500, blank=True, default="")
    # What the member is told about the group's posts (forum/post_notices.py, digests.py).
    notify_level = models.CharField(
        max_length=8, choices=NotifyLevel.choices, default=NotifyLevel.NORMAL
    )
    # How often the group is in the member's email digest; blank: as the member's own
    # choice (accounts.User.digest). Muting the group leaves it out whatever this says.
    digest = models.CharField(
        max_length=8, choices=GroupDigest.choices, blank=True, default=GroupDigest.DEFAULT
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="one_membership_per_group"),
        ]
        indexes = [models.Index(fields=["group", "state"])]

    def __str__(self) -> str:
        return f"{self.user} in {self.group} ({self.state})"


class GroupPurposeChange(AppendOnlyModel):
    """One edit of a group's declared purpose: what it said before and after, who changed
    it and when. Purposes are public, and so is their history (shown on the group page),
    as a post's edits are."""

    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="purpose_changes")
    previous = models.TextField()
    purpose = models.TextField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["group", "-changed_at", "-id"]

    def __str__(self) -> str:
        return f"Purpose change {self.pk} of group {self.group_id}"


class Topic(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="topics")
    title = models.CharField(max_length=200)
    purpose = models.CharField(max_length=32, choices=TopicPurpose.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="topics"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Bumped when a post becomes visible; orders the group's topic list.
    last_activity_at = models.DateTimeField(auto_now_add=True)
    reply_count = models.PositiveIntegerField(default=0)
    is_pinned = models.BooleanField(default=False)
    is_locked = models.BooleanField(default=False)
    # Visible once its first post is published; a held first post hides the topic.
    is_visible = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(
                fields=["group", "-is_pinned", "-last_activity_at", "-id"], name="topic_list_order"
            ),
            models.Index(fields=["-last_activity_at", "-id"], name="topic_recent"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_cached("forum:topic", self.pk)


class TopicRead(models.Model):
    """How far a member has read a topic: the highest post number of the last thread page
    they viewed (forum/reading_positions.py). One row per member and topic, moved forward
    by one conditional upsert per page view; topic lists count the published posts after
    it ("3 new")."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="topic_reads"
    )
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="reads")
    last_read_post_number = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="one_read_position_per_topic"),
        ]

    def __str__(self) -> str:
        return f"User {self.user_id} read topic {self.topic_id} to #{self.last_read_post_number}"


class Post(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="posts"
    )
    # 1 for the topic's first post; orders the thread and makes pages indexable.
    number = models.PositiveIntegerField()
    status = models.CharField(
        max_length=16, choices=PostStatus.choices, default=PostStatus.PENDING, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # "Sleep on it": publish automatically at this time unless cancelled.
    scheduled_for = models.DateTimeField(null=True, blank=True)
    # The newest revision: what its author and the group's moderators (TOTP session) see.
    current_revision = models.ForeignKey(
        "Revision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The revision screening (or a moderator) published last: what everyone else sees. An
    # edit changes current_revision only; this one moves when screening publishes the edit.
    published_revision = models.ForeignKey(
        "Revision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revision_count = models.PositiveIntegerField(default=0)
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    # The version of the post this reply answered (product brief: integrity).
    answered_revision = models.ForeignKey(
        "Revision", null=True, blank=True, on_delete=models.PROTECT, related_name="answers"
    )
    is_correction = models.BooleanField(default=False)
    helpful_marked_at = models.DateTimeField(null=True, blank=True)
    helpful_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # The status a withdrawal took the post out of, so the author's "Undo" can put it back.
    withdrawn_from = models.CharField(max_length=16, blank=True, default="")
    # The author saw the privacy check flag this post and confirmed nothing in it identifies
    # a patient: screening must hold it for a moderator whatever the detectors say.
    identifiers_confirmed_by_author = models.BooleanField(default=False)
    # Content warnings readers see the post collapsed behind beyond those its revision
    # declares (issue 20.2): [{"warning": <TriggerWarning>, "by": <ADDED_BY>}], "by" being
    # "screening" (found missing), "moderator" (added from a case) or "author" (the author
    # kept it). Only forum/added_warnings.py changes it; ContentWarningEvent records each
    # change.
    added_warnings = models.JSONField(default=list, blank=True)
    # How many spans moderators redacted in the post's versions (RevisionSpanRedaction):
    # readers' pages load the redacted text only when it is not 0, and the thread page's
    # shared HTML keys on it (forum/thread_html.py).
    redacted_spans = models.PositiveIntegerField(default=0)
    # Plain text of the published revision (with the title for first posts), for search.
    search_text = models.TextField(blank=True, default="")
    search_vector = SearchVectorField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["topic", "number"], name="post_number_unique_in_topic"),
        ]
        indexes = [
            models.Index(fields=["topic", "status", "number"], name="post_thread_order"),
            models.Index(fields=["author", "-created_at"], name="post_by_author"),
        ]

    def __str__(self) -> str:
        return f"Post {self.pk} in topic {self.topic_id}"

    def get_absolute_url(self) -> str:
        return reverse_cached("forum:post", self.pk)

    @property
    def is_first_post(self) -> bool:
        return self.number == 1

    @property
    def is_edited(self) -> bool:
        return self.revision_count > 1

    @property
    def is_tombstone(self) -> bool:
        return self.status in (PostStatus.REMOVED, PostStatus.WITHDRAWN)

    @property
    def added_warning_notes(self) -> list[str]:
        """Labels of the warnings added to this post, each saying who added it."""
        return added_warning_notes(self.added_warnings)

    @property
    def asks_author_about_warnings(self) -> bool:
        return asks_author_about_warnings(self.added_warnings)

    @property
    def has_edit_in_screening(self) -> bool:
        """A newer revision than the published one awaits screening (or a moderator)."""
        return (
            self.published_revision_id is not None
            and self.current_revision_id != self.published_revision_id
        )


ADDED_BY_NOTE = {"screening": "added by screening", "moderator": "added by a moderator"}


def _entries(added: object) -> list[object]:
    """Post.added_warnings as a list, also from a raw row (the driver's JSON text)."""
    if isinstance(added, str | bytes):
        try:
            added = json.loads(added)
        except ValueError:
            return []
    return added if isinstance(added, list) else []


def collapsed_behind(revision: object, post: object) -> list[str]:
    """What a reader's collapsed post says it is warned for: the revision's declared
    warnings, then those screening or a moderator added (issue 20.2), each saying who
    added it; an added warning the revision declares is not named twice. Empty: the post
    is shown open."""
    declared = list(getattr(revision, "warnings", []) or [])
    labels = list(getattr(revision, "warning_labels", []) or [])
    added = [
        entry
        for entry in getattr(post, "added_warnings", None) or []
        if isinstance(entry, dict) and entry.get("warning") not in declared
    ]
    return labels + added_warning_notes(added)


def added_warning_notes(added: object) -> list[str]:
    """ "Suicide or self-harm (added by screening)": one per warning in Post.added_warnings;
    a warning its author kept reads as declared."""
    notes = []
    for entry in _entries(added):
        value = entry.get("warning") if isinstance(entry, dict) else None
        if value not in TriggerWarning.values or value == TriggerWarning.NONE:
            continue
        label = TriggerWarning(value).label
        note = ADDED_BY_NOTE.get(entry.get("by", ""))
        notes.append(f"{label} ({note})" if note else label)
    return notes


def asks_author_about_warnings(added: object) -> bool:
    """Screening or a moderator added a warning the author has not answered about yet."""
    return any(
        isinstance(entry, dict) and entry.get("by") in ADDED_BY_NOTE and not entry.get("disputed")
        for entry in _entries(added)
    )


class Revision(AppendOnlyModel):
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    body = models.TextField()
    # Sanitized HTML rendered once when the revision is written, never per request.
    body_html = models.TextField()
    disclaimer = models.CharField(max_length=32, choices=Disclaimer.choices)
    disclaimer_text = models.CharField(max_length=300, blank=True)
    trigger_warnings = models.JSONField(default=list)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="revisions_written"
    )
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The author's answers on the identifier confirmation, {span key: answer} (a colleague,
    # an author, myself...; detectors/identifiers/answers.py): keys are digests, never the
    # text. Written with the revision (revisions are append-only); screening reads them.
    identifier_answers = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "number"], name="revision_number_unique"),
            models.CheckConstraint(
                condition=Q(number=1) | ~Q(reason=""), name="edit_reason_required"
            ),
        ]
        ordering = ["post", "number"]

    def __str__(self) -> str:
        return f"Revision {self.number} of post {self.post_id}"

    @property
    def warnings(self) -> list[str]:
        return [w for w in self.trigger_warnings if w != TriggerWarning.NONE]

    @property
    def warning_labels(self) -> list[str]:
        return [TriggerWarning(w).label for w in self.warnings if w in TriggerWarning.values]

    @property
    def disclaimer_display(self) -> str:
        if self.disclaimer == Disclaimer.CUSTOM:
            return self.disclaimer_text
        return Disclaimer(self.disclaimer).label


class RevisionPublication(AppendOnlyModel):
    """A revision screening (or a moderator's approval) published: only these are ever
    shown to anyone but the post's author and its group's moderators (issue 18 item 2).

    A revision without one (held, superseded, never screened) stays out of every reader's
    thread, history, revision page, diff and search."""

    revision = models.OneToOneField(
        Revision, on_delete=models.PROTECT, primary_key=True, related_name="publication"
    )
    published_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Publication of {self.revision}"


class RevisionRedaction(AppendOnlyModel):
    """A moderator took a revision's text out of every reader's view for privacy.

    Readers see "redacted by a moderator on DATE for privacy" in its place. The original
    text stays here (and in the immutable Revision row) for moderators alone: only the
    moderation pages read it, behind a TOTP-passed session."""

    revision = models.OneToOneField(
        Revision, on_delete=models.PROTECT, primary_key=True, related_name="redaction"
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="redactions"
    )
    reason = models.CharField(max_length=300)
    original_body = models.TextField()
    redacted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="redaction_reason_required"),
        ]

    def __str__(self) -> str:
        return f"Redaction of {self.revision}"


class RevisionSpanRedaction(AppendOnlyModel):
    """A moderator replaced a passage of a revision with REDACTED_MARKER for privacy
    (issue 21 item 3): every occurrence of `text` in the version as readers saw it.

    `body` and `body_html` are the version's text after this redaction (and the ones
    before it): what every page shows in place of the revision's own (forum/redacted.py).
    `text`, the passage taken out, is for moderators alone, on the case page behind a
    TOTP-passed session; the revision row keeps the original, which no reader's page reads.
    """

    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="span_redactions")
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="span_redactions"
    )
    reason = models.CharField(max_length=300)
    text = models.TextField()
    occurrences = models.PositiveIntegerField()
    body = models.TextField()
    body_html = models.TextField()
    redacted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="span_redaction_reason_required"),
            models.CheckConstraint(condition=~Q(text=""), name="span_redaction_text_required"),
            models.CheckConstraint(
                condition=Q(occurrences__gt=0), name="span_redaction_replaces_something"
            ),
        ]
        ordering = ["revision", "id"]

    def __str__(self) -> str:
        return f"Span redaction {self.pk} of {self.revision}"


class ContentWarningEvent(AppendOnlyModel):
    """One change to the warnings a post is collapsed behind (Post.added_warnings): who
    added, kept, disputed or removed which warning, and when (issue 20.2)."""

    class Action(models.TextChoices):
        SCREENING_ADDED = "screening_added", "Added by screening"
        SCREENING_HELD = "screening_held", "Added by screening, post held (high confidence)"
        MODERATOR_ADDED = "moderator_added", "Added by a moderator"
        AUTHOR_KEPT = "author_kept", "Kept by the author"
        AUTHOR_DISPUTED = "author_disputed", "The author says it does not apply"
        MODERATOR_REMOVED = "moderator_removed", "Removed by a moderator"

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="warning_events")
    warning = models.CharField(max_length=32, choices=TriggerWarning.choices)
    action = models.CharField(max_length=24, choices=Action.choices)
    # Who did it; None for screening.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The revision screening read (screening only).
    revision = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The detector's confidence (screening only).
    confidence = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["post", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.warning} on post {self.post_id}"


class NudgeEvent(models.Model):
    """One composer session in which the draft check showed its author something.

    Records what was shown (finding codes, identifier kinds, never the draft text)
    and what the author did next, for the share-revised figure in the moderation
    overview. See forum/nudges.py.
    """

    class Composer(models.TextChoices):
        TOPIC = "topic", "New topic"
        REPLY = "reply", "Reply"
        EDIT = "edit", "Edit"

    class Outcome(models.TextChoices):
        SHOWN = "shown", "Shown, no decision yet"
        REVISED = "revised", "Revised"
        POSTED_ANYWAY = "posted_anyway", "Posted anyway"
        SCHEDULED = "scheduled", "Scheduled (slept on it)"
        CANCELLED = "cancelled", "Cancelled before publishing"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nudge_events"
    )
    composer = models.CharField(max_length=8, choices=Composer.choices)
    # Finding codes shown so far: "tone", "identifiers", "warning:<category>", "promotion".
    shown = models.JSONField(default=list)
    identifier_kinds = models.JSONField(default=list)
    tone_probability = models.FloatField(null=True, blank=True)
    # True once the author saw the submit-time interstitial or identifier gate.
    interstitial_shown = models.BooleanField(default=False)
    check_count = models.PositiveIntegerField(default=0)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.SHOWN)
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="nudge_events"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["created_at"], name="nudge_created"),
            models.Index(fields=["user", "outcome"], name="nudge_user_outcome"),
        ]

    def __str__(self) -> str:
        return f"Nudge {self.pk} ({self.composer}, {self.outcome})"


class PictureTextStatus(models.TextChoices):
    UNREAD = "unread", "Not read yet"
    READ = "read", "Read"
    FAILED = "failed", "Could not be read"


class PostImage(models.Model):
    """A picture a member attached in the composer (forum/images.py): re-encoded with no
    metadata, stored privately under a random name. Others see it only through a published,
    unredacted revision of a post they may read that references it (RevisionImage)."""

    key = models.UUIDField(unique=True)
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="post_images"
    )
    file = models.FileField(storage=private_storage, max_length=100)
    content_type = models.CharField(max_length=32)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    # The description given at upload, the default text of the Markdown the composer inserts;
    # the post's own text (the part in square brackets) is what readers and screening read.
    alt_text = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    # The words Tesseract read in the picture (forum/picture_text.py), read once by the
    # screening worker: screened with the post, shown to moderators on its case, exported
    # to the uploader, never rendered, indexed or quoted to readers.
    text_status = models.CharField(
        max_length=12, choices=PictureTextStatus.choices, default=PictureTextStatus.UNREAD
    )
    text = models.TextField(blank=True, default="")
    # Why the picture could not be read ("Tesseract is not installed", "timed out"...).
    text_error = models.CharField(max_length=200, blank=True, default="")
    text_read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(alt_text=""), name="post_image_alt_required"),
        ]

    def __str__(self) -> str:
        return f"Image {self.key}"

    def get_absolute_url(self) -> str:
        return reverse_cached("forum:image", str(self.key))


class RevisionImage(AppendOnlyModel):
    """A revision's body references an image its editor uploaded. Written with the revision
    and never changed, like it."""

    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="image_uses")
    image = models.ForeignKey(PostImage, on_delete=models.PROTECT, related_name="uses")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["revision", "image"], name="revision_image_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.image} in {self.revision}"
