"""Writes for groups and memberships: open a group, change its settings, join, decide join
requests."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from accounts.access import has_staff_powers, posting_block_reason, regional_license_block_reason
from accounts.choices import JURISDICTION_LABELS
from accounts.models import User
from accounts.timezones import format_moment, zone_of
from config import ratelimit
from forum.access import can_manage_group_settings
from forum.choices import GroupDigest, GroupKind, MembershipPolicy, Modality, NotifyLevel
from forum.models import Group, GroupPurposeChange, Membership
from notifications.choices import NotificationKind
from notifications.delivery import MESSAGE_MAX, notify
from notifications.models import Notification

PURPOSE_MAX = 2000
RULES_MAX = 10_000
DECLINE_REASON_MAX = 500
# Pre-approval holds at most this many of a member's first posts.
PREAPPROVE_MAX = 20


def can_open_groups(user: User) -> bool:
    return bool(user.is_authenticated and (has_staff_powers(user) or user.is_organizer))


def _unique_slug(name: str) -> str:
    base = slugify(name)[:120] or "group"
    slug = base
    n = 2
    while Group.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def group_create(
    *,
    organizer: User,
    name: str,
    kind: str,
    purpose: str,
    region: str = "",
    modality: str = "",
    rules: str = "",
    membership_policy: str = MembershipPolicy.OPEN,
    requires_regional_license: bool = False,
    is_private: bool = False,
) -> Group:
    if not can_open_groups(organizer):
        raise PermissionDenied("Only organizers can open groups.")
    name = name.strip()
    purpose = purpose.strip()
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = ["Name the group."]
    elif len(name) > 120:
        errors["name"] = ["Group names are limited to 120 characters."]
    elif Group.objects.filter(name__iexact=name).exists():
        errors["name"] = ["A group with this name already exists."]
    errors.update(_purpose_and_rules_errors(purpose, rules))
    if kind == GroupKind.REGIONAL:
        if region not in JURISDICTION_LABELS:
            errors["region"] = ["Choose the group's state or country."]
        # A regional group may also carry a modality ("EMDR in Oregon"); it is optional.
        if modality and modality not in Modality.values:
            errors["modality"] = ["Choose one of the listed modalities, or none."]
    elif kind == GroupKind.MODALITY:
        if modality not in Modality.values:
            errors["modality"] = ["Choose the group's modality."]
        region = ""
        requires_regional_license = False
    else:
        errors["kind"] = ["Choose regional or modality."]
    if membership_policy not in MembershipPolicy.values:
        errors["membership_policy"] = ["Choose open or approval-based membership."]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            group = Group.objects.create(
                name=name,
                slug=_unique_slug(name),
                kind=kind,
                region=region,
                modality=modality,
                purpose=purpose,
                rules=rules.strip(),
                membership_policy=membership_policy,
                requires_regional_license=requires_regional_license,
                is_private=is_private,
                created_by=organizer,
                member_count=1,
            )
            Membership.objects.create(
                group=group,
                user=organizer,
                state=Membership.State.ACTIVE,
                role=Membership.Role.ORGANIZER,
                decided_at=timezone.now(),
            )
    except IntegrityError as exc:
        raise ValidationError({"name": ["A group with this name already exists."]}) from exc
    return group


def _purpose_and_rules_errors(purpose: str, rules: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not purpose:
        errors["purpose"] = ["Declare the group's purpose: members see it at the top of the page."]
    elif len(purpose) > PURPOSE_MAX:
        errors["purpose"] = ["Keep the purpose under 2,000 characters."]
    if len(rules) > RULES_MAX:
        errors["rules"] = ["Keep the rules under 10,000 characters."]
    return errors


def group_update_settings(
    *,
    editor: User,
    group: Group,
    purpose: str,
    rules: str = "",
    modality: str = "",
    membership_policy: str = MembershipPolicy.OPEN,
    requires_regional_license: bool = False,
    is_private: bool = False,
    queue_first_posts: int = 0,
) -> Group:
    """Change a group's purpose, rules, visibility, joining and pre-approval. A changed
    purpose keeps its earlier text in the group's public purpose history. Bad input
    raises ValidationError and changes nothing."""
    if not can_manage_group_settings(editor, group):
        raise PermissionDenied(
            "Only this group's organizers and moderators (after the authenticator step) "
            "can change its settings."
        )
    purpose = purpose.strip()
    rules = rules.strip()
    errors = _purpose_and_rules_errors(purpose, rules)
    if group.kind == GroupKind.MODALITY:
        if modality not in Modality.values:
            errors["modality"] = ["Choose the group's modality."]
        requires_regional_license = False
    elif modality and modality not in Modality.values:
        errors["modality"] = ["Choose one of the listed modalities, or none."]
    if membership_policy not in MembershipPolicy.values:
        errors["membership_policy"] = ["Choose open or approval-based membership."]
    if not isinstance(queue_first_posts, int) or not 0 <= queue_first_posts <= PREAPPROVE_MAX:
        errors["queue_first_posts"] = [
            f"Pre-approve from 0 (off) to {PREAPPROVE_MAX} of a member's first posts."
        ]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Group.objects.select_for_update().get(pk=group.pk)
        if locked.purpose != purpose:
            GroupPurposeChange.objects.create(
                group=locked, previous=locked.purpose, purpose=purpose, changed_by=editor
            )
        visibility_changed = locked.is_private != bool(is_private)
        locked.purpose = purpose
        locked.rules = rules
        locked.modality = modality
        locked.membership_policy = membership_policy
        locked.requires_regional_license = bool(requires_regional_license)
        locked.is_private = bool(is_private)
        locked.queue_first_posts = queue_first_posts
        fields = [
            "purpose",
            "rules",
            "modality",
            "membership_policy",
            "requires_regional_license",
            "is_private",
            "queue_first_posts",
        ]
        if visibility_changed:
            # Who may read its topic list changed: retire the list's cached HTML
            # (forum/topic_lists.py keys it by this version).
            locked.topics_version += 1
            fields.append("topics_version")
        locked.save(update_fields=fields)
    return locked


def purpose_history(group: Group) -> list[GroupPurposeChange]:
    return list(group.purpose_changes.select_related("changed_by").order_by("-changed_at", "-id"))


def ask_again_from(membership: Membership) -> datetime | None:
    """When a declined requester may ask to join again (None: not declined, or no date)."""
    if membership.state != Membership.State.DECLINED or membership.decided_at is None:
        return None
    return membership.decided_at + timedelta(days=settings.FORUM_JOIN_ASK_AGAIN_DAYS)


JOIN_NOTICE_INTERVAL = timedelta(days=1)


def join_block_reason(user: User, group: Group) -> str | None:
    reason = posting_block_reason(user)
    if reason is not None:
        return reason
    if group.kind == GroupKind.REGIONAL and group.requires_regional_license:
        return regional_license_block_reason(user, group.region)
    return None


def group_join(*, user: User, group: Group) -> Membership:
    """Join an open group, or ask to join an approval-based one."""
    reason = join_block_reason(user, group)
    if reason is not None:
        raise PermissionDenied(reason)
    # Each request may notify the organizers: members cannot send them without end.
    ratelimit.enforce(
        "join", who=user.pk, spec=settings.FORUM_JOIN_RATE_LIMIT, doing="join request"
    )
    with transaction.atomic():
        membership, created = Membership.objects.select_for_update().get_or_create(
            group=group, user=user
        )
        if membership.state == Membership.State.ACTIVE:
            return membership
        if membership.state == Membership.State.DECLINED and not created:
            again = ask_again_from(membership)
            if again is None or timezone.now() < again:
                raise PermissionDenied(declined_message(membership, user=user))
            # Asked again after the wait: a fresh request (or a join, if the group is
            # open now); the earlier reason is cleared with the earlier decision.
            membership.state = Membership.State.PENDING
            membership.decided_at = None
            membership.decided_by = None
            membership.decline_reason = ""
            membership.save(update_fields=["state", "decided_at", "decided_by", "decline_reason"])
            created = True  # a fresh request: the organizers are told of it
        if membership.state == Membership.State.PENDING and not created:
            return membership  # asked already: the organizers were told then
        if group.membership_policy == MembershipPolicy.OPEN:
            membership.state = Membership.State.ACTIVE
            membership.decided_at = timezone.now()
            membership.save(update_fields=["state", "decided_at"])
            Group.objects.filter(pk=group.pk).update(member_count=F("member_count") + 1)
        else:
            message = f"{user.public_name} asked to join {group.name}"
            url = f"/groups/{group.slug}/members/"
            # A request withdrawn and sent again tells each organizer once a day at most.
            told = set(
                Notification.objects.filter(
                    kind=NotificationKind.MEMBERSHIP,
                    message=message[:MESSAGE_MAX],
                    url=url,
                    created_at__gte=timezone.now() - JOIN_NOTICE_INTERVAL,
                ).values_list("recipient_id", flat=True)
            )
            for organizer in group.memberships.filter(
                role=Membership.Role.ORGANIZER, state=Membership.State.ACTIVE
            ).select_related("user"):
                if organizer.user_id in told:
                    continue
                notify(
                    recipient=organizer.user,
                    kind=NotificationKind.MEMBERSHIP,
                    message=message,
                    url=url,
                )
    return membership


def group_leave(*, user: User, group: Group) -> None:
    """Leave a group, or withdraw a request to join it. A declined request stays: leaving
    must not wipe the organizers' decision so that joining asks afresh (issue 18 item 12)."""
    with transaction.atomic():
        Membership.objects.filter(
            group=group, user=user, role=Membership.Role.MEMBER, state=Membership.State.PENDING
        ).delete()
        deleted, _ = Membership.objects.filter(
            group=group, user=user, role=Membership.Role.MEMBER, state=Membership.State.ACTIVE
        ).delete()
        if deleted:
            Group.objects.filter(pk=group.pk, member_count__gt=0).update(
                member_count=F("member_count") - 1
            )


