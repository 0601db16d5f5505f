"""The numbers readers see on a post's versions.

A revision's own `number` counts every version its author wrote, held ones included. Only
the post's author and its group's moderators (in a TOTP-passed session) read unpublished
revisions (forum.access.sees_unpublished_revisions), so only they see those numbers.
Everyone else sees the published revisions numbered 1, 2, 3 ... in order: "versions 1, 2,
4" would tell them version 3 exists and was held. A URL's number is read in its viewer's
numbering, and a number past the viewer's count is as absent as one never used.

Public numbers are counted from RevisionPublication, not stored: only a post's newest
revision is ever published (forum.posting._mark_published) and publications are
append-only, so a published revision's public number never changes once it has one.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from forum.models import Revision, RevisionPublication


def published_revision_count(post: str = "pk") -> Coalesce:
    """An expression: how many revisions of the post (the outer query's `post` field)
    screening or a moderator published, which is the public number of its published
    revision, and so its public count of versions."""
    counted = (
        RevisionPublication.objects.filter(revision__post_id=OuterRef(post))
        .order_by()
        .values("revision__post_id")
        .annotate(published=Count("pk"))
        .values("published")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def public_number(revision: Revision) -> int | None:
    """The public number of `revision`, or None when it was never published (one query)."""
    places = RevisionPublication.objects.filter(
        revision__post_id=revision.post_id, revision__number__lte=revision.number
    ).aggregate(
        places=Count("pk"),
        published=Count("pk", filter=Q(revision_id=revision.pk)),
    )
    return places["places"] if places["published"] else None


def number_for_reader(revisions: Sequence[Revision], *, sees_unpublished: bool) -> None:
    """Give each revision (one post's, oldest first, as the reader may read them: all, or
    the published ones only) `shown_number`, its number in the reader's numbering, and
    `previous_number`, the shown number of the one before it in the list (None first)."""
    previous = None
    for place, revision in enumerate(revisions, start=1):
        revision.shown_number = revision.number if sees_unpublished else place
        revision.previous_number = previous
        previous = revision.shown_number


def nth_published(revisions: QuerySet[Revision], number: int) -> Revision | None:
    """The published revision numbered `number` in the public numbering, or None: the
    same one query whether `number` is a held revision's own number, past the count, or
    never used."""
    published = revisions.filter(publication__isnull=False).order_by("number")
    return next(iter(published[number - 1 : number]), None)
