"""Moderation cases: open or merge signals, claim, resolve, flag, appeal.

Every signal about one post (screening, member flags, an appeal) lands in the
post's one active case (a conditional unique constraint holds that). Every
thing a person does to a case is an append-only ModerationAction, written in
the same transaction as its effect on the post and the notice to the author.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from accounts import standing
from accounts.access import (
    current_license_holder_ids,
    posting_block_reason,
    role_moderates_group,
)
from accounts.models import Suspension, User
from config import ratelimit
from detectors.policy import Reason, thresholds
from forum.choices import PostStatus
from forum.models import Post
from forum.posting import post_publish, post_set_status
from moderation.access import can_act_on_case, is_staff_moderator
from moderation.claims import claim_holder_id, takes_over_claims
from moderation.models import (
    ACTIVE_CASE_STATES,
    RESOLVING_ACTIONS,
    ActionKind,
    Appeal,
    Case,
    CaseReason,
    CaseState,
    Flag,
    FlagReason,
    ModerationAction,
    ScreeningResult,
)
from moderation.penalties import KIND_FOR_ACTION, PENALTY_ACTIONS, PenaltyEnd, outcome_phrase
from notifications.choices import NotificationKind
from notifications.delivery import MESSAGE_MAX as NOTICE_MAX
from notifications.delivery import notify

logger = logging.getLogger(__name__)

# Strongest first: the first code present names the case in the queue.
REASON_RANK = [
    CaseReason.IDENTIFIERS,
    CaseReason.FLAG_PRIVACY,
    CaseReason.INCIVILITY,
    CaseReason.FLAG_INCIVILITY,
    CaseReason.APPEAL,
    CaseReason.FLAG_MISINFORMATION,
    CaseReason.FLAG_PROMOTION,
    CaseReason.PICTURE_UNREAD,
    CaseReason.MISSING_WARNING,
    CaseReason.FLAG_OTHER,
    CaseReason.FIRST_POST,
]

# The community rule each reason points the author to.
RULES = {
    CaseReason.IDENTIFIERS: "No patient identifiers: case details must be de-identified "
    "(HIPAA Safe Harbor).",
    CaseReason.FLAG_PRIVACY: "No patient identifiers: case details must be de-identified "
    "(HIPAA Safe Harbor).",
    CaseReason.INCIVILITY: "Correct with care: disagree with ideas, never attack a colleague.",
    CaseReason.FLAG_INCIVILITY: "Correct with care: disagree with ideas, never attack a colleague.",
    CaseReason.MISSING_WARNING: "Declare the content warnings a post calls for.",
    CaseReason.FLAG_MISINFORMATION: "Keep clinical claims sound and sourced.",
    CaseReason.FLAG_PROMOTION: "Disclose any financial interest in what you describe.",
    CaseReason.FLAG_OTHER: "Post with a purpose and follow the group's rules.",
    CaseReason.FIRST_POST: "New members' first posts are reviewed in this group.",
    CaseReason.APPEAL: "Your appeal was reviewed by a different moderator.",
    CaseReason.PICTURE_UNREAD: "No patient identifiers: case details must be de-identified "
    "(HIPAA Safe Harbor), in pictures too.",
}

OUTCOMES = {
    ActionKind.APPROVE: "approved your post; it is visible",
    ActionKind.HIDE: "hid your post",
    ActionKind.REMOVE: "removed your post",
    ActionKind.ASK_EDIT: "ask you to edit your post; it stays hidden until an edit passes "
    "screening",
    ActionKind.WARN: "sent you a warning about your post",
    ActionKind.SUSPEND: "suspended you (no reading or posting; you can appeal)",
    ActionKind.SILENCE: "silenced you (read-only)",
}

# What each resolving action does to the post (None: leaves it as it is; escalating keeps
# the case open, so the post keeps its state until someone decides).
POST_STATUS_FOR_ACTION: dict[str, PostStatus | None] = {
    ActionKind.APPROVE: PostStatus.PUBLISHED,
    ActionKind.HIDE: PostStatus.HIDDEN,
    ActionKind.REMOVE: PostStatus.REMOVED,
    ActionKind.ASK_EDIT: PostStatus.NEEDS_EDIT,
    ActionKind.WARN: None,
    ActionKind.SUSPEND: None,
    ActionKind.SILENCE: None,
    ActionKind.ESCALATE: None,
}

# Warn and Suspend are about the author; the moderator also says what becomes of the post
# (issue 18 item 8), so no resolution leaves a held post held with no open case.
ACTIONS_WITH_A_POST_CHOICE = (ActionKind.WARN, ActionKind.SUSPEND, ActionKind.SILENCE)
POST_AFTER_CHOICES = {
    "publish": PostStatus.PUBLISHED,
    "hide": PostStatus.HIDDEN,
}
POST_AFTER_TOLD = {
    PostStatus.PUBLISHED: "your post is visible",
    PostStatus.HIDDEN: "your post stays hidden",
    PostStatus.REMOVED: "your post is removed",
    PostStatus.NEEDS_EDIT: "your post stays hidden until an edit passes screening",
    PostStatus.WITHDRAWN: "you withdrew your post",
}

_FLAG_CASE_REASON = {
    FlagReason.INCIVILITY: CaseReason.FLAG_INCIVILITY,
    FlagReason.PRIVACY: CaseReason.FLAG_PRIVACY,
    FlagReason.MISINFORMATION: CaseReason.FLAG_MISINFORMATION,
    FlagReason.PROMOTION: CaseReason.FLAG_PROMOTION,
    FlagReason.OTHER: CaseReason.FLAG_OTHER,
}

# Policy reason codes (detectors.policy) to case reasons.
_POLICY_CASE_REASON = {
    "identifiers": CaseReason.IDENTIFIERS,
    "incivility": CaseReason.INCIVILITY,
    "missing_warning": CaseReason.MISSING_WARNING,
    "first_post": CaseReason.FIRST_POST,
    "identifiers_cleared": CaseReason.IDENTIFIERS,
    "member_flag": CaseReason.FLAG_OTHER,
    "picture_unread": CaseReason.PICTURE_UNREAD,
}


def reason_code(reason: str) -> str:
    """The case reason of a stored reason text."""
    return Reason.from_text(reason).code


def case_reason_for_policy_code(code: str) -> str:
    return _POLICY_CASE_REASON.get(code, CaseReason.FLAG_OTHER)


def primary_reason(codes: list[str]) -> str:
    for candidate in REASON_RANK:
        if candidate in codes:
            return candidate
    return CaseReason.FLAG_OTHER


# Tiers above the score (at most 1,000) and the flags (at most 1,500): a threat (incivility
# at the hold threshold, held or in an edit of a post readers see) ranks above a post
# held for a moderator, which ranks above every other case on a post readers already see:
# nobody reads a held post (a newcomer's first post in a group that pre-approves, a
# confidently missing warning) until a moderator decides. Identifiers above all.
IDENTIFIERS_TIER = 1_000_000
THREAT_TIER = 5_000
HELD_TIER = 2_500


def priority_for(
    *, has_identifiers: bool, incivility: float, flag_count: int, held: bool = False
) -> int:
    """Identifiers first, then threats, then posts held until a moderator decides, then the
    incivility score and the number of flags; age breaks ties (Case.Meta.ordering puts
    older cases first among equals). `held`: the post is hidden, awaiting the decision."""
    score = round(max(0.0, min(incivility, 1.0)) * 1000)
    flags = min(flag_count, 10) * 150
    tiers = (IDENTIFIERS_TIER if has_identifiers else 0) + (HELD_TIER if held else 0)
    if incivility >= thresholds()[1]:
        tiers += THREAT_TIER
    return tiers + score + flags


def _recompute(case: Case, *, held: bool | None = None) -> None:
    """The case's reason and priority; `held` None: read whether its post is held now."""
    codes = [reason_code(r) for r in case.reasons]
    case.reason = primary_reason(codes)
    if held is None:
        held = Post.objects.filter(pk=case.post_id, status=PostStatus.HELD).exists()
    case.priority = priority_for(
        has_identifiers=case.has_identifiers,
        incivility=case.incivility,
        flag_count=case.flag_count,
        held=held,
    )


