"""Who may do what. Views and domain functions ask here; they never do their own checks."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from accounts.models import User

AnyUser = User | AnonymousUser


def has_verified_email(user: AnyUser) -> bool:
    if not user.is_authenticated:
        return False
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).exists()


def posting_block_reason(user: AnyUser) -> str | None:
    """Why this person may not post, or None when they may."""
    if not user.is_authenticated:
        return "Sign in to post."
    if not user.is_active or user.deactivated_at is not None:
        return "This account is deactivated."
    if not has_verified_email(user):
        return "Verify your email address before posting."
    return None


def can_post(user: AnyUser) -> bool:
    return posting_block_reason(user) is None


def is_moderator(user: AnyUser) -> bool:
    return bool(user.is_authenticated and (user.is_staff or user.is_moderator))


def can_read_forum(user: AnyUser) -> bool:
    """Visitors read group descriptions only; posts are for signed-in members."""
    return bool(user.is_authenticated and user.is_active)


def moderates_group(user: AnyUser, group: object) -> bool:
    """Global moderators and staff moderate every group; scoped ones only theirs."""
    if not is_moderator(user):
        return False
    if user.is_staff:
        return True
    scoped = getattr(user, "moderated_groups", None)
    if scoped is None or not scoped.exists():
        return True
    return scoped.filter(pk=getattr(group, "pk", None)).exists()


def regional_license_block_reason(user: AnyUser, region: str) -> str | None:
    """Why the user cannot join a group that requires a license in `region`, or None.

    Licenses arrive with the license-verification work; until then no
    member holds one, so such groups refuse everyone but staff.
    """
    if user.is_authenticated and user.is_staff:
        return None
    return f"This group requires a verified license in {region}."