def membership_set_notify_level(
    *, user: User, group: Group, level: str, digest: str | None = None
) -> Membership:
    """What the member is told about the group: watch, normal or mute, and (when `digest`
    is given) how often it is in their email digest: "" (as their own digest setting),
    none, daily or weekly. Their own choice; a bad value changes nothing."""
    if level not in NotifyLevel.values:
        raise ValidationError("Choose watch, normal or mute.", code="invalid")
    if digest is not None and digest not in GroupDigest.values:
        raise ValidationError(
            "Choose your digest setting, off, daily or weekly for the group's digest.",
            code="invalid",
        )
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update()
            .filter(group=group, user=user, state=Membership.State.ACTIVE)
            .first()
        )
        if membership is None:
            raise PermissionDenied("Only members of the group choose what they are told about it.")
        changed = []
        if membership.notify_level != level:
            membership.notify_level = level
            changed.append("notify_level")
        if digest is not None and membership.digest != digest:
            membership.digest = digest
            changed.append("digest")
        if changed:
            membership.save(update_fields=changed)
    return membership


def digest_label(membership: Membership, *, user: User) -> str:
    """How often the group is in the member's digest, in words ("Daily", "Off", "Weekly
    (your digest setting)")."""
    if membership.digest:
        return GroupDigest(membership.digest).label
    own = {"none": "Off", "daily": "Daily", "weekly": "Weekly"}.get(user.digest, "Off")
    return f"{own} (your digest setting)"


