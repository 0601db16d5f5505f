"""Reading again the pictures that could not be read, once Tesseract can read them.

A picture Tesseract could not read (not installed on that machine, a failure, a timeout,
or left unread when the task ran out of time) holds its post for a moderator
(forum/picture_text.py), and screening never reads it again by itself. Once Tesseract
works (`make ocr` on the screening worker's machine), `manage.py reread_pictures` finds
the posts held for that reason alone and screens each again through the normal path
(moderation.revision_screening.screen_revisions with reread=True): the pictures are read,
their text is screened with the post's words and never reaches readers (it is kept on the
picture, not in the post), and the policy decides as for any new post: published (the
case stays open with a note for a moderator to close, as after an edit that passed),
held for what the picture shows (identifiers: the case names the picture), or still
held when a picture again cannot be read. Each re-screening is its own ScreeningResult,
numbered (`reread`), beside the first.

Left alone: posts held for any other reason too (a moderator decides those anyway),
posts whose case a moderator has claimed (they are looking at it), and everything when
Tesseract is not installed here (NoReader). Running it twice does nothing the second
time: a post no longer held for its pictures alone is skipped under its lock.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from forum import picture_text
from forum.choices import PostStatus
from forum.models import PictureTextStatus, Post, PostImage, RevisionImage
from moderation import revision_screening
from moderation.claims import claim_holder_id
from moderation.models import ACTIVE_CASE_STATES, Case, ScreeningResult

logger = logging.getLogger(__name__)


class NoReader(Exception):
    """Tesseract is not installed where this runs: nothing can be read again."""


@dataclass(frozen=True)
class Waiting:
    """A post held only because pictures of its current revision could not be read."""

    post_id: int
    revision_id: int
    case_id: int | None
    image_ids: tuple[int, ...]
    claimed_by: int | None


def waiting_posts(*, post_ids: list[int] | None = None) -> list[Waiting]:
    """The held posts whose current revision's latest screening held it for pictures that
    could not be read and for nothing else, oldest first (`post_ids`: only among these)."""
    not_read = RevisionImage.objects.filter(revision_id=OuterRef("current_revision_id")).exclude(
        image__text_status=PictureTextStatus.READ
    )
    posts = Post.objects.filter(status=PostStatus.HELD, current_revision__isnull=False).filter(
        Exists(not_read)
    )
    if post_ids is not None:
        posts = posts.filter(pk__in=post_ids)
    revisions = dict(posts.order_by("pk").values_list("pk", "current_revision_id"))
    if not revisions:
        return []
    # The latest result of each (later ones overwrite; SQLite has no DISTINCT ON).
    latest = {
        result.revision_id: result
        for result in ScreeningResult.objects.filter(revision_id__in=revisions.values()).order_by(
            "created_at", "pk"
        )
    }
    images: dict[int, list[int]] = {}
    for revision_id, image_id in (
        RevisionImage.objects.filter(revision_id__in=revisions.values())
        .exclude(image__text_status=PictureTextStatus.READ)
        .order_by("image_id")
        .values_list("revision_id", "image_id")
    ):
        images.setdefault(revision_id, []).append(image_id)
    active = {
        case.post_id: case
        for case in Case.objects.filter(post_id__in=revisions, state__in=ACTIVE_CASE_STATES)
    }
    found = []
    for post_id, revision_id in revisions.items():
        result = latest.get(revision_id)
        if result is None or not revision_screening.held_for_pictures_only(result):
            continue
        case = active.get(post_id)
        found.append(
            Waiting(
                post_id=post_id,
                revision_id=revision_id,
                case_id=case.pk if case is not None else None,
                image_ids=tuple(images.get(revision_id, ())),
                claimed_by=claim_holder_id(case) if case is not None else None,
            )
        )
    return found


def check_reader() -> None:
    """NoReader when Tesseract is not installed where this runs."""
    if picture_text.tesseract_path() is None:
        raise NoReader(
            f"Tesseract is not installed here ({picture_text.TESSERACT!r} is not on the PATH; "
            "`make ocr` installs it)"
        )


def reread(waiting: Waiting) -> str:
    """Read the post's pictures again and screen it again; what screening did ("publish",
    "queue", "hold", "unreadable" when a picture again could not be read, "duplicate"
    when the post was no longer held for its pictures alone). Raises NoReader without
    Tesseract (nothing is changed then)."""
    check_reader()
    # A failed reading is kept and never retried by screening: mark it unread, so the
    # screening below reads it (each reading is kept at once, as in a screening task).
    PostImage.objects.filter(pk__in=waiting.image_ids, text_status=PictureTextStatus.FAILED).update(
        text_status=PictureTextStatus.UNREAD, text="", text_error="", text_read_at=None
    )
    outcome = revision_screening.screen_revisions(
        [waiting.revision_id], own=waiting.revision_id, reread=True
    ).get(waiting.revision_id, "missing")
    logger.info(
        "pictures of post %s read again: %s (revision %s, case %s)",
        waiting.post_id,
        outcome,
        waiting.revision_id,
        waiting.case_id,
    )
    return outcome