def open_or_merge_case(
    *,
    post: Post,
    reasons: list[Reason],
    screening_result: ScreeningResult | None = None,
    flagged: bool = False,
) -> Case:
    """The post's active case with these reasons merged in; opened if there is none.

    Each reason's code is a case reason; the case keeps their text. Call inside a
    transaction.
    """
    for _attempt in range(3):
        case = (
            Case.objects.select_for_update().filter(post=post, state__in=ACTIVE_CASE_STATES).first()
        )
        if case is None:
            case = Case(post=post, group_id=post.topic.group_id, reasons=[])
            try:
                # A savepoint: a concurrent opener wins the unique constraint, then we merge.
                with transaction.atomic():
                    _merge_into(case, reasons, screening_result, flagged)
                    case.save()
            except IntegrityError:
                continue
            alert_moderators([case])
            return case
        _merge_into(case, reasons, screening_result, flagged)
        case.save()
        return case
    raise RuntimeError(f"could not open or merge a case for post {post.pk}")


def open_cases(items: list[tuple[Post, list[Reason], ScreeningResult]]) -> list[Case]:
    """New cases for posts the caller knows have no active case (their rows locked), in
    one insert. A case opened meanwhile by someone else (a member's flag) breaks the
    unique constraint and fails the caller's transaction; open_or_merge_case is then
    the way, post by post."""
    opened = []
    for post, reasons, screening_result in items:
        case = Case(post=post, group_id=post.topic.group_id, reasons=[])
        # Not held: these posts are published with their case (the caller's batch).
        _merge_into(case, reasons, screening_result, flagged=False, held=False)
        opened.append(case)
    created = Case.objects.bulk_create(opened)
    alert_moderators(created)
    return created


