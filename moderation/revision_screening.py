"""Screening stored revisions: the detectors (detectors.screen, pure) and the policy over
each, then, atomically, its ScreeningResult, the post's fate and its moderation case.

What the detectors read is the title, the body and the text Tesseract read in each
picture the revision shows (forum/picture_text.py, read here, in the worker, before the
transaction): an identifier, an uncivil word or a warning's subject inside a picture
counts like one in the text, and the result's identifier rows name the picture
("picture": its key). A picture whose text could not be read holds the revision for a
moderator (detectors.policy, PICTURE_UNREAD).

Idempotent by construction: the ScreeningResult row (unique per revision and
model version) is created in the same transaction that applies the decision,
so a duplicated, retried or redelivered task finds the row and does nothing.
A worker killed mid-way rolls the whole transaction back and the redelivery
(or the sweep) screens the revision from scratch.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Count, Exists, F, Max, Min, OuterRef, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from detectors import incivility
from detectors.identifiers.answers import review_answers
from detectors.policy import (
    FIRST_POST,
    IDENTIFIERS,
    MISSING_WARNING,
    PICTURE_UNREAD,
    PICTURE_UNREAD_TEXT,
    Decision,
    Reason,
    decide,
)
from detectors.screen import ScreenReport, screen_many
from forum import added_warnings, picture_text
from forum.choices import PostStatus, TriggerWarning
from forum.models import Post, Revision
from forum.posting import (
    post_publish,
    post_set_status,
    publish_locked_posts,
    publish_screened_edit,
)
from forum.rendering import mask_image_urls
from moderation import cases
from moderation.models import ACTIVE_CASE_STATES, Case, ScreeningFailure, ScreeningResult
from notifications.choices import NotificationKind
from notifications.delivery import notify

logger = logging.getLogger(__name__)

SWEEP_LIMIT = 2000
TRANSIENT_DB_ERRORS = (OperationalError, InterfaceError)

# Posts whose new revision screening can make visible.
_REVIEWABLE = (PostStatus.PENDING, PostStatus.HELD, PostStatus.NEEDS_EDIT)
# Statuses a hold can take a post out of.
_HOLDABLE = (PostStatus.PENDING, PostStatus.PUBLISHED, PostStatus.NEEDS_EDIT)
# Not screened now: scheduled posts are screened when released; the rest are gone.
_SKIP = (PostStatus.SCHEDULED, PostStatus.CANCELLED, PostStatus.WITHDRAWN, PostStatus.REMOVED)

# Between the post's text and each picture's: a paragraph break the detectors read as one.
PICTURE_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Part:
    """A stretch of the screened text: the post's own words (picture None) or the text
    read in one picture; [start, end) are offsets into screened_text."""

    start: int
    end: int
    picture: picture_text.Shown | None = None


def screened_parts(
    revision: Revision, title: str = "", pictures: Sequence[picture_text.Shown] = ()
) -> tuple[str, list[Part]]:
    """What the detectors read, and where each part of it comes from: a first post's
    title, a blank line, the body, then the text read in each picture (in the body's
    order), a blank line before each. The post's own words keep their offsets whatever
    the pictures say."""
    # Image URLs are blanked to spaces of the same length (offsets stay the body's): the
    # detectors read a picture's description, which is part of the body, not its random key.
    body = mask_image_urls(revision.body)
    text = f"{title}\n\n{body}" if title else body
    parts = [Part(0, len(text))]
    for shown in picture_text.with_text(pictures):
        start = len(text) + len(PICTURE_SEPARATOR)
        text = f"{text}{PICTURE_SEPARATOR}{shown.image.text}"
        parts.append(Part(start, len(text), shown))
    return text, parts


def screened_text(
    revision: Revision, title: str = "", pictures: Sequence[picture_text.Shown] = ()
) -> str:
    """What the detectors read (screened_parts). Identifier spans in a ScreeningResult are
    offsets into this text."""
    return screened_parts(revision, title, pictures)[0]


# A revision ready to store: its detectors' report, the decision, their time in ms, and
# where each part of the text they read came from.
Prepared = tuple[Revision, ScreenReport, Decision, float, list[Part]]


def part_of(parts: Sequence[Part], start: int) -> Part | None:
    for part in parts:
        if part.start <= start < part.end:
            return part
    return None


def _first_posts_held(posts: list[Post]) -> set[int]:
    """The posts among these that their group's pre-approval ("hold the first N posts")
    rule applies to: fewer than N earlier posts by the same author in the same group
    (scheduled and cancelled ones do not count). One query for the whole batch."""
    asked = [post for post in posts if post.topic.group.queue_first_posts]
    if not asked:
        return set()
    most = max(post.topic.group.queue_first_posts for post in asked)
    # The first `most` counted posts of each (author, group) pair, by id.
    firsts = (
        Post.objects.filter(
            author_id__in={post.author_id for post in asked},
            topic__group_id__in={post.topic.group_id for post in asked},
        )
        .exclude(status__in=[PostStatus.SCHEDULED, PostStatus.CANCELLED])
        .annotate(
            rank=Window(
                RowNumber(), partition_by=[F("author_id"), F("topic__group_id")], order_by="pk"
            )
        )
        .filter(rank__lte=most)
        .values_list("author_id", "topic__group_id", "pk")
    )
    earlier: dict[tuple[int, int], list[int]] = {}
    for author_id, group_id, pk in firsts:
        earlier.setdefault((author_id, group_id), []).append(pk)
    held = set()
    for post in asked:
        before = earlier.get((post.author_id, post.topic.group_id), [])
        if sum(1 for pk in before if pk < post.pk) < post.topic.group.queue_first_posts:
            held.add(post.pk)
    return held


def _identifier_rows(report: ScreenReport, parts: Sequence[Part]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for span in report.identifiers:
        row: dict[str, object] = {"kind": span.kind, "start": span.start, "end": span.end}
        part = part_of(parts, span.start)
        if part is not None and part.picture is not None:
            row["picture"] = str(part.picture.image.key)  # found in the picture's text
        rows.append(row)
    return rows


def screen_revision(*, revision_id: int) -> str:
    """Screen one revision once; returns what happened (for logs and tests)."""
    return screen_revisions([revision_id])[revision_id]


def screen_revisions(
    revision_ids: list[int], *, own: int | None = None, reread: bool = False
) -> dict[int, str]:
    """Screen many revisions with one fetch and one commit; returns what happened to each.

    `reread`: screen again revisions held only because a picture could not be read, once
    their pictures are read (moderation/picture_rereading.py). Each is stored on its own
    as a numbered result beside the first; one no longer held that way is "duplicate".

    A batch is stored with set operations (one lock, one insert, one publish for all the
    posts that simply pass). If that fails for a reason other than a lost connection,
    it is rolled back and each revision gets its own savepoint, so one revision's error
    does not sink the others (it is left unscreened for its own task, or raised when it
    is `own`, the revision the running task was sent for). Transient errors roll the
    batch back and propagate, so the task retries; nothing is half-applied.
    """
    ids = list(dict.fromkeys(int(r) for r in revision_ids))
    outcomes: dict[int, str] = {}
    revisions = {
        r.pk: r
        for r in Revision.objects.select_related(
            "post__topic__group",
            "post__topic__author",
            "post__author",
            "post__reply_to__author",
        )
        # Read by neither the detectors nor publishing: the rendered body and the post's
        # search columns are most of each row's bytes.
        .defer("body_html", "post__search_text", "post__search_vector")
        .filter(pk__in=ids)
    }
    waiting: list[Revision] = []
    for revision_id in ids:
        revision = revisions.get(revision_id)
        if revision is None:
            logger.warning("screening: revision %s does not exist", revision_id)
            outcomes[revision_id] = "missing"
        elif revision.post.status in _SKIP:
            outcomes[revision_id] = "skipped"
        else:
            # A superseded revision is screened too (issue 18 item 2): it never becomes
            # what readers see, but its result is kept and what it holds opens a case.
            waiting.append(revision)
    # Not only first revisions: an edit of a post still awaiting approval must not publish
    # it past the group's pre-approval.
    first_posts = _first_posts_held([r.post for r in waiting if r.post.status in _REVIEWABLE])
    pictures = picture_text.pictures_of(waiting)
    waiting = _read_pictures(waiting, pictures, own, outcomes)
    prepared = _prepare(waiting, first_posts, pictures)
    if not prepared:
        return outcomes
    with transaction.atomic():
        if reread:
            for item in prepared:
                outcomes[item[0].pk] = _store(*item, reread=True)
            return outcomes
        if len(prepared) > 1:
            try:
                with transaction.atomic():
                    outcomes.update(_store_batch(prepared))
                return outcomes
            except TRANSIENT_DB_ERRORS:
                raise
            except Exception:
                logger.exception("screening: batch failed; storing its revisions one by one")
        for item in prepared:
            revision = item[0]
            if len(prepared) == 1:
                outcomes[revision.pk] = _store(*item)
                continue
            try:
                with transaction.atomic():
                    outcomes[revision.pk] = _store(*item)
            except TRANSIENT_DB_ERRORS:
                raise
            except Exception:
                if revision.pk == own:
                    raise
                logger.exception("screening: revision %s left for its own task", revision.pk)
                outcomes[revision.pk] = "deferred"
    return outcomes


def _read_pictures(
    waiting: list[Revision],
    pictures: dict[int, list[picture_text.Shown]],
    own: int | None,
    outcomes: dict[int, str],
) -> list[Revision]:
    """Read the pictures of these revisions not read yet (Tesseract, outside any
    transaction; each reading is kept at once, so a retry does not read it again). The
    pictures of `own` (or of every revision, without one) are read until the task has spent
    picture_text.TASK_BUDGET_SECONDS (those left unread then hold the revision); a
    neighbour's only while the batch has spent less than BATCH_BUDGET_SECONDS on reading,
    else it is left "deferred" for its own task. Returns the revisions to screen now."""
    started = time.monotonic()
    ready: list[Revision] = []
    for revision in sorted(waiting, key=lambda r: r.pk != own):
        unread = picture_text.unread(pictures.get(revision.pk, []))
        if (
            unread
            and own is not None
            and revision.pk != own
            and time.monotonic() - started >= picture_text.BATCH_BUDGET_SECONDS
        ):
            outcomes[revision.pk] = "deferred"
            continue
        for shown in unread:
            if time.monotonic() - started >= picture_text.TASK_BUDGET_SECONDS:
                # Left unread: the revision is held like one with a picture that failed
                # (a task must end well within the broker's visibility timeout).
                break
            picture_text.read_image(shown.image)
        ready.append(revision)
    order = {revision.pk: n for n, revision in enumerate(waiting)}
    return sorted(ready, key=lambda r: order[r.pk])


def _picture_reasons(
    report: ScreenReport, decision: Decision, parts: Sequence[Part]
) -> list[Reason]:
    """Where identifiers that hold the post were found in a picture's text: one reason per
    picture, so the case says which picture."""
    cleared = set(decision.cleared_identifiers)
    kinds: dict[int, set[str]] = {}
    for span in report.identifiers:
        part = part_of(parts, span.start)
        if part is None or part.picture is None or span.key in cleared:
            continue
        kinds.setdefault(parts.index(part), set()).add(span.kind)
    return [
        Reason(
            IDENTIFIERS,
            f"in the text read from the picture “{parts[n].picture.description}”: "  # type: ignore[union-attr]
            + ", ".join(sorted(found)),
        )
        for n, found in sorted(kinds.items())
    ]


def _prepare(
    revisions: list[Revision],
    first_posts: set[int],
    pictures: dict[int, list[picture_text.Shown]] | None = None,
) -> list[Prepared]:
    """Run the detectors over the revisions in one vectorised pass, then the policy over
    each (no database). Each revision is charged an equal share of the detectors' time."""
    started = time.perf_counter()
    pictures = pictures or {}
    screened = [
        screened_parts(
            r, r.post.topic.title if r.post.is_first_post else "", pictures.get(r.pk, [])
        )
        for r in revisions
    ]
    texts = [text for text, _parts in screened]
    reports = screen_many(
        [(text, r.trigger_warnings) for text, r in zip(texts, revisions, strict=True)],
        drivers=True,
    )
    share_ms = (time.perf_counter() - started) * 1000 / max(len(revisions), 1)
    prepared = []
    for revision, (text, parts), report in zip(revisions, screened, reports, strict=True):
        post = revision.post
        # The author's answers about detected names (a colleague, not a client), recorded
        # on the revision itself: no query per revision (issue 22.8).
        review = review_answers(text, report.identifiers, revision.identifier_answers)
        decision = decide(
            report,
            first_posts_rule=post.pk in first_posts,
            cleared=review.honoured,
            unread_pictures=[
                shown.description for shown in picture_text.not_read(pictures.get(revision.pk, []))
            ],
        )
        from_pictures = _picture_reasons(report, decision, parts)
        if from_pictures:
            decision = replace(decision, reasons=decision.reasons + from_pictures)
        if review.refused:
            # An answer the rules do not honour: normal screening, and the moderator is told.
            refused = sorted(set(review.refused.values()))
            decision = replace(
                decision,
                reasons=decision.reasons
                + [Reason(IDENTIFIERS, "the author's answers not honoured: " + "; ".join(refused))],
            )
        if post.identifiers_confirmed_by_author and decision.action != "hold":
            # The author's privacy check flagged this post and they confirmed it to be posted
            # with identifiers their answers do not clear (forum/nudges.py): a moderator
            # decides, whatever the detectors say.
            decision = Decision(
                "hold",
                [
                    Reason(
                        IDENTIFIERS,
                        "the author posted text the privacy check flagged (see their answers)",
                    )
                ]
                + decision.reasons,
                collapse_warnings=decision.collapse_warnings,
                cleared_identifiers=decision.cleared_identifiers,
            )
        prepared.append((revision, report, decision, share_ms, parts))
    return prepared


