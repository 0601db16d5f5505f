"""Screening a revision: detectors, policy, then the post's fate and its case, atomically.

Idempotent by construction: the ScreeningResult row (unique per revision and
model version) is created in the same transaction that applies the decision,
so a duplicated, retried or redelivered task finds the row and does nothing.
A worker killed mid-way rolls the whole transaction back and the redelivery
(or the sweep) screens the revision from scratch.
"""

from __future__ import annotations

import logging
import time

from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Exists, OuterRef

from forum import notifications
from forum.choices import NotificationKind, PostStatus
from forum.models import Post, Revision
from forum.posting import post_publish, post_set_status
from moderation import cases
from moderation.models import ACTIVE_CASE_STATES, Case, ScreeningFailure, ScreeningResult
from moderation.policy import IDENTIFIERS, Decision, decide
from moderation.screen import ScreenReport, screen_text

logger = logging.getLogger(__name__)

SWEEP_LIMIT = 2000
TRANSIENT_DB_ERRORS = (OperationalError, InterfaceError)

# Posts whose new revision screening can make visible.
_REVIEWABLE = (PostStatus.PENDING, PostStatus.HELD, PostStatus.NEEDS_EDIT)
# Statuses a hold can take a post out of.
_HOLDABLE = (PostStatus.PENDING, PostStatus.PUBLISHED, PostStatus.NEEDS_EDIT)
# Not screened now: scheduled posts are screened when released; the rest are gone.
_SKIP = (PostStatus.SCHEDULED, PostStatus.CANCELLED, PostStatus.WITHDRAWN, PostStatus.REMOVED)


def screened_text(revision: Revision, title: str = "") -> str:
    """What the detectors read: a first post's title, a blank line, then the body.

    Identifier spans in a ScreeningResult are offsets into this text.
    """
    return f"{title}\n\n{revision.body}" if title else revision.body


def _first_posts_rule(post: Post) -> bool:
    limit = post.topic.group.queue_first_posts
    if not limit:
        return False
    earlier = (
        Post.objects.filter(author_id=post.author_id, topic__group_id=post.topic.group_id)
        .filter(pk__lt=post.pk)
        .exclude(status__in=[PostStatus.SCHEDULED, PostStatus.CANCELLED])
        .count()
    )
    return earlier < limit


def _identifier_rows(report: ScreenReport) -> list[dict[str, object]]:
    return [{"kind": s.kind, "start": s.start, "end": s.end} for s in report.identifiers]


def screen_revision(*, revision_id: int) -> str:
    """Screen one revision once; returns what happened (for logs and tests)."""
    return screen_revisions([revision_id])[revision_id]


def screen_revisions(revision_ids: list[int], *, own: int | None = None) -> dict[int, str]:
    """Screen many revisions with one fetch and one commit; returns what happened to each.

    Each revision gets its own savepoint, so one revision's non-transient error does not
    sink the batch (it is left unscreened for its own task, or raised when it is `own`,
    the revision the running task was sent for). Transient errors roll the batch back and
    propagate, so the task retries; nothing is half-applied.
    """
    ids = list(dict.fromkeys(int(r) for r in revision_ids))
    outcomes: dict[int, str] = {}
    revisions = {
        r.pk: r
        for r in Revision.objects.select_related("post__topic__group", "post__author").filter(
            pk__in=ids
        )
    }
    prepared: list[tuple[Revision, ScreenReport, Decision, float]] = []
    for revision_id in ids:
        revision = revisions.get(revision_id)
        if revision is None:
            logger.warning("screening: revision %s does not exist", revision_id)
            outcomes[revision_id] = "missing"
            continue
        post = revision.post
        if post.current_revision_id != revision.pk:
            outcomes[revision_id] = "superseded"
            continue
        if post.status in _SKIP:
            outcomes[revision_id] = "skipped"
            continue
        title = post.topic.title if post.is_first_post else ""
        started = time.perf_counter()
        report = screen_text(screened_text(revision, title), revision.trigger_warnings)
        decision = decide(
            report,
            first_posts_rule=revision.number == 1 and _first_posts_rule(post),
        )
        if post.identifiers_confirmed_by_author and decision.action != "hold":
            # The author's privacy check flagged this post and they confirmed it identifies
            # no one (forum/nudges.py): a moderator decides, whatever the detectors say.
            decision = Decision(
                "hold",
                [f"{IDENTIFIERS}: the author confirmed flagged text identifies no one"]
                + decision.reasons,
            )
        prepared.append((revision, report, decision, (time.perf_counter() - started) * 1000))
    if not prepared:
        return outcomes
    single = len(prepared) == 1
    with transaction.atomic():
        for revision, report, decision, duration_ms in prepared:
            if single:
                outcomes[revision.pk] = _store(revision, report, decision, duration_ms)
                continue
            try:
                with transaction.atomic():
                    outcomes[revision.pk] = _store(revision, report, decision, duration_ms)
            except TRANSIENT_DB_ERRORS:
                raise
            except Exception:
                if revision.pk == own:
                    raise
                logger.exception("screening: revision %s left for its own task", revision.pk)
                outcomes[revision.pk] = "deferred"
    return outcomes