def is_urgent(case: Case) -> bool:
    """Patient identifiers, or incivility at the hold threshold (threats and abuse): the
    cases the group's moderators are told of at once rather than when they next look."""
    return case.has_identifiers or case.incivility >= thresholds()[1]


def alert_moderators(opened: list[Case]) -> int:
    """Tell the moderators of each urgent case's group (not the post's author) that it is
    waiting. The notice names the group and the reason, never the post's text; it links
    to the case, which needs a TOTP-passed session."""
    urgent = [case for case in opened if is_urgent(case)]
    if not urgent:
        return 0
    moderators = list(
        User.objects.filter(is_active=True, is_moderator=True).prefetch_related("moderated_groups")
    )
    sent = 0
    for case in urgent:
        post = case.post
        why = "patient identifiers" if case.has_identifiers else "a possible threat or abuse"
        group = post.topic.group
        for moderator in moderators:
            if moderator.pk == post.author_id or not role_moderates_group(moderator, group):
                continue
            notice = notify(
                recipient=moderator,
                kind=NotificationKind.CASE_ALERT,
                message=f"A post in {group.name} needs a moderator now: {why} (case #{case.pk}).",
                url=reverse("admin:moderation_case_change", args=[case.pk]),
                post_id=post.pk,
            )
            sent += notice is not None
    return sent


def _merge_into(
    case: Case,
    reasons: list[Reason],
    screening_result: ScreeningResult | None,
    flagged: bool,
    *,
    held: bool | None = None,
) -> None:
    for reason in map(str, reasons):
        if reason not in case.reasons:
            case.reasons.append(reason)
    if screening_result is not None:
        case.screening_result = screening_result
        case.incivility = max(case.incivility, screening_result.incivility)
        case.has_identifiers = case.has_identifiers or bool(screening_result.identifiers)
    if flagged:
        case.flag_count += 1
    _recompute(case, held=held)


def _log(
    *,
    case: Case,
    actor: User,
    action: str,
    reason: str,
    before: str = "",
    after: str = "",
    suspension: Suspension | None = None,
    rule: str = "",
) -> ModerationAction:
    return ModerationAction.objects.create(
        case=case,
        actor=actor,
        action=action,
        reason=reason,
        post_status_before=before,
        post_status_after=after,
        suspended_until=suspension.ends_at if suspension is not None else None,
        suspension=suspension,
        rule=rule,
    )


