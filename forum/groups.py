"""Writes for groups and memberships: open a group, join, decide join requests."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from accounts.access import has_staff_powers, posting_block_reason, regional_license_block_reason
from accounts.choices import JURISDICTION_LABELS
from accounts.models import User
from config import ratelimit
from forum.choices import GroupKind, MembershipPolicy, Modality
from forum.models import Group, Membership
from notifications.choices import NotificationKind
from notifications.delivery import notify


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
    if not purpose:
        errors["purpose"] = ["Declare the group's purpose: members see it at the top of the page."]
    elif len(purpose) > 2000:
        errors["purpose"] = ["Keep the purpose under 2,000 characters."]
    if len(rules) > 10_000:
        errors["rules"] = ["Keep the rules under 10,000 characters."]
    if kind == GroupKind.REGIONAL:
        if region not in JURISDICTION_LABELS:
            errors["region"] = ["Choose the group's state or country."]
        modality = ""
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
            raise PermissionDenied("The organizers declined your request to join this group.")
        if group.membership_policy == MembershipPolicy.OPEN:
            membership.state = Membership.State.ACTIVE
            membership.decided_at = timezone.now()
            membership.save(update_fields=["state", "decided_at"])
            Group.objects.filter(pk=group.pk).update(member_count=F("member_count") + 1)
        else:
            for organizer in group.memberships.filter(
                role=Membership.Role.ORGANIZER, state=Membership.State.ACTIVE
            ).select_related("user"):
                notify(
                    recipient=organizer.user,
                    kind=NotificationKind.MEMBERSHIP,
                    message=f"{user.public_name} asked to join {group.name}",
                    url=f"/groups/{group.slug}/members/",
                )
    return membership


def group_leave(*, user: User, group: Group) -> None:
    with transaction.atomic():
        deleted, _ = Membership.objects.filter(
            group=group, user=user, role=Membership.Role.MEMBER
        ).delete()
        if deleted:
            Group.objects.filter(pk=group.pk, member_count__gt=0).update(
                member_count=F("member_count") - 1
            )


def membership_decide(*, organizer: User, membership: Membership, approve: bool) -> Membership:
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
        locked.save(update_fields=["state", "decided_at", "decided_by"])
        if approve:
            Group.objects.filter(pk=locked.group_id).update(member_count=F("member_count") + 1)
        notify(
            recipient=locked.user,
            kind=NotificationKind.MEMBERSHIP,
            message=(
                f"You are now a member of {locked.group.name}"
                if approve
                else f"Your request to join {locked.group.name} was declined"
            ),
            url=f"/groups/{locked.group.slug}/",
        )
    return locked
