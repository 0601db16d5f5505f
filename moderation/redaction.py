"""Redacting a version of a post from its moderation case (issue 18 item 2)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import User
from forum.models import Revision, RevisionRedaction
from forum.posting import revision_redact
from moderation.access import cases_for_moderator


def redact_from_case(
    *, moderator: User, case_id: int, revision_number: int, reason: str
) -> RevisionRedaction:
    """Redact version `revision_number` of the case's post. The case must be one the
    moderator may see (a TOTP-passed session; scoped moderators: their groups only)."""
    case = cases_for_moderator(moderator).filter(pk=case_id).select_related("post").first()
    if case is None:
        raise PermissionDenied("No such case, or not in your groups.")
    revision = Revision.objects.filter(post_id=case.post_id, number=revision_number).first()
    if revision is None:
        raise ValidationError("That post has no such version.")
    return revision_redact(moderator=moderator, revision=revision, reason=reason)