def escalated_by_id(case: Case) -> int | None:
    """Who escalated the case (the latest escalation), or None when it is not escalated."""
    if case.escalated_at is None:
        return None
    return (
        ModerationAction.objects.filter(case=case, action=ActionKind.ESCALATE)
        .order_by("-created_at", "-id")
        .values_list("actor_id", flat=True)
        .first()
    )


def decision_refusal(case: Case, moderator: User) -> str | None:
    """Why this moderator may neither claim nor decide this case, or None (issue 18 item 7):
    nobody decides the case on their own post, an appeal goes to someone other than the
    moderator who decided, and an escalated case to staff or another moderator, never back
    to the one who escalated it."""
    if case.post.author_id == moderator.pk:
        return "Nobody decides a case on their own post: another moderator or staff will."
    if case.excluded_moderator_id == moderator.pk:
        return "An appeal is decided by a different moderator."
    if case.escalated_at is not None and escalated_by_id(case) == moderator.pk:
        return "You escalated this case: staff or another moderator decide it."
    return None


def _active_case_for_moderator(case_id: int, moderator: User) -> Case:
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("group", "post")
        .filter(pk=case_id)
        .first()
    )
    if case is None or not can_act_on_case(moderator, case):
        raise PermissionDenied("You do not moderate this case's group.")
    if case.state == CaseState.RESOLVED:
        raise ValidationError("This case is already resolved.")
    refusal = decision_refusal(case, moderator)
    if refusal is not None:
        raise PermissionDenied(refusal)
    return case


def claim_case(*, case_id: int, moderator: User) -> Case:
    """Claim a case for MODERATION_CLAIM_MINUTES (moderation.claims): a lapsed claim is no
    claim; staff take over anyone's. Claiming one's own live claim again renews it."""
    with transaction.atomic():
        case = _active_case_for_moderator(case_id, moderator)
        holder_id = claim_holder_id(case)
        if holder_id not in (None, moderator.pk) and not takes_over_claims(case, moderator):
            raise ValidationError(f"{case.claimed_by} has already claimed this case.")
        now = timezone.now()
        if holder_id == moderator.pk:
            case.claimed_at = now
            case.save(update_fields=["claimed_at", "updated_at"])
            return case
        reason = "Claimed for review"
        if holder_id is not None:
            reason = f"Took over the claim of {case.claimed_by}"
        case.claimed_by = moderator
        case.claimed_at = now
        if case.state == CaseState.OPEN:
            case.state = CaseState.CLAIMED
        case.save(update_fields=["claimed_by", "claimed_at", "state", "updated_at"])
        _log(case=case, actor=moderator, action=ActionKind.CLAIM, reason=reason)
    return case


def _apply_post_effect(post_id: int, action: str, post_after: str = "") -> tuple[str, str]:
    post = Post.objects.select_for_update().get(pk=post_id)
    before = post.status
    target = POST_STATUS_FOR_ACTION.get(action)
    if action in ACTIONS_WITH_A_POST_CHOICE:
        target = POST_AFTER_CHOICES[post_after]
        if target == PostStatus.PUBLISHED and before == PostStatus.PUBLISHED:
            return before, before
    # An author's own withdrawal stands: moderation never brings such a post back.
    if target is None or before in (PostStatus.WITHDRAWN, PostStatus.CANCELLED):
        return before, before
    if target == PostStatus.PUBLISHED:
        if before in (PostStatus.HIDDEN, PostStatus.REMOVED):
            # post_publish only lifts review states; pass through "held" to restore.
            post_set_status(post_id=post_id, status=PostStatus.HELD)
        post_publish(post_id=post_id)
    else:
        post_set_status(post_id=post_id, status=target)
    return before, Post.objects.values_list("status", flat=True).get(pk=post_id)


def _appeal_url(case: Case) -> str:
    return reverse("moderation:case", kwargs={"case_id": case.pk})


