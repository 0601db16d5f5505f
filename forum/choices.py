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


class NotificationKind(models.TextChoices):
    REPLY = "reply", "Reply"
    MENTION = "mention", "Mention"
    MODERATION = "moderation", "Moderation outcome"
    LICENSE = "license", "License status"
    MEMBERSHIP = "membership", "Membership"
    HELPFUL = "helpful", "Marked helpful"


# US states, DC and territories; regional groups use these codes or a country code.
US_JURISDICTIONS = [
    ("US-AL", "Alabama"), ("US-AK", "Alaska"), ("US-AZ", "Arizona"), ("US-AR", "Arkansas"),
    ("US-CA", "California"), ("US-CO", "Colorado"), ("US-CT", "Connecticut"),
    ("US-DE", "Delaware"), ("US-DC", "District of Columbia"), ("US-FL", "Florida"),
    ("US-GA", "Georgia"), ("US-HI", "Hawaii"), ("US-ID", "Idaho"), ("US-IL", "Illinois"),
    ("US-IN", "Indiana"), ("US-IA", "Iowa"), ("US-KS", "Kansas"), ("US-KY", "Kentucky"),
    ("US-LA", "Louisiana"), ("US-ME", "Maine"), ("US-MD", "Maryland"),
    ("US-MA", "Massachusetts"), ("US-MI", "Michigan"), ("US-MN", "Minnesota"),
    ("US-MS", "Mississippi"), ("US-MO", "Missouri"), ("US-MT", "Montana"),
    ("US-NE", "Nebraska"), ("US-NV", "Nevada"), ("US-NH", "New Hampshire"),
    ("US-NJ", "New Jersey"), ("US-NM", "New Mexico"), ("US-NY", "New York"),
    ("US-NC", "North Carolina"), ("US-ND", "North Dakota"), ("US-OH", "Ohio"),
    ("US-OK", "Oklahoma"), ("US-OR", "Oregon"), ("US-PA", "Pennsylvania"),
    ("US-RI", "Rhode Island"), ("US-SC", "South Carolina"), ("US-SD", "South Dakota"),
    ("US-TN", "Tennessee"), ("US-TX", "Texas"), ("US-UT", "Utah"), ("US-VT", "Vermont"),
    ("US-VA", "Virginia"), ("US-WA", "Washington"), ("US-WV", "West Virginia"),
    ("US-WI", "Wisconsin"), ("US-WY", "Wyoming"), ("US-AS", "American Samoa"),
    ("US-GU", "Guam"), ("US-MP", "Northern Mariana Islands"), ("US-PR", "Puerto Rico"),
    ("US-VI", "U.S. Virgin Islands"),
]  # fmt: skip
COUNTRIES = [
    ("CA", "Canada"), ("GB", "United Kingdom"), ("IE", "Ireland"), ("AU", "Australia"),
    ("NZ", "New Zealand"), ("DE", "Germany"), ("FR", "France"), ("NL", "Netherlands"),
    ("MX", "Mexico"), ("IN", "India"), ("ZA", "South Africa"), ("OTHER", "Other country"),
]  # fmt: skip
REGIONS = US_JURISDICTIONS + COUNTRIES
REGION_LABELS = dict(REGIONS)
