"""Bulk decisions from the queue (issue 21.2): one action and one reason for many cases.

Each case is decided by moderation.cases.resolve_case, in its own transaction, exactly as a
decision on its page would be: every rule holds per case (nobody decides a case on their
own post, an appeal or escalation goes to someone else, a live claim by another moderator
stands unless staff take it over, powers need a TOTP-passed session). A case a rule
refuses is skipped with the rule's words; the others are decided.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.access import is_moderator
from accounts.models import User
from detectors.policy import Reason
from forum.choices import PostStatus
from forum.models import Post
from moderation import cases
from moderation.access import can_act_on_case
from moderation.models import ActionKind, Case, CaseReason

# Dismissing flags keeps a visible post visible: it is an approval, logged as one, that
# refuses any case screening also put in the queue or whose post is not visible.
BULK_DECISIONS: dict[str, tuple[ActionKind, str]] = {
    "approve": (ActionKind.APPROVE, "approved"),
    "hide": (ActionKind.HIDE, "hidden"),
    "dismiss_flags": (ActionKind.APPROVE, "dismissed (flags)"),
}
MAX_BULK_CASES = 100

FLAG_REASONS = frozenset(
    {
        CaseReason.FLAG_INCIVILITY,
        CaseReason.FLAG_PRIVACY,
        CaseReason.FLAG_MISINFORMATION,
        CaseReason.FLAG_PROMOTION,
        CaseReason.FLAG_OTHER,
    }
)
# Notes a case gathers that are not signals (moderation.cases.note_edit_passed).
NOTE_CODES = frozenset({"edited"})


@dataclass
class BulkOutcome:
    decided: list[int] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)


def _refusal_text(exc: PermissionDenied | ValidationError) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or "You cannot act on this case."


def flags_dismissal_refusal(case: Case, post_status: str) -> str | None:
    """Why this case's flags cannot simply be dismissed, or None: only member flags put it
    in the queue, and its post is visible (dismissing must never publish a held post)."""
    if not case.flags.exists():
        return "No member flagged this post: approve or hide it instead."
    codes = {Reason.from_text(text).code for text in case.reasons}
    others = codes - FLAG_REASONS - NOTE_CODES
    if others:
        return "Not only flags put this case in the queue: decide it on its page."
    if post_status != PostStatus.PUBLISHED:
        return "The post is not visible: dismissing its flags would publish it."
    return None


def _decide_one(*, case_id: int, moderator: User, decision: str, reason: str) -> None:
    action, _done = BULK_DECISIONS[decision]
    with transaction.atomic():
        if decision == "dismiss_flags":
            # Case first, then post: the order resolve_case locks them in.
            case = (
                Case.objects.select_for_update(of=("self",))
                .select_related("group")
                .filter(pk=case_id)
                .first()
            )
            if case is None or not can_act_on_case(moderator, case):
                raise PermissionDenied("You do not moderate this case's group.")
            status = Post.objects.select_for_update().values_list("status", flat=True)
            refusal = flags_dismissal_refusal(case, status.get(pk=case.post_id))
            if refusal is not None:
                raise ValidationError(refusal)
        cases.resolve_case(case_id=case_id, moderator=moderator, action=action, reason=reason)


def bulk_decide(*, case_ids: list[int], moderator: User, decision: str, reason: str) -> BulkOutcome:
    """Decide each case with `decision` ("approve", "hide", "dismiss_flags") and the same
    reason; report which were decided and which were skipped, and why."""
    if decision not in BULK_DECISIONS:
        raise ValidationError("Choose approve, hide or dismiss flags.")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason for this action."})
    if not is_moderator(moderator):
        raise PermissionDenied("Moderator powers need a session that passed TOTP.")
    unique_ids = list(dict.fromkeys(case_ids))
    if len(unique_ids) > MAX_BULK_CASES:
        raise ValidationError(f"Choose at most {MAX_BULK_CASES} cases at a time.")
    outcome = BulkOutcome()
    for case_id in unique_ids:
        try:
            _decide_one(case_id=case_id, moderator=moderator, decision=decision, reason=reason)
        except (PermissionDenied, ValidationError) as exc:
            outcome.skipped.append((case_id, _refusal_text(exc)))
        else:
            outcome.decided.append(case_id)
    return outcome
