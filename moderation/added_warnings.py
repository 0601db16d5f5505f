"""Moderators and added content warnings (issue 20.2): add one from a case, remove one
an author disputed, and the case an author's "This does not apply" opens.

The forum keeps the warnings and their append-only record (forum/added_warnings.py);
this module checks who may act (a TOTP-passed moderator of the case's group) and files
the author's dispute in the post's case.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.models import User
from detectors.policy import MISSING_WARNING, Reason
from forum import added_warnings
from forum.choices import TriggerWarning
from forum.models import Post
from moderation import cases
from moderation.access import cases_for_moderator
from moderation.models import Case


def _case(moderator: User, case_id: int) -> Case:
    case = cases_for_moderator(moderator).filter(pk=case_id).select_related("post").first()
    if case is None:
        raise PermissionDenied("No such case, or not in your groups.")
    return case


def _warning(value: str) -> str:
    if value not in TriggerWarning.values or value == TriggerWarning.NONE:
        raise ValidationError("Choose a content warning to add.")
    return value


def add_warning_from_case(*, moderator: User, case_id: int, warning: str) -> bool:
    """Collapse the case's post behind `warning`, recorded as added by this moderator, and
    tell the author. False when the post already carries it (declared or added)."""
    warning = _warning(warning)
    case = _case(moderator, case_id)
    with transaction.atomic():
        added = added_warnings.add_warnings(
            post=case.post, warnings=[warning], by=added_warnings.MODERATOR, actor=moderator
        )
    return bool(added)


def remove_warning_from_case(*, moderator: User, case_id: int, warning: str) -> bool:
    """Take an added warning off the case's post (the moderator agrees it does not apply)."""
    warning = _warning(warning)
    case = _case(moderator, case_id)
    return added_warnings.remove_warning(moderator=moderator, post=case.post, warning=warning)


def on_added_warning_disputed(
    sender: object, *, post_id: int, warnings: list[str], **_: object
) -> None:
    """Receiver of forum.added_warnings.added_warning_disputed (connected in apps.py): the
    author says an added warning does not apply. It goes to the post's case (opened if
    none), ranked like any missing-warning case: below identifiers, incivility and flags."""
    post = Post.objects.select_related("topic").filter(pk=post_id).first()
    if post is None:
        return
    labels = ", ".join(TriggerWarning(w).label for w in warnings if w in TriggerWarning.values)
    with transaction.atomic():
        cases.open_or_merge_case(
            post=post,
            reasons=[Reason(MISSING_WARNING, f"the author says {labels} does not apply")],
        )
