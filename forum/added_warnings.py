"""Content warnings added to a post by screening or a moderator (issue 20.2).

A warning the detector finds that the author did not declare protects readers at once:
the post is shown collapsed behind it (Post.added_warnings, read by
forum/_post_main.html), labelled "added by screening" or "added by a moderator", and the
author is told and asked to confirm on their post:

- "Keep this warning": it reads as declared from then on (the entry's "by" becomes
  "author"); the author's next edit starts with it ticked. An edit that declares it
  answers the same way (declared_in_edit).
- "This does not apply": recorded, and a low-priority case opens for the group's
  moderators (the `added_warning_disputed` signal; moderation connects to it). The
  collapse stays until a moderator decides: they remove the warning from the case page,
  or leave it and resolve the case.

Every change is an append-only ContentWarningEvent (who, which warning, when). The
collapse never shows readers anything they could not read before: it only hides
published text behind a summary.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import Signal

from accounts.models import User
from forum.choices import TriggerWarning
from forum.models import ContentWarningEvent, Post, Revision
from notifications.choices import NotificationKind
from notifications.delivery import Notice, notify, notify_many

SCREENING = "screening"
MODERATOR = "moderator"
AUTHOR = "author"

# The author said an added warning does not apply: sent after the commit that recorded
# it. Keyword arguments: post_id, warnings (values). Moderation opens a case for it.
added_warning_disputed = Signal()

Action = ContentWarningEvent.Action


def _valid(warnings: Sequence[str]) -> list[str]:
    return sorted({w for w in warnings if w in TriggerWarning.values and w != TriggerWarning.NONE})


def declared_by_post(post: Post) -> set[str]:
    """What the post's newest revision declares (the author's own warnings)."""
    revision = post.current_revision
    return set(revision.warnings) if revision is not None else set()


def _removed_by_moderators(post_ids: Sequence[int]) -> set[tuple[int, str]]:
    """(post, warning) pairs a moderator took off: screening does not add them again when
    the author edits the post (the moderator decided they do not apply)."""
    return set(
        ContentWarningEvent.objects.filter(
            post_id__in=post_ids, action=Action.MODERATOR_REMOVED
        ).values_list("post_id", "warning")
    )


def add_warnings(
    *,
    post: Post,
    warnings: Sequence[str],
    by: str,
    actor: User | None = None,
    revision: Revision | None = None,
    confidence: dict[str, float] | None = None,
    held: bool = False,
    tell: bool = True,
) -> list[str]:
    """Collapse the post behind these warnings (those not already on it, added or declared)
    and tell its author (unless `tell` is False: screening's hold notice says it). Returns
    the warnings added. Call inside a transaction; the post's row is locked here."""
    if by not in (SCREENING, MODERATOR):
        raise ValueError(f"unknown source {by!r}")
    wanted = _valid(warnings)
    if not wanted:
        return []
    locked = Post.objects.select_for_update().select_related("topic").get(pk=post.pk)
    present = {entry.get("warning") for entry in locked.added_warnings}
    if by == MODERATOR:
        present |= declared_by_post(locked)
    else:
        present |= {w for _, w in _removed_by_moderators([locked.pk])}
    new = [w for w in wanted if w not in present]
    if not new:
        return []
    added = [*locked.added_warnings, *({"warning": w, "by": by} for w in new)]
    Post.objects.filter(pk=locked.pk).update(added_warnings=added)
    post.added_warnings = added
    if by == SCREENING:
        action = Action.SCREENING_HELD if held else Action.SCREENING_ADDED
    else:
        action = Action.MODERATOR_ADDED
    ContentWarningEvent.objects.bulk_create(
        ContentWarningEvent(
            post=locked,
            warning=w,
            action=action,
            actor=actor,
            revision=revision,
            confidence=(confidence or {}).get(w),
        )
        for w in new
    )
    if not tell:
        return new
    who = "Screening" if by == SCREENING else "A moderator"
    notify(
        recipient=locked.author,
        kind=NotificationKind.MODERATION,
        message=_told(locked, new, who=who, held=held),
        url=locked.get_absolute_url(),
        post_id=locked.pk,
    )
    return new


def add_screening_warnings_many(
    items: Sequence[tuple[Post, Revision, Sequence[str], dict[str, float], bool]],
) -> None:
    """add_warnings(by=SCREENING) for a screening batch in a fixed number of statements
    (one update, one insert of the record, one of the notices): items are (post,
    revision, warnings, the detector's confidence, held), the posts locked by the caller
    with their added_warnings read under the lock."""
    if not items:
        return
    changed: list[Post] = []
    events: list[ContentWarningEvent] = []
    notices: list[Notice] = []
    removed = _removed_by_moderators([item[0].pk for item in items])
    for post, revision, warnings, confidence, held in items:
        present = {entry.get("warning") for entry in post.added_warnings}
        present |= {w for pk, w in removed if pk == post.pk}
        new = [w for w in _valid(warnings) if w not in present]
        if not new:
            continue
        post.added_warnings = [
            *post.added_warnings,
            *({"warning": w, "by": SCREENING} for w in new),
        ]
        changed.append(post)
        action = Action.SCREENING_HELD if held else Action.SCREENING_ADDED
        events += [
            ContentWarningEvent(
                post=post, warning=w, action=action, revision=revision, confidence=confidence.get(w)
            )
            for w in new
        ]
        if not held:  # a hold's own notice says why (moderation/revision_screening.py)
            notices.append(
                Notice(
                    recipient_id=post.author_id,
                    kind=NotificationKind.MODERATION,
                    message=_told(post, new, who="Screening", held=False),
                    url=post.get_absolute_url(),
                    post_id=post.pk,
                )
            )
    if changed:
        Post.objects.bulk_update(changed, ["added_warnings"])
        ContentWarningEvent.objects.bulk_create(events)
        notify_many(notices)


def _told(post: Post, new: Sequence[str], *, who: str, held: bool) -> str:
    labels = ", ".join(TriggerWarning(w).label for w in new)
    shown = (
        "readers will see it collapsed behind" if held else "readers now see it collapsed behind"
    )
    return (
        f"{who} added a content warning to your post in “{post.topic.title[:80]}”: "
        f"{labels}; {shown} it. Keep it, or tell the moderators it does not apply."
    )


def _asked(post: Post) -> list[dict[str, object]]:
    return [
        entry
        for entry in post.added_warnings
        if entry.get("by") in (SCREENING, MODERATOR) and not entry.get("disputed")
    ]


def _own_post_locked(author: User, post: Post) -> Post:
    if post.author_id != author.pk:
        raise PermissionDenied("Only the post's author can answer about its warnings.")
    locked = Post.objects.select_for_update().get(pk=post.pk)
    if locked.is_tombstone:
        raise PermissionDenied("This post can no longer be changed.")
    return locked


def _chosen(asked: list[dict[str, object]], warnings: Sequence[str] | None) -> list[str]:
    values = [str(entry["warning"]) for entry in asked]
    if warnings is None:
        return values
    chosen = [w for w in _valid(warnings) if w in values]
    if not chosen:
        raise ValidationError("Choose a warning that was added to your post.")
    return chosen


def keep_warnings(*, author: User, post: Post, warnings: Sequence[str] | None = None) -> list[str]:
    """The author keeps the added warnings (all that are waiting for an answer, or
    `warnings`): they read as declared from then on."""
    with transaction.atomic():
        locked = _own_post_locked(author, post)
        asked = _asked(locked)
        if not asked:
            raise ValidationError("No added warning is waiting for your answer.")
        chosen = _chosen(asked, warnings)
        added = [
            {"warning": entry["warning"], "by": AUTHOR}
            if entry.get("warning") in chosen and entry in asked
            else entry
            for entry in locked.added_warnings
        ]
        Post.objects.filter(pk=locked.pk).update(added_warnings=added)
        ContentWarningEvent.objects.bulk_create(
            ContentWarningEvent(post=locked, warning=w, action=Action.AUTHOR_KEPT, actor=author)
            for w in chosen
        )
    post.added_warnings = added
    return chosen


def declared_in_edit(*, author: User, post: Post, declared: Sequence[str]) -> list[str]:
    """The author's edit declares warnings screening or a moderator added: that answers
    the question ("keep"), recorded as such. Call in the edit's transaction."""
    locked = Post.objects.select_for_update().get(pk=post.pk)
    chosen = [str(entry["warning"]) for entry in _asked(locked) if entry.get("warning") in declared]
    if chosen and locked.author_id == author.pk:
        keep_warnings(author=author, post=locked, warnings=chosen)
        post.added_warnings = locked.added_warnings
    return chosen


def dispute_warnings(
    *, author: User, post: Post, warnings: Sequence[str] | None = None
) -> list[str]:
    """The author says the added warnings (or `warnings`) do not apply: recorded, and a
    case opens for the moderators (after the commit). The post stays collapsed until a
    moderator removes the warning."""
    with transaction.atomic():
        locked = _own_post_locked(author, post)
        asked = _asked(locked)
        if not asked:
            raise ValidationError("No added warning is waiting for your answer.")
        chosen = _chosen(asked, warnings)
        added = [
            {**entry, "disputed": True}
            if entry.get("warning") in chosen and entry in asked
            else entry
            for entry in locked.added_warnings
        ]
        Post.objects.filter(pk=locked.pk).update(added_warnings=added)
        ContentWarningEvent.objects.bulk_create(
            ContentWarningEvent(post=locked, warning=w, action=Action.AUTHOR_DISPUTED, actor=author)
            for w in chosen
        )
        transaction.on_commit(
            lambda: added_warning_disputed.send(sender=Post, post_id=locked.pk, warnings=chosen)
        )
    post.added_warnings = added
    return chosen


def remove_warning(*, moderator: User, post: Post, warning: str) -> bool:
    """A moderator takes an added warning off the post (the author said it does not
    apply, and the moderator agrees). The caller checks the moderator's scope. Declared
    warnings are the author's and are not touched."""
    with transaction.atomic():
        locked = Post.objects.select_for_update().select_related("topic").get(pk=post.pk)
        kept = [e for e in locked.added_warnings if e.get("warning") != warning]
        if len(kept) == len(locked.added_warnings):
            return False
        Post.objects.filter(pk=locked.pk).update(added_warnings=kept)
        ContentWarningEvent.objects.create(
            post=locked, warning=warning, action=Action.MODERATOR_REMOVED, actor=moderator
        )
        notify(
            recipient=locked.author,
            kind=NotificationKind.MODERATION,
            message=(
                f"A moderator removed the content warning “{TriggerWarning(warning).label}” "
                f"added to your post in “{locked.topic.title[:80]}”."
            ),
            url=locked.get_absolute_url(),
            post_id=locked.pk,
        )
    post.added_warnings = kept
    return True
