"""The moderation queue at a glance (issue 21 item 1): what each row says and how the
queue narrows.

A case's priority is an integer built for ordering (moderation.cases.priority_for:
1,000,000 for identifiers, then threats, posts held until a decision, the score and the
flags); moderators read it here as
words with a colour instead. Whether the post is hidden now or already public comes from
the post's status. The filters and the post-text search are thin querysets over what
moderation.access.cases_for_moderator already scoped, so no row outside the moderator's
groups can appear.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import admin
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString

from detectors.policy import thresholds
from forum.choices import PostStatus
from forum.search import MAX_QUERY_LENGTH, SEARCH_CONFIG, uses_postgres
from moderation.claims import live_claim_q
from moderation.models import Case, CaseReason


@dataclass(frozen=True)
class Badge:
    """Words a moderator reads, and the tone that colours them (a CSS class suffix)."""

    words: str
    tone: str  # "urgent", "high", "medium" or "low"
    detail: str = ""


def flags_words(count: int) -> str:
    return f"{count} flag" if count == 1 else f"{count} flags"


def priority_badge(case: Case, *, limits: tuple[float, float] | None = None) -> Badge:
    """The case's priority in words, strongest signal first as priority_for ranks them:
    patient identifiers, a threat (incivility at the hold threshold), an incivility
    score at the queue threshold, member flags, else why the case is in the queue (high
    when the post is held until a decision, as priority_for ranks it). The
    detail line adds the flags and the case's reason where the words do not say them.

    `limits`: the (queue, hold) incivility thresholds; by default those in force
    (detectors.policy.thresholds(), settings or the cached model artifact: no query)."""
    queue_at, hold_at = limits if limits is not None else thresholds()
    flags = flags_words(case.flag_count) if case.flag_count else ""
    reason = case.get_reason_display()

    def badge(words: str, tone: str, *said: str) -> Badge:
        detail = [flags] if flags and flags != words else []
        if reason != words and case.reason not in said:
            detail.append(reason)
        return Badge(words, tone, " · ".join(detail))

    score = f"{case.incivility:.2f}"
    if case.has_identifiers:
        return badge("Patient identifiers", "urgent", CaseReason.IDENTIFIERS)
    if case.incivility >= hold_at:
        return badge(f"Threat or abuse {score}", "urgent", CaseReason.INCIVILITY)
    if case.incivility >= queue_at:
        return badge(f"Incivility {score}", "high", CaseReason.INCIVILITY)
    # Held until a moderator decides (a newcomer's first post, say): readers wait for it.
    held = case.post.status == PostStatus.HELD
    if case.flag_count:
        return badge(flags, "high" if case.flag_count >= 3 or held else "medium")
    return badge(reason, "high" if held else "low")


# Hidden now: readers other than the author and the group's moderators do not see it.
HIDDEN_NOW = {
    PostStatus.PENDING: "awaiting screening",
    PostStatus.HELD: "held for review",
    PostStatus.NEEDS_EDIT: "until the author edits",
    PostStatus.HIDDEN: "hidden by a moderator",
    PostStatus.SCHEDULED: "scheduled, not posted",
    PostStatus.CANCELLED: "cancelled, never posted",
}
GONE = {
    PostStatus.REMOVED: "removed by a moderator",
    PostStatus.WITHDRAWN: "withdrawn by the author",
}


def visibility_badge(case: Case) -> Badge:
    """Whether readers see the post now: hidden (and why), already public, or gone."""
    post = case.post
    status = post.status
    if status in HIDDEN_NOW:
        return Badge("Hidden now", "held", HIDDEN_NOW[PostStatus(status)])
    if status in GONE:
        return Badge("Gone", "low", GONE[PostStatus(status)])
    if post.has_edit_in_screening:
        return Badge("Already public", "public", "an edit is held")
    return Badge("Already public", "public")


def badge_html(badge: Badge, *, kind: str) -> SafeString:
    """The badge's words in a coloured pill, its detail in small text beneath."""
    if badge.detail:
        return format_html(
            '<span class="mod-badge {}-{}">{}</span><small class="mod-badge-detail">{}</small>',
            kind,
            badge.tone,
            badge.words,
            badge.detail,
        )
    return format_html('<span class="mod-badge {}-{}">{}</span>', kind, badge.tone, badge.words)


class MinimumScoreFilter(admin.SimpleListFilter):
    """Cases whose incivility score reaches a minimum."""

    title = "minimum score"
    parameter_name = "score"
    MINIMUMS = ("0.5", "0.7", "0.9")

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(value, f"≥ {value}") for value in self.MINIMUMS]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Case]) -> QuerySet[Case]:
        # Anything else (a typed-in "abc" or "2") leaves the queue as it is.
        if self.value() in self.MINIMUMS:
            return queryset.filter(incivility__gte=float(self.value() or 0))
        return queryset


class ClaimFilter(admin.SimpleListFilter):
    title = "claimed"
    parameter_name = "claim"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [
            ("mine", "Claimed by me"),
            ("unclaimed", "Unclaimed"),
            ("others", "Claimed by others"),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Case]) -> QuerySet[Case]:
        # A lapsed claim is no claim (moderation.claims).
        value = self.value()
        live = live_claim_q()
        if value == "mine":
            return queryset.filter(live, claimed_by_id=request.user.pk)
        if value == "unclaimed":
            return queryset.exclude(live)
        if value == "others":
            return queryset.filter(live).exclude(claimed_by_id=request.user.pk)
        return queryset


def search_cases(cases: QuerySet[Case], term: str) -> QuerySet[Case]:
    """The cases (already scoped to the moderator) whose post text matches `term`.

    Moderators of a group may read its held posts, so this reads the revisions
    themselves rather than forum search's index (which holds published text only): the
    newest revision and the published one, word by word as substrings and, on
    PostgreSQL, as a full-text query ("prescribing" finds "prescribed"). One query,
    joined per case: no row outside `cases` can come back.
    """
    term = term.strip()[:MAX_QUERY_LENGTH]
    if not term:
        return cases
    bodies = ("post__current_revision__body", "post__published_revision__body")
    each_word = Q()
    for word in term.split():
        each_word &= Q(**{f"{bodies[0]}__icontains": word}) | Q(**{f"{bodies[1]}__icontains": word})
    if not uses_postgres():
        return cases.filter(each_word)
    query = SearchQuery(term, config=SEARCH_CONFIG, search_type="websearch")
    return cases.annotate(
        post_text=SearchVector(*bodies, config=SEARCH_CONFIG),
    ).filter(each_word | Q(post_text=query))


class QueueColumns:
    """The queue's columns and post-text search, mixed into CaseAdmin."""

    @admin.display(description="priority", ordering="priority")
    def priority_words(self, case: Case) -> SafeString:
        return badge_html(priority_badge(case), kind="priority")

    @admin.display(description="readers see", ordering="post__status")
    def post_visibility(self, case: Case) -> SafeString:
        return badge_html(visibility_badge(case), kind="seen")

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Case], search_term: str
    ) -> tuple[QuerySet[Case], bool]:
        """The title and author matches of the admin's search_fields, and the cases whose
        post text matches (search_cases); `queryset` is already the moderator's."""
        by_fields, may_have_duplicates = super().get_search_results(  # type: ignore[misc]
            request, queryset, search_term
        )
        if not search_term.strip():
            return by_fields, may_have_duplicates
        by_text = search_cases(queryset, search_term)
        return queryset.filter(
            Q(pk__in=by_fields.values("pk")) | Q(pk__in=by_text.values("pk"))
        ), False
