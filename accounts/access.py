"""Who may do what. Views and domain functions ask here; they never do their own checks."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from accounts.choices import JURISDICTION_LABELS, LicenseState
from accounts.models import License, User
from accounts.powers import has_session_powers
from accounts.standing import suspension_block_reason
from accounts.timezones import site_today

AnyUser = User | AnonymousUser


def _link(text: str, url_name: str, anchor: str = "") -> SafeString:
    return format_html('<a href="{}{}">{}</a>', reverse(url_name), anchor, text)


def has_verified_email(user: AnyUser) -> bool:
    if not user.is_authenticated:
        return False
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def is_active_member(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.deactivated_at is None)


def license_block_reason(user: User) -> str | None:
    """Why the user's licenses do not let them post yet (what is missing, how to fix it)."""
    today = site_today()
    licenses = list(
        License.objects.filter(user=user)
        .order_by("-created_at")
        .only("state", "expires_on", "license_type", "license_type_other", "jurisdiction")
    )
    if any(lic.state == LicenseState.VERIFIED and lic.expires_on >= today for lic in licenses):
        return None
    add_link = _link("Declare your license", "accounts:license_add")
    if any(lic.state == LicenseState.PENDING for lic in licenses):
        return format_html(
            "Your license is awaiting verification (by the NPI registry or a moderator); "
            "you can post once it is verified, and we will tell you. {}.",
            _link("See its status", "accounts:profile", "#licenses"),
        )
    if any(lic.state == LicenseState.UNVERIFIED for lic in licenses):
        return format_html(
            "Your license needs evidence before it can be verified: {} (a PDF, PNG or JPEG).",
            _link("upload a scan or photo of it", "accounts:profile", "#licenses"),
        )
    if any(lic.state in (LicenseState.EXPIRED, LicenseState.VERIFIED) for lic in licenses):
        return format_html(
            "Your verified license has expired. {} with its new expiry date to post again.",
            _link("Declare your renewed license", "accounts:license_add"),
        )
    if any(lic.state in (LicenseState.REJECTED, LicenseState.REVOKED) for lic in licenses):
        return format_html(
            "Your license could not be verified (see the reason on {}). {} with evidence.",
            _link("your profile", "accounts:profile", "#licenses"),
            add_link,
        )
    return format_html(
        "Only clinicians with a verified license can post. {}: with a US NPI it is checked "
        "against the NPI registry; otherwise a moderator reviews a scan of it.",
        add_link,
    )


def posting_block_reason(user: AnyUser) -> str | None:
    """Why this person may not post, reply, flag or join, or None when they may."""
    if not user.is_authenticated:
        return "Sign in to post."
    if not user.is_active or user.deactivated_at is not None:
        return "This account is deactivated."
    if not has_verified_email(user):
        return format_html(
            "Verify your email address before posting: {}.",
            _link("resend the confirmation email", "account_email"),
        )
    suspended = suspension_block_reason(user)
    if suspended is not None:
        return suspended
    return license_block_reason(user)


def can_post(user: AnyUser) -> bool:
    return posting_block_reason(user) is None


def current_license_holder_ids() -> QuerySet[License, dict[str, int]]:
    """Ids of active members holding a verified, current license now (a subquery): whose
    flags count in the moderation queue (a flag needs the standing posting needs)."""
    return License.objects.filter(
        state=LicenseState.VERIFIED,
        expires_on__gte=site_today(),
        user__is_active=True,
        user__deactivated_at__isnull=True,
    ).values("user_id")


# Roles and powers. A role (moderator, staff) is a column of the user; a power is what the
# role lets them do in this request, and needs the session to have passed TOTP in this login
# (accounts/powers.py). Every power check below answers False for a User object that was
# not handed over by the request's session (a task's, a command's, another row's author):
# they fail closed. Code that needs the role alone ("who moderates group X") asks
# holds_moderator_role / role_moderates_group.


def holds_privileged_role(user: AnyUser) -> bool:
    """Moderators and staff (whose powers need TOTP); the role alone, not the powers."""
    return bool(user.is_authenticated and (user.is_staff or user.is_superuser or user.is_moderator))


def holds_moderator_role(user: AnyUser) -> bool:
    """An active global or scoped moderator, or staff: the role, usable outside a request."""
    return bool(is_active_member(user) and (user.is_staff or user.is_moderator))


