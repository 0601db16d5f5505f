"""Who may see and act on moderation cases."""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model, QuerySet

from accounts.access import AnyUser, is_active_member, is_moderator, moderates_group
from accounts.powers import has_session_powers
from moderation.models import Case

M = TypeVar("M", bound=Model)


def _scoped_group_ids(user: AnyUser) -> list[int] | None:
    """The groups a scoped moderator covers, or None for a global moderator or staff."""
    if user.is_staff:
        return None
    scoped = getattr(user, "moderated_groups", None)
    if scoped is None:
        return None
    ids = list(scoped.values_list("pk", flat=True))
    return ids or None


def cases_for_moderator(user: AnyUser) -> QuerySet[Case]:
    """Every case a moderator may see: all of them, or only their groups' when scoped."""
    if not is_moderator(user):
        return Case.objects.none()
    cases = Case.objects.all()
    group_ids = _scoped_group_ids(user)
    if group_ids is not None:
        cases = cases.filter(group_id__in=group_ids)
    return cases


def in_moderated_groups(user: AnyUser, rows: QuerySet[M], group_field: str) -> QuerySet[M]:
    """The rows (reached through `group_field`) in groups this moderator covers."""
    if not is_moderator(user):
        return rows.none()
    group_ids = _scoped_group_ids(user)
    if group_ids is None:
        return rows
    return rows.filter(**{f"{group_field}__in": group_ids})


def can_act_on_case(user: AnyUser, case: Case) -> bool:
    return moderates_group(user, case.group)


def is_staff_moderator(user: AnyUser) -> bool:
    """Staff powers in moderation (escalations, reopening): in a TOTP-passed session."""
    return bool(
        is_active_member(user) and (user.is_staff or user.is_superuser) and has_session_powers(user)
    )


def sees_site_wide_figures(user: AnyUser) -> bool:
    """Site-wide figures (author nudges, which carry no group) are for staff and global
    moderators; a scoped moderator sees their own groups' figures only."""
    return is_moderator(user) and _scoped_group_ids(user) is None


def suspensions_for_moderator(user: AnyUser, suspensions: QuerySet[M]) -> QuerySet[M]:
    """Suspensions a moderator may see: all for staff and global moderators; for a scoped
    one, those imposed through a case in their groups."""
    if not is_moderator(user):
        return suspensions.none()
    group_ids = _scoped_group_ids(user)
    if group_ids is None:
        return suspensions
    return suspensions.filter(moderation_actions__case__group_id__in=group_ids).distinct()