def declined_message(membership: Membership, *, user: User) -> str:
    """What a declined requester reads: the organizers' reason and when they may ask again."""
    text = "The organizers declined your request to join this group"
    if membership.decline_reason:
        text += f": “{membership.decline_reason}”"
    again = ask_again_from(membership)
    if again is not None:
        text += f". You can ask again from {format_moment(again, zone_of(user))}."
    else:
        text += "."
    return text


def membership_decide(
    *, organizer: User, membership: Membership, approve: bool, reason: str = ""
) -> Membership:
    """Approve or decline a join request. Declining needs a reason: the requester reads it."""
    reason = " ".join(reason.split())
    if not approve and not reason:
        raise ValidationError("Give a reason for declining: the member who asked reads it.")
    if len(reason) > DECLINE_REASON_MAX:
        raise ValidationError("Keep the reason under 500 characters.")
    with transaction.atomic():
        locked = (
            Membership.objects.select_for_update()
            .select_related("group", "user")
            .get(pk=membership.pk)
        )
        if locked.state != Membership.State.PENDING:
            raise ValidationError("This request was already decided.")
        locked.state = Membership.State.ACTIVE if approve else Membership.State.DECLINED
        locked.decided_at = timezone.now()
        locked.decided_by = organizer
        locked.decline_reason = "" if approve else reason
        locked.save(update_fields=["state", "decided_at", "decided_by", "decline_reason"])
        if approve:
            Group.objects.filter(pk=locked.group_id).update(member_count=F("member_count") + 1)
        notify(
            recipient=locked.user,
            kind=NotificationKind.MEMBERSHIP,
            message=(
                f"You are now a member of {locked.group.name}"
                if approve
                else f"Your request to join {locked.group.name} was declined: {reason}"
            ),
            url=f"/groups/{locked.group.slug}/",
        )
    return locked
