"""Penalties moderators give and lift (issue 21 items 3 and 4).

- Suspend or silence the author of a case for N hours, N days, until a moment (read in
  the moderator's zone) or indefinitely: moderation.cases.resolve_case takes the end
  penalty_end works out. Both refuse every write in the one place posting is refused
  (accounts.access.posting_block_reason), scheduled releases included; a suspension
  also closes reading (accounts.standing.suspension_closes_reading), a silence is
  read-only; both still see their notices and case pages and appeal.
- Lift one early: a global moderator or staff, in a TOTP-passed session, with a reason;
  an append-only SuspensionLift row records it and the member is told.
- Hide and message: hide the case's post and send the author a canned reply (staff keep
  them in the admin), edited if need be, with the rule it cites.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Suspension, SuspensionKind, SuspensionLift, User
from accounts.signals import send_standing_changed
from accounts.timezones import format_moment, zone_of
from moderation.access import cases_for_moderator, sees_site_wide_figures
from moderation.models import ActionKind, CannedReply, Case, CaseState, Flag
from notifications.choices import NotificationKind
from notifications.delivery import notify

MAX_DAYS = 365
MAX_HOURS = MAX_DAYS * 24
UNIT_CHOICES = [
    ("hours", "hours"),
    ("days", "days"),
    ("until", "until the moment below"),
    ("indefinite", "indefinitely (until lifted)"),
]
PENALTY_ACTIONS = (ActionKind.SUSPEND, ActionKind.SILENCE)
KIND_FOR_ACTION = {
    ActionKind.SUSPEND: SuspensionKind.SUSPEND,
    ActionKind.SILENCE: SuspensionKind.SILENCE,
}


@dataclass(frozen=True)
class PenaltyEnd:
    """When a suspension or silence ends; None: indefinitely, until someone lifts it."""

    ends_at: datetime | None


def penalty_end(
    length: int | None, unit: str, until: datetime | None, *, now: datetime | None = None
) -> PenaltyEnd:
    """The end of a penalty from the case page's fields: N hours, N days, until a moment
    (an aware datetime: the form reads it in the moderator's zone) or indefinite."""
    now = now or timezone.now()
    if unit == "indefinite":
        return PenaltyEnd(None)
    if unit == "until":
        if until is None:
            raise ValidationError({"penalty_until": "Say until when (a date and time)."})
        if timezone.is_naive(until):
            until = timezone.make_aware(until)
        if until <= now:
            raise ValidationError({"penalty_until": "The end must be in the future."})
        if until > now + timedelta(days=MAX_DAYS):
            raise ValidationError(
                {"penalty_until": f"At most {MAX_DAYS} days ahead; or choose indefinitely."}
            )
        return PenaltyEnd(until)
    if unit not in ("hours", "days"):
        raise ValidationError({"penalty_unit": "Choose hours, days, a moment or indefinitely."})
    limit = MAX_HOURS if unit == "hours" else MAX_DAYS
    if length is None or not 1 <= length <= limit:
        raise ValidationError(
            {"penalty_length": f"Give a length of 1 to {limit} {unit}; or choose indefinitely."}
        )
    delta = timedelta(hours=length) if unit == "hours" else timedelta(days=length)
    return PenaltyEnd(now + delta)


def described_end(ends_at: datetime | None, zone: Any = None) -> str:
    if ends_at is None:
        return "indefinitely, until a moderator lifts it"
    return f"until {format_moment(ends_at, zone)}"


# Lifting


def can_lift(user: Any) -> bool:
    """Global moderators and staff, in a TOTP-passed session; never a scoped moderator."""
    return sees_site_wide_figures(user)


def lift_suspension(*, suspension_id: int, moderator: User, reason: str) -> SuspensionLift:
    """End a suspension or silence now, with a reason: recorded (append-only) and told to
    the member."""
    if not can_lift(moderator):
        raise PermissionDenied("Only global moderators and staff lift suspensions and silences.")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason for lifting it."})
    if len(reason) > 2000:
        raise ValidationError({"reason": "Keep the reason under 2,000 characters."})
    with transaction.atomic():
        suspension = (
            Suspension.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(pk=suspension_id)
            .first()
        )
        if suspension is None:
            raise ValidationError("No such suspension.")
        # In force by the database's clock, as everything else asks (Suspension.in_force).
        if not Suspension.objects.in_force().filter(pk=suspension.pk).exists():
            raise ValidationError("This suspension is no longer in force.")
        lift = SuspensionLift.objects.create(
            suspension=suspension, lifted_by=moderator, reason=reason
        )
        Suspension.objects.filter(pk=suspension.pk).update(lifted_at=lift.created_at)
        send_standing_changed(suspension.user_id)
        what = "silence" if suspension.is_silence else "suspension"
        notify(
            recipient=suspension.user,
            kind=NotificationKind.MODERATION,
            message=f"Moderators lifted your {what}: you can post again. Reason: {reason}",
            url=reverse("accounts:profile"),
        )
    return lift


# Hide and message


def canned_replies() -> list[CannedReply]:
    return list(CannedReply.objects.filter(is_active=True))


def hide_and_message(*, case_id: int, moderator: User, canned_reply_id: int, message: str) -> None:
    """Hide the case's post and send the author the (edited) canned reply with its rule,
    through the outcome notice (moderation.cases.resolve_case)."""
    from moderation import cases

    reply = CannedReply.objects.filter(pk=canned_reply_id, is_active=True).first()
    if reply is None:
        raise ValidationError({"canned_reply": "Choose one of the canned replies."})
    message = message.strip()
    if not message:
        raise ValidationError({"message": "The message to the author cannot be empty."})
    if len(message) > 2000:
        raise ValidationError({"message": "Keep the message under 2,000 characters."})
    cases.resolve_case(
        case_id=case_id,
        moderator=moderator,
        action=ActionKind.HIDE,
        reason=message,
        rule=reply.rule,
    )


def _positive_id(value: str) -> int | None:
    return int(value) if value.isdigit() and 0 < int(value) < 2**63 else None


def act_on_case_page(request: HttpRequest, case: Case) -> str | None:
    """The case page's lift and hide-and-message buttons (CaseAdmin._act calls this
    first): what to tell the moderator when one was pressed, None otherwise. Refusals
    raise PermissionDenied or ValidationError for the page to show."""
    post = request.POST
    if "lift_suspension" in post:
        suspension_id = _positive_id(post.get("suspension", ""))
        if suspension_id is None:
            raise ValidationError("Choose a suspension to lift.")
        # Only the case author's own suspensions are offered on this page.
        if not Suspension.objects.filter(pk=suspension_id, user_id=case.post.author_id).exists():
            raise ValidationError("No such suspension for this author.")
        lift_suspension(
            suspension_id=suspension_id,
            moderator=request.user,  # type: ignore[arg-type]
            reason=post.get("lift_reason", ""),
        )
        return "Lifted: the member can post again and has been told."
    if "hide_and_message" in post:
        reply_id = _positive_id(post.get("canned_reply", ""))
        if reply_id is None:
            raise ValidationError("Choose one of the canned replies.")
        hide_and_message(
            case_id=case.pk,
            moderator=request.user,  # type: ignore[arg-type]
            canned_reply_id=reply_id,
            message=post.get("message", ""),
        )
        return f"Case {case.pk} resolved: post hidden and the author sent the message."
    return None


# The author's history on a case page


def flag_figures(author: User, *, viewer: User | None = None) -> dict[str, Any]:
    """Flags the author gave and received, and how accurate theirs were: the share of
    their flags, on decided cases, whose case ended in an action other than dismissal
    (approving the post). For a `viewer`, only cases in groups they may see."""
    visible = Case.objects.all() if viewer is None else cases_for_moderator(viewer)
    given = Flag.objects.filter(member=author, case__in=visible)
    received = Flag.objects.filter(post__author=author, case__in=visible)
    decided = given.filter(case__state=CaseState.RESOLVED)
    decided_count = decided.count()
    upheld = decided.filter(~Q(case__resolution=ActionKind.APPROVE)).count()
    return {
        "flags_given": given.count(),
        "flags_received": received.count(),
        "flags_decided": decided_count,
        "flags_upheld": upheld,
        "flag_accuracy": round(100 * upheld / decided_count) if decided_count else None,
    }


def outcome_phrase(action: str, suspension: Suspension | None, author: User) -> str:
    """ "suspended you (...) until 4 Dec 2026, 09:12 EST" in the author's zone."""
    end = described_end(suspension.ends_at if suspension else None, zone_of(author))
    if action == ActionKind.SILENCE:
        return f"silenced you (read-only: you can read and appeal, not post) {end}"
    return f"suspended you (no reading or posting; you can appeal) {end}"
