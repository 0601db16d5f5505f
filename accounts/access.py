"""Who may do what. Views and domain functions ask here; they never do their own checks."""

from __future__ import annotations

from collections.abc import Iterable

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Max, OuterRef, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from accounts.backends import CURRENT_LICENSE_ATTRIBUTE
from accounts.choices import JURISDICTION_LABELS, LicenseState
from accounts.models import License, User
from accounts.powers import has_session_powers
from accounts.standing import (
    active_suspension,
    restriction_end,
    restriction_in_force,
    suspension_block_reason,
    suspension_closes_reading,
)
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
    """Ids of active members holding a verified, current license now and under no
    suspension or silence (a subquery): whose flags count in the moderation queue (a flag
    needs the standing posting needs)."""
    return (
        License.objects.filter(
            state=LicenseState.VERIFIED,
            expires_on__gte=site_today(),
            user__is_active=True,
            user__deactivated_at__isnull=True,
        )
        .exclude(restriction_in_force(OuterRef("user_id")))
        .values("user_id")
    )


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


# Who may read topic bodies (issue 22 item 2), decided here and nowhere else: posts, their
# versions and diffs, search, profiles' recent posts, reply pages and post notices all ask
# can_read_topics (forum.access builds its querysets and refusals on it). Everyone else
# (visitors; members with no license, or one pending, unverified, rejected, expired or
# revoked) reads groups' descriptions, purposes, rules and topic titles at most. An author
# still reads their own posts (forum.access.post_for_reader).


def read_license_standing(users: Iterable[User]) -> None:
    """Read, in one query, each user's latest verified-license expiry onto the object, as
    the session's user carries it, so holds_current_license asks no more (a batch of
    notice recipients). A suspended member counts as holding none."""
    pending = [u for u in users if CURRENT_LICENSE_ATTRIBUTE not in u.__dict__]
    if not pending:
        return
    until = dict(
        License.objects.filter(user_id__in={u.pk for u in pending}, state=LicenseState.VERIFIED)
        .exclude(suspension_closes_reading(OuterRef("user_id")))
        .values("user_id")
        .annotate(until=Max("expires_on"))
        .values_list("user_id", "until")
    )
    for user in pending:
        user.__dict__[CURRENT_LICENSE_ATTRIBUTE] = until.get(user.pk)


_NOT_READ = object()


def holds_current_license(user: AnyUser) -> bool:
    """An active member holding a verified license that has not expired, and not suspended
    (a suspension closes reading; a silence does not): the license rule of
    current_license_holder_ids. Uses the date read with the session's user when there is
    one, else one query."""
    if not is_active_member(user):
        return False
    # getattr, not user.__dict__: request.user is a SimpleLazyObject, whose own __dict__
    # holds only the wrapped user (the date would never be found, and every page asked).
    until = getattr(user, CURRENT_LICENSE_ATTRIBUTE, _NOT_READ)
    if until is not _NOT_READ:
        return until is not None and until >= site_today()
    return (
        License.objects.filter(user=user, state=LicenseState.VERIFIED, expires_on__gte=site_today())
        .exclude(suspension_closes_reading(OuterRef("user_id")))
        .exists()
    )


def can_read_topics(user: AnyUser) -> bool:
    """May read topic bodies in this request: an active member with a current verified
    license, or a moderator or staff member using their powers (a TOTP-passed session).
    Private groups add their own rule on top (forum.access.can_read_group_topics)."""
    if not is_active_member(user):
        return False
    return holds_current_license(user) or is_moderator(user) or has_staff_powers(user)


def recipient_can_read_topics(user: AnyUser) -> bool:
    """can_read_topics for someone outside their own request (a notice's recipient): a
    moderator's or staff member's role counts, though opening the post will need the
    powers of a TOTP-passed session."""
    return holds_current_license(user) or holds_moderator_role(user)