def _store(revision: Revision, report: ScreenReport, decision: Decision, duration_ms: float) -> str:
    # Serialise with edits and moderator actions on the same post.
    locked = Post.objects.select_for_update().select_related("topic").get(pk=revision.post_id)
    if locked.current_revision_id != revision.pk:
        return "superseded"
    result, created = ScreeningResult.objects.get_or_create(
        revision=revision,
        model_version=report.model_version,
        defaults={
            "incivility": report.incivility,
            "drivers": [[word, weight] for word, weight in report.drivers],
            "identifiers": _identifier_rows(report),
            "warnings_called_for": report.warnings_called_for,
            "missing_warnings": report.missing_warnings or [],
            "decision": decision.action,
            "reasons": decision.reasons,
            "duration_ms": duration_ms,
        },
    )
    if not created:
        return "duplicate"
    _apply(locked, revision, result, decision)
    return decision.action


def _apply(post: Post, revision: Revision, result: ScreeningResult, decision: Decision) -> None:
    active_case = Case.objects.filter(post=post, state__in=ACTIVE_CASE_STATES).first()
    if decision.action == "hold":
        if post.status in _HOLDABLE:
            post_set_status(post_id=post.pk, status=PostStatus.HELD)
            _tell_author_held(post, decision)
    elif post.status in _REVIEWABLE:
        post_publish(post_id=post.pk)
        if active_case is not None and revision.number > 1:
            cases.note_edit_passed(case=active_case, revision_number=revision.number)
    if decision.needs_review:
        reasons = [
            f"{cases.case_reason_for_policy_code(cases.reason_code(r))}: "
            f"{r.split(':', 1)[1].strip() if ':' in r else r}"
            for r in decision.reasons
        ]
        cases.open_or_merge_case(post=post, reasons=reasons, screening_result=result)


def _tell_author_held(post: Post, decision: Decision) -> None:
    codes = set(decision.codes)
    if "identifiers" in codes:
        why = "it may contain patient identifiers; edit them out or wait for a moderator"
    else:
        why = "its tone needs a moderator's look before others see it"
    notifications.notify(
        recipient=post.author,
        kind=NotificationKind.MODERATION,
        message=f"Your post in “{post.topic.title[:80]}” is awaiting review: {why}.",
        url=post.get_absolute_url(),
        post=post,
    )


def unscreened_revision_ids(limit: int = SWEEP_LIMIT) -> list[int]:
    """Current revisions left unscreened: pending posts without a result for the deployed
    model, and posts under review whose current revision has no result at all."""
    from moderation.detectors import incivility

    version = incivility.model_version()
    has_current = ScreeningResult.objects.filter(
        revision_id=OuterRef("current_revision_id"), model_version=version
    )
    has_any = ScreeningResult.objects.filter(revision_id=OuterRef("current_revision_id"))
    pending = Post.objects.filter(status=PostStatus.PENDING, current_revision__isnull=False).filter(
        ~Exists(has_current)
    )
    edited = Post.objects.filter(
        status__in=[PostStatus.PUBLISHED, PostStatus.HELD, PostStatus.NEEDS_EDIT],
        revision_count__gt=1,
    ).filter(~Exists(has_any))
    ids = list(pending.order_by("pk").values_list("current_revision_id", flat=True)[:limit])
    if len(ids) < limit:
        ids += list(
            edited.order_by("pk").values_list("current_revision_id", flat=True)[: limit - len(ids)]
        )
    return ids


def sweep_unscreened() -> int:
    """Enqueue every revision left unscreened (the broker was down, a task was lost).
    Runs every minute from beat; duplicates are harmless (the task is idempotent)."""
    from moderation.pipeline import enqueue_screening

    ids = unscreened_revision_ids()
    for revision_id in ids:
        enqueue_screening(revision_id)
    if ids:
        logger.info("sweep: enqueued %d unscreened revisions", len(ids))
    return len(ids)


def record_failure(*, revision_id: int, task_id: str, attempts: int, error: str) -> None:
    if not Revision.objects.filter(pk=revision_id).exists():
        return
    ScreeningFailure.objects.create(
        revision_id=revision_id, task_id=task_id or "", attempts=attempts, error=error[:4000]
    )
    logger.error(
        "screening failed for good: revision %s task %s after %s attempts: %s",
        revision_id,
        task_id,
        attempts,
        error,
    )