def _notify_outcome(
    case: Case,
    action: str,
    suspension: Suspension | None = None,
    post_status: str = "",
    *,
    rule: str = "",
    said: str = "",
) -> None:
    """The author's notice of an outcome: what was done, the rule, and (hide and message)
    the moderator's message, cut to fit a notice; the case page has it in full."""
    outcome = OUTCOMES.get(action)
    if outcome is None:
        return
    if action in PENALTY_ACTIONS:
        # In the author's zone: the moderator's is active while they decide.
        outcome = outcome_phrase(action, suspension, case.post.author)
    if action in ACTIONS_WITH_A_POST_CHOICE and post_status in POST_AFTER_TOLD:
        outcome = f"{outcome}; {POST_AFTER_TOLD[PostStatus(post_status)]}"
    rule = rule or RULES.get(case.reason, RULES[CaseReason.FLAG_OTHER])
    title = case.post.topic.title
    message = f"Moderators {outcome} (“{title[:80]}”). Rule: {rule} See why, or appeal."
    if said:
        head = f"Moderators {outcome} (“{title[:60]}”). Rule: {rule} "
        tail = " See the full message, or appeal."
        room = max(0, NOTICE_MAX - len(head) - len(tail))
        said = said if len(said) <= room else said[: max(0, room - 1)].rstrip() + "…"
        message = f"{head}{said}{tail}"
    notify(
        recipient=case.post.author,
        kind=NotificationKind.MODERATION,
        message=message,
        url=_appeal_url(case),
        post_id=case.post_id,
    )


def resolve_case(
    *,
    case_id: int,
    moderator: User,
    action: str,
    reason: str,
    penalty: PenaltyEnd | None = None,
    post_after: str = "",
    rule: str = "",
) -> ModerationAction:
    """Resolve a case with exactly one action and a reason; escalating keeps it open for
    staff or another moderator. Warn, Suspend and Silence also say whether the post is
    published or hidden (`post_after`: "publish" or "hide"); Suspend and Silence need
    their `penalty` end (moderation.penalties.penalty_end). A `rule` (a canned reply's)
    replaces the case reason's rule, and the reason is then the author's message."""
    if action not in RESOLVING_ACTIONS:
        raise ValidationError({"action": "Choose one action."})
    if action in ACTIONS_WITH_A_POST_CHOICE and post_after not in POST_AFTER_CHOICES:
        raise ValidationError({"post_after": "Say whether the post is published or stays hidden."})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason for this action."})
    if action in PENALTY_ACTIONS and penalty is None:
        raise ValidationError(
            {"penalty_unit": "Say how long: hours, days, until, or indefinitely."}
        )
    with transaction.atomic():
        case = _active_case_for_moderator(case_id, moderator)
        if claim_holder_id(case) not in (None, moderator.pk) and not takes_over_claims(
            case, moderator
        ):
            raise ValidationError(f"{case.claimed_by} has claimed this case.")
        now = timezone.now()
        before, after = _apply_post_effect(case.post_id, action, post_after)
        suspension = None
        if action in PENALTY_ACTIONS and penalty is not None:
            suspension = standing.suspend(
                user=case.post.author,
                ends_at=penalty.ends_at,
                reason=reason,
                by=moderator,
                kind=KIND_FOR_ACTION[ActionKind(action)],
            )
        logged = _log(
            case=case,
            actor=moderator,
            action=action,
            reason=reason,
            before=before,
            after=after,
            suspension=suspension,
            rule=rule,
        )
        if case.first_action_at is None:
            case.first_action_at = now
        if action == ActionKind.ESCALATE:
            case.escalated_at = now
            case.claimed_by = None
            case.state = CaseState.OPEN
        else:
            case.state = CaseState.RESOLVED
            case.resolved_at = now
            case.resolved_by = moderator
            case.resolution = action
            # The decision ends the escalation (the log keeps it): an appeal or a reopening
            # of this case is not escalated, and its escalating moderator may decide it.
            case.escalated_at = None
        case.save()
        _notify_outcome(case, action, suspension, after, rule=rule, said=reason if rule else "")
    logger.info("case %s: %s by moderator %s", case.pk, action, moderator.pk)
    return logged