def _result(
    revision: Revision,
    report: ScreenReport,
    decision: Decision,
    duration_ms: float,
    parts: Sequence[Part] = (),
) -> ScreeningResult:
    return ScreeningResult(
        revision=revision,
        model_version=report.model_version,
        incivility=report.incivility,
        drivers=[[word, weight] for word, weight in report.drivers],
        identifiers=_identifier_rows(report, parts),
        warnings_called_for=report.warnings_called_for,
        missing_warnings=report.missing_warnings or [],
        decision=decision.action,
        reasons=decision.texts,
        duration_ms=duration_ms,
    )


def held_for_pictures_only(result: ScreeningResult) -> bool:
    """The result held its revision for no reason but pictures that could not be read."""
    return (
        result.decision == "hold"
        and bool(result.reasons)
        and all(Reason.from_text(text).code == PICTURE_UNREAD for text in result.reasons)
    )


def _store(
    revision: Revision,
    report: ScreenReport,
    decision: Decision,
    duration_ms: float,
    parts: Sequence[Part] = (),
    *,
    reread: bool = False,
) -> str:
    # Serialise with edits and moderator actions on the same post.
    locked = Post.objects.select_for_update().select_related("topic").get(pk=revision.post_id)
    same = ScreeningResult.objects.filter(revision=revision, model_version=report.model_version)
    number = 0
    if reread:
        # Only while the post is still held for its pictures alone (a second run, or one
        # racing a moderator's decision, finds it otherwise and does nothing).
        latest = (
            ScreeningResult.objects.filter(revision=revision).order_by("-created_at", "-pk").first()
        )
        if (
            latest is None
            or not held_for_pictures_only(latest)
            or locked.status != PostStatus.HELD
            or locked.current_revision_id != revision.pk
        ):
            return "duplicate"
        highest = same.aggregate(highest=Max("reread"))["highest"]
        number = 0 if highest is None else highest + 1
    elif same.exists():
        return "duplicate"
    result = _result(revision, report, decision, duration_ms, parts)
    result.reread = number
    result.save(force_insert=True)
    if locked.current_revision_id != revision.pk:
        _apply_superseded(locked, result, decision)
        return "superseded"
    _collapse(locked, revision, report, decision)
    _apply(locked, revision, result, decision)
    if reread:
        again = "unreadable" if held_for_pictures_only(result) else decision.action
        cases.note_pictures_read(post_id=locked.pk, action=again, screening_result=result)
        return again
    return decision.action


