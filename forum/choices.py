"""Fixed vocabularies shared by models, forms and the screening detectors."""

from django.db import models


class GroupKind(models.TextChoices):
    REGIONAL = "regional", "Regional"
    MODALITY = "modality", "Modality"


class Modality(models.TextChoices):
    CBT = "cbt", "Cognitive behavioral therapy (CBT)"
    DBT = "dbt", "Dialectical behavior therapy (DBT)"
    EMDR = "emdr", "EMDR"
    ACT = "act", "Acceptance and commitment therapy (ACT)"
    PSYCHODYNAMIC = "psychodynamic", "Psychodynamic"
    FAMILY_SYSTEMS = "family_systems", "Family systems"
    IFS = "ifs", "Internal family systems (IFS)"
    MI = "mi", "Motivational interviewing"
    TRAUMA = "trauma", "Trauma-focused"
    PLAY = "play", "Play therapy"
    GROUP = "group", "Group therapy"
    PSYCHOPHARM = "psychopharm", "Psychopharmacology"
    OTHER = "other", "Other"


class MembershipPolicy(models.TextChoices):
    OPEN = "open", "Open: anyone eligible may join"
    APPROVAL = "approval", "Approval: organizers approve each request"


class TopicPurpose(models.TextChoices):
    CASE_CONSULTATION = "case_consultation", "Case consultation"
    REFERRAL = "referral", "Referral request"
    RESOURCE = "resource", "Resource share"
    REGULATION = "regulation", "Regulation or legislation update"
    TRAINING = "training", "Training or continuing education"
    PROMOTION = "promotion", "Practice business or promotion"
    PEER_SUPPORT = "peer_support", "Peer support"
    OTHER = "other", "Other"


class Disclaimer(models.TextChoices):
    NOT_CLINICAL_ADVICE = "not_clinical_advice", "Not clinical advice"
    DEIDENTIFIED = "deidentified", "Case details are de-identified"
    FINANCIAL_INTEREST = "financial_interest", "I have a financial interest in what I describe"
    CUSTOM = "custom", "My own disclaimer"


class TriggerWarning(models.TextChoices):
    NONE = "none", "None"
    SUICIDE_SELF_HARM = "suicide_self_harm", "Suicide or self-harm"
    ABUSE = "abuse", "Abuse"
    SEXUAL_VIOLENCE = "sexual_violence", "Sexual violence"
    SUBSTANCE_USE = "substance_use", "Substance use"
    EATING_DISORDERS = "eating_disorders", "Eating disorders"
    VIOLENCE = "violence", "Violence"
    DEATH_GRIEF = "death_grief", "Death and grief"


CONTENT_WARNINGS = [c for c in TriggerWarning if c != TriggerWarning.NONE]


class PostStatus(models.TextChoices):
    # Not yet screened: visible only to its author and moderators.
    PENDING = "pending", "Awaiting screening"
    PUBLISHED = "published", "Published"
    HELD = "held", "Awaiting review"
    NEEDS_EDIT = "needs_edit", "Hidden until edited"
    HIDDEN = "hidden", "Hidden by a moderator"
    REMOVED = "removed", "Removed by a moderator"
    WITHDRAWN = "withdrawn", "Withdrawn by the author"
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


# Statuses everyone who can read the topic sees; removed and withdrawn show as tombstones.
PUBLIC_STATUSES = (PostStatus.PUBLISHED, PostStatus.REMOVED, PostStatus.WITHDRAWN)
TOMBSTONE_STATUSES = (PostStatus.REMOVED, PostStatus.WITHDRAWN)
# What an author still sees of their own post.
AUTHOR_VISIBLE_STATUSES = (
    PostStatus.PENDING,
    PostStatus.PUBLISHED,
    PostStatus.HELD,
    PostStatus.NEEDS_EDIT,
    PostStatus.HIDDEN,
    PostStatus.REMOVED,
    PostStatus.WITHDRAWN,
    PostStatus.SCHEDULED,
)


class NotifyLevel(models.TextChoices):
    """What a member is told about a group (Membership.notify_level; forum/post_notices.py)."""

    WATCH = "watch", "Watch: a notice for every new topic and reply"
    NORMAL = "normal", "Normal: replies to you and mentions of you"
    MUTE = "mute", "Mute: nothing from this group, not even in your digest"


class GroupDigest(models.TextChoices):
    """How often a group is in the member's email digest (Membership.digest; forum/digests.py).
    The values are notifications.choices.DigestFrequency's; blank follows the member's own
    choice (accounts.User.digest), which is what a new membership starts with."""

    DEFAULT = "", "As my digest setting"
    NONE = "none", "Off"
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"
