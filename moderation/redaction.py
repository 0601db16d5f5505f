"""Redacting a version of a post, or passages of it, from its moderation case (issue 18
item 2, issue 21 item 3)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import User
from forum.models import Revision, RevisionRedaction
from forum.posting import SpanRedacted, revision_redact, revision_redact_span
from moderation.access import cases_for_moderator


def _case_revision(*, moderator: User, case_id: int, revision_number: int) -> Revision:
    """Version `revision_number` of the case's post. The case must be one the moderator may
    see (a TOTP-passed session; scoped moderators: their groups only)."""
    case = cases_for_moderator(moderator).filter(pk=case_id).select_related("post").first()
    if case is None:
        raise PermissionDenied("No such case, or not in your groups.")
    revision = Revision.objects.filter(post_id=case.post_id, number=revision_number).first()
    if revision is None:
        raise ValidationError("That post has no such version.")
    return revision


def redact_from_case(
    *, moderator: User, case_id: int, revision_number: int, reason: str
) -> RevisionRedaction:
    """Redact version `revision_number` of the case's post as a whole."""
    revision = _case_revision(moderator=moderator, case_id=case_id, revision_number=revision_number)
    return revision_redact(moderator=moderator, revision=revision, reason=reason)


def redact_span_from_case(
    *,
    moderator: User,
    case_id: int,
    revision_number: int,
    text: str,
    reason: str,
    every_version: bool,
) -> SpanRedacted:
    """Replace every occurrence of `text` in version `revision_number` of the case's post
    (and, with `every_version`, in its other versions) with the redaction marker."""
    revision = _case_revision(moderator=moderator, case_id=case_id, revision_number=revision_number)
    return revision_redact_span(
        moderator=moderator,
        revision=revision,
        text=text,
        reason=reason,
        every_version=every_version,
    )