def _collapse(post: Post, revision: Revision, report: ScreenReport, decision: Decision) -> None:
    """A warning the text calls for that its author did not declare: readers see the post
    collapsed behind it from the moment it is published (issue 20.2), in this transaction.
    A held post is collapsed too, for when a moderator approves it."""
    if decision.collapse_warnings:
        added_warnings.add_warnings(
            post=post,
            warnings=decision.collapse_warnings,
            by=added_warnings.SCREENING,
            revision=revision,
            confidence=report.warning_confidence,
            held=decision.action == "hold",
            tell=decision.action != "hold",
        )


def _apply_superseded(post: Post, result: ScreeningResult, decision: Decision) -> None:
    """A revision replaced before it was screened: the post's fate is its newer revision's
    to decide, but what screening found here goes to the post's case for a moderator (who
    may redact it). Its author and moderators are the only ones who ever saw it."""
    if decision.needs_review:
        cases.open_or_merge_case(
            post=post, reasons=_case_reasons(decision), screening_result=result
        )


def _store_batch(prepared: list[Prepared]) -> dict[int, str]:
    """_store for many revisions at once: lock their posts in one statement (in id order),
    one query for results already stored, one insert, one for the new cases and one
    publish for every post that passes or is queued. Holds, and posts that already have
    an active case (their case is merged, an edit noted), take _apply, one by one."""
    outcomes: dict[int, str] = {}
    locked = {
        pk: (current, status, added)
        for pk, current, status, added in Post.objects.select_for_update()
        .filter(pk__in={item[0].post_id for item in prepared})
        .order_by("pk")
        .values_list("pk", "current_revision_id", "status", "added_warnings")
    }
    live: list[Prepared] = []
    superseded: list[Prepared] = []
    for item in prepared:
        revision = item[0]
        current, status, added = locked.get(revision.post_id, (None, None, []))
        if current != revision.pk:
            superseded.append(item)
            continue
        revision.post.status = status  # as locked, not as first read
        revision.post.added_warnings = added
        live.append(item)
    for item in superseded:  # rare (two edits in quick succession): one by one
        outcomes[item[0].pk] = _store(*item)
    stored = set(
        ScreeningResult.objects.filter(revision_id__in=[item[0].pk for item in live]).values_list(
            "revision_id", "model_version"
        )
    )
    fresh = [item for item in live if (item[0].pk, item[1].model_version) not in stored]
    outcomes.update({item[0].pk: "duplicate" for item in live if item not in fresh})
    results = ScreeningResult.objects.bulk_create([_result(*item) for item in fresh])
    under_review = set(
        Case.objects.filter(
            post_id__in=[item[0].post_id for item in fresh], state__in=ACTIVE_CASE_STATES
        ).values_list("post_id", flat=True)
    )
    to_publish: list[Post] = []
    to_open: list[tuple[Post, list[Reason], ScreeningResult]] = []
    # Collapsed behind the warnings their authors did not declare before anyone reads them.
    added_warnings.add_screening_warnings_many(
        [
            (
                revision.post,
                revision,
                decision.collapse_warnings,
                report.warning_confidence,
                decision.action == "hold",
            )
            for revision, report, decision, _ms, _parts in fresh
            if decision.collapse_warnings
        ]
    )
    for (revision, _report, decision, _ms, _parts), result in zip(fresh, results, strict=True):
        outcomes[revision.pk] = decision.action
        post = revision.post
        if decision.action == "hold" or post.pk in under_review:
            _apply(post, revision, result, decision)
            continue
        if post.status in _REVIEWABLE:
            post.current_revision = revision  # as locked
            to_publish.append(post)
        elif post.status == PostStatus.PUBLISHED:  # an edit of a post readers see
            post.current_revision = revision  # as locked
            publish_screened_edit(post=post, revision=revision)
        if decision.needs_review:
            to_open.append((post, _case_reasons(decision), result))
    if to_open:
        cases.open_cases(to_open)
    if to_publish:
        # Locked above, their status read under the lock, and loaded with what publishing
        # reads: no second fetch.
        publish_locked_posts(to_publish)
    return outcomes


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
    elif post.status == PostStatus.PUBLISHED:
        # An edit of a post readers see: they see it now, and not before (issue 18 item 3).
        locked = Post.objects.select_related("topic").get(pk=post.pk)
        publish_screened_edit(post=locked, revision=revision)
        if active_case is not None and revision.number > 1:
            cases.note_edit_passed(case=active_case, revision_number=revision.number)
    if decision.needs_review:
        cases.open_or_merge_case(
            post=post, reasons=_case_reasons(decision), screening_result=result
        )


