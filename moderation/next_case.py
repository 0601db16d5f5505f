"""The "next case" link on a case page: the queue's next case this moderator may decide."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import User
from moderation.access import cases_for_moderator, is_staff_moderator
from moderation.claims import live_claim_q
from moderation.models import ACTIVE_CASE_STATES, ActionKind, Case, ModerationAction

# The queue's own order (CaseAdmin.ordering, Case.Meta.ordering), made total by the id.
QUEUE_ORDER = ("-priority", "opened_at", "pk")


def decidable_cases(moderator: User) -> QuerySet[Case]:
    """Active cases in the moderator's groups that no rule keeps from them: not on their
    own post, not an appeal of their decision, not a case they escalated, not under
    someone else's live claim (staff take claims over)."""
    escalated_by_them = ModerationAction.objects.filter(
        case=OuterRef("pk"),
        action=ActionKind.ESCALATE,
        actor=moderator,
        created_at__gte=OuterRef("escalated_at"),
    )
    queryset = (
        cases_for_moderator(moderator)
        .filter(state__in=ACTIVE_CASE_STATES)
        .exclude(post__author=moderator)
        .exclude(excluded_moderator=moderator)
        .exclude(Q(escalated_at__isnull=False) & Exists(escalated_by_them))
    )
    if not is_staff_moderator(moderator):
        queryset = queryset.exclude(live_claim_q() & ~Q(claimed_by=moderator))
    return queryset


def next_case_for(moderator: User, *, after: Case) -> Case | None:
    """The case after `after` in the queue's order that this moderator may decide; from the
    top again when `after` was the last; None when no other case waits for them."""
    others = decidable_cases(moderator).exclude(pk=after.pk).order_by(*QUEUE_ORDER)
    later = others.filter(
        Q(priority__lt=after.priority)
        | Q(priority=after.priority, opened_at__gt=after.opened_at)
        | Q(priority=after.priority, opened_at=after.opened_at, pk__gt=after.pk)
    )
    return later.first() or others.first()
