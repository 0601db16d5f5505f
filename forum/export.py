"""The forum part of a member's data export (config.member_data): memberships, the
member's posts with the revisions they wrote, the pictures they uploaded (with the text
screening read in them: theirs alone, it is shown to no reader), and their read positions
in topics."""

from __future__ import annotations

from typing import Any

from accounts.models import User
from config import member_data
from config.member_data import iso
from forum.models import Membership, Post, PostImage, Revision, TopicRead
from forum.redacted import show_redacted_spans


def memberships(user: User) -> list[dict[str, Any]]:
    return [
        {
            "group": m.group.name,
            "state": m.state,
            "role": m.role,
            "since": iso(m.created_at),
            "notify_level": m.notify_level,
            # Blank: as the member's own digest setting (profile's "digest").
            "digest": m.digest,
        }
        for m in Membership.objects.filter(user=user).select_related("group").order_by("id")
    ]


def posts(user: User) -> list[dict[str, Any]]:
    """The member's posts; of each, the revisions the member wrote (as its author)."""
    revisions: dict[int, list[dict[str, Any]]] = {}
    written = list(
        Revision.objects.filter(post__author=user, editor=user).order_by("post_id", "number")
    )
    # A passage a moderator redacted is the marker here too: it stays only in the
    # moderators' record (issue 21 item 3).
    show_redacted_spans(written)
    for revision in written:
        revisions.setdefault(revision.post_id, []).append(
            {
                "number": revision.number,
                "body": revision.body,
                "passages_redacted": revision.spans_redacted_at is not None,
                "disclaimer": revision.disclaimer,
                "disclaimer_text": revision.disclaimer_text,
                "trigger_warnings": revision.trigger_warnings,
                "reason": revision.reason,
                # Their answers on the identifier confirmation, as stored: {span key (a
                # digest of the flagged text): "colleague", "client"...}.
                "identifier_answers": revision.identifier_answers,
                "created_at": iso(revision.created_at),
            }
        )
    return [
        {
            "id": post.pk,
            "topic": post.topic.title,
            "group": post.topic.group.name,
            "number": post.number,
            "status": post.status,
            "created_at": iso(post.created_at),
            "revisions": revisions.get(post.pk, []),
        }
        for post in Post.objects.filter(author=user)
        .select_related("topic", "topic__group")
        .order_by("id")
    ]


def pictures(user: User) -> list[dict[str, Any]]:
    """The pictures the member uploaded: their description and the text Tesseract read in
    them for screening (forum/picture_text.py), which only they and moderators see."""
    return [
        {
            "key": str(image.key),
            "description": image.alt_text,
            "content_type": image.content_type,
            "width": image.width,
            "height": image.height,
            "uploaded_at": iso(image.created_at),
            "text_status": image.text_status,
            "text_read": image.text,
            "text_error": image.text_error,
        }
        for image in PostImage.objects.filter(uploader=user).order_by("id")
    ]


def reading_positions(user: User) -> list[dict[str, Any]]:
    """How far the member read each topic they opened (forum/reading_positions.py). Topic
    ids only: a title could be one the member may no longer see (a held or private topic)."""
    return [
        {
            "topic_id": read.topic_id,
            "last_read_post_number": read.last_read_post_number,
            "updated_at": iso(read.updated_at),
        }
        for read in TopicRead.objects.filter(user=user).order_by("topic_id")
    ]


def register() -> None:
    member_data.register("memberships", memberships)
    member_data.register("posts", posts)
    member_data.register("pictures", pictures)
    member_data.register("reading_positions", reading_positions)
