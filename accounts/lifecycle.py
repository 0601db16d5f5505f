"""A member's own data: export it as JSON, or leave (deactivate the account)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import License, User


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def export_user_data(*, user: User) -> dict[str, Any]:
    """Everything the member wrote or declared: profile, licenses, posts and revisions."""
    from forum.models import Membership, Post, Revision

    licenses = License.objects.filter(user=user).prefetch_related("history").order_by("id")
    posts = Post.objects.filter(author=user).select_related("topic", "topic__group").order_by("id")
    revisions: dict[int, list[dict[str, Any]]] = {}
    for revision in Revision.objects.filter(post__author=user).order_by("post_id", "number"):
        revisions.setdefault(revision.post_id, []).append(
            {
                "number": revision.number,
                "body": revision.body,
                "disclaimer": revision.disclaimer,
                "disclaimer_text": revision.disclaimer_text,
                "trigger_warnings": revision.trigger_warnings,
                "reason": revision.reason,
                "editor_is_me": revision.editor_id == user.pk,
                "created_at": _iso(revision.created_at),
            }
        )
    return {
        "format": "clinician-commons-export/1",
        "exported_at": timezone.now().isoformat(),
        "profile": {
            "email": user.email,
            "display_name": user.display_name,
            "handle": user.handle,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "time_zone": user.time_zone,
            "date_joined": _iso(user.date_joined),
            "is_organizer": user.is_organizer,
            "is_moderator": user.is_moderator,
        },
        "licenses": [
            {
                "license_type": lic.license_type,
                "license_type_other": lic.license_type_other,
                "jurisdiction": lic.jurisdiction,
                "number": lic.number,
                "holder_name": lic.holder_name,
                "npi": lic.npi,
                "expires_on": _iso(lic.expires_on),
                "state": lic.state,
                "verification_method": lic.verification_method,
                "verified_at": _iso(lic.verified_at),
                "has_evidence": bool(lic.evidence),
                "history": [
                    {
                        "from": change.from_state,
                        "to": change.to_state,
                        "reason": change.reason,
                        "at": _iso(change.created_at),
                    }
                    for change in lic.history.all()
                ],
            }
            for lic in licenses
        ],
        "memberships": [
            {"group": m.group.name, "state": m.state, "role": m.role, "since": _iso(m.created_at)}
            for m in Membership.objects.filter(user=user).select_related("group").order_by("id")
        ],
        "posts": [
            {
                "id": post.pk,
                "topic": post.topic.title,
                "group": post.topic.group.name,
                "number": post.number,
                "status": post.status,
                "created_at": _iso(post.created_at),
                "revisions": revisions.get(post.pk, []),
            }
            for post in posts
        ],
    }


def deactivate_account(*, user: User) -> User:
    """The member leaves: sign-in stops, posts stay, attributed to a former member."""
    # is_active=False also ends every session: the auth backend refuses inactive users.
    with transaction.atomic():
        User.objects.filter(pk=user.pk, deactivated_at__isnull=True).update(
            deactivated_at=timezone.now(), is_active=False
        )
    user.refresh_from_db()
    return user
