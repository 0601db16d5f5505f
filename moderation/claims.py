"""Claims on moderation cases: who holds one, when it lapses, and giving one up (issue 21.2).

A claim lapses MODERATION_CLAIM_MINUTES after it was taken. A lapsed claim counts as no
claim everywhere (claiming, deciding, the queue's column and filter, the next case), so a
moderator who walks away never strands a case. The lapse is computed from `claimed_at`
when a case is read or queried: no job rewrites rows when a claim lapses. Staff in a
TOTP-passed session take over any claim.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from moderation.access import can_act_on_case, is_staff_moderator
from moderation.models import ActionKind, Case, CaseState, ModerationAction


def claim_lifetime() -> timedelta:
    return timedelta(minutes=settings.MODERATION_CLAIM_MINUTES)


def claim_cutoff(now: datetime | None = None) -> datetime:
    """Claims taken at or before this moment have lapsed."""
    return (now or timezone.now()) - claim_lifetime()


def live_claim_q(now: datetime | None = None) -> Q:
    """Cases someone holds a claim on that has not lapsed (for filter() and exclude())."""
    return Q(claimed_by__isnull=False, claimed_at__gt=claim_cutoff(now))


def claim_holder_id(case: Case, now: datetime | None = None) -> int | None:
    """Who holds a live claim on this case, or None (never claimed, released, or lapsed)."""
    if case.claimed_by_id is None or case.claimed_at is None:
        return None
    if case.claimed_at <= claim_cutoff(now):
        return None
    return case.claimed_by_id


def claim_expires_at(case: Case) -> datetime | None:
    if claim_holder_id(case) is None or case.claimed_at is None:
        return None
    return case.claimed_at + claim_lifetime()


def takes_over_claims(case: Case, moderator: User) -> bool:
    """Staff (in a TOTP-passed session) can take any case, whoever claimed it, so no case
    is ever stranded behind a claim."""
    return is_staff_moderator(moderator)


def may_unclaim(case: Case, moderator: User) -> bool:
    holder = claim_holder_id(case)
    return (
        case.is_active
        and holder is not None
        and (holder == moderator.pk or takes_over_claims(case, moderator))
    )


@dataclass(frozen=True)
class ClaimView:
    """What the case page shows and offers about the claim, for one viewer."""

    holder: User | None
    expires_at: datetime | None
    can_claim: bool
    can_unclaim: bool
    can_resolve: bool
    takes_over: bool


def claim_view(case: Case, viewer: User, *, refused: bool) -> ClaimView:
    """`refused`: moderation.cases.decision_refusal forbids this viewer to decide the case."""
    holder_id = claim_holder_id(case)
    takes_over = takes_over_claims(case, viewer)
    open_to_viewer = case.is_active and not refused
    return ClaimView(
        holder=case.claimed_by if holder_id is not None else None,
        expires_at=claim_expires_at(case),
        can_claim=open_to_viewer and (holder_id is None or (takes_over and holder_id != viewer.pk)),
        can_unclaim=may_unclaim(case, viewer),
        can_resolve=open_to_viewer and (holder_id in (None, viewer.pk) or takes_over),
        takes_over=takes_over,
    )


def unclaim_case(*, case_id: int, moderator: User) -> Case:
    """Give up a live claim: the moderator who holds it, or staff. Logged like a claim."""
    with transaction.atomic():
        case = (
            Case.objects.select_for_update(of=("self",))
            .select_related("group", "claimed_by")
            .filter(pk=case_id)
            .first()
        )
        if case is None or not can_act_on_case(moderator, case):
            raise PermissionDenied("You do not moderate this case's group.")
        if not case.is_active:
            raise ValidationError("This case is already resolved.")
        holder_id = claim_holder_id(case)
        if holder_id is None:
            raise ValidationError("Nobody holds a claim on this case now.")
        if holder_id != moderator.pk and not takes_over_claims(case, moderator):
            raise PermissionDenied(
                "Only the moderator who claimed this case, or staff, can unclaim it."
            )
        reason = "Unclaimed" if holder_id == moderator.pk else f"Released {case.claimed_by}'s claim"
        case.claimed_by = None
        case.claimed_at = None
        if case.state == CaseState.CLAIMED:
            case.state = CaseState.OPEN
        case.save(update_fields=["claimed_by", "claimed_at", "state", "updated_at"])
        ModerationAction.objects.create(
            case=case, actor=moderator, action=ActionKind.UNCLAIM, reason=reason
        )
    return case