def reading_block_reason(user: AnyUser) -> SafeString | None:
    """Why this person may not read topic bodies, and how to fix it (None: they may)."""
    if not user.is_authenticated:
        return format_html(
            "Topics are for clinicians with a verified license. {} or {} to read them.",
            _link("Join with your license", "account_signup"),
            _link("sign in", "account_login"),
        )
    if not is_active_member(user):
        return mark_safe("This account is deactivated.")  # noqa: S308 -- our text
    if can_read_topics(user):
        return None
    if needs_step_up(user) and holds_moderator_role(user):
        return mark_safe(  # noqa: S308 -- our text
            "Moderators read topics after the authenticator step: sign in again with your "
            "authenticator code, or declare a verified license to read as a member."
        )
    suspension = active_suspension(user)
    if suspension is not None and not suspension.is_silence:
        return format_html(
            "You are suspended by the moderators {}, and topics stay closed to you until "
            "then. You can still see your notices and {}, and appeal the decision there. "
            "Reason: {}",
            restriction_end(suspension),
            _link("your case pages", "notifications:list"),
            suspension.reason,
        )
    states = set(License.objects.filter(user=user).values_list("state", flat=True))
    if LicenseState.PENDING in states:
        return format_html(
            "Topics are for clinicians with a verified license, and yours is awaiting "
            "verification (by the NPI registry or a moderator). You can read them once it is "
            "verified, and we will tell you. {}.",
            _link("See its status", "accounts:profile", "#licenses"),
        )
    if LicenseState.UNVERIFIED in states:
        return format_html(
            "Topics are for clinicians with a verified license, and yours needs evidence "
            "before it can be verified: {} (a PDF, PNG or JPEG).",
            _link("upload a scan or photo of it", "accounts:profile", "#licenses"),
        )
    if states & {LicenseState.EXPIRED, LicenseState.VERIFIED}:
        return format_html(
            "Your verified license has expired, and topics are for clinicians with a "
            "current one. {} with its new expiry date to read them again.",
            _link("Declare your renewed license", "accounts:license_add"),
        )
    if states & {LicenseState.REJECTED, LicenseState.REVOKED}:
        return format_html(
            "Topics are for clinicians with a verified license, and yours could not be "
            "verified or was revoked (see the reason on {}). {} with evidence to read them.",
            _link("your profile", "accounts:profile", "#licenses"),
            _link("Declare your license", "accounts:license_add"),
        )
    return format_html(
        "Topics are for clinicians with a verified license. {}: with a US NPI it is checked "
        "against the NPI registry; otherwise a moderator reviews a scan of it.",
        _link("Declare your license", "accounts:license_add"),
    )


class ReadingRefused(PermissionDenied):
    """A page of topic bodies this reader may not read: answered with the explanation
    (reading_block_reason) and, when the reader may know of it, the topic's title
    (accounts.middleware.ReadingRefusedMiddleware), as a 403, never a bare one."""

    def __init__(self, reason: SafeString, *, topic: object = None) -> None:
        super().__init__(str(reason))
        self.reason = reason
        self.topic = topic


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

    Pictures are for those who may read members' posts, and for the member themselves; an
    old key (replaced since), a deactivated member or a name avatar_set could not have
    made is a 404.
    """
    from django.http import Http404

    from accounts.avatars import AVATAR_DIRECTORY, is_avatar_name

    name = f"{key}.jpg"
    if not user.is_authenticated or not 0 < member_id < 2**63 or not is_avatar_name(name):
        raise Http404("No such picture.")
    if member_id != user.pk and not can_read_topics(user):
        # Pictures go with posts (issue 22 item 2); a member always sees their own.
        raise Http404("No such picture.")
    member = User.objects.filter(
        pk=member_id, avatar=f"{AVATAR_DIRECTORY}/{name}", deactivated_at__isnull=True
    ).first()
    if member is None:
        raise Http404("No such picture.")
    return member