def _case_reasons(decision: Decision) -> list[Reason]:
    """The policy's reasons under the case reasons they open in the queue."""
    return [
        Reason(cases.case_reason_for_policy_code(reason.code), reason.detail)
        for reason in decision.reasons
    ]


def _tell_author_held(post: Post, decision: Decision) -> None:
    codes = set(decision.codes)
    in_picture = any(
        reason.code == IDENTIFIERS and reason.detail.startswith("in the text read from the picture")
        for reason in decision.reasons
    )
    if "identifiers" in codes and in_picture:
        why = (
            "a picture in it may show patient identifiers (we read the text in pictures); "
            "replace the picture or wait for a moderator"
        )
    elif "identifiers" in codes:
        why = "it may contain patient identifiers; edit them out or wait for a moderator"
    elif PICTURE_UNREAD in codes:
        why = f"{PICTURE_UNREAD_TEXT}, so a moderator checks what it shows before others see it"
    elif MISSING_WARNING in codes and not codes & {"incivility", FIRST_POST}:
        labels = ", ".join(
            TriggerWarning(w).label
            for w in decision.collapse_warnings
            if w in TriggerWarning.values
        )
        why = (
            f"it seems to call for a content warning you did not declare ({labels}); "
            "a moderator publishes it collapsed behind the warning, or edit it to add it"
        )
    elif codes == {FIRST_POST}:
        why = "this group's moderators approve a member's first posts before others see them"
    else:
        why = "its tone needs a moderator's look before others see it"
    notify(
        recipient=post.author,
        kind=NotificationKind.MODERATION,
        message=f"Your post in “{post.topic.title[:80]}” is awaiting review: {why}.",
        url=post.get_absolute_url(),
        post_id=post.pk,
    )