def role_moderates_group(user: AnyUser, group: object) -> bool:
    """Whether the user's role covers `group` (global moderators and staff: every group)."""
    if not holds_moderator_role(user):
        return False
    if user.is_staff:
        return True
    scoped = user.moderated_groups.all()
    if not scoped.exists():
        return True
    return scoped.filter(pk=getattr(group, "pk", None)).exists()


def needs_step_up(user: AnyUser) -> bool:
    """A moderator or staff member whose session has not passed TOTP: they read as a member
    until they confirm with their authenticator."""
    return holds_privileged_role(user) and not has_session_powers(user)


def is_moderator(user: AnyUser) -> bool:
    """May use moderator powers in this request: the role and a TOTP-passed session."""
    return holds_moderator_role(user) and has_session_powers(user)


def has_staff_powers(user: AnyUser) -> bool:
    """May use staff powers in this request: staff, active, in a TOTP-passed session."""
    return bool(is_active_member(user) and user.is_staff and has_session_powers(user))


def needs_mfa(user: AnyUser) -> bool:
    """Moderators and staff must use MFA (product brief)."""
    return holds_privileged_role(user)


def has_mfa(user: AnyUser) -> bool:
    if not user.is_authenticated:
        return False
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def can_review_licenses(user: AnyUser) -> bool:
    """Staff and global moderators review licenses; group-scoped moderators do not (the
    powers, so a session that passed TOTP)."""
    if not is_moderator(user):
        return False
    return user.is_staff or not user.moderated_groups.exists()


def can_read_forum(user: AnyUser) -> bool:
    """Visitors read group descriptions only; posts are for signed-in members."""
    return is_active_member(user)


def moderates_group(user: AnyUser, group: object) -> bool:
    """May use moderator powers on `group` in this request: global moderators and staff
    moderate every group, scoped ones only theirs; all need a TOTP-passed session."""
    return has_session_powers(user) and role_moderates_group(user, group)


def regional_license_block_reason(user: AnyUser, region: str) -> str | None:
    """Why the user cannot join a group that requires a license in `region`, or None."""
    label = JURISDICTION_LABELS.get(region, region)
    if not user.is_authenticated:
        return f"This group requires a verified license in {label}. Sign in first."
    if has_staff_powers(user):
        return None
    holds = License.objects.filter(
        user=user,
        state=LicenseState.VERIFIED,
        expires_on__gte=site_today(),
        jurisdiction=region,
    ).exists()
    if holds:
        return None
    return format_html(
        "This group is for clinicians licensed in {}, and you have no verified, current "
        "license there. {} to join.",
        label,
        _link(f"Declare your {label} license", "accounts:license_add"),
    )


def license_for_evidence(user: AnyUser, license_id: int) -> License:
    """The license whose evidence this user may open: their own, or any for a reviewer."""
    if not 0 < license_id < 2**63:
        raise Http404("No such license.")
    license = License.objects.filter(pk=license_id).first()
    if license is None or not user.is_authenticated:
        raise Http404("No such license.")
    if license.user_id == user.pk:
        return license
    if not can_review_licenses(user):
        # Not a 403 that confirms the license exists: evidence is private. A reviewer
        # whose session has not passed TOTP is refused here too (can_review_licenses).
        raise Http404("No such license.")
    return license


def license_for_owner(user: AnyUser, license_id: int) -> License:
    if not user.is_authenticated or not 0 < license_id < 2**63:
        raise Http404("No such license.")
    license = License.objects.filter(pk=license_id, user_id=user.pk).first()
    if license is None:
        raise Http404("No such license.")
    return license


def member_with_avatar(user: AnyUser, member_id: int, key: str) -> User:
    """The member whose current picture is `key`, for a reader of the forum, or 404.

    Pictures are for those who may read members' posts; an old key (replaced since),
    a deactivated member or a name avatar_set could not have made is a 404.
    """
    from django.http import Http404

    from accounts.avatars import AVATAR_DIRECTORY, is_avatar_name

    name = f"{key}.jpg"
    if not can_read_forum(user) or not 0 < member_id < 2**63 or not is_avatar_name(name):
        raise Http404("No such picture.")
    member = User.objects.filter(
        pk=member_id, avatar=f"{AVATAR_DIRECTORY}/{name}", deactivated_at__isnull=True
    ).first()
    if member is None:
        raise Http404("No such picture.")
    return member