def flag_post(*, member: User, post: Post, reason: str, text: str = "") -> Flag:
    """A member's flag: one per member per post, and within MODERATION_FLAG_RATE_LIMIT."""
    text = text.strip()
    if reason not in FlagReason.values:
        raise ValidationError({"reason": "Choose why you are flagging this post."})
    if reason == FlagReason.OTHER and not text:
        raise ValidationError({"text": "Say briefly what is wrong."})
    if len(text) > 500:
        raise ValidationError({"text": "Keep it under 500 characters."})
    blocked = posting_block_reason(member)
    if blocked is not None:
        # Flags need the standing posting needs (issue 18 item 6): an unverified, expired,
        # revoked or suspended account cannot push a post up the moderators' queue.
        raise ValidationError(f"You cannot flag posts now. {strip_tags(str(blocked))}")
    if post.author_id == member.pk:
        raise ValidationError("You cannot flag your own post; edit or withdraw it instead.")
    if post.is_tombstone:
        raise ValidationError("This post is already removed.")
    case_reason = _FLAG_CASE_REASON[FlagReason(reason)]
    detail = FlagReason(reason).label + (f" — {text}" if text else "")
    with transaction.atomic():
        try:
            with transaction.atomic():
                flag = Flag.objects.create(post=post, member=member, reason=reason, text=text)
        except IntegrityError as exc:
            raise ValidationError("You have already flagged this post.") from exc
        # Counted once the flag is new (a repeated one costs nothing); past the limit the
        # flag is rolled back with the transaction. The count is one atomic increment, so
        # flags sent at once cannot all pass it.
        ratelimit.enforce(
            "flag",
            who=member.pk,
            spec=settings.MODERATION_FLAG_RATE_LIMIT,
            doing="flag",
            then="Moderators will see the flags you have already raised.",
        )
        locked_post = Post.objects.select_related("topic").get(pk=post.pk)
        case = open_or_merge_case(
            post=locked_post, reasons=[Reason(case_reason, detail)], flagged=True
        )
        Flag.objects.filter(pk=flag.pk).update(case=case)
        flag.case = case
        rank_flags(case)
    return flag


def rank_flags(case: Case) -> None:
    """Count only the flags of members who hold a current license now: flags raised by
    an account that has since lost its standing (expired, revoked, deactivated) neither
    raise the priority nor name the case (a privacy flag ranks second of all reasons).
    Call inside the transaction that holds the case's row."""
    flags = Flag.objects.filter(case=case)
    counted = flags.filter(member_id__in=current_license_holder_ids())
    uncounted = set(flags.values_list("reason", flat=True)) - set(
        counted.values_list("reason", flat=True)
    )
    case.flag_count = counted.count()
    _recompute(case)
    if uncounted:
        others = [
            reason_code(r)
            for r in case.reasons
            if reason_code(r) not in {_FLAG_CASE_REASON[FlagReason(u)] for u in uncounted}
        ]
        case.reason = primary_reason(others) if others else CaseReason.FLAG_OTHER
    case.save(update_fields=["flag_count", "priority", "reason", "updated_at"])


def rerank_flags_of(*, sender: object = None, user_id: int, **kwargs: object) -> None:
    """A member's standing changed (accounts.signals.standing_changed): the open cases
    they flagged are ranked again, so a flag stops (or starts again) counting at once."""
    case_ids = (
        Flag.objects.filter(member_id=user_id, case__state__in=ACTIVE_CASE_STATES)
        .values_list("case_id", flat=True)
        .distinct()
    )
    for case_id in list(case_ids):
        with transaction.atomic():
            case = (
                Case.objects.select_for_update()
                .filter(pk=case_id, state__in=ACTIVE_CASE_STATES)
                .first()
            )
            if case is not None:
                rank_flags(case)


def latest_outcome(case: Case) -> ModerationAction | None:
    return (
        case.actions.filter(action__in=RESOLVING_ACTIONS)
        .exclude(action=ActionKind.ESCALATE)
        .order_by("-created_at", "-id")
        .first()
    )