def _unscreened_posts() -> tuple[QuerySet[Post], QuerySet[Post]]:
    """Posts whose current revision waits for screening: (pending posts without a result
    for the deployed model, edited posts whose current revision has no result at all)."""
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
    return pending, edited


def screening_backlog(
    within: Callable[[QuerySet[Post]], QuerySet[Post]] | None = None,
) -> dict[str, object]:
    """How many posts wait for screening and for how long the oldest has waited: "ok" while
    that is within settings.SCREENING_BACKLOG_MAX_SECONDS, "behind" after (GET /healthz
    then answers 503, and the admin index shows it). `within` narrows the posts counted
    (the moderation overview: a scoped moderator's groups)."""
    waiting = 0
    oldest = None
    for posts in _unscreened_posts():
        if within is not None:
            posts = within(posts)
        figures = posts.aggregate(n=Count("pk"), oldest=Min("current_revision__created_at"))
        waiting += figures["n"]
        if figures["oldest"] is not None and (oldest is None or figures["oldest"] < oldest):
            oldest = figures["oldest"]
    age = max(0.0, (timezone.now() - oldest).total_seconds()) if oldest is not None else 0.0
    bound = settings.SCREENING_BACKLOG_MAX_SECONDS
    return {
        "status": "ok" if age <= bound else "behind",
        "waiting": waiting,
        "oldest_seconds": round(age, 1),
        "bound_seconds": bound,
    }


def unscreened_revision_ids(limit: int = SWEEP_LIMIT) -> list[int]:
    """Current revisions left unscreened: pending posts without a result for the deployed
    model, and posts under review whose current revision has no result at all."""
    pending, edited = _unscreened_posts()
    ids = list(pending.order_by("pk").values_list("current_revision_id", flat=True)[:limit])
    if len(ids) < limit:
        ids += list(
            edited.order_by("pk").values_list("current_revision_id", flat=True)[: limit - len(ids)]
        )
    if len(ids) < limit:
        # Revisions replaced before their screening ran (a lost task): screened all the
        # same, for the case what they hold would open (issue 18 item 2).
        never = Revision.objects.filter(
            ~Exists(ScreeningResult.objects.filter(revision_id=OuterRef("pk")))
        )
        superseded = (
            never.exclude(post__status__in=_SKIP)
            .exclude(post__current_revision=F("pk"))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        ids += list(superseded[: limit - len(ids)])
    return ids


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
