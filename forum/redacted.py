"""What readers see of a revision a moderator redacted passages of (issue 21 item 3).

A revision is immutable, so its row keeps the original; the text every page shows is the
newest RevisionSpanRedaction's `body` and `body_html`, with each redacted passage replaced
by REDACTED_MARKER. Each function that loads revisions for a page, a diff, search, a digest,
a quote or an export passes them through `show_redacted_spans`, which swaps the text on
the loaded objects (never saved: revisions are append-only). Posts whose versions have no
redacted passage (Post.redacted_spans == 0) cost no query.
"""

from __future__ import annotations

from collections.abc import Iterable

from forum.models import Post, Revision, RevisionSpanRedaction

REDACTED_MARKER = "[redacted by a moderator]"


def show_redacted_spans(revisions: Iterable[Revision | None]) -> None:
    """Replace each revision's body and body_html with its redacted text, if a moderator
    redacted passages of it (one query for all of them). Each revision redacted gets
    `spans_redacted_at`, the time of the newest redaction; the others get None."""
    by_id: dict[int, list[Revision]] = {}
    for revision in revisions:
        if revision is not None:
            by_id.setdefault(revision.pk, []).append(revision)
    if not by_id:
        return
    newest: dict[int, RevisionSpanRedaction] = {}
    for redaction in RevisionSpanRedaction.objects.filter(revision_id__in=by_id).order_by("id"):
        newest[redaction.revision_id] = redaction
    for revision_id, same in by_id.items():
        redaction = newest.get(revision_id)
        for revision in same:
            if redaction is None:
                revision.spans_redacted_at = None
                continue
            revision.body = redaction.body
            revision.body_html = redaction.body_html
            revision.spans_redacted_at = redaction.redacted_at


def show_redacted_spans_of_posts(posts: Iterable[Post], *fields: str) -> None:
    """show_redacted_spans for the revisions in `fields` (attribute names: "shown_revision",
    "published_revision"...) of the posts that have redacted passages."""
    show_redacted_spans(
        getattr(post, name, None) for post in posts if post.redacted_spans for name in fields
    )