def appeal_case(*, author: User, case_id: int, text: str) -> Appeal:
    """The author asks for another look; the case reopens for a different moderator."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Say why the decision should change."})
    if len(text) > 2000:
        raise ValidationError({"text": "Keep the appeal under 2,000 characters."})
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("post").filter(pk=case_id).first()
        if case is None or case.post.author_id != author.pk:
            raise PermissionDenied("Only the post's author can appeal.")
        if case.state != CaseState.RESOLVED:
            raise ValidationError("This case is still under review.")
        outcome = latest_outcome(case)
        if outcome is None:
            raise ValidationError("There is no decision to appeal.")
        if outcome.action == ActionKind.APPROVE:
            raise ValidationError("Your post was approved: there is nothing to appeal.")
        # One appeal per case: the appeal's decision, by a second moderator, is final.
        if case.appeals.exists():
            raise ValidationError("You have already appealed this decision.")
        if (
            Case.objects.filter(post_id=case.post_id, state__in=ACTIVE_CASE_STATES)
            .exclude(pk=case.pk)
            .exists()
        ):
            raise ValidationError("This post is already under review again; wait for that.")
        appeal = Appeal.objects.create(case=case, author=author, action=outcome, text=text)
        case.state = CaseState.APPEALED
        case.excluded_moderator_id = outcome.actor_id
        case.claimed_by = None
        case.claimed_at = None
        case.resolved_at = None
        case.resolution = ""
        reason = str(Reason(CaseReason.APPEAL, text[:200]))
        if reason not in case.reasons:
            case.reasons.append(reason)
        _recompute(case)
        # Logged first: the database lets a resolved case reopen only after the log says
        # why (moderation migration 0006).
        _log(case=case, actor=author, action=ActionKind.APPEAL, reason=text)
        case.save()
    return appeal


def reopen_case(*, case_id: int, staff: User, reason: str) -> Case:
    """Staff reopen a resolved case (for example after a complaint)."""
    if not is_staff_moderator(staff):
        raise PermissionDenied("Only staff reopen cases.")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason for reopening."})
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case_id)
        if case.state != CaseState.RESOLVED:
            raise ValidationError("This case is not resolved.")
        if Case.objects.filter(post_id=case.post_id, state__in=ACTIVE_CASE_STATES).exists():
            raise ValidationError("The post already has an open case.")
        case.state = CaseState.OPEN
        case.resolved_at = None
        case.resolution = ""
        case.claimed_by = None
        _log(case=case, actor=staff, action=ActionKind.REOPEN, reason=reason)
        case.save()
    return case


def note_edit_passed(*, case: Case, revision_number: int) -> None:
    """An edit of a post under review passed screening: say so in the case."""
    note = str(Reason("edited", f"revision {revision_number} passed screening"))
    if note not in case.reasons:
        case.reasons.append(note)
        _recompute(case)  # a held post published by its edit: readers no longer wait
        case.save(update_fields=["reasons", "reason", "priority", "updated_at"])


# What a case says when its post's pictures were read again (moderation/picture_rereading.py).
PICTURES_READ = {
    "publish": "the pictures were read again and nothing held the post: it is published",
    "queue": "the pictures were read again: the post is published, for review",
    "hold": "the pictures were read again and the post stays held (see the screening)",
    "unreadable": "the pictures were tried again and still could not be read",
}


def note_pictures_read(*, post_id: int, action: str, screening_result: ScreeningResult) -> None:
    """A post held because its pictures could not be read was screened again once they
    were: say so in its case, which shows that screening (and what the pictures said) now.
    Call inside the transaction that stored the screening."""
    case = (
        Case.objects.select_for_update()
        .filter(post_id=post_id, state__in=ACTIVE_CASE_STATES)
        .first()
    )
    if case is None:
        return
    note = str(Reason("pictures_read", PICTURES_READ.get(action, action)))
    if note not in case.reasons:
        case.reasons.append(note)
    case.screening_result = screening_result
    _recompute(case)  # a held post published: readers no longer wait
    case.save(update_fields=["reasons", "reason", "priority", "screening_result", "updated_at"])
